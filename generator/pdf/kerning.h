// Pair kerning for the PDF's TrueType fonts, read from the font file's legacy 'kern' table.
//
// Why: libharu draws TrueType text with the glyphs' advance widths only, so "AV", "To" or
// "Wa" are set with visible holes. The Liberation fonts carry their pair adjustments twice:
// in GPOS (OpenType layout, class-based, needs a shaping engine) and in the older 'kern'
// table (format 0: a flat, sorted list of glyph pairs and their adjustment), which is enough
// for single-byte CP1252 text and takes a page of code to read. The layout measures with
// these pairs (FontSet::width) and the paint pass draws them as TJ arrays, so what is
// measured is what is drawn.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ep::pdf {

// The kerning pairs of one font, indexed by CP1252 byte.
class Kerning {
public:
    // The adjustment between `left` and `right` when set next to each other, in thousandths
    // of an em (the unit of PDF glyph widths and TJ arrays; negative: closer together). Whole
    // numbers, so measuring and drawing add exactly the same values. 0 when the pair is not
    // kerned. The word space (byte 32) and the no-break space (0xA0) are never kerned: a
    // space keeps one width that line breaking can drop and justification can stretch. Nor
    // are two digits: figures keep their tabular widths, so columns of numbers line up.
    int pair(unsigned char left, unsigned char right) const { return rows_[row_of_[left]][right]; }

    size_t pair_count() const { return pairs_; }

    // A font with no kerning (no 'kern' table, or not one we can read).
    static const Kerning& none();

    // Reads the pairs from the bytes of a TrueType font: the format-0 horizontal subtables of
    // its 'kern' table, mapped to CP1252 bytes through the font's Unicode 'cmap' (format 4).
    // A font without a 'kern' table, or with a damaged one, has no kerning.
    static Kerning from_ttf(std::string_view font_file_bytes);

    Kerning();

private:
    // Most bytes begin no pair, so rows are shared: row_of_[left] is 0 (the all-zero row) or
    // the row holding that byte's pairs. Lookups are two array reads, on the layout's hot path.
    std::array<uint8_t, 256> row_of_{};
    std::vector<std::array<int16_t, 256>> rows_;
    size_t pairs_ = 0;
};

// The kerning of the font file at `path`, read on first use and kept for the life of the
// process (the per-place packs are laid out on several threads, each loading the same fonts).
// Thread-safe. A file that cannot be read has no kerning: libharu has already loaded it, so
// that does not happen in practice.
const Kerning& kerning_for_file(const std::string& path);

}  // namespace ep::pdf
