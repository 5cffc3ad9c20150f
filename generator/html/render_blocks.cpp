// Block rendering: headings, paragraphs, lists, quotes and rules; tables and figures are in
// render_table.cpp.
#include <algorithm>
#include <string>

#include "core/text.h"
#include "html/render.h"

namespace ep::html {

namespace {

std::string render_heading(const model::Block& b, PageContext& ctx) {
    std::string tag = "h" + std::to_string(std::clamp(b.level, 1, 6));
    std::string id = b.anchor.empty() ? "" : " id=\"" + html_escape(b.anchor) + "\"";
    std::string number = b.number.empty()
                             ? ""
                             : "<span class=\"ep-heading-number\">" + html_escape(b.number) + "</span> ";
    return "<" + tag + id + ">" + number + render_runs(b.runs, ctx) + "</" + tag + ">\n";
}

std::string render_list(const model::Block& b, PageContext& ctx) {
    std::string tag = b.ordered ? "ol" : "ul";
    std::string open = "<" + tag + " class=\"ep-list\"";
    if (b.ordered && b.start != 1) open += " start=\"" + std::to_string(b.start) + "\"";
    std::string out = open + ">\n";
    for (const auto& item : b.items) out += "<li>" + render_blocks(item.blocks, ctx) + "</li>\n";
    return out + "</" + tag + ">\n";
}

// A fact panel (```facts): a description list, each label and value kept together in a div
// (allowed inside <dl>), so the panel can lay them out as rows or as a grid.
std::string render_facts(const model::Block& b, PageContext& ctx) {
    std::string out = "<dl class=\"ep-facts\">\n";
    for (const auto& f : b.facts)
        out += "<div class=\"ep-fact\"><dt>" + html_escape(f.label) + "</dt><dd>" + render_runs(f.value, ctx) +
               "</dd></div>\n";
    return out + "</dl>\n";
}

std::string render_block(const model::Block& b, PageContext& ctx) {
    switch (b.kind) {
        case model::BlockKind::Heading: return render_heading(b, ctx);
        case model::BlockKind::Paragraph:
            if (b.number.empty()) return "<p>" + render_runs(b.runs, ctx) + "</p>\n";
            // A committee paper's numbered paragraph, linkable as #para-2-3.
            return "<p class=\"ep-numbered\" id=\"para-" + slugify(b.number) + "\"><span class=\"ep-para-number\">" +
                   html_escape(b.number) + "</span> " + render_runs(b.runs, ctx) + "</p>\n";
        case model::BlockKind::List: return render_list(b, ctx);
        case model::BlockKind::Quote:
            return "<blockquote class=\"ep-quote\">\n" + render_blocks(b.children, ctx) + "</blockquote>\n";
        case model::BlockKind::Rule: return "<hr>\n";
        case model::BlockKind::Facts: return render_facts(b, ctx);
        case model::BlockKind::Table: return b.table ? render_table(*b.table, ctx) : "";
        case model::BlockKind::Figure: return b.figure ? render_figure(*b.figure, ctx) : "";
    }
    return "";
}

}  // namespace

std::string render_blocks(const model::Blocks& blocks, PageContext& ctx) {
    std::string out;
    for (const auto& b : blocks) out += render_block(b, ctx);
    return out;
}

}  // namespace ep::html
