#include "narrative/directives.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "calc/calculations.h"
#include "calc/scenarios.h"
#include "core/format.h"
#include "core/text.h"
#include "narrative/allocation_table.h"
#include "narrative/directive_parts.h"
#include "narrative/markdown.h"
#include "narrative/resolve.h"

namespace ep::narrative {

namespace {

// A ```plan is a table too: numbered and referenced as "Table N".
bool is_table_kind(const std::string& kind) { return kind == "table" || kind == "plan" || kind == "savings"; }

const std::set<std::string>& keys_for(const std::string& kind) {
    static const std::set<std::string> table = {"caption", "measures", "places", "period", "group_by", "id", "model",
                                                "allocation"};
    static const std::set<std::string> chart = {"type",    "title",      "measures",  "places", "period", "periods", "id",
                                                // maps (map_chart.cpp)
                                                "group",   "classes",    "boundaries", "highlight"};
    static const std::set<std::string> plan = {"caption", "plan", "groups", "id"};
    static const std::set<std::string> savings = {"caption", "measure", "place", "id"};   // case_study.cpp
    return kind == "table" ? table : kind == "plan" ? plan : kind == "savings" ? savings : chart;
}

}  // namespace

// ---- shared with the other directives' files (directive_parts.h) ----

std::vector<std::string> list_of(const DirectiveField& f) {
    std::vector<std::string> out;
    for (auto& p : split(f.value, ';'))
        if (!trim(p).empty()) out.push_back(trim(p));
    return out;
}

// Column of the `index`th ';'-separated item of a directive value, counting characters.
Location item_location(const DirectiveField& f, size_t index) {
    Location at = f.where;
    size_t pos = 0;
    for (size_t k = 0; k < index; ++k) pos = f.value.find(';', pos) + 1;
    while (pos < f.value.size() && f.value[pos] == ' ') ++pos;
    for (size_t i = 0; i < pos; ++i)
        if ((static_cast<unsigned char>(f.value[i]) & 0xC0) != 0x80) ++at.column;
    return at;
}

std::string CsvBuilder::row(const data::Dataset& ds, const calc::Figure& f) {
    const data::Measure* m = ds.measure(f.measure);
    std::string sources;
    for (const auto& s : f.sources) sources += (sources.empty() ? "" : ";") + s;
    const calc::DownloadedValue d = calc::as_downloaded(f, format_value(f.value));   // as tables and charts print it
    return csv_field(f.measure) + "," + csv_field(m->title) + "," + csv_field(f.place) + "," + csv_field(f.period) + "," +
           csv_field(d.value) + "," + unit_name(m->unit) + "," + csv_field(d.status) + "," +
           csv_field(calc::stated_otherwise(ds, f)) + "," + d.unrounded + "," + csv_field(sources);
}

// Source line under a table or figure: the titles of every source behind its figures.
model::Runs source_line(const data::Dataset& ds, const std::vector<std::string>& codes) {
    std::string text;
    for (const auto& c : codes)
        if (const data::Source* s = ds.source(c)) text += (text.empty() ? "" : "; ") + s->title;
    if (text.empty()) return {};
    model::Run r;
    r.text = term("Source", "") + ": " + text + ".";
    return {r};
}

void add_unique(std::vector<std::string>& into, const std::vector<std::string>& from) {
    for (const auto& s : from)
        if (std::find(into.begin(), into.end(), s) == into.end()) into.push_back(s);
}

namespace {

std::optional<model::ChartType> parse_chart_type(const std::string& s) {
    static const std::pair<const char*, model::ChartType> types[] = {
        {"bar", model::ChartType::Bar},         {"hbar", model::ChartType::HBar},
        {"grouped", model::ChartType::Grouped}, {"stacked", model::ChartType::Stacked},
        {"waterfall", model::ChartType::Waterfall}, {"dotplot", model::ChartType::DotPlot},
        {"scatter", model::ChartType::Scatter}, {"range", model::ChartType::Range},
        {"line", model::ChartType::Line},       {"overlap", model::ChartType::Overlap},
        {"map", model::ChartType::Map}};
    for (const auto& [name, t] : types)
        if (s == name) return t;
    return std::nullopt;
}

}  // namespace

DirectiveFields parse_directive_body(const std::string& kind, const std::string& body, const std::string& file,
                                     int first_line, Diagnostics& diags) {
    DirectiveFields out;
    const auto& allowed = keys_for(kind);
    auto lines = split(body, '\n');
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        int line_no = first_line + static_cast<int>(i);
        if (trim(line).empty()) continue;
        size_t colon = line.find(':');
        if (colon == std::string::npos) {
            // A ```table left open runs on until the next bare ``` (one with a word after it,
            // such as ```chart, cannot close it): say so once rather than for every line.
            bool fence_later = false;
            for (size_t k = i + 1; k < lines.size(); ++k) fence_later = fence_later || starts_with(trim(lines[k]), "```");
            if (fence_later) {
                diags.error({file, line_no, 1}, "expected 'key: value' in the " + kind +
                                                    " directive: is the directive's closing ``` missing?");
                break;
            }
            diags.error({file, line_no, 1}, "expected 'key: value' in the " + kind + " directive");
            continue;
        }
        std::string key = trim(line.substr(0, colon));
        size_t value_start = line.find_first_not_of(' ', colon + 1);
        Location at{file, line_no, static_cast<int>(value_start == std::string::npos ? colon + 2 : value_start + 1)};
        if (!allowed.count(key)) {
            std::string list;
            for (const auto& k : allowed) list += (list.empty() ? "" : ", ") + k;
            diags.error({file, line_no, 1}, "unknown key '" + key + "' in the " + kind + " directive (expected: " + list + ")");
            continue;
        }
        if (out.count(key)) {
            diags.error({file, line_no, 1}, "key '" + key + "' is given twice");
            continue;
        }
        out[key] = {trim(line.substr(colon + 1)), at};
    }
    return out;
}

