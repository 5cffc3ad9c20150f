// Fuzz target, structure-aware: the input bytes are a program for a small generator that writes
// Markdown a hostile author might: block quotes and lists nested past the limit, emphasis and
// links nested deep, words of thousands of characters (URLs, codes), wide and long tables, many
// footnotes, directives and placeholders. The text goes through what a section goes through up
// to the model (placeholders resolved against the corpus's base data, Markdown to blocks with
// the real directive builder), then the HTML block renderer and the PDF line breaker on every
// paragraph, table cell and list item. Problems must come back as diagnostics naming the file.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/text.h"
#include "html/render.h"
#include "model/document.h"
#include "narrative/directives.h"
#include "narrative/markdown.h"
#include "narrative/placeholder.h"
#include "narrative/resolve.h"
#include "pdf/fonts.h"
#include "pdf/text_layout.h"

#include "base_data.h"

namespace {

const ep::pdf::FontSet& fonts() {
    static const ep::pdf::FontSet f = ep::pdf::FontSet::load();
    return f;
}

[[noreturn]] void finding(const char* what) {
    std::fprintf(stderr, "finding: %s\n", what);
    __builtin_trap();
}

// Reads the program: each call takes the next byte (0 once the input is used up).
class Program {
public:
    Program(const uint8_t* bytes, size_t size) : p_(bytes), end_(bytes + size) {}
    bool done() const { return p_ >= end_; }
    unsigned byte() { return p_ < end_ ? *p_++ : 0; }
    unsigned below(unsigned n) { return byte() % n; }
    // Up to `n` bytes of the input as they are, printable ASCII only (the pipeline rejects
    // invalid UTF-8 before the narrative sees it), new lines kept.
    std::string raw(size_t n) {
        std::string out;
        while (n-- && p_ < end_) {
            const char c = static_cast<char>(*p_++);
            out += (c == '\n' || (c >= ' ' && c < 127)) ? c : ' ';
        }
        return out;
    }
private:
    const uint8_t* p_;
    const uint8_t* end_;
};

// Pieces of text the generator picks from: words, characters that end or break words in the
// line breaker, placeholders that resolve against the base data and some that do not.
const char* const kWords[] = {"the",  "cost", "of",   "care", "rose", "by",    "12%",  "£3.4m", "2009/10",
                              "Dŵr",  "naïve", "—",   "“quoted”", "x",  "e.g.", "co-op", "a_b",  "https://x.org/a"};
const char* const kPlaceholders[] = {"{{ name here }}", "{{ title cost }}", "{{ cost @ here }}", "{{ nope @ here }}",
                                     "{{ cost @ here | money }}", "{{ ref tbl-a }}", "{{ source tp_report }}",
                                     "{{ cost @ }}", "{{"};
const char* const kWordChars[] = {"a", "Z", "0", "/", "-", "_", ".", "%2F", "ŵ", "€", "\xC2\xA0", "~", "?", "=", "&"};

class Generator {
public:
    explicit Generator(Program& p) : p_(p) {}

    std::string run() {
        while (!p_.done() && out_.size() < kMaxText) step();
        return out_;
    }

private:
    static constexpr size_t kMaxText = 16 << 10;   // keeps each run to a few milliseconds
    static constexpr size_t kMaxDepth = 140;       // past the limit (100), not far past: prefixes are per line

    struct Level {
        bool quote;
        bool ordered;
        bool marker_due;   // a list's first line still to write its marker
    };

    void step() {
        switch (p_.below(16)) {
            case 0: open(true, false); break;
            case 1: open(false, p_.below(2) == 1); break;
            case 2:
                if (!levels_.empty()) levels_.pop_back();
                break;
            case 3: {   // many levels at once: "> > > x" or "- - - x" on one line
                const unsigned n = 1 + p_.byte() % kMaxDepth;
                const bool quote = p_.below(2);
                for (unsigned i = 0; i < n && levels_.size() < kMaxDepth; ++i) open(quote, false);
                line(words(1 + p_.below(4)));
                break;
            }
            case 4: line(words(1 + p_.below(40))); break;
            case 5: line(long_word()); break;
            case 6: line(nested_inline()); break;
            case 7: table(); break;
            case 8: footnotes(); break;
            case 9: directive(); break;
            case 10: line(std::string(1 + p_.below(6), '#') + " " + words(1 + p_.below(6))); break;
            case 11: blank(); break;
            case 12: line(kPlaceholders[p_.below(std::size(kPlaceholders))] + (" " + words(2))); break;
            case 13: line("[" + words(1 + p_.below(3)) + "](" + long_word() + ")"); break;
            case 14: line(p_.raw(p_.byte())); break;
            default: line("`" + words(2) + "` and <b>" + words(1) + "</b>  " + (p_.below(2) ? "<!-- x -->" : "\\")); break;
        }
    }

