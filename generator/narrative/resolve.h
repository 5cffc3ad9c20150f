// Resolves placeholders against the data and calculations, producing the text that replaces
// them in the Markdown before it is parsed.
#pragma once

#include <map>
#include <set>
#include <string>

#include "calc/figures.h"
#include "core/diagnostics.h"
#include "narrative/placeholder.h"

namespace ep::narrative {

struct Reference {
    std::string label;   // "Table 3", "Figure 2"
    std::string anchor;  // id
};

class Resolver {
public:
    Resolver(const calc::Figures& figures, const std::map<std::string, Reference>& refs)
        : figures_(figures), refs_(refs) {}

    // Markdown text for one placeholder. Throws ep::Error at the placeholder's location.
    std::string resolve(const Placeholder& p);

    // Replaces every placeholder in `text`; appends footnote definitions for `source`
    // placeholders. Problems go to `diags`.
    std::string resolve_all(const std::string& text, const std::string& file, Diagnostics& diags);

    // The pack's focus place: the place code `here` stands for in a placeholder's place
    // ({{ name here }}, {{ x @ here }}, {{ rank x @ here in g }}, {{ compare x @ a with here }}).
    // Groups are never `here`. Without a focus, `here` is an error.
    void set_focus(std::string place) { focus_ = std::move(place); }
    const std::string& focus() const { return focus_; }

    // The source codes (data/sources.csv) of every figure a placeholder printed so far.
    const std::set<std::string>& sources_used() const { return sources_used_; }

private:
    std::string value_text(const Placeholder& p);
    std::string benchmark_text(const Placeholder& p);
    std::string compare_text(const Placeholder& p);
    // Whether an {{ if }} holds (its place codes already the focus's, not `here`).
    bool condition_holds(const Placeholder& p);
    // `p` with `here` made the focus place. Throws when the pack has none.
    Placeholder with_focus(const Placeholder& p) const;
    // A source footnote's two parts: the citation of the figure's sources, and how the figure
    // was computed from them ("" for a figure as published).
    struct SourceNote {
        std::string citation, computed;
    };
    SourceNote source_note(const calc::Figure& f);
    std::string source_footnote(const std::string& label, const SourceNote& note);
    const calc::Figures& figures_;
    const std::map<std::string, Reference>& refs_;
    std::map<std::string, std::string> source_footnotes_;   // label -> definition text (per file)
    // Per file (one section): each citation given in full, and the label of the note that has it.
    std::map<std::string, std::string> cited_in_file_;
    std::string focus_;
    std::set<std::string> sources_used_;
};

// The reserved place code that stands for the pack's focus place.
inline constexpr const char* kHerePlace = "here";
// The error for `here` in a pack that has no focus place.
inline constexpr const char* kNoFocusError =
    "'here' stands for the pack's own place, but this pack has none: add a 'focus' row to content/document.csv or a "
    "place of kind subregion to data/places.csv";

// A footnote cites a source in full once per section; the section's later notes citing the
// same source say "Source as note 4." with a link to that note. The resolver, which does not
// know the notes' numbers, writes the link to "#footnote:" + the first note's label;
// FootnoteRegistry::finish makes it "note 4" linking to "#fn-4".
inline constexpr const char* kFootnoteLinkPrefix = "#footnote:";

// Backslash-escapes Markdown punctuation so inserted text is taken literally.
std::string escape_markdown(const std::string& s);

// Resolved text read as plain text rather than Markdown (a directive's caption or title, a
// document.csv value, a key figure): the escapes escape_markdown added and the figure marks
// are taken out, so "Ynys Môn \(Isle of Anglesey\)" prints as "Ynys Môn (Isle of Anglesey)".
std::string resolved_plain_text(const std::string& resolved);

}  // namespace ep::narrative
