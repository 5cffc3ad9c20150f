// The PDF's streams prepared by us rather than libharu (generator/pdf/pdf_streams.cpp): the
// embedded font programs must be exactly what libharu would embed, and a document saved after
// prepare_streams must hold the same streams, only compressed differently.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <hpdf.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>
#include <libdeflate.h>

#include "pdf/fonts.h"
#include "pdf/hpdf_doc.h"
#include "pdf/line_cache.h"
#include "pdf/pdf_streams.h"
#include "pdf/text_layout.h"

using namespace ep;

namespace {

// A zlib stream's contents (libdeflate's decompressor, independent of how it was compressed).
std::string inflate_bytes(const std::string& z) {
    libdeflate_decompressor* d = libdeflate_alloc_decompressor();
    REQUIRE(d != nullptr);
    std::string out(z.size() * 4 + 64, '\0');
    for (;;) {
        size_t n = 0;
        const auto rc = libdeflate_zlib_decompress(d, z.data(), z.size(), out.data(), out.size(), &n);
        if (rc == LIBDEFLATE_INSUFFICIENT_SPACE) {
            out.resize(out.size() * 2);
            continue;
        }
        CHECK(rc == LIBDEFLATE_SUCCESS);
        out.resize(rc == LIBDEFLATE_SUCCESS ? n : 0);
        break;
    }
    libdeflate_free_decompressor(d);
    return out;
}

std::string mem_stream_bytes(HPDF_Stream stream) {
    std::string s;
    for (HPDF_UINT i = 0; i < HPDF_MemStream_GetBufCount(stream); ++i) {
        HPDF_UINT len = 0;
        const HPDF_BYTE* p = HPDF_MemStream_GetBufPtr(stream, i, &len);
        s.append(reinterpret_cast<const char*>(p), len);
    }
    return s;
}

HPDF_FontDef fontdef_of(HPDF_Font font) { return static_cast<HPDF_FontAttr>(font->attr)->fontdef; }

// What libharu itself writes as the font file for `font`.
std::string libharu_font_program(HPDF_Doc pdf, HPDF_Font font) {
    HPDF_Stream s = HPDF_MemStream_New(pdf->mmgr, 4096);
    REQUIRE(s != nullptr);
    REQUIRE(HPDF_TTFontDef_SaveFontData(fontdef_of(font), s) == HPDF_OK);
    std::string bytes = mem_stream_bytes(s);
    HPDF_Stream_Free(s);
    return bytes;
}

// The decoded contents of every stream in a saved PDF, in file order: each stream's bytes,
// inflated when its dictionary says /FlateDecode.
std::vector<std::string> decoded_streams(const std::vector<unsigned char>& file) {
    const std::string pdf(file.begin(), file.end());
    std::vector<std::string> out;
    size_t at = 0;
    while ((at = pdf.find(">>\012stream\015\012", at)) != std::string::npos) {
        const size_t dict = pdf.rfind("<<", at);
        const size_t begin = at + 11;
        const size_t end = pdf.find("\012endstream", begin);
        REQUIRE(end != std::string::npos);
        const std::string data = pdf.substr(begin, end - begin);
        const bool flate = pdf.substr(dict, at - dict).find("/FlateDecode") != std::string::npos;
        out.push_back(flate ? inflate_bytes(data) : data);
        at = end;
    }
    return out;
}

// A small document drawn the same way each time.
std::vector<unsigned char> sample_pdf(bool prepared, const pdf::StreamOptions& options = {}) {
    pdf::HpdfDoc doc;
    HPDF_SetCompressionMode(doc.get(), HPDF_COMP_ALL);
    const auto fonts = pdf::FontSet::load(doc.get(), EP_FONT_DIR, false);
    doc.check("loading fonts");
    for (int p = 0; p < 3; ++p) {
        HPDF_Page page = HPDF_AddPage(doc.get());
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, fonts.font(pdf::Face::Regular), 11);
        HPDF_Page_MoveTextPos(page, 72, 700);
        HPDF_Page_ShowText(page, "Spend per head \x96 \xA3" "877, \x93quoted\x94 often");
        HPDF_Page_SetFontAndSize(page, fonts.font(pdf::Face::Bold), 14);
        HPDF_Page_ShowText(page, " Bold words");
        HPDF_Page_EndText(page);
        HPDF_Page_SetRGBStroke(page, 0.2f, 0.3f, 0.4f);
        HPDF_Page_MoveTo(page, 72, 690);
        HPDF_Page_LineTo(page, 500, 690);
        HPDF_Page_Stroke(page);
        if (p == 2) {
            // Left inside a saved graphics state and a text object: saving must close them.
            HPDF_Page_GSave(page);
            HPDF_Page_BeginText(page);
            HPDF_Page_SetFontAndSize(page, fonts.font(pdf::Face::Italic), 9);
            HPDF_Page_ShowText(page, "Left open");
        }
    }
    doc.check("drawing");
    if (prepared) {
        pdf::prepare_streams(doc.get(), options);
        doc.check("preparing streams");
    }
    return doc.save_to_memory();
}

}  // namespace