std::string directive_id(const std::string& kind, const DirectiveFields& f) {
    if (auto it = f.find("id"); it != f.end()) return it->second.value;
    const bool table = is_table_kind(kind);
    auto it = f.find(table ? "caption" : "title");
    return (table ? "table-" : "figure-") + slugify(it == f.end() ? kind : it->second.value);
}

void collect_references(const std::string& text, const std::string& file, int& tables, int& figures,
                        std::map<std::string, Reference>& refs, Diagnostics& diags) {
    auto lines = split(text, '\n');
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string t = trim(lines[i]);
        if (!starts_with(t, "```")) continue;
        std::string info = trim(t.substr(3));
        if (!is_directive(info)) continue;
        std::string kind = trim(info.substr(0, info.find(' ')));
        if (kind == "facts") continue;   // a fact panel is neither a table nor a figure
        std::string body;
        size_t j = i + 1;
        for (; j < lines.size() && !starts_with(trim(lines[j]), "```"); ++j) body += lines[j] + "\n";
        Diagnostics ignored;   // the real parse reports problems
        auto fields = parse_directive_body(kind, body, file, static_cast<int>(i) + 2, ignored);
        std::string id = directive_id(kind, fields);
        std::string label = is_table_kind(kind) ? term("Table", "") + " " + std::to_string(++tables)
                                                : term("Figure", "") + " " + std::to_string(++figures);
        if (refs.count(id))
            diags.error({file, static_cast<int>(i) + 1, 1}, "another table or figure already has the id '" + id + "'");
        refs[id] = {label, id};
        i = j;
    }
}

std::optional<model::Block> DirectiveBuilder::build(const std::string& kind, const std::string& body,
                                                    const std::string& file, int body_line, Diagnostics& diags) {
    if (kind == "facts") return facts(body, file, body_line, diags);   // free labels: case_study.cpp
    int before = diags.error_count();
    auto fields = parse_directive_body(kind, body, file, body_line, diags);
    // The body was resolved as Markdown, but its values are plain text: a place name put into a
    // caption keeps its brackets without the backslashes that escaped them.
    for (auto& [key, field] : fields) field.value = resolved_plain_text(field.value);
    // Numbers advance even on error so later references stay in step with collect_references.
    if (is_table_kind(kind)) ++tables_;
    else ++figures_count_;
    here_to_focus(fields, diags);
    if (diags.error_count() > before) return std::nullopt;
    try {
        if (kind == "plan") return plan_table(fields);
        if (kind == "savings") return savings_table(fields);
        return kind == "table" ? table(fields, diags) : chart(fields, diags);
    } catch (const Error& e) {
        // A directive with no usable field has no field location: point at its opening fence.
        if (e.where().file.empty()) diags.error({file, body_line - 1, 1}, e.message());
        else diags.add(e);
        return std::nullopt;
    }
}

// `here` in `places: here; coventry; solihull` (```table, ```chart) or `place: here`
// (```savings) becomes the pack's focus place; a place listed again after `here` is left out.
void DirectiveBuilder::here_to_focus(DirectiveFields& f, Diagnostics& diags) const {
    for (const char* key : {"places", "place"}) {
        auto it = f.find(key);
        if (it == f.end()) continue;
        DirectiveField& field = it->second;
        const auto items = split(field.value, ';');
        if (std::none_of(items.begin(), items.end(), [](const std::string& i) { return trim(i) == kHerePlace; })) continue;
        std::vector<std::string> codes;
        for (size_t k = 0; k < items.size(); ++k) {
            std::string code = trim(items[k]);
            if (code == kHerePlace) {
                if (focus_.empty()) {
                    diags.error(item_location(field, k), kNoFocusError);
                    continue;
                }
                code = focus_;
            }
            if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
        }
        field.value.clear();
        for (const auto& c : codes) field.value += (field.value.empty() ? "" : "; ") + c;
    }
}

