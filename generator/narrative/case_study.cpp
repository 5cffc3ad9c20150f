#include "narrative/case_study.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "calc/figures.h"
#include "core/format.h"
#include "core/text.h"
#include "narrative/directives.h"
#include "narrative/markdown.h"

namespace ep::narrative {

// ---- the shape of a case study -----------------------------------------------------------

const std::vector<std::string>& case_study_headings() {
    static const std::vector<std::string> headings = {"Summary", "What was done", "Benefits",
                                                      "Critical success factors", "Lessons", "Contact"};
    return headings;
}

namespace {

std::string plain(const model::Runs& runs) {
    std::string s;
    for (const auto& r : runs)
        if (r.footnote == 0) s += r.text;
    return s;
}

// Heading text compared ignoring case and runs of spaces.
std::string heading_key(const std::string& text) {
    std::string out;
    for (const auto& word : split(trim(text), ' '))
        if (!word.empty()) out += (out.empty() ? "" : " ") + to_lower(word);
    return out;
}

// The line a block came from ("content/x.md:12" -> 12), 0 when unknown.
int origin_line(const model::Block& b) {
    size_t colon = b.origin.rfind(':');
    if (colon == std::string::npos) return 0;
    try {
        return std::stoi(b.origin.substr(colon + 1));
    } catch (...) {
        return 0;
    }
}

std::string heading_list() {
    std::string s;
    for (const auto& h : case_study_headings()) s += (s.empty() ? "" : ", ") + h;
    return s;
}

struct FoundHeading {
    size_t index;      // into case_study_headings()
    int line;
};

}  // namespace

void check_case_study(const model::Section& section, const std::string& file, Diagnostics& diags) {
    const auto& expected = case_study_headings();
    auto index_of = [&](const std::string& text) -> std::optional<size_t> {
        const std::string key = heading_key(text);
        for (size_t i = 0; i < expected.size(); ++i)
            if (heading_key(expected[i]) == key) return i;
        return std::nullopt;
    };
    const std::string rule = " (a case study has the level-2 headings " + heading_list() + ", in this order)";
    std::vector<std::pair<int, std::string>> problems;   // (line, message), reported by line

    std::vector<FoundHeading> found;
    std::vector<bool> seen(expected.size(), false);
    int title_line = 1, last_line = 1;
    for (const auto& b : section.blocks) {
        last_line = std::max(last_line, origin_line(b));
        if (b.kind != model::BlockKind::Heading) continue;
        if (b.level == 1) {
            title_line = std::max(1, origin_line(b));
            continue;
        }
        if (b.level != 2) continue;
        const std::string text = plain(b.runs);
        const int line = origin_line(b);
        auto i = index_of(text);
        if (!i) {
            problems.push_back({line, "unexpected heading '" + text + "' in a case study" + rule});
            continue;
        }
        if (seen[*i]) {
            problems.push_back({line, "the heading '" + expected[*i] + "' is given twice" + rule});
            continue;
        }
        seen[*i] = true;
        found.push_back({*i, line});
    }

    if (found.empty() && problems.empty()) {
        diags.error({file, title_line, 1}, "this case study has none of its headings: add '## Summary', '## What was done', "
                                           "'## Benefits', '## Critical success factors', '## Lessons' and '## Contact', "
                                           "in this order");
        return;
    }

    // Out of order: a heading that comes after one it should precede.
    for (size_t k = 0; k < found.size(); ++k) {
        const FoundHeading* later = nullptr;   // the earliest-placed heading seen so far that belongs after it
        for (size_t j = 0; j < k; ++j)
            if (found[j].index > found[k].index && (!later || found[j].index < later->index)) later = &found[j];
        if (later)
            problems.push_back({found[k].line, "the heading '" + expected[found[k].index] + "' is out of order: it belongs "
                                               "before '" + expected[later->index] + "'" + rule});
    }

    // Missing: reported where the heading belongs, before the first heading that follows it.
    for (size_t i = 0; i < expected.size(); ++i) {
        if (seen[i]) continue;
        const FoundHeading* next = nullptr;
        for (const auto& f : found)
            if (f.index > i && (!next || f.line < next->line)) next = &f;
        // A heading of the right name at another level is the likely slip: point at it.
        std::string hint;
        int hint_line = 0;
        for (const auto& b : section.blocks)
            if (b.kind == model::BlockKind::Heading && b.level > 2 && index_of(plain(b.runs)) == i && !hint_line) {
                hint_line = origin_line(b);
                hint = "; line " + std::to_string(hint_line) + " has it as a level-" + std::to_string(b.level) +
                       " heading: write '## " + expected[i] + "'";
            }
        if (next)
            problems.push_back({hint_line ? hint_line : next->line, "the case study has no '" + expected[i] +
                                                                        "' heading: it belongs before '" +
                                                                        expected[next->index] + "'" + (hint.empty() ? rule : hint)});
        else
            problems.push_back({hint_line ? hint_line : last_line, "the case study ends without a '" + expected[i] +
                                                                       "' heading" + (hint.empty() ? rule : hint)});
    }

    std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [line, message] : problems) diags.error({file, std::max(line, 1), 1}, message);
}

