#include "calc/figures.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <tuple>

#include "calc/calculations.h"
#include "calc/scenarios.h"
#include "core/format.h"
#include "core/text.h"

namespace ep::calc {

namespace {
constexpr int kMaxDepth = 32;   // deeper than any sane derivation chain: a cycle

void add_sources(Figure& f, const Figure& input) {
    for (const auto& s : input.sources)
        if (std::find(f.sources.begin(), f.sources.end(), s) == f.sources.end()) f.sources.push_back(s);
}
}  // namespace

std::string Figures::latest_period(const std::string& measure, const std::string& place) const {
    std::string best;
    for (const auto* o : ds_.reported(place, measure))
        if (o->period > best) best = o->period;
    return best;
}

std::optional<Figure> Figures::get(const std::string& measure, const std::string& place,
                                   const std::optional<std::string>& period, std::string* why) const {
    return get_at(measure, place, period, why, 0);
}

std::optional<Figure> Figures::get_at(const std::string& measure, const std::string& place,
                                      const std::optional<std::string>& period, std::string* why,
                                      int depth) const {
    if (depth > kMaxDepth) {
        *why = "the derivation of '" + measure + "' refers back to itself";
        return std::nullopt;
    }
    const data::Measure* m = ds_.measure(measure);
    if (!m) {
        *why = "unknown measure '" + measure + "'";
        return std::nullopt;
    }
    if (!ds_.place(place)) {
        *why = "unknown place '" + place + "'";
        return std::nullopt;
    }
    const data::Derivation* dv = m->derived ? ds_.derivation(measure) : nullptr;
    if (dv && dv->covers(place)) {
        if (period && *period != dv->period) {
            *why = "'" + measure + "' is only computed for " + dv->period;
            return std::nullopt;
        }
        return compute(*dv, place, why, depth);
    }
    // A derived code may be stated for the places it is not computed for (Solihull's social
    // care cost per head is stated; Coventry's follows from the gap the source states).
    if (dv && ds_.reported(place, measure).empty()) {
        *why = "'" + dv->code + "' is not computed for '" + place + "'";
        return std::nullopt;
    }
    std::string p = period ? *period : latest_period(measure, place);
    for (const auto* o : ds_.reported(place, measure)) {
        if (o->period != p) continue;
        Figure f;
        f.measure = measure;
        f.place = place;
        f.period = p;
        f.value = o->value;
        f.observation = o;
        f.sources = {o->source};
        return f;
    }
    const data::Place* pl = ds_.place(place);
    *why = "no figure for '" + measure + "' in " + pl->name + (p.empty() ? "" : " for " + p);
    return std::nullopt;
}

std::optional<Figure> Figures::compute(const data::Derivation& dv, const std::string& place, std::string* why,
                                       int depth) const {
    const data::Measure* m = ds_.measure(dv.code);
    Figure f;
    f.measure = dv.code;
    f.place = place;
    f.period = dv.period;
    f.derived = true;
    f.calculation = dv.calculation;
    std::vector<Value> values;
    for (const auto& in : dv.inputs) {
        std::string input_place = in.place ? *in.place : place;
        // An input may carry its own period ("population_0_5:2008"); otherwise the rule's.
        const std::string& measure = in.measure;
        std::optional<std::string> period = in.period ? in.period : std::optional<std::string>(dv.period);
        const data::Measure* im = ds_.measure(measure);
        if (im && im->derived && !in.period) period = std::nullopt;   // a derived input has its own period
        std::string inner;
        auto input = get_at(measure, input_place, period, &inner, depth + 1);
        if (!input) {
            *why = "cannot compute '" + dv.code + "': " + inner;
            return std::nullopt;
        }
        values.push_back(input->value);
        add_sources(f, *input);
        f.inputs.push_back(std::move(*input));
    }
    try {
        const std::string& c = dv.calculation;
        Value v;
        if (c == "per_head") v = per_head(values[0], values[1]);
        else if (c == "share") v = share(values[0], values[1]);
        else if (c == "sum") v = sum(values);
        else if (c == "remainder") v = remainder(values[0], std::vector<Value>(values.begin() + 1, values.end()));
        else if (c == "product") v = product(values, m->unit);
        else if (c == "difference") v = difference(values[0], values[1]);
        else if (c == "ratio") v = ratio(values[0], values[1]);
        else if (c == "percent_difference") v = percent_difference(values[0], values[1]);
        else if (c == "placement_savings") v = placement_savings(values);
        else if (c == "switch_savings") v = switch_savings(values);
        else if (c == "annual_from_monthly") v = annual_from_monthly(values);
        else throw std::invalid_argument("unknown calculation '" + c + "'");
        if (v.unit() != m->unit && !v.is_missing())
            throw std::invalid_argument(c + " gives " + unit_name(v.unit()) + " but '" + dv.code + "' is declared as " +
                                        unit_name(m->unit));
        f.value = v.is_missing() ? Value::missing(m->unit, v.missing_reason()) : v;
    } catch (const std::invalid_argument& e) {
        *why = "cannot compute '" + dv.code + "': " + e.what();
        return std::nullopt;
    }
    return f;
}

std::string explain(const Figure& f) {
    if (!f.derived) return format_value(f.value);
    // Case-study savings read as their formulas: "(130 − 110) × (£42,000 − £11,000)", "£30,000 × 12".
    if (f.calculation == "switch_savings" && f.inputs.size() == 4)
        return "(" + format_checkable(f.inputs[0].value) + " − " + format_checkable(f.inputs[1].value) + ") × (" +
               format_checkable(f.inputs[2].value) + " − " + format_checkable(f.inputs[3].value) + ")";
    if (f.calculation == "annual_from_monthly" && f.inputs.size() == 1)
        return format_checkable(f.inputs[0].value) + " × 12";
    static const std::map<std::string, std::string> ops = {
        {"per_head", " ÷ "}, {"share", " ÷ "}, {"sum", " + "}, {"remainder", " − "},
        {"product", " × "},  {"difference", " − "}, {"ratio", " ÷ "}, {"percent_difference", " vs "},
        {"placement_savings", " × "}};
    std::string op = ops.count(f.calculation) ? ops.at(f.calculation) : " , ";
    std::string s;
    for (size_t i = 0; i < f.inputs.size(); ++i) {
        if (i) s += op;
        const Value& v = f.inputs[i].value;
        // A computed percentage keeps a decimal here, so the sum can be checked by hand.
        bool computed_percent = v.unit() == Unit::Percent && v.typed_decimals() < 0 && !v.is_missing();
        s += computed_percent ? format_value(v, Style::Percent1) : format_checkable(v);
    }
    return s;
}

// ---- benchmarks --------------------------------------------------------------------------

std::vector<Ranked> rank_places(std::vector<std::pair<std::string, Value>> values, Polarity polarity) {
    std::vector<Ranked> out;
    for (auto& [place, v] : values)
        if (!v.is_missing() && !v.is_rating()) out.push_back({place, v, 0, false});
    bool lower_better = polarity == Polarity::Lower;
    std::stable_sort(out.begin(), out.end(), [&](const Ranked& a, const Ranked& b) {
        return lower_better ? a.value.amount() < b.value.amount() : a.value.amount() > b.value.amount();
    });
    for (size_t i = 0; i < out.size(); ++i) {
        bool same_as_prev = i > 0 && std::fabs(out[i].value.amount() - out[i - 1].value.amount()) < 1e-9;
        out[i].rank = same_as_prev ? out[i - 1].rank : static_cast<int>(i) + 1;
        if (same_as_prev) out[i].tied = out[i - 1].tied = true;
    }
    return out;
}

std::string rank_label(const Ranked& r) { return std::to_string(r.rank) + (r.tied ? "=" : ""); }

std::vector<Ranked> rank_in_group(const Figures& figures, const std::string& measure, const std::string& group,
                                  const std::optional<std::string>& period, std::string* why) {
    const auto& ds = figures.dataset();
    const data::Measure* m = ds.measure(measure);
    if (!m) {
        *why = "unknown measure '" + measure + "'";
        return {};
    }
    auto members = ds.members(group);
    if (members.empty()) {
        *why = ds.place(group) ? "'" + group + "' has no members" : "unknown group '" + group + "'";
        return {};
    }
    std::vector<std::pair<std::string, Value>> values;
    for (const auto* p : members) {
        std::string ignored;
        if (auto f = figures.get(measure, p->code, period, &ignored)) values.push_back({p->code, f->value});
    }
    return rank_places(std::move(values), m->polarity);
}

std::optional<int> quartile_position(const std::vector<Ranked>& ranked, const std::string& place) {
    for (const auto& r : ranked)
        if (r.place == place) return (r.rank - 1) * 4 / static_cast<int>(ranked.size()) + 1;
    return std::nullopt;
}

std::string quartile_label(int quartile) {
    switch (quartile) {
        case 1: return "top quartile";
        case 2: return "second quartile";
        case 3: return "third quartile";
        default: return "bottom quartile";
    }
}

std::optional<Gap> gap_to_best(const std::vector<Ranked>& ranked, const std::string& place,
                               const std::optional<Value>& population) {
    if (ranked.empty()) return std::nullopt;
    const Ranked& best = ranked.front();
    for (const auto& r : ranked) {
        if (r.place != place) continue;
        Gap g;
        g.best_place = best.place;
        g.best = best.value;
        // Ranked is best first, so the gap is |value - best| and never negative.
        g.to_best = Value::of(r.value.unit(), std::fabs(r.value.amount() - best.value.amount()));
        g.people = Value::missing(Unit::Count, "N/A (no population given)");
        if (population && r.value.unit() == Unit::Percent) {
            auto people = Count::from(*population);
            auto share = Percentage::from(g.to_best);
            if (people && share) g.people = people_in(*people, *share).to_value();
        }
        return g;
    }
    return std::nullopt;
}

// ---- audit -------------------------------------------------------------------------------

bool agrees(const Value& a, const Value& b) {
    if (a.is_rating() || b.is_rating()) return a.is_rating() && b.is_rating() && a.text() == b.text();
    if (a.is_missing() || b.is_missing()) return a.is_missing() && b.is_missing();
    const double scale = std::max(std::fabs(a.amount()), std::fabs(b.amount()));
    return std::fabs(a.amount() - b.amount()) <= a.rounding() + b.rounding() + 1e-9 * scale;
}

std::string stated_otherwise(const data::Dataset& ds, const Figure& f) {
    std::string out;
    for (const data::Observation* o : ds.reported(f.place, f.measure)) {
        if (o->period != f.period || o == f.observation || agrees(f.value, o->value)) continue;
        out += (out.empty() ? "" : "; ") + o->typed + (o->reference.empty() ? "" : " (" + o->reference + ")");
    }
    return out;
}

DownloadedValue as_downloaded(const Figure& f, const std::string& printed) {
    DownloadedValue d;
    const std::string raw = raw_number(f.value);
    d.value = raw;
    std::string why;
    if (!f.value.is_missing() && !f.value.is_rating())
        if (auto shown = parse_value(printed, f.value.unit(), &why); shown && !shown->is_missing()) d.value = raw_number(*shown);
    d.status = f.value.is_missing() ? f.value.missing_reason() : f.derived ? "computed" : "reported";
    if (raw != d.value) d.unrounded = raw;
    return d;
}

namespace {

// For each observation, the row the pack prints for its place, measure and period: the first of
// them, as Figures::get reads it. Found by sorting row numbers (four bytes a row) rather than
// by asking for each row, which reads all rows of its place and measure: a data set may hold
// hundreds of thousands of one measure's rows.
std::vector<uint32_t> first_rows(const data::Dataset& ds) {
    const auto& obs = ds.observations;
    std::vector<uint32_t> order(obs.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    auto key = [&](uint32_t i) { return std::tie(obs[i].place, obs[i].measure, obs[i].period); };
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
    std::vector<uint32_t> first(obs.size());
    for (size_t k = 0; k < order.size(); ++k)
        first[order[k]] = k > 0 && key(order[k]) == key(order[k - 1]) ? first[order[k - 1]] : order[k];
    return first;
}

}  // namespace

std::string printed_observations_csv(const Figures& figures) {
    const auto& ds = figures.dataset();
    const std::vector<uint32_t> first = first_rows(ds);
    std::string csv = "place,measure,period,value,unit,status,stated,unrounded,source,note,reference\n";
    for (size_t i = 0; i < ds.observations.size(); ++i) {
        const data::Observation& o = ds.observations[i];
        const data::Measure* m = ds.measure(o.measure);
        const data::Derivation* dv = m->derived ? ds.derivation(o.measure) : nullptr;
        std::optional<Figure> f;
        std::string why;
        if (dv && dv->covers(o.place)) {
            f = figures.get(o.measure, o.place, o.period, &why);
        } else {
            const data::Observation& printed = ds.observations[first[i]];
            f = Figure{};
            f->measure = o.measure, f->place = o.place, f->period = o.period;
            f->value = printed.value;
            f->observation = &printed;
        }
        DownloadedValue d;
        std::string stated;
        if (f) {
            // Not tied to one page's style: to the pound where the usual style would round more.
            d = as_downloaded(*f, format_checkable(f->value));
            if (f->observation != &o && !agrees(f->value, o.value)) stated = o.typed;
        } else {   // a stated figure the pack cannot compute, and so never prints
            d.status = "not printed: " + why;
            stated = o.typed;
        }
        csv += csv_field(o.place) + "," + csv_field(o.measure) + "," + csv_field(o.period) + "," + csv_field(d.value) + "," +
               unit_name(m->unit) + "," + csv_field(d.status) + "," + csv_field(stated) + "," + d.unrounded + "," +
               csv_field(o.source) + "," + csv_field(o.note) + "," + csv_field(o.reference) + "\n";
    }
    return csv;
}

namespace {

// A derived figure the source implies is above zero (derived.csv `expect: positive`), tested
// for each place it is computed for: one that comes to zero or less shows that the source's
// own figures disagree with what it says.
void audit_expectation(const Figures& figures, const data::Derivation& dv, std::vector<Finding>& findings) {
    const auto& ds = figures.dataset();
    std::vector<std::string> places = dv.places;
    if (dv.all_places)
        for (const auto& p : ds.places) places.push_back(p.code);
    for (const auto& place : places) {
        std::string why;
        auto f = figures.get(dv.code, place, std::nullopt, &why);
        if (!f) {
            if (!dv.all_places)   // with '*', only the places that have the inputs are computed
                findings.push_back({dv.expect_at, "'" + dv.code + "' should be above zero but cannot be computed: " + why});
            continue;
        }
        if (f->value.is_missing() || f->value.amount() > 0) continue;
        const data::Measure* m = ds.measure(dv.code);
        findings.push_back({dv.expect_at, "the source implies that " + m->title + " (" + ds.place(place)->name + ", " +
                                              dv.period + ") is above zero, but " + explain(*f) + " = " +
                                              format_value(f->value) + ": the source's own figures disagree"});
    }
}

}  // namespace

namespace {

// "Coventry, Solihull and Warwickshire Total Place Pilot …" for a source code (the code if unknown).
std::string source_title(const data::Dataset& ds, const std::string& code) {
    const data::Source* s = ds.source(code);
    return s && !s->title.empty() ? s->title : code;
}

// Two sources (or two tables of one) that disagree, in the words of the published page:
// titles and names rather than codes, and which figure the pack prints.
std::string duplicate_for_readers(const data::Dataset& ds, const data::Observation& printed, const data::Observation& other) {
    const data::Measure* m = ds.measure(other.measure);
    const data::Place* p = ds.place(other.place);
    const std::string what = (m ? m->title : other.measure) + " (" + (p ? p->name : other.place) + ", " + other.period + ")";
    auto in = [](const data::Observation& x) { return x.reference.empty() ? std::string() : " in its " + x.reference; };
    std::string text;
    if (printed.source == other.source)
        text = source_title(ds, other.source) + " gives " + other.typed + " for " + what + in(other) + " but " +
               printed.typed + in(printed);
    else
        text = source_title(ds, other.source) + " gives " + other.typed + " for " + what + in(other) + " but " +
               source_title(ds, printed.source) + " gives " + printed.typed + in(printed);
    text += "; the pack prints " + format_value(printed.value);
    if (!printed.reference.empty()) text += ", as in the " + printed.reference;
    return text;
}

}  // namespace

std::vector<Finding> audit(const Figures& figures) {
    const auto& ds = figures.dataset();
    std::vector<Finding> findings;
    for (const auto& o : ds.observations) {
        const data::Measure* m = ds.measure(o.measure);
        if (!m || !m->derived || o.value.is_missing()) continue;
        if (!ds.derivation(o.measure)->covers(o.place)) continue;   // stated, not computed, there
        std::string why;
        auto f = figures.get(o.measure, o.place, o.period, &why);
        if (!f) {
            findings.push_back({o.where(), "the source states " + o.typed + " for '" + o.measure +
                                             "' but it cannot be recomputed: " + why});
            continue;
        }
        if (f->value.is_missing() || agrees(f->value, o.value)) continue;
        const data::Place* p = ds.place(o.place);
        findings.push_back({o.where(), "the source states " + o.typed + " for " + m->title + " (" + p->name + ", " +
                                         o.period + ") but " + explain(*f) + " = " +
                                         format_value(f->value, m->unit == Unit::Percent ? Style::Percent1 : Style::Auto) +
                                         "; the pack prints the computed figure"});
    }
    for (const auto& dv : ds.derivations)
        if (dv.expect == data::Expectation::Positive) audit_expectation(figures, dv, findings);
    // Scenario models whose assumptions are not all known cannot be checked against totals.
    std::vector<std::string> models;
    for (const auto& line : ds.scenario_lines)
        if (std::find(models.begin(), models.end(), line.model) == models.end()) models.push_back(line.model);
    for (const auto& model : models) {
        std::string why;
        auto results = run_scenarios(figures, model, &why);
        auto [lo, hi] = scenario_range(results);
        const data::ScenarioLine* first = nullptr;
        for (const auto& line : ds.scenario_lines)
            if (line.model == model && !first) first = &line;
        if (!why.empty()) findings.push_back({first->where, why});
        else if (lo.is_missing())
            findings.push_back({first->where, "scenario model '" + model + "' cannot be recomputed: some shares or unit "
                                              "costs are " + lo.missing_reason() + "; its reported totals are shown as reported"});
    }
    // Two figures for one place, measure and period (from two sources, or printed twice in
    // one) that disagree beyond their rounding, or where one is missing and the other is not.
    std::map<std::tuple<std::string, std::string, std::string>, const data::Observation*> first;
    for (const auto& o : ds.observations) {
        auto key = std::make_tuple(o.place, o.measure, o.period);
        auto it = first.find(key);
        if (it == first.end()) {
            first[key] = &o;
            continue;
        }
        const auto* a = it->second;
        if (agrees(a->value, o.value)) continue;
        auto where_printed = [&](const data::Observation* x) {
            return "'" + x->source + "'" + (x->reference.empty() ? "" : " (" + x->reference + ")");
        };
        // Say which of the two is printed, and why: the first row for a figure is the one used.
        const std::string file = a->file ? *a->file : std::string("the data");
        Finding f{o.where(), where_printed(&o) + " gives " + o.typed + " for '" + o.measure + "' (" + o.place + ", " +
                                 o.period + ") but " + where_printed(a) + " gives " + a->typed + " (line " +
                                 std::to_string(a->line) + "); the pack prints " + format_value(a->value) +
                                 ", from line " + std::to_string(a->line) + ", because that row comes first in " + file,
                  ""};
        f.reader = duplicate_for_readers(ds, *a, o);
        findings.push_back(std::move(f));
    }
    return findings;
}

}  // namespace ep::calc
