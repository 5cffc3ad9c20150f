// The layout pass's result: pages of positioned boxes, each knowing its role.
// Nothing here refers to libharu, so the result can be inspected by tests and, later, wrapped
// in marked content for tagged PDF by the paint pass.
//
// Coordinates are PDF user space: points, origin at the bottom-left of the A4 page.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/document.h"
#include "pdf/fonts.h"
#include "pdf/pdf_writer.h"
#include "pdf/style.h"

namespace ep::pdf {


enum class Role {
    Cover,            // cover page text
    ContentsEntry,    // one line (or wrapped lines) of the contents list
    Heading,
    Paragraph,
    ListLabel,        // the bullet or number of a list item
    ListBody,         // text of a list item
    Quote,            // text inside a block quote
    TableCaption,
    TableHeaderCell,
    TableCell,
    TableGroupRow,    // full-width group heading row
    TableRules,       // rules and fills of a table (decoration)
    TableSource,
    Figure,           // the chart itself
    FigureCaption,
    FigureSummary,
    FigureSource,
    FootnoteRule,
    Footnote,
    Header,           // running header (artifact)
    Footer,           // running footer (artifact)
    Rule,             // a thematic break
    FactsPanel,       // the shaded box of a fact panel (decoration)
    FactLabel,        // a fact's label ("Saving")
    FactValue,        // a fact's value
};

const char* role_name(Role r);

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;  // y is the bottom edge
    float top() const { return y + h; }
    float right() const { return x + w; }
};

// One piece of text drawn in one font at one position.
struct TextPiece {
    float x = 0, baseline = 0;
    Face face = Face::Regular;
    float size = style::body_size;
    style::Color color = style::ink;
    std::string text;   // UTF-8
    float width = 0;    // measured advance (kerned, FontSet::width), equal to what is drawn
    int link = -1;      // index into the box's links: this text is (part of) that link
    bool artifact = false;  // decoration inside a tagged box (the contents' dot leaders)
    float word_spacing = 0;  // justified text: extra width of each space character, already
                             // included in `width`
    std::string lang{};        // non-empty: text in another language than the document's, content
                               // of a Span with this /Lang (Run::lang)
    bool space_after = false;  // a word space follows in the text but is not set as a character
                               // (the line wrapped there, or a number stands apart from its
                               // title): the paint pass shows it after `text`, not in `width`
};

struct RuleLine {
    float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    float width = 0.5f;
    style::Color color = style::rule_light;
};

struct Fill {
    Rect rect;
    style::Color color = style::tint;
};

// A clickable area: "#anchor" (internal) or a URL.
struct LinkArea {
    Rect rect;
    std::string target;
};

// What untagged content is, for tagged PDF: decoration (rules, fills), or pagination
// (running header and footer, repeated table headers and "(continued)" captions).
enum class Artifact { Layout, Pagination, Header, Footer };

struct Box {
    Role role = Role::Paragraph;
    int node = -1;             // the structure element (Layout::structure) this box's text is
                               // content of; -1: the whole box is an artifact
    Artifact artifact = Artifact::Layout;   // node == -1: which kind of artifact
    Rect rect;                 // the area the box's ink occupies
    int block_id = 0;          // the same for all boxes of one model block split across pages
    int level = 0;             // Heading level, list depth
    std::string anchor;        // Heading: destination name
    std::vector<Fill> fills;   // painted first
    std::vector<RuleLine> rules;
    std::vector<TextPiece> text;
    std::vector<LinkArea> links;
    const model::Figure* figure = nullptr;  // Role::Figure: chart drawn into rect
};

struct PageLayout {
    std::vector<Box> boxes;
    std::string running_title;   // section short title for the header ("" on the cover)
};

struct OutlineEntry {
    int level = 1;
    std::string title;   // UTF-8 (the bookmark is a UTF-16 text string)
    std::string anchor;
};

struct Destination {
    int page = 0;   // 0-based page index
    float y = 0;    // top of the target
};

// The logical structure of the document, for tagged PDF (PDF/UA). The layout builds the
// tree of block-level elements in reading order; the paint pass adds what it draws (marked-
// content references, Link elements around linked text, link annotations) and attaches each
// footnote's Note after the reference mark that first cites it.
struct StructKid {
    int node = -1;    // a child element, or
    int page = -1;    // marked content: 0-based page and its MCID on that page, or
    int mcid = -1;
    int annot = -1;   // an annotation (index into the paint pass's annotation list) on `page`
    static StructKid element(int n) {
        StructKid k;
        k.node = n;
        return k;
    }
};

struct StructNode {
    std::string type;             // standard structure type: Document, Sect, H1..H6, P, L, LI, ...
    int parent = -1;              // -1: the root (Document), or a Note not yet attached
    std::vector<StructKid> kids;  // in reading order
    std::string alt;              // Figure: alternate description (UTF-8)
    std::string scope;            // TH: "Column" or "Row"
    int col_span = 1;             // TH/TD spanning several columns
    std::string id;               // Note: its /ID ("fn-3")
    std::string lang;             // Span (or Link) in another language: its /Lang ("cy")
    Rect bbox;                    // Figure: where it is drawn (bbox.w > 0 when set)
    static StructNode of(std::string type, int parent = -1) {
        StructNode n;
        n.type = std::move(type);
        n.parent = parent;
        return n;
    }
};

// Where the targets of cross-references ("#anchor" links in body text) and the references
// themselves landed in one layout pass. The next pass prints " (page N)" after a reference
// whose target is on another page.
struct CrossRefPages {
    std::map<std::string, int> targets;   // heading, table and figure anchor -> 1-based page
    std::vector<int> refs;                // each cross-reference in layout order -> 1-based page
    std::vector<char> shown;              // ... and whether it was given a page number
    bool operator==(const CrossRefPages&) const = default;
};

struct Layout {
    std::vector<PageLayout> pages;
    std::vector<StructNode> structure;                 // [0] is the Document element
    std::map<std::string, Destination> destinations;  // heading anchors and "fn-N"
    std::vector<OutlineEntry> outline;                 // headings of level 1-3, in order
    std::map<std::string, int> heading_pages;          // anchor -> 1-based printed page number
    CrossRefPages xref;                                // cross-references and their targets
};

// Lays out the whole document: cover, contents, body, footnotes, running header and footer.
// Runs the layout repeatedly until the contents page numbers and the page numbers added to
// cross-references are stable.
Layout lay_out_document(const model::Document& doc, const FontSet& fonts, const PdfDesign& design = {});

// Convenience for tests and tools: loads the fonts into a scratch libharu document.
Layout lay_out_document(const model::Document& doc, const PdfOptions& options);

}  // namespace ep::pdf
