#include "narrative/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string_view>

// cmark-gfm's public API gives a footnote reference only its number; its label lives on the
// definition it points to, which only the node struct exposes (installed by libcmark-gfm-dev).
extern "C" {
#include <cmark-gfm/node.h>
}

#include "core/language.h"
#include "core/links.h"
#include "narrative/resolve.h"
#include "core/text.h"

namespace ep::narrative {

int FootnoteRegistry::number_for(const std::string& file, const std::string& label) {
    auto key = std::make_pair(file, label);
    auto it = numbers_.find(key);
    if (it != numbers_.end()) return it->second;
    int n = static_cast<int>(numbers_.size()) + 1;
    numbers_[key] = n;
    return n;
}

void FootnoteRegistry::define(const std::string& file, const std::string& key, model::Runs runs, const std::string& label) {
    auto it = numbers_.find({file, key});
    if (it == numbers_.end()) return;   // defined but never cited: cmark drops it too
    text_[it->second] = std::move(runs);
    file_of_[it->second] = file;
    if (!label.empty()) labelled_[{file, label}] = it->second;
}

std::vector<model::Footnote> FootnoteRegistry::finish(Diagnostics& diags) const {
    std::vector<model::Footnote> out(numbers_.size());
    for (const auto& [key, n] : numbers_) {
        out[n - 1].number = n;
        out[n - 1].id = "fn-" + std::to_string(n);
        auto it = text_.find(n);
        if (it != text_.end()) {
            out[n - 1].runs = it->second;
            for (auto& run : out[n - 1].runs) {
                if (run.link.rfind(kFootnoteLinkPrefix, 0) != 0) continue;
                auto other = labelled_.find({file_of_.at(n), run.link.substr(std::string(kFootnoteLinkPrefix).size())});
                if (other == labelled_.end()) continue;   // cannot happen: the resolver names a note it wrote
                run.text += " " + std::to_string(other->second);
                run.link = "#fn-" + std::to_string(other->second);
            }
        } else {
            auto use = first_use_.find(n);
            diags.error(use != first_use_.end() ? use->second : Location{key.first, 0, 0},
                        "a footnote is cited but never defined");
        }
    }
    return out;
}

const std::vector<std::string>& directive_names() {
    static const std::vector<std::string> names = {"table", "chart", "plan", "facts", "savings"};
    return names;
}

bool is_directive(const std::string& info) {
    std::string word = trim(info.substr(0, info.find(' ')));
    const auto& names = directive_names();
    return std::find(names.begin(), names.end(), word) != names.end();
}

namespace {

struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};

bool is_ext(cmark_node* node, const char* name) {
    return std::strcmp(cmark_node_get_type_string(node), name) == 0;
}

// A node's place. cmark-gfm gives no place (line 0) to the paragraph its table extension
// makes of the lines above a table's header row, and the inlines in it get places counted
// from that paragraph's start (line 0, column 0 being its first character). The paragraph
// comes just before the table, which starts where the paragraph did.
Location node_place(cmark_node* n, const std::string& file) {
    cmark_node* lost = nullptr;
    for (cmark_node* a = n; a && cmark_node_get_type(a) != CMARK_NODE_DOCUMENT; a = cmark_node_parent(a))
        if (cmark_node_get_start_line(a) <= 0 && cmark_node_first_child(a)) lost = a;   // a block without a place
    if (!lost) return {file, cmark_node_get_start_line(n), cmark_node_get_start_column(n)};
    cmark_node* table = cmark_node_next(lost);
    const int line = table ? std::max(1, cmark_node_get_start_line(table)) : 1;
    const int column = table ? std::max(1, cmark_node_get_start_column(table)) : 1;
    if (lost == n) return {file, line, column};
    const int down = std::max(0, cmark_node_get_start_line(n));
    return {file, line + down, (down == 0 ? column : 1) + std::max(0, cmark_node_get_start_column(n))};
}

class Converter {
public:
    Converter(const std::string& file, const MarkdownOptions& opt, FootnoteRegistry& fn,
              const DirectiveHandler& dir, Diagnostics& d, const std::string& source = {})
        : file_(file), opt_(opt), footnotes_(fn), directives_(dir), diags_(d), lines_(split(source, '\n')) {}

