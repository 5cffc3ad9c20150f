#include "pdf/layout.h"
#include "core/format.h"

#include <algorithm>

#include "core/links.h"
#include "pdf/composer.h"
#include "pdf/hpdf_doc.h"
#include "pdf/line_cache.h"
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
        case Role::FactsPanel: return "facts-panel";
        case Role::FactLabel: return "fact-label";
        case Role::FactValue: return "fact-value";
    }
    return "?";
}

Composer::Composer(const model::Document& doc, const FontSet& fonts, const std::map<std::string, int>& page_numbers,
                   const PdfDesign& design, const std::vector<model::Section>& back_matter, const CrossRefPages& xref,
                   bool sticky)
    : doc_(doc), design_(design), back_matter_(back_matter), fonts_(fonts), page_numbers_(page_numbers),
      prev_xref_(xref), sticky_(sticky) {
    out_.structure.push_back(StructNode::of("Document"));
    parents_.push_back(0);
}

Layout Composer::run() {
    size_t first = 0;
    if (design_.cover == PdfDesign::Cover::Title) cover();
    if (design_.cover == PdfDesign::Cover::FirstSection && !doc_.sections.empty()) {
        section(doc_.sections.front());
        first = 1;
    }
    if (design_.contents) contents();
    // After a cover the body starts on a new page even when sections run on.
    next_on_new_page_ = true;
    justify_ = design_.justify;
    for (size_t i = first; i < doc_.sections.size(); ++i) section(doc_.sections[i]);
    justify_ = false;
    for (const model::Section& s : back_matter_) section(s);
    finish_page();
    page_furniture();
    // Every destination (headings, tables, figures, notes) can be a cross-reference's target.
    for (const auto& [anchor, d] : out_.destinations) out_.xref.targets[anchor] = d.page + 1;
    return std::move(out_);
}

// ---- structure ---------------------------------------------------------------------------

int Composer::add_node(const std::string& type, int parent) {
    const int id = static_cast<int>(out_.structure.size());
    StructNode n;
    n.type = type;
    n.parent = parent;
    out_.structure.push_back(std::move(n));
    if (parent >= 0) out_.structure[static_cast<size_t>(parent)].kids.push_back(StructKid::element(id));
    return id;
}

int Composer::leaf(const std::string& type) { return add_node(type, parent()); }

int Composer::open_node(const std::string& type) {
    const int id = leaf(type);
    parents_.push_back(id);
    return id;
}

void Composer::close_node() {
    if (parents_.size() > 1) parents_.pop_back();
}

// Screen-reader users navigate by heading level, so a level is never skipped: a heading may
// go at most one level deeper than the one before it.
std::string Composer::heading_tag(int level) {
    level = std::clamp(level, 1, std::min(6, heading_level_ + 1));
    heading_level_ = level;
    return "H" + std::to_string(level);
}

// ---- back matter ---------------------------------------------------------------------------

namespace {

// Where each source is used: "Table 3", "Figure 5", in document order.
void source_uses(const model::Blocks& blocks, std::map<std::string, std::vector<std::string>>& uses) {
    auto add = [&](const std::vector<std::string>& codes, const std::string& label) {
        for (const auto& c : codes) {
            auto& v = uses[c];
            if (std::find(v.begin(), v.end(), label) == v.end()) v.push_back(label);
        }
    };
    for (const auto& b : blocks) {
        if (b.table) add(b.table->source_codes, model::label_of(*b.table));
        if (b.figure) add(b.figure->source_codes, model::label_of(*b.figure));
        for (const auto& item : b.items) source_uses(item.blocks, uses);
        source_uses(b.children, uses);
    }
}

}  // namespace

