#include "pdf/layout.h"

#include "pdf/composer.h"
#include "pdf/hpdf_doc.h"
#include "pdf/pdf_writer.h"

namespace ep::pdf {

const char* role_name(Role r) {
    switch (r) {
        case Role::Cover: return "cover";
        case Role::ContentsEntry: return "contents-entry";
        case Role::Heading: return "heading";
        case Role::Paragraph: return "paragraph";
        case Role::ListLabel: return "list-label";
        case Role::ListBody: return "list-body";
        case Role::Quote: return "quote";
        case Role::TableCaption: return "table-caption";
        case Role::TableHeaderCell: return "table-header-cell";
        case Role::TableCell: return "table-cell";
        case Role::TableGroupRow: return "table-group-row";
        case Role::TableRules: return "table-rules";
        case Role::TableSource: return "table-source";
        case Role::Figure: return "figure";
        case Role::FigureCaption: return "figure-caption";
        case Role::FigureSummary: return "figure-summary";
        case Role::FigureSource: return "figure-source";
        case Role::FootnoteRule: return "footnote-rule";
        case Role::Footnote: return "footnote";
        case Role::Header: return "header";
        case Role::Footer: return "footer";
        case Role::Rule: return "rule";
    }
    return "?";
}

Composer::Composer(const model::Document& doc, const FontSet& fonts, const std::map<std::string, int>& page_numbers)
    : doc_(doc), fonts_(fonts), page_numbers_(page_numbers) {}

Layout Composer::run() {
    cover();
    contents();
    for (const model::Section& s : doc_.sections) section(s);
    finish_page();
    page_furniture();
    return std::move(out_);
}

Layout lay_out_document(const model::Document& doc, const FontSet& fonts) {
    // Pass 1 learns where headings land; later passes print those numbers in the contents.
    // The contents' page-number column has a fixed width, so the numbers cannot move the
    // headings and the second pass normally agrees with the first.
    std::map<std::string, int> pages;
    Layout layout;
    for (int pass = 0; pass < 4; ++pass) {
        layout = Composer(doc, fonts, pages).run();
        if (pass > 0 && layout.heading_pages == pages) break;
        pages = layout.heading_pages;
    }
    return layout;
}

bool uses_code_font(const model::Document& doc);

Layout lay_out_document(const model::Document& doc, const PdfOptions& options) {
    HpdfDoc pdf;
    const FontSet fonts = FontSet::load(pdf.get(), options.font_dir, uses_code_font(doc));
    pdf.check("loading fonts");
    return lay_out_document(doc, fonts);
}

}  // namespace ep::pdf