const DirectiveField& required(const DirectiveFields& f, const std::string& key, const Location& fallback) {
    auto it = f.find(key);
    if (it == f.end() || it->second.value.empty()) throw Error(fallback, "the directive needs '" + key + ": ...'");
    return it->second;
}

Location location_of(const DirectiveFields& f) {
    return f.empty() ? Location{} : f.begin()->second.where;
}

namespace {

struct Selection {
    std::vector<const data::Measure*> measures;
    std::vector<const data::Place*> places;
    std::optional<std::string> period;
};

Selection select(const data::Dataset& ds, const DirectiveFields& f, const Location& at) {
    Selection s;
    const auto& mf = required(f, "measures", at);
    for (const auto& code : list_of(mf)) {
        const data::Measure* m = ds.measure(code);
        if (!m) throw Error(mf.where, "unknown measure '" + code + "'");
        s.measures.push_back(m);
    }
    const auto& pf = required(f, "places", at);
    for (const auto& code : list_of(pf)) {
        const data::Place* p = ds.place(code);
        if (!p) throw Error(pf.where, "unknown place '" + code + "'");
        s.places.push_back(p);
    }
    if (auto it = f.find("period"); it != f.end()) s.period = it->second.value;
    return s;
}

}  // namespace

// A table with its caption, anchor, number ("Table 3") and download name set.
model::Table DirectiveBuilder::numbered_table(const DirectiveFields& f) const {
    model::Table t;
    t.caption = required(f, "caption", location_of(f)).value;
    t.id = directive_id("table", f);
    t.number = tables_;
    t.label = term("Table", "") + " " + std::to_string(t.number);
    t.csv_name = "table-" + std::to_string(t.number) + ".csv";
    return t;
}

// The finished table as a block, with the source line naming every source behind its figures.
model::Block DirectiveBuilder::table_block(model::Table t, const std::vector<std::string>& sources) const {
    t.source = source_line(figures_.dataset(), sources);
    t.source_codes = sources;
    model::Block b;
    b.kind = model::BlockKind::Table;
    b.table = std::move(t);
    return b;
}

std::optional<model::Block> DirectiveBuilder::scenario_table(const DirectiveFields& f) {
    Location at = location_of(f);
    model::Table t = numbered_table(f);
    const auto& mf = f.at("model");
    std::string why;
    auto results = calc::run_scenarios(figures_, mf.value, &why);
    if (!why.empty()) throw Error(mf.where, why);
    std::vector<model::TableCell> head;
    for (const char* h : {"Outcome", "Share of cohort", "Unit cost a year", "People", "Cost a year"})
        head.push_back({{model::text_run(h)}, true, false});
    t.head.push_back(head);
    t.align = {model::Align::Left, model::Align::Right, model::Align::Right, model::Align::Right, model::Align::Right};
    auto cell = [](const Value& v, Style style = Style::Auto) {
        model::Run r = model::text_run(format_value(v, style));
        r.figure_value = true;
        return model::TableCell{{r}, false, v.is_missing()};
    };
    std::string csv = "model,scenario,outcome,share_percent,unit_cost,people,cost,source\n";
    std::vector<std::string> sources;
    for (const auto& r : results) {
        std::string group = "Scenario: " + r.scenario + " (cohort " + format_value(r.cohort.to_value()) + ")";
        for (const auto& o : r.outcomes) {
            t.body.push_back({{{model::text_run(o.outcome)}, true, false}, cell(o.line->share), cell(o.line->unit_cost),
                              cell(o.people.to_value(), Style::Count), cell(o.cost.to_value())});
            t.group_of_row.push_back(group);
            csv += csv_field(r.model) + "," + csv_field(r.scenario) + "," + csv_field(o.outcome) + "," +
                   printed_number(o.line->share) + "," + printed_number(o.line->unit_cost) + "," +
                   printed_number(o.people.to_value(), Style::Count) + "," + printed_number(o.cost.to_value()) + "," +
                   o.line->source + "\n";
            add_unique(sources, {o.line->source});
        }
        model::Run total = model::text_run("Total, " + r.scenario + " scenario");
        total.bold = true;
        t.body.push_back({{{total}, true, false}, model::TableCell{}, model::TableCell{}, model::TableCell{},
                          cell(r.total.to_value())});
        t.group_of_row.push_back(group);
    }
    t.csv = csv;
    return table_block(std::move(t), sources);
}

