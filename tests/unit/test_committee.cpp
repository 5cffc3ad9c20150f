// Committee reports: numbered paragraphs, the per-type PDF layout (pdf.csv) and how the PDF
// lays out a committee paper (agenda sheet alone on page 1, sections running on, numbers
// hanging left of the text).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <string>

#include "core/diagnostics.h"
#include "model/document.h"
#include "pdf/layout.h"
#include "pdf/pdf_writer.h"
#include "pipeline/committee.h"
#include "pipeline/layouts.h"

namespace fs = std::filesystem;
using namespace ep;

namespace {

model::Block block(model::BlockKind kind, int level, const std::string& text) {
    model::Block b;
    b.kind = kind;
    b.level = level;
    b.runs = {model::text_run(text)};
    return b;
}

model::Block para(const std::string& text) { return block(model::BlockKind::Paragraph, 0, text); }
model::Block head(int level, const std::string& text) { return block(model::BlockKind::Heading, level, text); }

model::Section numbered_section(const std::string& slug, const std::string& number) {
    model::Section s;
    s.slug = slug;
    s.number = number;
    s.title = s.short_title = "Section " + number;
    s.blocks = {head(1, s.title), para("First paragraph of the section, long enough to be a paragraph."),
                head(2, "A heading"), para("Belongs to the heading above."), para("A paragraph of its own.")};
    s.blocks[0].anchor = slug;
    s.blocks[0].number = number;
    pipeline::number_paragraphs(s);
    return s;
}

pdf::PdfOptions font_options() {
    pdf::PdfOptions o;
    o.timestamp = 1287576000;
    return o;
}

}  // namespace

TEST_CASE("committee: paragraphs and level-2 headings are numbered in one sequence") {
    model::Section s = numbered_section("context", "2");
    CHECK(s.blocks[0].number == "2");        // the section title keeps the section number
    CHECK(s.blocks[1].number == "2.1");      // paragraph
    CHECK(s.blocks[2].number == "2.2");      // heading
    CHECK(s.blocks[3].number.empty());       // straight after the heading: part of it
    CHECK(s.blocks[4].number == "2.3");
}

TEST_CASE("committee: an unnumbered section gets no paragraph numbers") {
    model::Section s;
    s.blocks = {head(1, "Recommendations"), para("Text.")};
    pipeline::number_paragraphs(s);
    CHECK(s.blocks[1].number.empty());
}

TEST_CASE("committee: templates/<type>/pdf.csv sets the layout, and bad values are errors at their cell") {
    const fs::path root = fs::temp_directory_path() / ("ep-layout-" + std::to_string(::getpid()));
    fs::create_directories(root / "templates" / "committee-report");
    {
        std::ofstream f(root / "templates" / "committee-report" / "pdf.csv");
        f << "key,value\ncover,first-section\ncontents,no\nsections,run-on\n";
    }
    Diagnostics d;
    pipeline::DocumentLayout l = pipeline::document_layout(root, "committee-report", d);
    CHECK_FALSE(d.has_errors());
    CHECK(l.pdf.cover == pdf::PdfDesign::Cover::FirstSection);
    CHECK_FALSE(l.pdf.contents);
    CHECK_FALSE(l.pdf.section_per_page);
    CHECK(l.type_templates == (root / "templates" / "committee-report").string());

    // A type without a folder keeps the defaults.
    Diagnostics d2;
    pipeline::DocumentLayout plain = pipeline::document_layout(root, "evidence-pack", d2);
    CHECK(plain.type_templates.empty());
    CHECK(plain.pdf.cover == pdf::PdfDesign::Cover::Title);
    CHECK(plain.pdf.contents);

    {
        std::ofstream f(root / "templates" / "committee-report" / "pdf.csv");
        f << "key,value\ncover,sideways\nmargins,wide\n";
    }
    Diagnostics d3;
    pipeline::document_layout(root, "committee-report", d3);
    REQUIRE(d3.error_count() == 2);
    CHECK(to_string(d3.items()[0]) ==
          "templates/committee-report/pdf.csv:2:7: error: 'sideways' is not a value of 'cover' (use title, first-section or none)");
    CHECK(to_string(d3.items()[1]) ==
          "templates/committee-report/pdf.csv:3:1: error: unknown key 'margins' (use cover, contents, sections or text)");
    fs::remove_all(root);
}

TEST_CASE("committee: the PDF puts the first section alone on page 1 and runs the others on") {
    model::Document doc;
    doc.meta.title = "Committee paper";
    doc.meta.date = "2010-10-20";
    model::Section sheet;
    sheet.slug = "agenda-sheet";
    sheet.title = sheet.short_title = "Agenda management sheet";
    sheet.blocks = {head(1, sheet.title), para("Name of committee: a committee.")};
    sheet.blocks[0].anchor = "agenda-sheet";
    doc.sections = {sheet, numbered_section("one", "1"), numbered_section("two", "2")};

    pdf::PdfOptions o = font_options();
    o.design.cover = pdf::PdfDesign::Cover::FirstSection;
    o.design.contents = false;
    o.design.section_per_page = false;
    const pdf::Layout layout = pdf::lay_out_document(doc, o);
    CHECK(layout.heading_pages.at("agenda-sheet") == 1);
    CHECK(layout.heading_pages.at("one") == 2);
    CHECK(layout.heading_pages.at("two") == 2);   // runs on after section 1

    // Paragraph 1.1's number hangs left of its text, at the heading's left edge.
    float number_x = -1, text_x = -1;
    for (const auto& box : layout.pages[1].boxes)
        for (const auto& t : box.text) {
            if (t.text == "1.1") number_x = t.x;
            if (t.text.rfind("First", 0) == 0 && text_x < 0) text_x = t.x;
        }
    REQUIRE(number_x >= 0);
    REQUIRE(text_x >= 0);
    CHECK(number_x < text_x);
    CHECK(text_x - number_x == doctest::Approx(pdf::style::paragraph_number_indent));

    // The same document as an evidence pack: a cover, a contents page, a page per section.
    const pdf::Layout pack = pdf::lay_out_document(doc, font_options());
    CHECK(pack.heading_pages.at("agenda-sheet") >= 3);
    CHECK(pack.heading_pages.at("two") == pack.heading_pages.at("one") + 1);
}
