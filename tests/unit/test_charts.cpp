// Tests for generator/charts: ticks, labels, SVG output, PDF output, layout bounds.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <hpdf.h>

#include "charts/chart.h"
#include "charts/layout.h"
#include "core/text.h"
#include "pdf/fonts.h"
#include "pdf_content.h"

using namespace ep;
using model::ChartType;

namespace {

model::ChartPoint pt(double v, std::string label = "") { return {v, std::move(label)}; }
model::ChartPoint na() { return {std::nullopt, ""}; }

model::Figure spend_per_head() {
    model::Figure f;
    f.id = "fig-spend";
    f.number = 3;
    f.title = "Net spend per head";
    f.summary = "Coventry spends the most per head & Warwickshire the least.";
    f.chart.type = ChartType::Bar;
    f.chart.unit = "money";
    f.chart.categories = {"Coventry", "Solihull", "Warwickshire"};
    f.chart.series = {{"Net spend per head", {pt(1064, "£1,064"), pt(958, "£958"), pt(822, "£822")}}};
    return f;
}

model::Figure ni_grouped() {
    model::Figure f;
    f.id = "fig-ni";
    f.number = 4;
    f.title = "NI indicators";
    f.summary = "Three indicators for three authorities.";
    f.chart.type = ChartType::Grouped;
    f.chart.unit = "percent";
    f.chart.categories = {"Pupils with EHC plans", "Persistent absence", "Good level of development"};
    f.chart.series = {{"Coventry", {pt(4.6, "4.6%"), pt(22.1, "22.1%"), pt(63.4, "63.4%")}},
                      {"Solihull", {pt(4.1, "4.1%"), na(), pt(68.9, "68.9%")}},
                      {"Warwickshire", {pt(4.9, "4.9%"), pt(19.8, "19.8%"), pt(67.2, "67.2%")}}};
    return f;
}

model::Figure schools_stacked() {
    model::Figure f;
    f.id = "fig-dsg";
    f.number = 5;
    f.title = "Schools funding";
    f.summary = "DSG is most of the total.";
    f.chart.type = ChartType::Stacked;
    f.chart.unit = "money";
    f.chart.categories = {"DSG", "LSC", "Remainder"};
    f.chart.series = {{"Funding", {pt(604.3e6, "£604.3m"), pt(42.4e6, "£42.4m"), pt(206.9e6, "£206.9m")}}};
    return f;
}

// One figure of every chart type, built from the same small data set.
std::vector<model::Figure> every_type() {
    std::vector<model::Figure> figs = {spend_per_head(), ni_grouped(), schools_stacked()};
    auto add = [&](ChartType type, model::Figure f) {
        f.chart.type = type;
        f.id = "fig-type-" + std::to_string(figs.size());
        figs.push_back(f);
    };
    add(ChartType::HBar, spend_per_head());
    add(ChartType::Stacked, ni_grouped());
    add(ChartType::Waterfall, schools_stacked());
    add(ChartType::DotPlot, ni_grouped());
    add(ChartType::Scatter, ni_grouped());
    add(ChartType::Range, ni_grouped());
    add(ChartType::Line, ni_grouped());
    model::Figure overlap = spend_per_head();
    overlap.chart.unit = "count";
    overlap.chart.categories = {"Only A", "Both", "Only B"};
    overlap.chart.series = {{"Sets", {pt(1200, "1,200"), pt(340, "340"), na()}}};
    add(ChartType::Overlap, overlap);
    return figs;
}

// Minimal XML well-formedness check: balanced tags, quoted attributes, known entities.
bool well_formed(const std::string& xml, std::string* why) {
    std::vector<std::string> stack;
    size_t i = 0;
    while (i < xml.size()) {
        if (xml[i] == '&') {
            size_t semi = xml.find(';', i);
            std::string ent = semi == std::string::npos ? "" : xml.substr(i, semi - i + 1);
            static const std::regex ok("&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);");
            if (!std::regex_match(ent, ok)) return *why = "bad entity at " + std::to_string(i), false;
            i = semi + 1;
            continue;
        }
        if (xml[i] != '<') { ++i; continue; }
        size_t end = xml.find('>', i);
        if (end == std::string::npos) return *why = "unclosed tag", false;
        std::string tag = xml.substr(i + 1, end - i - 1);
        i = end + 1;
        if (tag.empty()) return *why = "empty tag", false;
        if (tag[0] == '/') {
            if (stack.empty() || stack.back() != tag.substr(1)) return *why = "mismatched </" + tag, false;
            stack.pop_back();
            continue;
        }
        bool self_closing = tag.back() == '/';
        if (self_closing) tag.pop_back();
        std::string name = tag.substr(0, tag.find_first_of(" \n\t"));
        std::string attrs = tag.substr(name.size());
        static const std::regex attr_list(R"((\s+[A-Za-z_:][-A-Za-z0-9_:.]*="[^"<]*")*\s*)");
        if (!std::regex_match(attrs, attr_list)) return *why = "bad attributes in <" + name, false;
        if (!self_closing) stack.push_back(name);
    }
    if (!stack.empty()) return *why = "unclosed <" + stack.back(), false;
    return true;
}

bool have_tool(const char* name) {
    return std::system((std::string("command -v ") + name + " >/dev/null 2>&1").c_str()) == 0;
}

std::string temp_path(const std::string& name) { return "/tmp/ep_test_charts_" + name; }

std::string read_command(const std::string& cmd) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
}

}  // namespace