std::optional<model::Block> DirectiveBuilder::table(const DirectiveFields& f, Diagnostics&) {
    if (f.count("allocation")) {   // a worked allocation by formula (narrative/allocation_table.h)
        std::vector<std::string> sources;
        model::Table t = allocation_table(figures_, f, numbered_table(f), sources);
        return table_block(std::move(t), sources);
    }
    if (f.count("model")) return scenario_table(f);
    const auto& ds = figures_.dataset();
    Location at = location_of(f);
    model::Table t = numbered_table(f);
    Selection sel = select(ds, f, at);
    bool by_theme = false;
    if (auto it = f.find("group_by"); it != f.end()) {
        if (it->second.value != "theme") throw Error(it->second.where, "group_by can only be 'theme'");
        by_theme = true;
    }
    // Rows grouped by theme keep the order in which themes first appear.
    std::vector<const data::Measure*> rows = sel.measures;
    if (by_theme) {
        std::vector<std::string> order;
        for (const auto* m : rows)
            if (std::find(order.begin(), order.end(), m->theme) == order.end()) order.push_back(m->theme);
        std::stable_sort(rows.begin(), rows.end(), [&](const data::Measure* a, const data::Measure* b) {
            return std::find(order.begin(), order.end(), a->theme) < std::find(order.begin(), order.end(), b->theme);
        });
    }
    std::vector<model::TableCell> head;
    head.push_back({{model::text_run(term("Measure", ""))}, true, false});
    t.align.push_back(model::Align::Left);
    for (const auto* p : sel.places) {
        head.push_back({{model::text_run(p->name)}, true, false});
        t.align.push_back(model::Align::Right);
    }
    t.head.push_back(head);
    CsvBuilder csv;
    std::vector<std::string> sources;
    const DirectiveField& places_field = f.at("places");
    for (const auto* m : rows) {
        std::vector<model::TableCell> row;
        row.push_back({{model::text_run(m->short_title.empty() ? m->title : m->short_title)}, true, false});
        for (const auto* p : sel.places) {
            std::string why;
            auto fig = figures_.get(m->code, p->code, sel.period, &why);
            if (!fig) throw Error(places_field.where, "table '" + t.caption + "': " + why);
            model::Run r;
            r.text = format_value(fig->value);
            r.figure_value = true;
            row.push_back({{r}, false, fig->value.is_missing()});
            csv.add(ds, *fig);
            add_unique(sources, fig->sources);
        }
        t.body.push_back(std::move(row));
        t.group_of_row.push_back(by_theme ? m->theme : "");
    }
    t.csv = csv.text;
    return table_block(std::move(t), sources);
}

// ---- action plans ------------------------------------------------------------------------

namespace {

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

// "2008-04" -> "April 2008", "2008-04-09" -> "9 April 2008" (the loader has checked the form).
std::string month_text(const std::string& iso) {
    if (iso.size() < 7) return iso;
    const int m = std::stoi(iso.substr(5, 2));
    if (m < 1 || m > 12) return iso;
    std::string out = std::string(kMonths[m - 1]) + " " + iso.substr(0, 4);
    if (iso.size() == 10) out = std::to_string(std::stoi(iso.substr(8, 2))) + " " + out;
    return out;
}

model::TableCell text_cell(const std::string& text, const std::string& absent, bool header = false) {
    model::TableCell c;
    c.runs = {model::text_run(text.empty() ? absent : text)};
    c.header = header;
    c.missing = text.empty();   // "Not stated" is shown quietly, like a missing figure
    return c;
}

}  // namespace

std::string plan_status_text(const std::string& status) {
    if (status == "red") return "Red: no progress recorded";
    if (status == "amber") return "Amber: in progress";
    if (status == "green") return "Green: on track";
    if (status == "complete") return "Complete";
    return status;
}

