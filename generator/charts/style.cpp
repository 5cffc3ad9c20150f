// Chart style: palette, hatches, marker shapes and text metrics shared by the layouts.
#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "charts/layout.h"
#include "core/word_break.h"

namespace ep::charts {

namespace {

// Advance widths (1/1000 em) of Arial / Liberation Sans, ASCII 32..126.
constexpr unsigned short kRegular[95] = {
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,   // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,   // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,   // P.._
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,   // `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584};       // p..~
constexpr unsigned short kBold[95] = {
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584};

// Decodes the next UTF-8 code point (invalid bytes count as one character).
unsigned next_code_point(std::string_view s, size_t& i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    unsigned cp = extra == 0 ? c : (c & (0x3F >> extra));
    ++i;
    for (int k = 0; k < extra && i < s.size(); ++k, ++i) cp = (cp << 6) | (s[i] & 0x3F);
    return cp;
}

unsigned glyph_width(unsigned cp, bool bold) {
    if (cp >= 32 && cp <= 126) return (bold ? kBold : kRegular)[cp - 32];
    switch (cp) {
        case 0x2019: case 0x2018: return bold ? 278 : 222;   // quotes
        case 0x2014: case 0x2026: return 1000;                // em dash, ellipsis
        default: return 556;                                  // £, en dash, accented letters
    }
}

double relative_luminance(Colour c) {
    auto channel = [](int v) {
        double s = v / 255.0;
        return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel((c >> 16) & 0xff) + 0.7152 * channel((c >> 8) & 0xff) +
           0.0722 * channel(c & 0xff);
}

double contrast(Colour a, Colour b) {
    double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// Splits on spaces; a word keeps its trailing punctuation.
std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    std::string cur;
    for (char c : text) {
        if (c == ' ') {
            if (!cur.empty()) words.push_back(cur), cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) words.push_back(cur);
    return words;
}

// The longest start of `text` (whole characters) that fits with "…" after it, and the "…".
// One pass: the widths of a prefix only grow as it does.
std::string ellipsize(std::string_view text, double max_width, double size, bool bold) {
    const unsigned long ell = glyph_width(0x2026, bold);
    unsigned long units = 0;
    size_t keep = 0;
    for (size_t i = 0; i < text.size();) {
        units += glyph_width(next_code_point(text, i), bold);
        if (static_cast<double>(units + ell) * size / 1000.0 > max_width) break;
        keep = i;
    }
    while (keep > 0 && text[keep - 1] == ' ') --keep;
    return std::string(text.substr(0, keep)) + "\xE2\x80\xA6";
}

unsigned long text_units(std::string_view text, bool bold) {
    unsigned long units = 0;
    for (size_t i = 0; i < text.size();) units += glyph_width(next_code_point(text, i), bold);
    return units;
}

}  // namespace

// The Okabe-Ito colours (told apart with every common colour-vision deficiency), with the four
// lighter ones darkened, keeping their hue, to at least 3.2:1 against the white page: a bar,
// dot or line that carries data needs 3:1 (WCAG 1.4.11), and orange E69F00 had 2.25:1.
Colour series_colour(size_t index) {
    static constexpr Colour palette[] = {0x0072B2, 0xBE8300, 0x009E73, 0xD55E00,
                                         0x4897C3, 0xC776A3, 0x949431};
    return palette[index % (sizeof palette / sizeof palette[0])];
}

Colour light_tint(Colour c, double amount) {
    auto mix = [amount](int v) { return static_cast<int>(std::lround(v + (255 - v) * amount)); };
    return (mix((c >> 16) & 0xff) << 16) | (mix((c >> 8) & 0xff) << 8) | mix(c & 0xff);
}

// Text in a series' colour (a line's end label) needs 4.5:1, more than the line itself: the
// colour is darkened step by step, keeping its hue, until it has it.
Colour text_shade(Colour c) {
    for (double keep = 1.0; keep > 0; keep -= 0.02) {
        auto dim = [keep](int v) { return static_cast<int>(std::lround(v * keep)); };
        const Colour d = (dim((c >> 16) & 0xff) << 16) | (dim((c >> 8) & 0xff) << 8) | dim(c & 0xff);
        if (contrast(d, kWhite) >= 4.5) return d;
    }
    return kInk;
}

Colour text_colour_on(Colour fill) {
    return contrast(fill, kWhite) >= contrast(fill, kInk) ? kWhite : kInk;
}

double contrast_ratio(Colour a, Colour b) { return contrast(a, b); }

Colour band_colour(size_t band, size_t bands) {
    // ColorBrewer's Blues, lightest to darkest, its darkest step left out so the black borders
    // between places keep 3:1 against every band (tests/unit/test_maps.cpp).
    static constexpr Colour ramp[5] = {0xeff3ff, 0xbdd7e7, 0x6baed6, 0x4292c6, 0x2171b5};
    static constexpr size_t pick[5][5] = {{2}, {1, 4}, {0, 2, 4}, {0, 1, 2, 4}, {0, 1, 2, 3, 4}};
    if (bands == 0) return ramp[2];
    const size_t n = std::min<size_t>(bands, 5);
    return ramp[pick[n - 1][std::min(band, n - 1)]];
}

Hatch band_hatch(size_t band) {
    static constexpr Hatch patterns[] = {Hatch::None, Hatch::Diagonal, Hatch::Horizontal, Hatch::Cross, Hatch::Vertical};
    return patterns[band % 5];
}

Hatch series_hatch(size_t index) {
    static constexpr Hatch hatches[] = {Hatch::None, Hatch::Diagonal, Hatch::Cross,
                                        Hatch::Horizontal, Hatch::Vertical};
    return hatches[index % 5];
}

Shape series_shape(size_t index) {
    static constexpr Shape shapes[] = {Shape::Circle, Shape::Square, Shape::Diamond,
                                       Shape::Triangle};
    return shapes[index % 4];
}

std::vector<double> hatch_angles(Hatch h) {
    switch (h) {
        case Hatch::None: return {};
        case Hatch::Diagonal: return {45};
        case Hatch::Cross: return {45, -45};
        case Hatch::Horizontal: return {0};
        case Hatch::Vertical: return {90};
        case Hatch::BackDiagonal: return {-45};
    }
    return {};
}

std::vector<std::pair<double, double>> marker_outline(Shape shape, double x, double y, double r) {
    switch (shape) {
        case Shape::Square: {
            double a = r * 0.88;
            return {{x - a, y - a}, {x + a, y - a}, {x + a, y + a}, {x - a, y + a}};
        }
        case Shape::Diamond: {
            double a = r * 1.22;
            return {{x, y - a}, {x + a, y}, {x, y + a}, {x - a, y}};
        }
        case Shape::Triangle: {
            double a = r * 1.3;
            return {{x, y - a}, {x + a * 0.95, y + a * 0.65}, {x - a * 0.95, y + a * 0.65}};
        }
        case Shape::Circle: break;
    }
    return {};
}

double text_width(std::string_view text, double size, bool bold) {
    double units = 0;
    for (size_t i = 0; i < text.size();) units += glyph_width(next_code_point(text, i), bold);
    return units * size / 1000.0;
}

std::vector<std::string> wrap_text(std::string_view text, double max_width, double size,
                                   bool bold, int max_lines) {
    auto fits = [&](unsigned long units) { return static_cast<double>(units) * size / 1000.0 <= max_width; };
    const unsigned long space = glyph_width(' ', bold);
    std::vector<std::string> lines;
    std::vector<bool> spaced;   // whether a line was ended at a word space (not inside a word)
    std::string line;
    unsigned long line_units = 0;   // widths are sums of advances, so a line's is kept as it grows
    for (const std::string& word : words_of(text)) {
        const unsigned long units = text_units(word, bold);
        if (!line.empty() && fits(line_units + space + units)) {
            line += ' ';
            line += word;
            line_units += space + units;
            continue;
        }
        if (!line.empty()) lines.push_back(std::move(line)), spaced.push_back(true);
        line = word;
        line_units = units;
        if (fits(units)) continue;
        // A word wider than the label's room (a long name, a code) breaks at the points the PDF
        // text breaks at (core/word_break.h); its last piece may share a line with what follows.
        const auto advance = [&](size_t, char32_t, char32_t c) { return glyph_width(c, bold) * size / 1000.0; };
        size_t from = 0;
        for (const size_t cut : break_word(word, max_width, advance).starts) {
            lines.push_back(word.substr(from, cut - from)), spaced.push_back(false);
            from = cut;
        }
        line = word.substr(from);
        line_units = text_units(line, bold);
    }
    if (!line.empty() || lines.empty()) lines.push_back(line), spaced.push_back(true);
    if (static_cast<int>(lines.size()) > max_lines) {
        std::string rest;
        for (size_t i = max_lines - 1; i < lines.size(); ++i) {
            rest += lines[i];
            if (i + 1 < lines.size() && spaced[i]) rest += ' ';
            if (!fits(text_units(rest, bold))) break;   // it is cut to fit below: no need for more
        }
        lines.resize(max_lines - 1);
        lines.push_back(rest);
    }
    for (auto& l : lines) {
        if (!fits(text_units(l, bold))) l = ellipsize(l, max_width, size, bold);
    }
    return lines;
}

bool wrap_truncates(std::string_view text, double max_width, double size, bool bold,
                    int max_lines) {
    for (const auto& l : wrap_text(text, max_width, size, bold, max_lines)) {
        if (l.size() >= 3 && l.compare(l.size() - 3, 3, "\xE2\x80\xA6") == 0) return true;
    }
    return false;
}

}  // namespace ep::charts