    void open(bool quote, bool ordered) {
        if (levels_.size() < kMaxDepth) levels_.push_back({quote, ordered, !quote});
    }

    // The container prefix of the next line: quotes' "> ", lists' markers once, then indents.
    std::string prefix() {
        std::string s;
        for (auto& l : levels_) {
            if (l.quote) {
                s += "> ";
            } else if (l.marker_due) {
                s += l.ordered ? "1. " : "- ";
                l.marker_due = false;
            } else {
                s += l.ordered ? "   " : "  ";
            }
        }
        return s;
    }

    void line(const std::string& text) {
        for (const auto& part : ep::split(text, '\n')) out_ += prefix() + part + "\n";
    }
    void blank() {
        out_ += "\n";
        for (auto& l : levels_)
            if (!l.quote && p_.below(2)) l.marker_due = true;   // the next item of the list
    }

    std::string words(unsigned n) {
        std::string s;
        for (unsigned i = 0; i < n; ++i) {
            if (i) s += p_.below(8) ? " " : "\n";
            s += kWords[p_.below(std::size(kWords))];
        }
        return s;
    }

    // A word with no space of up to ~2,000 characters: a pasted link, a code, a name.
    std::string long_word() {
        const size_t n = (p_.byte() << 3) | p_.below(8);
        std::string s = p_.below(2) ? "https://example.sharepoint.com/" : "";
        const unsigned pattern = p_.byte();
        for (size_t i = 0; i < n; ++i) s += kWordChars[(pattern + i * (1 + pattern % 7)) % std::size(kWordChars)];
        return s;
    }

    // Emphasis, strong, strikethrough, links and images nested up to a few hundred deep.
    std::string nested_inline() {
        const unsigned depth = p_.byte() + (p_.below(2) ? p_.byte() : 0);
        static const char* const open[] = {"*", "_", "**", "~~", "[", "![", "__"};
        std::vector<unsigned> kinds;
        std::string s;
        for (unsigned i = 0; i < depth; ++i) {
            kinds.push_back(p_.below(std::size(open)));
            s += open[kinds.back()];
            if (p_.below(4) == 0) s += kWords[p_.below(std::size(kWords))] + std::string(" ");
        }
        s += words(1);
        for (size_t i = kinds.size(); i-- > 0;) {
            const unsigned k = kinds[i];
            s += k == 4 || k == 5 ? std::string("](#x)") : std::string(open[k]);
        }
        return s;
    }

    void table() {
        const unsigned cols = 1 + p_.below(12);
        const unsigned rows = p_.below(2) ? p_.below(8) : p_.byte() / 4;
        auto row = [&] {
            std::string r = "|";
            for (unsigned c = 0; c < cols; ++c) {
                const unsigned pick = p_.below(8);
                r += ' ';
                r += pick == 0 ? long_word() : pick == 1 ? nested_inline() : words(1 + p_.below(3));
                r += " |";
            }
            for (auto& ch : r)
                if (ch == '\n') ch = ' ';
            return r;
        };
        blank();
        line(row());
        std::string rule = "|";
        for (unsigned c = 0; c < cols; ++c) rule += p_.below(3) == 0 ? " ---: |" : " --- |";
        line(rule);
        for (unsigned r = 0; r < rows; ++r) line(row());
        blank();
    }

    // Many notes cited (some twice, some never defined) and defined (some never cited).
    void footnotes() {
        const unsigned n = 1 + p_.byte() * (p_.below(4) == 0 ? 2 : 1);
        std::string text;
        for (unsigned i = 0; i < n; ++i) text += "word[^n" + std::to_string(p_.below(2) ? i : p_.byte()) + "] ";
        line(text);
        blank();
        for (unsigned i = 0; i < n; ++i)
            if (p_.below(8)) out_ += "[^n" + std::to_string(i) + "]: " + words(1 + p_.below(5)) + "\n";
        blank();
    }