    model::Blocks blocks_of(cmark_node* parent) {
        model::Blocks out;
        for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) block(n, out);
        return out;
    }

    // The runs of one paragraph node (markdown_inline).
    model::Runs paragraph_runs(cmark_node* paragraph) { return inlines(paragraph); }

private:
    // cmark-gfm's API exposes neither label of a footnote; a reference points at its
    // definition node, so the definition's address identifies the footnote within this parse.
    static std::string footnote_key(cmark_node* definition) {
        return std::to_string(reinterpret_cast<uintptr_t>(definition));
    }

    Location where(cmark_node* n) const { return node_place(n, file_); }
    std::string origin(cmark_node* n) const { return file_ + ":" + std::to_string(cmark_node_get_start_line(n)); }

    static constexpr size_t max_heading_characters = 500;

    void block(cmark_node* n, model::Blocks& out) {
        model::Block b;
        b.origin = origin(n);
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_HEADING: {
                b.kind = model::BlockKind::Heading;
                b.level = cmark_node_get_heading_level(n);
                b.runs = inlines(n);
                // A heading is set whole on one page (with the start of what follows), in the
                // contents and as a bookmark: past this it could be taller than a page.
                size_t characters = 0;
                for (const model::Run& r : b.runs)
                    for (char c : r.text) characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
                if (characters > max_heading_characters)
                    diags_.error(where(n), "the heading is " + std::to_string(characters) +
                                               " characters long; a heading may be at most " +
                                               std::to_string(max_heading_characters) +
                                               " (say the rest in a paragraph under it)");
                break;
            }
            case CMARK_NODE_PARAGRAPH:
                b.kind = model::BlockKind::Paragraph;
                b.runs = inlines(n);
                break;
            case CMARK_NODE_LIST:
                b.kind = model::BlockKind::List;
                b.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
                b.start = cmark_node_get_list_start(n);
                for (cmark_node* item = cmark_node_first_child(n); item; item = cmark_node_next(item))
                    b.items.push_back({blocks_of(item)});
                break;
            case CMARK_NODE_BLOCK_QUOTE:
                b.kind = model::BlockKind::Quote;
                b.children = blocks_of(n);
                break;
            case CMARK_NODE_THEMATIC_BREAK:
                b.kind = model::BlockKind::Rule;
                break;
            case CMARK_NODE_CODE_BLOCK: {
                std::string info = cmark_node_get_fence_info(n) ? cmark_node_get_fence_info(n) : "";
                if (is_directive(info)) {
                    std::string kind = trim(info.substr(0, info.find(' ')));
                    auto built = directives_(kind, cmark_node_get_literal(n), file_, cmark_node_get_start_line(n) + 1,
                                             diags_);
                    if (built) {
                        built->origin = b.origin;
                        out.push_back(std::move(*built));
                    }
                    return;
                }
                // A typo'd directive (```tabel) would be printed as code: say which one was meant.
                const std::string word = trim(info.substr(0, info.find(' ')));
                if (const std::string meant = nearest_name(word, directive_names(), word.size() > 4 ? 2 : 1);
                    !word.empty() && !meant.empty())
                    diags_.warning(where(n), "a code block named '" + word + "' is printed as code; did you mean the '" +
                                                 meant + "' directive?");
                b.kind = model::BlockKind::Paragraph;
                model::Run r;
                r.text = cmark_node_get_literal(n);
                r.code = true;
                b.runs.push_back(r);
                break;
            }
            case CMARK_NODE_HTML_BLOCK: {
                const std::string html = trim(without_comments(n));
                if (html.empty()) return;   // only comments: never published
                raw_html(n);
                b.kind = model::BlockKind::Paragraph;
                b.runs.push_back(model::text_run(html));
                break;
            }
            case CMARK_NODE_FOOTNOTE_DEFINITION: {
                model::Runs runs;
                for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
                    if (!runs.empty()) runs.push_back(model::text_run(" "));
                    model::Runs part = inlines(c);
                    runs.insert(runs.end(), part.begin(), part.end());
                }
                footnotes_.define(file_, footnote_key(n), runs,
                                  std::string(reinterpret_cast<const char*>(n->as.literal.data),
                                              static_cast<size_t>(n->as.literal.len)));
                return;
            }
            default:
                if (is_ext(n, "table")) {
                    b.kind = model::BlockKind::Table;
                    b.table = markdown_table(n);
                    break;
                }
                diags_.warning(where(n), std::string("unsupported Markdown block '") + cmark_node_get_type_string(n) +
                                             "' left out");
                return;
        }
        out.push_back(std::move(b));
    }

    model::Table markdown_table(cmark_node* n) {
        model::Table t;
        uint8_t* aligns = cmark_gfm_extensions_get_table_alignments(n);
        int cols = cmark_gfm_extensions_get_table_columns(n);
        for (int i = 0; i < cols; ++i)
            t.align.push_back(aligns && aligns[i] == 'r'   ? model::Align::Right
                              : aligns && aligns[i] == 'c' ? model::Align::Center
                                                           : model::Align::Left);
        for (cmark_node* row = cmark_node_first_child(n); row; row = cmark_node_next(row)) {
            bool head = cmark_gfm_extensions_get_table_row_is_header(row);
            std::vector<model::TableCell> cells;
            for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell))
                cells.push_back({inlines(cell), head, false});
            (head ? t.head : t.body).push_back(std::move(cells));
        }
        return t;
    }

    // Raw HTML with its comments (<!-- DRAFT: ... -->) taken out: notes to the authors are never
    // published, in either writer. A comment never closed is an error (it would hide the rest).
    std::string without_comments(cmark_node* n) {
        std::string html = cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "";
        for (size_t open; (open = html.find("<!--")) != std::string::npos;) {
            const size_t close = html.find("-->", open + 4);
            if (close == std::string::npos) {
                Location at = where(n);
                for (size_t i = 0; i < open; ++i) {
                    if (html[i] == '\n') {
                        ++at.line;
                        at.column = 1;
                    } else if ((static_cast<unsigned char>(html[i]) & 0xC0) != 0x80) {
                        ++at.column;
                    }
                }
                diags_.error(at, "this HTML comment is never closed: end it with -->");
                return "";
            }
            html.erase(open, close + 3 - open);
        }
        return html;
    }

    void raw_html(cmark_node* n) {
        if (!opt_.allow_raw_html)
            diags_.warning(where(n), "raw HTML in the narrative is shown as text (set allow_raw_html in "
                                     "content/document.csv to pass it through)");
    }

    model::Runs inlines(cmark_node* parent) {
        model::Runs runs;
        model::Run style;
        inline_children(parent, style, runs);
        return merge(split_figures(runs));
    }

    void inline_children(cmark_node* parent, const model::Run& style, model::Runs& out) {
        std::vector<Item> items;
        for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) items.push_back(item_of(n));
        inline_range(items, {0, 0}, {items.size(), 0}, style, out);
    }

    // ---- language spans: [Ysgol y Gŵyr]{lang=cy} ----------------------------------------------
    // Read from the parsed tree, not the raw text, so code spans, links and footnote marks are
    // never taken for one: a span's [ and ] are characters of text nodes among the same siblings
    // (cmark merges neighbouring text, so "[Ysgol y " is one node and *Gŵyr* another).

    // One inline node of a sibling list; for text, which of its [ ] { were escaped (\[) in the
    // source, as cmark's text keeps no trace of it.
    struct Item {
        cmark_node* node = nullptr;
        std::string text;            // a text node's literal; "" for other nodes
        bool is_text = false;
        std::vector<char> escaped;   // per byte of text
        std::vector<int> source;     // per byte of text: its byte column in the source line (1-based)
    };
    struct Pos {
        size_t item = 0, at = 0;     // a byte of a text item (at == text.size(): just after it)
        bool operator==(const Pos&) const = default;
        bool before(const Pos& o) const { return item < o.item || (item == o.item && at < o.at); }
    };

    // The text of `n` as typed: the bytes of its line between its start and end columns.
    std::string source_of(cmark_node* n) const {
        const int line = cmark_node_get_start_line(n);
        if (line < 1 || line != cmark_node_get_end_line(n) || static_cast<size_t>(line) > lines_.size()) return {};
        const std::string& text = lines_[static_cast<size_t>(line) - 1];
        const int from = cmark_node_get_start_column(n), to = cmark_node_get_end_column(n);
        if (from < 1 || to < from || static_cast<size_t>(to) > text.size()) return {};
        return text.substr(static_cast<size_t>(from) - 1, static_cast<size_t>(to - from) + 1);
    }

    Item item_of(cmark_node* n) const {
        Item it;
        it.node = n;
        if (cmark_node_get_type(n) != CMARK_NODE_TEXT) return it;
        it.is_text = true;
        it.text = cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "";
        it.escaped.assign(it.text.size(), 0);
        const int start = cmark_node_get_start_column(n);
        for (size_t i = 0; i < it.text.size(); ++i) it.source.push_back(start + static_cast<int>(i));
        // The k-th [ (or ], {) of the literal is the k-th of the source; it was escaped when an odd
        // number of backslashes stand before it there. (A count that differs, from an entity
        // such as &#91;, leaves the node's brackets unescaped.)
        const std::string typed = source_of(n);
        for (char c : {'[', ']', '{'}) {
            std::vector<size_t> in_text, in_source;
            for (size_t i = 0; i < it.text.size(); ++i)
                if (it.text[i] == c) in_text.push_back(i);
            for (size_t i = 0; i < typed.size(); ++i)
                if (typed[i] == c) in_source.push_back(i);
            if (in_text.size() != in_source.size()) continue;
            for (size_t k = 0; k < in_text.size(); ++k) {
                size_t slashes = 0;
                for (size_t j = in_source[k]; j > 0 && typed[j - 1] == '\\'; --j) ++slashes;
                it.escaped[in_text[k]] = slashes % 2;
                it.source[in_text[k]] = start + static_cast<int>(in_source[k]);
            }
        }
        return it;
    }

    static bool is_char(const std::vector<Item>& items, Pos p, char c) {
        const Item& it = items[p.item];
        return it.is_text && p.at < it.text.size() && it.text[p.at] == c && !it.escaped[p.at];
    }

    // The ] closing the [ at `open` among the items before `end`, or `end`.
    static Pos matching_close(const std::vector<Item>& items, Pos open, Pos end) {
        int depth = 0;
        for (Pos p = open; p.before(end) && p.item < items.size();) {
            if (is_char(items, p, '[')) ++depth;
            else if (is_char(items, p, ']') && --depth == 0) return p;
            const Item& it = items[p.item];
            if (it.is_text && p.at + 1 < it.text.size()) ++p.at;
            else p = {p.item + 1, 0};
        }
        return end;
    }

    Location location_of(const Item& it, size_t at) const {
        const int column = at < it.source.size() ? it.source[at] : cmark_node_get_start_column(it.node) + static_cast<int>(at);
        return at_char(cmark_node_get_start_line(it.node), column);
    }

    // The {lang=TAG} at `brace` (a span's attribute, right after its ]). Returns the tag ("" after
    // an error) and moves `after` past the attribute.
    std::string span_attribute(const Item& it, size_t brace, size_t& after) {
        const std::string& t = it.text;
        const size_t close = t.find('}', brace);
        after = close == std::string::npos ? t.size() : close + 1;
        if (t.compare(brace, 6, "{lang=") != 0) {
            diags_.error(location_of(it, brace), "a language span is written [text]{lang=cy}");
            return "";
        }
        if (close == std::string::npos) {
            diags_.error(location_of(it, brace), "this language span's {lang=...} is never closed with }");
            return "";
        }
        const std::string tag = t.substr(brace + 6, close - brace - 6);
        if (const std::string why = language_tag_problem(tag); !why.empty()) {
            Location at = location_of(it, brace);
            at.column += 6;
            diags_.error(at, "'" + tag + "' is not a language tag (BCP 47, such as 'cy' or 'en-GB'): " + why);
            return "";
        }
        return tag;
    }

    // Text from a text item, between two of its bytes; a {lang=...} in it that closes no span
    // (its [ or its ] is missing) is an error.
    void text_part(const Item& it, size_t from, size_t to, const model::Run& style, model::Runs& out) {
        const std::string part = it.text.substr(from, to - from);
        for (size_t at = part.find("{lang"); at != std::string::npos; at = part.find("{lang", at + 1)) {
            const size_t i = from + at;
            if (it.escaped[i] || (i > 0 && it.text[i - 1] == ']' && it.escaped[i - 1])) continue;   // \{lang  \]{lang
            diags_.error(location_of(it, i), "this {lang=...} closes no language span: write [text]{lang=cy}, with the "
                                             "text in brackets right before it");
            break;
        }
        if (!part.empty()) text(part, style, out);
    }

    // The items from `p` up to `end`, spans in them made runs with their language.
    void inline_range(const std::vector<Item>& items, Pos p, Pos end, const model::Run& style, model::Runs& out) {
        while (p.before(end) && p.item < items.size()) {
            const Item& it = items[p.item];
            if (!it.is_text) {
                inline_node(it.node, style, out);
                p = {p.item + 1, 0};
                continue;
            }
            const size_t stop = p.item == end.item ? end.at : it.text.size();
            // The next [ in this item that opens a span: its ] is followed by {lang.
            size_t from = p.at;
            bool spanned = false;
            for (size_t k = p.at; k < stop; ++k) {
                if (!is_char(items, {p.item, k}, '[')) continue;
                const Pos close = matching_close(items, {p.item, k}, end);
                if (close == end) continue;
                const Item& ci = items[close.item];
                if (ci.text.compare(close.at + 1, 5, "{lang") != 0 || ci.escaped[close.at + 1]) continue;
                text_part(it, from, k, style, out);
                size_t after = 0;
                const std::string tag = span_attribute(ci, close.at + 1, after);
                model::Run s = style;
                if (!tag.empty()) s.lang = tag;
                inline_range(items, {p.item, k + 1}, close, s, out);
                p = after < ci.text.size() ? Pos{close.item, after} : Pos{close.item + 1, 0};
                spanned = true;
                break;
            }
            if (spanned) continue;
            text_part(it, from, stop, style, out);
            p = {p.item + 1, 0};
        }
    }

    void text(const std::string& s, const model::Run& style, model::Runs& out) {
        model::Run r = style;
        r.text = s;
        out.push_back(std::move(r));
    }

    void inline_node(cmark_node* n, const model::Run& style, model::Runs& out) {
        model::Run s = style;
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_TEXT: text(cmark_node_get_literal(n), style, out); return;
            case CMARK_NODE_SOFTBREAK: text(" ", style, out); return;
            case CMARK_NODE_LINEBREAK: text("\n", style, out); return;
            case CMARK_NODE_CODE:
                s.code = true;
                text(cmark_node_get_literal(n), s, out);
                return;
            case CMARK_NODE_HTML_INLINE: {
                const std::string html = without_comments(n);
                if (html.empty()) return;   // a comment: never published
                raw_html(n);
                text(html, style, out);
                return;
            }
            case CMARK_NODE_EMPH: s.italic = true; break;
            case CMARK_NODE_STRONG: s.bold = true; break;
            case CMARK_NODE_LINK:
                s.link = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
                if (std::string why = link_problem(s.link); !why.empty()) {
                    diags_.error(where(n), why);
                    s.link.clear();
                }
                break;
            case CMARK_NODE_IMAGE: break;   // alt text only: the pack draws its own figures
            case CMARK_NODE_FOOTNOTE_REFERENCE: {
                int number = footnotes_.number_for(file_, footnote_key(n->parent_footnote_def ? n->parent_footnote_def : n));
                footnotes_.note_use(number, where(n));
                model::Run r;
                r.text = std::to_string(number);
                r.footnote = number;
                out.push_back(r);
                return;
            }
            default:
                if (is_ext(n, "strikethrough")) {
                    s.strike = true;
                    break;
                }
                break;
        }
        inline_children(n, s, out);
    }

    // Runs holding the figure markers become separate runs flagged figure_value.
    static model::Runs split_figures(const model::Runs& in) {
        model::Runs out;
        bool inside = false;
        for (const auto& r : in) {
            std::string rest = r.text;
            while (!rest.empty()) {
                const char* marker = inside ? kFigureClose : kFigureOpen;
                size_t at = rest.find(marker);
                model::Run part = r;
                part.figure_value = inside;
                part.text = rest.substr(0, at);
                if (!part.text.empty()) out.push_back(part);
                if (at == std::string::npos) break;
                rest = rest.substr(at + 3);
                inside = !inside;
            }
        }
        return out;
    }

    // Adjacent runs with the same style become one (cmark splits text at many characters).
    static model::Runs merge(const model::Runs& in) {
        model::Runs out;
        for (const auto& r : in) {
            if (!out.empty()) {
                model::Run& p = out.back();
                if (p.bold == r.bold && p.italic == r.italic && p.code == r.code && p.strike == r.strike &&
                    p.link == r.link && p.footnote == 0 && r.footnote == 0 && p.figure_value == r.figure_value &&
                    p.lang == r.lang) {
                    p.text += r.text;
                    continue;
                }
            }
            out.push_back(r);
        }
        return out;
    }

    // Where byte `byte_column` (1-based, as cmark counts) of line `line` is, in characters, as
    // messages count columns; the byte column itself when the source is not known.
    Location at_char(int line, int byte_column) const {
        if (line < 1 || static_cast<size_t>(line) > lines_.size()) return {file_, line, byte_column};
        const std::string& text = lines_[static_cast<size_t>(line) - 1];
        int column = 1;
        for (size_t i = 0; i + 1 < static_cast<size_t>(byte_column) && i < text.size(); ++i)
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
        return {file_, line, column};
    }

    std::string file_;
    const MarkdownOptions& opt_;
    FootnoteRegistry& footnotes_;
    const DirectiveHandler& directives_;
    Diagnostics& diags_;
    std::vector<std::string> lines_;   // the source, for columns in characters
};

