// The PDF's running header and footer (never cut short: they wrap), and tables: no empty
// Caption for a table without one, and a "(row continued)" cue where a row splits over a page.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "model/document.h"
#include "pdf/layout.h"
#include "pdf/pdf_writer.h"
#include "pdf/style.h"

using namespace ep;
using namespace ep::model;

namespace {

Run text(const std::string& s) { return text_run(s); }

TableCell cell(const std::string& s, bool header = false) {
    TableCell c;
    c.runs = {text(s)};
    c.header = header;
    return c;
}

std::string words(int n, const std::string& word) {
    std::string s;
    for (int i = 0; i < n; ++i) s.append(i ? " " : "").append(word).append(std::to_string(i));
    return s;
}

// A document with one section holding `blocks`.
Document document_with(std::vector<Block> blocks, const std::string& title = "A short title",
                       const std::string& short_title = "Section") {
    Document d;
    d.meta.title = title;
    d.meta.date = "2010-02-19";
    d.meta.version = "1";
    Section s;
    s.slug = "section";
    s.title = "Section";
    s.short_title = short_title;
    s.number = "1";
    s.blocks.push_back(heading_block(1, "Section", "section"));
    s.blocks.back().number = "1";
    for (auto& b : blocks) s.blocks.push_back(std::move(b));
    d.sections.push_back(std::move(s));
    return d;
}

pdf::PdfOptions options() {
    pdf::PdfOptions o;
    o.timestamp = 1266580800;
    return o;
}

// The text of a box's pieces in drawing order, with spaces where the pieces had them.
std::string box_text(const pdf::Box& box) {
    std::string s;
    for (const auto& t : box.text) {
        if (!s.empty() && s.back() != ' ') s += ' ';
        s += t.text;
    }
    return s;
}

std::string one_line(std::string s) {
    std::string out;
    std::istringstream in(s);
    for (std::string w; in >> w;) out.append(out.empty() ? "" : " ").append(w);
    return out;
}

Block table_block(Table t) {
    Block b;
    b.kind = BlockKind::Table;
    b.table = std::move(t);
    return b;
}

}  // namespace

TEST_CASE("the running header and footer are never cut short: parts too long wrap, whole") {
    const std::string title = "A document title long enough that it cannot share one line with the running title " +
                              words(12, "word");
    const std::string running = "A running title that is itself " + words(6, "long");
    Document d = document_with({paragraph_block({text(words(400, "filler"))})}, title, running);
    d.meta.version = "2.0 (" + words(14, "version") + ")";
    const pdf::Layout layout = pdf::lay_out_document(d, options());
    REQUIRE(layout.pages.size() >= 2);
    namespace st = pdf::style;
    int headers = 0;
    for (size_t p = 1; p < layout.pages.size(); ++p) {
        for (const auto& box : layout.pages[p].boxes) {
            if (box.role != pdf::Role::Header && box.role != pdf::Role::Footer) continue;
            const std::string all = box_text(box);
            INFO("page " << p + 1 << (box.role == pdf::Role::Header ? " header: " : " footer: ") << all);
            CHECK(all.find('\x85') == std::string::npos);   // no ellipsis (CP1252 0x85)
            // Every piece inside the measure and the page, left parts left of right parts.
            float left_right_edge = 0, right_left_edge = st::text_right;
            std::set<float> baselines;
            for (const auto& t : box.text) {
                CHECK(t.x >= st::text_left - 0.01f);
                CHECK(t.x + t.width <= st::text_right + 0.01f);
                CHECK(t.baseline < st::page_height - 5 * st::mm);
                CHECK(t.baseline > 5 * st::mm);
                if (box.role == pdf::Role::Header) CHECK(t.baseline > st::text_top);
                else CHECK(t.baseline < st::text_bottom);
                baselines.insert(t.baseline);
                if (t.x < st::text_left + 1) left_right_edge = std::max(left_right_edge, t.x + t.width);
                else right_left_edge = std::min(right_left_edge, t.x);
            }
            CHECK(left_right_edge < right_left_edge);
            if (box.role == pdf::Role::Footer || layout.pages[p].running_title == running)
                CHECK(baselines.size() >= 2);   // these parts do not fit on one line: they wrapped
            if (box.role == pdf::Role::Header) {
                ++headers;
                CHECK(one_line(all).find(one_line(title)) != std::string::npos);
                CHECK(one_line(all).find(one_line(layout.pages[p].running_title)) != std::string::npos);
                CHECK(*baselines.begin() == doctest::Approx(st::header_baseline));   // the last line on the baseline
            } else {
                CHECK(one_line(all).find(one_line("Version " + d.meta.version)) != std::string::npos);
                CHECK(all.find("Page " + std::to_string(p + 1) + " of ") != std::string::npos);
                CHECK(*baselines.begin() == doctest::Approx(st::footer_baseline));
            }
        }
    }
    CHECK(headers == static_cast<int>(layout.pages.size()) - 1);
    CHECK(layout.pages.back().running_title == running);
}

