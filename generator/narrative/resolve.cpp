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
                std::string names;
                for (const auto& r : ranked)
                    if (r.rank == 1) names += (names.empty() ? "" : " and ") + ds.place(r.place)->name;
                return escape_markdown(names);
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

// A difference in the measure's own unit: "£100", "4.3 percentage points", "1,200".
std::string difference_text(const Value& d, const Value& like) {
    if (d.unit() == Unit::Percent) {
        Value v = d;
        // one decimal, as indicators are printed; none for an exact zero ("0 percentage points")
        v.set_typed_decimals(std::fabs(d.amount()) < 1e-9 ? 0 : std::max(like.typed_decimals(), 1));
        std::string n = format_value(v, Style::Number);
        return n + (n == "1" || n == "1.0" ? " percentage point" : " percentage points");
    }
    return format_value(d);
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
    return figure(difference_text(gap->to_best, gap->best));
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
    Value d = calc::difference(a->value, b->value);
    double amount = d.amount();
    if (std::fabs(amount) < 1e-9) return figure("the same as " + other->name);
    Value size = Value::of(d.unit(), std::fabs(amount));
    bool percent = d.unit() == Unit::Percent;
    std::string word = amount > 0 ? (percent ? " higher than " : " more than ") : (percent ? " lower than " : " less than ");
    return figure(difference_text(size, a->value) + word + other->name);
}

std::string Resolver::resolve(const Placeholder& p) {
    if (p.place != kHerePlace && p.other != kHerePlace) return value_text(p);
    if (focus_.empty())
        throw Error(p.where, kNoFocusError);
    Placeholder q = p;
    if (q.place == kHerePlace) q.place = focus_;
    if (q.other == kHerePlace) q.other = focus_;
    return value_text(q);
}

std::string Resolver::resolve_all(const std::string& text, const std::string& file, Diagnostics& diags) {
    source_footnotes_.clear();
    cited_in_file_.clear();
    auto placeholders = scan_placeholders(text, file, diags);
    std::string out;
    size_t pos = 0;
    for (const auto& p : placeholders) {
        out.append(text, pos, p.begin - pos);
        try {
            out += resolve(p);
        } catch (const Error& e) {
            diags.add(e);
        }
        pos = p.end;
    }
    out.append(text, pos, std::string::npos);
    if (!source_footnotes_.empty()) {
        out += "\n";
        for (const auto& [label, note] : source_footnotes_) out += "\n[^" + label + "]: " + note + "\n";
    }
    return out;
}

}  // namespace ep::narrative
