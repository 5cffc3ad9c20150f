// Inline rendering: runs -> HTML, with link resolution across the site's pages.
#include <algorithm>
#include <string>
#include <string_view>

#include "core/links.h"
#include "core/format.h"
#include "core/text.h"
#include "core/word_break.h"
#include "html/render.h"

namespace ep::html {

namespace {

void add_anchor(LinkTargets& t, const std::string& anchor, const std::string& page) {
    if (!anchor.empty()) t.page_of_anchor.emplace(anchor, page);  // emplace keeps the first
}

void map_blocks(LinkTargets& t, const model::Blocks& blocks, const std::string& page) {
    for (const auto& b : blocks) {
        if (b.kind == model::BlockKind::Heading) add_anchor(t, b.anchor, page);
        if (b.table) add_anchor(t, b.table->id, page);
        if (b.figure) add_anchor(t, b.figure->id, page);
        for (const auto& item : b.items) map_blocks(t, item.blocks, page);
        map_blocks(t, b.children, page);
    }
}

std::string footnote_ref(int number, PageContext& ctx) {
    // A note cited twice on one page needs a second, distinct id for its reference mark.
    int seen = ++ctx.refs_seen[number];
    std::string n = std::to_string(number);
    std::string id = seen == 1 ? "fnref-" + n : "fnref-" + n + "-" + std::to_string(seen);
    return "<sup><a href=\"#" + html_escape(footnote_anchor(ctx.doc, number)) + "\" id=\"" + id +
           "\"><span class=\"ep-visually-hidden\">" + term("Note", ctx.doc.meta.language) + " </span>" + n + "</a></sup>";
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

std::string wrap(const std::string& tag, const std::string& inner) {
    return "<" + tag + ">" + inner + "</" + tag + ">";
}

std::string render_run(const model::Run& run, PageContext& ctx) {
    if (run.footnote > 0) return footnote_ref(run.footnote, ctx);
    std::string out = breakable_html(run.text);
    if (run.code) out = wrap("code", out);
    if (run.strike) out = wrap("del", out);
    if (run.italic) out = wrap("em", out);
    if (run.bold) out = wrap("strong", out);
    if (!run.link.empty()) {
        std::string href = resolve_href(run.link, ctx);
        if (!href.empty()) out = "<a href=\"" + html_escape(href) + "\">" + out + "</a>";
    }
    return out;
}

}  // namespace

std::string breakable_html(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        size_t end = i;
        while (end < text.size() && !is_space(text[end])) ++end;
        const std::string_view word = text.substr(i, end - i);
        size_t characters = 0;
        for (char c : word) characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
        if (characters > long_word_characters) {
            out += "<span class=\"ep-long-word\">";
            size_t from = 0;
            for (size_t at = 1; at < word.size(); ++at) {
                if (break_before(word, at) != BreakKind::Preferred) continue;
                out += html_escape(word.substr(from, at - from)) + "<wbr>";
                from = at;
            }
            out += html_escape(word.substr(from)) + "</span>";
        } else {
            out += html_escape(word);
        }
        const size_t next = std::min(text.size(), end + 1);
        out += html_escape(text.substr(end, next - end));
        i = next;
    }
    return out;
}

LinkTargets map_anchors(const model::Document& doc) {
    LinkTargets t;
    for (const auto& s : doc.sections) {
        std::string page = s.slug + ".html";
        map_blocks(t, s.blocks, page);
        for (int n : s.footnotes) add_anchor(t, footnote_anchor(doc, n), page);
    }
    return t;
}

std::string footnote_anchor(const model::Document& doc, int number) {
    if (number >= 1 && number <= static_cast<int>(doc.footnotes.size())) {
        const auto& id = doc.footnotes[number - 1].id;
        if (!id.empty()) return id;
    }
    return "fn-" + std::to_string(number);
}

std::string resolve_href(const std::string& link, const PageContext& ctx) {
    if (starts_with(link, "#")) {
        auto it = ctx.targets.page_of_anchor.find(link.substr(1));
        if (it != ctx.targets.page_of_anchor.end() && it->second != ctx.page)
            return it->second + link;
        return link;
    }
    return link_problem(link).empty() ? link : std::string();
}

std::string render_runs(const model::Runs& runs, PageContext& ctx) {
    std::string out;
    // Runs in another language ([Ysgol y Gŵyr]{lang=cy}) next to each other share one span.
    const std::string* lang = nullptr;
    for (const auto& run : runs) {
        if (lang && *lang != run.lang) {
            out += "</span>";
            lang = nullptr;
        }
        if (!lang && !run.lang.empty()) {
            out += "<span lang=\"" + html_escape(run.lang) + "\">";
            lang = &run.lang;
        }
        out += render_run(run, ctx);
    }
    if (lang) out += "</span>";
    return out;
}

std::string source_anchor(const std::string& code) {
    return "source-" + code;
}

std::string render_source_line(const model::Runs& runs, const std::vector<std::string>& codes, PageContext& ctx) {
    std::string linked;
    for (const auto& code : codes) {
        for (const auto& src : ctx.doc.sources) {
            if (src.code != code || code.empty()) continue;
            linked += (linked.empty() ? "" : "; ") + std::string("<a href=\"") + kSourcesPage + "#" +
                      html_escape(source_anchor(code)) + "\">" + html_escape(src.title) + "</a>";
            break;
        }
    }
    if (linked.empty()) return render_runs(runs, ctx);
    // Footnote marks on the line stay, so their notes keep a reference to link back to.
    std::string notes;
    for (const auto& run : runs)
        if (run.footnote > 0) notes += render_run(run, ctx);
    return term("Source", ctx.doc.meta.language) + ": " + linked + "." + notes;
}

std::string human_size(long long bytes) {
    // Below 0.1 MB, whole kilobytes read better than "0.0 MB"; round up so nothing is "0 KB".
    if (bytes >= 1024 * 1024 / 10) {
        long long tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
        return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MB";
    }
    long long kb = (bytes + 1023) / 1024;
    return std::to_string(kb < 1 ? 1 : kb) + " KB";
}

}  // namespace ep::html
