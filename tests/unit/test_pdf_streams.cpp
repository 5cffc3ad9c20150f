// The PDF's streams prepared by us rather than libharu (generator/pdf/pdf_streams.cpp): a
// document saved after prepare_streams must hold the same streams, only compressed
// differently. And the fonts written by us (generator/pdf/fonts.cpp, truetype.cpp): each a
// subset holding only the glyphs shown, a valid TrueType program, with its ToUnicode CMap.
#include <doctest/doctest.h>

#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <hpdf.h>
#include <hpdf_streams.h>
#include <libdeflate.h>

#include "core/diagnostics.h"
#include "pdf/fonts.h"
#include "pdf/hpdf_doc.h"
#include "pdf/line_cache.h"
#include "pdf/pdf_streams.h"
#include "pdf/text_layout.h"
#include "pdf/to_unicode.h"
#include "pdf/truetype.h"

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

bool is_font_program(const std::string& s) { return s.compare(0, 4, std::string("\0\1\0\0", 4)) == 0; }
bool is_cmap(const std::string& s) { return s.find("begincmap") != std::string::npos; }

// A small document drawn the same way each time: Regular, Bold and Italic text, a character
// from DejaVu (✓), a page left open.
std::vector<unsigned char> sample_pdf(bool prepared) {
    pdf::HpdfDoc doc;
    HPDF_SetCompressionMode(doc.get(), HPDF_COMP_ALL);
    const auto fonts = pdf::FontSet::load();
    for (int p = 0; p < 3; ++p) {
        HPDF_Page page = HPDF_AddPage(doc.get());
        pdf::TextState state;
        HPDF_Page_BeginText(page);
        fonts.show(page, state, pdf::Face::Regular, 11, 72, 700, "Spend per head \u2013 \u00A3" "877, \u201Cquoted\u201D often \u2713");
        fonts.show(page, state, pdf::Face::Bold, 14, 300, 700, "Bold words");
        HPDF_Page_EndText(page);
        HPDF_Page_SetRGBStroke(page, 0.2f, 0.3f, 0.4f);
        HPDF_Page_MoveTo(page, 72, 690);
        HPDF_Page_LineTo(page, 500, 690);
        HPDF_Page_Stroke(page);
        if (p == 2) {
            // Left inside a saved graphics state and a text object: saving must close them.
            HPDF_Page_GSave(page);
            HPDF_Page_BeginText(page);
            pdf::TextState open;
            fonts.show(page, open, pdf::Face::Italic, 9, 72, 600, "Left open");
        }
    }
    doc.check("drawing");
    const std::set<HPDF_Dict> programs = fonts.embed(doc.get());
    doc.check("embedding the fonts");
    if (prepared) {
        pdf::prepare_streams(doc.get(), programs);
        doc.check("preparing streams");
    }
    return doc.save_to_memory();
}

std::uint32_t be32(const std::string& s, size_t at) {
    auto b = [&](size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i])); };
    return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

// The tables of a TrueType program: tag -> (offset, length).
std::map<std::string, std::pair<size_t, size_t>> tables_of(const std::string& font) {
    std::map<std::string, std::pair<size_t, size_t>> out;
    const unsigned count = static_cast<unsigned char>(font[4]) << 8 | static_cast<unsigned char>(font[5]);
    for (unsigned t = 0; t < count; ++t) out[font.substr(12 + 16 * t, 4)] = {be32(font, 12 + 16 * t + 8), be32(font, 12 + 16 * t + 12)};
    return out;
}

}  // namespace

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
    const auto prepared = sample_pdf(true);
    const auto a = decoded_streams(plain);
    const auto b = decoded_streams(prepared);
    // Three content streams; for each of the four fonts shown (Liberation Sans Regular, Bold,
    // Italic; DejaVu Sans for ✓) its program and ToUnicode CMap.
    REQUIRE(a.size() == 11);
    REQUIRE(b.size() == a.size());
    for (size_t i = 0; i < a.size(); ++i) {
        INFO("stream " << i);
        CHECK(a[i] == b[i]);
    }
    int programs = 0, cmaps = 0;
    for (const auto& s : b) {
        programs += is_font_program(s);
        cmaps += is_cmap(s);
    }
    CHECK(programs == 4);
    CHECK(cmaps == 4);
    // The page left inside a text object and a saved state was closed before compressing.
    const std::string& last_page = b[2];
    CHECK(last_page.find(") Tj\012ET\012Q\012") != std::string::npos);
    CHECK(sample_pdf(true) == prepared);   // deterministic
}