    void directive() {
        static const char* const kinds[] = {"table", "chart", "facts", "plan", "savings", "tabel"};
        static const char* const fields[] = {"caption: ", "id: tbl-a", "measures: cost", "places: all",
                                             "period: 2009/10", "type: bar", "measure: cost", "rows: cost",
                                             "source: tp_report", "sort: value"};
        line("```" + std::string(kinds[p_.below(std::size(kinds))]));
        for (unsigned i = 0, n = p_.below(8); i < n; ++i) {
            std::string f = fields[p_.below(std::size(fields))];
            line(f.back() == ' ' ? f + words(1 + p_.below(4)) : f);
        }
        if (p_.below(8)) line("```");
    }

    Program& p_;
    std::string out_;
    std::vector<Level> levels_;
};

void check_text(const std::string& s, const char* where) {
    if (!ep::valid_utf8(s)) finding(where);
}

// Sets every paragraph, list item and table cell (see `set`).
void break_all(const ep::model::Blocks& blocks, const ep::pdf::FontSet& fonts) {
    // Texts up to 2 KB, at the width of a table's narrow column: the line breaker is the costly
    // part of a run, and keeping it short keeps the target at hundreds of inputs a second.
    auto set = [&](const ep::model::Runs& runs) {
        size_t bytes = 0;
        for (const auto& r : runs) bytes += r.text.size();
        if (bytes > 2048) return;
        ep::pdf::TextStyle style;
        for (const auto& l : ep::pdf::break_lines(runs, style, 120.0f, fonts))
            for (const auto& f : l.fragments) check_text(f.text, "the line breaker split a character");
    };
    for (const auto& b : blocks) {
        set(b.runs);
        break_all(b.children, fonts);   // the model is at most kMaxBlockNesting deep
        for (const auto& item : b.items) break_all(item.blocks, fonts);
        if (!b.table) continue;
        for (const auto* rows : {&b.table->head, &b.table->body})
            for (const auto& row : *rows)
                for (const auto& cell : row) set(cell.runs);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
    const fuzz::BaseData& d = fuzz::base_data();
    Program program(bytes, size);
    const std::string text = Generator(program).run();
    if (std::getenv("EP_FUZZ_SHOW")) {   // the Markdown written
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
    }
    const std::string file = "content/fuzz.md";
    ep::Diagnostics diags;

    int tables = 0, figures = 0;
    std::map<std::string, ep::narrative::Reference> refs;
    ep::narrative::collect_references(text, file, tables, figures, refs, diags);
    ep::narrative::Resolver resolver(*d.figures, refs);
    const std::string resolved = resolver.resolve_all(text, file, diags);

    ep::narrative::DirectiveBuilder builder(*d.figures);
    ep::narrative::DirectiveHandler handler = [&](const std::string& kind, const std::string& body,
                                                  const std::string& f, int line, ep::Diagnostics& dg) {
        return builder.build(kind, body, f, line, dg);
    };
    ep::narrative::FootnoteRegistry footnotes;
    bool too_deep = false;
    ep::model::Document doc;
    ep::model::Section section;
    section.slug = "fuzz";
    section.blocks = ep::narrative::markdown_to_blocks(resolved, file, {}, footnotes, handler, diags, &too_deep);
    doc.footnotes = footnotes.finish(diags);
    if (too_deep && diags.error_count() == 0) finding("too deep without an error");
    for (const auto& item : diags.items())
        if (item.where.file != file || item.where.line <= 0) {   // every problem names the file and line
            std::fprintf(stderr, "diagnostic without its place: %s\n", ep::to_string(item).c_str());
            __builtin_trap();
        }

    doc.sections.push_back(std::move(section));
    const ep::html::LinkTargets targets = ep::html::map_anchors(doc);
    ep::html::PageContext ctx{doc, targets, "fuzz.html", {}};
    check_text(ep::html::render_blocks(doc.sections.front().blocks, ctx), "the HTML is not valid UTF-8");
    break_all(doc.sections.front().blocks, fonts());
    return 0;
}
