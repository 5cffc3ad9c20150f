#include <doctest/doctest.h>

#include "calc/figures.h"
#include "core/language.h"
#include "data/dataset.h"
#include "shipped_data.h"
#include "narrative/directives.h"
#include "narrative/markdown.h"
#include "narrative/placeholder.h"
#include "narrative/resolve.h"

using namespace ep;
using namespace ep::narrative;

namespace {
std::string first_error(const Diagnostics& d) {
    for (const auto& i : d.items())
        if (!i.is_warning) return to_string(i);
    return "";
}

// Resolves `text` as if it were content/t.md.
std::string resolve(const std::string& text, Diagnostics& d) {
    static calc::Figures figures(shipped());
    static std::map<std::string, Reference> refs = {{"t1", {"Table 1", "t1"}}};
    Resolver r(figures, refs);
    return r.resolve_all(text, "content/t.md", d);
}

std::string plain(const model::Runs& runs) {
    std::string s;
    for (const auto& r : runs) s += r.text;
    return s;
}
}  // namespace

TEST_CASE("placeholder grammar") {
    Location at{"content/t.md", 3, 10};
    auto p = parse_placeholder(" net_spend_per_head @ coventry : 2008/09 | money ", at);
    CHECK(p.kind == PlaceholderKind::Value);
    CHECK(p.measure == "net_spend_per_head");
    CHECK(p.place == "coventry");
    CHECK(*p.period == "2008/09");
    CHECK(*p.style == Style::Money);
    auto r = parse_placeholder("rank ni_117 @ coventry in csw", at);
    CHECK(r.kind == PlaceholderKind::Rank);
    CHECK(r.group == "csw");
    CHECK(parse_placeholder("name coventry", at).kind == PlaceholderKind::Name);
}

TEST_CASE("placeholder errors name file, line and column") {
    Location at{"content/t.md", 3, 10};
    try {
        parse_placeholder(" ni_117 @ coventry | pounds ", at);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) == "content/t.md:3:33: error: unknown style 'pounds' (use money, money_long, "
                                       "money_exact, percent, percent1, count, number or duration)");
    }
    Diagnostics d;
    resolve("Line one.\nSpend is {{ no_such_measure @ coventry }} a head.\n", d);
    CHECK(first_error(d) == "content/t.md:2:10: error: unknown measure 'no_such_measure'");
    Diagnostics d2;
    resolve("Unclosed {{ ni_117 @ coventry\n", d2);
    CHECK(first_error(d2) == "content/t.md:1:10: error: placeholder '{{' is not closed with '}}' on the same line");
    Diagnostics d3;
    resolve("{{ ni_117 @ atlantis }}", d3);
    CHECK(first_error(d3) == "content/t.md:1:1: error: unknown place 'atlantis'");
}

