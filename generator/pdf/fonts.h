// The fonts the PDF is set in, text measurement that matches what is drawn, and the composite
// fonts (Type0, CIDFontType2, Identity-H) that print every character in UTF-8 text.
//
// Each face is a chain of TrueType fonts: its Liberation face first, then DejaVu, chosen per
// character (a character the first font lacks comes from the next that has it). Every chain
// ends with Liberation Sans Regular and DejaVu Sans, so a character the regular face can print
// is printable in every face (FontSet::printable). Each font file used becomes one PDF font
// holding only the glyphs the document shows, numbered in the order they are first shown
// (the CIDs), with the widths of those glyphs and a ToUnicode CMap of the characters they show.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <hpdf.h>

#include "pdf/font_folders.h"
#include "pdf/truetype.h"

namespace ep::pdf {

enum class Face { Regular, Bold, Italic, BoldItalic, Mono };
constexpr int face_count = 5;

// Which face a run with these attributes is set in.
Face face_for(bool bold, bool italic, bool code);

// One face's fonts, first choice first, and for each character the font and glyph it is
// printed with. Built once per process and shared (read-only) by every document.
class FaceChain {
public:
    struct Glyph {
        std::uint16_t id = 0;    // 0: no font of the chain has the character
        std::uint8_t font = 0;   // index into fonts()
    };
    explicit FaceChain(std::vector<const TrueTypeFont*> fonts);
    Glyph find(char32_t cp) const;
    const std::vector<const TrueTypeFont*>& fonts() const { return fonts_; }

private:
    std::vector<const TrueTypeFont*> fonts_;
    std::vector<std::uint32_t> bmp_;                         // per BMP code point: font << 16 | glyph
    std::vector<std::pair<char32_t, std::uint32_t>> astral_;   // the other planes, sorted
};

// Where a text object has got to: the font and size its last Tf set, so show() writes Tf only
// when they change. A fresh one for each text object (BT).
struct TextState {
    const void* font = nullptr;
    float size = 0;
};

class FontSet {
public:
    // The faces' fonts from `folders`. Throws ep::Error naming a missing or unusable file.
    // Each FontSet records the glyphs its document shows: use one per PDF.
    static FontSet load(const FontFolders& folders = {});

    // Reads the font files into the process-wide cache, so it can be done on another thread
    // while the data is read. Thread-safe; problems are left for load() to report.
    static void read_ahead(const FontFolders& folders = {});

    // Can the PDF print `cp`? True when the regular face's chain holds it (every face's chain
    // ends with the regular one's fonts). Control characters and noncharacters never are.
    bool printable(char32_t cp) const;

    // Width in points of UTF-8 text drawn as one piece: the glyphs' advance widths plus the
    // kerning between neighbouring glyphs of the same font. The paint pass draws the same
    // pairs (show), so this is exactly the distance the text advances on the page.
    float width(Face f, float size, std::string_view utf8) const;
    float char_width(Face f, float size, char32_t cp) const {
        return static_cast<float>(advance_units(f, cp)) * size / 1000.0f;
    }
    int advance_units(Face f, char32_t cp) const;
    // The kerning between `left` and `right` set next to each other in face `f`: in
    // thousandths of an em (what a TJ array holds, negated), and in points at `size`. Kerned
    // only when both come from the same font and neither is a space; two digits are never
    // kerned (figures stay tabular, so columns of numbers line up), nor is the monospaced face.
    int kern_units(Face f, char32_t left, char32_t right) const;
    float kern(Face f, float size, char32_t left, char32_t right) const {
        return static_cast<float>(kern_units(f, left, right)) * size / 1000.0f;
    }

    // Shows UTF-8 text with its left end at (x, baseline) in face `f` at `size`, kerned
    // exactly as width() measures it, each space (U+0020) widened by `word_spacing` points
    // (justified text). Sets the font (Tf) itself, tracked in `state`. Call inside a text
    // object (HPDF_Page_BeginText) whose text matrix is not scaled or rotated. Throws ep::Error
    // for a character no font holds (the pipeline reports those, with their place in the
    // sources, before anything is drawn; this never prints a .notdef box instead).
    void show(HPDF_Page page, TextState& state, Face f, float size, float x, float baseline, std::string_view utf8,
              float word_spacing = 0) const;

    // After the last page is drawn: writes each font shown (the Type0 font, its CIDFontType2
    // with /W and CIDToGIDMap Identity, the font descriptor, the subset TrueType program and
    // the ToUnicode CMap). Returns the font program streams (prepare_streams compresses each
    // distinct one once per build).
    std::set<HPDF_Dict> embed(HPDF_Doc pdf) const;

private:
    struct Embedding;
    std::array<const FaceChain*, face_count> chains_{};
    std::shared_ptr<Embedding> embedding_;   // the glyphs this document shows, per font file
};

}  // namespace ep::pdf
