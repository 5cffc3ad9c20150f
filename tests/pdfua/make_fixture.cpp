// Writes a PDF from a hand-built document that exercises what the shipped pack may not: a
// heading that skips a level in the source (## then ####), nested lists, a block quote, a table
// long enough to split over pages (repeated header rows), footnotes cited from a table cell
// and a list, links inside paragraphs, enough sections for a second contents page, and text
// outside Windows-1252. Prints the writer's stats: "pages N elements N".
//
// Usage: make_fixture OUT.pdf
#include <iostream>
#include <string>

#include "core/diagnostics.h"
#include "model/document.h"
#include "pdf/pdf_writer.h"

using namespace ep::model;

namespace {

Run text(const std::string& s) { return text_run(s); }
Run link(const std::string& s, const std::string& target) {
    Run r = text(s);
    r.link = target;
    return r;
}
Run note(int n) {
    Run r = text(std::to_string(n));
    r.footnote = n;
    return r;
}

Block heading(int level, const std::string& number, const std::string& title, const std::string& anchor) {
    Block b;
    b.kind = BlockKind::Heading;
    b.level = level;
    b.number = number;
    b.anchor = anchor;
    b.runs = {text(title)};
    return b;
}

Block para(Runs runs) {
    Block b;
    b.kind = BlockKind::Paragraph;
    b.runs = std::move(runs);
    return b;
}

Block list(std::vector<Blocks> items, bool ordered = false) {
    Block b;
    b.kind = BlockKind::List;
    b.ordered = ordered;
    for (auto& i : items) b.items.push_back(ListItem{std::move(i)});
    return b;
}

TableCell cell(const std::string& s, bool header = false) {
    TableCell c;
    c.runs = {text(s)};
    c.header = header;
    return c;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: make_fixture OUT.pdf\n";
        return 2;
    }
    Document doc;
    doc.meta.title = "Tagging fixture \u2192 every structure";   // the arrow is outside Windows-1252
    doc.meta.subtitle = "A document built to exercise the tagged-PDF writer";
    doc.meta.area = "Test area";
    doc.meta.date = "2010-02-19";
    doc.meta.version = "1";
    doc.meta.author = "evidencepack tests";
    doc.key_figures = {{"Rows in the long table", "60"}, {"Sections", "30"}};
    doc.footnotes = {{1, "fn-1", {text("First note, cited from a table cell.")}},
                     {2, "fn-2", {text("Second note, cited from a list item; see "), link("example.org", "https://example.org/")}}};
    doc.sources = {{"src", "A source", "A publisher", "2010", "https://example.org/source"}};
    doc.warnings = {{"data/observations.csv:3:1: the source states 10 but 3 + 4 = 7", "The source states 10 but 3 + 4 = 7"}};

    Section first;
    first.slug = "first";
    first.title = "First section";
    first.number = "1";
    first.blocks.push_back(heading(1, "1", "First section", "first"));
    first.blocks.push_back(para({text("Opening text with a "), link("link to the second section", "#second"),
                                 text(" and one to "), link("a web page", "https://example.org/page"), text(".")}));
    first.blocks.push_back(heading(2, "1.1", "A subsection", "first-sub"));
    // The source skips a level: the writer must tag this H3, not H4.
    first.blocks.push_back(heading(4, "", "A heading that skips a level", "skip"));
    first.blocks.push_back(para({text("Text under the skipping heading, \u2265 five characters outside CP1252 \u2264.")}));
    first.blocks.push_back(list({{para({text("Outer item one")})},
                                 {para({text("Outer item two, with a note"), note(2)}),
                                  list({{para({text("Inner item a")})}, {para({text("Inner item b")})}}, true)}}));
    Block quote;
    quote.kind = BlockKind::Quote;
    quote.children = {para({text("A quoted paragraph.")})};
    first.blocks.push_back(quote);

    Block tb;
    tb.kind = BlockKind::Table;
    Table t;
    t.id = "table-long";
    t.number = 1;
    t.caption = "A table long enough to run over two pages";
    t.head = {{cell("Row", true), cell("Value", true), cell("Comment", true)}};
    t.align = {Align::Left, Align::Right, Align::Left};
    for (int i = 1; i <= 60; ++i) {
        std::vector<TableCell> row = {cell("Row " + std::to_string(i), true), cell(std::to_string(i * 7)),
                                      cell(i % 5 == 0 ? "" : "Comment on row " + std::to_string(i))};
        if (i == 3) row[1].runs.push_back(note(1));
        t.body.push_back(std::move(row));
        t.group_of_row.push_back(i <= 30 ? "First half" : "Second half");
    }
    t.source = {text("Source: the fixture.")};
    tb.table = t;
    first.blocks.push_back(tb);
    doc.sections.push_back(first);

    // Enough sections (each with subsections) for the contents to need a second page.
    for (int s = 2; s <= 30; ++s) {
        Section sec;
        sec.slug = s == 2 ? "second" : "section-" + std::to_string(s);
        sec.title = "Section " + std::to_string(s);
        sec.number = std::to_string(s);
        sec.blocks.push_back(heading(1, sec.number, sec.title, sec.slug));
        sec.blocks.push_back(para({text("Body text of section " + std::to_string(s) + ".")}));
        sec.blocks.push_back(heading(2, sec.number + ".1", "Part one", sec.slug + "-1"));
        sec.blocks.push_back(para({text("More text.")}));
        doc.sections.push_back(sec);
    }

    try {
        ep::pdf::PdfOptions options;
        options.timestamp = 1266580800;
        const auto stats = ep::pdf::write_pdf(doc, options, argv[1]);
        std::cout << "pages " << stats.pages << " elements "
                  << stats.structure_elements << "\n";
    } catch (const ep::Error& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
    return 0;
}