std::optional<model::Block> DirectiveBuilder::plan_table(const DirectiveFields& f) {
    const auto& ds = figures_.dataset();
    Location at = location_of(f);
    model::Table t = numbered_table(f);
    t.kind = "plan";
    const DirectiveField& pf = required(f, "plan", at);
    const data::Plan* plan = ds.plan(pf.value);
    if (!plan) {
        std::string known;
        for (const auto& p : ds.plans) known += (known.empty() ? "" : ", ") + p.code;
        throw Error(pf.where, "unknown plan '" + pf.value + "' (" +
                                  (known.empty() ? std::string("data/plans.csv defines none") : "data/plans.csv has: " + known) +
                                  ")");
    }
    // The headings shown: all of the plan's, in its order, or those listed, in the order listed.
    std::vector<std::string> groups = plan->groups;
    auto gf = f.find("groups");
    if (gf != f.end()) {
        groups.clear();
        const auto items = split(gf->second.value, ';');
        for (size_t k = 0; k < items.size(); ++k) {
            const std::string g = trim(items[k]);
            if (g.empty()) continue;
            if (std::find(plan->groups.begin(), plan->groups.end(), g) == plan->groups.end()) {
                std::string list;
                for (const auto& h : plan->groups) list += (list.empty() ? "" : "; ") + h;
                throw Error(item_location(gf->second, k),
                            "'" + g + "' is not a heading of plan '" + plan->code + "' (its headings: " + list + ")");
            }
            if (std::find(groups.begin(), groups.end(), g) != groups.end())
                throw Error(item_location(gf->second, k), "the heading '" + g + "' is listed twice");
            groups.push_back(g);
        }
        if (groups.empty()) throw Error(gf->second.where, "'groups' lists no headings (leave it out to show them all)");
    }

    std::string progress = "Progress to date";
    if (!plan->progress_from.empty() && !plan->progress_to.empty())
        progress += " (" + month_text(plan->progress_from) + " to " + month_text(plan->progress_to) + ")";
    std::vector<model::TableCell> head;
    for (const std::string& h : {std::string("Actions underway"), progress, std::string("Actions to progress"),
                                 std::string("Lead"), std::string("Due"), std::string("Status")})
        head.push_back(text_cell(h, "", true));
    t.head.push_back(head);
    t.align.assign(head.size(), model::Align::Left);

    std::string csv = "plan,group,action,progress,next,lead,due,status,source,reference\n";
    std::vector<std::string> sources;
    for (const std::string& g : groups) {
        for (const data::PlanAction& a : ds.plan_actions) {
            if (a.plan != plan->code || a.group != g) continue;
            model::TableCell status = text_cell(plan_status_text(a.status), "");
            status.status = a.status;
            t.body.push_back({text_cell(a.action, "", true), text_cell(a.progress, "None recorded"),
                              text_cell(a.next, "None listed"), text_cell(a.lead, "Not stated"),
                              text_cell(a.due.empty() ? std::string() : month_text(a.due), "Not stated"), status});
            t.group_of_row.push_back(g);
            csv += csv_field(a.plan) + "," + csv_field(a.group) + "," + csv_field(a.action) + "," + csv_field(a.progress) +
                   "," + csv_field(a.next) + "," + csv_field(a.lead) + "," + a.due + "," + a.status + "," +
                   csv_field(a.source) + "," + csv_field(a.reference) + "\n";
            add_unique(sources, {a.source});
        }
    }
    if (t.body.empty())
        throw Error(gf != f.end() ? gf->second.where : pf.where,
                    "plan '" + plan->code + "' has no actions" + (gf != f.end() ? " under the headings listed" : "") +
                        " in data/action_plans.csv");
    t.csv = csv;
    return table_block(std::move(t), sources);
}

