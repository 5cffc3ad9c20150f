#include "narrative/resolve.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/links.h"
#include "calc/calculations.h"
#include "core/format.h"
#include "narrative/markdown.h"

namespace ep::narrative {

std::string escape_markdown(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (std::string("\\`*_{}[]<>()#+!|~").find(c) != std::string::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string resolved_plain_text(const std::string& resolved) {
    std::string out;
    out.reserve(resolved.size());
    for (size_t i = 0; i < resolved.size(); ++i) {
        if (resolved.compare(i, 3, kFigureOpen) == 0 || resolved.compare(i, 3, kFigureClose) == 0) {
            i += 2;
            continue;
        }
        // A backslash before ASCII punctuation is an escape (CommonMark); the character stays.
        if (resolved[i] == '\\' && i + 1 < resolved.size() && std::ispunct(static_cast<unsigned char>(resolved[i + 1]))) ++i;
        out += resolved[i];
    }
    return out;
}

namespace {
std::string figure(const std::string& text) {
    return std::string(kFigureOpen) + escape_markdown(text) + kFigureClose;
}
}  // namespace

Resolver::SourceNote Resolver::source_note(const calc::Figure& f) {
    const auto& ds = figures_.dataset();
    std::string note;
    for (const auto& code : f.sources) {
        const data::Source* s = ds.source(code);
        if (!s) continue;
        if (!note.empty()) note += "; ";
        note += escape_markdown(s->title);
        // The publisher is often already in the title ("Coventry City Council budget book").
        if (!s->publisher.empty() && s->title.find(s->publisher) == std::string::npos)
            note += ", " + escape_markdown(s->publisher);
        if (!s->date.empty() && s->title.find(s->date.substr(0, 4)) == std::string::npos)
            note += " (" + escape_markdown(s->date.substr(0, 4)) + ")";
        if (const std::string url = web_address(s->url); !url.empty()) note += ", <" + url + ">";
    }
    return {note, f.derived ? "Computed: " + escape_markdown(calc::explain(f)) + "." : ""};
}

// The note's Markdown: the citation in full the first time this section cites these sources,
// else a pointer to that first note.
std::string Resolver::source_footnote(const std::string& label, const SourceNote& note) {
    auto [first, fresh] = cited_in_file_.try_emplace(note.citation, label);
    std::string text = fresh || first->second == label
                           ? note.citation + "."
                           : std::string("Source as [note](") + kFootnoteLinkPrefix + first->second + ").";
    if (!note.computed.empty()) text += " " + note.computed;
    return text;
}

std::string Resolver::value_text(const Placeholder& p) {
    const auto& ds = figures_.dataset();
    std::string why;
    switch (p.kind) {
        case PlaceholderKind::Name: {
            const data::Place* pl = ds.place(p.place);
            if (!pl) throw Error(p.where, "unknown place '" + p.place + "'");
            return escape_markdown(pl->name);
        }
        case PlaceholderKind::Title: {
            const data::Measure* m = ds.measure(p.measure);
            if (!m) throw Error(p.where, "unknown measure '" + p.measure + "'");
            return escape_markdown(m->title);
        }
        case PlaceholderKind::Ref: {
            auto it = refs_.find(p.id);
            if (it == refs_.end()) throw Error(p.where, "no table or figure has the id '" + p.id + "'");
            return "[" + it->second.label + "](#" + it->second.anchor + ")";
        }
        case PlaceholderKind::Compare: return compare_text(p);
        case PlaceholderKind::If:
        case PlaceholderKind::Else:
        case PlaceholderKind::End:
            throw Error(p.where, "{{ if }}, {{ else }} and {{ end }} choose wording in a section's text; they cannot be used here");
        case PlaceholderKind::Quartile:
        case PlaceholderKind::Gap:
        case PlaceholderKind::GapPeople: return benchmark_text(p);
        case PlaceholderKind::Best:
        case PlaceholderKind::BestPlace:
        case PlaceholderKind::Rank: {
            auto ranked = calc::rank_in_group(figures_, p.measure, p.group, p.period, &why);
            if (!why.empty()) throw Error(p.where, why);
            if (ranked.empty()) throw Error(p.where, "no member of '" + p.group + "' has a figure for '" + p.measure + "'");
            if (p.kind == PlaceholderKind::Best) return figure(format_value(ranked.front().value, p.style.value_or(Style::Auto)));
            if (p.kind == PlaceholderKind::BestPlace) {
                std::vector<std::string> names;
                for (const auto& r : ranked)
                    if (r.rank == 1) names.push_back(ds.place(r.place)->name);
                return escape_markdown(list_of_names(names));
            }
            for (const auto& r : ranked)
                if (r.place == p.place) return figure(calc::rank_label(r));
            throw Error(p.where, "'" + p.place + "' has no figure for '" + p.measure + "' in '" + p.group + "'");
        }
        case PlaceholderKind::Value:
        case PlaceholderKind::Source:
        case PlaceholderKind::How: {
            auto f = figures_.get(p.measure, p.place, p.period, &why);
            if (!f) throw Error(p.where, why);
            sources_used_.insert(f->sources.begin(), f->sources.end());
            if (p.kind == PlaceholderKind::How) return figure(calc::explain(*f));
            if (p.kind == PlaceholderKind::Source) {
                std::string label = "src-" + p.measure + "-" + p.place + "-" + f->period;
                for (char& c : label)
                    if (c == '/') c = '-';
                source_footnotes_[label] = source_footnote(label, source_note(*f));
                return "[^" + label + "]";
            }
            return figure(format_value(f->value, p.style.value_or(Style::Auto)));
        }
    }
    return "";
}

namespace {

// Decimals a difference between a and b prints with: the more precise of the two as typed
// ("38%" and "28%": 10 percentage points; "6.7%" and "5.8%": 0.9); -1 when neither was typed
// (computed figures), which percentages print with one decimal and rates with their own.
int difference_decimals(const Value& a, const Value& b) {
    const int d = std::max(a.typed_decimals(), b.typed_decimals());
    return a.unit() == Unit::Percent && d < 0 ? 1 : d;
}

// A difference in the measure's own unit, as a size (the caller says which way): "£100",
// "4.3 percentage points", "1,200", "10 per 10,000 children" (a rate, with the measure's `per`).
std::string difference_text(const Value& d, int decimals, const data::Measure* m) {
    if (d.unit() == Unit::Percent) return percentage_points(d.amount(), decimals);
    if (d.unit() == Unit::Rate) {
        std::string n = group_thousands(d.amount(), decimals >= 0 ? decimals : 1);
        return m && !m->per.empty() ? n + " " + m->per : n;
    }
    return format_value(d);
}

// Does the difference print as nothing ("0 percentage points", "£0")?
bool prints_as_zero(const Value& d, int decimals) {
    const int places = d.unit() == Unit::Percent || d.unit() == Unit::Rate ? std::max(decimals, 0)
                       : d.unit() == Unit::Count                           ? 0
                                                                           : 2;
    return std::fabs(round_to(d.amount(), places)) < 1e-9;
}

}  // namespace

std::string Resolver::benchmark_text(const Placeholder& p) {
    const auto& ds = figures_.dataset();
    std::string why;
    auto ranked = calc::rank_in_group(figures_, p.measure, p.group, p.period, &why);
    if (!why.empty()) throw Error(p.where, why);
    if (p.kind == PlaceholderKind::Quartile) {
        auto q = calc::quartile_position(ranked, p.place);
        if (!q) throw Error(p.where, "'" + p.place + "' has no figure for '" + p.measure + "' in '" + p.group + "'");
        return figure(calc::quartile_label(*q));
    }
    std::optional<Value> population;
    if (p.kind == PlaceholderKind::GapPeople) {
        auto pop = figures_.get(p.population, p.place, std::nullopt, &why);
        if (!pop) throw Error(p.where, why);
        population = pop->value;
        if (ds.measure(p.measure)->unit != Unit::Percent)
            throw Error(p.where, "gap_people needs a percentage measure; '" + p.measure + "' is " +
                                     unit_name(ds.measure(p.measure)->unit));
    }
    auto gap = calc::gap_to_best(ranked, p.place, population);
    if (!gap) throw Error(p.where, "'" + p.place + "' has no figure for '" + p.measure + "' in '" + p.group + "'");
    if (p.kind == PlaceholderKind::GapPeople) return figure(format_value(gap->people, Style::Count));
    Value printed = gap->best;
    for (const auto& r : ranked)
        if (r.place == p.place) printed = r.value;
    return figure(difference_text(gap->to_best, difference_decimals(gap->best, printed), ds.measure(p.measure)));
}

std::string Resolver::compare_text(const Placeholder& p) {
    const auto& ds = figures_.dataset();
    std::string why;
    auto a = figures_.get(p.measure, p.place, p.period, &why);
    if (!a) throw Error(p.where, why);
    auto b = figures_.get(p.measure, p.other, p.period, &why);
    if (!b) throw Error(p.where, why);
    const data::Place* other = ds.place(p.other);
    if (a->value.is_missing() || b->value.is_missing() || a->value.is_rating())
        return figure("not comparable with " + other->name + " (a figure is missing)");
    if (p.relative) {
        Value r = calc::percent_difference(a->value, b->value);
        if (r.is_missing()) return figure("not comparable with " + other->name + " (its figure is zero)");
        if (prints_as_zero(r, 0)) return figure("the same as " + other->name);
        return figure(format_value(Value::of(Unit::Percent, std::fabs(r.amount())), Style::Percent) +
                      (r.amount() > 0 ? " more than " : " less than ") + other->name);
    }
    Value d = calc::difference(a->value, b->value);
    const int decimals = difference_decimals(a->value, b->value);
    if (prints_as_zero(d, decimals)) return figure("the same as " + other->name);
    const double amount = d.amount();
    const bool up = amount > 0;
    std::string more, less;
    switch (d.unit()) {
        case Unit::Percent: more = "higher"; less = "lower"; break;
        case Unit::Count:
        case Unit::Rate: more = "more"; less = "fewer"; break;
        default: more = "more"; less = "less"; break;
    }
    Value size = Value::of(d.unit(), std::fabs(amount));
    const data::Measure* m = ds.measure(p.measure);
    std::string text = difference_text(size, decimals, m);
    // A rate's words go between the number and its unit: "10 more per 10,000 children than Bromley".
    if (d.unit() == Unit::Rate && m && !m->per.empty())
        text = group_thousands(size.amount(), decimals >= 0 ? decimals : 1) + " " + (up ? more : less) + " " + m->per + " than ";
    else
        text += " " + (up ? more : less) + " than ";
    return figure(text + other->name);
}

bool Resolver::condition_holds(const Placeholder& p) {
    std::string why;
    bool holds = false;
    if (p.condition == Condition::Same) {
        auto a = figures_.get(p.measure, p.place, p.period, &why);
        if (!a) throw Error(p.where, why);
        auto b = figures_.get(p.measure, p.other, p.period, &why);
        if (!b) throw Error(p.where, why);
        if (a->value.is_rating() || b->value.is_rating()) holds = a->value.text() == b->value.text();
        else if (!a->value.is_missing() && !b->value.is_missing())
            holds = prints_as_zero(calc::difference(a->value, b->value), difference_decimals(a->value, b->value));
    } else {
        auto ranked = calc::rank_in_group(figures_, p.measure, p.group, p.period, &why);
        if (!why.empty()) throw Error(p.where, why);
        auto it = std::find_if(ranked.begin(), ranked.end(), [&](const calc::Ranked& r) { return r.place == p.place; });
        if (it == ranked.end())
            throw Error(p.where, "'" + p.place + "' has no figure for '" + p.measure + "' in '" + p.group + "'");
        holds = p.condition == Condition::Best ? it->rank == 1 : it->rank == ranked.back().rank;
    }
    return holds != p.negated;
}

Placeholder Resolver::with_focus(const Placeholder& p) const {
    if (p.place != kHerePlace && p.other != kHerePlace) return p;
    if (focus_.empty()) throw Error(p.where, kNoFocusError);
    Placeholder q = p;
    if (q.place == kHerePlace) q.place = focus_;
    if (q.other == kHerePlace) q.other = focus_;
    return q;
}

std::string Resolver::resolve(const Placeholder& p) { return value_text(with_focus(p)); }

namespace {

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r") == std::string_view::npos; }

// One open {{ if }}: whether the text of its current branch is kept.
struct OpenCondition {
    Location where;
    bool outer_kept;   // the text around the {{ if }} is kept
    bool holds;
    bool in_else = false;
    bool kept() const { return outer_kept && (in_else ? !holds : holds); }
};

}  // namespace

std::string Resolver::resolve_all(const std::string& text, const std::string& file, Diagnostics& diags) {
    source_footnotes_.clear();
    cited_in_file_.clear();
    auto placeholders = scan_placeholders(text, file, diags);
    std::string out;
    std::vector<OpenCondition> open;
    auto kept = [&] { return open.empty() || open.back().kept(); };
    size_t pos = 0;
    for (const auto& p : placeholders) {
        const bool tag = p.kind == PlaceholderKind::If || p.kind == PlaceholderKind::Else || p.kind == PlaceholderKind::End;
        size_t upto = p.begin, next = p.end;
        if (tag) {
            // A tag alone on its line takes the line with it, so that no blank line is left.
            const size_t line_start = text.rfind('\n', p.begin == 0 ? 0 : p.begin - 1);
            const size_t ls = p.begin == 0 || line_start == std::string::npos ? 0 : line_start + 1;
            const size_t le = std::min(text.find('\n', p.end), text.size());
            if (ls >= pos && blank(std::string_view(text).substr(ls, p.begin - ls)) &&
                blank(std::string_view(text).substr(p.end, le - p.end))) {
                upto = ls;
                next = std::min(le + 1, text.size());
            }
        }
        if (kept()) out.append(text, pos, upto - pos);
        pos = next;
        try {
            switch (p.kind) {
                case PlaceholderKind::If: {
                    OpenCondition c{p.where, kept(), false};
                    open.push_back(c);
                    open.back().holds = condition_holds(with_focus(p));
                    break;
                }
                case PlaceholderKind::Else:
                    if (open.empty()) throw Error(p.where, "{{ else }} without an {{ if }} before it");
                    if (open.back().in_else) throw Error(p.where, "a second {{ else }} for one {{ if }}");
                    open.back().in_else = true;
                    break;
                case PlaceholderKind::End:
                    if (open.empty()) throw Error(p.where, "{{ end }} without an {{ if }} before it");
                    open.pop_back();
                    break;
                default: {
                    // Text in a branch not taken is still resolved, so that its mistakes are found.
                    std::string r = resolve(p);
                    if (kept()) out += r;
                }
            }
        } catch (const Error& e) {
            diags.add(e);
        }
    }
    for (const auto& c : open) diags.error(c.where, "this {{ if }} has no {{ end }}");
    out.append(text, pos, std::string::npos);
    if (!source_footnotes_.empty()) {
        out += "\n";
        for (const auto& [label, note] : source_footnotes_) out += "\n[^" + label + "]: " + note + "\n";
    }
    return out;
}

}  // namespace ep::narrative
