#include "narrative/allocation_table.h"

#include <algorithm>
#include <cstdio>

#include "calc/allocation.h"
#include "core/format.h"
#include "core/text.h"

namespace ep::narrative {

namespace {

std::string lower_first(std::string s) {
    if (s.size() > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z')) s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

model::TableCell figure_cell(const Value& v, Style style) {
    model::Run r = model::text_run(format_value(v, style));
    r.figure_value = true;
    model::TableCell c;
    c.runs = {r};
    c.missing = v.is_missing();
    return c;
}

model::TableCell header_cell(const std::string& text, bool bold = false) {
    model::Run r = model::text_run(text);
    r.bold = bold;
    model::TableCell c;
    c.runs = {r};
    c.header = true;
    return c;
}

// The measure's title: in full for the caption, its short title (if any) for column headings.
std::string title_of(const data::Dataset& ds, const std::string& measure, bool short_form) {
    const data::Measure* m = ds.measure(measure);
    if (!m) return measure;
    return short_form && !m->short_title.empty() ? m->short_title : m->title;
}

}  // namespace

model::Table allocation_table(const calc::Figures& figures, const DirectiveFields& f, model::Table t,
                              std::vector<std::string>& sources) {
    const auto& ds = figures.dataset();
    const DirectiveField& af = f.at("allocation");
    // The inputs come from data/allocations.csv: a selection or model beside it would be ignored.
    for (const char* key : {"measures", "places", "period", "group_by", "model"})
        if (auto it = f.find(key); it != f.end())
            throw Error(it->second.where, std::string("'") + key +
                                              "' cannot be used with 'allocation': the allocation's inputs are set in "
                                              "data/allocations.csv");
    if (af.value.empty()) throw Error(af.where, "the directive needs 'allocation: name' (a name from data/allocations.csv)");
    std::string why;
    auto result = calc::run_allocation(figures, af.value, &why);
    if (!result) throw Error(af.where, why);
    const auto& r = *result;
    const auto& rule = *r.rule;

    // Which inputs are assumptions rather than published figures.
    bool las_illustrative = false, young_illustrative = false;
    for (const auto& row : r.rows) {
        las_illustrative = las_illustrative || calc::is_illustrative(row.authorities);
        young_illustrative = young_illustrative || calc::is_illustrative(row.population);
    }
    const std::string las_title = title_of(ds, rule.authorities.measure, false);
    const std::string young_title = title_of(ds, rule.population.measure, false);
    const std::string las_heading = title_of(ds, rule.authorities.measure, true);
    const std::string young_heading = title_of(ds, rule.population.measure, true);
    std::vector<std::string> illustrative;
    if (calc::is_illustrative(r.pot)) illustrative.push_back("the pot");
    if (calc::is_illustrative(r.lump_sum)) illustrative.push_back("the lump sum");
    if (calc::is_illustrative(r.weight_authorities) || calc::is_illustrative(r.weight_population))
        illustrative.push_back("the weights");
    if (las_illustrative) illustrative.push_back(lower_first(las_title));
    if (young_illustrative) illustrative.push_back(lower_first(young_title));

    bool all_regions = true;
    for (const auto& code : rule.recipients) {
        const data::Place* p = ds.place(code);
        all_regions = all_regions && p && p->kind == "region";
    }
    const std::string recipients_word = all_regions ? "regions" : "places";
    const std::string wa = format_value(r.weight_authorities.value);
    const std::string wp = format_value(r.weight_population.value);
    const std::string mark = " (illustrative)";

    // The inputs line, appended to the caption so both writers print it with the table.
    std::string inputs = "Inputs: " + format_value(r.pot.value, Style::MoneyExact) + " shared among " +
                         std::to_string(r.rows.size()) + " " + recipients_word + " as a lump sum of " +
                         format_value(r.lump_sum.value, Style::MoneyExact) + " each, the remaining " +
                         format_value(r.variable.to_value(), Style::MoneyExact) + " split " + wa + " by " +
                         lower_first(las_title) + " and " + wp + " by " + lower_first(young_title) + ".";
    if (!illustrative.empty()) {
        std::string list;
        for (size_t i = 0; i < illustrative.size(); ++i)
            list += (i == 0 ? "" : i + 1 == illustrative.size() ? " and " : ", ") + illustrative[i];
        inputs += " Illustrative, not published: " + list + ".";
    }
    inputs += " Rounded to the pound so that rows and columns add up.";
    std::string caption = t.caption;
    if (!caption.empty() && caption.back() != '.') caption += '.';
    t.caption = caption + " " + inputs;

    t.head.push_back({header_cell(all_regions ? "Region" : "Place"), header_cell(las_heading + (las_illustrative ? mark : "")),
                      header_cell(young_heading + (young_illustrative ? mark : "")),
                      header_cell(std::string("Lump sum") + (calc::is_illustrative(r.lump_sum) ? mark : "")),
                      header_cell("By " + lower_first(las_heading) + " (" + wa + ")"),
                      header_cell("By " + lower_first(young_heading) + " (" + wp + ")"), header_cell("Allocation")});
    t.align = {model::Align::Left,  model::Align::Right, model::Align::Right, model::Align::Right,
               model::Align::Right, model::Align::Right, model::Align::Right};
    std::string csv = "place,name,authorities,population,lump_sum,by_authorities,by_population,allocation,"
                      "allocation_unrounded,sources\n";
    for (const auto& row : r.rows) {
        const auto& line = row.rounded;
        t.body.push_back({header_cell(row.name), figure_cell(row.authorities.value, Style::Count),
                          figure_cell(row.population.value, Style::Count),
                          figure_cell(line.lump_sum.to_value(), Style::MoneyExact),
                          figure_cell(line.by_authorities.to_value(), Style::MoneyExact),
                          figure_cell(line.by_population.to_value(), Style::MoneyExact),
                          figure_cell(line.total.to_value(), Style::MoneyExact)});
        t.group_of_row.push_back("");
        std::vector<std::string> codes;
        for (const calc::Figure* fig : {&row.authorities, &row.population})
            for (const auto& s : fig->sources)
                if (std::find(codes.begin(), codes.end(), s) == codes.end()) codes.push_back(s);
        std::string row_sources;
        for (const auto& s : codes) row_sources += (row_sources.empty() ? "" : ";") + s;
        csv += csv_field(row.place) + "," + csv_field(row.name) + "," + raw_number(row.authorities.value) + "," +
               raw_number(row.population.value) + "," + raw_number(line.lump_sum.to_value()) + "," + raw_number(line.by_authorities.to_value()) +
               "," + raw_number(line.by_population.to_value()) + "," + raw_number(line.total.to_value()) + "," +
               raw_number(row.exact.total.to_value()) + "," + csv_field(row_sources) + "\n";
    }
    t.body.push_back({header_cell("Total", true), figure_cell(r.total_authorities.to_value(), Style::Count),
                      figure_cell(r.total_population.to_value(), Style::Count),
                      figure_cell(r.total.lump_sum.to_value(), Style::MoneyExact),
                      figure_cell(r.total.by_authorities.to_value(), Style::MoneyExact),
                      figure_cell(r.total.by_population.to_value(), Style::MoneyExact),
                      figure_cell(r.total.total.to_value(), Style::MoneyExact)});
    for (auto& cell : t.body.back())
        for (auto& run : cell.runs) run.bold = true;
    t.group_of_row.push_back("");
    csv += "total,Total," + raw_number(r.total_authorities.to_value()) + "," + raw_number(r.total_population.to_value()) + "," +
           raw_number(r.total.lump_sum.to_value()) + "," + raw_number(r.total.by_authorities.to_value()) + "," +
           raw_number(r.total.by_population.to_value()) + "," + raw_number(r.total.total.to_value()) + "," + raw_number(r.pot.value) + ",\n";
    t.csv = csv;
    for (const auto& s : r.sources)
        if (std::find(sources.begin(), sources.end(), s) == sources.end()) sources.push_back(s);
    return t;
}

}  // namespace ep::narrative