TEST_CASE("our TrueType font program is byte for byte the one libharu embeds") {
    pdf::HpdfDoc doc;
    // Every CP1252 glyph marked as used, as FontSet measures them (and Mono, with glyphs of its own).
    const auto fonts = pdf::FontSet::load(doc.get(), EP_FONT_DIR, true);
    doc.check("loading fonts");
    for (pdf::Face face : {pdf::Face::Regular, pdf::Face::Bold, pdf::Face::Italic, pdf::Face::BoldItalic,
                           pdf::Face::Mono}) {
        INFO("face " << static_cast<int>(face));
        HPDF_Font font = fonts.font(face);
        const std::string ours = pdf::truetype_font_program(fontdef_of(font));
        const auto* attr = static_cast<HPDF_TTFontDefAttr>(fontdef_of(font)->attr);
        const HPDF_UINT our_length1 = attr->length1;
        const std::string theirs = libharu_font_program(doc.get(), font);
        REQUIRE(!ours.empty());
        CHECK(ours.size() == theirs.size());
        CHECK(ours == theirs);
        CHECK(our_length1 == ours.size());
        CHECK(attr->length1 == theirs.size());
    }
}

TEST_CASE("a font with few glyphs used embeds only those (libharu's subset)") {
    pdf::HpdfDoc doc;
    const char* name = HPDF_LoadTTFontFromFile(doc.get(), EP_FONT_DIR "/LiberationSans-Regular.ttf", HPDF_TRUE);
    REQUIRE(name != nullptr);
    HPDF_Font font = HPDF_GetFont(doc.get(), name, "CP1252");
    REQUIRE(font != nullptr);
    const std::string text = "Total Place";
    HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>(text.data()), static_cast<HPDF_UINT>(text.size()));
    const std::string ours = pdf::truetype_font_program(fontdef_of(font));
    CHECK(ours == libharu_font_program(doc.get(), font));
    // The whole face is ~400 KB; the glyphs of "Total Place" are a small part of what is kept.
    CHECK(ours.size() < 80000);
}

TEST_CASE("deflate_bytes round-trips (zlib format) and is deterministic") {
    std::string data;
    for (int i = 0; i < 5000; ++i) data += "BT /F1 11 Tf 72 " + std::to_string(700 - i % 50) + " Td (word) Tj ET\n";
    for (int level : {1, 6, 12}) {
        const std::string z = pdf::deflate_bytes(data, level);
        CHECK(z.size() < data.size() / 5);
        CHECK(inflate_bytes(z) == data);
        CHECK(pdf::deflate_bytes(data, level) == z);
    }
    CHECK(inflate_bytes(pdf::deflate_bytes("", 1)).empty());
}