// cmark-gfm keeps its table of special inline characters in process-wide arrays, which
// cmark_parser_finish changes for the attached extensions and then restores: two parses at
// once (the per-place packs are built on several threads) would race on it.
constexpr const char* kNoBreakSpace = "\xC2\xA0";

std::mutex& cmark_inline_tables() {
    static std::mutex m;
    return m;
}

cmark_parser* make_parser() {
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser* p = cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_SMART);
    for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"})
        if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(p, ext);
    return p;
}

// cmark runs an unclosed fence to the end of the file; for a directive that is an error.
void check_fences_closed(const std::string& text, const std::string& file, Diagnostics& diags) {
    auto lines = split(text, '\n');
    bool open = false;
    int open_line = 0, open_col = 0;
    std::string fence;
    bool directive = false;
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string line = lines[i];
        if (!line.empty() && line.back() == '\r') line.pop_back();   // CRLF line ends
        size_t indent = line.find_first_not_of(' ');
        if (indent == std::string::npos || indent > 3) continue;
        std::string t = line.substr(indent);
        if (!open && (starts_with(t, "```") || starts_with(t, "~~~"))) {
            size_t n = t.find_first_not_of(t[0]);
            fence = t.substr(0, n == std::string::npos ? t.size() : n);
            open = true;
            open_line = static_cast<int>(i) + 1;
            open_col = static_cast<int>(indent) + 1;
            directive = is_directive(trim(t.substr(fence.size())));
        } else if (open && starts_with(t, fence) && trim(t.substr(fence.size())).empty() &&
                   t.find_first_not_of(fence[0]) == std::string::npos) {
            open = false;
        }
    }
    if (open && directive) diags.error({file, open_line, open_col}, "the directive opened here is never closed with " + fence);
}