TEST_CASE("a running header that fits stays on one line, its parts at either margin") {
    const pdf::Layout layout = pdf::lay_out_document(document_with({paragraph_block({text("Text.")})}), options());
    REQUIRE(layout.pages.size() >= 2);
    for (const auto& box : layout.pages.back().boxes) {   // the section's page (page 2 is the contents)
        if (box.role != pdf::Role::Header) continue;
        REQUIRE(box.text.size() == 2);
        CHECK(box.text[0].text == "A short title");
        CHECK(box.text[0].x == doctest::Approx(pdf::style::text_left));
        CHECK(box.text[1].text == "Section");
        CHECK(box.text[1].x + box.text[1].width == doctest::Approx(pdf::style::text_right));
        CHECK(box.text[0].baseline == box.text[1].baseline);
    }
}

TEST_CASE("a table without a caption has no Caption element; split, its next part says (continued)") {
    Table t;   // a plain Markdown table: no number, no caption
    t.head = {{cell("Area", true), cell("Plan", true)}};
    for (int i = 0; i < 90; ++i) t.body.push_back({cell("Area " + std::to_string(i), true), cell("A plan")});
    const pdf::Layout layout = pdf::lay_out_document(document_with({table_block(t)}), options());
    int captions = 0, tables = 0;
    for (const auto& n : layout.structure) {
        captions += n.type == "Caption";
        tables += n.type == "Table";
    }
    CHECK(tables == 1);
    CHECK(captions == 0);
    int continued = 0;
    for (const auto& page : layout.pages)
        for (const auto& box : page.boxes)
            if (box.role == pdf::Role::TableCaption) {
                CHECK(box.artifact == pdf::Artifact::Pagination);
                CHECK(box_text(box) == "(continued)");
                ++continued;
            }
    CHECK(continued >= 1);
}

TEST_CASE("a table row split over a page break has a cue on the next page, outside the structure") {
    Table t;
    t.number = 1;
    t.caption = "Rows long enough to split";
    t.kind = "plan";
    t.head = {{cell("Action", true), cell("Progress", true), cell("Next steps", true), cell("Lead", true),
               cell("Due", true), cell("Status", true)}};
    for (int i = 0; i < 8; ++i)
        t.body.push_back({cell("Action " + std::to_string(i)), cell(words(120, "progress")), cell("Next"), cell("Lead"),
                          cell("Due"), cell("Amber")});
    const pdf::Layout layout = pdf::lay_out_document(document_with({table_block(t)}), options());
    // A cell element (node) drawn on two pages is a split row; the later page has the cue.
    std::map<int, std::set<size_t>> pages_of_cell;
    std::map<size_t, int> cues;
    for (size_t p = 0; p < layout.pages.size(); ++p)
        for (const auto& box : layout.pages[p].boxes) {
            if (box.role == pdf::Role::TableCell && box.node >= 0) pages_of_cell[box.node].insert(p);
            if (box.role == pdf::Role::TableCell && box.artifact == pdf::Artifact::Pagination &&
                box_text(box) == "(row continued)")
                ++cues[p];
        }
    int splits = 0;
    for (const auto& [node, pages] : pages_of_cell) {
        if (pages.size() < 2 || layout.structure[static_cast<size_t>(node)].type != "TD") continue;
        ++splits;
        for (auto it = std::next(pages.begin()); it != pages.end(); ++it) CHECK(cues[*it] >= 1);
    }
    CHECK(splits >= 1);
    int total_cues = 0;
    for (const auto& [p, n] : cues) total_cues += n;
    CHECK(total_cues >= 1);
}