// ---- ```facts: a panel of label/value pairs ----------------------------------------------

std::optional<model::Block> DirectiveBuilder::facts(const std::string& body, const std::string& file, int body_line,
                                                    Diagnostics& diags) {
    const int before = diags.error_count();
    model::Block b;
    b.kind = model::BlockKind::Facts;
    const auto lines = split(body, '\n');
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string line = lines[i];
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (trim(line).empty()) continue;
        const int line_no = body_line + static_cast<int>(i);
        const size_t colon = line.find(':');
        if (colon == std::string::npos) {
            diags.error({file, line_no, 1}, "expected 'label: value' in the facts panel (such as 'Saving: {{ ... }}')");
            continue;
        }
        const size_t label_start = line.find_first_not_of(' ');
        if (trim(line.substr(0, colon)).empty()) {
            diags.error({file, line_no, static_cast<int>(colon) + 1}, "a fact needs a label before the ':'");
            continue;
        }
        const std::string label = plain(markdown_inline(trim(line.substr(0, colon)),
                                                        {file, line_no, static_cast<int>(label_start) + 1}, diags));
        const size_t value_start = line.find_first_not_of(' ', colon + 1);
        const Location value_at{file, line_no, static_cast<int>(value_start == std::string::npos ? colon + 2 : value_start + 1)};
        const std::string value = trim(line.substr(colon + 1));
        if (value.empty()) {
            diags.error(value_at, "the fact '" + label + "' has no value");
            continue;
        }
        if (std::any_of(b.facts.begin(), b.facts.end(), [&](const model::Fact& f) { return f.label == label; })) {
            diags.error({file, line_no, static_cast<int>(label_start) + 1}, "the fact '" + label + "' is given twice");
            continue;
        }
        b.facts.push_back({label, markdown_inline(value, value_at, diags)});
    }
    if (b.facts.empty() && diags.error_count() == before)
        diags.error({file, body_line - 1, 1}, "the facts panel is empty: add lines such as 'Saving: {{ measure @ place }}'");
    if (diags.error_count() > before) return std::nullopt;
    return b;
}

// ---- ```savings: how a computed saving follows from its inputs ---------------------------

namespace {

const DirectiveField& field(const DirectiveFields& f, const std::string& key) {
    auto it = f.find(key);
    if (it == f.end() || it->second.value.empty()) {
        Location at = f.empty() ? Location{} : f.begin()->second.where;
        throw Error(at, "the savings directive needs '" + key + ": ...'");
    }
    return it->second;
}

model::TableCell cell(const std::string& text, bool header = false, bool bold = false, bool figure = false) {
    model::Run r = model::text_run(text);
    r.bold = bold;
    r.figure_value = figure;
    return model::TableCell{{r}, header, false};
}

// A computed total prints in full ("£1,053,000"), so the sum can be checked by hand.
Style result_style(const Value& v) {
    if (v.unit() == Unit::Money) return Style::MoneyExact;
    if (v.unit() == Unit::Percent) return Style::Percent1;
    return Style::Auto;
}

}  // namespace

