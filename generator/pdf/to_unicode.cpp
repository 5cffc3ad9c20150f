#include "pdf/to_unicode.h"

#include <algorithm>
#include <cstdio>

namespace ep::pdf {

namespace {

constexpr size_t max_block = 100;   // entries in one beginbfchar / beginbfrange block

std::string hex4(unsigned v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04X", v & 0xFFFF);
    return buf;
}

// <XXXX> or <XXXXYYYY>: the character as UTF-16BE.
std::string utf16_hex(char32_t cp) {
    if (cp < 0x10000) return "<" + hex4(cp) + ">";
    const char32_t v = cp - 0x10000;
    return "<" + hex4(0xD800 + (v >> 10)) + hex4(0xDC00 + (v & 0x3FF)) + ">";
}

bool usable(char32_t cp) {
    return cp != 0 && cp != 0xFEFF && cp != 0xFFFE && !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF;
}

struct Range {
    std::uint16_t first, last;
    char32_t cp;
};

template <typename T, typename Write>
void blocks(std::string& out, const std::vector<T>& items, const char* kind, Write write) {
    for (size_t from = 0; from < items.size(); from += max_block) {
        const size_t to = std::min(items.size(), from + max_block);
        out += std::to_string(to - from) + " begin" + kind + "\n";
        for (size_t i = from; i < to; ++i) write(items[i]);
        out += std::string("end") + kind + "\n";
    }
}

}  // namespace

std::string to_unicode_cmap(std::vector<std::pair<std::uint16_t, char32_t>> entries) {
    entries.erase(std::remove_if(entries.begin(), entries.end(), [](const auto& e) { return !usable(e.second); }),
                  entries.end());
    std::sort(entries.begin(), entries.end());
    std::vector<Range> ranges;
    std::vector<std::pair<std::uint16_t, char32_t>> singles;
    for (size_t i = 0; i < entries.size();) {
        size_t j = i + 1;
        // bfrange increments the destination's last byte only: stay in one 256-block of both.
        while (j < entries.size() && entries[j].first == entries[j - 1].first + 1 &&
               entries[j].second == entries[j - 1].second + 1 && entries[j].second < 0x10000 &&
               (entries[j].first & 0xFF) != 0 && (entries[j].second & 0xFF) != 0)
            ++j;
        if (j - i >= 2 && entries[i].second < 0x10000) ranges.push_back({entries[i].first, entries[j - 1].first, entries[i].second});
        else
            for (size_t k = i; k < j; ++k) singles.push_back(entries[k]);
        i = j;
    }
    std::string out =
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n"
        "<0000> <FFFF>\n"
        "endcodespacerange\n";
    blocks(out, singles, "bfchar", [&](const auto& e) { out += "<" + hex4(e.first) + "> " + utf16_hex(e.second) + "\n"; });
    blocks(out, ranges, "bfrange", [&](const Range& r) {
        out += "<" + hex4(r.first) + "> <" + hex4(r.last) + "> " + utf16_hex(r.cp) + "\n";
    });
    out +=
        "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\n"
        "end\n";
    return out;
}

}  // namespace ep::pdf
