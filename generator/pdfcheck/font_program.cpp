#include "pdfcheck/font_program.h"

#include <algorithm>

namespace ep::pdfcheck::detail {

std::uint16_t TrueTypeProgram::u16(size_t at) const {
    if (!fits(at, 2)) return 0;
    return static_cast<std::uint16_t>((static_cast<unsigned char>(data_[at]) << 8) | static_cast<unsigned char>(data_[at + 1]));
}

std::uint32_t TrueTypeProgram::u32(size_t at) const {
    return (static_cast<std::uint32_t>(u16(at)) << 16) | u16(at + 2);
}

std::optional<TrueTypeProgram> TrueTypeProgram::read(std::string bytes) {
    TrueTypeProgram p;
    p.data_ = std::move(bytes);
    const std::uint32_t version = p.u32(0);
    if (!p.fits(0, 12) || (version != 0x00010000 && version != 0x74727565 /* 'true' */)) return std::nullopt;
    const int count = p.u16(4);
    for (int i = 0; i < count; ++i) {
        const size_t rec = 12 + 16 * static_cast<size_t>(i);
        if (!p.fits(rec, 16)) return std::nullopt;
        const size_t off = p.u32(rec + 8), len = p.u32(rec + 12);
        if (!p.fits(off, len)) return std::nullopt;
        p.tables_[p.data_.substr(rec, 4)] = {off, len};
    }
    for (const char* needed : {"head", "maxp", "hhea", "hmtx"})
        if (!p.tables_.count(needed)) return std::nullopt;
    const size_t head = p.tables_["head"].first, maxp = p.tables_["maxp"].first, hhea = p.tables_["hhea"].first;
    if (!p.fits(head, 54) || !p.fits(maxp, 6) || !p.fits(hhea, 36)) return std::nullopt;
    p.units_per_em_ = p.u16(head + 18);
    if (p.units_per_em_ == 0) return std::nullopt;
    p.long_loca_ = p.u16(head + 50) == 1;
    p.glyph_count_ = p.u16(maxp + 4);
    p.long_metrics_ = p.u16(hhea + 34);
    if (auto cmap = p.tables_.find("cmap"); cmap != p.tables_.end()) {
        const size_t base = cmap->second.first;
        const int n = p.u16(base + 2);
        for (int i = 0; i < n; ++i) {
            const size_t rec = base + 4 + 8 * static_cast<size_t>(i);
            if (!p.fits(rec, 8)) break;
            Subtable s;
            s.platform = p.u16(rec);
            s.encoding = p.u16(rec + 2);
            s.offset = base + p.u32(rec + 4);
            s.format = p.fits(s.offset, 2) ? p.u16(s.offset) : -1;
            p.subtables_.push_back(s);
            p.cmap_ids_.emplace_back(s.platform, s.encoding);
        }
    }
    return p;
}

bool TrueTypeProgram::has_cmap(int platform, int encoding) const {
    for (const auto& s : subtables_)
        if (s.platform == platform && s.encoding == encoding) return true;
    return false;
}

std::uint32_t TrueTypeProgram::glyph(int platform, int encoding, std::uint32_t code) const {
    for (const auto& s : subtables_)
        if (s.platform == platform && s.encoding == encoding) return lookup(s, code);
    return 0;
}

// Formats 0 (bytes), 4 (segments of 16-bit codes), 6 (a trimmed range) and 12 (groups of
// 32-bit codes): what Unicode, symbol and Macintosh subtables use.
std::uint32_t TrueTypeProgram::lookup(const Subtable& s, std::uint32_t code) const {
    const size_t at = s.offset;
    switch (s.format) {
        case 0:
            return code < 256 && fits(at + 6, 256) ? static_cast<unsigned char>(data_[at + 6 + code]) : 0;
        case 4: {
            if (code > 0xFFFF) return 0;
            const size_t seg_x2 = u16(at + 6);
            const size_t ends = at + 14, starts = ends + seg_x2 + 2, deltas = starts + seg_x2, ranges = deltas + seg_x2;
            if (!fits(ranges, seg_x2)) return 0;
            for (size_t i = 0; i < seg_x2 / 2; ++i) {
                if (u16(ends + 2 * i) < code) continue;
                const std::uint32_t start = u16(starts + 2 * i);
                if (start > code) return 0;
                const std::uint16_t delta = u16(deltas + 2 * i), range = u16(ranges + 2 * i);
                if (range == 0) return static_cast<std::uint16_t>(code + delta);
                const size_t g_at = ranges + 2 * i + range + 2 * (code - start);   // relative to its own position
                const std::uint16_t g = u16(g_at);
                return g == 0 || !fits(g_at, 2) ? 0 : static_cast<std::uint16_t>(g + delta);
            }
            return 0;
        }
        case 6: {
            const std::uint32_t first = u16(at + 6), n = u16(at + 8);
            if (code < first || code - first >= n) return 0;
            return u16(at + 10 + 2 * (code - first));
        }
        case 12: {
            const std::uint32_t groups = u32(at + 12);
            for (std::uint32_t i = 0; i < groups; ++i) {
                const size_t g = at + 16 + 12 * static_cast<size_t>(i);
                if (!fits(g, 12)) return 0;
                const std::uint32_t lo = u32(g), hi = u32(g + 4);
                if (code >= lo && code <= hi) return u32(g + 8) + (code - lo);
            }
            return 0;
        }
        default:
            return 0;
    }
}

std::optional<int> TrueTypeProgram::advance(std::uint32_t gid) const {
    if (gid >= glyph_count_ || long_metrics_ == 0) return std::nullopt;
    const size_t hmtx = tables_.at("hmtx").first;
    const std::uint32_t i = std::min<std::uint32_t>(gid, static_cast<std::uint32_t>(long_metrics_ - 1));
    if (!fits(hmtx + 4 * static_cast<size_t>(i), 2)) return std::nullopt;
    return u16(hmtx + 4 * static_cast<size_t>(i));
}

std::optional<std::pair<size_t, size_t>> TrueTypeProgram::glyph_span(std::uint32_t gid) const {
    auto loca = tables_.find("loca");
    auto glyf = tables_.find("glyf");
    if (loca == tables_.end() || glyf == tables_.end() || gid >= glyph_count_) return std::nullopt;
    const size_t base = loca->second.first;
    size_t from, to;
    if (long_loca_) {
        from = u32(base + 4 * static_cast<size_t>(gid));
        to = u32(base + 4 * static_cast<size_t>(gid) + 4);
    } else {
        from = 2 * static_cast<size_t>(u16(base + 2 * static_cast<size_t>(gid)));
        to = 2 * static_cast<size_t>(u16(base + 2 * static_cast<size_t>(gid) + 2));
    }
    if (to < from || to > glyf->second.second) return std::nullopt;
    return std::pair{from, to};
}

bool TrueTypeProgram::has_outline(std::uint32_t gid) const {
    auto span = glyph_span(gid);
    return span && span->second > span->first;
}

}  // namespace ep::pdfcheck::detail
