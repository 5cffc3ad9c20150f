// The PDF writer, checked on a hand-built document: layout geometry directly, and the
// written file through poppler (pdftotext, pdffonts) and qpdf.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/text.h"
#include "model/document.h"
#include "charts/chart.h"
#include "pdf/fonts.h"
#include "pdf/hpdf_doc.h"
#include "pdf/layout.h"
#include "pdf/pdf_writer.h"
#include "pdf/style.h"
#include "pdf/text_layout.h"

namespace fs = std::filesystem;
using namespace ep;
using namespace ep::model;

namespace {

Run text(const std::string& s) { Run r; r.text = s; return r; }
Run bold(const std::string& s) { Run r = text(s); r.bold = true; return r; }
Run italic(const std::string& s) { Run r = text(s); r.italic = true; return r; }
Run link(const std::string& s, const std::string& url) { Run r = text(s); r.link = url; return r; }
Run note(int n) { Run r = text(std::to_string(n)); r.footnote = n; return r; }

Block heading(int level, const std::string& number, const std::string& title, const std::string& anchor) {
    Block b;
    b.kind = BlockKind::Heading;
    b.level = level;
    b.number = number;
    b.anchor = anchor;
    b.runs = {text(title)};
    return b;
}

Block para(Runs runs) { return ep::model::paragraph_block(std::move(runs)); }

const char* lorem =
    "Councils in the sub-region spend a large share of their budgets on a small number of statutory services, "
    "and the pattern of that spending has changed markedly over the last five years. This paragraph is long "
    "enough to wrap over several lines, so that the line breaker, the leading and the page breaks can all be "
    "seen working on ordinary prose of the kind a committee paper contains. ";

Block long_para(const std::string& lead, int repeat = 1) {
    std::string s = lead + " ";
    for (int i = 0; i < repeat; ++i) s += lorem;
    return para({text(s)});
}

Block list_block(bool ordered, std::vector<std::string> items, std::optional<Block> nested = std::nullopt) {
    Block b;
    b.kind = BlockKind::List;
    b.ordered = ordered;
    for (auto& s : items) {
        ListItem it;
        it.blocks.push_back(para({text(s)}));
        b.items.push_back(std::move(it));
    }
    if (nested) b.items.front().blocks.push_back(*nested);
    return b;
}

Block big_table() {
    Table t;
    t.id = "table-1";
    t.number = 1;
    t.caption = "Net current expenditure per head by authority, 2008-09 (£)";
    auto cell = [](const std::string& s, bool header = false) { TableCell c; c.runs = {text(s)}; c.header = header; return c; };
    t.head.push_back({cell("Local authority", true), cell("Service area", true), cell("2007-08", true),
                      cell("2008-09", true), cell("Change (%)", true)});
    t.align = {Align::Left, Align::Left, Align::Right, Align::Right, Align::Right};
    const char* groups[] = {"Coventry", "Solihull", "Warwickshire"};
    for (int i = 0; i < 60; ++i) {
        std::vector<TableCell> row{cell("Authority " + std::to_string(i + 1), true),
                                   cell(i % 7 == 0 ? "Adult social care and support for older people living at home"
                                                   : "Education"),
                                   cell("£" + std::to_string(800 + i * 3)), cell("£" + std::to_string(820 + i * 3)),
                                   cell(std::to_string(i % 9) + ".4")};
        if (i % 13 == 5) {
            row[3] = cell("N/A");
            row[3].missing = true;
        }
        t.body.push_back(std::move(row));
        t.group_of_row.push_back(groups[i / 20]);
    }
    t.source = {text("Source: CIPFA Finance and General Statistics 2008-09"), note(2)};
    Block b;
    b.kind = BlockKind::Table;
    b.table = std::move(t);
    return b;
}

Block figure_block() {
    Figure f;
    f.id = "figure-1";
    f.number = 1;
    f.title = "Spend per head on adult social care, 2008-09";
    f.summary = "Spend per head was highest in Coventry (£877) and lowest in Solihull (£702).";
    f.chart.type = ChartType::Bar;
    f.chart.categories = {"Coventry", "Solihull", "Warwickshire", "England"};
    f.chart.series = {{"Spend", {{877, "£877"}, {702, "£702"}, {755, "£755"}, {790, "£790"}}}};
    f.chart.unit = "money";
    f.source = {text("Source: CIPFA")};
    Block b;
    b.kind = BlockKind::Figure;
    b.figure = std::move(f);
    return b;
}

Document sample_document() {
    Document d;
    d.meta.title = "Cost, Performance and Outcomes";
    d.meta.subtitle = "An evidence pack for the joint scrutiny committee";
    d.meta.area = "Coventry, Solihull and Warwickshire";
    d.meta.date = "2010-02-19";
    d.meta.version = "1.2";
    d.meta.author = "Sub-regional Research Unit";
    d.meta.subject = "Public spending evidence – £ per head";
    d.meta.keywords = "spending, outcomes, scrutiny";
    d.key_figures = {{"Public sector spend in the sub-region", "£6.2 billion"},
                     {"Spend per head, adult social care", "£877"},
                     {"Residents", "1.6 million"}};
    d.footnotes = {{1, "fn-1", {text("Footnote one: figures are in cash terms – not adjusted for inflation. See "),
                                link("the ONS deflators", "https://www.ons.gov.uk/deflators"), text(".")}},
                   {2, "fn-2", {text("Footnote two: CIPFA’s returns for 2008-09 were revised in 2010.")}}};

    Section s1;
    s1.slug = "introduction";
    s1.title = "Introduction";
    s1.short_title = "Introduction";
    s1.number = "1";
    s1.blocks.push_back(heading(1, "1", "Introduction", "introduction"));
    s1.blocks.push_back(long_para("Opening words of the introduction.", 2));
    s1.blocks.push_back(heading(2, "1.1", "Purpose of this pack", "purpose"));
    s1.blocks.push_back(para({text("Spend was £877 per head – a ‘typical’ figure, “quoted” often. It is "),
                              bold("much higher"), text(" than the "), italic("national average"),
                              text(" reported by "), link("the ONS", "https://www.ons.gov.uk/"),
                              text(" and discussed in "), link("section 2", "#spending"), text("."), note(1),
                              text(" The sentence with the first mark ends here.")}));
    s1.blocks.push_back(list_block(false, {"First point about spending, long enough to wrap onto a second line so "
                                           "that the hanging indent of the bullet can be seen clearly.",
                                           "Second point.", "Third point."},
                                   list_block(false, {"A nested point.", "Another nested point."})));
    s1.blocks.push_back(list_block(true, {"Numbered one.", "Numbered two.", "Numbered three."}));
    Block q;
    q.kind = BlockKind::Quote;
    q.children.push_back(para({text("A quotation from a witness, set apart from the narrative so that it reads as "
                                     "evidence rather than the authors’ own view of the matter.")}));
    s1.blocks.push_back(q);
    s1.blocks.push_back(heading(3, "1.1.1", "Scope", "scope"));
    s1.blocks.push_back(para({text("Averyveryveryverylongwordthatcannotpossiblyfitononelinewithoutbeingbrokenbetween"
                                   "itscharactersbecauseitgoesonandonandonandonwithoutanyspacesatall end.")}));

    Section s2;
    s2.slug = "spending";
    s2.title = "Spending";
    s2.short_title = "Spending";
    s2.number = "2";
    s2.blocks.push_back(heading(1, "2", "Spending", "spending"));
    s2.blocks.push_back(long_para("How the money is spent.", 1));
    s2.blocks.push_back(heading(2, "2.1", "Spend by service", "spend-by-service"));
    s2.blocks.push_back(big_table());
    s2.blocks.push_back(heading(2, "2.2", "Adult social care", "adult-social-care"));
    s2.blocks.push_back(long_para("Adult social care takes the largest share.", 1));
    s2.blocks.push_back(figure_block());
    s2.blocks.push_back(long_para("After the figure.", 2));

    Section s3;
    s3.slug = "outcomes";
    s3.title = "Outcomes";
    s3.short_title = "Outcomes";
    s3.number = "3";
    s3.blocks.push_back(heading(1, "3", "Outcomes", "outcomes"));
    for (int i = 1; i <= 6; ++i) {
        s3.blocks.push_back(heading(2, "3." + std::to_string(i), "Outcome area " + std::to_string(i),
                                    "outcome-" + std::to_string(i)));
        s3.blocks.push_back(long_para("Outcome area " + std::to_string(i) + " narrative.", 3));
        s3.blocks.push_back(heading(3, "3." + std::to_string(i) + ".1", "Detail " + std::to_string(i),
                                    "detail-" + std::to_string(i)));
        s3.blocks.push_back(long_para("Detail paragraph.", 2));
    }
    d.sections = {s1, s2, s3};
    return d;
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

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

fs::path test_dir() {
    fs::path dir = fs::temp_directory_path() / "ep_pdf_test";
    fs::create_directories(dir);
    return dir;
}

pdf::PdfOptions options() {
    pdf::PdfOptions o;
    o.timestamp = 1266580800;   // 2010-02-19 12:00 UTC
    return o;
}

// pdftotext output split into pages (form feeds).
std::vector<std::string> pages_of(const fs::path& pdf) {
    const std::string all = run("pdftotext -layout -enc UTF-8 '" + pdf.string() + "' -");
    std::vector<std::string> pages;
    std::string cur;
    for (char c : all) {
        if (c == '\f') {
            pages.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) pages.push_back(cur);
    return pages;
}

int page_with(const std::vector<std::string>& pages, const std::string& needle, int from = 0) {
    for (int i = from; i < static_cast<int>(pages.size()); ++i)
        if (pages[static_cast<size_t>(i)].find(needle) != std::string::npos) return i + 1;
    return 0;
}

struct Written {
    fs::path path;
    pdf::PdfStats stats;
};

const Written& written_sample() {
    static Written w = [] {
        Written r;
        r.path = test_dir() / "sample.pdf";
        r.stats = pdf::write_pdf(sample_document(), options(), r.path.string());
        return r;
    }();
    return w;
}

}  // namespace

TEST_CASE("line breaking measures with the fonts' advance widths and never exceeds the width") {
    const auto fonts = pdf::FontSet::load();
    // Liberation Sans has Arial's widths, in thousandths of an em truncated as libharu computed
    // them (so the layout is what it was): S 1366/2048 = 666, £ 556, space 569/2048 = 277.
    CHECK(fonts.width(pdf::Face::Regular, 10, "S") == doctest::Approx(6.66));
    CHECK(fonts.width(pdf::Face::Regular, 10, "\u00A3") == doctest::Approx(5.56));
    CHECK(fonts.width(pdf::Face::Regular, 10, " ") == doctest::Approx(2.77));
    // Characters outside Windows-1252 measure as themselves (ŵ is w's width), not as "?" (556).
    CHECK(fonts.width(pdf::Face::Regular, 10, "\u0175") == doctest::Approx(fonts.width(pdf::Face::Regular, 10, "w")));
    CHECK(fonts.width(pdf::Face::Regular, 10, "\u0175") == doctest::Approx(7.22));
    CHECK(fonts.width(pdf::Face::Bold, 10, "Spend was \u00A3" "877") ==
          doctest::Approx(fonts.width(pdf::Face::Bold, 10, "Spend was ") + fonts.width(pdf::Face::Bold, 10, "\u00A3" "877")));

    Runs runs{text(std::string(lorem) + "Supercalifragilisticexpialidocioussupercalifragilisticexpialidocious")};
    const auto lines = pdf::break_lines(runs, pdf::TextStyle{}, 120, fonts);
    CHECK(lines.size() > 5);
    for (const auto& l : lines) CHECK(l.width <= 120.01f);
}

TEST_CASE("a word too long for its line is cut between characters, never inside one's UTF-8 bytes") {
    const auto fonts = pdf::FontSet::load();
    const std::string word = "Llanfair\u0175\u0177\u0174\u0176\u03B1\u03B2\u03BC\u03C3\u2713\U0001D53C"
                             "\u0175\u0177\u0174\u0176\u03B1\u03B2\u03BC\u03C3\u2713\U0001D53Cgwyngyll";
    for (float width : {20.0f, 33.3f, 47.0f}) {
        INFO("width " << width);
        const auto lines = pdf::break_lines({text(word)}, pdf::TextStyle{}, width, fonts);
        REQUIRE(lines.size() > 2);
        std::string joined;
        for (const auto& l : lines)
            for (const auto& f : l.fragments) {
                CHECK(ep::valid_utf8(f.text));
                CHECK(f.width == doctest::Approx(fonts.width(f.attrs.face, f.attrs.size, f.text)).epsilon(1e-5));
                joined += f.text;
            }
        CHECK(joined == word);
    }
}

TEST_CASE("a line wrapped at a word space keeps that space for the paint pass, a broken word does not") {
    const auto fonts = pdf::FontSet::load();
    const std::string source = std::string(lorem) + "Supercalifragilisticexpialidocioussupercalifragilistic end ";
    auto lines = pdf::break_lines({text(source), bold("Bold"), text(" and plain text to close the paragraph.")},
                                  pdf::TextStyle{}, 120, fonts);
    pdf::justify_paragraph(lines, 120, pdf::style::body_size);   // Tw must not count the space
    REQUIRE(lines.size() > 6);
    const std::string all = source + "Bold and plain text to close the paragraph.";
    size_t at = 0;   // where the next line's text starts in `all`
    int soft = 0, broken = 0;
    pdf::Box box;
    for (const auto& l : lines) {
        std::string shown;
        for (const auto& f : l.fragments) shown += (f.space_before ? " " : "") + f.text;
        INFO("line '" << shown << "'");
        REQUIRE(all.compare(at, shown.size(), shown) == 0);
        at += shown.size();
        // A line that ends where the text has a space was wrapped there; one that ends inside
        // a word (too long for the line, broken between characters) was not; nor the last.
        const bool at_space = at < all.size() && all[at] == ' ';
        CHECK(l.soft_break == at_space);
        if (at_space) ++at;
        soft += at_space ? 1 : 0;
        broken += at < all.size() && !at_space ? 1 : 0;
        const size_t first = box.text.size();
        pdf::emit_line(box, l, 0, 0);
        REQUIRE(box.text.size() - first == l.fragments.size());
        for (size_t k = first; k < box.text.size(); ++k) {
            const pdf::TextPiece& t = box.text[k];
            // The space is drawn by the paint pass: the measured text and its width are untouched.
            CHECK(t.text.back() != ' ');
            CHECK(t.width == doctest::Approx(l.fragments[k - first].width));
            // It ends the line's last piece when wrapped at a space, and a piece followed by a
            // word space set as a gap ("Bold" then " and", the styles differ).
            const bool gap_follows = k + 1 < box.text.size() && l.fragments[k + 1 - first].space_before;
            CHECK(t.space_after == ((k + 1 == box.text.size() && l.soft_break) || gap_follows));
        }
    }
    CHECK(at == all.size());
    CHECK(soft >= 5);
    CHECK(broken >= 1);
    const auto bold_piece = std::find_if(box.text.begin(), box.text.end(), [](const pdf::TextPiece& t) { return t.text == "Bold"; });
    REQUIRE(bold_piece != box.text.end());
    CHECK(bold_piece->space_after);
}

TEST_CASE("every laid-out box stays inside the margins") {
    const Document d = sample_document();
    const pdf::Layout layout = pdf::lay_out_document(d, options());
    REQUIRE(layout.pages.size() >= 8);
    namespace st = pdf::style;
    int pieces = 0;
    for (const auto& page : layout.pages) {
        for (const auto& box : page.boxes) {
            const bool furniture = box.role == pdf::Role::Header || box.role == pdf::Role::Footer;
            for (const auto& t : box.text) {
                if (t.text.empty()) continue;
                ++pieces;
                INFO(pdf::role_name(box.role) << " '" << t.text << "'");
                CHECK(t.x >= st::text_left - 0.01f);
                CHECK(t.x + t.width <= st::text_right + 0.01f);
                if (!furniture) {
                    CHECK(t.baseline <= st::text_top);
                    CHECK(t.baseline >= st::text_bottom);
                }
            }
            if (!furniture && box.role != pdf::Role::Cover) {
                INFO(pdf::role_name(box.role));
                CHECK(box.rect.y >= st::text_bottom - 0.01f);
                CHECK(box.rect.top() <= st::text_top + 0.01f);
            }
        }
    }
    CHECK(pieces > 500);
}

TEST_CASE("headings keep with their text and paragraphs leave no single lines") {
    const pdf::Layout layout = pdf::lay_out_document(sample_document(), options());
    std::map<int, std::vector<float>> parts;   // block id -> heights of its parts on each page
    for (size_t p = 0; p < layout.pages.size(); ++p) {
        const auto& boxes = layout.pages[p].boxes;
        for (size_t i = 0; i < boxes.size(); ++i) {
            if (boxes[i].role == pdf::Role::Paragraph) parts[boxes[i].block_id].push_back(boxes[i].rect.h);
            if (boxes[i].role != pdf::Role::Heading) continue;
            INFO("heading on page " << p + 1 << " '" << (boxes[i].text.empty() ? "" : boxes[i].text.back().text) << "'");
            const bool followed = i + 1 < boxes.size() && boxes[i + 1].role != pdf::Role::Header &&
                                  boxes[i + 1].role != pdf::Role::Footer && boxes[i + 1].role != pdf::Role::Footnote &&
                                  boxes[i + 1].role != pdf::Role::FootnoteRule;
            CHECK(followed);
        }
    }
    int split = 0;
    for (const auto& [id, heights] : parts) {
        if (heights.size() < 2) continue;
        ++split;
        for (float h : heights) CHECK(h >= 2 * pdf::style::body_leading - 0.01f);
    }
    CHECK(split > 0);   // the sample does split paragraphs, so the rule was exercised
}

TEST_CASE("footnotes sit on the page of their reference mark (layout)") {
    const pdf::Layout layout = pdf::lay_out_document(sample_document(), options());
    for (const char* anchor : {"fn-1", "fn-2"}) {
        INFO(anchor);
        REQUIRE(layout.destinations.count(anchor));
        const int note_page = layout.destinations.at(anchor).page;
        bool mark_here = false;
        for (const auto& box : layout.pages[static_cast<size_t>(note_page)].boxes)
            for (const auto& l : box.links) mark_here = mark_here || l.target == std::string("#") + anchor;
        CHECK(mark_here);
    }
}

TEST_CASE("the written PDF reads correctly") {
    const Written& w = written_sample();
    REQUIRE(fs::exists(w.path));
    CHECK_FALSE(fs::exists(w.path.string() + ".tmp"));
    const auto pages = pages_of(w.path);
    REQUIRE(static_cast<int>(pages.size()) == w.stats.pages);

    SUBCASE("cover, running header and footer") {
        CHECK(pages[0].find("Cost, Performance and Outcomes") != std::string::npos);
        CHECK(pages[0].find("19 February 2010") != std::string::npos);
        CHECK(pages[0].find("Version 1.2") != std::string::npos);
        CHECK(pages[0].find("Page 1 of") == std::string::npos);
        const std::string of = " of " + std::to_string(pages.size());
        for (size_t i = 1; i < pages.size(); ++i) {
            INFO("page " << i + 1);
            CHECK(pages[i].find("Page " + std::to_string(i + 1) + of) != std::string::npos);
        }
    }

    SUBCASE("punctuation extracts as Unicode") {
        const int p = page_with(pages, "Spend was");
        REQUIRE(p > 0);
        const std::string& t = pages[static_cast<size_t>(p - 1)];
        CHECK(t.find("£877 per head – a ‘typical’ figure, “quoted” often") != std::string::npos);
    }

    SUBCASE("words appear in reading order") {
        std::string all;
        for (const auto& p : pages) all += p;
        size_t at = 0;
        for (const char* word : {"Contents", "Opening words of the introduction", "Purpose of this pack",
                                 "First point about spending", "A nested point", "Numbered three",
                                 "A quotation from a witness", "How the money is spent", "Table 1:",
                                 "Authority 60", "Adult social care takes", "Figure 1:", "Spend per head was highest",
                                 "After the figure", "Outcome area 6 narrative"}) {
            INFO(word);
            const size_t found = all.find(word, at);
            CHECK(found != std::string::npos);
            if (found != std::string::npos) at = found;
        }
    }

    SUBCASE("contents page numbers match where the headings landed") {
        const int contents = page_with(pages, "Contents");
        REQUIRE(contents == 2);
        const std::string& toc = pages[1];
        const std::vector<std::pair<std::string, std::string>> headings = {
            {"1", "Introduction"}, {"1.1", "Purpose of this pack"}, {"2", "Spending"}, {"2.1", "Spend by service"},
            {"2.2", "Adult social care"}, {"3", "Outcomes"}, {"3.6", "Outcome area 6"}};
        for (const auto& [number, title] : headings) {
            INFO(number << " " << title);
            std::smatch m;
            const std::regex entry(title + R"([ .]*?(\d+)\s*\n)");
            REQUIRE(std::regex_search(toc, m, entry));
            const int listed = std::stoi(m[1]);
            // The heading itself: a line starting with its number then its title, after the contents.
            const std::regex heading_line("(^|\n) *" + std::regex_replace(number, std::regex("\\."), "\\.") +
                                          " +" + title + " *\n");
            int landed = 0;
            for (size_t p = 2; p < pages.size() && !landed; ++p)
                if (std::regex_search(pages[p], heading_line)) landed = static_cast<int>(p) + 1;
            CHECK(listed == landed);
        }
    }

    SUBCASE("table header repeats on the continuation page") {
        const int first = page_with(pages, "Table 1:");
        REQUIRE(first > 0);
        const int cont = page_with(pages, "(continued)");
        REQUIRE(cont == first + 1);
        CHECK(pages[static_cast<size_t>(cont - 1)].find("Local authority") != std::string::npos);
        CHECK(pages[static_cast<size_t>(first - 1)].find("Local authority") != std::string::npos);
        CHECK(page_with(pages, "Authority 60") >= cont);
    }

    SUBCASE("footnote text is on the page of its mark") {
        CHECK(page_with(pages, "Footnote one: figures") == page_with(pages, "The sentence with the first"));
        CHECK(page_with(pages, "Footnote two: CIPFA") == page_with(pages, "Source: CIPFA Finance"));
    }
}

TEST_CASE("the structure text keeps the spaces of wrapped lines, styled words, numbers and titles") {
    const Written& w = written_sample();
    // poppler's reading of the tagged content (what screen readers and reflow get): each
    // element's marked content as a quoted line; joined without separators, so a space lost at
    // a line end (or at a page break inside a paragraph) shows as two words run together.
    const std::string out = run("pdfinfo -struct-text '" + w.path.string() + "' 2>&1");
    std::string text;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        const size_t open = line.find('"');
        if (open == std::string::npos || line.back() != '"' || line.size() - open < 2) continue;
        const std::string s = line.substr(open + 1, line.size() - open - 2);
        CHECK(s.find("  ") == std::string::npos);   // never two spaces
        text += s;
    }
    REQUIRE(text.size() > 5000);
    for (const std::string phrase : {
             std::string(lorem).substr(0, std::string(lorem).size() - 1),   // a paragraph over several lines
             std::string("First point about spending, long enough to wrap onto a second line so that the hanging "
                         "indent of the bullet can be seen clearly."),   // a list item
             std::string("A quotation from a witness, set apart from the narrative so that it reads as evidence "
                         "rather than the authors’ own view of the matter."),   // a quote
             std::string("It is much higher than the national average reported by the ONS and discussed in "
                         "section 2"),   // bold, italic and links mid-line
             std::string("Averyveryveryverylongwordthatcannotpossiblyfitononelinewithoutbeingbrokenbetween"
                         "itscharactersbecauseitgoesonandonandonandonwithoutanyspacesatall end."),   // no space added
             std::string("1.1 Purpose of this pack"),   // a heading's number and title
             std::string("1 Footnote one: figures are in cash terms"),   // a note's number and text
             std::string("£6.2 billion Public sector spend in the sub-region"),   // a key figure and its label
         }) {
        INFO(phrase);
        CHECK(text.find(phrase) != std::string::npos);
    }
    // Contents entries: number, title and page number, with the dot leaders left out.
    CHECK(std::regex_search(text, std::regex(R"(2\.1 Spend by service \d+)")));
}

TEST_CASE("the written PDF passes qpdf, embeds its fonts and is deterministic") {
    const Written& w = written_sample();
    const std::string check = run("qpdf --check '" + w.path.string() + "' 2>&1; echo rc=$?");
    CHECK(check.find("No syntax or stream encoding errors found") != std::string::npos);
    CHECK(check.find("rc=0") != std::string::npos);

    const std::string fonts = run("pdffonts '" + w.path.string() + "'");
    std::istringstream lines(fonts);
    std::string line;
    int font_rows = 0;
    while (std::getline(lines, line)) {
        if (line.find("TrueType") == std::string::npos && line.find("Type") == std::string::npos) continue;
        if (line.rfind("name", 0) == 0) continue;
        ++font_rows;
        INFO(line);
        CHECK(line.find(" yes ") != std::string::npos);   // the "emb" column
    }
    CHECK(font_rows >= 3);

    const fs::path again = test_dir() / "sample-again.pdf";
    pdf::write_pdf(sample_document(), options(), again.string());
    CHECK(read_file(again) == read_file(w.path));

    const std::string info = run("pdfinfo '" + w.path.string() + "'");
    CHECK(info.find("Cost, Performance and Outcomes") != std::string::npos);
    CHECK(info.find("evidencepack") != std::string::npos);
    CHECK(info.find("2010") != std::string::npos);
    CHECK(info.find("Public spending evidence – £ per head") != std::string::npos);
    CHECK(run("qpdf --show-object=1 '" + w.path.string() + "'").find("/Lang (en-GB)") != std::string::npos);
}

TEST_CASE("a failed write leaves no file behind") {
    const fs::path out = test_dir() / "never.pdf";
    fs::remove(out);
    pdf::PdfOptions o = options();
    o.fonts.liberation = "/nonexistent/fonts";
    CHECK_THROWS_AS(pdf::write_pdf(sample_document(), o, out.string()), ep::Error);
    CHECK_FALSE(fs::exists(out));
    CHECK_FALSE(fs::exists(out.string() + ".tmp"));
}

// Speed is measured by tests/bench, not asserted here; this checks a long document stays valid.
TEST_CASE("a 40-page document with repeated long tables is laid out and valid") {
    Document d = sample_document();
    const Section base = d.sections[2];
    for (int i = 4; i <= 9; ++i) {
        Section s = base;
        s.number = std::to_string(i);
        s.slug = "more-" + s.number;
        s.title = s.short_title = "More outcomes " + s.number;
        for (auto& b : s.blocks) {
            if (b.kind != BlockKind::Heading) continue;
            b.anchor += "-" + s.number;
            b.number = s.number + b.number.substr(1);
        }
        s.blocks.front().runs = {text(s.title)};
        if (i % 2 == 0) s.blocks.push_back(d.sections[1].blocks[3]);   // the 60-row table again
        d.sections.push_back(s);
    }
    const fs::path out = test_dir() / "long.pdf";
    const pdf::PdfStats stats = pdf::write_pdf(d, options(), out.string());
    CHECK(stats.pages >= 40);
    const std::string check = run("qpdf --check '" + out.string() + "' 2>&1");
    CHECK(check.find("No syntax or stream encoding errors found") != std::string::npos);
}

// ---- tagged structure (layout side; the written file is checked in tests/pdfua) ----------

namespace {

// The structure elements in reading order (depth first), as "type" strings.
void walk_structure(const pdf::Layout& l, int n, std::vector<int>& out) {
    out.push_back(n);
    for (const auto& k : l.structure[static_cast<size_t>(n)].kids)
        if (k.node >= 0) walk_structure(l, k.node, out);
}

}  // namespace

TEST_CASE("every drawn box is tagged content or an artifact of the right kind") {
    const pdf::Layout layout = pdf::lay_out_document(sample_document(), options());
    REQUIRE_FALSE(layout.structure.empty());
    CHECK(layout.structure[0].type == "Document");
    int tagged = 0;
    for (const auto& page : layout.pages) {
        for (const auto& box : page.boxes) {
            INFO(pdf::role_name(box.role));
            switch (box.role) {
                case pdf::Role::Header: CHECK((box.node < 0 && box.artifact == pdf::Artifact::Header)); break;
                case pdf::Role::Footer: CHECK((box.node < 0 && box.artifact == pdf::Artifact::Footer)); break;
                case pdf::Role::TableRules:
                case pdf::Role::FootnoteRule:
                case pdf::Role::Rule: CHECK(box.node < 0); break;
                default:
                    // Text not in the structure must be a repeat (pagination), never content lost to a reader.
                    if (!box.text.empty() && box.node < 0) CHECK(box.artifact == pdf::Artifact::Pagination);
            }
            if (box.node >= 0) {
                ++tagged;
                CHECK(static_cast<size_t>(box.node) < layout.structure.size());
            }
        }
    }
    CHECK(tagged > 100);
}

TEST_CASE("the structure: headings never skip, tables are Caption + rows, repeated headers are artifacts") {
    Document d = sample_document();
    // A source that jumps from a level-2 heading to level 4.
    d.sections.front().blocks.push_back(heading(4, "", "Jumps a level", "jump"));
    d.sections.front().blocks.push_back(para({text("Text.")}));
    const pdf::Layout layout = pdf::lay_out_document(d, options());
    std::vector<int> order;
    walk_structure(layout, 0, order);
    int prev = 0, headings = 0;
    for (int n : order) {
        const auto& t = layout.structure[static_cast<size_t>(n)].type;
        if (t.size() == 2 && t[0] == 'H' && t[1] >= '1' && t[1] <= '6') {
            const int level = t[1] - '0';
            CHECK(level <= prev + 1);
            prev = level;
            ++headings;
        }
    }
    CHECK(headings > 5);

    // The big table: one Table element, Caption first, a TR per header row, body row and group row.
    int tables = 0;
    for (int n : order) {
        const auto& node = layout.structure[static_cast<size_t>(n)];
        if (node.type != "Table") continue;
        ++tables;
        REQUIRE_FALSE(node.kids.empty());
        CHECK(layout.structure[static_cast<size_t>(node.kids.front().node)].type == "Caption");
        int rows = 0;
        for (const auto& k : node.kids)
            if (k.node >= 0 && layout.structure[static_cast<size_t>(k.node)].type == "TR") ++rows;
        CHECK(rows == 1 + 60 + 3);
        // Header cells say what they head.
        const auto& head = layout.structure[static_cast<size_t>(node.kids[1].node)];
        for (const auto& c : head.kids) {
            CHECK(layout.structure[static_cast<size_t>(c.node)].type == "TH");
            CHECK(layout.structure[static_cast<size_t>(c.node)].scope == "Column");
        }
    }
    CHECK(tables == 1);
    // The header row is drawn again on each continuation page, as pagination artifacts.
    int repeated = 0;
    for (const auto& page : layout.pages)
        for (const auto& box : page.boxes)
            if (box.role == pdf::Role::TableHeaderCell && box.node < 0) ++repeated;
    CHECK(repeated >= 5);
    // Figures carry their figures in words as alternate text, not the summary printed under them.
    for (const auto& node : layout.structure)
        if (node.type == "Figure") CHECK_FALSE(node.alt.empty());
    int figures = 0;
    for (const auto& sec : d.sections)
        for (const auto& b : sec.blocks)
            if (b.figure) {
                ++figures;
                bool found = false;
                for (const auto& node : layout.structure)
                    if (node.type == "Figure" && node.alt == charts::describe_data(*b.figure)) found = true;
                CHECK(found);
                CHECK(charts::describe_data(*b.figure) != b.figure->summary);
            }
    CHECK(figures > 0);
}

TEST_CASE("the PDF ends with the sources and the audit's checks, listed in the contents") {
    Document d = sample_document();
    d.sources = {{"cipfa", "Finance and General Statistics", "CIPFA", "2009", "https://www.cipfa.org/"}};
    d.warnings = {{"data/observations.csv:4:1: the source states 14,400 but 97,600 x 65% x 22.5% = 14,274",
                   "The source states 14,400 but 97,600 x 65% x 22.5% = 14,274"}};
    const pdf::Layout layout = pdf::lay_out_document(d, options());
    REQUIRE(layout.heading_pages.count("ep-sources"));
    REQUIRE(layout.heading_pages.count("ep-checks"));
    CHECK(layout.heading_pages.at("ep-sources") == static_cast<int>(layout.pages.size()));
    std::string last_pages, contents;
    for (const auto& box : layout.pages.back().boxes)
        for (const auto& t : box.text) last_pages += t.text + " ";
    for (const auto& box : layout.pages[1].boxes)
        for (const auto& t : box.text) contents += t.text + " ";
    CHECK(last_pages.find("Finance and General Statistics") != std::string::npos);
    CHECK(last_pages.find("14,274") != std::string::npos);
    CHECK(contents.find("Sources") != std::string::npos);
    CHECK(contents.find("Checks on the source figures") != std::string::npos);
}

TEST_CASE("characters outside Windows-1252 print as themselves, from DejaVu where Liberation has none") {
    Document d = sample_document();
    const std::string typed = "Ysgol y Gŵyr, Llŷn: ≥ 5 → −3 ✓ 𝔼[X] ①";
    d.sections.front().blocks.push_back(para({text(typed)}));
    d.sections.front().blocks.push_back(para({bold("Bold " + typed)}));
    const fs::path out = test_dir() / "unicode.pdf";
    const auto stats = pdf::write_pdf(d, options(), out.string());
    CHECK(stats.structure_elements > 100);
    const std::string all = run("pdftotext -enc UTF-8 '" + out.string() + "' -");
    CHECK(all.find(typed) != std::string::npos);
    CHECK(all.find("Bold " + typed) != std::string::npos);
    CHECK(all.find("?") == std::string::npos);
    // ✓, 𝔼 (beyond the BMP) and ① come from DejaVu Sans (bold: DejaVu Sans Bold), the rest from
    // Liberation; every font is composite, embedded, subset and maps to Unicode.
    const std::string fonts = run("pdffonts '" + out.string() + "'");
    for (const char* name : {"LiberationSans ", "LiberationSans-Bold ", "DejaVuSans ", "DejaVuSans-Bold "}) {
        INFO(name);
        CHECK(fonts.find(std::string("+") + name) != std::string::npos);
    }
    std::istringstream rows(fonts);
    std::string row;
    int font_rows = 0;
    while (std::getline(rows, row)) {
        if (row.find('+') == std::string::npos) continue;
        ++font_rows;
        INFO(row);
        CHECK(row.find("CID TrueType") != std::string::npos);
        CHECK(row.find("Identity-H") != std::string::npos);
        CHECK(std::regex_search(row, std::regex(" yes +yes +yes ")));   // embedded, subset, ToUnicode
    }
    CHECK(font_rows >= 4);
    fs::remove(out);
}

TEST_CASE("the minus sign prints as itself, not as a hyphen") {
    Document d = sample_document();
    d.sections.front().blocks.push_back(para({text("A change of \u22123.2 points, not -3.2.")}));
    const fs::path out = test_dir() / "minus.pdf";
    pdf::write_pdf(d, options(), out.string());
    const std::string all = run("pdftotext -enc UTF-8 '" + out.string() + "' -");
    CHECK(all.find("A change of \u22123.2 points, not -3.2.") != std::string::npos);
    fs::remove(out);
}

TEST_CASE("a character no font holds is an error naming it, and nothing is written") {
    Document d = sample_document();
    d.sections.front().blocks.push_back(para({text("Chinese \u4E2D is not in Liberation or DejaVu Sans.")}));
    const fs::path out = test_dir() / "unprintable.pdf";
    fs::remove(out);
    try {
        pdf::write_pdf(d, options(), out.string());
        FAIL("no error");
    } catch (const ep::Error& e) {
        CHECK(e.message() == "the PDF's fonts have no glyph for '\u4E2D' (U+4E2D)");
    }
    CHECK_FALSE(fs::exists(out));
    const auto fonts = pdf::FontSet::load();
    CHECK_FALSE(fonts.printable(0x4E2D));
    CHECK(fonts.printable(0x2713));   // ✓, DejaVu
    CHECK(fonts.printable(0x1D53C));  // 𝔼, DejaVu, beyond the BMP
    CHECK_FALSE(fonts.printable(0x0007));
    CHECK_FALSE(fonts.printable(0xFEFF));
}

TEST_CASE("a cross-reference to a figure on another page gives that page; one on the same page does not") {
    Document d;
    d.meta.title = "Cross-references";
    d.meta.date = "2010-02-19";
    Section s;
    s.slug = "spending";
    s.title = "Spending";
    s.number = "1";
    s.blocks.push_back(heading(1, "1", "Spending", "spending"));
    Run ref = text("Figure 1");
    ref.link = "#figure-1";
    s.blocks.push_back(para({text("The chart in "), ref, text(" ranks the councils by spend per head.")}));
    s.blocks.push_back(long_para("Enough prose to push the chart onto a later page.", 14));
    s.blocks.push_back(figure_block());
    s.blocks.push_back(para({text("Below the chart, "), ref, text(" again shows the ranking.")}));
    d.sections = {s};

    const fs::path path = test_dir() / "xref.pdf";
    pdf::write_pdf(d, options(), path.string());
    auto pages = pages_of(path);
    for (auto& p : pages)   // "page" and its number are joined by a no-break space
        p = std::regex_replace(p, std::regex("\xC2\xA0"), " ");

    const int ref_page = page_with(pages, "The chart in Figure 1");
    const int caption_page = page_with(pages, "Figure 1: Spend per head");
    REQUIRE(ref_page > 0);
    REQUIRE(caption_page > ref_page);
    // The number printed is the page the caption is really on.
    const std::string expected = "The chart in Figure 1, page " + std::to_string(caption_page) + " ranks";
    CHECK(pages[static_cast<size_t>(ref_page - 1)].find(expected) != std::string::npos);
    CHECK(std::regex_search(pages[static_cast<size_t>(ref_page - 1)], std::regex(R"(Figure 1, page \d+)")));

    // The reference after the chart is on the chart's page: no page number.
    CHECK(page_with(pages, "Below the chart, Figure 1 again shows") == caption_page);
    CHECK(page_with(pages, "Below the chart, Figure 1, page") == 0);

    // The added page number is part of the same link, to the figure's destination.
    const pdf::Layout layout = pdf::lay_out_document(d, options());
    REQUIRE(layout.destinations.count("figure-1"));
    CHECK(layout.destinations.at("figure-1").page + 1 == caption_page);
    int suffixes = 0;
    for (const auto& page : layout.pages)
        for (const auto& box : page.boxes)
            for (const auto& piece : box.text)
                if (piece.text.find(", page") != std::string::npos) {
                    ++suffixes;
                    REQUIRE(piece.link >= 0);
                    CHECK(box.links[static_cast<size_t>(piece.link)].target == "#figure-1");
                    CHECK(piece.text.find("Figure 1") != std::string::npos);   // one piece, one link
                }
    CHECK(suffixes == 1);
}
