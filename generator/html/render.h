// Internal to the HTML writer: turning model blocks and runs into HTML fragments.
// Fragments are built in C++ (not in templates) because the model is recursive (lists hold
// blocks, quotes hold blocks) and Mustache has no recursion; every text piece is escaped here
// with ep::html_escape and the templates insert the finished fragment with {{{ }}}.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/document.h"

namespace ep::html {

inline constexpr const char* kSourcesPage = "sources.html";

// Where each anchor lives, so "#anchor" links can point at the right page.
struct LinkTargets {
    std::unordered_map<std::string, std::string> page_of_anchor;  // anchor -> "slug.html"
};

// Built once per document: headings, tables, figures and footnotes, first occurrence wins.
LinkTargets map_anchors(const model::Document& doc);

// State for rendering one page.
struct PageContext {
    const model::Document& doc;
    const LinkTargets& targets;
    std::string page;                // file name of the page being rendered ("costs.html")
    std::map<int, int> refs_seen;    // footnote number -> references rendered so far
};

std::string footnote_anchor(const model::Document& doc, int number);   // "fn-3"

// href for a link run: internal anchors resolved to their page; "" for what the link policy
// (core/links.h) refuses, which is then rendered as plain text.
std::string resolve_href(const std::string& link, const PageContext& ctx);

std::string render_runs(const model::Runs& runs, PageContext& ctx);

// `text` escaped for an element's content, with every word longer than long_word_characters
// (a URL, a code, a long name) in <span class="ep-long-word"> and a <wbr> at each of its
// preferred break points (core/word_break.h), so a browser breaks it there first, and anywhere
// (site.css) only if a piece is still too wide: a table cell or a phone's screen never
// overflows. Never for attributes or <title>.
constexpr size_t long_word_characters = 40;
std::string breakable_html(std::string_view text);

// The "Source: ..." line under a table or figure. With source codes, each source's title links to
// its entry on the sources page; otherwise the model's runs are rendered as they are.
std::string render_source_line(const model::Runs& runs, const std::vector<std::string>& codes, PageContext& ctx);
std::string source_anchor(const std::string& code);   // "source-tp_report", id on the sources page

std::string render_blocks(const model::Blocks& blocks, PageContext& ctx);
std::string render_table(const model::Table& table, PageContext& ctx);
std::string render_figure(const model::Figure& figure, PageContext& ctx);

// "1.2 MB" / "3 KB": sizes for download links.
std::string human_size(long long bytes);

}  // namespace ep::html