std::optional<model::Block> DirectiveBuilder::chart(const DirectiveFields& f, Diagnostics&) {
    const auto& ds = figures_.dataset();
    Location at = location_of(f);
    model::Figure fig;
    fig.title = required(f, "title", at).value;
    fig.id = directive_id("chart", f);
    fig.number = figures_count_;
    fig.label = term("Figure", "") + " " + std::to_string(fig.number);
    fig.csv_name = "figure-" + std::to_string(fig.number) + ".csv";
    const auto& tf = required(f, "type", at);
    auto type = parse_chart_type(tf.value);
    if (!type)
        throw Error(tf.where, "unknown chart type '" + tf.value +
                                  "' (use bar, hbar, grouped, stacked, waterfall, dotplot, scatter, range, line, overlap or map)");
    if (*type == model::ChartType::Map) return map_chart(f, std::move(fig));
    for (const char* key : {"group", "classes", "boundaries", "highlight"})
        if (auto it = f.find(key); it != f.end())
            throw Error({it->second.where.file, it->second.where.line, 1},
                        std::string("the key '") + key + "' is for maps (type: map)");
    Selection sel = select(ds, f, at);
    model::Chart& c = fig.chart;
    c.type = *type;
    c.unit = unit_name(sel.measures.front()->unit);
    CsvBuilder csv;
    std::vector<std::string> sources;
    const Location& places_at = f.at("places").where;
    auto get = [&](const data::Measure* m, const data::Place* p, const std::optional<std::string>& period) {
        std::string why;
        auto v = figures_.get(m->code, p->code, period, &why);
        if (!v) throw Error(places_at, "chart '" + fig.title + "': " + why);
        csv.add(ds, *v);
        add_unique(sources, v->sources);
        model::ChartPoint pt;
        if (!v->value.is_missing() && !v->value.is_rating()) pt.value = v->value.amount();
        pt.label = format_value(v->value);
        return pt;
    };
    auto label_of = [](const data::Measure* m) { return m->short_title.empty() ? m->title : m->short_title; };
    using CT = model::ChartType;
    switch (c.type) {
        case CT::Bar:
        case CT::HBar:
        case CT::Stacked:
        case CT::Range:
        case CT::Scatter:
            // categories = places; one series per measure (values / parts / low-high / x-y)
            for (const auto* p : sel.places) c.categories.push_back(p->name);
            for (const auto* m : sel.measures) {
                model::ChartSeries s{label_of(m), {}};
                for (const auto* p : sel.places) s.points.push_back(get(m, p, sel.period));
                c.series.push_back(std::move(s));
            }
            break;
        case CT::Line: {
            // categories = periods; one series per place
            auto pf = f.find("periods");
            if (pf == f.end()) throw Error(at, "a line chart needs 'periods: 2008/09; 2009/10; ...'");
            for (const auto& period : list_of(pf->second)) c.categories.push_back(period);
            // With several measures (an outturn, then its targets), each period takes the first
            // measure that has a figure for it, so one line joins actual and target.
            for (const auto* p : sel.places) {
                model::ChartSeries s{p->name, {}};
                for (const auto& period : list_of(pf->second)) {
                    const data::Measure* chosen = sel.measures.front();
                    for (const auto* m : sel.measures) {
                        std::string ignored;
                        if (figures_.get(m->code, p->code, period, &ignored)) {
                            chosen = m;
                            break;
                        }
                    }
                    s.points.push_back(get(chosen, p, period));
                }
                c.series.push_back(std::move(s));
            }
            break;
        }
        case CT::Grouped:
        case CT::DotPlot:
        case CT::Waterfall:
        case CT::Overlap:
            // categories = measures; one series per place
            for (const auto* m : sel.measures) c.categories.push_back(label_of(m));
            for (const auto* p : sel.places) {
                model::ChartSeries s{p->name, {}};
                for (const auto* m : sel.measures) s.points.push_back(get(m, p, sel.period));
                c.series.push_back(std::move(s));
            }
            break;
        case CT::Map:   // built by map_chart (above)
            break;
    }
    c.value_axis_title = sel.measures.size() == 1 ? sel.measures.front()->title : "";
    if (c.type == CT::Scatter && sel.measures.size() > 1) c.y_unit = unit_name(sel.measures[1]->unit);
    if (c.type == CT::Waterfall) c.last_is_total = true;   // the parts, then the total
    std::vector<std::string> titles;
    std::vector<Polarity> polarities;
    for (const auto* m : sel.measures) {
        titles.push_back(m->title);
        polarities.push_back(m->polarity);
    }
    fig.summary = chart_summary(c, titles, polarities);
    if (!fig.summary.empty() && fig.summary[0] >= 'a' && fig.summary[0] <= 'z') fig.summary[0] = static_cast<char>(fig.summary[0] - 'a' + 'A');
    fig.csv = csv.text;
    fig.source = source_line(ds, sources);
    fig.source_codes = sources;
    model::Block b;
    b.kind = model::BlockKind::Figure;
    b.figure = std::move(fig);
    return b;
}

// ---- summaries ---------------------------------------------------------------------------