TEST_CASE("each font embeds only the glyphs its pages show, as a valid TrueType program") {
    const auto streams = decoded_streams(sample_pdf(true));
    std::vector<std::string> programs;
    for (const auto& s : streams)
        if (is_font_program(s)) programs.push_back(s);
    REQUIRE(programs.size() == 4);
    // Read back by our own reader: glyph i shows the i-th character first shown in the font
    // (CID i), with the original font's advance width.
    const pdf::TrueTypeFont& sans = pdf::font_file(EP_FONT_DIR "/LiberationSans-Regular.ttf");
    const pdf::TrueTypeFont regular = pdf::TrueTypeFont::parse(programs[0], "regular subset");
    const std::u32string shown = U"Spend per head \u2013 \u00A3" "877, \u201Cquoted\u201D often ";
    std::u32string distinct;
    for (char32_t c : shown)
        if (distinct.find(c) == std::u32string::npos) distinct += c;
    CHECK(regular.mappings().size() == distinct.size());
    for (size_t i = 0; i < distinct.size(); ++i) {
        INFO("character " << i);
        CHECK(regular.glyph(distinct[i]) == i + 1);
        CHECK(regular.advance(static_cast<std::uint16_t>(i + 1)) == sans.advance(sans.glyph(distinct[i])));
    }
    // .notdef, the characters, and the glyphs accented ones are built from (none here).
    CHECK(regular.glyph_count() == distinct.size() + 1);
    CHECK(regular.glyph(U'x') == 0);
    // In the order first shown: DejaVu (✓ ends the first line), Bold "Bold words" and Italic
    // "Left open" (8 distinct characters each, the space among them).
    CHECK(pdf::TrueTypeFont::parse(programs[1], "dejavu").glyph_count() == 2);
    CHECK(pdf::TrueTypeFont::parse(programs[1], "dejavu").glyph(0x2713) == 1);
    CHECK(pdf::TrueTypeFont::parse(programs[2], "bold").glyph_count() == 9);
    CHECK(pdf::TrueTypeFont::parse(programs[3], "italic").glyph_count() == 9);
    // Every table's checksum is right, the whole font's adds up to 0xB1B0AFBA, and the post
    // table is its 32-byte header (format 3: no glyph names).
    for (const auto& font : programs) {
        const auto tables = tables_of(font);
        for (const char* tag : {"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"})
            CHECK_MESSAGE(tables.count(tag), tag);
        for (const auto& [tag, where] : tables) {
            std::string t = font.substr(where.first, where.second);
            if (tag == "head") t.replace(8, 4, std::string(4, '\0'));
            while (t.size() % 4) t += '\0';
            std::uint32_t sum = 0;
            for (size_t i = 0; i < t.size(); i += 4) sum += be32(t, i);
            const unsigned entry = 12 + 16 * static_cast<unsigned>(std::distance(tables.begin(), tables.find(tag)));
            CHECK_MESSAGE(sum == be32(font, entry + 4), tag);
        }
        std::string whole = font;
        while (whole.size() % 4) whole += '\0';
        std::uint32_t sum = 0;
        for (size_t i = 0; i < whole.size(); i += 4) sum += be32(whole, i);
        CHECK(sum == 0xB1B0AFBA);
        CHECK(tables.at("post").second == 32);
        CHECK(font.substr(tables.at("post").first, 4) == std::string("\0\3\0\0", 4));
    }
    // A glyph built from others (é from e and the acute accent) brings its parts, renumbered.
    std::vector<std::uint16_t> glyphs = {0, sans.glyph(U'\u00E9')};
    std::vector<char32_t> cps = {0, U'\u00E9'};
    const std::string with_parts = sans.subset(glyphs, cps);
    CHECK(glyphs.size() == 4);   // .notdef, é, e, acute
    CHECK(glyphs[2] == sans.glyph(U'e'));
    const pdf::TrueTypeFont parsed = pdf::TrueTypeFont::parse(with_parts, "é");
    CHECK(parsed.glyph(U'\u00E9') == 1);
    CHECK(parsed.glyph_count() == 4);
}

