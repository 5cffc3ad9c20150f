#include "pdf/fonts.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <unordered_map>

#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "core/diagnostics.h"
#include "core/text.h"
#include "pdf/tagging.h"
#include "pdf/to_unicode.h"

namespace ep::pdf {

Face face_for(bool bold, bool italic, bool code) {
    if (code) return Face::Mono;
    if (bold && italic) return Face::BoldItalic;
    if (bold) return Face::Bold;
    if (italic) return Face::Italic;
    return Face::Regular;
}

namespace {

// The font files, by folder, and each face's chain of them. DejaVu (fonts-dejavu-core) has
// no italics: an italic face falls back to upright glyphs, which is still the right character.
enum class Folder { Liberation, DejaVu };
struct FontFileName {
    Folder folder;
    const char* name;
};
constexpr FontFileName sans{Folder::Liberation, "LiberationSans-Regular.ttf"};
constexpr FontFileName sans_bold{Folder::Liberation, "LiberationSans-Bold.ttf"};
constexpr FontFileName dejavu{Folder::DejaVu, "DejaVuSans.ttf"};
constexpr FontFileName dejavu_bold{Folder::DejaVu, "DejaVuSans-Bold.ttf"};
const std::vector<FontFileName> chain_files[face_count] = {
    {sans, dejavu},
    {sans_bold, dejavu_bold, sans, dejavu},
    {{Folder::Liberation, "LiberationSans-Italic.ttf"}, sans, dejavu},
    {{Folder::Liberation, "LiberationSans-BoldItalic.ttf"}, sans_bold, dejavu_bold, sans, dejavu},
    {{Folder::Liberation, "LiberationMono-Regular.ttf"}, {Folder::DejaVu, "DejaVuSansMono.ttf"}, sans, dejavu},
};

std::string path_of(const FontFolders& folders, const FontFileName& f) {
    return (std::filesystem::path(f.folder == Folder::Liberation ? folders.liberation : folders.dejavu) / f.name).string();
}

using Chains = std::array<std::unique_ptr<const FaceChain>, face_count>;

// Every document of the process shares the chains of the same folders.
const Chains& chains_for(const FontFolders& folders) {
    static std::mutex mutex;
    static std::map<std::pair<std::string, std::string>, Chains> cache;
    const std::lock_guard<std::mutex> lock(mutex);
    Chains& chains = cache[{folders.liberation, folders.dejavu}];
    if (!chains[0]) {
        Chains made;
        for (int f = 0; f < face_count; ++f) {
            std::vector<const TrueTypeFont*> fonts;
            for (const FontFileName& file : chain_files[f]) fonts.push_back(&font_file(path_of(folders, file)));
            made[static_cast<size_t>(f)] = std::make_unique<const FaceChain>(std::move(fonts));
        }
        chains = std::move(made);
    }
    return chains;
}

bool is_space(char32_t cp) {
    return cp == 0x20 || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool is_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }

// Tabs and line ends in text (a CSV cell's, a Markdown soft break) are set as word spaces.
char32_t as_shown(char32_t cp) { return cp == '\t' || cp == '\n' || cp == '\r' ? ' ' : cp; }

// A number in a content stream: at most four decimals, no trailing zeros (deterministic).
std::string pdf_number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s == "-0" ? "0" : s;
}

// A byte of a literal string: the delimiters and the backslash escaped, and the line ends,
// which a reader would otherwise normalise. Every other byte (NUL included) is itself.
void put_string_byte(std::string& out, unsigned char b) {
    if (b == '(' || b == ')' || b == '\\') out += '\\';
    if (b == '\r') out += "\\r";
    else if (b == '\n') out += "\\n";
    else out += static_cast<char>(b);
}

// Six capital letters naming a subset (ISO 32000-1 9.6.4), from the font and its glyphs, so
// the same glyphs always get the same tag and different subsets of a face different ones.
std::string subset_tag(const std::string& name, const std::vector<std::uint16_t>& glyphs) {
    std::uint64_t h = 14695981039346656037ull;
    auto mix = [&](unsigned char b) {
        h ^= b;
        h *= 1099511628211ull;
    };
    for (char c : name) mix(static_cast<unsigned char>(c));
    for (std::uint16_t g : glyphs) {
        mix(static_cast<unsigned char>(g >> 8));
        mix(static_cast<unsigned char>(g & 0xFF));
    }
    std::string tag;
    for (int i = 0; i < 6; ++i) {
        tag += static_cast<char>('A' + h % 26);
        h /= 26;
    }
    return tag;
}

}  // namespace

