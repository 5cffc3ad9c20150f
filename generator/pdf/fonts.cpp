#include "pdf/fonts.h"

#include <filesystem>

#include "core/diagnostics.h"
#include "pdf/tagging.h"

namespace ep::pdf {

Face face_for(bool bold, bool italic, bool code) {
    if (code) return Face::Mono;
    if (bold && italic) return Face::BoldItalic;
    if (bold) return Face::Bold;
    if (italic) return Face::Italic;
    return Face::Regular;
}

namespace {

const char* const face_files[face_count] = {"LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
                                            "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf",
                                            "LiberationMono-Regular.ttf"};

HPDF_Font load_one(HPDF_Doc pdf, const std::string& dir, const std::string& file) {
    const std::string path = (std::filesystem::path(dir) / file).string();
    // Check first: libharu's own error for a missing file is a bare status code.
    if (!std::filesystem::is_regular_file(path))
        throw Error({path, 0, 0}, "font file not found (set the font folder to one holding " + file + ")");
    const char* name = HPDF_LoadTTFontFromFile(pdf, path.c_str(), HPDF_TRUE);
    if (!name) throw Error({path, 0, 0}, "cannot load TrueType font");
    HPDF_Font font = HPDF_GetFont(pdf, name, "CP1252");
    if (!font) throw Error({path, 0, 0}, "cannot use font in CP1252 encoding");
    return font;
}

}  // namespace

void FontSet::read_kerning(const std::string& font_dir) {
    for (int i = 0; i < face_count; ++i)
        if (i != static_cast<int>(Face::Mono)) kerning_for_file((std::filesystem::path(font_dir) / face_files[i]).string());
}

FontSet FontSet::load(HPDF_Doc pdf, const std::string& font_dir, bool need_mono) {
    const char* const* files = face_files;
    FontSet set;
    for (int i = 0; i < face_count; ++i) {
        const bool mono = i == static_cast<int>(Face::Mono);
        // Without code runs the mono face is never drawn; fall back to regular so that no
        // unused font is embedded.
        set.fonts_[i] = (mono && !need_mono) ? set.fonts_[0] : load_one(pdf, font_dir, files[i]);
        set.kerning_[i] = mono ? &Kerning::none()
                               : &kerning_for_file((std::filesystem::path(font_dir) / files[i]).string());
        for (int c = 0; c < 256; ++c) {
            const HPDF_BYTE byte = static_cast<HPDF_BYTE>(c);
            set.widths_[i][c] = static_cast<float>(HPDF_Font_TextWidth(set.fonts_[i], &byte, 1).width);
        }
    }
    return set;
}

float FontSet::width(Face f, float size, std::string_view cp1252) const {
    const auto& table = widths_[static_cast<int>(f)];
    const Kerning& kerning = *kerning_[static_cast<int>(f)];
    float units = 0;
    unsigned char prev = 0;
    for (size_t i = 0; i < cp1252.size(); ++i) {
        const auto c = static_cast<unsigned char>(cp1252[i]);
        units += table[c];
        if (i > 0) units += static_cast<float>(kerning.pair(prev, c));
        prev = c;
    }
    return units * size / 1000.0f;
}

// libharu has no kerning for TrueType fonts and no TJ operator, so text with kerned pairs is
// written as a TJ array on the page's content stream: libharu still sets the font (Tf) and
// moves to the position (Td, relative to the text line matrix it tracks), then the array
// alternates the text between kerned pairs with the adjustment in thousandths of an em,
// negated as TJ wants:
// "AVAILABLE" is [(A) 74 (V) 74 (AILABLE)] TJ. TJ moves only the text position, which libharu
// does not use for the next Td (HPDF_Page_TextOut works from the line matrix), so its state
// stays right. A piece with no kerned pair is shown with libharu's own Tj.
void FontSet::show(HPDF_Page page, Face f, float x, float baseline, const std::string& s) const {
    bool kerned = false;
    for (size_t i = 1; i < s.size() && !kerned; ++i)
        kerned = kern_units(f, static_cast<unsigned char>(s[i - 1]), static_cast<unsigned char>(s[i])) != 0;
    if (!kerned) {
        HPDF_Page_TextOut(page, x, baseline, s.c_str());
        return;
    }
    // Our text matrix is never scaled or rotated, so a relative move is a difference.
    const HPDF_TransMatrix m = HPDF_Page_GetTextMatrix(page);
    HPDF_Page_MoveTextPos(page, x - m.x, baseline - m.y);
    HPDF_Stream stream = page_content_stream(page);
    HPDF_Stream_WriteStr(stream, "[");
    size_t from = 0;
    for (size_t i = 1; i < s.size(); ++i) {
        const int k = kern_units(f, static_cast<unsigned char>(s[i - 1]), static_cast<unsigned char>(s[i]));
        if (k == 0) continue;
        // WriteEscapeText2 writes the bytes as a literal string "(...)", escaping as Tj does.
        HPDF_Stream_WriteEscapeText2(stream, s.data() + from, static_cast<HPDF_UINT>(i - from));
        const std::string adjustment = ' ' + std::to_string(-k) + ' ';
        HPDF_Stream_WriteStr(stream, adjustment.c_str());
        from = i;
    }
    HPDF_Stream_WriteEscapeText2(stream, s.data() + from, static_cast<HPDF_UINT>(s.size() - from));
    HPDF_Stream_WriteStr(stream, "] TJ\012");
}

}  // namespace ep::pdf
