// Placeholders: how the narrative names a figure instead of typing it.
//
//   {{ measure @ place [: period] [| style] }}    a value
//   {{ name place }}   {{ title measure }}        a place's name, a measure's title
//   {{ best measure in group [: period] [| style] }}, {{ best_place measure in group }}
//   {{ rank measure @ place in group }}            league-table rank ("2=")
//   {{ quartile measure @ place in group }}        "top quartile" ... "bottom quartile"
//   {{ gap measure @ place in group }}             distance to the group's best ("4.3 percentage points")
//   {{ gap_people measure @ place in group per population_measure }}
//                                                  that gap as people ("230")
//   {{ compare measure @ place with other }}       "£100 more than Coventry", "4.3 percentage points higher than ..."
//   {{ compare measure @ place with other relative }}  the change relative to other: "17% more than Coventry"
//   {{ source measure @ place [: period] }}        a footnote citing the figure's source
//   {{ how measure @ place }}                      how a derived figure was computed
//   {{ ref id }}                                   "Table 3" / "Figure 2", linked
//   {{ if [not] best measure @ place in group }} ... {{ else }} ... {{ end }}
//   {{ if [not] worst measure @ place in group }}, {{ if [not] same measure @ place with other }}
//                                                  text kept only when the condition holds
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/format.h"

namespace ep::narrative {

enum class PlaceholderKind { Value, Name, Title, Best, BestPlace, Rank, Quartile, Gap, GapPeople, Compare, Source, How, Ref,
                             If, Else, End };

// What an {{ if }} tests: the place has the group's best (or worst) figure, ties included, or
// its figure is the other place's as printed (their difference rounds to nothing).
enum class Condition { Best, Worst, Same };

struct Placeholder {
    PlaceholderKind kind = PlaceholderKind::Value;
    std::string measure;
    std::string place;                    // Value, Rank, Source, How; Name: the place
    std::string group;                    // Best, BestPlace, Rank, Quartile, Gap, GapPeople
    std::string population;               // GapPeople: measure holding the population
    std::string other;                    // Compare: the place compared with
    std::string id;                       // Ref
    bool relative = false;                // Compare: the change relative to other, in per cent
    Condition condition = Condition::Best;   // If
    bool negated = false;                 // If: "if not ..."
    std::optional<std::string> period;
    std::optional<Style> style;
    Location where;                       // of the opening "{{"
    size_t begin = 0, end = 0;            // byte range of "{{ ... }}" in the scanned text
};

// Parses the text between "{{" and "}}". `where` is the location of "{{". Throws ep::Error
// with the column of the offending word.
Placeholder parse_placeholder(std::string_view inner, const Location& where);

// Finds every placeholder in `text` (a whole file; line 1 column 1 is its start). Each "{{"
// must have a matching "}}" on the same line. Problems are added to `diags`.
std::vector<Placeholder> scan_placeholders(std::string_view text, const std::string& file, Diagnostics& diags);

}  // namespace ep::narrative