TEST_CASE("ToUnicode CMaps: bfchar and bfrange, at most 100 entries a block, surrogates beyond the BMP") {
    // CIDs 1-150 show consecutive characters (a range, split where the code's first byte or the
    // character's last byte would change), 200-349 scattered ones (bfchar, in blocks of 100).
    std::vector<std::pair<std::uint16_t, char32_t>> entries;
    for (std::uint16_t c = 1; c <= 150; ++c) entries.emplace_back(c, U'\u00E0' + c);
    for (std::uint16_t c = 200; c < 350; ++c) entries.emplace_back(c, 0x3000 + 7u * c);
    entries.emplace_back(400, 0x1D53C);   // 𝔼
    entries.emplace_back(401, 0xFEFF);    // never a value (PDF/UA-1 7.21.7)
    const std::string cmap = pdf::to_unicode_cmap(entries);
    CHECK(cmap.find("<0190> <D835DD3C>") != std::string::npos);
    CHECK(cmap.find("<0191>") == std::string::npos);
    // Ranges: CIDs 1-31 (U+00E1-00FF), 32-150 (U+0100-0176): the destination's last byte wraps at 00FF.
    CHECK(cmap.find("<0001> <001F> <00E1>") != std::string::npos);
    CHECK(cmap.find("<0020> <0096> <0100>") != std::string::npos);
    // Every block's count is its number of entries, at most 100.
    const std::regex block(R"((\d+) begin(bfchar|bfrange)\n([\s\S]*?)end\2)");
    int chars = 0, blocks = 0;
    for (std::sregex_iterator it(cmap.begin(), cmap.end(), block), end; it != end; ++it) {
        ++blocks;
        const int n = std::stoi((*it)[1]);
        const std::string body = (*it)[3];
        const int lines = static_cast<int>(std::count(body.begin(), body.end(), '\n'));
        CHECK(n == lines);
        CHECK(n <= 100);
        if ((*it)[2] == "bfchar") chars += n;
    }
    CHECK(chars == 151);   // 150 scattered + 𝔼
    CHECK(blocks == 3);    // 100 + 51 bfchar, 2 bfrange
    CHECK(cmap.find("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange") != std::string::npos);
}

TEST_CASE("a font file that is not a usable TrueType font is an error naming it") {
    const std::string sans = pdf::font_file(EP_FONT_DIR "/LiberationSans-Regular.ttf").path();
    for (const std::string& bytes : {std::string("not a font"), std::string("OTTO") + std::string(60, '\0'), std::string()}) {
        try {
            pdf::TrueTypeFont::parse(bytes, "fonts/Broken.ttf");
            FAIL("no error");
        } catch (const ep::Error& e) {
            CHECK(e.where().file == "fonts/Broken.ttf");
            CHECK(e.message().find("cannot use this font file") == 0);
        }
    }
    try {
        pdf::font_file("/nonexistent/DejaVuSans.ttf");
        FAIL("no error");
    } catch (const ep::Error& e) {
        CHECK(std::string(e.what()) == "/nonexistent/DejaVuSans.ttf: error: font file not found (apt-get install fonts-dejavu-core)");
    }
    CHECK(sans == EP_FONT_DIR "/LiberationSans-Regular.ttf");
}

TEST_CASE("line breaking remembered within a layout gives what break_lines gives") {
    const auto fonts = pdf::FontSet::load();
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