namespace {

std::string lower_first(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && !(s.size() > 1 && s[1] >= 'A' && s[1] <= 'Z')) s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

std::string percent_more(double a, double b) {
    Value d = calc::percent_difference(Value::of(Unit::Count, a), Value::of(Unit::Count, b));
    return format_value(d, Style::Percent);
}

// "Solihull", "Solihull and Warwickshire", "Coventry, Solihull and Warwickshire";
// "Bromley; Kensington and Chelsea" when a name holds "and" (list_of_names).
std::string name_list(const std::vector<std::string>& names) { return list_of_names(names); }

// How far the highest bar is above the lowest: in percentage points for percentages (never a
// relative "17% more"), else relative ("87% more").
std::string bar_gap(const model::Chart& c, const model::ChartPoint& hi, const model::ChartPoint& lo) {
    if (c.unit == "percent") {
        // as precise as the more precise of the two labels ("46.5%")
        int decimals = 0;
        for (const auto* p : {&hi, &lo}) {
            const size_t dot = p->label.find('.');
            if (dot == std::string::npos) continue;
            size_t end = dot + 1;
            while (end < p->label.size() && std::isdigit(static_cast<unsigned char>(p->label[end]))) ++end;
            decimals = std::max(decimals, static_cast<int>(end - dot - 1));
        }
        return percentage_points(*hi.value - *lo.value, decimals) + " higher than ";
    }
    if (*lo.value <= 0) return "";
    return percent_more(*hi.value, *lo.value) + " more than ";
}

// The series holding the highest (or, with `lowest`, the lowest) value of category k: all of
// them when several share it. Missing values never lead.
std::vector<size_t> leaders(const model::Chart& c, size_t k, bool lowest) {
    std::vector<size_t> out;
    for (size_t s = 0; s < c.series.size(); ++s) {
        const auto& v = c.series[s].points[k].value;
        if (!v) continue;
        const auto& lead = out.empty() ? std::optional<double>() : c.series[out.front()].points[k].value;
        if (lead && std::fabs(*v - *lead) < 1e-9) out.push_back(s);
        else if (!lead || (lowest ? *v < *lead : *v > *lead)) out = {s};
    }
    return out;
}

std::vector<std::string> series_names(const model::Chart& c, const std::vector<size_t>& which) {
    std::vector<std::string> names;
    for (size_t s : which) names.push_back(c.series[s].name);
    return names;
}

// One place's figures on several measures: there is nothing to compare it with, so the
// summary lists them ("Warwickshire: verbal abuse 50%, physical attack 21.4%, ...").
std::string one_series_summary(const model::Chart& c) {
    std::string s = c.series.front().name + ": ";
    for (size_t k = 0; k < c.categories.size(); ++k)
        s += (k ? ", " : "") + lower_first(c.categories[k]) + " " + c.series.front().points[k].label;
    return s + ".";
}

// Several places on several measures. Where a measure has a better direction, the places with
// the best figure are counted (ties named); a measure without one (polarity none) only has a
// highest figure, named per measure.
std::string comparison_summary(const model::Chart& c, const std::vector<std::string>& titles,
                               const std::vector<Polarity>& polarities) {
    std::vector<int> wins(c.series.size(), 0);
    int judged = 0;
    std::string only_best;                // the one judged measure's leaders: "West has the best figure on A"
    std::vector<std::string> shared;      // "Coventry and Solihull share the best figure on NI 55"
    std::vector<std::string> highest;     // "Solihull has the highest ... (£648)"
    for (size_t k = 0; k < c.categories.size(); ++k) {
        const Polarity pol = k < polarities.size() ? polarities[k] : Polarity::None;
        const auto lead = leaders(c, k, pol == Polarity::Lower);
        if (lead.empty()) continue;
        const auto names = series_names(c, lead);
        if (pol == Polarity::None) {
            const std::string title = k < titles.size() ? lower_first(titles[k]) : lower_first(c.categories[k]);
            highest.push_back(name_list(names) + (highest.empty() ? (names.size() > 1 ? " have" : " has") : "") +
                              " the highest " + title + " (" + c.series[lead.front()].points[k].label + ")");
            continue;
        }
        ++judged;
        for (size_t s : lead) ++wins[s];
        only_best = name_list(names) + (names.size() > 1 ? " share" : " has") + " the best figure on " + c.categories[k];
        if (lead.size() > 1) shared.push_back(only_best);
    }
    std::string s;
    if (judged == 1) {
        s = only_best;
    } else if (judged > 1) {
        const int most = *std::max_element(wins.begin(), wins.end());
        std::vector<size_t> top;
        for (size_t i = 0; i < wins.size(); ++i)
            if (wins[i] == most) top.push_back(i);
        const bool all_judged = judged == static_cast<int>(c.categories.size());
        s = name_list(series_names(c, top)) + (top.size() > 1 ? " each have" : " has") + " the best figure on " +
            std::to_string(most) + " of the " + std::to_string(judged) +
            (all_judged ? " measures shown" : " measures where higher or lower is better");
        for (const auto& t : shared) s += "; " + t;
    }
    if (!highest.empty()) {
        if (!s.empty()) s += "; ";
        // A second clause drops the verb: "Solihull has the highest X (£648) and Coventry the highest Y (£933)".
        for (size_t i = 0; i < highest.size(); ++i) s += (i == 0 ? "" : i + 1 == highest.size() ? " and " : ", ") + highest[i];
    }
    return s.empty() ? "No figures are available." : s + ".";
}

// A line chart in words: every series from its first figure to its last, and the lines that run
// together (the same figures for two periods in a row), which the drawing can only show dashed.
std::string line_summary(const model::Chart& c) {
    std::vector<std::string> parts;
    for (const auto& s : c.series) {
        size_t first = s.points.size(), last = 0;
        for (size_t k = 0; k < s.points.size() && k < c.categories.size(); ++k)
            if (s.points[k].value) first = std::min(first, k), last = k;
        if (first == s.points.size()) {
            parts.push_back(s.name + ": no figures");
            continue;
        }
        std::string part = s.name + ": " + s.points[first].label + " in " + c.categories[first];
        if (last != first) part += ", " + s.points[last].label + " in " + c.categories[last];
        parts.push_back(part);
    }
    std::string text;
    for (size_t i = 0; i < parts.size(); ++i) text += (i ? "; " : "") + parts[i];
    text += ".";
    for (size_t a = 0; a < c.series.size(); ++a)
        for (size_t b = a + 1; b < c.series.size(); ++b)
            if (const auto run = model::run_together(c, a, b))
                text += " The lines for " + c.series[a].name + " and " + c.series[b].name + " run together from " +
                        c.categories[run->first] + " to " + c.categories[run->last] + " (" + c.series[b].name +
                        "'s is dashed).";
    return text;
}

}  // namespace