TEST_CASE("prepare_streams changes how streams are compressed, not what they hold") {
    const auto plain = sample_pdf(false);
    // Without subsetting and with glyph names, only the compression differs from libharu's.
    const auto prepared = sample_pdf(true, {pdf::stream_compression_level, false, true});
    const auto a = decoded_streams(plain);
    const auto b = decoded_streams(prepared);
    // Three content streams, then the four faces FontSet loads (Regular, Bold, Italic, BoldItalic).
    REQUIRE(a.size() == 7);
    REQUIRE(b.size() == a.size());
    for (size_t i = 0; i < a.size(); ++i) {
        INFO("stream " << i);
        CHECK(a[i] == b[i]);
    }
    // The page left inside a text object and a saved state was closed before compressing.
    const std::string& last_page = b[2];
    CHECK(last_page.find("(Left open) Tj\012ET\012Q\012") != std::string::npos);
    // As the writer uses it (subset, no glyph names): the pages are the same, the fonts
    // smaller, and the file deterministic.
    const auto subset = sample_pdf(true);
    const auto c = decoded_streams(subset);
    REQUIRE(c.size() == a.size());
    for (size_t i = 0; i < 3; ++i) CHECK(c[i] == a[i]);
    for (size_t i = 3; i < 7; ++i) CHECK(c[i].size() < a[i].size() / 2);
    CHECK(sample_pdf(true) == subset);
}

namespace {

// The glyphs a font file keeps: loca offsets that differ from the next one. Parsed from the
// decoded font program (TrueType tables are big-endian).
std::vector<int> kept_glyphs(const std::string& font) {
    auto u16 = [&](size_t at) { return static_cast<unsigned>(static_cast<unsigned char>(font[at]) << 8 | static_cast<unsigned char>(font[at + 1])); };
    auto u32 = [&](size_t at) { return u16(at) << 16 | u16(at + 2); };
    size_t loca = 0, loca_len = 0, head = 0, maxp = 0;
    for (unsigned t = 0; t < u16(4); ++t) {
        const std::string tag = font.substr(12 + 16 * t, 4);
        const size_t off = u32(12 + 16 * t + 8), len = u32(12 + 16 * t + 12);
        if (tag == "loca") { loca = off; loca_len = len; }
        if (tag == "head") head = off;
        if (tag == "maxp") maxp = off;
    }
    const bool long_loca = u16(head + 50) == 1;
    const unsigned glyphs = u16(maxp + 4);
    REQUIRE(loca_len == (glyphs + 1) * (long_loca ? 4 : 2));
    std::vector<int> kept;
    for (unsigned g = 0; g < glyphs; ++g) {
        const unsigned a = long_loca ? u32(loca + 4 * g) : u16(loca + 2 * g);
        const unsigned b = long_loca ? u32(loca + 4 * g + 4) : u16(loca + 2 * g + 2);
        if (b > a) kept.push_back(static_cast<int>(g));
    }
    return kept;
}

}  // namespace

