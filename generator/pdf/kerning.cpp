#include "pdf/kerning.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>

#include "core/text.h"

namespace ep::pdf {

namespace {

// Big-endian reads that fail (nullopt) instead of running off the end of a damaged file.
struct Reader {
    std::string_view data;
    std::optional<uint16_t> u16(size_t at) const {
        if (at + 2 > data.size()) return std::nullopt;
        return static_cast<uint16_t>((static_cast<unsigned char>(data[at]) << 8) | static_cast<unsigned char>(data[at + 1]));
    }
    std::optional<uint32_t> u32(size_t at) const {
        auto hi = u16(at), lo = u16(at + 2);
        if (!hi || !lo) return std::nullopt;
        return (static_cast<uint32_t>(*hi) << 16) | *lo;
    }
};

struct TableSpan {
    size_t offset = 0, length = 0;
};

// The font's table directory entry for `tag` ("kern", "cmap", "head").
std::optional<TableSpan> find_table(const Reader& r, std::string_view tag) {
    const auto count = r.u16(4);
    if (!count) return std::nullopt;
    for (size_t i = 0; i < *count; ++i) {
        const size_t entry = 12 + 16 * i;
        if (entry + 16 > r.data.size()) return std::nullopt;
        if (r.data.substr(entry, 4) != tag) continue;
        const auto off = r.u32(entry + 8), len = r.u32(entry + 12);
        if (!off || !len || *off + static_cast<size_t>(*len) > r.data.size()) return std::nullopt;
        return TableSpan{*off, *len};
    }
    return std::nullopt;
}

// Glyph id of Unicode code point `cp` in a format-4 cmap subtable at `sub` (0: none).
uint16_t format4_glyph(const Reader& r, size_t sub, unsigned cp) {
    const auto seg_x2 = r.u16(sub + 6);
    if (!seg_x2 || cp > 0xFFFF) return 0;
    const size_t ends = sub + 14, starts = ends + *seg_x2 + 2, deltas = starts + *seg_x2, ranges = deltas + *seg_x2;
    for (size_t i = 0; i < *seg_x2 / 2u; ++i) {
        const auto end = r.u16(ends + 2 * i);
        if (!end) return 0;
        if (*end < cp) continue;
        const auto start = r.u16(starts + 2 * i), delta = r.u16(deltas + 2 * i), range = r.u16(ranges + 2 * i);
        if (!start || !delta || !range || *start > cp) return 0;
        if (*range == 0) return static_cast<uint16_t>(cp + *delta);
        // idRangeOffset is relative to its own position in the file.
        const auto g = r.u16(ranges + 2 * i + *range + 2 * (cp - *start));
        if (!g || *g == 0) return 0;
        return static_cast<uint16_t>(*g + *delta);
    }
    return 0;
}

// The CP1252 bytes drawn with each glyph, through the Unicode cmap (platform 3 encoding 1, or
// platform 0), which is how libharu chooses the glyph for a byte.
std::multimap<uint16_t, unsigned char> glyph_bytes(const Reader& r, const TableSpan& cmap) {
    std::multimap<uint16_t, unsigned char> out;
    const auto count = r.u16(cmap.offset + 2);
    if (!count) return out;
    std::optional<size_t> sub;
    for (size_t i = 0; i < *count; ++i) {
        const size_t rec = cmap.offset + 4 + 8 * i;
        const auto platform = r.u16(rec), encoding = r.u16(rec + 2);
        const auto off = r.u32(rec + 4);
        if (!platform || !encoding || !off) break;
        const size_t at = cmap.offset + *off;
        if (r.u16(at) != std::optional<uint16_t>(4)) continue;
        if ((*platform == 3 && *encoding == 1) || (*platform == 0 && !sub)) sub = at;
    }
    if (!sub) return out;
    for (unsigned b = 0x21; b < 0x100; ++b) {
        if (b == 0xA0) continue;   // the no-break space is a space: never kerned
        const unsigned cp = cp1252_to_unicode(static_cast<unsigned char>(b));
        if (cp == 0) continue;
        const uint16_t g = format4_glyph(r, *sub, cp);
        if (g != 0) out.emplace(g, static_cast<unsigned char>(b));
    }
    return out;
}

}  // namespace

Kerning::Kerning() : rows_(1) { rows_[0].fill(0); }

const Kerning& Kerning::none() {
    static const Kerning empty;
    return empty;
}

Kerning Kerning::from_ttf(std::string_view bytes) {
    Kerning k;
    const Reader r{bytes};
    const auto kern = find_table(r, "kern");
    const auto cmap = find_table(r, "cmap");
    const auto head = find_table(r, "head");
    if (!kern || !cmap || !head) return k;
    const auto units_per_em = r.u16(head->offset + 18);
    if (!units_per_em || *units_per_em == 0) return k;
    const auto bytes_of = glyph_bytes(r, *cmap);

    // Microsoft 'kern' (version 0): uint16 version, uint16 nTables, then subtables each with
    // uint16 version, length, coverage. Coverage bit 0: horizontal; bit 1: minimum values;
    // bit 2: cross-stream; bit 3: override (replace rather than add to earlier subtables);
    // high byte: format. Only format 0 horizontal kerning applies to our text. Apple's
    // version-1 table (a 32-bit version) is not used by the fonts we embed and is ignored.
    std::map<std::pair<unsigned char, unsigned char>, double> units;   // in font units
    const size_t base = kern->offset, end = kern->offset + kern->length;
    if (r.u16(base) != std::optional<uint16_t>(0)) return k;
    const auto tables = r.u16(base + 2);
    if (!tables) return k;
    size_t at = base + 4;
    for (size_t t = 0; t < *tables && at + 6 <= end; ++t) {
        const auto length = r.u16(at + 2), coverage = r.u16(at + 4);
        if (!length || !coverage || *length < 6) break;
        const bool usable = (*coverage & 0x1) && !(*coverage & 0x6) && (*coverage >> 8) == 0;
        const bool override = *coverage & 0x8;
        const auto n = r.u16(at + 6);
        if (usable && n && at + 14 + 6u * *n <= end) {
            for (size_t p = 0; p < *n; ++p) {
                const size_t e = at + 14 + 6 * p;
                const uint16_t left = *r.u16(e), right = *r.u16(e + 2);
                const auto value = static_cast<int16_t>(*r.u16(e + 4));
                const auto ls = bytes_of.equal_range(left);
                const auto rs = bytes_of.equal_range(right);
                for (auto l = ls.first; l != ls.second; ++l)
                    for (auto rr = rs.first; rr != rs.second; ++rr) {
                        double& v = units[{l->second, rr->second}];
                        v = override ? value : v + value;
                    }
            }
        }
        at += *length;
    }

    // Thousandths of an em, rounded: PDF glyph widths are whole thousandths too.
    auto digit = [](unsigned char c) { return c >= '0' && c <= '9'; };
    for (const auto& [pair, v] : units) {
        // Figures stay tabular: the digits share one width so that columns of numbers line
        // up, and Liberation's (Arial's) "11" pair would pull some rows out of line.
        if (digit(pair.first) && digit(pair.second)) continue;
        const long thousandths = std::lround(v * 1000.0 / *units_per_em);
        if (thousandths == 0) continue;
        const unsigned char left = pair.first;
        if (k.row_of_[left] == 0) {
            k.row_of_[left] = static_cast<uint8_t>(k.rows_.size());
            k.rows_.emplace_back();
            k.rows_.back().fill(0);
        }
        k.rows_[k.row_of_[left]][pair.second] = static_cast<int16_t>(std::clamp(thousandths, -32768L, 32767L));
        ++k.pairs_;
    }
    return k;
}

const Kerning& kerning_for_file(const std::string& path) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<const Kerning>> cache;
    const std::lock_guard<std::mutex> lock(mutex);
    auto& slot = cache[path];
    if (!slot) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        slot = std::make_unique<const Kerning>(in ? Kerning::from_ttf(bytes.str()) : Kerning());
    }
    return *slot;
}

}  // namespace ep::pdf
