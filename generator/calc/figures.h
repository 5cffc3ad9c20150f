// Resolves any figure the pack prints: a reported observation, or a derived figure computed
// through calc/calculations from other figures. Each result carries its inputs, so the pack
// can say how it was computed and where it came from.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/value.h"
#include "data/dataset.h"

namespace ep::calc {

struct Figure {
    std::string measure, place, period;
    Value value;
    bool derived = false;
    std::string calculation;               // derived: name of the calculation
    std::vector<Figure> inputs;            // derived: the figures it was computed from
    const data::Observation* observation = nullptr;   // reported: the row it came from
    // Sources behind the figure (reported: its own; derived: its inputs'), no duplicates.
    std::vector<std::string> sources;
};

class Figures {
public:
    explicit Figures(const data::Dataset& ds) : ds_(ds) {}

    // The figure for (measure, place, period). Without a period: the derivation's period, or
    // the latest reported one. nullopt with `why` set when there is no such figure.
    std::optional<Figure> get(const std::string& measure, const std::string& place,
                              const std::optional<std::string>& period, std::string* why) const;

    // Latest period with a reported value of `measure` for `place` ("" if none).
    std::string latest_period(const std::string& measure, const std::string& place) const;

    const data::Dataset& dataset() const { return ds_; }

private:
    std::optional<Figure> compute(const data::Derivation& dv, const std::string& place, std::string* why,
                                  int depth) const;
    std::optional<Figure> get_at(const std::string& measure, const std::string& place,
                                 const std::optional<std::string>& period, std::string* why, int depth) const;
    const data::Dataset& ds_;
};

// How a derived figure was computed, in words a reader can check ("£16.4m ÷ 18,700").
std::string explain(const Figure& f);

// ---- benchmarks --------------------------------------------------------------------------

struct Ranked {
    std::string place;
    Value value;
    int rank = 0;          // 1 = best; tied places share a rank
    bool tied = false;
};

// Ranks the places' values by polarity (best first). Missing values are left out: a missing
// figure is never "best". With Polarity::None, higher ranks first.
std::vector<Ranked> rank_places(std::vector<std::pair<std::string, Value>> values, Polarity polarity);

// League-table label: "1", "2=" (tied), "6".
std::string rank_label(const Ranked& r);

// The ranked figures of `measure` for every member of `group` in `period`.
std::vector<Ranked> rank_in_group(const Figures& figures, const std::string& measure, const std::string& group,
                                  const std::optional<std::string>& period, std::string* why);

// Quartile of `place` among the ranked places: 1 = the best quarter ... 4 = the worst.
// nullopt when the place has no figure.
std::optional<int> quartile_position(const std::vector<Ranked>& ranked, const std::string& place);
std::string quartile_label(int quartile);   // "top quartile", "second quartile", ...

// How far a place is from the best in its group, in the measure's unit (percentage points for
// percentages; positive means worse), and, when a population is given, in people ("if Coventry
// matched the best, N more young people would ...": only for percentage measures).
struct Gap {
    Value to_best;
    std::string best_place;
    Value best;
    Value people;   // missing unless a population was given and the measure is a percentage
};
std::optional<Gap> gap_to_best(const std::vector<Ranked>& ranked, const std::string& place,
                               const std::optional<Value>& population);

// ---- the figure audit --------------------------------------------------------------------

// Whether two values of one figure agree: within both figures' rounding (a computed value has
// none), the same rating, or both missing.
bool agrees(const Value& a, const Value& b);

// The source's own values for the figure `f` that disagree with it, as typed, each with where
// the source prints it when the data says ("76.6% (section 5.1 child health table)"); "; "
// between them. Empty when every value the source states agrees with `f`.
std::string stated_otherwise(const data::Dataset& ds, const Figure& f);

// A figure as a download gives it: `value` the number the page prints (`printed`, the text it
// shows: "£16.4m" gives 16400000), `status` "reported", "computed" or the reason it is missing,
// `unrounded` the value before rounding when printing rounded it ("" otherwise).
struct DownloadedValue {
    std::string value, status, unrounded;
};
DownloadedValue as_downloaded(const Figure& f, const std::string& printed);

// data/observations.csv as the site offers it: each row with the figure the pack prints for its
// place, measure and period, whether that is reported or computed, and the row's own value in
// `stated` where it differs (the seed's 5,302 beside the computed 5,320).
std::string printed_observations_csv(const Figures& figures);

struct Finding {
    Location where;
    std::string message;   // for `check`: codes and line numbers, to find the rows
    std::string reader;    // for the published pages: names, no file positions ("" = message)
};

// Recomputes every derived figure the data also states as reported, and lists each
// disagreement beyond the reported figure's rounding; also lists two sources giving different
// values for the same place, measure and period.
std::vector<Finding> audit(const Figures& figures);

}  // namespace ep::calc