TEST_CASE("nice_ticks: 1-2-5 steps") {
    auto t = charts::nice_ticks(0, 877);
    CHECK(t.step == 200);
    CHECK(t.lo == 0);
    CHECK(t.hi == 1000);
    CHECK(t.values == std::vector<double>{0, 200, 400, 600, 800, 1000});

    t = charts::nice_ticks(0, 6.7);
    CHECK(t.step == 2);
    CHECK(t.hi == 8);
    CHECK(t.values.size() == 5);

    t = charts::nice_ticks(0, 0.3);
    CHECK(t.values.back() == doctest::Approx(0.3));
    CHECK(t.values[1] == doctest::Approx(0.1));
}

TEST_CASE("nice_ticks: negative and mixed ranges") {
    auto t = charts::nice_ticks(-877, 0);
    CHECK(t.lo == -1000);
    CHECK(t.hi == 0);
    CHECK(t.step == 200);

    t = charts::nice_ticks(-35, 80);
    CHECK(t.lo <= -35);
    CHECK(t.hi >= 80);
    CHECK(std::find(t.values.begin(), t.values.end(), 0.0) != t.values.end());
    CHECK(t.values.size() <= 6);
}

TEST_CASE("nice_ticks: degenerate ranges") {
    auto zero = charts::nice_ticks(0, 0);
    CHECK(zero.lo == 0);
    CHECK(zero.hi > 0);
    CHECK(zero.values.size() >= 2);

    auto single = charts::nice_ticks(5, 5);
    CHECK(single.lo == 0);
    CHECK(single.hi >= 5);

    auto neg = charts::nice_ticks(-4, -4);
    CHECK(neg.lo <= -4);
    CHECK(neg.hi == 0);

    auto swapped = charts::nice_ticks(877, 0);
    CHECK(swapped.hi == 1000);
}

TEST_CASE("tick_label by unit") {
    CHECK(charts::tick_label(500, "money") == "£500");
    CHECK(charts::tick_label(1000, "money") == "£1,000");
    CHECK(charts::tick_label(1.5e6, "money") == "£1.5m");
    CHECK(charts::tick_label(2e9, "money") == "£2bn");
    CHECK(charts::tick_label(0, "money") == "£0");
    CHECK(charts::tick_label(-500, "money") == "-£500");
    CHECK(charts::tick_label(40, "percent") == "40%");
    CHECK(charts::tick_label(2.5, "percent") == "2.5%");
    CHECK(charts::tick_label(1000, "count") == "1,000");
    CHECK(charts::tick_label(1234567, "count") == "1.23m");
    CHECK(charts::tick_label(0.30000000000000004, "") == "0.3");
}

