#include "pdf/page_writer.h"

#include <algorithm>
#include <map>
#include <vector>

#include "core/links.h"
#include "charts/chart.h"
#include "pdf/tagging.h"

namespace ep::pdf {

namespace {

void set_fill(HPDF_Page page, const style::Color& c) { HPDF_Page_SetRGBFill(page, c.r, c.g, c.b); }

void paint_fills(HPDF_Page page, const Box& box) {
    for (const Fill& f : box.fills) {
        set_fill(page, f.color);
        HPDF_Page_Rectangle(page, f.rect.x, f.rect.y, f.rect.w, f.rect.h);
        HPDF_Page_Fill(page);
    }
}

void paint_rules(HPDF_Page page, const Box& box) {
    for (const RuleLine& r : box.rules) {
        HPDF_Page_SetLineWidth(page, r.width);
        HPDF_Page_SetRGBStroke(page, r.color.r, r.color.g, r.color.b);
        HPDF_Page_MoveTo(page, r.x1, r.y1);
        HPDF_Page_LineTo(page, r.x2, r.y2);
        HPDF_Page_Stroke(page);
    }
}

// The box's text, one text object per marked-content sequence: the box's own text is content
// of its element, linked text of a Link element inside it, and a box without an element (or a
// piece marked as decoration) is an artifact. Font and colour are set at the start of each
// text object and then only when they change.
void paint_text(HPDF_Page page, int page_index, const Box& box, const FontSet& fonts, Tagger& tags) {
    // An element with nothing to show (an empty table cell) still gets an empty marked-content
    // sequence, so readers that build the tree from the page's content (pdf.js, hence
    // Firefox) keep the cell and the table stays regular.
    const bool nothing = std::none_of(box.text.begin(), box.text.end(), [](const TextPiece& t) { return !t.text.empty(); });
    if (nothing && box.node >= 0 && !box.figure) {
        tags.begin_content(page, page_index, box.node);
        tags.end(page);
        return;
    }
    size_t i = 0;
    const size_t n = box.text.size();
    while (i < n) {
        if (box.text[i].text.empty()) {
            ++i;
            continue;
        }
        const bool artifact = box.node < 0 || box.text[i].artifact;
        const int link = artifact ? -1 : box.text[i].link;
        const std::string lang = artifact ? std::string() : box.text[i].lang;
        size_t j = i;
        while (j < n && (box.text[j].text.empty() ||
                         ((box.node < 0 || box.text[j].artifact) == artifact &&
                          (artifact || (box.text[j].link == link && box.text[j].lang == lang)))))
            ++j;
        if (artifact) {
            tags.begin_artifact(page, box.node < 0 ? box.artifact : Artifact::Layout);
        } else if (link >= 0) {
            std::string text;
            for (size_t k = i; k < j; ++k) text += box.text[k].space_after ? box.text[k].text + ' ' : box.text[k].text;
            const int node = tags.link_node(box, link, text);
            if (!lang.empty()) tags.set_lang(node, lang);   // a link in another language
            tags.begin_content(page, page_index, node);
        } else if (!lang.empty()) {
            tags.begin_content(page, page_index, tags.span_node(box, lang));   // a part in another language
        } else {
            tags.begin_content(page, page_index, box.node);
        }
        HPDF_Page_BeginText(page);
        TextState state;
        const TextPiece* last = nullptr;
        for (size_t k = i; k < j; ++k) {
            const TextPiece& t = box.text[k];
            if (t.text.empty()) continue;
            if (!last || !(last->color == t.color)) set_fill(page, t.color);
            // A word space that layout set as no character (TextPiece::space_after: the line
            // wrapped there, the styles either side differ, a number stands before its title)
            // is shown as a trailing space: a glyph with no ink after the piece's last
            // character, so the words stay apart in the marked content behind the structure
            // tree (screen readers, reflow) and for text extraction, and nothing on the page
            // moves. It is the last glyph of its show, and the next piece is placed by its own
            // Td. /ActualText would need a marked-content sequence of its own around every
            // line end, nested in the element's, for the same result.
            fonts.show(page, state, t.face, t.size, t.x, t.baseline, t.space_after ? t.text + ' ' : t.text, t.word_spacing);
            last = &t;
        }
        HPDF_Page_EndText(page);
        tags.end(page);
        i = j;
    }
}

// Fills and rules are decoration: artifacts of the box's kind, or layout artifacts inside a
// tagged box (table rules, the accent rule under a title, underlines).
void paint_decoration(HPDF_Page page, const Box& box, bool rules, Tagger& tags) {
    if (rules ? box.rules.empty() : box.fills.empty()) return;
    tags.begin_artifact(page, box.node < 0 ? box.artifact : Artifact::Layout);
    if (rules) paint_rules(page, box);
    else paint_fills(page, box);
    tags.end(page);
}

// The chart is one Figure: its axes, bars and labels are inside the Figure's marked content,
// described by its alternate text.
void paint_chart(HPDF_Page page, int page_index, const Box& box, const FontSet& fonts, Tagger& tags) {
    if (!box.figure) return;
    if (box.node >= 0) tags.begin_content(page, page_index, box.node);
    else tags.begin_artifact(page, box.artifact);
    // The chart backend sets its own colours and line widths; keep them from leaking out.
    HPDF_Page_GSave(page);
    charts::draw_pdf(page, *box.figure, fonts, box.rect.x, box.rect.y, box.rect.w, box.rect.h);
    HPDF_Page_GRestore(page);
    tags.end(page);
}

// Link annotations, each tied to its Link element. Links inside artifacts (a repeated table
// header) are not made clickable: PDF/UA wants every annotation in the structure.
void paint_links(HPDF_Page page, int page_index, const Box& box, const std::map<std::string, HPDF_Destination>& dests,
                 Tagger& tags) {
    if (box.node < 0) return;
    for (size_t j = 0; j < box.links.size(); ++j) {
        const LinkArea& l = box.links[j];
        const HPDF_Rect r{l.rect.x, l.rect.y, l.rect.right(), l.rect.top()};
        HPDF_Annotation annot = nullptr;
        if (!l.target.empty() && l.target[0] == '#') {
            auto it = dests.find(l.target.substr(1));
            if (it == dests.end()) continue;   // a link to nothing is left as plain text
            annot = HPDF_Page_CreateLinkAnnot(page, r, it->second);
        } else if (link_problem(l.target).empty()) {   // the model holds no other, but never write one
            annot = HPDF_Page_CreateURILinkAnnot(page, r, l.target.c_str());
        }
        if (!annot) continue;
        HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);   // no box drawn around links
        tags.add_annotation(annot, page_index, tags.link_node(box, static_cast<int>(j)), l.target);
    }
}

// Bookmarks, titled with UTF-16 text strings (libharu writes an outline's title in a
// single-byte encoding; the title is replaced, as the Info strings are).
void add_outline(HPDF_Doc pdf, const Layout& layout, const std::map<std::string, HPDF_Destination>& dests) {
    std::vector<HPDF_Outline> parents;   // parents[i]: the latest entry of level i + 1
    for (const OutlineEntry& e : layout.outline) {
        auto it = dests.find(e.anchor);
        if (it == dests.end()) continue;
        const size_t depth = static_cast<size_t>(std::max(1, e.level)) - 1;
        if (parents.size() > depth) parents.resize(depth);
        HPDF_Outline parent = parents.empty() ? nullptr : parents.back();
        HPDF_Outline o = HPDF_CreateOutline(pdf, parent, "", nullptr);
        if (!o) return;   // the error handler has recorded why
        HPDF_Dict_Add(o, "Title", pdf_text_string(pdf->mmgr, e.title));
        HPDF_Outline_SetDestination(o, it->second);
        HPDF_Outline_SetOpened(o, HPDF_FALSE);
        while (parents.size() < depth) parents.push_back(parents.empty() ? o : parents.back());
        parents.push_back(o);
    }
}

}  // namespace

