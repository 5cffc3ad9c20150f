// Helpers the directives' files share (internal to generator/narrative): directives.cpp defines
// them; map_chart.cpp (```chart type: map) uses them.
#pragma once

#include <string>
#include <vector>

#include "calc/figures.h"
#include "model/document.h"
#include "narrative/directives.h"

namespace ep::narrative {

// The ';'-separated items of a directive value, trimmed, empty ones dropped.
std::vector<std::string> list_of(const DirectiveField& f);
// Column of the `index`th ';'-separated item of a directive value, counting characters.
Location item_location(const DirectiveField& f, size_t index);
// The field `key`, or an Error at `fallback` saying the directive needs it.
const DirectiveField& required(const DirectiveFields& f, const std::string& key, const Location& fallback);
// Where a directive's first field is (for errors about the directive as a whole).
Location location_of(const DirectiveFields& f);

// Tidy CSV of the figures behind a table or chart: one row per figure, its value as printed,
// the source's own value where it differs, and the unrounded value where printing rounded it.
struct CsvBuilder {
    static constexpr const char* kHeader = "measure,title,place,period,value,unit,status,stated,unrounded,source";
    std::string text = std::string(kHeader) + "\n";
    void add(const data::Dataset& ds, const calc::Figure& f) { text += row(ds, f) + "\n"; }
    static std::string row(const data::Dataset& ds, const calc::Figure& f);   // without the line end
};

// Source line under a table or figure: the titles of every source behind its figures.
model::Runs source_line(const data::Dataset& ds, const std::vector<std::string>& codes);
void add_unique(std::vector<std::string>& into, const std::vector<std::string>& from);

// The sentence describing a map (chart_summary's for type map): the places in the highest and
// lowest bands, those with no figure, and the place outlined. `title`: the measure's, lower case.
std::string map_summary(const model::Chart& chart, const std::string& title);

}  // namespace ep::narrative
