#include "pipeline/printable.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>

#include "core/text.h"
#include "data/csv_reader.h"
#include "pdf/fonts.h"

namespace ep::pipeline {

namespace {

constexpr int max_places = 10;   // reported for one character

// Where a string of the model came from, when the sources do not hold the character itself:
// a block's origin ("content/x.md:12"), an audit finding's place ("data/x.csv:3:9"), or the
// file its kind of text is read from.
Location location_of(const std::string& origin) {
    const auto parts = split(origin, ':');
    Location at{parts.empty() ? std::string() : parts[0], 0, 0};
    if (parts.size() > 1) at.line = std::atoi(parts[1].c_str());
    if (parts.size() > 2) at.column = std::atoi(parts[2].c_str());
    return at;
}

// Every string the PDF prints, with where it came from (see layout.cpp, front_matter.cpp,
// furniture.cpp and the charts' PDF backend for what is drawn).
void each_printed(const model::Document& doc, const std::function<void(const std::string&, const std::string&)>& fn) {
    auto runs = [&](const model::Runs& rs, const std::string& at) {
        for (const auto& r : rs) fn(r.text, at);
    };
    std::function<void(const model::Blocks&, const std::string&)> blocks = [&](const model::Blocks& bs,
                                                                            const std::string& outer) {
        for (const auto& b : bs) {
            const std::string& at = b.origin.empty() ? outer : b.origin;
            fn(b.number, at);
            runs(b.runs, at);
            for (const auto& item : b.items) blocks(item.blocks, at);
            blocks(b.children, at);
            for (const auto& f : b.facts) {
                fn(f.label, at);
                runs(f.value, at);
            }
            if (const auto& t = b.table) {
                fn(t->caption, at);
                for (const auto* rows : {&t->head, &t->body})
                    for (const auto& row : *rows)
                        for (const auto& c : row) runs(c.runs, at);
                for (const auto& g : t->group_of_row) fn(g, at);
                runs(t->source, at);
            }
            if (const auto& f = b.figure) {
                fn(f->title, at);
                fn(f->summary, at);
                runs(f->source, at);
                for (const auto& c : f->chart.categories) fn(c, at);
                fn(f->chart.value_axis_title, at);
                for (const auto& s : f->chart.series) {
                    fn(s.name, at);
                    for (const auto& p : s.points) fn(p.label, at);
                }
            }
        }
    };
    const auto& m = doc.meta;
    for (const auto* s : {&m.title, &m.subtitle, &m.area, &m.author, &m.version}) fn(*s, "content/document.csv");
    for (const auto& k : doc.key_figures) {
        fn(k.label, "content/key_figures.csv");
        fn(k.value, "content/key_figures.csv");
    }
    std::map<int, std::string> note_at;   // a footnote: where the section first citing it is
    for (const auto& sec : doc.sections) {
        const std::string at = sec.blocks.empty() ? std::string() : sec.blocks.front().origin;
        fn(sec.short_title, at);
        blocks(sec.blocks, at);
        for (int n : sec.footnotes) note_at.emplace(n, at);
    }
    for (const auto& f : doc.footnotes) runs(f.runs, note_at[f.number]);
    for (const auto& src : doc.sources)
        for (const auto* s : {&src.title, &src.publisher, &src.date}) fn(*s, "data/sources.csv");
    if (doc.lists_checks)
        for (const auto& w : doc.warnings) fn(w.for_readers, w.for_check.substr(0, w.for_check.find(": ")));
}

// Tabs and line ends in the text are set as word spaces.
bool printed_as_space(char32_t cp) { return cp == '\t' || cp == '\n' || cp == '\r'; }

}  // namespace

void check_printable(const model::Document& doc, const std::function<std::vector<SourceText>()>& read_sources,
                     Diagnostics& d) {
    std::optional<pdf::FontSet> loaded;
    try {
        loaded = pdf::FontSet::load();
    } catch (const Error& e) {
        d.add(e);
        return;
    }
    const pdf::FontSet& fonts = *loaded;
    std::vector<char32_t> missing;               // in the order first met
    std::map<char32_t, std::string> printed_at;  // where each was first met
    each_printed(doc, [&](const std::string& text, const std::string& at) {
        for (size_t i = 0; i < text.size();) {
            const char32_t cp = next_code_point(text, i);
            if (printed_as_space(cp) || fonts.printable(cp) || printed_at.count(cp)) continue;
            missing.push_back(cp);
            printed_at[cp] = at;
        }
    });
    if (missing.empty()) return;
    const std::vector<SourceText> sources = read_sources();
    for (char32_t cp : missing) {
        std::string shown;
        append_utf8(shown, cp);
        const std::string message = "the PDF's fonts have no glyph for '" + shown + "' (" + code_point_name(cp) +
                                    "): neither Liberation nor DejaVu Sans holds it";
        std::vector<Location> places;
        size_t more = 0;
        for (const SourceText& src : sources)
            for (size_t at = src.text.find(shown); at != std::string::npos; at = src.text.find(shown, at + shown.size())) {
                if (places.size() < max_places) places.push_back(data::location_at(src.text, at, src.file));
                else ++more;
            }
        if (places.empty()) places.push_back(location_of(printed_at[cp]));
        for (size_t k = 0; k < places.size(); ++k)
            d.error(places[k], message + (k + 1 == places.size() && more > 0
                                              ? " (and " + std::to_string(more) + " more places)"
                                              : std::string()));
    }
}

}  // namespace ep::pipeline