int paint_layout(HPDF_Doc pdf, const Layout& layout, const FontSet& fonts) {
    std::vector<HPDF_Page> pages;
    for (size_t i = 0; i < layout.pages.size(); ++i) {
        HPDF_Page page = HPDF_AddPage(pdf);
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        pages.push_back(page);
    }
    // Destinations first: links may point forwards to pages not drawn yet.
    std::map<std::string, HPDF_Destination> dests;
    for (const auto& [anchor, d] : layout.destinations) {
        if (d.page < 0 || d.page >= static_cast<int>(pages.size())) continue;
        HPDF_Destination dst = HPDF_Page_CreateDestination(pages[static_cast<size_t>(d.page)]);
        // libharu rejects a null zoom for /XYZ, so fit the page width with the target at the top.
        HPDF_Destination_SetFitH(dst, std::min(d.y, style::page_height));
        dests[anchor] = dst;
    }
    Tagger tags(layout, pages.size());
    for (size_t i = 0; i < layout.pages.size(); ++i) {
        HPDF_Page page = pages[i];
        const int pi = static_cast<int>(i);
        for (const Box& box : layout.pages[i].boxes) {
            paint_decoration(page, box, false, tags);
            paint_chart(page, pi, box, fonts, tags);
            paint_text(page, pi, box, fonts, tags);
            paint_decoration(page, box, true, tags);
        }
        for (const Box& box : layout.pages[i].boxes) paint_links(page, pi, box, dests, tags);
    }
    tags.finish(pdf, pages);
    add_outline(pdf, layout, dests);
    HPDF_AddPageLabel(pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, nullptr);
    return tags.written();
}

}  // namespace ep::pdf
