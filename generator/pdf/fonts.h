// The fonts the PDF is set in, and text measurement that matches what is drawn.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include <hpdf.h>

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

    HPDF_Font font(Face f) const { return fonts_[static_cast<int>(f)]; }

    // Width in points of CP1252 text. libharu's ShowText applies no kerning and we set no
    // character spacing, so a per-byte width table is exact and much faster than asking
    // libharu for every word.
    float width(Face f, float size, std::string_view cp1252) const;
    float char_width(Face f, float size, unsigned char c) const {
        return widths_[static_cast<int>(f)][c] * size / 1000.0f;
    }

private:
    std::array<HPDF_Font, face_count> fonts_{};
    std::array<std::array<float, 256>, face_count> widths_{};
};

}  // namespace ep::pdf