FaceChain::FaceChain(std::vector<const TrueTypeFont*> fonts) : fonts_(std::move(fonts)), bmp_(0x10000, 0) {
    std::map<char32_t, std::uint32_t> astral;
    // Later fonts first, so that an earlier font's glyph replaces a later one's.
    for (size_t k = fonts_.size(); k-- > 0;)
        for (const auto& [cp, g] : fonts_[k]->mappings()) {
            const std::uint32_t entry = static_cast<std::uint32_t>(k) << 16 | g;
            if (cp < 0x10000) bmp_[cp] = entry;
            else astral[cp] = entry;
        }
    astral_.assign(astral.begin(), astral.end());
}

FaceChain::Glyph FaceChain::find(char32_t cp) const {
    std::uint32_t entry = 0;
    if (cp < 0x10000) {
        entry = bmp_[cp];
    } else {
        const auto it = std::lower_bound(astral_.begin(), astral_.end(), cp,
                                         [](const std::pair<char32_t, std::uint32_t>& e, char32_t c) { return e.first < c; });
        if (it != astral_.end() && it->first == cp) entry = it->second;
    }
    return {static_cast<std::uint16_t>(entry & 0xFFFF), static_cast<std::uint8_t>(entry >> 16)};
}

// ---- the glyphs a document shows, and its PDF fonts ---------------------------------------

namespace {

// One font file as a PDF font of this document: the characters shown with it so far, each
// with its own CID (so each maps to exactly one character in the ToUnicode CMap, even where
// two characters share a glyph, as the space and the no-break space do).
struct DocFont {
    const TrueTypeFont* file = nullptr;
    HPDF_Dict dict = nullptr;                     // the Type0 font, filled in by embed()
    std::vector<std::uint16_t> glyphs{0};         // CID i shows this glyph of the file...
    std::vector<char32_t> code_points{0};         // ... for this character (CID 0: .notdef, never shown)
    std::unordered_map<char32_t, std::uint16_t> cid_of;

    std::uint16_t cid(char32_t cp, std::uint16_t glyph) {
        auto [it, fresh] = cid_of.try_emplace(cp, 0);
        if (fresh) {
            if (glyphs.size() >= 0xFFFF) throw Error({}, "PDF writer: more than 65,535 different characters in one font");
            it->second = static_cast<std::uint16_t>(glyphs.size());
            glyphs.push_back(glyph);
            code_points.push_back(cp);
        }
        return it->second;
    }
};

}  // namespace

struct FontSet::Embedding {
    HPDF_MMgr mmgr = nullptr;   // of the one document these fonts are drawn into
    std::vector<std::unique_ptr<DocFont>> fonts;   // in the order first shown
    std::map<const TrueTypeFont*, DocFont*> by_file;

    DocFont& font(const TrueTypeFont* file, HPDF_Page page) {
        if (!mmgr) mmgr = page->mmgr;
        if (mmgr != page->mmgr) throw Error({}, "PDF writer: one FontSet drew into two documents");
        DocFont*& slot = by_file[file];
        if (!slot) {
            auto made = std::make_unique<DocFont>();
            made->file = file;
            made->dict = HPDF_Dict_New(page->mmgr);
            if (!made->dict || HPDF_Xref_Add(static_cast<HPDF_PageAttr>(page->attr)->xref, made->dict) != HPDF_OK)
                throw Error({}, "PDF writer: out of memory making a font");
            slot = made.get();
            fonts.push_back(std::move(made));
        }
        return *slot;
    }
};

FontSet FontSet::load(const FontFolders& folders) {
    const Chains& chains = chains_for(folders);
    FontSet set;
    for (int f = 0; f < face_count; ++f) set.chains_[static_cast<size_t>(f)] = chains[static_cast<size_t>(f)].get();
    set.embedding_ = std::make_shared<Embedding>();
    return set;
}

void FontSet::read_ahead(const FontFolders& folders) {
    try {
        chains_for(folders);
    } catch (const Error&) {
        // load() reports it, where the document is written
    }
}

