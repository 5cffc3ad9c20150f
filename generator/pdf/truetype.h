// A TrueType font file as the PDF writer uses it: which glyph shows each character (the
// Unicode 'cmap'), the glyphs' advance widths ('hmtx') and pair kerning (the legacy 'kern'
// table: a sorted list of glyph pairs, which needs no shaping engine), the metrics a PDF font
// descriptor gives, and a subset of the font program holding only the glyphs a document shows.
//
// Why our own reader: libharu loads TrueType fonts as single-byte (CP1252) fonts, so it could
// not print ŵ, ≥ or →; its UTF-8 mode writes a malformed ToUnicode CMap. The PDF's composite
// fonts (fonts.cpp) are built from this instead. Every read is bounds-checked: a damaged file
// is an error naming it, never a read past its end.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ep::pdf {

// What a PDF font descriptor says about a face, in thousandths of an em.
struct FontMetrics {
    int bbox[4] = {0, 0, 0, 0};   // x min, y min, x max, y max
    int ascent = 0, descent = 0, cap_height = 0;
    int stem_v = 80;
    double italic_angle = 0;
    bool fixed_pitch = false;
};

class TrueTypeFont {
public:
    // Reads a font file's bytes. Throws ep::Error naming `path` if they are not a TrueType font
    // with the tables the PDF needs (head, hhea, hmtx, maxp, loca, glyf, cmap with Unicode).
    static TrueTypeFont parse(std::string bytes, const std::string& path);

    const std::string& path() const { return path_; }
    const std::string& postscript_name() const { return postscript_name_; }
    const FontMetrics& metrics() const { return metrics_; }
    std::uint16_t glyph_count() const { return glyph_count_; }

    // The glyph showing `cp`; 0 (.notdef) when the font has none.
    std::uint16_t glyph(char32_t cp) const;
    // Every character the font maps, with its glyph, in code point order.
    const std::vector<std::pair<char32_t, std::uint16_t>>& mappings() const { return cmap_; }

    // Advance width of glyph `gid`, in thousandths of an em, truncated as libharu computes
    // widths (so text measures as it did when libharu loaded the fonts).
    int advance(std::uint16_t gid) const;

    // The pair adjustment between glyphs `left` and `right`, in thousandths of an em, rounded
    // (the unit of TJ arrays, so measuring and drawing add the same integers); 0 when the pair
    // is not kerned. Format-0 horizontal subtables of the Microsoft 'kern' table, coverage bits
    // checked, override honoured. A font without one (or with a damaged one) kerns nothing.
    int kern(std::uint16_t left, std::uint16_t right) const;
    size_t kern_pair_count() const { return kern_.size(); }

    // A font program holding only `glyphs` (ids in this font), renumbered: glyph i of the
    // subset is glyphs[i], which shows code_points[i] (0: none); glyphs[0] must be 0, .notdef.
    // The glyphs composite glyphs are built from are appended to both lists (with code point
    // 0) and referred to by their new numbers. The program has the tables a PDF renderer
    // uses: glyf/loca (long offsets), hmtx/hhea/maxp for the new count, a cmap (3,1) of the
    // BMP code points, head, OS/2, name, the hinting tables (cvt, fpgm, prep) and a post table
    // without glyph names (format 3). Deterministic: the same lists give the same bytes.
    std::string subset(std::vector<std::uint16_t>& glyphs, std::vector<char32_t>& code_points) const;

private:
    struct Table {
        size_t offset = 0, length = 0;
        bool present() const { return length > 0; }
    };
    std::string_view table_bytes(const Table& t) const { return std::string_view(bytes_).substr(t.offset, t.length); }
    std::string_view glyph_data(std::uint16_t gid) const;

    std::string path_;
    std::string bytes_;
    std::string postscript_name_;
    FontMetrics metrics_;
    std::uint16_t glyph_count_ = 0;
    std::uint16_t units_per_em_ = 1000;
    bool long_loca_ = false;
    Table head_, hhea_, hmtx_, maxp_, loca_, glyf_, os2_, name_, post_, cvt_, fpgm_, prep_;
    std::vector<std::uint16_t> advances_;        // per glyph, font units
    std::vector<std::int16_t> widths_;           // per glyph, thousandths of an em (advance())
    std::vector<std::int16_t> left_bearings_;    // per glyph, font units
    std::vector<std::pair<char32_t, std::uint16_t>> cmap_;   // sorted by code point
    std::vector<std::pair<std::uint32_t, std::int16_t>> kern_;   // (left << 16 | right) -> value, sorted
    std::vector<bool> kerned_left_;   // per glyph: does a pair start with it (most do not)
};

// The font file at `path`, read on first use and kept for the life of the process (the
// per-place packs are laid out on several threads, each using the same fonts). Thread-safe.
// Throws ep::Error naming the file (and the Debian package that holds it) if it is missing or
// not a usable TrueType font.
const TrueTypeFont& font_file(const std::string& path);

}  // namespace ep::pdf