// The PDF's last section: the sources every figure comes from and what the audit of the
// source figures found, as on the site's sources page.
std::vector<model::Section> back_matter(const model::Document& doc) {
    if (doc.sources.empty() && doc.warnings.empty()) return {};
    model::Section s;
    s.slug = "sources";
    const std::string& lang = doc.meta.language;
    s.title = term("Sources", lang);
    s.short_title = s.title;
    s.blocks.push_back(model::heading_block(1, s.title, "ep-sources"));
    s.blocks.push_back(model::paragraph_block(
        {model::text_run(doc.lists_checks ? term("Where the figures in this publication come from, and the checks made on them.", lang)
                                          : term("Where the figures in this publication come from.", lang))}));
    std::map<std::string, std::vector<std::string>> uses;
    for (const auto& sec : doc.sections) source_uses(sec.blocks, uses);
    if (!doc.sources.empty()) {
        model::Block list;
        list.kind = model::BlockKind::List;
        list.ordered = true;
        for (const auto& src : doc.sources) {
            model::Runs runs;
            model::Run title = model::text_run(src.title);
            title.bold = true;
            title.link = web_address(src.url);   // as the site links it
            runs.push_back(title);
            std::string details = src.publisher;
            if (!src.date.empty()) details += (details.empty() ? "" : ", ") + src.date;
            runs.push_back(model::text_run(details.empty() ? std::string(".") : ". " + details + "."));
            auto it = uses.find(src.code);
            if (!src.code.empty() && it != uses.end()) {
                std::string used = " " + term("Used in", lang) + " ";
                for (size_t i = 0; i < it->second.size(); ++i) used += (i ? ", " : "") + it->second[i];
                runs.push_back(model::text_run(used + "."));
            }
            model::ListItem item;
            item.blocks.push_back(model::paragraph_block(std::move(runs)));
            list.items.push_back(std::move(item));
        }
        s.blocks.push_back(std::move(list));
    }
    if (!doc.lists_checks) return {std::move(s)};
    s.blocks.push_back(model::heading_block(2, term("Checks on the source figures", lang), "ep-checks"));
    if (doc.warnings.empty()) {
        s.blocks.push_back(model::paragraph_block({model::text_run(
            term("The generator checks the published source figures against each other. No disagreements were found.", lang))}));
    } else {
        s.blocks.push_back(model::paragraph_block({model::text_run(
            term("The generator checks the published source figures against each other. These checks found:", lang))}));
        model::Block list;
        list.kind = model::BlockKind::List;
        for (const auto& w : doc.warnings) {
            model::ListItem item;
            item.blocks.push_back(model::paragraph_block({model::text_run(w.for_readers)}));
            list.items.push_back(std::move(item));
        }
        s.blocks.push_back(std::move(list));
    }
    return {std::move(s)};
}

Layout lay_out_document(const model::Document& doc, const FontSet& fonts, const PdfDesign& design) {
    const std::vector<model::Section> extra = back_matter(doc);
    // Pass 1 learns where headings land; later passes print those numbers in the contents.
    // The contents' page-number column has a fixed width, so the numbers cannot move the
    // headings and the second pass normally agrees with the first.
    // Cross-references work the same way: a pass adds " (page N)" to each reference whose
    // target the previous pass put on another page; the text added can move pages, so passes
    // go on until references and targets stay where they were. From the third pass a
    // reference once given a number keeps it, so a reference pushed onto its target's page by
    // its own suffix cannot flip back and forth.
    std::map<std::string, int> pages;
    CrossRefPages xref;
    Layout layout;
    // Most paragraphs come out of every pass the same: break each once (line_cache.h).
    const LineCacheScope line_cache;
    for (int pass = 0; pass < 6; ++pass) {
        layout = Composer(doc, fonts, pages, design, extra, xref, pass >= 2).run();
        // A pass's only inputs are the previous pass's heading pages and cross-reference pages
        // (and stickiness). When this pass put every heading, target and reference on the page
        // the previous one did, the next pass would be given the same numbers to print and
        // make the same references show them (sticky keeps exactly those this pass showed, and
        // the rest still share their target's page), so it would repeat this layout exactly:
        // stop here. (Comparing `shown` too would cost a third pass that merely confirms the
        // second whenever a reference got a page number.)
        if (pass > 0 && layout.heading_pages == pages && layout.xref.targets == xref.targets &&
            layout.xref.refs == xref.refs)
            break;
        pages = layout.heading_pages;
        xref = layout.xref;
    }
    return layout;
}

Layout lay_out_document(const model::Document& doc, const PdfOptions& options) {
    return lay_out_document(doc, FontSet::load(options.fonts), options.design);
}

}  // namespace ep::pdf