std::optional<model::Block> DirectiveBuilder::savings_table(const DirectiveFields& f) {
    const auto& ds = figures_.dataset();
    model::Table t = numbered_table(f);
    const DirectiveField& mf = field(f, "measure");
    const DirectiveField& pf = field(f, "place");
    const data::Measure* m = ds.measure(mf.value);
    if (!m) throw Error(mf.where, "unknown measure '" + mf.value + "'");
    if (!m->derived)
        throw Error(mf.where, "'" + mf.value + "' is not computed: a savings table shows how a figure of data/derived.csv "
                                               "follows from its inputs");
    const data::Place* place = ds.place(pf.value);
    if (!place) throw Error(pf.where, "unknown place '" + pf.value + "'");
    std::string why;
    auto result = figures_.get(m->code, place->code, std::nullopt, &why);
    if (!result) throw Error(pf.where, "savings table '" + t.caption + "': " + why);

    t.head.push_back({cell("Item", true), cell("Figure", true), cell("Basis", true)});
    t.align = {model::Align::Left, model::Align::Right, model::Align::Left};
    std::string csv = "item,value,unit,basis,source,unrounded\n";
    std::vector<std::string> sources;
    auto add_sources = [&](const std::vector<std::string>& codes) {
        for (const auto& c : codes)
            if (std::find(sources.begin(), sources.end(), c) == sources.end()) sources.push_back(c);
    };
    auto add_row = [&](const std::string& label, const Value& v, const std::string& shown, const std::string& basis,
                       bool bold, const std::vector<std::string>& codes, bool is_figure = true) {
        model::TableCell value = cell(shown, false, bold, is_figure);
        value.missing = v.is_missing();
        t.body.push_back({cell(label, true, bold), value, cell(basis, false, bold)});
        t.group_of_row.push_back("");
        std::string joined;
        for (const auto& c : codes) joined += (joined.empty() ? "" : ";") + c;
        // The figure as the table prints it ("£1,053,000", "25.7%"), and unrounded when that rounds
        // it; a verdict ("Disagrees") as its word.
        std::string number = is_figure ? raw_number(v) : shown, unrounded;
        if (is_figure && !v.is_missing()) {
            std::string why;
            if (auto printed = parse_value(shown, v.unit(), &why); printed && !printed->is_missing()) number = raw_number(*printed);
            if (number != raw_number(v)) unrounded = raw_number(v);
        }
        csv += csv_field(label) + "," + csv_field(number) + "," + (is_figure ? unit_name(v.unit()) : std::string()) + "," +
               csv_field(basis) + "," + csv_field(joined) + "," + unrounded + "\n";
    };

    for (const calc::Figure& in : result->inputs) {
        const data::Measure* im = ds.measure(in.measure);
        std::string label = im->title;
        std::vector<std::string> qualifiers;
        if (in.place != place->code) qualifiers.push_back(ds.place(in.place)->name);
        if (in.period != result->period) qualifiers.push_back(in.period);
        for (size_t k = 0; k < qualifiers.size(); ++k) label += (k ? ", " : " (") + qualifiers[k];
        if (!qualifiers.empty()) label += ")";
        std::string basis = in.derived ? "Computed: " + calc::explain(in) : "Stated in the source";
        add_row(label, in.value, in.derived ? format_value(in.value, result_style(in.value)) : format_checkable(in.value),
                basis, false, in.sources);
        add_sources(in.sources);
    }
    const Value& computed = result->value;
    add_row(m->title, computed, format_value(computed, result_style(computed)),
            "Computed: " + calc::explain(*result), true, result->sources);

    // What the source implies about the result (derived.csv `expect`), tested as the audit does.
    if (ds.derivation(m->code)->expect == data::Expectation::Positive && !computed.is_missing()) {
        const bool holds = computed.amount() > 0;
        add_row("Checked against the source", computed, holds ? "Agrees" : "Disagrees",
                std::string("The source implies this figure is above zero") +
                    (holds ? ", and it is" : "; its own figures leave " + format_value(computed, result_style(computed))),
                false, result->sources, false);
    }

    // The source's own figure for the result, checked against the computation (as the audit does).
    for (const data::Observation* o : ds.reported(place->code, m->code)) {
        if (o->period != result->period || o->value.is_missing() || o->value.is_rating()) continue;
        std::string basis;
        if (computed.is_missing()) {
            basis = "Cannot be checked: the computed figure is " + computed.missing_reason();
        } else {
            const double diff = computed.amount() - o->value.amount();
            if (std::fabs(diff) <= o->value.rounding() + 1e-9 * std::fabs(o->value.amount())) {
                basis = "Agrees with the computed figure";
                if (o->value.rounding() > 0) basis += ", to the rounding of the stated figure";
            } else {
                Value gap = Value::of(computed.unit(), std::fabs(diff));
                basis = format_value(gap, result_style(gap)) + (diff > 0 ? " less" : " more") +
                        " than its own inputs give; the pack uses the computed figure";
            }
        }
        add_row("Stated in the source" + (o->reference.empty() ? std::string() : " (" + o->reference + ")"), o->value,
                o->typed, basis, false, {o->source});
        add_sources({o->source});
    }
    t.csv = csv;
    return table_block(std::move(t), sources);
}

}  // namespace ep::narrative
