// The layout engine (internal): flows the document's blocks onto pages.
// One Composer makes one layout pass; lay_out_document() runs passes until the page numbers
// printed in the contents agree with where the headings landed.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/document.h"
#include "pdf/fonts.h"
#include "pdf/layout.h"
#include "pdf/pdf_writer.h"
#include "pdf/text_layout.h"

namespace ep::pdf {

// Where a block is being set: its column and the role its text plays.
struct Column {
    float x = style::text_left;
    float width = style::text_width;
    int depth = 0;                 // list nesting
    float hang = 0;                // margin left of x where paragraph and heading numbers hang
    Role text_role = Role::Paragraph;
};

// The sections the PDF adds after the document's own: "Sources" (the sources list and the
// audit's checks on the source figures). Empty when there is nothing to list.
std::vector<model::Section> back_matter(const model::Document& doc);

class Composer {
public:
    // `back_matter` are sections the writer adds after the document's own (the sources).
    // `xref` is where the previous pass put cross-references and their targets; with `sticky`
    // a reference that had a page number then keeps one (so the passes settle).
    Composer(const model::Document& doc, const FontSet& fonts, const std::map<std::string, int>& page_numbers,
             const PdfDesign& design = {}, const std::vector<model::Section>& back_matter = {},
             const CrossRefPages& xref = {}, bool sticky = false);
    Layout run();

private:
    // ---- front matter (front_matter.cpp)
    void cover();
    void contents();
    void contents_entry(int level, const std::string& number, const std::string& title, const std::string& anchor);

    // ---- body blocks (block_layout.cpp)
    void section(const model::Section& s);
    void blocks(const model::Blocks& list, const Column& col, bool tight);
    void block(const model::Block& b, const model::Block* next, const Column& col);
    void heading(const model::Block& b, const model::Block* next, const Column& col);
    void text_block(const model::Runs& runs, const TextStyle& st, const Column& col);
    // Adds " (page N)" after each cross-reference whose target the previous pass put on another
    // page; `refs` gets each returned run's reference number (-1: not a cross-reference).
    model::Runs with_page_refs(const model::Runs& runs, std::vector<int>& refs);
    void numbered_paragraph(const model::Block& b, const Column& col);
    void list(const model::Block& b, const Column& col);
    void quote(const model::Block& b, const Column& col);
    void rule(const Column& col);
    float lead_height(const model::Block* b, const Column& col) const;   // keep-with-next need
    float heading_height(const model::Block& b, const Column& col) const;

    // ---- tables and figures (table_layout.cpp, figure_layout.cpp)
    void table(const model::Table& t, const Column& col);
    float table_lead_height(const model::Table& t, const Column& col) const;
    void figure(const model::Figure& f, const Column& col);
    float figure_height(const model::Figure& f, const Column& col) const;
    // ---- fact panels (facts_layout.cpp)
    void facts(const model::Block& b, const Column& col);
    float facts_lead_height(const model::Block& b, const Column& col) const;   // keep-with-heading need

    // ---- pagination (flow.cpp)
    void new_page();
    void finish_page();
    void space(float h);                                  // vertical gap, dropped at a page top
    bool fits(float h, const std::vector<int>& notes = {}) const;
    void ensure(float h, const std::vector<int>& notes = {});   // new page unless it fits
    float take(float h, const std::vector<int>& notes = {});   // reserves h; returns its top
    float room() const;                                   // height left above the notes
    bool fresh() const { return fresh_; }
    int lines_that_fit(const std::vector<Line>& lines, size_t from, float leading) const;
    const std::vector<Line>& note_lines(int number);
    float note_height(int number) const;
    float notes_area(const std::vector<int>& extra) const;
    void add_box(Box box);
    int next_block_id() { return ++block_id_; }
    void place_quote_bars(Box& box);

    // ---- running header and footer (furniture.cpp)
    void page_furniture();

    // ---- logical structure for tagged PDF (layout.cpp)
    int add_node(const std::string& type, int parent);
    int leaf(const std::string& type);         // a new element under the current parent
    int open_node(const std::string& type);    // ... which then becomes the current parent
    void close_node();
    int parent() const { return parents_.back(); }
    std::string heading_tag(int level);        // H1..H6, never skipping a level
    int text_node_ = -1;                       // element for the next text_block (-1: a new P)

    const model::Document& doc_;
    const PdfDesign design_;
    const std::vector<model::Section>& back_matter_;
    const FontSet& fonts_;
    const std::map<std::string, int>& page_numbers_;
    const CrossRefPages& prev_xref_;
    bool sticky_ = false;
    Layout out_;

    // Page state.
    float y_ = 0;                    // top of the free space on the current page
    float pending_gap_ = 0;
    bool fresh_ = true;              // nothing placed on the page yet
    std::vector<int> page_notes_;    // footnotes set at the foot of this page
    std::set<int> noted_;            // footnotes already placed somewhere
    mutable std::map<int, std::vector<Line>> note_cache_;
    std::string running_title_;
    int block_id_ = 0;
    int current_block_ = 0;
    std::vector<int> parents_;       // open structure elements; [0] is the Document
    int heading_level_ = 0;          // level of the last heading tagged
    bool contents_continued_ = false;
    bool next_on_new_page_ = true;   // the next section opens a page (design_.section_per_page, or after a cover)
    bool justify_ = false;           // body paragraphs are justified: design_.justify, except in the
                                     // back matter (the sources list reads better ragged)

    // A list label waiting for the first line of its item's text.
    struct PendingLabel {
        std::string text;
        float x = 0;
        int depth = 0;
        int node = -1;      // its Lbl element
    };
    std::optional<PendingLabel> label_;

    // Block quotes draw a bar left of their text; bars join across a quote's paragraphs.
    int quote_depth_ = 0;
    std::vector<float> quote_bar_x_;
    float quote_prev_bottom_ = 0;
    int quote_prev_page_ = -1;
};

}  // namespace ep::pdf
