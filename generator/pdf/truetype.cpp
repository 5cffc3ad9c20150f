#include "pdf/truetype.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>

#include "core/diagnostics.h"

namespace ep::pdf {

namespace {

// Big-endian reads that fail (nullopt) instead of running off the end of a damaged file.
struct Reader {
    std::string_view data;
    std::optional<std::uint16_t> u16(size_t at) const {
        if (at > data.size() || data.size() - at < 2) return std::nullopt;
        return static_cast<std::uint16_t>((static_cast<unsigned char>(data[at]) << 8) | static_cast<unsigned char>(data[at + 1]));
    }
    std::optional<std::int16_t> s16(size_t at) const {
        const auto v = u16(at);
        if (!v) return std::nullopt;
        return static_cast<std::int16_t>(*v);
    }
    std::optional<std::uint32_t> u32(size_t at) const {
        const auto hi = u16(at), lo = u16(at + 2);
        if (!hi || !lo) return std::nullopt;
        return (static_cast<std::uint32_t>(*hi) << 16) | *lo;
    }
};

void put16(std::string& s, std::uint16_t v) {
    s += static_cast<char>(v >> 8);
    s += static_cast<char>(v & 0xFF);
}

void put32(std::string& s, std::uint32_t v) {
    put16(s, static_cast<std::uint16_t>(v >> 16));
    put16(s, static_cast<std::uint16_t>(v & 0xFFFF));
}

void set16(std::string& s, size_t at, std::uint16_t v) {
    s[at] = static_cast<char>(v >> 8);
    s[at + 1] = static_cast<char>(v & 0xFF);
}

void set32(std::string& s, size_t at, std::uint32_t v) {
    set16(s, at, static_cast<std::uint16_t>(v >> 16));
    set16(s, at + 2, static_cast<std::uint16_t>(v & 0xFFFF));
}

// The TrueType checksum: the sum of big-endian words, the last one padded with zeros.
std::uint32_t checksum(std::string_view s) {
    std::uint32_t sum = 0;
    for (size_t i = 0; i < s.size(); i += 4) {
        std::uint32_t word = 0;
        for (size_t k = 0; k < 4; ++k) word = word << 8 | (i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u);
        sum += word;
    }
    return sum;
}

using Mapping = std::vector<std::pair<char32_t, std::uint16_t>>;

// A format-4 cmap subtable (BMP, segments). Segments out of order or overlapping end the read,
// so a damaged table cannot make this loop over more than the 65,536 code points once.
Mapping read_format4(const Reader& r, size_t at, std::uint16_t glyphs) {
    Mapping out;
    const auto seg_x2 = r.u16(at + 6);
    if (!seg_x2) return out;
    const size_t segs = *seg_x2 / 2u;
    const size_t ends = at + 14, starts = ends + 2 * segs + 2, deltas = starts + 2 * segs, ranges = deltas + 2 * segs;
    long previous_end = -1;
    for (size_t i = 0; i < segs; ++i) {
        const auto end = r.u16(ends + 2 * i), start = r.u16(starts + 2 * i), delta = r.u16(deltas + 2 * i),
                   range = r.u16(ranges + 2 * i);
        if (!end || !start || !delta || !range || *start > *end || static_cast<long>(*start) <= previous_end) break;
        previous_end = *end;
        for (std::uint32_t cp = *start; cp <= *end && cp != 0xFFFF; ++cp) {
            std::uint16_t g = 0;
            if (*range == 0) {
                g = static_cast<std::uint16_t>(cp + *delta);
            } else {
                // idRangeOffset counts from its own position in the file.
                const auto v = r.u16(ranges + 2 * i + *range + 2 * (cp - *start));
                if (v && *v != 0) g = static_cast<std::uint16_t>(*v + *delta);
            }
            if (g != 0 && g < glyphs) out.emplace_back(static_cast<char32_t>(cp), g);
        }
    }
    return out;
}

// A format-12 cmap subtable (all planes, groups of consecutive code points).
Mapping read_format12(const Reader& r, size_t at, std::uint16_t glyphs) {
    Mapping out;
    const auto groups = r.u32(at + 12);
    if (!groups) return out;
    long previous_end = -1;
    for (std::uint32_t i = 0; i < *groups; ++i) {
        const size_t g = at + 16 + 12 * static_cast<size_t>(i);
        const auto first = r.u32(g), last = r.u32(g + 4), glyph = r.u32(g + 8);
        if (!first || !last || !glyph || *first > *last || *last > 0x10FFFF || static_cast<long>(*first) <= previous_end) break;
        previous_end = *last;
        for (std::uint32_t cp = *first; cp <= *last; ++cp) {
            const std::uint32_t id = *glyph + (cp - *first);
            if (id != 0 && id < glyphs) out.emplace_back(static_cast<char32_t>(cp), static_cast<std::uint16_t>(id));
        }
    }
    return out;
}

// The font's Unicode mapping: a full-repertoire subtable (format 12, Windows or Unicode
// platform) if it has one, else the BMP one (format 4).
Mapping read_cmap(const Reader& r, size_t table, std::uint16_t glyphs) {
    const auto count = r.u16(table + 2);
    if (!count) return {};
    std::optional<size_t> full, bmp;
    for (size_t i = 0; i < *count; ++i) {
        const size_t rec = table + 4 + 8 * i;
        const auto platform = r.u16(rec), encoding = r.u16(rec + 2);
        const auto offset = r.u32(rec + 4);
        if (!platform || !encoding || !offset) break;
        const size_t at = table + *offset;
        const auto format = r.u16(at);
        if (!format) continue;
        const bool unicode = *platform == 0 || (*platform == 3 && (*encoding == 1 || *encoding == 10));
        if (!unicode) continue;
        if (*format == 12 && (!full || *platform == 3)) full = at;
        if (*format == 4 && (!bmp || *platform == 3)) bmp = at;
    }
    Mapping m = full ? read_format12(r, *full, glyphs) : Mapping{};
    if (m.empty() && bmp) m = read_format4(r, *bmp, glyphs);
    return m;
}

// The PostScript name (name ID 6), Windows (UTF-16BE) or Macintosh (Roman) record, kept to the
// characters a PDF name may hold unescaped.
std::string read_postscript_name(const Reader& r, size_t table, size_t length) {
    const auto count = r.u16(table + 2), strings = r.u16(table + 4);
    if (!count || !strings) return {};
    for (size_t i = 0; i < *count; ++i) {
        const size_t rec = table + 6 + 12 * i;
        const auto platform = r.u16(rec), id = r.u16(rec + 6), len = r.u16(rec + 8), off = r.u16(rec + 10);
        if (!platform || !id || !len || !off) break;
        if (*id != 6 || (*platform != 3 && *platform != 1)) continue;
        const size_t at = static_cast<size_t>(*strings) + *off;
        if (at + *len > length) continue;
        const std::string_view raw = r.data.substr(table + at, *len);
        std::string name;
        const size_t step = *platform == 3 ? 2 : 1;
        for (size_t k = step - 1; k < raw.size(); k += step) {
            const char c = raw[k];
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') name += c;
        }
        if (!name.empty()) return name;
    }
    return {};
}

// The kern table's format-0 horizontal pairs, by glyph (Microsoft version 0: uint16 version,
// nTables, then subtables of version, length, coverage: bit 0 horizontal, bit 1 minimum
// values, bit 2 cross-stream, bit 3 override, high byte the format). Apple's version-1 table is
// not used by the fonts we embed and is ignored.
std::vector<std::pair<std::uint32_t, std::int16_t>> read_kern(const Reader& r, size_t base, size_t length,
                                                              std::uint16_t units_per_em) {
    std::map<std::uint32_t, double> units;
    const size_t end = base + length;
    if (r.u16(base) != std::optional<std::uint16_t>(0)) return {};
    const auto tables = r.u16(base + 2);
    if (!tables) return {};
    size_t at = base + 4;
    for (size_t t = 0; t < *tables && at + 6 <= end; ++t) {
        const auto sub_length = r.u16(at + 2), coverage = r.u16(at + 4);
        if (!sub_length || !coverage || *sub_length < 6) break;
        const bool usable = (*coverage & 0x1) && !(*coverage & 0x6) && (*coverage >> 8) == 0;
        const bool override = *coverage & 0x8;
        const auto n = r.u16(at + 6);
        if (usable && n && at + 14 + 6u * *n <= end) {
            for (size_t p = 0; p < *n; ++p) {
                const size_t e = at + 14 + 6 * p;
                const std::uint32_t key = static_cast<std::uint32_t>(*r.u16(e)) << 16 | *r.u16(e + 2);
                const auto value = *r.s16(e + 4);
                double& v = units[key];
                v = override ? value : v + value;
            }
        }
        at += *sub_length;
    }
    std::vector<std::pair<std::uint32_t, std::int16_t>> out;
    for (const auto& [key, v] : units) {
        const long thousandths = std::lround(v * 1000.0 / units_per_em);
        if (thousandths != 0) out.emplace_back(key, static_cast<std::int16_t>(std::clamp(thousandths, -32768L, 32767L)));
    }
    return out;
}

[[noreturn]] void unusable(const std::string& path, const std::string& why) {
    throw Error({path, 0, 0}, "cannot use this font file: " + why);
}

// The Debian package that installs a font file of ours, for the message when it is missing.
std::string package_of(const std::string& path) {
    if (path.find("DejaVu") != std::string::npos) return "fonts-dejavu-core";
    if (path.find("Liberation") != std::string::npos) return "fonts-liberation2";
    return "the package that holds it";
}

// A composite glyph's components: the byte offset of each component's glyph index in `out`;
// false if the records run past the glyph's end.
bool component_offsets(std::string_view g, std::vector<size_t>& out) {
    const Reader r{g};
    size_t at = 10;
    for (;;) {
        const auto flags = r.u16(at), index = r.u16(at + 2);
        if (!flags || !index) return false;
        out.push_back(at + 2);
        at += 4 + ((*flags & 0x0001) ? 4 : 2);
        if (*flags & 0x0008) at += 2;
        else if (*flags & 0x0040) at += 4;
        else if (*flags & 0x0080) at += 8;
        if (!(*flags & 0x0020)) break;
        if (out.size() > 64) return false;   // no real glyph has this many parts
    }
    return at <= g.size();
}

// The binary-search hints TrueType stores beside a count (table directory, cmap segments): the
// largest power of two not above it, and its base-2 logarithm.
std::pair<std::uint16_t, std::uint16_t> search_hint(std::uint16_t count) {
    std::uint16_t range = 1, selector = 0;
    while (range * 2 <= count) {
        range = static_cast<std::uint16_t>(range * 2);
        ++selector;
    }
    return {range, selector};
}

// A cmap table with one subtable (Windows, Unicode BMP, format 4) mapping `pairs` (code
// point, glyph; sorted, BMP only) with one segment per run of consecutive characters and glyphs.
std::string cmap_table(const std::vector<std::pair<char32_t, std::uint16_t>>& pairs) {
    struct Segment {
        std::uint16_t start, end, delta;
    };
    std::vector<Segment> segs;
    for (const auto& [cp, g] : pairs) {
        if (cp >= 0xFFFF) continue;
        const auto c = static_cast<std::uint16_t>(cp);
        const auto delta = static_cast<std::uint16_t>(g - c);
        if (!segs.empty() && segs.back().end + 1 == c && segs.back().delta == delta) segs.back().end = c;
        else if (segs.size() < 8000) segs.push_back({c, c, delta});   // a format-4 table's length is 16 bits
    }
    segs.push_back({0xFFFF, 0xFFFF, 1});   // the required last segment
    const auto count = static_cast<std::uint16_t>(segs.size());
    const auto [range, selector] = search_hint(count);
    std::string sub;
    put16(sub, 4);
    put16(sub, static_cast<std::uint16_t>(16 + 8 * count));
    put16(sub, 0);   // language
    put16(sub, static_cast<std::uint16_t>(2 * count));
    put16(sub, static_cast<std::uint16_t>(2 * range));
    put16(sub, selector);
    put16(sub, static_cast<std::uint16_t>(2 * count - 2 * range));
    for (const Segment& s : segs) put16(sub, s.end);
    put16(sub, 0);   // reservedPad
    for (const Segment& s : segs) put16(sub, s.start);
    for (const Segment& s : segs) put16(sub, s.delta);
    for (size_t i = 0; i < segs.size(); ++i) put16(sub, 0);   // idRangeOffset
    std::string t;
    put16(t, 0);   // version
    put16(t, 1);   // one subtable
    put16(t, 3);
    put16(t, 1);
    put32(t, 12);
    return t + sub;
}

}  // namespace

TrueTypeFont TrueTypeFont::parse(std::string bytes, const std::string& path) {
    TrueTypeFont f;
    f.path_ = path;
    f.bytes_ = std::move(bytes);
    const Reader r{f.bytes_};
    const auto version = r.u32(0);
    const auto count = r.u16(4);
    if (!version || !count) unusable(path, "it is too short to be a font");
    if (*version == 0x4F54544F) unusable(path, "it is an OpenType font with CFF outlines, not TrueType");
    if (*version != 0x00010000 && *version != 0x74727565) unusable(path, "it is not a TrueType font");
    Table kern, cmap;
    for (size_t i = 0; i < *count; ++i) {
        const size_t entry = 12 + 16 * i;
        const auto off = r.u32(entry + 8), len = r.u32(entry + 12);
        if (!off || !len || *off > f.bytes_.size() || f.bytes_.size() - *off < *len) unusable(path, "its table directory is damaged");
        const std::string_view tag = std::string_view(f.bytes_).substr(entry, 4);
        const Table t{*off, *len};
        if (tag == "head") f.head_ = t;
        else if (tag == "hhea") f.hhea_ = t;
        else if (tag == "hmtx") f.hmtx_ = t;
        else if (tag == "maxp") f.maxp_ = t;
        else if (tag == "loca") f.loca_ = t;
        else if (tag == "glyf") f.glyf_ = t;
        else if (tag == "OS/2") f.os2_ = t;
        else if (tag == "name") f.name_ = t;
        else if (tag == "post") f.post_ = t;
        else if (tag == "cvt ") f.cvt_ = t;
        else if (tag == "fpgm") f.fpgm_ = t;
        else if (tag == "prep") f.prep_ = t;
        else if (tag == "kern") kern = t;
        else if (tag == "cmap") cmap = t;
    }
    for (const auto& [t, tag] : {std::pair{&f.head_, "head"}, {&f.hhea_, "hhea"}, {&f.hmtx_, "hmtx"}, {&f.maxp_, "maxp"},
                                 {&f.loca_, "loca"}, {&f.glyf_, "glyf"}, {&cmap, "cmap"}})
        if (!t->present()) unusable(path, std::string("it has no '") + tag + "' table");
    if (f.head_.length < 54 || f.hhea_.length < 36 || f.maxp_.length < 6) unusable(path, "its head, hhea or maxp table is too short");

    f.units_per_em_ = *r.u16(f.head_.offset + 18);
    if (f.units_per_em_ == 0) unusable(path, "its unitsPerEm is 0");
    f.long_loca_ = *r.s16(f.head_.offset + 50) == 1;
    f.glyph_count_ = *r.u16(f.maxp_.offset + 4);
    if (f.glyph_count_ == 0) unusable(path, "it has no glyphs");
    if (f.loca_.length < (f.glyph_count_ + 1u) * (f.long_loca_ ? 4u : 2u)) unusable(path, "its loca table is too short");

    const std::uint16_t metrics = *r.u16(f.hhea_.offset + 34);
    if (metrics == 0 || f.hmtx_.length < 4u * metrics) unusable(path, "its hmtx table is too short");
    f.advances_.resize(f.glyph_count_);
    f.left_bearings_.resize(f.glyph_count_);
    for (std::uint16_t g = 0; g < f.glyph_count_; ++g) {
        if (g < metrics) {
            f.advances_[g] = *r.u16(f.hmtx_.offset + 4u * g);
            f.left_bearings_[g] = *r.s16(f.hmtx_.offset + 4u * g + 2);
        } else {
            // Glyphs after the last metric share its advance; their bearings follow it.
            f.advances_[g] = f.advances_[metrics - 1u];
            const size_t at = f.hmtx_.offset + 4u * metrics + 2u * (g - metrics);
            f.left_bearings_[g] = at + 2 <= f.hmtx_.offset + f.hmtx_.length ? *r.s16(at) : 0;
        }
    }

    f.widths_.resize(f.glyph_count_);
    for (std::uint16_t g = 0; g < f.glyph_count_; ++g)
        f.widths_[g] = static_cast<std::int16_t>(static_cast<std::uint32_t>(f.advances_[g]) * 1000 / f.units_per_em_);

    f.cmap_ = read_cmap(r, cmap.offset, f.glyph_count_);
    if (f.cmap_.empty()) unusable(path, "it has no Unicode character map (cmap format 4 or 12)");
    if (kern.present()) f.kern_ = read_kern(r, kern.offset, kern.length, f.units_per_em_);
    f.kerned_left_.assign(f.glyph_count_, false);
    for (const auto& [key, value] : f.kern_)
        if ((key >> 16) < f.glyph_count_) f.kerned_left_[key >> 16] = true;
    if (f.name_.present()) f.postscript_name_ = read_postscript_name(r, f.name_.offset, f.name_.length);
    if (f.postscript_name_.empty()) f.postscript_name_ = "Font";

    auto em = [&](long units) { return static_cast<int>(units * 1000 / f.units_per_em_); };
    FontMetrics& m = f.metrics_;
    for (int k = 0; k < 4; ++k) m.bbox[k] = em(*r.s16(f.head_.offset + 36 + 2 * static_cast<size_t>(k)));
    m.ascent = em(*r.s16(f.hhea_.offset + 4));
    m.descent = em(*r.s16(f.hhea_.offset + 6));
    m.cap_height = m.ascent * 7 / 10;
    if (f.os2_.present()) {
        const auto os2_version = r.u16(f.os2_.offset), weight = r.u16(f.os2_.offset + 4);
        const auto cap = r.s16(f.os2_.offset + 88);
        if (os2_version && *os2_version >= 2 && cap && *cap > 0) m.cap_height = em(*cap);
        if (weight && *weight >= 600) m.stem_v = 120;
    }
    if (f.post_.present()) {
        const auto angle = r.u32(f.post_.offset + 4), fixed = r.u32(f.post_.offset + 12);
        if (angle) m.italic_angle = static_cast<std::int32_t>(*angle) / 65536.0;
        if (fixed) m.fixed_pitch = *fixed != 0;
    }
    return f;
}

std::uint16_t TrueTypeFont::glyph(char32_t cp) const {
    const auto it = std::lower_bound(cmap_.begin(), cmap_.end(), cp,
                                     [](const std::pair<char32_t, std::uint16_t>& e, char32_t c) { return e.first < c; });
    return it != cmap_.end() && it->first == cp ? it->second : 0;
}

int TrueTypeFont::advance(std::uint16_t gid) const { return gid < glyph_count_ ? widths_[gid] : 0; }

int TrueTypeFont::kern(std::uint16_t left, std::uint16_t right) const {
    if (left >= kerned_left_.size() || !kerned_left_[left]) return 0;   // on the layout's hot path
    const std::uint32_t key = static_cast<std::uint32_t>(left) << 16 | right;
    const auto it = std::lower_bound(kern_.begin(), kern_.end(), key,
                                     [](const std::pair<std::uint32_t, std::int16_t>& e, std::uint32_t k) { return e.first < k; });
    return it != kern_.end() && it->first == key ? it->second : 0;
}

std::string_view TrueTypeFont::glyph_data(std::uint16_t gid) const {
    if (gid >= glyph_count_) return {};
    const Reader r{bytes_};
    size_t from, to;
    if (long_loca_) {
        from = *r.u32(loca_.offset + 4u * gid);
        to = *r.u32(loca_.offset + 4u * gid + 4);
    } else {
        from = 2u * *r.u16(loca_.offset + 2u * gid);
        to = 2u * *r.u16(loca_.offset + 2u * gid + 2);
    }
    if (to <= from || to > glyf_.length) return {};   // empty (a space), or damaged: drawn as nothing
    return std::string_view(bytes_).substr(glyf_.offset + from, to - from);
}

std::string TrueTypeFont::subset(std::vector<std::uint16_t>& glyphs, std::vector<char32_t>& code_points) const {
    code_points.resize(glyphs.size(), 0);
    // New numbers of old glyphs a composite glyph is built from: a glyph the subset already
    // holds, else one appended (and numbered) after the others.
    std::map<std::uint16_t, std::uint16_t> new_id_of_component;
    for (size_t i = glyphs.size(); i-- > 0;) new_id_of_component[glyphs[i]] = static_cast<std::uint16_t>(i);
    std::string glyf, loca;
    for (size_t i = 0; i < glyphs.size(); ++i) {
        put32(loca, static_cast<std::uint32_t>(glyf.size()));
        std::string g(glyph_data(glyphs[i]));
        const Reader r{g};
        if (g.size() >= 10 && *r.s16(0) < 0) {   // composite: renumber the glyphs it is built from
            std::vector<size_t> parts;
            if (!component_offsets(g, parts)) {
                g.clear();   // damaged: drawn as nothing rather than as the wrong glyphs
                parts.clear();
            }
            for (size_t at : parts) {
                const std::uint16_t old_id = *r.u16(at);
                auto [it, fresh] = new_id_of_component.try_emplace(old_id, 0);
                if (fresh) {
                    if (glyphs.size() >= 0xFFFF) {
                        g.clear();
                        break;
                    }
                    it->second = static_cast<std::uint16_t>(glyphs.size());
                    glyphs.push_back(old_id);
                    code_points.push_back(0);
                }
                set16(g, at, it->second);
            }
        }
        glyf += g;
        while (glyf.size() % 4 != 0) glyf += '\0';
    }
    put32(loca, static_cast<std::uint32_t>(glyf.size()));
    const auto n = static_cast<std::uint16_t>(glyphs.size());

    std::string hmtx;
    for (std::uint16_t old_id : glyphs) {
        put16(hmtx, old_id < glyph_count_ ? advances_[old_id] : 0);
        put16(hmtx, static_cast<std::uint16_t>(old_id < glyph_count_ ? left_bearings_[old_id] : 0));
    }
    std::string head(table_bytes(head_).substr(0, 54));
    set32(head, 8, 0);    // checkSumAdjustment, set once the whole font is known
    set16(head, 50, 1);   // long loca offsets
    std::string hhea(table_bytes(hhea_).substr(0, 36));
    set16(hhea, 34, n);
    std::string maxp(table_bytes(maxp_));
    set16(maxp, 4, n);
    std::string post = post_.length >= 32 ? std::string(table_bytes(post_).substr(0, 32)) : std::string(32, '\0');
    set32(post, 0, 0x00030000);   // format 3: no glyph names (they serve nothing in a PDF)
    std::vector<std::pair<char32_t, std::uint16_t>> by_code;
    for (size_t i = 1; i < glyphs.size(); ++i)
        if (code_points[i] != 0) by_code.emplace_back(code_points[i], static_cast<std::uint16_t>(i));
    std::sort(by_code.begin(), by_code.end());

    // In tag order, as the table directory must be.
    std::vector<std::pair<std::string, std::string>> tables;
    auto copy = [&](const char* tag, const Table& t) {
        if (t.present()) tables.emplace_back(tag, std::string(table_bytes(t)));
    };
    copy("OS/2", os2_);
    tables.emplace_back("cmap", cmap_table(by_code));
    copy("cvt ", cvt_);
    copy("fpgm", fpgm_);
    tables.emplace_back("glyf", std::move(glyf));
    tables.emplace_back("head", std::move(head));
    tables.emplace_back("hhea", std::move(hhea));
    tables.emplace_back("hmtx", std::move(hmtx));
    tables.emplace_back("loca", std::move(loca));
    tables.emplace_back("maxp", std::move(maxp));
    copy("name", name_);
    tables.emplace_back("post", std::move(post));
    copy("prep", prep_);

    const auto count = static_cast<std::uint16_t>(tables.size());
    const auto [range, selector] = search_hint(count);
    std::string out;
    put32(out, 0x00010000);
    put16(out, count);
    put16(out, static_cast<std::uint16_t>(16 * range));
    put16(out, selector);
    put16(out, static_cast<std::uint16_t>(16 * count - 16 * range));
    std::uint32_t offset = 12 + 16u * count;
    size_t head_at = 0;
    for (const auto& [tag, data] : tables) {
        out += tag;
        put32(out, checksum(data));
        put32(out, offset);
        put32(out, static_cast<std::uint32_t>(data.size()));
        if (tag == "head") head_at = offset;
        offset += static_cast<std::uint32_t>((data.size() + 3) / 4 * 4);
    }
    for (const auto& [tag, data] : tables) {
        out += data;
        while (out.size() % 4 != 0) out += '\0';
    }
    set32(out, head_at + 8, 0xB1B0AFBA - checksum(out));
    return out;
}

const TrueTypeFont& font_file(const std::string& path) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<const TrueTypeFont>> cache;
    const std::lock_guard<std::mutex> lock(mutex);
    auto& slot = cache[path];
    if (!slot) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw Error({path, 0, 0}, "font file not found (apt-get install " + package_of(path) + ")");
        std::ostringstream bytes;
        bytes << in.rdbuf();
        slot = std::make_unique<const TrueTypeFont>(TrueTypeFont::parse(bytes.str(), path));
    }
    return *slot;
}

}  // namespace ep::pdf