TEST_CASE("a placeholder that is not one says what placeholders look like") {
    Location at{"content/t.md", 3, 10};
    auto error_of = [&](const char* inner) {
        try {
            parse_placeholder(inner, at);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error_of(" nmae coventry ").find("'nmae' is not a placeholder word: did you mean 'name'?") != std::string::npos);
    CHECK(error_of(" population coventry ") ==
          "content/t.md:3:24: error: a figure needs '@' between the measure and the place: {{ population @ coventry }}");
    const std::string value = error_of(" value: x ");
    CHECK(value.find("'value' is not a placeholder word, and no '@ place' follows it: a figure is {{ measure @ place }}") !=
          std::string::npos);
    CHECK(value.find("docs/content-format.md") != std::string::npos);
    // With the '@' there, a wrong word after the place is still the old, precise message.
    CHECK(error_of(" rank ni_117 coventry in csw ") ==
          "content/t.md:3:25: error: expected '@' and a place code after the measure 'ni_117'");
}

TEST_CASE("placeholders resolve through the calculations") {
    Diagnostics d;
    std::string out = resolve("Coventry spends {{ child_health_0_5_spend_per_child @ coventry }} per child; "
                              "{{ name csw }}; best NEET rate {{ best ni_117 in csw }} in {{ best_place ni_117 in csw }}; "
                              "see {{ ref t1 }}.",
                              d);
    CHECK_FALSE(d.has_errors());
    CHECK(out.find("£877") != std::string::npos);
    CHECK(out.find("Coventry, Solihull and Warwickshire") != std::string::npos);
    CHECK(out.find("5.8%") != std::string::npos);
    CHECK(out.find("Warwickshire") != std::string::npos);
    CHECK(out.find("[Table 1](#t1)") != std::string::npos);
}

TEST_CASE("markdown becomes model blocks; figures are flagged; raw HTML is text") {
    Diagnostics d;
    FootnoteRegistry fn;
    DirectiveHandler none = [](const std::string&, const std::string&, const std::string&, int, Diagnostics&) {
        return std::optional<model::Block>();
    };
    std::string text = resolve("# Title\n\nSpend **{{ net_spend_per_head @ coventry }}** a head.[^a]\n\n"
                               "- one\n- two\n\n<script>alert(1)</script>\n\n[^a]: A note.\n",
                               d);
    auto blocks = markdown_to_blocks(text, "content/t.md", {}, fn, none, d);
    REQUIRE(blocks.size() == 4);
    CHECK(blocks[0].kind == model::BlockKind::Heading);
    CHECK(plain(blocks[1].runs) == "Spend £1,064 a head.1");
    bool flagged = false;
    for (const auto& r : blocks[1].runs)
        if (r.text == "£1,064") flagged = r.figure_value && r.bold;
    CHECK(flagged);
    CHECK(blocks[2].kind == model::BlockKind::List);
    CHECK(blocks[2].items.size() == 2);
    CHECK(plain(blocks[3].runs) == "<script>alert(1)</script>");
    CHECK(d.warning_count() == 1);
    auto notes = fn.finish(d);
    REQUIRE(notes.size() == 1);
    CHECK(plain(notes[0].runs) == "A note.");
}

TEST_CASE("language spans: [text]{lang=TAG} marks runs; brackets, escapes and code are left alone") {
    Diagnostics d;
    FootnoteRegistry fn;
    DirectiveHandler none = [](const std::string&, const std::string&, const std::string&, int, Diagnostics&) {
        return std::optional<model::Block>();
    };
    auto blocks = markdown_to_blocks("A [b *c*]{lang=sr-Latn-RS}d [e] \\[f\\]{lang=cy} [j]\\{lang=cy} `[g]{lang=cy}` [[h]{lang=en} i]{lang=cy}.\n",
                                     "content/t.md", {}, fn, none, d);
    REQUIRE(blocks.size() == 1);
    CHECK(first_error(d).empty());
    CHECK(plain(blocks[0].runs) == "A b cd [e] [f]{lang=cy} [j]{lang=cy} [g]{lang=cy} h i.");
    std::vector<std::pair<std::string, std::string>> langs;   // (text, lang) of each run
    for (const auto& r : blocks[0].runs) langs.emplace_back(r.text, r.lang);
    const std::vector<std::pair<std::string, std::string>> want = {
        {"A ", ""}, {"b ", "sr-Latn-RS"}, {"c", "sr-Latn-RS"}, {"d [e] [f]{lang=cy} [j]{lang=cy} ", ""}, {"[g]{lang=cy}", ""},
        {" ", ""}, {"h", "en"}, {" i", "cy"}, {".", ""}};
    CHECK(langs == want);
}

TEST_CASE("language tags: the BCP 47 shape") {
    for (const char* good : {"cy", "en-GB", "cy-GB", "sr-Latn-RS", "es-419", "de-CH-1996", "zh-yue-HK", "en-a-bbb-x-a-ccc",
                             "x-whatever", "sl-rozaj-biske"})
        CHECK_MESSAGE(language_tag_problem(good).empty(), good);
    for (const char* bad : {"", "c", "cy_GB", "en-", "-en", "en--GB", "en-GB-GB-GB", "cymraeg1",
                            "en-a", "de-CH-1996-1996", "x", "en-x-toolongprivate", "cy GB"})
        CHECK_MESSAGE(!language_tag_problem(bad).empty(), bad);
}

TEST_CASE("directives build numbered tables and charts from data") {
    Diagnostics d;
    calc::Figures figures(shipped());
    DirectiveBuilder b(figures);
    auto block = b.build("table", "caption: Indicators\nmeasures: ni_117; ni_53b\nplaces: coventry; solihull\nperiod: 2008/09\n",
                         "content/t.md", 5, d);
    REQUIRE(block.has_value());
    const auto& t = *block->table;
    CHECK(t.number == 1);
    CHECK(t.body.size() == 2);
    CHECK(plain(t.body[1][2].runs) == "N/A");
    CHECK(t.body[1][2].missing);
    CHECK(t.csv.find("ni_53b,") != std::string::npos);
    // The figure as printed, and the other value the source states for it in its own column.
    CHECK(t.csv.rfind("measure,title,place,period,value,unit,status,stated,unrounded,source\n", 0) == 0);
    CHECK(t.csv.find("ni_53b,Prevalence of breastfeeding 6-8 weeks from birth (coverage),coventry,2008/09,53,percent,reported,"
                     "76.6% (section 5.1 child health table),,tp_report\n") != std::string::npos);
    auto chart = b.build("chart", "type: hbar\ntitle: Net spend\nmeasures: net_spend_per_head\nplaces: coventry; solihull; warwickshire\n",
                         "content/t.md", 9, d);
    REQUIRE(chart.has_value());
    CHECK(chart->figure->number == 1);
    CHECK(chart->figure->summary == "Coventry has the highest net spend per head on children's services at £1,064, 29% more than Warwickshire (£822).");
    Diagnostics bad;
    CHECK_FALSE(b.build("chart", "type: pie\ntitle: X\nmeasures: ni_117\nplaces: coventry\n", "content/t.md", 20, bad));
    CHECK(first_error(bad).find("content/t.md:20:7: error: unknown chart type 'pie'") == 0);
    Diagnostics bad2;
    CHECK_FALSE(b.build("table", "caption: X\nmeasures: ni_117\nplaces: coventry\ncolour: red\n", "content/t.md", 30, bad2));
    CHECK(first_error(bad2).find("content/t.md:33:1: error: unknown key 'colour'") == 0);
}

TEST_CASE("an unclosed directive is an error at its opening line") {
    Diagnostics d;
    FootnoteRegistry fn;
    DirectiveHandler none = [](const std::string&, const std::string&, const std::string&, int, Diagnostics&) {
        return std::optional<model::Block>();
    };
    markdown_to_blocks("# T\n\ntext\n\n```table\ncaption: x\n", "content/t.md", {}, fn, none, d);
    CHECK(first_error(d) == "content/t.md:5:1: error: the directive opened here is never closed with ```");
}

TEST_CASE("footnotes are numbered through the document, one number per note") {
    Diagnostics d;
    FootnoteRegistry fn;
    DirectiveHandler none = [](const std::string&, const std::string&, const std::string&, int, Diagnostics&) {
        return std::optional<model::Block>();
    };
    auto a = markdown_to_blocks("# A\n\nOne.[^x] Two.[^y] Again.[^x]\n\n[^x]: Note X.\n[^y]: Note Y.\n", "content/a.md", {},
                                fn, none, d);
    auto b = markdown_to_blocks("# B\n\nThree.[^x]\n\n[^x]: Note Z.\n", "content/b.md", {}, fn, none, d);
    auto notes = fn.finish(d);
    CHECK_FALSE(d.has_errors());
    REQUIRE(notes.size() == 3);
    CHECK(plain(notes[0].runs) == "Note X.");
    CHECK(plain(notes[1].runs) == "Note Y.");
    CHECK(plain(notes[2].runs) == "Note Z.");
    CHECK(plain(a[1].runs) == "One.1 Two.2 Again.1");
    CHECK(plain(b[1].runs) == "Three.3");
}

namespace {
// The summary of a chart built from the shipped data, as the pack would build it.
std::string summary_of(const std::string& body) {
    Diagnostics d;
    calc::Figures figures(shipped());
    DirectiveBuilder b(figures);
    auto chart = b.build("chart", body, "content/t.md", 1, d);
    INFO(first_error(d));
    REQUIRE(chart.has_value());
    return chart->figure->summary;
}

model::Chart two_measures() {
    model::Chart c;
    c.type = model::ChartType::Grouped;
    c.categories = {"A", "B"};
    c.series = {{"North", {{1.0, "1"}, {5.0, "5"}}}, {"South", {{1.0, "1"}, {3.0, "3"}}}, {"West", {{0.5, "0.5"}, {4.0, "4"}}}};
    return c;
}
}  // namespace

TEST_CASE("chart summaries: no 'best' for a measure without polarity; highest named per measure, ties too") {
    // Figure 5 of the pack: cost per head has no better direction, and each council leads on one measure.
    CHECK(summary_of("type: grouped\ntitle: Cost\nmeasures: csc_cost_per_head; education_spend_per_head\n"
                     "places: coventry; solihull; warwickshire\nperiod: 2008/09\n") ==
          "Solihull has the highest total cost per head of Children's Social Care (£648) and Coventry the highest "
          "expenditure per head on education (£933).");
    model::Chart c = two_measures();
    CHECK(chart_summary(c, {"Measure A", "Measure B"}, {Polarity::None, Polarity::None}) ==
          "North and South have the highest measure A (1) and North the highest measure B (5).");
}

TEST_CASE("chart summaries: wins counted only with several places, by polarity, ties named") {
    CHECK(summary_of("type: grouped\ntitle: Selected\nmeasures: ni_53a; ni_55; ni_69; ni_117; ni_75\n"
                     "places: coventry; solihull; warwickshire\nperiod: 2008/09\n") ==
          "Warwickshire has the best figure on 3 of the 5 measures shown.");
    // Two councils lead on two measures each: both are named.
    CHECK(summary_of("type: dotplot\ntitle: Lower\nmeasures: ni_55; ni_69; ni_87; ni_117\n"
                     "places: coventry; solihull; warwickshire\nperiod: 2008/09\n") ==
          "Solihull and Warwickshire each have the best figure on 2 of the 4 measures shown.");
    model::Chart c = two_measures();
    // Higher is better on A (North and South tie), lower on B (South); then one measure with polarity, one without.
    CHECK(chart_summary(c, {"Measure A", "Measure B"}, {Polarity::Higher, Polarity::Lower}) ==
          "South has the best figure on 2 of the 2 measures shown; North and South share the best figure on A.");
    CHECK(chart_summary(c, {"Measure A", "Measure B"}, {Polarity::Lower, Polarity::None}) ==
          "West has the best figure on A; North has the highest measure B (5).");
}

TEST_CASE("chart summaries: one place on several measures lists its figures, with no count of wins") {
    // Figure 10 of the pack: one survey, one place.
    CHECK(summary_of("type: grouped\ntitle: Types\nmeasures: bullying_type_verbal_pct; bullying_type_physical_pct; "
                     "bullying_type_left_out_pct; bullying_type_cyber_pct; bullying_type_unspecified_pct\n"
                     "places: warwickshire\nperiod: 2009\n") ==
          "Warwickshire: verbal abuse 50%, physical attack 21.4%, being left out 10.6%, cyber bullying 3%, not "
          "specified 15%.");
}

TEST_CASE("chart summaries: the gap between two percentages is in percentage points, never a relative per cent") {
    model::Chart c;
    c.type = model::ChartType::Bar;
    c.unit = "percent";
    c.categories = {"Camden", "Kensington and Chelsea"};
    c.series = {{"Pupils", {{52.3, "52.3%"}, {66.0, "66%"}}}};
    CHECK(chart_summary(c, {"Pupils with five good GCSEs"}, {Polarity::Higher}) ==
          "Kensington and Chelsea has the highest pupils with five good GCSEs at 66%, 13.7 percentage points higher "
          "than Camden (52.3%).");
    c.unit = "money";
    c.series = {{"Spend", {{468, "£468"}, {877, "£877"}}}};
    CHECK(chart_summary(c, {"Spend per child"}, {Polarity::None}) ==
          "Kensington and Chelsea has the highest spend per child at £877, 87% more than Camden (£468).");
}

TEST_CASE("line chart summaries describe every series, and say which lines run together") {
    model::Chart c;
    c.type = model::ChartType::Line;
    c.categories = {"2008/09", "2010/11", "2015"};
    c.series = {{"Coventry", {{6.7, "6.7%"}, {5.6, "5.6%"}, {0.0, "0%"}}},
                {"Solihull", {{6.0, "6%"}, {5.6, "5.6%"}, {0.0, "0%"}}},
                {"Warwickshire", {{5.8, "5.8%"}, {4.4, "4.4%"}, {0.0, "0%"}}}};
    CHECK(chart_summary(c, {"NEET"}, {Polarity::Lower}) ==
          "Coventry: 6.7% in 2008/09, 0% in 2015; Solihull: 6% in 2008/09, 0% in 2015; Warwickshire: 5.8% in 2008/09, 0% "
          "in 2015. The lines for Coventry and Solihull run together from 2010/11 to 2015 (Solihull's is dashed).");
    c.series.resize(1);
    c.series[0].points[0].value.reset();
    c.series[0].points[0].label = "N/A";
    CHECK(chart_summary(c, {"NEET"}, {Polarity::Lower}) == "Coventry: 5.6% in 2010/11, 0% in 2015.");
}

TEST_CASE("nesting: 100 levels of quotes and lists convert; the 101st is one error at its place") {
    DirectiveHandler none = [](const std::string&, const std::string&, const std::string&, int, Diagnostics&) {
        return std::optional<model::Block>();
    };
    auto nested = [](int quotes, int lists) {
        std::string line;
        for (int i = 0; i < quotes; ++i) line += "> ";
        for (int i = 0; i < lists; ++i) line += "- ";
        return "# T\n\n" + line + "deep\n";
    };
    {
        Diagnostics d;
        FootnoteRegistry fn;
        bool too_deep = false;
        auto blocks = markdown_to_blocks(nested(60, 40), "content/t.md", {}, fn, none, d, &too_deep);
        CHECK_FALSE(d.has_errors());
        CHECK_FALSE(too_deep);
        // Walk down: 60 quotes, then 40 lists, then the paragraph.
        const model::Block* b = &blocks.at(1);
        int depth = 0;
        while (b->kind != model::BlockKind::Paragraph) {
            ++depth;
            b = b->kind == model::BlockKind::Quote ? &b->children.at(0) : &b->items.at(0).blocks.at(0);
        }
        CHECK(depth == 100);
        CHECK(plain(b->runs) == "deep");
    }
    for (auto [quotes, lists] : {std::pair{61, 40}, std::pair{0, 101}, std::pair{10000, 0}}) {
        Diagnostics d;
        FootnoteRegistry fn;
        bool too_deep = false;
        auto blocks = markdown_to_blocks(nested(quotes, lists), "content/t.md", {}, fn, none, d, &too_deep);
        CHECK(too_deep);
        CHECK(blocks.empty());
        REQUIRE(d.items().size() == 1);
        CHECK(to_string(d.items()[0]) ==
              "content/t.md:3:201: error: block quotes and lists are nested more than 100 deep here; nest them less");
    }
}

TEST_CASE("nesting: emphasis nests 100 deep; 101 is an error, in a section and in one line of a directive") {
    DirectiveHandler none = [](const std::string&, const std::string&, const std::string&, int, Diagnostics&) {
        return std::optional<model::Block>();
    };
    auto emphasis = [](int pairs) {
        std::string open, close;
        for (int i = 0; i < pairs; ++i) {
            open += "*a **b ";
            close = "e** d* " + close;
        }
        return open + "centre" + close;
    };
    Diagnostics d;
    FootnoteRegistry fn;
    auto blocks = markdown_to_blocks("# T\n\n" + emphasis(50) + "\n", "content/t.md", {}, fn, none, d);
    CHECK_FALSE(d.has_errors());
    REQUIRE(blocks.size() == 2);
    CHECK(plain(blocks[1].runs).find("centre") != std::string::npos);

    Diagnostics over;
    blocks = markdown_to_blocks("# T\n\n[x " + emphasis(50) + "](#top)\n", "content/t.md", {}, fn, none, over);
    REQUIRE(over.items().size() == 1);
    // The 101st level is the innermost '**' (after "[x ", 49 pairs of 7 characters, and "*a ").
    CHECK(to_string(over.items()[0]) == "content/t.md:3:350: error: emphasis, links and strikethrough are nested more "
                                        "than 100 deep here; nest them less");

    Diagnostics inline_over;
    auto runs = markdown_inline("[x " + emphasis(50) + "](#top)", {"content/facts.csv", 4, 10}, inline_over);
    CHECK(runs.empty());
    REQUIRE(inline_over.items().size() == 1);
    CHECK(to_string(inline_over.items()[0]).rfind("content/facts.csv:4:359: error: emphasis", 0) == 0);
}

TEST_CASE("markdown: problems in the lines above a table's header row are at their line and column") {
    // cmark-gfm gives the paragraph its table extension splits off no place of its own.
    DirectiveHandler none = [](const std::string&, const std::string&, const std::string&, int, Diagnostics&) {
        return std::optional<model::Block>();
    };
    Diagnostics d;
    FootnoteRegistry fn;
    markdown_to_blocks("# T\n\nSome <b>bold</b> text\nmore <i>x</i>\nHead\n-|\n| a |\n", "content/t.md", {}, fn, none, d);
    REQUIRE(d.items().size() == 4);
    CHECK(d.items()[0].where.line == 3);
    CHECK(d.items()[0].where.column == 6);
    CHECK(d.items()[2].where.line == 4);
    CHECK(d.items()[2].where.column == 6);
    CHECK(d.items()[3].where.column == 10);
}

TEST_CASE("nesting: a line of 200 markers in code or as a thematic break is no nesting") {
    DirectiveHandler none = [](const std::string&, const std::string&, const std::string&, int, Diagnostics&) {
        return std::optional<model::Block>();
    };
    std::string quotes, dashes;
    for (int i = 0; i < 200; ++i) {
        quotes += "> ";
        dashes += "- ";
    }
    Diagnostics d;
    FootnoteRegistry fn;
    auto blocks = markdown_to_blocks("# T\n\n```\n" + quotes + "\n```\n\n" + dashes + "\n\n    " + quotes + "\n", "content/t.md",
                                     {}, fn, none, d);
    CHECK_FALSE(d.has_errors());
    REQUIRE(blocks.size() == 4);
    CHECK(blocks[2].kind == model::BlockKind::Rule);
    // One more character makes the dashes 101 nested lists: an error at the 101st.
    Diagnostics over;
    markdown_to_blocks("# T\n\n" + dashes + "x\n", "content/t.md", {}, fn, none, over);
    REQUIRE(over.items().size() == 1);
    CHECK(over.items()[0].where.line == 3);
    CHECK(over.items()[0].where.column == 201);
}