TEST_CASE("render_svg: accessible, well-formed, labelled") {
    std::string svg = charts::render_svg(spend_per_head());
    std::string why;
    CHECK_MESSAGE(well_formed(svg, &why), why);
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    CHECK(svg.find("role=\"img\"") != std::string::npos);
    CHECK(svg.find("aria-labelledby=\"fig-spend-chart-title fig-spend-chart-desc\"") != std::string::npos);
    CHECK(svg.find("<title id=\"fig-spend-chart-title\">Figure 3: Net spend per head</title>") != std::string::npos);
    // The text alternative gives the figures, not the summary printed under the chart.
    CHECK(svg.find("<desc id=\"fig-spend-chart-desc\">Coventry £1,064; Solihull £958; Warwickshire £822.</desc>") != std::string::npos);
    CHECK(svg.find("Coventry spends the most per head") == std::string::npos);
    CHECK(svg.find("viewBox=\"0 0 640 ") != std::string::npos);
    CHECK(svg.find("width=\"100%\"") != std::string::npos);
    for (const char* label : {"£1,064", "£958", "£822", "Coventry", "Warwickshire", "£1,000"})
        CHECK_MESSAGE(svg.find(label) != std::string::npos, label);
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("href") == std::string::npos);
    CHECK(svg.find("@font-face") == std::string::npos);
}

TEST_CASE("render_svg: text escaped, ids distinct per figure") {
    auto f = spend_per_head();
    f.title = "Spend <per> head & \"more\"";
    f.chart.categories[0] = "Coventry & <Rugby>";
    std::string svg = charts::render_svg(f);
    std::string why;
    CHECK_MESSAGE(well_formed(svg, &why), why);
    CHECK(svg.find("Spend &lt;per&gt; head &amp; &quot;more&quot;") != std::string::npos);
    CHECK(svg.find("Coventry &amp; &lt;Rugby&gt;") != std::string::npos);

    auto g = ni_grouped();
    std::string other = charts::render_svg(g);
    CHECK(other.find("id=\"fig-ni-chart-title\"") != std::string::npos);
    CHECK(other.find("id=\"fig-ni-chart-hatch45\"") != std::string::npos);   // hatch pattern scoped
    CHECK(other.find("url(#fig-ni-chart-hatch45)") != std::string::npos);
}

TEST_CASE("render_svg: missing values are N/A, never zero bars") {
    std::string svg = charts::render_svg(ni_grouped());
    CHECK(svg.find(">N/A</text>") != std::string::npos);
    CHECK(svg.find("height=\"0\"") == std::string::npos);
    // legend for several series
    for (const char* name : {"Coventry", "Solihull", "Warwickshire"}) CHECK(svg.find(name) != std::string::npos);
    // single series: no legend entry for the series name
    CHECK(charts::render_svg(spend_per_head()).find("Net spend per head</text>") == std::string::npos);
}

TEST_CASE("render_svg: every chart type is well-formed with readable text") {
    const bool xmllint = have_tool("xmllint");
    for (const auto& f : every_type()) {
        CAPTURE(f.id);
        std::string svg = charts::render_svg(f);
        std::string why;
        CHECK_MESSAGE(well_formed(svg, &why), why);
        CHECK(svg.find("nan") == std::string::npos);
        CHECK(svg.find("inf") == std::string::npos);
        std::regex size_re("font-size=\"([0-9.]+)\"");
        for (auto it = std::sregex_iterator(svg.begin(), svg.end(), size_re); it != std::sregex_iterator(); ++it)
            CHECK(std::stod((*it)[1]) >= 12);
        if (xmllint) {
            std::string path = temp_path(f.id + ".svg");
            std::ofstream(path) << svg;
            CHECK(std::system(("xmllint --noout " + path + " 2>/dev/null").c_str()) == 0);
            std::remove(path.c_str());
        }
    }
}

