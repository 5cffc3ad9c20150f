#include "pdf/line_cache.h"

#include <cstdint>
#include <cstring>
#include <memory>
#include <unordered_map>

namespace ep::pdf {

namespace {

// The number of fields of an aggregate, counted by how many values brace-initialise it. The
// key below compares the fields of TextStyle and model::Run by name; if either gains a field,
// its count changes and the cache stays off rather than mistake two different inputs for one.
struct AnyField {
    template <class T>
    operator T() const;
};

template <class T, class... A>
constexpr size_t field_count() {
    if constexpr (requires { T{A{}..., AnyField{}}; }) return field_count<T, A..., AnyField>();
    else return sizeof...(A);
}

constexpr bool cache_usable = field_count<TextStyle>() == 5 && field_count<model::Run>() == 9;

std::uint32_t bits(float f) {
    std::uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

bool same_style(const TextStyle& a, const TextStyle& b) {
    return bits(a.size) == bits(b.size) && bits(a.leading) == bits(b.leading) && a.bold == b.bold &&
           a.italic == b.italic && a.color == b.color;
}

bool same_run(const model::Run& a, const model::Run& b) {
    return a.text == b.text && a.bold == b.bold && a.italic == b.italic && a.code == b.code && a.strike == b.strike &&
           a.link == b.link && a.footnote == b.footnote && a.figure_value == b.figure_value && a.lang == b.lang;
}

struct Entry {
    const FontSet* fonts;
    std::uint32_t width;
    TextStyle style;
    std::vector<int> refs;
    model::Runs runs;
    std::vector<Line> lines;

    bool matches(const model::Runs& r, const TextStyle& st, std::uint32_t w, const FontSet* f,
                 const std::vector<int>& rf) const {
        if (fonts != f || width != w || !same_style(style, st) || refs != rf || runs.size() != r.size()) return false;
        for (size_t i = 0; i < r.size(); ++i)
            if (!same_run(runs[i], r[i])) return false;
        return true;
    }
};

struct Cache {
    std::unordered_multimap<std::uint64_t, Entry> entries;
};

thread_local Cache* active = nullptr;

std::uint64_t mix(std::uint64_t h, std::uint64_t v) { return (h ^ v) * 0x100000001B3ull; }

std::uint64_t key_hash(const model::Runs& runs, const TextStyle& st, std::uint32_t width, const std::vector<int>& refs) {
    std::uint64_t h = 0xCBF29CE484222325ull;
    h = mix(h, width);
    h = mix(h, bits(st.size));
    h = mix(h, static_cast<std::uint64_t>(st.bold) << 1 | static_cast<std::uint64_t>(st.italic));
    for (const auto& r : runs) {
        for (unsigned char c : r.text) h = mix(h, c);
        h = mix(h, r.link.size());
        h = mix(h, r.lang.size());
        h = mix(h, static_cast<std::uint64_t>(r.footnote) << 8 | static_cast<std::uint64_t>(r.bold) << 1 |
                       static_cast<std::uint64_t>(r.italic) << 2 | static_cast<std::uint64_t>(r.code) << 3 |
                       static_cast<std::uint64_t>(r.strike) << 4);
    }
    for (int ref : refs) h = mix(h, static_cast<std::uint64_t>(ref));
    return h;
}

const std::vector<Line>& lines_for(Cache& cache, const model::Runs& runs, const TextStyle& st, float width,
                                   const FontSet& fonts, const std::vector<int>& refs) {
    const std::uint32_t w = bits(width);
    const std::uint64_t h = key_hash(runs, st, w, refs);
    auto [first, last] = cache.entries.equal_range(h);
    for (auto it = first; it != last; ++it)
        if (it->second.matches(runs, st, w, &fonts, refs)) return it->second.lines;
    Entry e{&fonts, w, st, refs, runs, break_lines(runs, st, width, fonts, refs)};
    return cache.entries.emplace(h, std::move(e))->second.lines;
}

}  // namespace

bool line_cache_enabled() { return cache_usable; }

LineCacheScope::LineCacheScope() {
    if (active || !cache_usable) return;
    active = new Cache;
    owner_ = true;
}

LineCacheScope::~LineCacheScope() {
    if (!owner_) return;
    delete active;
    active = nullptr;
}

std::vector<Line> cached_break_lines(const model::Runs& runs, const TextStyle& style, float width,
                                     const FontSet& fonts, const std::vector<int>& run_refs) {
    if (!active) return break_lines(runs, style, width, fonts, run_refs);
    return lines_for(*active, runs, style, width, fonts, run_refs);
}

size_t cached_line_count(const model::Runs& runs, const TextStyle& style, float width, const FontSet& fonts) {
    if (!active) return break_lines(runs, style, width, fonts).size();
    return lines_for(*active, runs, style, width, fonts, {}).size();
}

}  // namespace ep::pdf
