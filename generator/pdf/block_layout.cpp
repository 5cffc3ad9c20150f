// Sections, headings, paragraphs, lists, quotes and rules.
#include <algorithm>

#include "core/text.h"
#include "core/format.h"
#include "pdf/composer.h"
#include "pdf/line_cache.h"

namespace ep::pdf {

namespace {

struct HeadingStyle {
    float size, leading, before, after;
    style::Color color;
};

HeadingStyle heading_style(int level) {
    switch (level) {
        case 1: return {style::h1_size, style::h1_leading, style::h1_before, style::h1_after, style::accent};
        case 2: return {style::h2_size, style::h2_leading, style::h2_before, style::h2_after, style::accent};
        case 3: return {style::h3_size, style::h3_leading, style::h3_before, style::h3_after, style::ink};
        default: return {style::h4_size, style::h4_leading, style::h4_before, style::h4_after, style::ink};
    }
}

constexpr float h1_rule_space = 8.0f;   // the accent rule under a section title

// The space between two consecutive blocks of a container.
float gap_between(const model::Block& prev, const model::Block& cur) {
    if (prev.kind == model::BlockKind::Heading) return 0;   // the heading's own space after applies
    switch (cur.kind) {
        case model::BlockKind::Heading: return heading_style(cur.level).before;
        case model::BlockKind::Table:
        case model::BlockKind::Figure:
        case model::BlockKind::Facts: return style::block_gap;
        default: break;
    }
    if (prev.kind == model::BlockKind::Table || prev.kind == model::BlockKind::Figure ||
        prev.kind == model::BlockKind::Facts)
        return style::block_gap;
    return style::paragraph_gap;
}

TextStyle body_style() { return TextStyle{}; }

}  // namespace

void Composer::section(const model::Section& s) {
    running_title_ = s.short_title.empty() ? s.title : s.short_title;
    // Sections of a long pack open on a new page: they are read (and photocopied) on their own.
    // A committee paper's sections run on, with a gap.
    if (next_on_new_page_ || design_.section_per_page || out_.pages.empty()) new_page();
    else space(style::section_gap);
    next_on_new_page_ = false;
    open_node("Sect");
    // In a section with numbered paragraphs, the numbers hang in a margin and everything
    // under the title lines up with the paragraphs' text.
    const bool numbered = std::any_of(s.blocks.begin(), s.blocks.end(), [](const model::Block& b) {
        return b.kind == model::BlockKind::Paragraph && !b.number.empty();
    });
    if (!numbered || s.blocks.empty()) {
        blocks(s.blocks, Column{}, false);
    } else {
        Column body;
        body.hang = style::paragraph_number_indent;
        body.x += body.hang;
        body.width -= body.hang;
        for (size_t i = 0; i < s.blocks.size(); ++i) {
            if (i > 0) space(gap_between(s.blocks[i - 1], s.blocks[i]));
            const model::Block* next = i + 1 < s.blocks.size() ? &s.blocks[i + 1] : nullptr;
            block(s.blocks[i], next, i == 0 ? Column{} : body);
        }
    }
    close_node();
}

void Composer::blocks(const model::Blocks& list, const Column& col, bool tight) {
    for (size_t i = 0; i < list.size(); ++i) {
        if (i > 0) space(tight ? style::list_item_gap : gap_between(list[i - 1], list[i]));
        const model::Block* next = i + 1 < list.size() ? &list[i + 1] : nullptr;
        block(list[i], next, col);
    }
}

void Composer::block(const model::Block& b, const model::Block* next, const Column& col) {
    current_block_ = next_block_id();
    switch (b.kind) {
        case model::BlockKind::Heading: heading(b, next, col); break;
        case model::BlockKind::Paragraph:
            if (b.number.empty()) text_block(b.runs, body_style(), col);
            else numbered_paragraph(b, col);
            break;
        case model::BlockKind::List: list(b, col); break;
        case model::BlockKind::Quote: quote(b, col); break;
        case model::BlockKind::Rule: rule(col); break;
        case model::BlockKind::Table:
            if (b.table) table(*b.table, col);
            break;
        case model::BlockKind::Figure:
            if (b.figure) figure(*b.figure, col);
            break;
        case model::BlockKind::Facts: facts(b, col); break;
    }
}

// ---- headings --------------------------------------------------------------------------

namespace {

struct HeadingLines {
    std::vector<Line> lines;
    std::string number;
    float text_indent = 0;  // the title hangs after the number
};

HeadingLines heading_lines(const model::Block& b, const Column& col, const FontSet& fonts) {
    const HeadingStyle hs = heading_style(b.level);
    HeadingLines h;
    h.number = b.number;
    // A number hangs in the column's margin when it has one, else the title follows it.
    if (!h.number.empty() && col.hang == 0) h.text_indent = fonts.width(Face::Bold, hs.size, h.number) + hs.size * 0.7f;
    h.lines = cached_break_lines(b.runs, TextStyle{hs.size, hs.leading, true, false, hs.color},
                                 col.width - h.text_indent, fonts);
    if (h.lines.empty()) h.lines.emplace_back();
    return h;
}

}  // namespace

float Composer::heading_height(const model::Block& b, const Column& col) const {
    const HeadingStyle hs = heading_style(b.level);
    const float rule = b.level == 1 ? h1_rule_space : 0;
    return static_cast<float>(heading_lines(b, col, fonts_).lines.size()) * hs.leading + rule + hs.after;
}

// How much of the next block must fit below a heading for the heading to stay on this page.
float Composer::lead_height(const model::Block* b, const Column& col) const {
    if (!b) return 0;
    switch (b->kind) {
        case model::BlockKind::Paragraph: {
            const size_t lines = cached_line_count(b->runs, body_style(), col.width, fonts_);
            return std::min<float>(2, static_cast<float>(lines)) * style::body_leading;
        }
        case model::BlockKind::List:
        case model::BlockKind::Quote: return 2 * style::body_leading;
        case model::BlockKind::Heading: return heading_height(*b, col) + style::body_leading;
        case model::BlockKind::Table: return b->table ? table_lead_height(*b->table, col) : 0;
        case model::BlockKind::Figure: return b->figure ? figure_height(*b->figure, col) : 0;
        case model::BlockKind::Facts: return facts_lead_height(*b, col);
        case model::BlockKind::Rule: return 0;
    }
    return 0;
}

void Composer::heading(const model::Block& b, const model::Block* next, const Column& col) {
    const HeadingStyle hs = heading_style(b.level);
    const HeadingLines h = heading_lines(b, col, fonts_);
    const float rule = b.level == 1 ? h1_rule_space : 0;
    const float height = static_cast<float>(h.lines.size()) * hs.leading + rule;
    if (!fresh()) space(hs.before);
    // Keep the heading with the start of what it introduces.
    ensure(height + hs.after + lead_height(next, col));
    const float top = take(height);

    Box box;
    box.role = Role::Heading;
    box.level = b.level;
    box.anchor = b.anchor;
    box.node = leaf(heading_tag(b.level));
    box.rect = {col.x - col.hang, top - height, col.width + col.hang, height};
    float baseline = first_baseline(top, hs.size, hs.leading);
    if (!h.number.empty()) {
        box.text.push_back({col.x - col.hang, baseline, Face::Bold, hs.size, hs.color, h.number,
                            fonts_.width(Face::Bold, hs.size, h.number)});
        box.text.back().space_after = true;   // the heading's text reads "1.2 Title", not "1.2Title"
    }
    for (const Line& line : h.lines) {
        emit_line(box, line, col.x + h.text_indent, baseline);
        baseline -= hs.leading;
    }
    if (b.level == 1) {
        const float ry = top - height + 3;
        box.rules.push_back({col.x, ry, col.x + col.width, ry, 1.5f, style::accent});
    }
    const int page = static_cast<int>(out_.pages.size()) - 1;
    if (!b.anchor.empty()) {
        out_.destinations[b.anchor] = {page, top + 4};
        out_.heading_pages[b.anchor] = page + 1;
    }
    if (b.level <= 3) {
        std::string title = b.number.empty() ? plain_text(b.runs) : b.number + " " + plain_text(b.runs);
        out_.outline.push_back({b.level, title, b.anchor});
    }
    add_box(std::move(box));
    space(hs.after);
}

// ---- paragraphs --------------------------------------------------------------------------

// Sets lines across pages, never leaving a single line of a paragraph alone at the foot
// (orphan) or the head (widow) of a page when that can be helped.
void Composer::text_block(const model::Runs& runs, const TextStyle& st, const Column& col) {
    std::vector<int> refs;
    const model::Runs set = with_page_refs(runs, refs);
    std::vector<Line> lines = cached_break_lines(set, st, col.width, fonts_, refs);
    if (justify_) justify_paragraph(lines, col.width, st.size);   // body text only
    // One element for the whole block, however many pages it runs over.
    const int node = text_node_ >= 0 ? text_node_ : leaf("P");
    text_node_ = -1;
    size_t i = 0;
    while (i < lines.size()) {
        const size_t rest = lines.size() - i;
        size_t k = static_cast<size_t>(lines_that_fit(lines, i, st.leading));
        if (k < rest) {
            if (rest - k == 1) k = k >= 3 ? k - 1 : 0;   // widow: carry one more line over
            if (k == 1) k = 0;                          // orphan: start on the next page
            if (k == 0) {
                if (!fresh()) {
                    new_page();
                    continue;
                }
                k = std::max<size_t>(1, static_cast<size_t>(lines_that_fit(lines, i, st.leading)));
            }
        }
        std::vector<int> notes;
        for (size_t j = i; j < i + k; ++j)
            notes.insert(notes.end(), lines[j].footnotes.begin(), lines[j].footnotes.end());
        const float height = static_cast<float>(k) * st.leading;
        const float top = take(height, notes);

        Box box;
        box.role = col.text_role;
        box.level = col.depth;
        box.node = node;
        box.rect = {col.x, top - height, col.width, height};
        float baseline = first_baseline(top, st.size, st.leading);
        if (label_) {
            Box label;
            label.role = Role::ListLabel;
            label.level = label_->depth;
            label.node = label_->node;
            const float w = fonts_.width(Face::Regular, st.size, label_->text);
            label.rect = {label_->x, top - st.leading, w, st.leading};
            label.text.push_back({label_->x, baseline, Face::Regular, st.size, style::accent, label_->text, w});
            add_box(std::move(label));
            label_.reset();
        }
        const int page = static_cast<int>(out_.pages.size());
        for (size_t j = i; j < i + k; ++j) {
            emit_line(box, lines[j], col.x, baseline);
            baseline -= st.leading;
            // A reference is where its first word is.
            for (const Fragment& f : lines[j].fragments)
                if (f.attrs.ref >= 0 && out_.xref.refs[static_cast<size_t>(f.attrs.ref)] == 0)
                    out_.xref.refs[static_cast<size_t>(f.attrs.ref)] = page;
        }
        place_quote_bars(box);
        add_box(std::move(box));
        i += k;
        if (i < lines.size()) new_page();
    }
}

// A cross-reference is a "#anchor" link (one or more consecutive runs with the same link).
// References are numbered in layout order, the same in every pass, so a pass can look up where
// the previous one put each of them.
model::Runs Composer::with_page_refs(const model::Runs& runs, std::vector<int>& refs) {
    model::Runs out;
    refs.clear();
    for (size_t i = 0; i < runs.size(); ++i) {
        const model::Run& run = runs[i];
        out.push_back(run);
        if (run.footnote > 0 || run.link.size() < 2 || run.link[0] != '#') {
            refs.push_back(-1);
            continue;
        }
        const bool continues = i > 0 && runs[i - 1].footnote == 0 && runs[i - 1].link == run.link;
        if (!continues) {
            out_.xref.refs.push_back(0);   // its page, set when its line is placed
            out_.xref.shown.push_back(0);
        }
        const int ref = static_cast<int>(out_.xref.refs.size()) - 1;
        refs.push_back(ref);
        const bool ends = i + 1 == runs.size() || runs[i + 1].footnote > 0 || runs[i + 1].link != run.link;
        if (!ends) continue;
        const size_t n = static_cast<size_t>(ref);
        auto target = prev_xref_.targets.find(run.link.substr(1));
        if (target == prev_xref_.targets.end() || n >= prev_xref_.refs.size() || prev_xref_.refs[n] == 0) continue;
        const bool elsewhere = prev_xref_.refs[n] != target->second;
        if (!elsewhere && !(sticky_ && prev_xref_.shown[n])) continue;
        // Part of the same link, so the page number is clickable too; a no-break space keeps
        // "page" with its number.
        model::Run suffix = run;
        suffix.text = ", " + term("page", doc_.meta.language) + "\u00A0" + std::to_string(target->second);
        out.push_back(std::move(suffix));
        refs.push_back(ref);
        out_.xref.shown[n] = 1;
    }
    return out;
}

// ---- lists -------------------------------------------------------------------------------

// The indent of a nested list's or quote's text: `wanted`, or less (down to none) where the
// text would be narrower than style::min_nested_width.
namespace {
float nested_indent(const Column& col, float wanted) {
    return std::clamp(col.width - style::min_nested_width, 0.0f, wanted);
}
}  // namespace

void Composer::list(const model::Block& b, const Column& col) {
    const TextStyle st = body_style();
    std::vector<std::string> labels;
    float label_width = 0;
    for (size_t i = 0; i < b.items.size(); ++i) {
        std::string label = b.ordered ? std::to_string(b.start + static_cast<int>(i)) + "."
                                      : (col.depth % 2 == 0 ? "\u2022" : "\u2013");   // bullet, en dash
        label_width = std::max(label_width, fonts_.width(Face::Regular, st.size, label));
        labels.push_back(std::move(label));
    }
    const float wanted = std::max(style::list_indent, label_width + 7.0f);
    const float indent = nested_indent(col, wanted);
    Column inner = col;
    inner.x = col.x + indent;
    inner.width = col.width - indent;
    inner.depth = col.depth + 1;
    inner.text_role = col.text_role == Role::Quote ? Role::Quote : Role::ListBody;
    open_node("L");
    for (size_t i = 0; i < b.items.size(); ++i) {
        if (i > 0) space(style::list_item_gap);
        // Numbers are right-aligned on their full stops; bullets sit at the list's left edge.
        const float w = fonts_.width(Face::Regular, st.size, labels[i]);
        // Past the deepest indent the label hangs in the indent the level would have had.
        const float lx = (b.ordered ? col.x + label_width - w : col.x + 2.0f) + indent - wanted;
        open_node("LI");
        const int lbl = leaf("Lbl");
        label_ = PendingLabel{labels[i], lx, inner.depth, lbl};
        open_node("LBody");
        blocks(b.items[i].blocks, inner, true);
        close_node();
        close_node();
        label_.reset();
    }
    close_node();
}

// A committee paper's numbered paragraph: the number hangs in the margin of the text, as
// list numbers do, and is read as the start of the paragraph.
void Composer::numbered_paragraph(const model::Block& b, const Column& col) {
    Column inner = col;
    if (col.hang == 0) {   // no margin to hang in: make one
        inner.x = col.x + style::paragraph_number_indent;
        inner.width = col.width - style::paragraph_number_indent;
    }
    const int node = leaf("P");
    text_node_ = node;
    label_ = PendingLabel{b.number, inner.x - std::max(col.hang, style::paragraph_number_indent),
                          col.depth, node};
    text_block(b.runs, body_style(), inner);
    label_.reset();
}

// ---- quotes and rules --------------------------------------------------------------------

void Composer::quote(const model::Block& b, const Column& col) {
    const float indent = nested_indent(col, style::quote_indent);
    Column inner = col;
    inner.x = col.x + indent;
    inner.width = col.width - indent;
    inner.text_role = Role::Quote;
    ++quote_depth_;
    quote_bar_x_.push_back(inner.x - style::quote_bar_offset);
    quote_prev_page_ = -1;
    open_node("BlockQuote");
    blocks(b.children, inner, false);
    close_node();
    quote_bar_x_.pop_back();
    --quote_depth_;
    quote_prev_page_ = -1;
}

// Draws the quote bars beside `box`, joined to the previous box of the quote on the same page.
void Composer::place_quote_bars(Box& box) {
    if (quote_bar_x_.empty()) return;
    const int page = static_cast<int>(out_.pages.size()) - 1;
    const float top = quote_prev_page_ == page ? quote_prev_bottom_ : box.rect.top();
    for (float x : quote_bar_x_) box.rules.push_back({x, top, x, box.rect.y, 2.0f, style::rule_light});
    quote_prev_page_ = page;
    quote_prev_bottom_ = box.rect.y;
}

void Composer::rule(const Column& col) {
    ensure(12);
    const float top = take(12);
    Box box;
    box.role = Role::Rule;
    box.rect = {col.x, top - 12, col.width, 12};
    box.rules.push_back({col.x, top - 6, col.x + col.width, top - 6, 0.5f, style::rule_light});
    add_box(std::move(box));
}

}  // namespace ep::pdf