TEST_CASE("layout: every mark stays inside the scene") {
    for (const auto& f : every_type()) {
        for (double width : {640.0, 420.0}) {
            CAPTURE(f.id);
            CAPTURE(width);
            auto scene = charts::build_scene(f, width);
            for (const auto& m : scene.marks) {
                double x0 = m.x, x1 = m.x, y0 = m.y, y1 = m.y;
                switch (m.kind) {
                    case charts::MarkKind::Rect: x1 = m.x + m.w, y1 = m.y + m.h; break;
                    case charts::MarkKind::Line: x1 = m.x2, y1 = m.y2; break;
                    case charts::MarkKind::Marker: x0 -= m.r, x1 += m.r, y0 -= m.r, y1 += m.r; break;
                    case charts::MarkKind::Text: {
                        double w = charts::text_width(m.text, m.size, m.bold);
                        if (m.anchor == charts::Anchor::Middle) x0 -= w / 2, x1 += w / 2;
                        else if (m.anchor == charts::Anchor::End) x0 -= w;
                        else x1 += w;
                        y0 -= m.size * 0.75, y1 += m.size * 0.25;
                        break;
                    }
                    case charts::MarkKind::Path:   // maps: test_maps.cpp
                        for (const auto& ring : m.rings)
                            for (auto [px, py] : ring) {
                                x0 = std::min(x0, px), x1 = std::max(x1, px);
                                y0 = std::min(y0, py), y1 = std::max(y1, py);
                            }
                        break;
                    case charts::MarkKind::Polyline:
                        for (auto [px, py] : m.points) {
                            x0 = std::min(x0, px), x1 = std::max(x1, px);
                            y0 = std::min(y0, py), y1 = std::max(y1, py);
                        }
                        if (!m.points.empty()) x0 = std::min(x0, m.points[0].first);
                        break;
                }
                CAPTURE(m.text);
                CHECK(std::min(x0, x1) >= -0.5);
                CHECK(std::max(x0, x1) <= scene.width + 0.5);
                CHECK(std::min(y0, y1) >= -0.5);
                CHECK(std::max(y0, y1) <= scene.height + 0.5);
            }
        }
    }
}

TEST_CASE("degenerate data: every type copes without crashing or leaving the box") {
    std::vector<model::Figure> cases;
    model::Figure empty;
    empty.id = "empty";
    cases.push_back(empty);
    model::Figure all_missing = ni_grouped();
    for (auto& s : all_missing.chart.series)
        for (auto& p : s.points) p = na();
    cases.push_back(all_missing);
    model::Figure short_series = ni_grouped();
    short_series.chart.series[1].points.resize(1);   // fewer points than categories
    cases.push_back(short_series);
    model::Figure one = spend_per_head();
    one.chart.categories = {"Averyveryveryverylongsinglewordcategorynamethatcannotwrap"};
    one.chart.series[0].points = {pt(0)};
    cases.push_back(one);
    model::Figure negative = spend_per_head();
    negative.chart.series[0].points = {pt(-5e6), pt(2e6), pt(-1)};
    cases.push_back(negative);
    for (auto type : {ChartType::Bar, ChartType::HBar, ChartType::Grouped, ChartType::Stacked,
                      ChartType::Waterfall, ChartType::DotPlot, ChartType::Scatter, ChartType::Range,
                      ChartType::Line, ChartType::Overlap}) {
        for (auto f : cases) {
            f.chart.type = type;
            CAPTURE(static_cast<int>(type));
            CAPTURE(f.id);
            std::string svg = charts::render_svg(f);
            std::string why;
            CHECK_MESSAGE(well_formed(svg, &why), why);
            CHECK(svg.find("nan") == std::string::npos);
            auto scene = charts::build_scene(f, 640);
            CHECK(scene.height > 0);
            CHECK(std::isfinite(scene.height));
            for (const auto& m : scene.marks) {
                CHECK(std::isfinite(m.x));
                CHECK(std::isfinite(m.y));
                CHECK(m.x >= -0.5);
                CHECK(m.x <= scene.width + 0.5);
                CHECK(m.y <= scene.height + 0.5);
            }
        }
    }
}

TEST_CASE("preferred_height grows with rows for horizontal bars") {
    auto f = spend_per_head();
    f.chart.type = ChartType::HBar;
    float three = charts::preferred_height(f, 453);
    for (int i = 0; i < 6; ++i) {
        f.chart.categories.push_back("Place " + std::to_string(i));
        f.chart.series[0].points.push_back(pt(100 + i));
    }
    float nine = charts::preferred_height(f, 453);
    CHECK(three > 50);
    CHECK(nine > three + 100);
    CHECK(charts::preferred_height(spend_per_head(), 453) < 453);
}