// Our conversion (and every walk of the model after it: layout, tagging, the writers) recurses
// once per level of nesting, so nesting deeper than the documented limits is an error, found
// here without recursion (cmark-gfm parses any depth and its iterator walks the tree in a loop).
// Returns false after one error at the first construct that goes over a limit.
bool check_nesting(cmark_node* doc, const std::string& file, Diagnostics& diags) {
    int blocks = 0, inlines = 0;
    auto is_block_level = [](cmark_node* n) {
        const cmark_node_type t = cmark_node_get_type(n);
        return t == CMARK_NODE_BLOCK_QUOTE || t == CMARK_NODE_LIST;
    };
    auto is_inline_level = [](cmark_node* n) {
        const cmark_node_type t = cmark_node_get_type(n);
        return t == CMARK_NODE_EMPH || t == CMARK_NODE_STRONG || t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE ||
               is_ext(n, "strikethrough");
    };
    std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> it(cmark_iter_new(doc), cmark_iter_free);
    for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
        cmark_node* n = cmark_iter_get_node(it.get());
        const int step = ev == CMARK_EVENT_ENTER ? 1 : -1;
        if (is_block_level(n)) {
            blocks += step;
            if (blocks > kMaxBlockNesting) {
                diags.error(node_place(n, file),
                            "block quotes and lists are nested more than " + std::to_string(kMaxBlockNesting) +
                                " deep here; nest them less");
                return false;
            }
        } else if (is_inline_level(n)) {
            inlines += step;
            if (inlines > kMaxInlineNesting) {
                diags.error(node_place(n, file),
                            "emphasis, links and strikethrough are nested more than " +
                                std::to_string(kMaxInlineNesting) + " deep here; nest them less");
                return false;
            }
        }
    }
    return true;
}

