// Tables and figures. Tables follow the accessible-table pattern: a caption, column headers
// with scope="col", row headers with scope="row", one <tbody> per row group headed by a
// scope="rowgroup" cell, all inside a focusable scrolling region for narrow screens.
#include <charconv>
#include <string>

#include "charts/chart.h"
#include "core/format.h"
#include "core/text.h"
#include "html/render.h"

namespace ep::html {

namespace {

// Layout width of the phone drawing: about a phone's CSS width, so chart text is drawn near
// its design size (12-13 px) on a 360-400 px screen.
constexpr double kNarrowChartWidth = 400;

std::string align_class(const model::Table& t, size_t col) {
    if (col >= t.align.size()) return "";
    if (t.align[col] == model::Align::Right) return "ep-num";
    if (t.align[col] == model::Align::Center) return "ep-center";
    return "";
}

std::string class_attr(const std::string& classes) {
    return classes.empty() ? "" : " class=\"" + classes + "\"";
}

std::string join_classes(const std::string& a, const std::string& b) {
    return a.empty() ? b : b.empty() ? a : a + " " + b;
}

size_t column_count(const model::Table& t) {
    size_t n = 0;
    for (const auto& row : t.head) n = std::max(n, row.size());
    for (const auto& row : t.body) n = std::max(n, row.size());
    return n;
}

// The scrolling wrapper is focusable so keyboard users can scroll a wide table; its label
// tells screen-reader users which table the region holds.
std::string scroll_region(const std::string& label, const std::string& inner) {
    return "<div class=\"ep-table-wrap\" role=\"region\" aria-label=\"" + html_escape(label) +
           "\" tabindex=\"0\">\n" + inner + "</div>\n";
}

// `what`: "Download this table as CSV", in the page's language (the generator's own text, not escaped).
std::string download_link(const std::string& csv_name, const std::string& csv, const std::string& what) {
    if (csv_name.empty()) return "";
    return "<p class=\"ep-download\"><a href=\"data/" + html_escape(csv_name) + "\" download>" + what +
           "</a> <span class=\"ep-file-meta\">(CSV, " + human_size(static_cast<long long>(csv.size())) +
           ")</span></p>\n";
}

std::string render_head_cell(const model::TableCell& cell, const std::string& align, PageContext& ctx) {
    return "<th scope=\"col\"" + class_attr(align) + ">" + render_runs(cell.runs, ctx) + "</th>";
}

// An action's status: a coloured badge whose text names the status ("Amber: in progress"), so
// the colour is never the only sign of it.
std::string status_class(const std::string& status) {
    for (const char* s : {"red", "amber", "green", "complete"})
        if (status == s) return std::string("ep-status ep-status--") + s;
    return "ep-status";
}

std::string render_body_cell(const model::TableCell& cell, const std::string& align, PageContext& ctx) {
    std::string classes = join_classes(align, cell.missing ? "ep-missing" : "");
    std::string text = render_runs(cell.runs, ctx);
    if (cell.missing && text.empty()) text = "N/A";
    if (!cell.status.empty()) {
        classes = join_classes(classes, "ep-status-cell");
        text = "<span class=\"" + status_class(cell.status) + "\">" + text + "</span>";
    }
    if (cell.header) return "<th scope=\"row\"" + class_attr(classes) + ">" + text + "</th>";
    return "<td" + class_attr(classes) + ">" + text + "</td>";
}

std::string render_head(const model::Table& t, PageContext& ctx) {
    if (t.head.empty()) return "";
    std::string out = "<thead>\n";
    for (const auto& row : t.head) {
        out += "<tr>";
        for (size_t c = 0; c < row.size(); ++c) out += render_head_cell(row[c], align_class(t, c), ctx);
        out += "</tr>\n";
    }
    return out + "</thead>\n";
}

std::string group_row(const std::string& group, size_t columns) {
    return "<tr class=\"ep-group\"><th colspan=\"" + std::to_string(columns) + "\" scope=\"rowgroup\">" +
           breakable_html(group) + "</th></tr>\n";
}

// A new <tbody> starts whenever the group changes, so each group heading covers its rows.
std::string render_body(const model::Table& t, PageContext& ctx) {
    std::string out;
    size_t columns = column_count(t);
    bool open = false;
    std::string current;
    for (size_t r = 0; r < t.body.size(); ++r) {
        std::string group = r < t.group_of_row.size() ? t.group_of_row[r] : "";
        if (!open || group != current) {
            if (open) out += "</tbody>\n";
            out += "<tbody>\n";
            if (!group.empty()) out += group_row(group, columns);
            open = true;
            current = group;
        }
        out += "<tr>";
        for (size_t c = 0; c < t.body[r].size(); ++c) out += render_body_cell(t.body[r][c], align_class(t, c), ctx);
        out += "</tr>\n";
    }
    return out + (open ? "</tbody>\n" : "<tbody></tbody>\n");
}

std::string table_label(const model::Table& t) {
    if (t.number == 0) return t.caption;   // an unnumbered table (a committee report's agenda sheet)
    return model::label_of(t) + ": " + t.caption;
}

// A name for a table's scrolling region even when the table has no caption (a plain Markdown
// table): its column headings, so a screen reader announces more than "region".
std::string region_label(const model::Table& t) {
    std::string label = table_label(t);
    if (!label.empty() || t.head.empty()) return label.empty() ? "Table" : label;
    label = "Table of ";
    for (size_t c = 0; c < t.head.front().size(); ++c) {
        if (c > 0) label += c + 1 == t.head.front().size() ? " and " : ", ";
        for (const auto& run : t.head.front()[c].runs)
            if (run.footnote == 0) label += run.text;
    }
    return label;
}

// Value for the figure's data table: the chart's own label, else the plain number.
std::string point_text(const model::ChartPoint& p) {
    if (!p.value) return "N/A";
    if (!p.label.empty()) return p.label;
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, *p.value);
    return std::string(buf, res.ptr);
}

std::string series_header(const model::Chart& chart, const model::ChartSeries& s) {
    if (!s.name.empty()) return s.name;
    return chart.value_axis_title.empty() ? "Value" : chart.value_axis_title;
}

std::string render_chart_data(const model::Figure& f, const std::string& language) {
    const model::Chart& chart = f.chart;
    std::string out = "<table class=\"ep-table ep-chart-data\">\n<caption class=\"ep-visually-hidden\">" +
                      term("Data for figure", language) + " " + std::to_string(f.number) + ": " + html_escape(f.title) + "</caption>\n<thead><tr><td></td>";
    for (const auto& s : chart.series) out += "<th scope=\"col\" class=\"ep-num\">" + breakable_html(series_header(chart, s)) + "</th>";
    const bool map = chart.type == model::ChartType::Map;   // a map's table also gives each place's band
    if (map) out += "<th scope=\"col\">Band</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (size_t c = 0; c < chart.categories.size(); ++c) {
        out += "<tr><th scope=\"row\">" + breakable_html(chart.categories[c]) + "</th>";
        for (const auto& s : chart.series) {
            bool has = c < s.points.size() && s.points[c].value.has_value();
            std::string text = c < s.points.size() ? point_text(s.points[c]) : "N/A";
            out += std::string("<td class=\"ep-num") + (has ? "" : " ep-missing") + "\">" + html_escape(text) + "</td>";
        }
        if (map) {
            const int band = c < chart.band_of.size() ? chart.band_of[c] : -1;
            out += band < 0 ? "<td class=\"ep-missing\">No data</td>"
                            : "<td>" + html_escape(chart.bands[static_cast<size_t>(band)].label) + "</td>";
        }
        out += "</tr>\n";
    }
    return out + "</tbody>\n</table>\n";
}

}  // namespace

