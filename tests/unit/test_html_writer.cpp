// HTML site writer: builds a small document by hand, writes the site to a temp folder and
// checks the markup that matters for users (escaping, accessible tables, navigation, links).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <unistd.h>

#include "core/diagnostics.h"
#include "html/html_writer.h"

#ifndef EP_SOURCE_DIR
#define EP_SOURCE_DIR "."
#endif

namespace fs = std::filesystem;
using namespace ep::model;

namespace {

Run text(std::string t) { Run r; r.text = std::move(t); return r; }
Run styled(std::string t, bool bold, bool italic) { Run r = text(std::move(t)); r.bold = bold; r.italic = italic; return r; }
Run linked(std::string t, std::string href) { Run r = text(std::move(t)); r.link = std::move(href); return r; }
Run note(int n) { Run r = text(std::to_string(n)); r.footnote = n; return r; }

Block heading(int level, std::string title, std::string anchor, std::string number = "") {
    Block b;
    b.kind = BlockKind::Heading;
    b.level = level;
    b.anchor = std::move(anchor);
    b.number = std::move(number);
    b.runs = {text(std::move(title))};
    return b;
}

Block paragraph(Runs runs) {
    Block b;
    b.kind = BlockKind::Paragraph;
    b.runs = std::move(runs);
    return b;
}

TableCell cell(std::string t, bool header = false, bool missing = false) {
    TableCell c;
    c.runs = {text(std::move(t))};
    c.header = header;
    c.missing = missing;
    return c;
}

Block costs_table() {
    Table t;
    t.id = "costs-table";
    t.number = 1;
    t.caption = "Spend per head by service & area";
    t.head = {{cell("Service", true), cell("Coventry", true), cell("Solihull", true)}};
    t.body = {{cell("Schools", true), cell("£877"), cell("£912")},
              {cell("Libraries", true), cell("£21"), cell("N/A", false, true)},
              {cell("Roads", true), cell("£40"), cell("£38")}};
    t.align = {Align::Left, Align::Right, Align::Right};
    t.group_of_row = {"Children's services", "Culture", "Culture"};
    t.source = {text("Source: CIPFA statistics"), note(2)};
    t.csv = "Service,Coventry,Solihull\nSchools,877,912\n";
    t.csv_name = "table-1.csv";
    Block b;
    b.kind = BlockKind::Table;
    b.table = t;
    return b;
}

Block spend_figure() {
    Figure f;
    f.id = "spend-figure";
    f.number = 1;
    f.title = "Spend per head on schools";
    f.summary = "Solihull spends the most per head on schools.";
    f.chart.type = ChartType::Bar;
    f.chart.categories = {"Coventry", "Solihull", "Warwickshire"};
    f.chart.series = {{"Schools", {{877.0, "£877"}, {912.0, "£912"}, {std::nullopt, ""}}}};
    f.chart.unit = "money";
    f.source = {text("Source: CIPFA")};
    f.csv = "place,value\nCoventry,877\n";
    f.csv_name = "figure-1.csv";
    Block b;
    b.kind = BlockKind::Figure;
    b.figure = f;
    return b;
}

Block nested_list() {
    Block inner;
    inner.kind = BlockKind::List;
    inner.items = {{{paragraph({text("Nested point")})}}};
    Block outer;
    outer.kind = BlockKind::List;
    outer.ordered = true;
    outer.start = 3;
    outer.items = {{{paragraph({text("First point")}), inner}}, {{paragraph({text("Second point")})}}};
    return outer;
}

Document sample_document() {
    Document d;
    d.meta.title = "Value for Money Evidence Pack";
    d.meta.subtitle = "Cost, performance and outcomes";
    d.meta.area = "Coventry, Solihull and Warwickshire";
    d.meta.date = "2010-03-01";
    d.meta.version = "1.0";
    d.meta.language = "en-GB";

    Section summary;
    summary.slug = "executive-summary";
    summary.title = "Executive summary";
    summary.short_title = "Summary";
    summary.number = "1";
    summary.blocks = {heading(1, "Executive summary", "executive-summary", "1"),
                      paragraph({text("Spend is "), styled("high", true, false), text(" and "),
                                 styled("rising", false, true), text(". See "), linked("the costs table", "#costs-table"),
                                 text(", "), linked("key points", "#key-points"), text(" and "),
                                 linked("CIPFA", "https://www.example.org/?a=1&b=2"), text(". <script>alert(1)</script>"),
                                 note(1)}),
                      heading(2, "Key points", "key-points", "1.1"),
                      nested_list()};
    Block quote;
    quote.kind = BlockKind::Quote;
    quote.children = {paragraph({text("A quoted remark.")})};
    summary.blocks.push_back(quote);
    summary.footnotes = {1};

    Section costs;
    costs.slug = "costs";
    costs.title = "Costs";
    costs.number = "2";
    costs.blocks = {heading(1, "Costs", "costs", "2"), costs_table(), spend_figure(),
                    paragraph({text("Back to the "), linked("summary", "#key-points"), text(".")})};
    costs.footnotes = {2};

    Section method;
    method.slug = "method";
    method.title = "Method";
    Run code = text("make site");
    code.code = true;
    Run struck = text("old figure");
    struck.strike = true;
    method.blocks = {heading(1, "Method", "method"),
                     paragraph({code, text(" "), struck, text(" "), linked("bad link", "javascript:alert(1)")})};

    d.sections = {summary, costs, method};
    d.footnotes = {{1, "fn-1", {text("Audit Commission, 2009.")}}, {2, "fn-2", {text("CIPFA, 2009.")}}};
    d.key_figures = {{"Public sector spend in the sub-region", "£6.2 billion"}, {"People", "1.6 million"}};
    d.sources = {{"CIPFA", "Finance and General Statistics", "CIPFA", "2009", "https://www.cipfa.org/"},
                 {"LOCAL", "Local survey <2009>", "Council", "", ""}};
    d.downloads = {{"raw-data.csv", "All the figures", "measure,place,value\nx,y,1\n"}};
    d.warnings = {{"data/observations.csv:3:1: total differs", "Total for <Coventry> differs from the sum of its parts by 2."}};
    return d;
}

ep::html::HtmlOptions options(const std::string& templates = EP_SOURCE_DIR "/templates") {
    ep::html::HtmlOptions o;
    o.templates_dir = templates;
    o.assets_dir = EP_SOURCE_DIR "/assets";
    o.pdf_file = "evidence-pack.pdf";
    o.pdf_bytes = 1258291;   // 1.2 MB
    o.pdf_pages = 44;
    return o;
}

fs::path fresh_dir(const std::string& name) {
    fs::path dir = fs::temp_directory_path() / ("ep-html-" + std::to_string(getpid()) + "-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// Writes the sample site once and keeps it for every test case.
const fs::path& site() {
    static fs::path dir = [] {
        fs::path d = fresh_dir("site");
        auto stats = ep::html::write_site(sample_document(), options(), d.string());
        REQUIRE(stats.pages == 6);
        return d;
    }();
    return dir;
}

std::map<std::string, std::string> all_files(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = slurp(e.path());
    return files;
}

}  // namespace

TEST_CASE("html: every page is written") {
    for (const char* page : {"index.html", "executive-summary.html", "costs.html", "method.html", "sources.html", "accessibility.html"})
        CHECK(fs::exists(site() / page));
    CHECK(fs::exists(site() / "assets" / "site.css"));
    CHECK(fs::exists(site() / "assets" / "theme.css"));
}

TEST_CASE("html: page shell") {
    std::string costs = slurp(site() / "costs.html");
    CHECK(has(costs, "<!DOCTYPE html>"));
    CHECK(has(costs, "<html lang=\"en-GB\">"));
    CHECK(has(costs, "<meta charset=\"utf-8\">"));
    CHECK(has(costs, "name=\"viewport\""));
    CHECK(has(costs, "<title>Costs \u2013 Value for Money Evidence Pack</title>"));
    CHECK(has(costs, "href=\"#ep-main\""));
    CHECK(has(costs, "id=\"ep-main\""));
    CHECK(has(costs, "aria-label=\"Breadcrumb\""));
    CHECK(has(costs, "Coventry, Solihull and Warwickshire"));
    // Full title in <title> and breadcrumbs; the short title only in the contents list.
    std::string summary = slurp(site() / "executive-summary.html");
    CHECK(has(summary, "<title>Executive summary \u2013 Value for Money Evidence Pack</title>"));
    CHECK(has(summary, "<li aria-current=\"page\">Executive summary</li>"));
    CHECK(has(summary, "<span class=\"ep-contents__number\">1</span> Summary</a>"));
    // No external requests: stylesheets, images and icons all come from the site itself.
    CHECK(has(costs, "<link rel=\"stylesheet\" href=\"assets/site.css\">"));
    CHECK_FALSE(has(costs, "src=\"http"));
    CHECK_FALSE(has(costs, "src=\"//"));
    CHECK_FALSE(has(costs, "stylesheet\" href=\"http"));
    CHECK_FALSE(has(costs, "<script"));
}

TEST_CASE("html: text is escaped, links are kept") {
    std::string summary = slurp(site() / "executive-summary.html");
    CHECK(has(summary, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK_FALSE(has(summary, "<script>"));
    CHECK(has(summary, "<strong>high</strong>"));
    CHECK(has(summary, "<em>rising</em>"));
    CHECK(has(summary, "<a href=\"https://www.example.org/?a=1&amp;b=2\">CIPFA</a>"));
    std::string method = slurp(site() / "method.html");
    CHECK(has(method, "<code>make site</code>"));
    CHECK(has(method, "<del>old figure</del>"));
    CHECK_FALSE(has(method, "javascript:"));
    CHECK(has(method, "bad link"));
    std::string sources = slurp(site() / "sources.html");
    CHECK(has(sources, "Local survey &lt;2009&gt;"));
    CHECK(has(sources, "Total for &lt;Coventry&gt;"));
}

TEST_CASE("html: internal links point at the page holding the anchor") {
    std::string summary = slurp(site() / "executive-summary.html");
    CHECK(has(summary, "href=\"costs.html#costs-table\""));
    CHECK(has(summary, "href=\"#key-points\""));
    CHECK(has(summary, "<h2 id=\"key-points\">"));
    std::string costs = slurp(site() / "costs.html");
    CHECK(has(costs, "href=\"executive-summary.html#key-points\""));
}

TEST_CASE("html: headings, lists and quotes") {
    std::string summary = slurp(site() / "executive-summary.html");
    CHECK(has(summary, "<h1 id=\"executive-summary\"><span class=\"ep-heading-number\">1</span> Executive summary</h1>"));
    CHECK(has(summary, "<ol class=\"ep-list\" start=\"3\">"));
    CHECK(has(summary, "<ul class=\"ep-list\">"));
    CHECK(has(summary, "<blockquote"));
}

TEST_CASE("html: tables are accessible") {
    std::string costs = slurp(site() / "costs.html");
    CHECK(has(costs, "<caption>Table 1: Spend per head by service &amp; area</caption>"));
    CHECK(has(costs, "<th scope=\"col\">Service</th>"));
    CHECK(has(costs, "<th scope=\"col\" class=\"ep-num\">Coventry</th>"));
    CHECK(has(costs, "<th scope=\"row\">Schools</th>"));
    CHECK(has(costs, "<td class=\"ep-num\">£877</td>"));
    CHECK(has(costs, "<td class=\"ep-num ep-missing\">N/A</td>"));
    CHECK(has(costs, "<th colspan=\"3\" scope=\"rowgroup\">Children&#39;s services</th>"));
    // The group heading appears once, where the group starts.
    CHECK(costs.find("scope=\"rowgroup\">Culture") == costs.rfind("scope=\"rowgroup\">Culture"));
    CHECK(has(costs, "role=\"region\" aria-label=\"Table 1: Spend per head by service &amp; area\" tabindex=\"0\""));
    CHECK(has(costs, "Source: CIPFA statistics<sup><a href=\"#fn-2\" id=\"fnref-2\"><span class=\"ep-visually-hidden\">Note </span>2</a></sup>"));
    CHECK(has(costs, "<a href=\"data/table-1.csv\" download>Download this table as CSV</a>"));
}

TEST_CASE("html: figures carry the chart, caption, summary and data") {
    std::string costs = slurp(site() / "costs.html");
    CHECK(has(costs, "<figure class=\"ep-figure\" id=\"spend-figure\">"));
    CHECK(has(costs, "<figcaption class=\"ep-figure-title\">Figure 1: Spend per head on schools</figcaption>"));
    CHECK(has(costs, "<svg"));
    CHECK(has(costs, "Solihull spends the most per head on schools."));
    CHECK(has(costs, "<summary>Show the data<span class=\"ep-visually-hidden\"> for figure 1</span></summary>"));
    CHECK(has(costs, "<th scope=\"row\">Warwickshire</th><td class=\"ep-num ep-missing\">N/A</td>"));
    CHECK(has(costs, "<td class=\"ep-num\">£912</td>"));
    CHECK(has(costs, "href=\"data/figure-1.csv\""));
}

TEST_CASE("html: footnotes and back-links") {
    std::string summary = slurp(site() / "executive-summary.html");
    CHECK(has(summary, "<sup><a href=\"#fn-1\" id=\"fnref-1\"><span class=\"ep-visually-hidden\">Note </span>1</a></sup>"));
    CHECK(has(summary, "<li id=\"fn-1\" value=\"1\">Audit Commission, 2009."));
    CHECK(has(summary, "href=\"#fnref-1\""));
    CHECK_FALSE(has(summary, "id=\"fn-2\""));   // only this section's notes
}

TEST_CASE("html: navigation marks the current page and links previous/next") {
    std::string costs = slurp(site() / "costs.html");
    CHECK(has(costs, "<a href=\"costs.html\" aria-current=\"page\">"));
    CHECK_FALSE(has(costs, "<a href=\"method.html\" aria-current"));
    CHECK(has(costs, "<a href=\"executive-summary.html\" rel=\"prev\">"));
    CHECK(has(costs, "<a href=\"method.html\" rel=\"next\">"));
    std::string index = slurp(site() / "index.html");
    CHECK(has(index, "<a href=\"executive-summary.html\" rel=\"next\">"));
    CHECK_FALSE(has(index, "rel=\"prev\""));
    std::string sources = slurp(site() / "sources.html");
    CHECK(has(sources, "<a href=\"method.html\" rel=\"prev\">"));
    CHECK(has(sources, "<a href=\"accessibility.html\" rel=\"next\">"));
    CHECK(has(sources, "<a href=\"sources.html\" aria-current=\"page\">"));
    std::string statement = slurp(site() / "accessibility.html");
    CHECK(has(statement, "<a href=\"sources.html\" rel=\"prev\">"));
    CHECK_FALSE(has(statement, "rel=\"next\""));
}

TEST_CASE("html: every site has an accessibility statement, linked from every footer") {
    for (const char* page : {"index.html", "costs.html", "sources.html", "accessibility.html"})
        CHECK(has(slurp(site() / page), "<li><a href=\"accessibility.html\">Accessibility</a></li>"));
    const std::string statement = slurp(site() / "accessibility.html");
    CHECK(has(statement, "<h1>Accessibility statement</h1>"));
    CHECK(has(statement, "Enforcement procedure"));
    CHECK(has(statement, "Equality and Human Rights Commission"));
    // The sample document names no contact, no review and no known problems.
    CHECK(has(statement, "has not yet reviewed this website"));
    CHECK(has(statement, "has not recorded a review"));
}

TEST_CASE("html: the statement gives the publisher's contact, review date and known problems") {
    Document d = sample_document();
    d.meta.accessibility.contact = "Web team: web@example.org";
    d.meta.accessibility.reviewed = "2010-03-01";
    d.meta.accessibility.issues = {"Figure 1 has no <long> description yet."};
    const fs::path dir = fresh_dir("site-statement");
    ep::html::write_site(d, options(), dir.string());
    const std::string statement = slurp(dir / "accessibility.html");
    CHECK(has(statement, "<p class=\"ep-contact\">Web team: web@example.org</p>"));
    CHECK(has(statement, "partially compliant"));
    CHECK(has(statement, "<li>Figure 1 has no &lt;long&gt; description yet.</li>"));
    CHECK(has(statement, "last reviewed for accessibility by the publisher on 1 March 2010"));
    d.meta.accessibility.issues.clear();
    ep::html::write_site(d, options(), dir.string());
    CHECK(has(slurp(dir / "accessibility.html"), "fully compliant"));
}

TEST_CASE("html: landing page") {
    std::string index = slurp(site() / "index.html");
    CHECK(has(index, "<title>Value for Money Evidence Pack</title>"));
    CHECK(has(index, "Cost, performance and outcomes"));
    CHECK(has(index, "1 March 2010"));
    CHECK(has(index, "£6.2 billion"));
    CHECK(has(index, "Public sector spend in the sub-region"));
    CHECK(has(index, "<a class=\"ep-attachment__link\" href=\"evidence-pack.pdf\">Download the PDF (1.2 MB, 44 pages)</a>"));
    CHECK(has(index, "href=\"costs.html\""));
    CHECK(has(index, "href=\"sources.html\""));
}

TEST_CASE("html: sources page and data downloads") {
    std::string sources = slurp(site() / "sources.html");
    CHECK(has(sources, "<a href=\"https://www.cipfa.org/\">Finance and General Statistics</a>"));
    CHECK(has(sources, "href=\"data/raw-data.csv\""));
    CHECK(has(sources, "Checks on the source figures"));
    CHECK(slurp(site() / "data" / "raw-data.csv") == "measure,place,value\nx,y,1\n");
    CHECK(slurp(site() / "data" / "table-1.csv") == "Service,Coventry,Solihull\nSchools,877,912\n");
    CHECK(slurp(site() / "data" / "figure-1.csv") == "place,value\nCoventry,877\n");
}

TEST_CASE("html: no page repeats an id") {
    std::regex id_attr("\\sid=\"([^\"]*)\"");
    for (const auto& [name, text] : all_files(site())) {
        if (fs::path(name).extension() != ".html") continue;
        std::set<std::string> ids;
        for (auto it = std::sregex_iterator(text.begin(), text.end(), id_attr); it != std::sregex_iterator(); ++it) {
            INFO(name << ": " << (*it)[1].str());
            CHECK(ids.insert((*it)[1].str()).second);
        }
    }
}

TEST_CASE("html: the same input gives byte-identical output") {
    fs::path again = fresh_dir("again");
    ep::html::write_site(sample_document(), options(), again.string());
    CHECK(all_files(site()) == all_files(again));
    fs::remove_all(again);
}

TEST_CASE("html: a missing template is an error naming the file") {
    fs::path templates = fresh_dir("templates");
    for (const auto& e : fs::directory_iterator(EP_SOURCE_DIR "/templates"))
        if (e.is_regular_file()) fs::copy_file(e.path(), templates / e.path().filename());
    fs::remove(templates / "section.mustache");
    fs::path out = fresh_dir("missing");
    std::string message;
    try {
        ep::html::write_site(sample_document(), options(templates.string()), out.string());
    } catch (const ep::Error& e) {
        message = e.what();
    }
    CHECK(has(message, (templates / "section.mustache").string()));
    CHECK_FALSE(fs::exists(out / "index.html"));   // nothing written before the check
    fs::remove_all(templates);
    fs::remove_all(out);
}

TEST_CASE("html: a document type's own template is used instead of the project's") {
    fs::path type_dir = fresh_dir("type-templates");
    {
        std::ofstream f(type_dir / "index.mustache");
        f << "<p>Type landing page for {{title}}</p>\n";
    }
    ep::html::HtmlOptions o = options();
    o.type_templates_dir = type_dir.string();
    fs::path out = fresh_dir("typed");
    ep::html::write_site(sample_document(), o, out.string());
    const std::string index = slurp(out / "index.html");
    CHECK(has(index, "<p>Type landing page for "));
    // The templates the type does not have come from the project's templates/.
    CHECK(has(slurp(out / (sample_document().sections.front().slug + ".html")), "<!DOCTYPE html>"));
    fs::remove_all(type_dir);
    fs::remove_all(out);
}

TEST_CASE("html: an unsafe download name is refused") {
    Document d = sample_document();
    d.downloads[0].name = "../escape.csv";
    fs::path out = fresh_dir("unsafe");
    CHECK_THROWS_AS(ep::html::write_site(d, options(), out.string()), ep::Error);
    fs::remove_all(out);
}

TEST_CASE("html: source lines link each source to its entry on the sources page, which links back") {
    Document d = sample_document();
    d.sources.push_back({"WWW", "Old report", "Agency", "2008", "www.example.gov.uk/report"});
    d.sources.push_back({"FTP", "Archive", "Agency", "2008", "ftp://example.org/x"});
    d.sections[1].blocks[1].table->source_codes = {"CIPFA", "LOCAL", "UNKNOWN"};
    d.sections[1].blocks[2].figure->source_codes = {"CIPFA"};
    fs::path out = fresh_dir("sources");
    ep::html::write_site(d, options(), out.string());
    std::string costs = slurp(out / "costs.html");
    CHECK(has(costs, "<p class=\"ep-source\">Source: <a href=\"sources.html#source-CIPFA\">Finance and General Statistics</a>; "
                     "<a href=\"sources.html#source-LOCAL\">Local survey &lt;2009&gt;</a>."
                     "<sup><a href=\"#fn-2\" id=\"fnref-2\"><span class=\"ep-visually-hidden\">Note </span>2</a></sup></p>"));
    CHECK(has(costs, "<p class=\"ep-source\">Source: <a href=\"sources.html#source-CIPFA\">Finance and General Statistics</a>.</p>"));
    std::string sources = slurp(out / "sources.html");
    CHECK(has(sources, "<li id=\"source-CIPFA\">"));
    CHECK(has(sources, "Used in <a href=\"costs.html#costs-table\">Table 1</a>, <a href=\"costs.html#spend-figure\">Figure 1</a>"));
    CHECK(has(sources, "Used in <a href=\"costs.html#costs-table\">Table 1</a></p>"));
    // a bare "www." address becomes a web link; other schemes are shown as text, not linked
    CHECK(has(sources, "<a href=\"http://www.example.gov.uk/report\">Old report</a>"));
    CHECK_FALSE(has(sources, "ftp://"));
    // without source codes the model's source line is shown as it is
    std::string plain = slurp(site() / "costs.html");
    CHECK(has(plain, "<p class=\"ep-source\">Source: CIPFA statistics<sup>"));
    fs::remove_all(out);
}

TEST_CASE("html: organisation and logo come from the metadata, escaped") {
    Document d = sample_document();
    d.meta.organisation = "Borsetshire <County> Council";
    fs::path assets = fresh_dir("brand-assets");
    for (const auto& e : fs::directory_iterator(EP_SOURCE_DIR "/assets"))
        fs::copy_file(e.path(), assets / e.path().filename());
    fs::create_directories(assets / "brand");
    std::ofstream(assets / "brand" / "crest.png") << "png";
    d.meta.logo = "brand/crest.png";
    auto o = options();
    o.assets_dir = assets.string();
    fs::path out = fresh_dir("brand");
    ep::html::write_site(d, o, out.string());
    std::string page = slurp(out / "costs.html");
    CHECK(has(page, "<span>Borsetshire &lt;County&gt; Council</span>"));
    CHECK(has(page, "Published by Borsetshire &lt;County&gt; Council"));
    CHECK(has(page, "<img class=\"ep-header__logo\" src=\"assets/brand/crest.png\" alt=\"\""));
    CHECK(has(page, "<link rel=\"icon\" href=\"assets/brand/crest.png\" type=\"image/png\">"));
    CHECK(fs::exists(out / "assets" / "brand" / "crest.png"));
    // every page offers the PDF with its size and page count
    CHECK(has(page, "<a href=\"evidence-pack.pdf\">Download the PDF (1.2 MB, 44 pages)</a>"));

    d.meta.logo = "brand/missing.svg";
    fs::path out2 = fresh_dir("brand-missing");
    CHECK_THROWS_AS(ep::html::write_site(d, o, out2.string()), ep::Error);
    fs::remove_all(out);
    fs::remove_all(out2);
    fs::remove_all(assets);
}

TEST_CASE("html: each chart is drawn twice, for wide screens and for phones, with distinct ids") {
    std::string costs = slurp(site() / "costs.html");
    auto wide = costs.find("<div class=\"ep-chart__wide\"><svg");
    auto narrow = costs.find("<div class=\"ep-chart__narrow\"><svg");
    REQUIRE(wide != std::string::npos);
    REQUIRE(narrow != std::string::npos);
    CHECK(has(costs, "aria-labelledby=\"spend-figure-chart-title spend-figure-chart-desc\""));
    CHECK(has(costs, "aria-labelledby=\"spend-figure-chart-narrow-title spend-figure-chart-narrow-desc\""));
    std::regex view_box("viewBox=\"0 0 ([0-9.]+) ");
    std::smatch a, b;
    std::string from_wide = costs.substr(wide), from_narrow = costs.substr(narrow);
    REQUIRE(std::regex_search(from_wide, a, view_box));
    REQUIRE(std::regex_search(from_narrow, b, view_box));
    CHECK(std::stod(b[1].str()) < std::stod(a[1].str()));
}