TEST_CASE("the PDF embeds only the glyphs its pages show, and no glyph names") {
    const auto streams = decoded_streams(sample_pdf(true));
    REQUIRE(streams.size() == 7);
    // Regular shows "Spend per head – £877, “quoted” often"; Bold " Bold words"; Italic "Left
    // open"; BoldItalic nothing.
    const auto regular = kept_glyphs(streams[3]), bold = kept_glyphs(streams[4]), italic = kept_glyphs(streams[5]),
               bold_italic = kept_glyphs(streams[6]);
    // Glyph 0 (.notdef) and one glyph per distinct character shown (the space glyph has no
    // outline, so it keeps no bytes); composite glyphs (accents, some punctuation) also keep
    // the glyphs they are built from.
    const std::string regular_text = "Spend per head \x96 \xA3" "877, \x93quoted\x94 often";
    std::array<bool, 256> seen{};
    size_t distinct = 0;
    for (unsigned char c : regular_text)
        if (c != ' ' && !seen[c]) {
            seen[c] = true;
            ++distinct;
        }
    // .notdef has an outline in some faces and not in others: count the glyphs after it.
    auto shown = [](const std::vector<int>& kept) { return kept.size() - (!kept.empty() && kept.front() == 0); };
    CHECK(shown(regular) >= distinct);
    CHECK(shown(regular) <= distinct + 3);
    CHECK(shown(bold) == 7);          // B o l d w r s
    CHECK(shown(italic) == 7);        // L e f t o p n
    CHECK(shown(bold_italic) == 0);   // loaded, never shown
    // post format 3: the table is its 32-byte header.
    for (const std::string* font : {&streams[3], &streams[6]}) {
        const std::string& f = *font;
        auto u16 = [&](size_t at) { return static_cast<unsigned>(static_cast<unsigned char>(f[at]) << 8 | static_cast<unsigned char>(f[at + 1])); };
        bool found = false;
        for (unsigned t = 0; t < u16(4); ++t) {
            if (f.substr(12 + 16 * t, 4) != "post") continue;
            found = true;
            const size_t off = u16(12 + 16 * t + 8) << 16 | u16(12 + 16 * t + 10);
            const size_t len = u16(12 + 16 * t + 12) << 16 | u16(12 + 16 * t + 14);
            CHECK(len == 32);
            CHECK(f.substr(off, 4) == std::string("\x00\x03\x00\x00", 4));
        }
        CHECK(found);
    }
}

TEST_CASE("line breaking remembered within a layout gives what break_lines gives") {
    pdf::HpdfDoc doc;
    const auto fonts = pdf::FontSet::load(doc.get(), EP_FONT_DIR, false);
    doc.check("loading fonts");
    model::Run plain;
    plain.text = "Spend per head on children's services was highest in the smallest authority of the three.";
    model::Run strong = plain;
    strong.bold = true;
    model::Run linked = plain;
    linked.link = "#figure-3";
    const pdf::TextStyle body;
    pdf::TextStyle big = body;
    big.size = 14;
    auto same = [](const std::vector<pdf::Line>& a, const std::vector<pdf::Line>& b) {
        if (a.size() != b.size()) return false;
        for (size_t i = 0; i < a.size(); ++i) {
            if (a[i].width != b[i].width || a[i].fragments.size() != b[i].fragments.size()) return false;
            for (size_t k = 0; k < a[i].fragments.size(); ++k)
                if (a[i].fragments[k].text != b[i].fragments[k].text || !(a[i].fragments[k].attrs == b[i].fragments[k].attrs))
                    return false;
        }
        return true;
    };
    const pdf::LineCacheScope scope;
    // Inputs differing in one thing each: the cache must never hand one's lines to another.
    for (int round = 0; round < 2; ++round) {
        for (const model::Runs& runs : {model::Runs{plain}, model::Runs{strong}, model::Runs{linked}, model::Runs{plain, strong}}) {
            for (const pdf::TextStyle& st : {body, big}) {
                for (float width : {120.0f, 300.0f}) {
                    INFO("round " << round << " width " << width << " size " << st.size);
                    CHECK(same(pdf::cached_break_lines(runs, st, width, fonts), pdf::break_lines(runs, st, width, fonts)));
                    CHECK(pdf::cached_line_count(runs, st, width, fonts) == pdf::break_lines(runs, st, width, fonts).size());
                }
            }
        }
        const std::vector<int> refs = {0};
        CHECK(same(pdf::cached_break_lines({linked}, body, 200, fonts, refs), pdf::break_lines({linked}, body, 200, fonts, refs)));
    }
}

TEST_CASE("the line cache is on (it compares every field of TextStyle and model::Run)") {
    // If this fails, TextStyle or model::Run gained a field: add it to same_style/same_run and
    // the field counts in generator/pdf/line_cache.cpp, or the cache stays off (slower layout).
    CHECK(pdf::line_cache_enabled());
}
