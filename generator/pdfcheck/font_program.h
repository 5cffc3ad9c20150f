// An embedded TrueType font program (FontFile2), read far enough for the font checks of
// PDF/UA-1 7.21: its cmap subtables, glyph count, advance widths and which glyphs have
// outlines. Every read is bounds-checked; a program that is not TrueType, or is damaged, is
// not read at all (nullopt), and the checks that need it say so.
//
// The writer has its own TrueType code (generator/pdf/); this reader is deliberately separate,
// so a mistake there is not repeated here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ep::pdfcheck::detail {

class TrueTypeProgram {
public:
    static std::optional<TrueTypeProgram> read(std::string bytes);

    std::uint32_t glyph_count() const { return glyph_count_; }
    int units_per_em() const { return units_per_em_; }
    // The cmap subtables, (platform, encoding), in the order of the table.
    const std::vector<std::pair<int, int>>& cmaps() const { return cmap_ids_; }
    bool has_cmap(int platform, int encoding) const;
    // The glyph `code` maps to in subtable (platform, encoding); 0 (.notdef) when none.
    std::uint32_t glyph(int platform, int encoding, std::uint32_t code) const;
    // Advance width in font units (glyphs past the last long metric repeat it).
    std::optional<int> advance(std::uint32_t gid) const;
    // Whether the glyph has data in 'glyf' (a space has none; neither has a glyph a subset emptied).
    bool has_outline(std::uint32_t gid) const;

private:
    struct Subtable {
        int platform = 0, encoding = 0;
        size_t offset = 0;
        int format = 0;
    };
    std::uint16_t u16(size_t at) const;
    std::uint32_t u32(size_t at) const;
    bool fits(size_t at, size_t n) const { return at <= data_.size() && n <= data_.size() - at; }
    std::uint32_t lookup(const Subtable& s, std::uint32_t code) const;
    std::optional<std::pair<size_t, size_t>> glyph_span(std::uint32_t gid) const;

    std::string data_;
    std::map<std::string, std::pair<size_t, size_t>> tables_;   // tag -> (offset, length)
    std::vector<Subtable> subtables_;
    std::vector<std::pair<int, int>> cmap_ids_;
    std::uint32_t glyph_count_ = 0;
    int units_per_em_ = 1000;
    int long_metrics_ = 0;
    bool long_loca_ = false;
};

}  // namespace ep::pdfcheck::detail
