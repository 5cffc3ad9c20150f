// Directives: fenced blocks (```table, ```chart, ```plan) that turn a data selection into a
// numbered table or figure in the document model.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "calc/figures.h"
#include "core/diagnostics.h"
#include "model/document.h"
#include "narrative/resolve.h"

namespace ep::geo {
class Atlas;
}

namespace ep::narrative {

struct DirectiveField {
    std::string value;
    Location where;    // of the value
};
using DirectiveFields = std::map<std::string, DirectiveField>;

// Parses "key: value" lines. Unknown keys, duplicates and lines without ':' are reported.
DirectiveFields parse_directive_body(const std::string& kind, const std::string& body, const std::string& file,
                                     int first_line, Diagnostics& diags);

// The anchor a directive will get: its `id`, else a slug of its caption/title.
std::string directive_id(const std::string& kind, const DirectiveFields& fields);

// Scans Markdown text for directives, in order, so cross-references ("see Table 3") can be
// resolved before the text is parsed. Adds to `refs` and advances the counters.
void collect_references(const std::string& text, const std::string& file, int& tables, int& figures,
                        std::map<std::string, Reference>& refs, Diagnostics& diags);

class DirectiveBuilder {
public:
    explicit DirectiveBuilder(const calc::Figures& figures) : figures_(figures) {}
    std::optional<model::Block> build(const std::string& kind, const std::string& body, const std::string& file,
                                      int body_line, Diagnostics& diags);
    // The pack's focus place: what `here` stands for in a `places:` list (```table, ```chart)
    // or a `place:` (```savings). Without a focus, `here` there is an error.
    void set_focus(std::string place) { focus_ = std::move(place); }
    // The boundaries maps (```chart type: map) are drawn from; without them a map is an error.
    void set_atlas(const geo::Atlas* atlas) { atlas_ = atlas; }
private:
    void here_to_focus(DirectiveFields& f, Diagnostics& diags) const;
    std::optional<model::Block> table(const DirectiveFields& f, Diagnostics& diags);
    std::optional<model::Block> scenario_table(const DirectiveFields& f);
    std::optional<model::Block> plan_table(const DirectiveFields& f);   // ```plan
    // ```facts (a panel of 'label: value' lines) and ```savings (how a computed saving follows
    // from its inputs, with the source's own figure checked against it): case_study.cpp.
    std::optional<model::Block> facts(const std::string& body, const std::string& file, int body_line,
                                      Diagnostics& diags);
    std::optional<model::Block> savings_table(const DirectiveFields& f);
    model::Table numbered_table(const DirectiveFields& f) const;
    model::Block table_block(model::Table t, const std::vector<std::string>& sources) const;
    std::optional<model::Block> chart(const DirectiveFields& f, Diagnostics& diags);
    // A choropleth map of one measure (map_chart.cpp); `fig` has its title, id and number.
    std::optional<model::Block> map_chart(const DirectiveFields& f, model::Figure fig);
    const calc::Figures& figures_;
    std::string focus_;
    const geo::Atlas* atlas_ = nullptr;
    int tables_ = 0, figures_count_ = 0;
};

// The text of an action's status cell ("Amber: in progress"): the status is always said in
// words, so colour is never the only sign of it.
std::string plan_status_text(const std::string& status);

// One sentence describing what a chart shows, generated from its data.
std::string chart_summary(const model::Chart& chart, const std::vector<std::string>& measure_titles,
                          const std::vector<Polarity>& polarities);

}  // namespace ep::narrative