std::string chart_summary(const model::Chart& c, const std::vector<std::string>& titles,
                          const std::vector<Polarity>& polarities) {
    using CT = model::ChartType;
    if (c.series.empty() || c.categories.empty()) return "The chart has no data.";
    const std::string title = titles.empty() ? std::string("the figure") : lower_first(titles.front());
    switch (c.type) {
        case CT::Bar:
        case CT::HBar: {
            const auto& pts = c.series.front().points;
            int hi = -1, lo = -1;
            for (size_t i = 0; i < pts.size(); ++i) {
                if (!pts[i].value) continue;
                if (hi < 0 || *pts[i].value > *pts[hi].value) hi = static_cast<int>(i);
                if (lo < 0 || *pts[i].value < *pts[lo].value) lo = static_cast<int>(i);
            }
            if (hi < 0)
                return writing_welsh() ? "Nid oes ffigurau ar gael ar gyfer " + title + "."
                                       : "No figures are available for " + title + ".";
            if (hi == lo) return c.categories[hi] + ": " + pts[hi].label + " (" + title + ").";
            int missing = 0;
            for (const auto& p : pts) missing += p.value ? 0 : 1;
            if (writing_welsh()) {
                // Built so that no place name follows a word that would mutate it (gan, yn, na):
                // "Teitl: yr uchaf yw Gwynedd (65%) a'r isaf yw Sir y Fflint (13%)."
                std::string s = (titles.empty() ? std::string("Y ffigur") : titles.front()) + ": yr uchaf yw " +
                                c.categories[hi] + " (" + pts[hi].label + ") a\u2019r isaf yw " + c.categories[lo] + " (" +
                                pts[lo].label + ")";
                if (missing) s += "; mae " + std::to_string(missing) + " ffigur ar goll";
                return s + ".";
            }
            std::string s = c.categories[hi] + " has the highest " + title + " at " + pts[hi].label;
            if (const std::string gap = bar_gap(c, pts[hi], pts[lo]); !gap.empty()) s += ", " + gap + c.categories[lo];
            s += " (" + pts[lo].label + ")";
            if (missing) s += "; " + std::to_string(missing) + " figure" + (missing > 1 ? "s are" : " is") + " not available";
            return s + ".";
        }
        case CT::Grouped:
        case CT::DotPlot:
            return c.series.size() == 1 ? one_series_summary(c) : comparison_summary(c, titles, polarities);
        case CT::Stacked: {
            double total = 0, largest = 0;
            size_t big = 0;
            for (size_t s = 0; s < c.series.size(); ++s) {
                const auto& v = c.series[s].points.front().value;
                if (!v) continue;
                total += *v;
                if (*v > largest) largest = *v, big = s;
            }
            if (total <= 0) return "No figures are available.";
            return c.series[big].name + " makes up " + format_value(Value::of(Unit::Percent, 100 * largest / total), Style::Percent) +
                   " of the total shown for " + c.categories.front() + ".";
        }
        case CT::Range: {
            const auto& lo = c.series.front().points.front();
            const auto& hi = c.series.size() > 1 ? c.series[1].points.front() : lo;
            return c.categories.front() + ": between " + lo.label + " and " + hi.label + ".";
        }
        case CT::Line:
            return line_summary(c);
        case CT::Waterfall:
        case CT::Overlap: {
            std::string s;
            for (size_t k = 0; k < c.categories.size(); ++k)
                s += (k ? ", " : "") + c.categories[k] + " " + c.series.front().points[k].label;
            return s + ".";
        }
        case CT::Scatter:
            return (titles.size() > 1 ? lower_first(titles[0]) + " against " + lower_first(titles[1]) : title) + " for " +
                   std::to_string(c.categories.size()) + " places.";
        case CT::Map:
            return map_summary(c, title);
    }
    return "";
}

}  // namespace ep::narrative
