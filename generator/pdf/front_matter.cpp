// The cover page and the contents list.
#include <algorithm>
#include <cmath>

#include "core/format.h"
#include "core/text.h"
#include "pdf/composer.h"

namespace ep::pdf {

namespace {

// Sets `text` in lines at `top`, returning the height used.
float set_text(Box& box, const FontSet& fonts, const std::string& text, const TextStyle& st, float x, float top,
               float width) {
    const auto lines = break_lines(plain_runs(text), st, width, fonts);
    float baseline = first_baseline(top, st.size, st.leading);
    for (const Line& l : lines) {
        emit_line(box, l, x, baseline);
        baseline -= st.leading;
    }
    return static_cast<float>(lines.size()) * st.leading;
}

}  // namespace

void Composer::cover() {
    running_title_.clear();
    new_page();
    const model::Metadata& m = doc_.meta;
    const float x = style::text_left;
    const float w = style::text_width;
    // Rules and the key-figure panel: decoration, painted under the text.
    Box deco;
    deco.role = Role::Cover;
    deco.rect = {x, style::text_bottom, w, style::text_top - style::text_bottom};
    deco.rules.push_back({x, style::text_top, x + w, style::text_top, 3.0f, style::accent});
    std::vector<Box> texts;
    // Each piece of cover text is its own element: the title a heading, the rest paragraphs.
    auto text = [&](const std::string& type, const std::string& t, const TextStyle& st, float tx, float top,
                    float tw) -> float {
        Box b;
        b.role = Role::Cover;
        b.node = leaf(type);
        b.block_id = next_block_id();
        const float h = set_text(b, fonts_, t, st, tx, top, tw);
        b.rect = {tx, top - h, tw, h};
        texts.push_back(std::move(b));
        return h;
    };

    float top = style::text_top - 48 * style::mm;
    if (!m.area.empty()) top -= text("P", m.area, {13, 17, true, false, style::accent}, x, top, w) + 10;
    top -= text(heading_tag(1), m.title, {28, 34, true, false, style::ink}, x, top, w) + 8;
    if (!m.subtitle.empty()) top -= text("P", m.subtitle, {15, 20, false, false, style::muted}, x, top, w);
    top -= 14;
    deco.rules.push_back({x, top, x + 30 * style::mm, top, 2.0f, style::accent});
    top -= 14;
    if (!m.date.empty()) top -= text("P", long_date(m.date, m.language), {12, 16, false, false, style::ink}, x, top, w);
    if (!m.version.empty())
        top -= text("P", term("Version", m.language) + " " + m.version, {10, 14, false, false, style::muted}, x, top, w);

    // Key figures: the few numbers a reader should leave with, in a tinted panel.
    const size_t n = std::min<size_t>(doc_.key_figures.size(), 6);
    if (n > 0) {
        const float col_w = (w - 3 * 10) / 2;
        const float row_h = 46;
        const float panel_h = 30 + row_h * std::ceil(static_cast<float>(n) / 2) + 6;
        const float panel_top = style::text_bottom + 16 + panel_h;
        deco.fills.push_back({{x, panel_top - panel_h, w, panel_h}, style::tint});
        text(heading_tag(2), "Key figures", {11, 14, true, false, style::accent}, x + 10, panel_top - 10, w - 20);
        for (size_t i = 0; i < n; ++i) {
            const float cx = x + 10 + static_cast<float>(i % 2) * (col_w + 10);
            const float cy = panel_top - 30 - static_cast<float>(i / 2) * row_h;
            const auto& kf = doc_.key_figures[i];
            // Value and label read as one paragraph: "£6.2 billion Public sector spend ...".
            Box b;
            b.role = Role::Cover;
            b.node = leaf("P");
            b.block_id = next_block_id();
            const float vh = set_text(b, fonts_, kf.value, {16, 19, true, false, style::accent}, cx, cy, col_w);
            if (!b.text.empty()) b.text.back().space_after = true;
            const float lh = set_text(b, fonts_, kf.label, {8.5f, 10.5f, false, false, style::ink}, cx, cy - vh, col_w);
            b.rect = {cx, cy - vh - lh, col_w, vh + lh};
            texts.push_back(std::move(b));
        }
    }
    if (!m.author.empty())
        text("P", m.author, {9, 12, false, false, style::muted}, x, style::text_bottom + 12, w);
    current_block_ = next_block_id();
    add_box(std::move(deco));
    for (Box& b : texts) add_box(std::move(b));
}

void Composer::contents() {
    running_title_ = term("Contents", doc_.meta.language);
    new_page();
    open_node("Sect");
    model::Block title;
    title.kind = model::BlockKind::Heading;
    title.level = 1;
    title.anchor = "ep-contents";   // prefixed so it cannot clash with a document heading
    title.runs = plain_runs(running_title_);
    current_block_ = next_block_id();
    heading(title, nullptr, Column{});
    // TOC > TOCI per section, each holding its entry and a nested TOC of its subsections.
    open_node("TOC");
    auto list_section = [&](const model::Section& s) {
        std::string anchor = s.blocks.empty() ? std::string() : s.blocks.front().anchor;
        open_node("TOCI");
        contents_entry(1, s.number, s.title, anchor);
        bool nested = false;
        for (const model::Block& b : s.blocks) {
            if (b.kind != model::BlockKind::Heading || b.level != 2) continue;
            if (!nested) open_node("TOC");
            nested = true;
            open_node("TOCI");
            contents_entry(2, b.number, plain_text(b.runs), b.anchor);
            close_node();
        }
        if (nested) close_node();
        close_node();
    };
    for (const model::Section& s : doc_.sections) list_section(s);
    for (const model::Section& s : back_matter_) list_section(s);
    close_node();
    close_node();
}

// One entry: number, title (wrapping under itself), dot leaders and the page number, the
// whole line a link to the heading.
void Composer::contents_entry(int level, const std::string& number, const std::string& title,
                              const std::string& anchor) {
    const bool top_level = level == 1;
    const TextStyle st{style::body_size, style::body_leading, top_level, false, style::ink};
    const Face face = top_level ? Face::Bold : Face::Regular;
    const float num_x = style::text_left + (top_level ? 0 : 10 * style::mm);
    const float text_x = num_x + (top_level ? 10 : 12) * style::mm;
    const float page_col = 28;   // fixed, so page numbers never change the line breaks
    const auto lines = break_lines(plain_runs(title, top_level), st, style::text_right - page_col - text_x, fonts_);
    if (lines.empty()) return;
    const float h = static_cast<float>(lines.size()) * st.leading;

    current_block_ = next_block_id();
    space(top_level ? 9 : 2);
    const size_t pages_before = out_.pages.size();
    ensure(h);
    if (out_.pages.size() != pages_before) {
        // Later contents pages say so; the repeat is pagination, not part of the structure.
        const TextStyle cst{style::h3_size, style::h3_leading, true, false, style::accent};
        const auto clines = break_lines(plain_runs("Contents (continued)", true), cst, style::text_width, fonts_);
        const float ch = static_cast<float>(clines.size()) * cst.leading;
        const float ctop = take(ch);
        Box cont;
        cont.role = Role::Heading;
        cont.level = 1;
        cont.artifact = Artifact::Pagination;
        cont.rect = {style::text_left, ctop - ch, style::text_width, ch};
        float cb = first_baseline(ctop, cst.size, cst.leading);
        for (const Line& l : clines) {
            emit_line(cont, l, style::text_left, cb);
            cb -= cst.leading;
        }
        add_box(std::move(cont));
        space(style::h2_after + 4);
        ensure(h);
    }
    const float top = take(h);
    Box box;
    box.role = Role::ContentsEntry;
    box.level = level;
    box.node = leaf("Reference");   // TOCI > Reference > Link (added by the paint pass)
    box.rect = {style::text_left, top - h, style::text_width, h};
    float baseline = first_baseline(top, st.size, st.leading);
    const std::string& num = number;
    if (!num.empty()) box.text.push_back({num_x, baseline, face, st.size, style::accent, num, fonts_.width(face, st.size, num)});
    for (const Line& l : lines) {
        emit_line(box, l, text_x, baseline);
        baseline -= st.leading;
    }
    baseline += st.leading;
    auto it = page_numbers_.find(anchor);
    const std::string page = it == page_numbers_.end() ? std::string() : std::to_string(it->second);
    // The link's text reads "1.2 Title 5": a space after the number and before the page number
    // (the dot leaders between them are an artifact).
    if (!num.empty()) box.text.front().space_after = true;
    if (!page.empty() && !box.text.empty()) box.text.back().space_after = true;
    const float pw = fonts_.width(face, st.size, page);
    box.text.push_back({style::text_right - pw, baseline, face, st.size, style::ink, page, pw});
    // Dot leaders on a fixed pitch measured from the right, so the dots line up down the page.
    const float pitch = fonts_.width(Face::Regular, st.size, ". ");
    const float from = text_x + lines.back().width + 6;
    const float to = style::text_right - page_col + 4;
    const int dots = static_cast<int>(std::floor((to - from) / pitch));
    if (dots > 0) {
        std::string leader;
        for (int i = 0; i < dots; ++i) leader += ". ";
        TextPiece dots_piece{to - dots * pitch, baseline, Face::Regular, st.size, style::muted, leader, dots * pitch};
        dots_piece.artifact = true;   // dot leaders are decoration
        box.text.push_back(std::move(dots_piece));
    }
    if (!anchor.empty()) {
        // The whole entry is one link: number, title and page number are its text.
        box.links.push_back({box.rect, "#" + anchor});
        for (TextPiece& t : box.text)
            if (!t.artifact) t.link = 0;
    }
    add_box(std::move(box));
}

}  // namespace ep::pdf