// Before cmark-gfm parses: a line that opens more block quotes and lists than the limit by
// itself ("> > > ... deep", "- - - ... x") is the same error, found in time linear in the text.
// cmark-gfm would first build the whole tree (a 16 MB line of "> " took 12 s and 2 GB).
// Lines in fenced or indented code and thematic breaks ("- - -") open nothing and are skipped;
// nesting built up over several lines is left to check_nesting, which sees the parsed tree.
bool check_line_nesting(const std::string& text, const std::string& file, Diagnostics& diags) {
    std::string fence;   // the open fence, if inside a fenced code block
    int line_number = 0;
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string_view line(text.data() + start, end - start);
        start = end + 1;
        ++line_number;
        size_t i = line.find_first_not_of(' ');
        if (i == std::string_view::npos || i > 3) continue;
        const std::string_view rest = line.substr(i);
        if (!fence.empty()) {
            if (rest.substr(0, fence.size()) == fence) fence.clear();
            continue;
        }
        if (rest.substr(0, 3) == "```" || rest.substr(0, 3) == "~~~") {
            fence = std::string(rest.substr(0, 3));
            continue;
        }
        int markers = 0;
        bool bullets_only = true;   // "- - -" or "* * *" alone is a thematic break
        for (;;) {
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
            if (i >= line.size()) break;
            size_t after = i;
            const char c = line[i];
            if (c == '>') {
                after = i + 1;
                bullets_only = false;
            } else if ((c == '-' || c == '*' || c == '+') && i + 1 < line.size() && (line[i + 1] == ' ' || line[i + 1] == '\t')) {
                after = i + 1;
            } else if (c >= '0' && c <= '9') {
                size_t d = i;
                while (d < line.size() && d - i < 9 && line[d] >= '0' && line[d] <= '9') ++d;
                if (d + 1 < line.size() && (line[d] == '.' || line[d] == ')') && (line[d + 1] == ' ' || line[d + 1] == '\t'))
                    after = d + 1;
                bullets_only = false;
            }
            if (after == i) {
                bullets_only = false;
                break;
            }
            if (++markers > kMaxBlockNesting) {
                if (bullets_only && line.find_first_not_of(" \t-*+", after) == std::string_view::npos) break;
                int column = 1;
                for (size_t k = 0; k < i; ++k) column += (static_cast<unsigned char>(line[k]) & 0xC0) != 0x80;
                diags.error({file, line_number, column}, "block quotes and lists are nested more than " +
                                                             std::to_string(kMaxBlockNesting) + " deep here; nest them less");
                return false;
            }
            i = after;
        }
    }
    return true;
}

}  // namespace

