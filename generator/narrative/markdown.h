// Markdown (CommonMark + GitHub extensions, via cmark-gfm) to document-model blocks.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/diagnostics.h"
#include "model/document.h"

namespace ep::narrative {

// Numbers footnotes through the whole document in order of first reference.
class FootnoteRegistry {
public:
    int number_for(const std::string& file, const std::string& label);
    // `key` identifies the definition (see number_for); `label` is the one written in the
    // Markdown ([^label]: ...), which notes linking to it name.
    void define(const std::string& file, const std::string& key, model::Runs runs, const std::string& label = {});
    // Footnotes in number order; an undefined one gets an error in `diags`. A link in a note to
    // kFootnoteLinkPrefix + the label of another note of its file becomes "note N", linking to
    // that note ("#fn-N").
    std::vector<model::Footnote> finish(Diagnostics& diags) const;
private:
    std::map<std::pair<std::string, std::string>, int> numbers_;
    std::map<int, model::Runs> text_;
    std::map<int, std::string> file_of_;   // note -> the file that defines it
    std::map<std::pair<std::string, std::string>, int> labelled_;   // (file, written label) -> note
    std::map<int, Location> first_use_;
public:
    void note_use(int number, const Location& where) { first_use_.emplace(number, where); }
};

// Builds a table or figure block from a fenced directive (```table / ```chart).
// `body_line` is the line of the first body line. Returns nullopt after reporting problems.
using DirectiveHandler = std::function<std::optional<model::Block>(
    const std::string& kind, const std::string& body, const std::string& file, int body_line, Diagnostics&)>;

// Markers that wrap a figure inserted by a placeholder (Unicode private use characters), so
// the converter can flag those runs as computed figures.
inline constexpr const char* kFigureOpen = "\xEE\x80\x80";   // U+E000
inline constexpr const char* kFigureClose = "\xEE\x80\x81";  // U+E001

// How deep Markdown may nest (docs/limits.md): block quotes and lists together (a list item
// is part of its list), and emphasis, strong emphasis, strikethrough, links and images
// together. One level deeper is an error at the construct that goes over.
inline constexpr int kMaxBlockNesting = 100;
inline constexpr int kMaxInlineNesting = 100;

struct MarkdownOptions {
    bool allow_raw_html = false;   // otherwise raw HTML is shown as text, with a warning
};

// Converts one Markdown file's (already placeholder-resolved) text. Nesting deeper than the
// limits above gives one error and no blocks, and sets *too_deep.
model::Blocks markdown_to_blocks(const std::string& text, const std::string& file, const MarkdownOptions& options,
                                 FootnoteRegistry& footnotes, const DirectiveHandler& directives,
                                 Diagnostics& diags, bool* too_deep = nullptr);

// True if `info` (a fence's info string) names a directive.
bool is_directive(const std::string& info);

// One line of inline Markdown (emphasis, code, links, figures from placeholders) as runs, for
// text held inside a directive such as a fact's value. It is never read as a block: a leading
// '#', '-' or '>' is text. A footnote reference (a {{ source }} placeholder) is an error at
// `where`, as its note could not be placed.
model::Runs markdown_inline(const std::string& text, const Location& where, Diagnostics& diags);

}  // namespace ep::narrative