std::string render_table(const model::Table& t, PageContext& ctx) {
    std::string id = t.id.empty() ? "" : " id=\"" + html_escape(t.id) + "\"";
    // An action plan's cells are sentences: its own class keeps them a readable width.
    const std::string classes = t.kind == "plan" ? "ep-table ep-plan-table" : "ep-table";
    const std::string caption = table_label(t);
    std::string table = "<table class=\"" + classes + "\"" + id + ">\n" +
                        (caption.empty() ? "" : "<caption>" + breakable_html(caption) + "</caption>\n") +
                        render_head(t, ctx) + render_body(t, ctx) + "</table>\n";
    std::string out = "<div class=\"ep-table-block\">\n" + scroll_region(region_label(t), table);
    if (!t.source.empty()) out += "<p class=\"ep-source\">" + render_source_line(t.source, t.source_codes, ctx) + "</p>\n";
    return out + download_link(t.csv_name, t.csv, term("Download this table as CSV", ctx.doc.meta.language)) + "</div>\n";
}

std::string render_figure(const model::Figure& f, PageContext& ctx) {
    std::string id = f.id.empty() ? "" : " id=\"" + html_escape(f.id) + "\"";
    std::string label = model::label_of(f) + ": " + f.title;
    std::string out = "<figure class=\"ep-figure\"" + id + ">\n<figcaption class=\"ep-figure-title\">" +
                      breakable_html(label) + "</figcaption>\n";
    // The SVG comes from the chart backend, which escapes its own text.
    // Two drawings of the chart, one laid out for wide screens and one for phones, so its text
    // stays legible; CSS shows one (display: none hides the other from screen readers too).
    out += "<div class=\"ep-chart\">\n<div class=\"ep-chart__wide\">" + charts::render_svg(f) +
           "</div>\n<div class=\"ep-chart__narrow\">" + charts::render_svg(f, kNarrowChartWidth, "narrow") +
           "</div>\n</div>\n";
    if (!f.summary.empty()) out += "<p class=\"ep-figure-summary\">" + html_escape(f.summary) + "</p>\n";
    if (!f.source.empty()) out += "<p class=\"ep-source\">" + render_source_line(f.source, f.source_codes, ctx) + "</p>\n";
    if (!f.attribution.empty()) out += "<p class=\"ep-source\">" + html_escape(f.attribution) + "</p>\n";
    const std::string& lang = ctx.doc.meta.language;
    // "Show the data" says which chart's data, for those who hear the control out of context.
    out += "<details class=\"ep-details\">\n<summary>" + term("Show the data", lang) +
           "<span class=\"ep-visually-hidden\"> " + term("for figure", lang) + " " + std::to_string(f.number) + "</span></summary>\n" +
           scroll_region(term("Data for figure", lang) + " " + std::to_string(f.number), render_chart_data(f, lang)) +
           "</details>\n";
    return out + download_link(f.csv_name, f.csv, term("Download this figure's data as CSV", lang)) + "</figure>\n";
}

}  // namespace ep::html