TEST_CASE("wrap_text: long category labels wrap onto two lines") {
    auto lines = charts::wrap_text("Adult social care including older people's services", 200, 13);
    CHECK(lines.size() == 2);
    for (const auto& l : lines) CHECK(charts::text_width(l, 13) <= 200);
    auto cut = charts::wrap_text("Supercalifragilisticexpialidocious words that never fit here at all", 80, 13);
    CHECK(cut.size() == 2);
    CHECK(cut.back().find("\xE2\x80\xA6") != std::string::npos);
}

TEST_CASE("draw_pdf: labels extractable with pdftotext") {
    HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
    REQUIRE(pdf);
    const auto fonts = pdf::FontSet::load();
    for (const auto& f : every_type()) {
        HPDF_Page page = HPDF_AddPage(pdf);
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        float h = charts::preferred_height(f, 453);
        charts::draw_pdf(page, f, fonts, 71, 780 - h, 453, h);
    }
    fonts.embed(pdf);
    std::string path = temp_path("charts.pdf");
    REQUIRE(HPDF_SaveToFile(pdf, path.c_str()) == HPDF_OK);
    HPDF_Free(pdf);
    if (!have_tool("pdftotext")) {
        MESSAGE("pdftotext not installed; skipping text extraction");
        return;
    }
    std::string text = read_command("pdftotext -enc UTF-8 " + path + " -");
    for (const char* label : {"£1,064", "£958", "£822", "Coventry", "Warwickshire", "N/A", "63.4%",
                              "Good level of development", "£604.3m", "DSG", "Remainder", "£853.6m",
                              "Total", "1,200"})
        CHECK_MESSAGE(text.find(label) != std::string::npos, label);
    std::remove(path.c_str());
}

