// Kerning and justified text in the PDF: the fonts' kern tables are read, the layout measures
// with them, the written file draws exactly what was measured (checked through poppler's own
// glyph positions), and text extraction still finds every word intact.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "core/diagnostics.h"
#include "model/document.h"
#include "pdf/fonts.h"
#include "pdf/hpdf_doc.h"
#include "pdf/truetype.h"
#include "pdf_content.h"
#include "pdf/layout.h"
#include "pdf/pdf_writer.h"
#include "pdf/style.h"
#include "pdf/text_layout.h"
#include "pipeline/layouts.h"

namespace fs = std::filesystem;
using namespace ep;
using namespace ep::model;

namespace {

const std::string font_dir = EP_FONT_DIR;
std::string font_file(const std::string& name) { return (fs::path(font_dir) / name).string(); }

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string run(const std::string& cmd) {
    std::array<char, 4096> buf{};
    std::string out;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    REQUIRE(pipe);
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0) out.append(buf.data(), n);
    return out;
}

fs::path test_dir() {
    fs::path dir = fs::temp_directory_path() / ("ep_kern_test_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir;
}

Run text(const std::string& s) { Run r; r.text = s; return r; }
Run bold(const std::string& s) { Run r = text(s); r.bold = true; return r; }
Run italic(const std::string& s) { Run r = text(s); r.italic = true; return r; }
Run link(const std::string& s, const std::string& url) { Run r = text(s); r.link = url; return r; }

Block para(Runs runs) { return ep::model::paragraph_block(std::move(runs)); }

// Prose full of kerned pairs (AV, Wa, To, Ty, Yo, LT, r., y, …), in several styles, so that
// lines end in every kind of fragment.
const char* kerned_prose =
    "AVAILABLE Wave Toyota figures show that Yorkshire's LTA Travel Team and Your Voice Tyres worked "
    "with every Avon Valley authority. Today, Wakefield and Torbay report very early savings; "
    "Ty Newydd, Yeovil and Warwick follow. ";

Document kerned_document() {
    Document d;
    d.meta.title = "AVAILABLE Wave Toyota";
    d.meta.date = "2010-02-19";
    d.meta.area = "Avon Valley";
    Section s;
    s.slug = "travel";
    s.title = "Travel and Way-finding";
    s.short_title = "Travel";
    s.number = "1";
    Block h;
    h.kind = BlockKind::Heading;
    h.level = 1;
    h.number = "1";
    h.anchor = "travel";
    h.runs = {text("Travel and Way-finding: AVAILABLE Wave Toyota")};
    s.blocks.push_back(h);
    for (int i = 0; i < 4; ++i) {
        std::string prose;
        for (int k = 0; k <= i; ++k) prose += kerned_prose;
        s.blocks.push_back(para({text(prose), bold("AWAY Tavern Yard"), text(" and "), italic("Vayu Towers"),
                                 text(" with "), link("Vale of York", "https://www.example.org/vale"),
                                 text(" close the year at Wyvern Lodge today.")}));
    }
    Block list;
    list.kind = BlockKind::List;
    for (int i = 0; i < 2; ++i) {
        ListItem it;
        it.blocks.push_back(para({text(std::string(kerned_prose) + kerned_prose)}));
        list.items.push_back(std::move(it));
    }
    s.blocks.push_back(list);
    Table t;
    t.id = "table-1";
    t.number = 1;
    t.caption = "AVAILABLE Wave Toyota places by year, with a caption long enough to wrap onto a second line";
    auto cell = [](const std::string& v, bool header = false) {
        TableCell c;
        c.runs = {text(v)};
        c.header = header;
        return c;
    };
    t.head.push_back({cell("Place", true), cell("Total", true)});
    t.align = {Align::Left, Align::Right};
    t.body.push_back({cell("Avon Valley and Wyvern Lodge, a long cell that wraps in its narrow column"), cell("1,111")});
    t.body.push_back({cell("Yeovil"), cell("2,222")});
    Block tb;
    tb.kind = BlockKind::Table;
    tb.table = std::move(t);
    s.blocks.push_back(tb);
    d.sections = {s};
    return d;
}

pdf::PdfOptions options(bool justify) {
    pdf::PdfOptions o;
    o.timestamp = 1266580800;
    o.design.justify = justify;
    return o;
}

bool body_role(pdf::Role r) { return r == pdf::Role::Paragraph || r == pdf::Role::ListBody || r == pdf::Role::Quote; }

// One line of body text as laid out: where it ends, and whether it is its paragraph's last.
struct LaidLine {
    int page = 0;
    float baseline = 0;
    float right = 0;        // end of its last piece (x + width), on the baseline
    float column_right = 0;
    bool last = false;
};

std::vector<LaidLine> body_lines(const pdf::Layout& layout) {
    std::vector<LaidLine> out;
    std::map<int, size_t> last_of_block;   // block id -> index in out of its latest line
    for (size_t p = 0; p < layout.pages.size(); ++p)
        for (const pdf::Box& box : layout.pages[p].boxes) {
            if (!body_role(box.role)) continue;
            std::map<float, float, std::greater<float>> ends;   // baseline -> right end, top down
            for (const pdf::TextPiece& t : box.text)
                if (!t.text.empty()) {
                    float& e = ends[t.baseline];
                    e = std::max(e, t.x + t.width);
                }
            for (const auto& [baseline, right] : ends) {
                last_of_block[box.block_id] = out.size();
                out.push_back({static_cast<int>(p), baseline, right, box.rect.right(), false});
            }
        }
    for (const auto& [block, i] : last_of_block) out[i].last = true;
    return out;
}

struct PopplerWord {
    int page = 0;
    float x_min = 0, x_max = 0, y_min = 0, y_max = 0;   // top-down, as pdftotext -bbox gives them
    std::string text;
};

std::vector<PopplerWord> poppler_words(const fs::path& pdf) {
    const std::string xml = run("pdftotext -bbox '" + pdf.string() + "' -");
    std::vector<PopplerWord> out;
    int page = -1;
    std::istringstream in(xml);
    std::string line;
    const std::regex word_re(R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
    std::smatch m;
    while (std::getline(in, line)) {
        if (line.find("<page ") != std::string::npos) ++page;
        if (std::regex_search(line, m, word_re))
            out.push_back({page, std::stof(m[1]), std::stof(m[3]), std::stof(m[2]), std::stof(m[4]), m[5]});
    }
    return out;
}

std::string squeeze(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

}  // namespace

TEST_CASE("kerning: the kern table of Liberation Sans is read, by glyph, for every character") {
    const pdf::TrueTypeFont& regular = pdf::font_file(font_file("LiberationSans-Regular.ttf"));
    CHECK(regular.kern_pair_count() > 50);
    auto pair = [&](char32_t l, char32_t r) { return regular.kern(regular.glyph(l), regular.glyph(r)); };
    // 'A' 'V' is -152 font units of 2048 in Liberation Sans: -74 thousandths of an em.
    CHECK(pair('A', 'V') == -74);
    CHECK(pair('V', 'A') == -74);
    CHECK(pair('T', 'o') < 0);
    CHECK(pair('W', 'a') < 0);
    CHECK(pair('a', 'b') == 0);
    CHECK(pair('r', U'\u2019') > 0);   // r’ opens up
    const auto fonts = pdf::FontSet::load();
    using pdf::Face;
    CHECK(fonts.kern_units(Face::Regular, 'A', 'V') == -74);
    CHECK(fonts.kern_units(Face::Regular, 'r', U'\u2019') == pair('r', U'\u2019'));
    // The font kerns "A " and "11", but spaces and figures are never kerned.
    CHECK(pair('A', ' ') != 0);
    CHECK(pair('1', '1') != 0);
    CHECK(fonts.kern_units(Face::Regular, 'A', ' ') == 0);
    CHECK(fonts.kern_units(Face::Regular, ' ', 'A') == 0);
    CHECK(fonts.kern_units(Face::Regular, 'A', U'\u00A0') == 0);
    CHECK(fonts.kern_units(Face::Regular, '1', '1') == 0);
    // Each face has its own table.
    CHECK(fonts.kern_units(Face::Bold, 'T', 'o') != fonts.kern_units(Face::Regular, 'T', 'o'));
    // Glyphs with no CP1252 byte are kerned as the font says: Greek "Ύα" (-186 units of 2048).
    CHECK(fonts.kern_units(Face::Regular, U'\u038E', U'\u03B1') == -91);
    // Neither between two fonts of the chain (✓ is DejaVu's).
    CHECK(fonts.kern_units(Face::Regular, 'A', U'\u2713') == 0);

    // The same object for every caller, however many threads ask at once.
    const std::string italic = font_file("LiberationSans-Italic.ttf");
    std::vector<const pdf::TrueTypeFont*> seen(8, nullptr);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < seen.size(); ++i)
        threads.emplace_back([&seen, &italic, i] { seen[i] = &pdf::font_file(italic); });
    for (auto& t : threads) t.join();
    for (const auto* k : seen) CHECK(k == seen[0]);
    CHECK(seen[0]->kern(seen[0]->glyph('A'), seen[0]->glyph('V')) < 0);
}

TEST_CASE("kerning: fonts without a usable kern table have none; damaged files are errors") {
    // Liberation Mono has no 'kern' table.
    CHECK(pdf::TrueTypeFont::parse(read_bytes(font_file("LiberationMono-Regular.ttf")), "mono").kern_pair_count() == 0);
    // A kern subtable claiming more pairs than it holds is not used.
    const std::string sans = read_bytes(font_file("LiberationSans-Regular.ttf"));
    const size_t dir = sans.find("kern");
    REQUIRE(dir != std::string::npos);
    auto u32 = [&](size_t at) {
        return (static_cast<size_t>(static_cast<unsigned char>(sans[at])) << 24) |
               (static_cast<size_t>(static_cast<unsigned char>(sans[at + 1])) << 16) |
               (static_cast<size_t>(static_cast<unsigned char>(sans[at + 2])) << 8) |
               static_cast<size_t>(static_cast<unsigned char>(sans[at + 3]));
    };
    const size_t kern_at = u32(dir + 8), kern_len = u32(dir + 12);
    REQUIRE(kern_at + kern_len <= sans.size());
    std::string lying = sans;
    lying[kern_at + 10] = '\xFF';   // the first subtable's nPairs
    lying[kern_at + 11] = '\xFF';
    CHECK(pdf::TrueTypeFont::parse(lying, "lying").kern_pair_count() == 0);
    CHECK(pdf::TrueTypeFont::parse(sans, "sans").kern_pair_count() ==
          pdf::font_file(font_file("LiberationSans-Regular.ttf")).kern_pair_count());
    // Cut short (in the table directory, or inside the tables): an error naming the file,
    // never a read past the end.
    for (size_t cut : {size_t{0}, size_t{11}, size_t{200}, kern_at + kern_len / 2}) {
        INFO("cut at " << cut);
        CHECK_THROWS_AS(pdf::TrueTypeFont::parse(sans.substr(0, cut), "cut.ttf"), ep::Error);
    }
}

TEST_CASE("kerning: widths include the pairs, the monospaced face is not kerned") {
    const auto fonts = pdf::FontSet::load();
    using pdf::Face;
    const float av = fonts.width(Face::Regular, 10, "AV");
    CHECK(av < fonts.width(Face::Regular, 10, "A") + fonts.width(Face::Regular, 10, "V"));
    CHECK(av == doctest::Approx(fonts.width(Face::Regular, 10, "A") + fonts.width(Face::Regular, 10, "V") - 0.74));
    CHECK(fonts.kern(Face::Regular, 10, 'A', 'V') == doctest::Approx(-0.74));
    CHECK(fonts.width(Face::Mono, 10, "AV") == doctest::Approx(fonts.width(Face::Mono, 10, "A") * 2));
    CHECK(fonts.kern_units(Face::Mono, 'A', 'V') == 0);
}

TEST_CASE("kerning: break_lines measures every fragment as drawn and never overflows the column") {
    const auto fonts = pdf::FontSet::load();
    const Runs runs{text(std::string(kerned_prose) + kerned_prose), bold("AWAY Tavern"), text(" "),
                    italic("Vayu Towers"), text(" WAVYAVATARTOYOTAWAVYAVATARTOYOTAWAVYAVATARTOYOTAWAVY end.")};
    int lines_seen = 0;
    for (float width = 60; width <= 420; width += 11.5f) {
        const auto lines = pdf::break_lines(runs, pdf::TextStyle{}, width, fonts);
        for (const auto& l : lines) {
            ++lines_seen;
            INFO("width " << width);
            CHECK(l.width <= width + 0.01f);
            float end = 0;
            for (const auto& f : l.fragments) {
                INFO("'" << f.text << "'");
                CHECK(f.width == doctest::Approx(fonts.width(f.attrs.face, f.attrs.size, f.text)).epsilon(1e-5));
                end = std::max(end, f.x + f.width);
            }
            CHECK(end == doctest::Approx(l.width).epsilon(1e-5));
        }
    }
    CHECK(lines_seen > 100);

    // Kerning makes text narrower: the same words fit in fewer or as many lines.
    const auto kerned = pdf::break_lines({text("AVAILABLE AVAILABLE AVAILABLE AVAILABLE")}, pdf::TextStyle{}, 1000, fonts);
    REQUIRE(kerned.size() == 1);
    float unkerned = 0;
    for (char c : std::string("AVAILABLE AVAILABLE AVAILABLE AVAILABLE"))
        unkerned += fonts.char_width(pdf::Face::Regular, pdf::style::body_size, static_cast<char32_t>(c));
    CHECK(kerned[0].width == doctest::Approx(unkerned - 8 * 74 * pdf::style::body_size / 1000));
}

TEST_CASE("justified text: body lines but the last end exactly at the margin; ragged ones do not") {
    const auto fonts = pdf::FontSet::load();
    const Document d = kerned_document();

    const pdf::Layout justified = pdf::lay_out_document(d, fonts, options(true).design);
    const auto jl = body_lines(justified);
    int full = 0;
    int lasts = 0;
    for (const auto& l : jl) {
        INFO("page " << l.page << " baseline " << l.baseline);
        if (l.last) {
            ++lasts;
            CHECK(l.right < l.column_right - 0.01f);
        } else {
            ++full;
            CHECK(std::abs(l.right - l.column_right) <= 0.01f);
        }
    }
    CHECK(full >= 20);
    CHECK(lasts == 6);   // four paragraphs and two list items

    const pdf::Layout ragged = pdf::lay_out_document(d, fonts, options(false).design);
    const auto rl = body_lines(ragged);
    CHECK(rl.size() == jl.size());   // justifying never changes where lines break
    for (const auto& l : rl) {
        CHECK(l.right <= l.column_right + 0.01f);
        CHECK(l.right < l.column_right - 0.01f);
    }

    // Only body text is stretched, and a piece's width is its kerned text plus its widened spaces.
    int stretched = 0;
    for (const auto& page : justified.pages)
        for (const auto& box : page.boxes)
            for (const auto& t : box.text) {
                if (t.text.empty()) continue;
                INFO(pdf::role_name(box.role) << " '" << t.text << "'");
                if (!body_role(box.role)) CHECK(t.word_spacing == 0);
                if (t.word_spacing > 0) ++stretched;
                const auto spaces = static_cast<float>(std::count(t.text.begin(), t.text.end(), ' '));
                CHECK(t.width == doctest::Approx(fonts.width(t.face, t.size, t.text) + spaces * t.word_spacing).epsilon(1e-5));
            }
    CHECK(stretched >= 20);
}

TEST_CASE("justified text: a line with too few spaces for the gap stays ragged") {
    const auto fonts = pdf::FontSet::load();
    auto lines = pdf::break_lines({text("Two words Averyveryverylongwordthatwillnotfitonthelineabove end")}, pdf::TextStyle{},
                                  300, fonts);
    REQUIRE(lines.size() >= 2);
    const float before = lines[0].width;
    CHECK_FALSE(pdf::justify_line(lines[0], 300, pdf::style::justify_max_stretch * pdf::style::body_size));
    CHECK(lines[0].width == before);
    for (const auto& f : lines[0].fragments) CHECK(f.word_spacing == 0);
    // With no limit it would stretch; one word alone never can.
    CHECK(pdf::justify_line(lines[0], 300, 1000));
    CHECK(lines[0].width == 300);
    auto one = pdf::break_lines({text("Alone")}, pdf::TextStyle{}, 300, fonts);
    CHECK_FALSE(pdf::justify_line(one[0], 300, 1000));
}

TEST_CASE("kerning and justification: the PDF draws what was measured and extracts cleanly") {
    const Document d = kerned_document();
    const auto fonts = pdf::FontSet::load();
    for (bool justify : {false, true}) {
        const std::string mode = justify ? "justified" : "ragged";
        INFO(mode);
        const fs::path path = test_dir() / (justify ? "justified.pdf" : "ragged.pdf");
        pdf::write_pdf(d, options(justify), path.string());

        // Text extraction: every kerned word intact, single spaces between words.
        const std::string all = squeeze(run("pdftotext -enc UTF-8 '" + path.string() + "' -"));
        CHECK(all.find("AVAILABLE Wave Toyota figures show that Yorkshire's LTA Travel Team and Your Voice Tyres") !=
              std::string::npos);
        CHECK(all.find("AWAY Tavern Yard and Vayu Towers with Vale of York close the year at Wyvern Lodge today.") !=
              std::string::npos);
        CHECK(all.find("Travel and Way-finding: AVAILABLE Wave Toyota") != std::string::npos);
        CHECK(all.find("AVAI LABLE") == std::string::npos);
        CHECK(all.find("Toy ota") == std::string::npos);

        // The content stream holds the kerning as TJ arrays ("AV" and "VA" are -74/1000 em:
        // [(A) 74 (V) 74 (AILABLE W) 37 (ave T) 111 (oyota ...)] TJ, two bytes a glyph), and
        // justified text its widened spaces (a fraction of an em after a space glyph).
        const fs::path qdf = test_dir() / "qdf.pdf";
        run("qpdf --qdf --object-streams=disable '" + path.string() + "' '" + qdf.string() + "'");
        const auto shows = ep_test::text_shows(read_bytes(qdf));
        bool kerned = false, widened = false;
        for (const auto& show : shows) {
            const std::vector<size_t> glyphs(show.glyphs.begin(), show.glyphs.begin() + std::min<size_t>(4, show.glyphs.size()));
            const std::vector<double> adj(show.adjustments.begin(),
                                          show.adjustments.begin() + std::min<size_t>(4, show.adjustments.size()));
            kerned = kerned || (glyphs == std::vector<size_t>{1, 1, 9, 5} && adj == std::vector<double>{74, 74, 37, 111});
            for (double a : show.adjustments) widened = widened || a != std::floor(a);
        }
        CHECK(kerned);
        CHECK(widened == justify);

        // Poppler's own glyph positions: on every line of body text the last word ends where the
        // layout measured the line to end (kerning and word spacing drawn as measured), which
        // for justified lines is the right margin.
        const pdf::Layout layout = pdf::lay_out_document(d, fonts, options(justify).design);
        const auto words = poppler_words(path);
        int matched = 0;
        for (const auto& l : body_lines(layout)) {
            const float y = pdf::style::page_height - l.baseline;   // top-down, as poppler
            float x_max = -1;
            for (const auto& w : words)
                if (w.page == l.page && w.y_min < y && w.y_max > y) x_max = std::max(x_max, w.x_max);
            INFO("page " << l.page << " baseline " << l.baseline);
            CHECK(std::abs(x_max - l.right) < 0.05f);
            if (justify && !l.last) CHECK(std::abs(x_max - pdf::style::text_right) < 0.05f);
            ++matched;
        }
        CHECK(matched >= 25);

        // Deterministic: the same bytes again.
        const fs::path again = test_dir() / "again.pdf";
        pdf::write_pdf(d, options(justify), again.string());
        CHECK(read_bytes(again) == read_bytes(path));
    }
}

TEST_CASE("justified text: the tagged structure is unchanged and every word is in it") {
    const Document d = kerned_document();
    const fs::path ragged = test_dir() / "struct-ragged.pdf";
    const fs::path justified = test_dir() / "struct-justified.pdf";
    pdf::write_pdf(d, options(false), ragged.string());
    pdf::write_pdf(d, options(true), justified.string());
    const std::string a = run("pdfinfo -struct-text '" + ragged.string() + "'");
    const std::string b = run("pdfinfo -struct-text '" + justified.string() + "'");
    CHECK(a.find("AVAILABLE Wave Toyota") != std::string::npos);
    CHECK(squeeze(a) == squeeze(b));
}

TEST_CASE("justified text: templates/<type>/pdf.csv key text = ragged | justified") {
    const fs::path root = test_dir() / "layout-root";
    fs::create_directories(root / "templates" / "committee-report");
    auto write = [&](const std::string& csv) {
        std::ofstream f(root / "templates" / "committee-report" / "pdf.csv");
        f << csv;
    };
    write("key,value\ntext,justified\n");
    Diagnostics d;
    CHECK(pipeline::document_layout(root, "committee-report", d).pdf.justify);
    CHECK_FALSE(d.has_errors());

    write("key,value\ntext,ragged\n");
    Diagnostics d2;
    CHECK_FALSE(pipeline::document_layout(root, "committee-report", d2).pdf.justify);
    CHECK_FALSE(d2.has_errors());

    write("key,value\ncover,none\ntext,centred\n");
    Diagnostics d3;
    pipeline::document_layout(root, "committee-report", d3);
    REQUIRE(d3.error_count() == 1);
    CHECK(to_string(d3.items()[0]) ==
          "templates/committee-report/pdf.csv:3:6: error: 'centred' is not a value of 'text' (use ragged or justified)");

    // The shipped committee report type is justified; the evidence pack is not.
    Diagnostics d4;
    CHECK(pipeline::document_layout(EP_SOURCE_DIR, "committee-report", d4).pdf.justify);
    CHECK_FALSE(pipeline::document_layout(EP_SOURCE_DIR, "evidence-pack", d4).pdf.justify);
    CHECK_FALSE(d4.has_errors());
    fs::remove_all(root);
}
