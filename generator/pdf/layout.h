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
#include "pdf/style.h"

namespace ep::pdf {

struct PdfOptions;

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
    std::string text;   // CP1252
    float width = 0;    // measured advance, equal to what libharu draws
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

struct Box {
    Role role = Role::Paragraph;
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
    std::string title;   // CP1252
    std::string anchor;
};

struct Destination {
    int page = 0;   // 0-based page index
    float y = 0;    // top of the target
};

struct Layout {
    std::vector<PageLayout> pages;
    std::map<std::string, Destination> destinations;  // heading anchors and "fn-N"
    std::vector<OutlineEntry> outline;                 // headings of level 1-3, in order
    std::map<std::string, int> heading_pages;          // anchor -> 1-based printed page number
};

// Lays out the whole document: cover, contents, body, footnotes, running header and footer.
// Runs the layout repeatedly until the contents page numbers are stable.
Layout lay_out_document(const model::Document& doc, const FontSet& fonts);

// Convenience for tests and tools: loads the fonts into a scratch libharu document.
Layout lay_out_document(const model::Document& doc, const PdfOptions& options);

}  // namespace ep::pdf