bool FontSet::printable(char32_t cp) const {
    const bool control = cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
    const bool noncharacter = (cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF) || cp == 0xFEFF ||
                              (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF;
    return !control && !noncharacter && chains_[static_cast<size_t>(Face::Regular)]->find(cp).id != 0;
}

int FontSet::advance_units(Face f, char32_t cp) const {
    const FaceChain& chain = *chains_[static_cast<size_t>(f)];
    const FaceChain::Glyph g = chain.find(cp);
    return chain.fonts()[g.font]->advance(g.id);   // no glyph: .notdef of the first font
}

int FontSet::kern_units(Face f, char32_t left, char32_t right) const {
    if (f == Face::Mono || is_space(left) || is_space(right) || (is_digit(left) && is_digit(right))) return 0;
    const FaceChain& chain = *chains_[static_cast<size_t>(f)];
    const FaceChain::Glyph l = chain.find(left), r = chain.find(right);
    if (l.id == 0 || r.id == 0 || l.font != r.font) return 0;
    return chain.fonts()[l.font]->kern(l.id, r.id);
}

float FontSet::width(Face f, float size, std::string_view text) const {
    long units = 0;
    char32_t prev = 0;
    for (size_t i = 0; i < text.size();) {
        const char32_t cp = as_shown(next_code_point(text, i));
        units += advance_units(f, cp);
        if (prev != 0) units += kern_units(f, prev, cp);
        prev = cp;
    }
    return static_cast<float>(units) * size / 1000.0f;
}

// The text as runs of one font each: for each run Tf (when it changes), then the CIDs as a
// literal string of two-byte codes (Identity-H), as Tj, or as a TJ array when kerned pairs or
// widened spaces need adjustments (thousandths of an em, negated as TJ subtracts them):
// "AVAILABLE" is [(\0A\0V) 74 (...)] TJ in CID bytes. libharu has no composite-font text API
// for this, so the operators go on the page's content stream after libharu's own Td, which it
// computes from the text line matrix (that TJ leaves alone).
void FontSet::show(HPDF_Page page, TextState& state, Face f, float size, float x, float baseline, std::string_view text,
                   float word_spacing) const {
    if (text.empty()) return;
    // Text comes from checked UTF-8 files; anything else is the program's mistake, which must
    // not print as a replacement character.
    if (!valid_utf8(text)) throw Error({}, "PDF writer: text to show is not UTF-8");
    const FaceChain& chain = *chains_[static_cast<size_t>(f)];
    // Our text matrix is never scaled or rotated, so a relative move is a difference.
    const HPDF_TransMatrix m = HPDF_Page_GetTextMatrix(page);
    HPDF_Page_MoveTextPos(page, x - m.x, baseline - m.y);
    const double space_adjustment = word_spacing == 0 ? 0 : -word_spacing * 1000.0 / size;
    std::string ops;
    std::string string;   // the current literal string's bytes
    std::string array;    // the current TJ array, up to `string`
    bool adjusted = false;
    DocFont* font = nullptr;
    auto flush = [&] {
        if (!font) return;
        if (adjusted) ops += "[" + array + "(" + string + ")] TJ\n";
        else ops += "(" + string + ") Tj\n";
        string.clear();
        array.clear();
        adjusted = false;
    };
    char32_t prev = 0;
    for (size_t i = 0; i < text.size();) {
        const char32_t cp = as_shown(next_code_point(text, i));
        const FaceChain::Glyph g = chain.find(cp);
        if (g.id == 0 || !printable(cp)) {
            std::string shown;
            append_utf8(shown, cp);
            throw Error({}, "the PDF's fonts have no glyph for '" + shown + "' (" + code_point_name(cp) + ")");
        }
        if (prev != 0) {
            // Between glyphs of different fonts there is no kerning, but a widened space still
            // moves what follows: the adjustment then ends the first font's TJ array.
            const double adjustment = -kern_units(f, prev, cp) + (prev == ' ' ? space_adjustment : 0.0);
            if (adjustment != 0) {
                array += "(" + string + ") " + pdf_number(adjustment) + " ";
                string.clear();
                adjusted = true;
            }
        }
        DocFont& df = embedding_->font(chain.fonts()[g.font], page);
        if (&df != font) {
            flush();
            font = &df;
            if (state.font != df.dict || state.size != size) {
                const char* name = HPDF_Page_GetLocalFontName(page, df.dict);
                if (!name) throw Error({}, "PDF writer: cannot add a font to the page's resources");
                ops += std::string("/") + name + " " + pdf_number(size) + " Tf\n";
                state = {df.dict, size};
            }
        }
        const std::uint16_t c = df.cid(cp, g.id);
        put_string_byte(string, static_cast<unsigned char>(c >> 8));
        put_string_byte(string, static_cast<unsigned char>(c & 0xFF));
        prev = cp;
    }
    flush();
    HPDF_Stream_Write(page_content_stream(page), reinterpret_cast<const HPDF_BYTE*>(ops.data()),
                      static_cast<HPDF_UINT>(ops.size()));
}

std::set<HPDF_Dict> FontSet::embed(HPDF_Doc pdf) const {
    std::set<HPDF_Dict> programs;
    HPDF_MMgr mmgr = pdf->mmgr;
    auto failed = [] { return Error({}, "PDF writer: out of memory writing the fonts"); };
    auto stream = [&](const std::string& bytes) {
        HPDF_Dict s = HPDF_DictStream_New(mmgr, pdf->xref);
        if (!s) throw failed();
        s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;   // compressed by prepare_streams
        HPDF_Stream_Write(s->stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()), static_cast<HPDF_UINT>(bytes.size()));
        return s;
    };
    for (const auto& df : embedding_->fonts) {
        const TrueTypeFont& file = *df->file;
        std::vector<std::uint16_t> glyphs = df->glyphs;
        std::vector<char32_t> code_points = df->code_points;
        const std::string program = file.subset(glyphs, code_points);
        const std::string base = subset_tag(file.postscript_name(), glyphs) + "+" + file.postscript_name();
        const FontMetrics& fm = file.metrics();

        HPDF_Dict program_stream = stream(program);
        HPDF_Dict_AddNumber(program_stream, "Length1", static_cast<HPDF_INT32>(program.size()));
        programs.insert(program_stream);

        HPDF_Dict descriptor = HPDF_Dict_New(mmgr);
        if (!descriptor || HPDF_Xref_Add(pdf->xref, descriptor) != HPDF_OK) throw failed();
        HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
        HPDF_Dict_AddName(descriptor, "FontName", base.c_str());
        // Nonsymbolic (Latin text), fixed pitch and italic as the font says.
        HPDF_Dict_AddNumber(descriptor, "Flags", 32 | (fm.fixed_pitch ? 1 : 0) | (fm.italic_angle != 0 ? 64 : 0));
        HPDF_Array bbox = HPDF_Array_New(mmgr);
        for (int v : fm.bbox) HPDF_Array_AddNumber(bbox, v);
        HPDF_Dict_Add(descriptor, "FontBBox", bbox);
        HPDF_Dict_AddReal(descriptor, "ItalicAngle", static_cast<HPDF_REAL>(fm.italic_angle));
        HPDF_Dict_AddNumber(descriptor, "Ascent", fm.ascent);
        HPDF_Dict_AddNumber(descriptor, "Descent", fm.descent);
        HPDF_Dict_AddNumber(descriptor, "CapHeight", fm.cap_height);
        HPDF_Dict_AddNumber(descriptor, "StemV", fm.stem_v);
        HPDF_Dict_Add(descriptor, "FontFile2", program_stream);

        // The CIDs are the subset's glyph numbers (CIDToGIDMap Identity), with their widths
        // from the font's hmtx, which is what the layout measured with.
        HPDF_Dict cid_font = HPDF_Dict_New(mmgr);
        if (!cid_font || HPDF_Xref_Add(pdf->xref, cid_font) != HPDF_OK) throw failed();
        HPDF_Dict_AddName(cid_font, "Type", "Font");
        HPDF_Dict_AddName(cid_font, "Subtype", "CIDFontType2");
        HPDF_Dict_AddName(cid_font, "BaseFont", base.c_str());
        HPDF_Dict info = HPDF_Dict_New(mmgr);
        HPDF_Dict_Add(info, "Registry", HPDF_String_New(mmgr, "Adobe", nullptr));
        HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mmgr, "Identity", nullptr));
        HPDF_Dict_AddNumber(info, "Supplement", 0);
        HPDF_Dict_Add(cid_font, "CIDSystemInfo", info);
        HPDF_Dict_Add(cid_font, "FontDescriptor", descriptor);
        HPDF_Array widths = HPDF_Array_New(mmgr);
        HPDF_Array each = HPDF_Array_New(mmgr);
        for (std::uint16_t g : glyphs) HPDF_Array_AddNumber(each, file.advance(g));
        HPDF_Array_AddNumber(widths, 0);
        HPDF_Array_Add(widths, each);
        HPDF_Dict_Add(cid_font, "W", widths);
        HPDF_Dict_AddName(cid_font, "CIDToGIDMap", "Identity");

        std::vector<std::pair<std::uint16_t, char32_t>> shown;
        for (size_t cid = 1; cid < df->code_points.size(); ++cid)
            shown.emplace_back(static_cast<std::uint16_t>(cid), df->code_points[cid]);
        HPDF_Dict to_unicode = stream(to_unicode_cmap(std::move(shown)));

        HPDF_Dict font = df->dict;
        HPDF_Dict_AddName(font, "Type", "Font");
        HPDF_Dict_AddName(font, "Subtype", "Type0");
        HPDF_Dict_AddName(font, "BaseFont", base.c_str());
        HPDF_Dict_AddName(font, "Encoding", "Identity-H");
        HPDF_Array descendants = HPDF_Array_New(mmgr);
        HPDF_Array_Add(descendants, cid_font);
        HPDF_Dict_Add(font, "DescendantFonts", descendants);
        HPDF_Dict_Add(font, "ToUnicode", to_unicode);
    }
    return programs;
}

}  // namespace ep::pdf