TEST_CASE("draw_pdf: labels are kerned as body text is, and placed by their kerned width") {
    if (!have_tool("pdftotext") || !have_tool("qpdf")) {
        MESSAGE("pdftotext or qpdf not installed; skipping");
        return;
    }
    // Labels full of kerned pairs ("AV", "VA", "To", "Wa"), centred under their bars.
    model::Figure f = spend_per_head();
    f.chart.categories = {"AVAILABLE", "Toyota", "Wave"};
    HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
    REQUIRE(pdf);
    const auto fonts = pdf::FontSet::load();
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    const float x = 71, w = 453, h = charts::preferred_height(f, w), y = 780 - h;
    charts::draw_pdf(page, f, fonts, x, y, w, h);
    fonts.embed(pdf);
    const std::string path = temp_path("kerned.pdf"), qdf = temp_path("kerned-qdf.pdf");
    REQUIRE(HPDF_SaveToFile(pdf, path.c_str()) == HPDF_OK);
    HPDF_Free(pdf);

    // Drawn with the kerning pairs as TJ arrays, in thousandths of an em as the body text is:
    // "AVAILABLE" as [(A) 74 (V) 74 (AILABLE)] TJ, two bytes a glyph.
    read_command("qpdf --qdf --object-streams=disable " + path + " " + qdf);
    std::ifstream in(qdf, std::ios::binary);
    const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto shows = ep_test::text_shows(content);
    CHECK(fonts.kern_units(pdf::Face::Regular, 'A', 'V') == -74);
    CHECK(ep_test::has_show(shows, {{1, 1, 7}, {74, 74}}));
    CHECK(ep_test::has_show(shows, {{1, 5}, {static_cast<double>(-fonts.kern_units(pdf::Face::Regular, 'T', 'o'))}}));

    // Placed by the kerned width: poppler's glyph positions put each label's middle (or end,
    // or start) exactly at its anchor in the chart's layout, so the text is measured as drawn.
    const charts::Scene scene = charts::build_scene(f, w / charts::layout_scale_for(w));
    const double k = std::min(w / scene.width, h / scene.height), ox = x + (w - scene.width * k) / 2, top = y + h;
    const std::string xml = read_command("pdftotext -bbox " + path + " -");
    const std::regex word_re(R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
    int checked = 0;
    for (const auto& m : scene.marks) {
        if (m.kind != charts::MarkKind::Text || m.text.find(' ') != std::string::npos) continue;
        std::vector<char32_t> cps;
        for (size_t i = 0; i < m.text.size();) cps.push_back(next_code_point(m.text, i));
        bool kerned = false;
        const pdf::Face face = m.bold ? pdf::Face::Bold : pdf::Face::Regular;
        for (size_t i = 1; i < cps.size(); ++i) kerned = kerned || fonts.kern_units(face, cps[i - 1], cps[i]) != 0;
        if (!kerned) continue;
        const double anchor = ox + m.x * k, baseline = 842 - (top - m.y * k);   // poppler's y runs down an A4 page
        bool found = false;
        for (std::sregex_iterator it(xml.begin(), xml.end(), word_re), end; it != end; ++it) {
            const auto& wm = *it;
            if (wm[5] != m.text || std::stod(wm[2]) > baseline || std::stod(wm[4]) < baseline) continue;
            found = true;
            const double x0 = std::stod(wm[1]), x1 = std::stod(wm[3]);
            const double at = m.anchor == charts::Anchor::Middle ? (x0 + x1) / 2 : m.anchor == charts::Anchor::End ? x1 : x0;
            INFO(m.text);
            CHECK(std::abs(at - anchor) < 0.05);
            // And the width poppler sees is the kerned one, narrower than the glyphs' advances alone.
            float advances = 0;
            for (char32_t c : cps) advances += fonts.char_width(face, static_cast<float>(m.size * k), c);
            CHECK(x1 - x0 == doctest::Approx(fonts.width(face, static_cast<float>(m.size * k), m.text)).epsilon(0.002));
            CHECK(x1 - x0 < advances - 0.1);
        }
        CHECK_MESSAGE(found, m.text);
        ++checked;
    }
    CHECK(checked >= 3);   // AVAILABLE, Toyota, Wave

    // Text extraction still finds each label whole.
    const std::string text = read_command("pdftotext -enc UTF-8 " + path + " -");
    for (const char* label : {"AVAILABLE", "Toyota", "Wave", "£1,064", "£958"})
        CHECK_MESSAGE(text.find(label) != std::string::npos, std::string(label));
    std::remove(path.c_str());
    std::remove(qdf.c_str());
}

namespace {

// The 33 London authorities with their figures: long names, some with "and" and "upon".
model::Figure london_columns() {
    model::Figure f = spend_per_head();
    f.id = "fig-london";
    f.chart.categories = {"Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "City of London",
                          "Croydon", "Ealing", "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham",
                          "Haringey", "Harrow", "Havering", "Hillingdon", "Hounslow", "Islington",
                          "Kensington and Chelsea", "Kingston upon Thames", "Lambeth", "Lewisham", "Merton",
                          "Newham", "Redbridge", "Richmond upon Thames", "Southwark", "Sutton", "Tower Hamlets",
                          "Waltham Forest", "Wandsworth", "Westminster"};
    f.chart.series = {{"Spend per child", {}}};
    for (size_t i = 0; i < f.chart.categories.size(); ++i) {
        const double v = 600 + 37.0 * static_cast<double>((i * 7) % 33);
        f.chart.series[0].points.push_back(pt(v, "£" + std::to_string(static_cast<int>(v))));
    }
    return f;
}

}  // namespace

TEST_CASE("bar is vertical columns and hbar horizontal bars, with few places and with 33") {
    for (const model::Figure& f : {spend_per_head(), london_columns()}) {
        CAPTURE(f.id);
        for (auto type : {ChartType::Bar, ChartType::HBar}) {
            model::Figure g = f;
            g.chart.type = type;
            const charts::Scene s = charts::build_scene(g, 640);
            std::vector<const charts::Mark*> bars;
            for (const auto& m : s.marks)
                if (m.kind == charts::MarkKind::Rect && m.fill == charts::series_colour(0)) bars.push_back(&m);
            REQUIRE(bars.size() == g.chart.categories.size());
            for (size_t i = 1; i < bars.size(); ++i) {
                if (type == ChartType::Bar) {
                    CHECK(bars[i]->x > bars[i - 1]->x);   // side by side, left to right
                    CHECK(bars[i]->w == doctest::Approx(bars[0]->w));
                } else {
                    CHECK(bars[i]->y > bars[i - 1]->y);   // one under another
                    CHECK(bars[i]->h == doctest::Approx(bars[0]->h));
                }
            }
        }
    }
}

TEST_CASE("columns of 33 places: every name whole, turned upright, apart, never below 7 pt in the PDF") {
    model::Figure f = london_columns();
    const charts::Scene s = charts::build_scene(f, 640);
    std::vector<const charts::Mark*> names;
    for (const auto& m : s.marks) {
        if (m.kind != charts::MarkKind::Text) continue;
        CHECK(m.size >= charts::kFontSmall);
        if (std::find(f.chart.categories.begin(), f.chart.categories.end(), m.text) != f.chart.categories.end())
            names.push_back(&m);
    }
    REQUIRE(names.size() == 33);   // each whole: no ellipsis, no wrapping
    for (size_t i = 0; i < names.size(); ++i) {
        CHECK(names[i]->rotate == 90);
        // turned labels a full line apart: their glyphs cannot touch
        if (i > 0) CHECK(names[i]->x - names[i - 1]->x >= names[i]->size);
        // below the plot: the label ends under the axis and runs down from there
        CHECK(names[i]->anchor == charts::Anchor::End);
        CHECK(names[i]->y + charts::text_width(names[i]->text, names[i]->size) <= s.height);
    }
    // the values are shown, turned too
    int values = 0;
    for (const auto& m : s.marks) values += m.kind == charts::MarkKind::Text && m.text[0] == '\xC2' && m.rotate == 90;
    CHECK(values == 33);
    // SVG turns them with a transform
    CHECK(charts::render_svg(f).find("transform=\"rotate(-90 ") != std::string::npos);

    if (!have_tool("qpdf") || !have_tool("pdftotext")) {
        MESSAGE("qpdf or pdftotext not installed; skipping the PDF half");
        return;
    }
    HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
    REQUIRE(pdf);
    const auto fonts = pdf::FontSet::load();
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    const float w = 453, h = charts::preferred_height(f, w);
    charts::draw_pdf(page, f, fonts, 71, 780 - h, w, h);
    fonts.embed(pdf);
    const std::string path = temp_path("columns.pdf"), qdf = temp_path("columns-qdf.pdf");
    REQUIRE(HPDF_SaveToFile(pdf, path.c_str()) == HPDF_OK);
    HPDF_Free(pdf);
    read_command("qpdf --qdf --object-streams=disable " + path + " " + qdf);
    std::ifstream in(qdf, std::ios::binary);
    const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The smallest font size set in the content stream (no scaling is applied to text: a turned
    // label is only rotated).
    double smallest = 1e9;
    const std::regex tf(R"(/F\w+ ([\d.]+) Tf)");
    for (std::sregex_iterator it(content.begin(), content.end(), tf), end; it != end; ++it)
        smallest = std::min(smallest, std::stod((*it)[1]));
    CHECK(smallest >= 7.0);
    CHECK(smallest < 1e9);
    // every name is in the PDF's text, upright (its box taller than wide)
    const std::string xml = read_command("pdftotext -bbox " + path + " -");
    for (const char* word : {"Dagenham", "Kensington", "Richmond", "Westminster"}) {
        const std::regex box(std::string(R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">)re") + word + "</word>");
        std::smatch m;
        REQUIRE_MESSAGE(std::regex_search(xml, m, box), word);
        CHECK(std::stod(m[4]) - std::stod(m[2]) > std::stod(m[3]) - std::stod(m[1]));
    }
    std::remove(path.c_str());
    std::remove(qdf.c_str());
}

TEST_CASE("every series colour has 3:1 against the white page (WCAG 1.4.11), and no two are the same") {
    for (size_t i = 0; i < 7; ++i) {
        INFO("series " << i);
        CHECK(charts::contrast_ratio(charts::series_colour(i), 0xFFFFFF) >= 3.0);
        for (size_t j = 0; j < i; ++j) CHECK(charts::series_colour(i) != charts::series_colour(j));
    }
}

namespace {
// Figure 12 of the pack: three lines to 0%, two of them on the same figures from 2010/11.
model::Figure neet_trajectory() {
    model::Figure f;
    f.id = "fig-neet";
    f.number = 12;
    f.title = "NEET now and the targets";
    f.chart.type = ChartType::Line;
    f.chart.unit = "percent";
    f.chart.categories = {"2008/09", "2010/11", "2015"};
    f.chart.series = {{"Coventry", {pt(6.7, "6.7%"), pt(5.6, "5.6%"), pt(0, "0%")}},
                      {"Solihull", {pt(6.0, "6%"), pt(5.6, "5.6%"), pt(0, "0%")}},
                      {"Warwickshire", {pt(5.8, "5.8%"), pt(4.4, "4.4%"), pt(0, "0%")}}};
    return f;
}
}  // namespace

TEST_CASE("line chart: end labels in their series' colour (4.5:1 as text), joined to their points when moved; a line on another is dashed") {
    const charts::Scene s = charts::build_scene(neet_trajectory());
    int labels = 0, leaders = 0;
    for (const auto& m : s.marks) {
        if (m.kind == charts::MarkKind::Text && m.text.find(" 0%") != std::string::npos) {
            ++labels;
            size_t si = m.text.rfind("Coventry", 0) == 0 ? 0 : m.text.rfind("Solihull", 0) == 0 ? 1 : 2;
            CHECK(m.fill == charts::text_shade(charts::series_colour(si)));
            CHECK(charts::contrast_ratio(m.fill, 0xFFFFFF) >= 4.5);
        }
        if (m.kind == charts::MarkKind::Line && m.stroke == charts::text_shade(charts::series_colour(0))) ++leaders;
    }
    CHECK(labels == 3);
    CHECK(leaders >= 1);   // three labels for one point: at least two moved, each with its leader
    std::vector<bool> dashed;
    for (const auto& m : s.marks)
        if (m.kind == charts::MarkKind::Polyline) dashed.push_back(m.dashed);
    CHECK(dashed == std::vector<bool>{false, true, false});   // Solihull runs along Coventry from 2010/11
}

TEST_CASE("dot plot: markers of equal or close figures are stacked within their row, none hidden under another") {
    model::Figure f;
    f.id = "fig-dots";
    f.number = 8;
    f.title = "Lower is better";
    f.chart.type = ChartType::DotPlot;
    f.chart.unit = "percent";
    f.chart.categories = {"NI 117 NEET", "NI 69 Bullied"};
    f.chart.series = {{"Coventry", {pt(6.7, "6.7%"), pt(53.9, "53.9%")}},
                      {"Solihull", {pt(6.0, "6%"), pt(44.3, "44.3%")}},
                      {"Warwickshire", {pt(5.8, "5.8%"), pt(49.9, "49.9%")}}};
    const charts::Scene s = charts::build_scene(f);
    std::vector<const charts::Mark*> markers;
    for (const auto& m : s.marks)
        if (m.kind == charts::MarkKind::Marker) markers.push_back(&m);
    REQUIRE(markers.size() >= 6);
    // No two markers closer than a marker's width: each can be seen.
    for (size_t i = 0; i < markers.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            CHECK(std::hypot(markers[i]->x - markers[j]->x, markers[i]->y - markers[j]->y) >= 9.9);
}

TEST_CASE("describe_data: every category's value, series by series, N/A for a missing one") {
    model::Figure f = ni_grouped();
    const std::string text = charts::describe_data(f);
    for (const auto& s : f.chart.series) CHECK(text.find(s.name + ": ") != std::string::npos);
    for (const auto& c : f.chart.categories) CHECK(text.find(c + " ") != std::string::npos);
    model::Figure one = spend_per_head();
    one.chart.series[0].points[1] = {std::nullopt, ""};
    CHECK(charts::describe_data(one) == "Coventry £1,064; Solihull N/A; Warwickshire £822.");
}