model::Blocks markdown_to_blocks(const std::string& text, const std::string& file, const MarkdownOptions& options,
                                 FootnoteRegistry& footnotes, const DirectiveHandler& directives,
                                 Diagnostics& diags, bool* too_deep) {
    check_fences_closed(text, file, diags);
    if (!check_line_nesting(text, file, diags)) {
        if (too_deep) *too_deep = true;
        return {};
    }
    cmark_parser* parser = make_parser();
    std::unique_lock<std::mutex> lock(cmark_inline_tables());   // see cmark_inline_tables()
    cmark_parser_feed(parser, text.data(), text.size());
    std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser));
    lock.unlock();
    cmark_parser_free(parser);
    if (!check_nesting(doc.get(), file, diags)) {
        if (too_deep) *too_deep = true;
        return {};
    }
    Converter c(file, options, footnotes, directives, diags, text);
    return c.blocks_of(doc.get());
}

model::Runs markdown_inline(const std::string& text, const Location& where, Diagnostics& diags) {
    // A reference mark would need its note defined inside the directive: not supported.
    if (text.find("[^") != std::string::npos) {
        diags.error(where, "a source note ({{ source ... }} or [^note]) cannot go here; cite the source in the text");
        return {};
    }
    // A leading no-break space makes any line a paragraph ("- 5%" or "# 1" stay text) and, being
    // white space, leaves emphasis and smart quotes at the start working; it is removed below.
    const std::string line = std::string(kNoBreakSpace) + text;
    cmark_parser* parser = make_parser();
    std::unique_lock<std::mutex> lock(cmark_inline_tables());
    cmark_parser_feed(parser, line.data(), line.size());
    std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser));
    lock.unlock();
    cmark_parser_free(parser);
    // The text is one line, so a construct's place is its column in that line.
    Diagnostics nesting;
    if (!check_nesting(doc.get(), where.file, nesting)) {
        Location at = where;
        if (at.column > 0) at.column += nesting.items().front().where.column - 3;   // the no-break space is 2 bytes
        diags.error(at, nesting.items().front().message);
        return {};
    }
    cmark_node* first = cmark_node_first_child(doc.get());
    if (!first) return {};
    if (cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH || cmark_node_next(first)) {
        diags.error(where, "expected one line of text here");
        return {};
    }
    FootnoteRegistry footnotes;
    DirectiveHandler no_directives = [](const std::string&, const std::string&, const std::string&, int, Diagnostics&) {
        return std::optional<model::Block>();
    };
    MarkdownOptions options;
    // Raw HTML stays text, as everywhere; no warning, as its line here would be the value's.
    options.allow_raw_html = true;
    Converter c(where.file, options, footnotes, no_directives, diags);
    model::Runs runs = c.paragraph_runs(first);
    if (!runs.empty() && starts_with(runs.front().text, kNoBreakSpace)) {
        runs.front().text.erase(0, std::strlen(kNoBreakSpace));
        if (runs.front().text.empty()) runs.erase(runs.begin());
    }
    return runs;
}

}  // namespace ep::narrative
