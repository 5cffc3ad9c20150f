// The fonts the PDF is set in, and text measurement that matches what is drawn.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include <hpdf.h>

#include "pdf/kerning.h"

namespace ep::pdf {

enum class Face { Regular, Bold, Italic, BoldItalic, Mono };
constexpr int face_count = 5;

// Which face a run with these attributes is set in.
Face face_for(bool bold, bool italic, bool code);

class FontSet {
public:
    // Loads and embeds LiberationSans (and LiberationMono when `need_mono`) from `font_dir`
    // in CP1252 encoding. Throws ep::Error naming the missing file.
    static FontSet load(HPDF_Doc pdf, const std::string& font_dir, bool need_mono);

    // Reads the faces' kerning into the process-wide cache load uses (a third of its time),
    // so it can be done on another thread while the data is read. Thread-safe.
    static void read_kerning(const std::string& font_dir);

    HPDF_Font font(Face f) const { return fonts_[static_cast<int>(f)]; }

    // Width in points of CP1252 text drawn as one piece: the glyphs' advance widths (a per-
    // byte table, exact and much faster than asking libharu for every word) plus the font's
    // kerning between each pair of neighbouring bytes. The paint pass draws the same pairs
    // (page_writer.cpp), so this is exactly the distance the text advances on the page.
    float width(Face f, float size, std::string_view cp1252) const;
    float char_width(Face f, float size, unsigned char c) const {
        return widths_[static_cast<int>(f)][c] * size / 1000.0f;
    }
    // The kerning between `left` and `right` set next to each other in face `f`: in
    // thousandths of an em (what a TJ array holds, negated), and in points at `size`. The
    // monospaced face is never kerned, so code keeps its columns.
    int kern_units(Face f, unsigned char left, unsigned char right) const {
        return kerning_[static_cast<int>(f)]->pair(left, right);
    }
    float kern(Face f, float size, unsigned char left, unsigned char right) const {
        return static_cast<float>(kern_units(f, left, right)) * size / 1000.0f;
    }

    // Shows CP1252 text with its left end at (x, baseline), kerned exactly as width() measures
    // it. Call inside a text object (HPDF_Page_BeginText), with face `f` already set as the
    // page's font (HPDF_Page_SetFontAndSize) and a text matrix that is not scaled or rotated.
    // Used for the body text (page_writer.cpp) and for the labels of charts (charts/pdf_backend.cpp).
    void show(HPDF_Page page, Face f, float x, float baseline, const std::string& cp1252) const;

private:
    std::array<HPDF_Font, face_count> fonts_{};
    std::array<std::array<float, 256>, face_count> widths_{};
    std::array<const Kerning*, face_count> kerning_{};   // never null; shared per process
};

}  // namespace ep::pdf
