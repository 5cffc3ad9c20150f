// Case-study documents: the savings calculations, the figures of seed 002's case studies, the
// structure check, the ```facts and ```savings directives, and how both writers draw a fact panel.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "calc/calculations.h"
#include "calc/figures.h"
#include "core/format.h"
#include "data/dataset.h"
#include "html/render.h"
#include "model/document.h"
#include "narrative/case_study.h"
#include "narrative/directives.h"
#include "narrative/markdown.h"
#include "narrative/resolve.h"
#include "pdf/layout.h"
#include "pdf/pdf_writer.h"
#include "shipped_data.h"

namespace fs = std::filesystem;
using namespace ep;

namespace {

std::vector<std::string> errors(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& i : d.items())
        if (!i.is_warning) out.push_back(to_string(i));
    return out;
}

std::string plain(const model::Runs& runs) {
    std::string s;
    for (const auto& r : runs) s += r.text;
    return s;
}

const calc::Figures& figures() {
    static calc::Figures f(shipped());
    return f;
}

double computed(const std::string& measure, const std::string& place) {
    std::string why;
    auto f = figures().get(measure, place, std::nullopt, &why);
    REQUIRE_MESSAGE(f.has_value(), why);
    REQUIRE_FALSE(f->value.is_missing());
    return f->value.amount();
}

std::string how(const std::string& measure, const std::string& place) {
    std::string why;
    auto f = figures().get(measure, place, std::nullopt, &why);
    REQUIRE_MESSAGE(f.has_value(), why);
    return calc::explain(*f);
}

// Markdown (with placeholders) as content/case-studies/t.md, through the real resolver,
// Markdown converter and directive builder, as the pipeline runs them.
// `focus` is the place `here` stands for (none: `here` is an error).
model::Blocks build(const std::string& text, Diagnostics& d, const calc::Figures& figs = figures(),
                    const std::string& focus = "") {
    const std::string file = "content/case-studies/t.md";
    std::map<std::string, narrative::Reference> refs;
    int tables = 0, charts = 0;
    narrative::collect_references(text, file, tables, charts, refs, d);
    narrative::Resolver resolver(figs, refs);
    resolver.set_focus(focus);
    narrative::DirectiveBuilder builder(figs);
    builder.set_focus(focus);
    narrative::DirectiveHandler handler = [&](const std::string& kind, const std::string& body, const std::string& f,
                                              int line, Diagnostics& diags) { return builder.build(kind, body, f, line, diags); };
    narrative::FootnoteRegistry notes;
    std::string resolved = resolver.resolve_all(text, file, d);
    return narrative::markdown_to_blocks(resolved, file, {}, notes, handler, d);
}

model::Section section_of(const std::string& text, Diagnostics& d) {
    model::Section s;
    s.slug = "t";
    s.blocks = build(text, d);
    return s;
}

const char* kGoodStudy =
    "# A study\n"
    "\n"
    "## Summary\n\nText.\n\n"
    "## What was done\n\nText.\n\n"
    "## Benefits\n\nText.\n\n"
    "## Critical success factors\n\nText.\n\n"
    "## Lessons\n\nText.\n\n"
    "## Contact\n\nText.\n";

std::vector<std::string> check(const std::string& text) {
    Diagnostics build_diags;
    model::Section s = section_of(text, build_diags);
    REQUIRE_FALSE(build_diags.has_errors());
    Diagnostics d;
    narrative::check_case_study(s, "content/case-studies/t.md", d);
    return errors(d);
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
    size_t at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

}  // namespace

// ---- calculations --------------------------------------------------------------------------

TEST_CASE("case studies: typed savings calculations") {
    CHECK(calc::savings_from_unit_costs(Count::of(13), Money::of(600), Weeks::of(135)).amount() == 1053000.0);
    CHECK(calc::savings_from_switching(Count::of(130), Count::of(110), Money::of(42000), Money::of(11000)).amount() ==
          620000.0);
    CHECK(calc::savings_from_switching(Count::of(130), Count::of(110), Money::of(42000), Money::of(18000)).amount() ==
          480000.0);
    // More placements, or a dearer provider, is a cost: the sign says so.
    CHECK(calc::savings_from_switching(Count::of(100), Count::of(110), Money::of(42000), Money::of(11000)).amount() ==
          -310000.0);
    CHECK(calc::annual_from_monthly(Money::of(30000)).amount() == 360000.0);
    // Missing inputs give a missing result with the input's reason, never zero.
    auto m = calc::savings_from_switching(Count::missing("not reported"), Count::of(110), Money::of(1), Money::of(0));
    CHECK(m.is_missing());
    CHECK(m.missing_reason() == "not reported");
    CHECK(calc::annual_from_monthly(Money::missing("suppressed")).missing_reason() == "suppressed");
}

TEST_CASE("case studies: untyped entry points check units and the number of inputs") {
    auto v = calc::placement_savings({Value::of(Unit::Count, 13), Value::of(Unit::Money, 600), Value::of(Unit::Weeks, 135)});
    CHECK(v.unit() == Unit::Money);
    CHECK(v.amount() == 1053000.0);
    CHECK(calc::switch_savings({Value::of(Unit::Count, 130), Value::of(Unit::Count, 110), Value::of(Unit::Money, 42000),
                                Value::of(Unit::Money, 11000)})
              .amount() == 620000.0);
    CHECK(calc::annual_from_monthly(std::vector<Value>{Value::of(Unit::Money, 40000)}).amount() == 480000.0);
    // Weeks given as months: refused with a sentence naming the input.
    try {
        calc::placement_savings({Value::of(Unit::Count, 13), Value::of(Unit::Money, 600), Value::of(Unit::Months, 31)});
        FAIL("months accepted as weeks");
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()) == "placement_savings: the time saved per place must be weeks, not months");
    }
    CHECK_THROWS_WITH_AS(calc::switch_savings({Value::of(Unit::Count, 1), Value::of(Unit::Count, 1), Value::of(Unit::Money, 1)}),
                         "switch_savings takes 4 inputs, not 3", std::invalid_argument);
    CHECK_THROWS_WITH_AS(calc::annual_from_monthly(std::vector<Value>{Value::of(Unit::Percent, 5)}),
                         "annual_from_monthly: the monthly amount must be money, not percent", std::invalid_argument);
}

// ---- the case studies' figures (seed 002), computed from their unit costs ---------------------

TEST_CASE("case studies: savings computed from the studies' own unit costs") {
    // Braintree: 13 places × £600 a week × 135 weeks.
    CHECK(computed("cashable_placement_savings", "braintree") == 1053000.0);
    CHECK(how("cashable_placement_savings", "braintree") == "13 × £600 × 135 weeks");
    // Bristol: (130 − 110) independent placements × (£42,000 − £11,000 or £18,000) a year.
    CHECK(computed("ifa_switch_savings", "bristol") == 620000.0);
    CHECK(how("ifa_switch_savings", "bristol") == "(130 − 110) × (£42,000 − £11,000)");
    CHECK(computed("ifa_switch_savings_complex", "bristol") == 480000.0);
    // Essex: £30,000 to £40,000 a month, a year of it, plus the £736k uplift saving.
    CHECK(computed("agency_saving_a_year_low", "essex") == 360000.0);
    CHECK(computed("agency_saving_a_year_high", "essex") == 480000.0);
    CHECK(how("agency_saving_a_year_low", "essex") == "£30,000 × 12");
    CHECK(computed("procurement_savings_low", "essex") == 1096000.0);
    CHECK(computed("procurement_savings_high", "essex") == 1216000.0);
    CHECK(computed("agency_saving_share_low", "essex") == doctest::Approx(100.0 * 360000 / 9.7e6));
    CHECK(computed("procurement_savings_share_of_pressure_high", "essex") == doctest::Approx(100.0 * 1216000 / 4.27e6));
}

TEST_CASE("case studies: the audit reports Braintree's total leaving nothing for social worker time, and a stated "
          "saving its inputs contradict") {
    // Seed 002: "Cashable savings ... from placement costs and social worker time were £1.053
    // million", and 13 x £600 x 135 weeks of placements alone = £1,053,000.
    int braintree = 0;
    for (const auto& f : calc::audit(figures())) {
        if (f.message.find("Braintree") == std::string::npos) continue;
        ++braintree;
        CHECK(f.where.file == "data/derived.csv");
        CHECK(f.message == "the source implies that Cashable savings left for social worker time (Braintree Children's "
                           "Trust (Essex), 2007/08) is above zero, but £1,053,000 − £1,053,000 = £0: the source's own "
                           "figures disagree");
    }
    CHECK(braintree == 1);

    // A copy of the shipped data in which Bristol states a saving of £700,000.
    fs::path dir = fs::temp_directory_path() / ("ep-cases-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy(std::string(EP_SOURCE_DIR) + "/data", dir / "data", fs::copy_options::recursive);
    int line = 0;
    {
        std::ifstream in(dir / "data/observations.csv");
        std::string l;
        while (std::getline(in, l)) ++line;
    }
    std::ofstream(dir / "data/observations.csv", std::ios::app)
        << "bristol,ifa_switch_savings,2006/07,\"£700,000\",money,ecm_guide_bristol,a stated saving made up for the test,\n";
    Diagnostics d;
    data::Dataset ds = data::load_dataset((dir / "data").string(), "data", d);
    REQUIRE_FALSE(d.has_errors());
    calc::Figures figs(ds);
    bool found = false;
    for (const auto& f : calc::audit(figs)) {
        if (f.message.find("Bristol") == std::string::npos) continue;
        found = true;
        CHECK(to_string(f.where) == "data/observations.csv:" + std::to_string(line + 1) + ":36");   // the value cell
        CHECK(f.message == "the source states £700,000 for Yearly saving from fewer independent fostering placements "
                           "(in-house direct cost) (Bristol City Council, 2006/07) but (130 − 110) × (£42,000 − £11,000) "
                           "= £620,000; the pack prints the computed figure");
    }
    CHECK(found);

    // The savings table prints the computed figure and explains the difference.
    Diagnostics bd;
    auto blocks = build("# T\n\n```savings\ncaption: Bristol\nmeasure: ifa_switch_savings\nplace: bristol\n```\n", bd, figs);
    REQUIRE_FALSE(bd.has_errors());
    REQUIRE(blocks.size() == 2);
    const auto& body = blocks[1].table->body;
    REQUIRE(body.size() == 6);
    CHECK(plain(body[4][1].runs) == "£620,000");
    CHECK(plain(body[5][0].runs) == "Stated in the source");
    CHECK(plain(body[5][1].runs) == "£700,000");
    CHECK(plain(body[5][2].runs) == "£80,000 more than its own inputs give; the pack uses the computed figure");
    fs::remove_all(dir);
}

TEST_CASE("case studies: a savings calculation with the wrong number of inputs is a data error") {
    fs::path dir = fs::temp_directory_path() / ("ep-cases-arity-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy(std::string(EP_SOURCE_DIR) + "/data", dir / "data", fs::copy_options::recursive);
    int line = 0;
    {
        std::ifstream in(dir / "data/derived.csv");
        std::string l;
        while (std::getline(in, l)) ++line;
    }
    std::ofstream(dir / "data/derived.csv", std::ios::app)
        << "bad_switch,Bad,money,higher,switch_savings,ifa_placements;ifa_placement_cost_a_year;inhouse_foster_cost_a_year,"
           "bristol,2006/07,,,,\n";   // note, theme, short_title, expect
    Diagnostics d;
    data::load_dataset((dir / "data").string(), "data", d);
    auto e = errors(d);
    REQUIRE(e.size() == 1);
    CHECK(e[0] == "data/derived.csv:" + std::to_string(line + 1) +
                      ":44: error: 'switch_savings' takes 4 inputs separated by ';', not 3");
    fs::remove_all(dir);
}

// ---- the structure check ---------------------------------------------------------------------

TEST_CASE("case studies: the six headings in order pass") { CHECK(check(kGoodStudy).empty()); }

TEST_CASE("case studies: a missing heading is reported where it belongs") {
    auto e = check(replace(kGoodStudy, "## Benefits\n\nText.\n\n", ""));
    REQUIRE(e.size() == 1);
    // '## Critical success factors' is now on line 11.
    CHECK(e[0] == "content/case-studies/t.md:11:1: error: the case study has no 'Benefits' heading: it belongs before "
                  "'Critical success factors' (a case study has the level-2 headings Summary, What was done, Benefits, "
                  "Critical success factors, Lessons, Contact, in this order)");
    auto end = check(replace(kGoodStudy, "## Contact\n\nText.\n", ""));
    REQUIRE(end.size() == 1);
    CHECK(end[0].rfind("content/case-studies/t.md:21:1: error: the case study ends without a 'Contact' heading", 0) == 0);
}

TEST_CASE("case studies: out of order, repeated, unknown and wrong-level headings") {
    auto swapped = check(replace(replace(kGoodStudy, "## What was done", "## X"), "## Benefits", "## What was done"));
    // Summary, X (unknown), What was done (where Benefits was), no Benefits.
    REQUIRE(swapped.size() == 2);
    CHECK(swapped[0].rfind("content/case-studies/t.md:7:1: error: unexpected heading 'X' in a case study", 0) == 0);
    CHECK(swapped[1].rfind("content/case-studies/t.md:15:1: error: the case study has no 'Benefits' heading: it belongs "
                           "before 'Critical success factors'", 0) == 0);

    auto order = check(
        "# S\n\n## Summary\n\n## Benefits\n\n## What was done\n\n## Critical success factors\n\n## Lessons\n\n## Contact\n");
    REQUIRE(order.size() == 1);
    CHECK(order[0].rfind("content/case-studies/t.md:7:1: error: the heading 'What was done' is out of order: it belongs "
                         "before 'Benefits'", 0) == 0);

    auto twice = check(std::string(kGoodStudy) + "\n## summary\n");
    REQUIRE(twice.size() == 1);
    CHECK(twice[0].rfind("content/case-studies/t.md:27:1: error: the heading 'Summary' is given twice", 0) == 0);

    auto level = check(replace(kGoodStudy, "## Lessons", "### Lessons"));
    REQUIRE(level.size() == 1);
    CHECK(level[0] == "content/case-studies/t.md:19:1: error: the case study has no 'Lessons' heading: it belongs before "
                      "'Contact'; line 19 has it as a level-3 heading: write '## Lessons'");

    auto none = check("# Just a title\n\nSome text.\n");
    REQUIRE(none.size() == 1);
    CHECK(none[0] == "content/case-studies/t.md:1:1: error: this case study has none of its headings: add '## Summary', "
                     "'## What was done', '## Benefits', '## Critical success factors', '## Lessons' and '## Contact', "
                     "in this order");
    // Case and spacing do not matter; headings below level 2 are free.
    CHECK(check(replace(replace(kGoodStudy, "## What was done", "## What  was DONE"), "## Lessons\n",
                        "## Lessons\n\n### What we would do again\n"))
              .empty());
}

TEST_CASE("case studies: the shipped case studies pass the check") {
    for (const char* name : {"braintree.md", "bristol.md", "essex.md"}) {
        std::ifstream in(std::string(EP_SOURCE_DIR) + "/content/case-studies/" + name);
        std::stringstream ss;
        ss << in.rdbuf();
        Diagnostics d;
        model::Section s = section_of(ss.str(), d);
        CHECK_MESSAGE(errors(d).empty(), name);
        narrative::check_case_study(s, name, d);
        CHECK_MESSAGE(errors(d).empty(), name << ": " << (errors(d).empty() ? "" : errors(d).front()));
    }
}

// ---- the facts directive -----------------------------------------------------------------------

TEST_CASE("case studies: a facts panel holds labelled values, figures flagged") {
    Diagnostics d;
    auto blocks = build("# T\n\n```facts\nPlace: {{ name bristol }}\nSaving: up to {{ ifa_switch_savings @ bristol | "
                        "money_exact }} a *year*\nSee: [the guide](https://example.org/guide)\n```\n",
                        d);
    REQUIRE(errors(d).empty());
    REQUIRE(blocks.size() == 2);
    const model::Block& b = blocks[1];
    CHECK(b.kind == model::BlockKind::Facts);
    REQUIRE(b.facts.size() == 3);
    CHECK(b.facts[0].label == "Place");
    CHECK(plain(b.facts[0].value) == "Bristol City Council");
    CHECK(b.facts[1].label == "Saving");
    CHECK(plain(b.facts[1].value) == "up to £620,000 a year");
    bool flagged = false, italic = false;
    for (const auto& r : b.facts[1].value) {
        if (r.text == "£620,000") flagged = r.figure_value;
        if (r.text == "year") italic = r.italic;
    }
    CHECK(flagged);
    CHECK(italic);
    CHECK(b.facts[2].value.front().link == "https://example.org/guide");
    // A panel is neither a table nor a figure: the next table is still Table 1.
    Diagnostics d2;
    auto more = build("# T\n\n```facts\nA: b\n```\n\n```savings\ncaption: S\nmeasure: ifa_switch_savings\nplace: bristol\n```\n",
                      d2);
    REQUIRE(errors(d2).empty());
    CHECK(more.back().table->number == 1);
}

TEST_CASE("case studies: facts panel errors name the line and column") {
    auto first_error = [](const std::string& body) {
        Diagnostics d;
        build("# T\n\n```facts\n" + body + "```\n", d);
        auto e = errors(d);
        return e.empty() ? std::string() : e.front();
    };
    CHECK(first_error("Place Bristol\n") ==
          "content/case-studies/t.md:4:1: error: expected 'label: value' in the facts panel (such as 'Saving: {{ ... }}')");
    CHECK(first_error("Place: Bristol\nSaving:\n") == "content/case-studies/t.md:5:8: error: the fact 'Saving' has no value");
    CHECK(first_error("Place: A\n  Place: B\n") == "content/case-studies/t.md:5:3: error: the fact 'Place' is given twice");
    CHECK(first_error(": value\n") == "content/case-studies/t.md:4:1: error: a fact needs a label before the ':'");
    CHECK(first_error("\n") == "content/case-studies/t.md:3:1: error: the facts panel is empty: add lines such as "
                               "'Saving: {{ measure @ place }}'");
    CHECK(first_error("Saving: {{ source ifa_switch_savings @ bristol }}\n") ==
          "content/case-studies/t.md:4:9: error: a source note ({{ source ... }} or [^note]) cannot go here; cite the "
          "source in the text");
    // A value is one line of text, whatever it starts with.
    Diagnostics d;
    auto blocks = build("# T\n\n```facts\nList: - a list item\nTitle: # not a heading\nQuote: > 5%\n```\n", d);
    REQUIRE(errors(d).empty());
    CHECK(plain(blocks[1].facts[0].value) == "- a list item");
    CHECK(plain(blocks[1].facts[1].value) == "# not a heading");
    CHECK(plain(blocks[1].facts[2].value) == "> 5%");
    // Placeholders inside a panel are checked like any other.
    CHECK(first_error("Saving: {{ no_such_measure @ bristol }}\n").find("unknown measure 'no_such_measure'") !=
          std::string::npos);
}

TEST_CASE("case studies: savings directive errors") {
    auto first_error = [](const std::string& body) {
        Diagnostics d;
        build("# T\n\n```savings\n" + body + "```\n", d);
        auto e = errors(d);
        return e.empty() ? std::string() : e.front();
    };
    CHECK(first_error("caption: C\nmeasure: ifa_placements\nplace: bristol\n") ==
          "content/case-studies/t.md:5:10: error: 'ifa_placements' is not computed: a savings table shows how a figure "
          "of data/derived.csv follows from its inputs");
    CHECK(first_error("caption: C\nmeasure: ifa_switch_savings\n") ==
          "content/case-studies/t.md:4:10: error: the savings directive needs 'place: ...'");
    CHECK(first_error("caption: C\nmeasure: ifa_switch_savings\nplace: essex\n") ==
          "content/case-studies/t.md:6:8: error: savings table 'C': 'ifa_switch_savings' is not computed for 'essex'");
    CHECK(first_error("caption: C\nmeasures: x\n").find("unknown key 'measures' in the savings directive") != std::string::npos);
}

TEST_CASE("case studies: the savings table lists the inputs, the computed saving and the study's own figure") {
    Diagnostics d;
    auto blocks =
        build("# T\n\n```savings\ncaption: Braintree\nmeasure: cashable_placement_savings\nplace: braintree\n```\n", d);
    REQUIRE(errors(d).empty());
    const model::Table& t = *blocks[1].table;
    CHECK(t.number == 1);
    CHECK(t.id == "table-braintree");
    std::vector<std::string> rows;
    for (const auto& r : t.body) rows.push_back(plain(r[0].runs) + " | " + plain(r[1].runs) + " | " + plain(r[2].runs));
    // The study states no figure for the placements alone (its £1.053 million also covers social
    // worker time), so there is no "stated" row to agree with.
    CHECK(rows == std::vector<std::string>{
                      "Care places saved | 13 | Stated in the source",
                      "Average saving per place per week | £600 | Stated in the source",
                      "Average weeks saved per place | 135 weeks | Stated in the source",
                      "Cashable savings from placements saved | £1,053,000 | Computed: 13 × £600 × 135 weeks"});
    CHECK(t.body[3][0].runs.front().bold);

    // What the stated total leaves for social worker time: nothing, reported as a disagreement.
    Diagnostics ds;
    auto sw = build("# T\n\n```savings\ncaption: B\nmeasure: social_worker_time_savings\nplace: braintree\n```\n", ds);
    REQUIRE(errors(ds).empty());
    std::vector<std::string> sw_rows;
    for (const auto& r : sw[1].table->body)
        sw_rows.push_back(plain(r[0].runs) + " | " + plain(r[1].runs) + " | " + plain(r[2].runs));
    CHECK(sw_rows == std::vector<std::string>{
                         "Cashable savings from placement costs and social worker time | £1,053,000 | Stated in the source",
                         "Cashable savings from placements saved | £1,053,000 | Computed: 13 × £600 × 135 weeks",
                         "Cashable savings left for social worker time | £0 | Computed: £1,053,000 − £1,053,000",
                         "Checked against the source | Disagrees | The source implies this figure is above zero; its own "
                         "figures leave £0"});
    CHECK_FALSE(sw[1].table->body[3][1].runs.front().figure_value);   // a verdict, not a figure
    CHECK(t.source_codes == std::vector<std::string>{"ecm_commissioning_guide"});
    CHECK(t.csv.rfind("item,value,unit,basis,source,unrounded\nCare places saved,13,count,Stated in the source,"
                      "ecm_commissioning_guide,\n", 0) == 0);

    // An input computed in turn shows how; an input of another period says which.
    Diagnostics d2;
    auto essex = build("# T\n\n```savings\ncaption: E\nmeasure: procurement_savings_share_of_pressure_low\nplace: essex\n```\n", d2);
    REQUIRE(errors(d2).empty());
    const auto& body = essex[1].table->body;
    REQUIRE(body.size() == 3);
    CHECK(plain(body[0][2].runs) == "Computed: £736,000 + £360,000");
    CHECK(plain(body[1][0].runs) == "Budget pressure in children's services (2003/04)");
    CHECK(plain(body[2][1].runs) == "25.7%");
}

TEST_CASE("case studies: 'place: here' in a savings table is the pack's own place") {
    auto rows_of = [](const model::Blocks& blocks) {
        std::vector<std::string> rows;
        REQUIRE(blocks.size() == 2);
        REQUIRE(blocks[1].table.has_value());
        for (const auto& r : blocks[1].table->body) rows.push_back(plain(r[0].runs) + " | " + plain(r[1].runs));
        return rows;
    };
    Diagnostics named, here;
    auto by_code = build("# T\n\n```savings\ncaption: S\nmeasure: ifa_switch_savings\nplace: bristol\n```\n", named);
    auto by_here = build("# T\n\n```savings\ncaption: S\nmeasure: ifa_switch_savings\nplace: here\n```\n", here,
                         figures(), "bristol");
    REQUIRE(errors(named).empty());
    REQUIRE(errors(here).empty());
    CHECK(rows_of(by_here) == rows_of(by_code));
    CHECK(rows_of(by_here).back() == "Yearly saving from fewer independent fostering placements (in-house direct cost) | £620,000");
    // Another pack's place gives that place's table (Braintree's computation has no Bristol inputs).
    Diagnostics braintree;
    auto other = build("# T\n\n```savings\ncaption: S\nmeasure: cashable_placement_savings\nplace: here\n```\n",
                       braintree, figures(), "braintree");
    REQUIRE(errors(braintree).empty());
    CHECK(rows_of(other)[3] == "Cashable savings from placements saved | £1,053,000");

    auto first_error = [](const std::string& place, const std::string& focus) {
        Diagnostics d;
        build("# T\n\n```savings\ncaption: C\nmeasure: ifa_switch_savings\nplace: " + place + "\n```\n", d, figures(),
              focus);
        auto e = errors(d);
        return e.empty() ? std::string() : e.front();
    };
    CHECK(first_error("nowhere", "bristol") == "content/case-studies/t.md:6:8: error: unknown place 'nowhere'");
    CHECK(first_error("here", "") == "content/case-studies/t.md:6:8: error: " + std::string(narrative::kNoFocusError));
    CHECK(first_error("here", "essex") ==
          "content/case-studies/t.md:6:8: error: savings table 'C': 'ifa_switch_savings' is not computed for 'essex'");
}

TEST_CASE("directives: 'here' in a table's places: list is resolved by the same code as in a savings table") {
    Diagnostics d;
    auto blocks = build("# T\n\n```table\ncaption: N\nmeasures: ni_75\nplaces: here; solihull; coventry\n```\n", d,
                        figures(), "coventry");
    REQUIRE(errors(d).empty());
    REQUIRE(blocks.size() == 2);
    std::vector<std::string> head;
    for (const auto& c : blocks[1].table->head.at(0)) head.push_back(plain(c.runs));
    CHECK(head == std::vector<std::string>{"Measure", "Coventry", "Solihull"});   // listed again after `here`: left out
    Diagnostics none;
    build("# T\n\n```table\ncaption: N\nmeasures: ni_75\nplaces: solihull; here\n```\n", none);
    REQUIRE(errors(none).size() == 1);
    CHECK(errors(none).front() == "content/case-studies/t.md:6:19: error: " + std::string(narrative::kNoFocusError));
}

// ---- the writers ---------------------------------------------------------------------------------

namespace {

model::Document facts_document() {
    model::Document doc;
    doc.meta.title = "Case studies";
    doc.meta.date = "2008-01-01";
    model::Section s;
    s.slug = "study";
    s.title = "A study";
    model::Block h;
    h.kind = model::BlockKind::Heading;
    h.level = 1;
    h.anchor = "study";
    h.runs = {model::text_run("A study")};
    model::Block facts;
    facts.kind = model::BlockKind::Facts;
    model::Run saving = model::text_run("£620,000");
    saving.figure_value = true;
    facts.facts = {{"Place", {model::text_run("Bristol & <Avon>")}},
                   {"Saving", {saving, model::text_run(" a year, computed from unit costs")}}};
    s.blocks = {h, facts};
    doc.sections.push_back(s);
    return doc;
}

}  // namespace

TEST_CASE("case studies: the site draws a fact panel as a description list") {
    model::Document doc = facts_document();
    html::LinkTargets targets = html::map_anchors(doc);
    html::PageContext ctx{doc, targets, "study.html", {}};
    std::string out = html::render_blocks(doc.sections[0].blocks, ctx);
    CHECK(out.find("<dl class=\"ep-facts\">\n<div class=\"ep-fact\"><dt>Place</dt><dd>Bristol &amp; &lt;Avon&gt;</dd></div>\n"
                   "<div class=\"ep-fact\"><dt>Saving</dt><dd>") != std::string::npos);
    CHECK(out.find("£620,000") != std::string::npos);
    CHECK(out.find(" a year, computed from unit costs</dd></div>\n</dl>\n") != std::string::npos);
    std::ifstream css(std::string(EP_SOURCE_DIR) + "/assets/site.css");
    std::stringstream ss;
    ss << css.rdbuf();
    CHECK(ss.str().find(".ep-facts {") != std::string::npos);
}

TEST_CASE("case studies: the PDF draws a fact panel as a shaded box tagged as a list") {
    model::Document doc = facts_document();
    pdf::PdfOptions options;
    pdf::Layout layout = pdf::lay_out_document(doc, options);
    const pdf::Box* panel = nullptr;
    std::vector<const pdf::Box*> labels, values;
    for (const auto& page : layout.pages)
        for (const auto& b : page.boxes) {
            if (b.role == pdf::Role::FactsPanel) panel = &b;
            if (b.role == pdf::Role::FactLabel) labels.push_back(&b);
            if (b.role == pdf::Role::FactValue) values.push_back(&b);
        }
    REQUIRE(panel != nullptr);
    CHECK(panel->node == -1);   // the shading is decoration
    REQUIRE(panel->fills.size() == 2);
    CHECK(panel->fills[0].color == pdf::style::tint);
    REQUIRE(labels.size() == 2);
    REQUIRE(values.size() == 2);
    // Labels sit left of their values, on the same line, inside the box.
    CHECK(labels[0]->text.front().text == "Place");
    CHECK(labels[0]->text.front().face == pdf::Face::Bold);
    CHECK(values[1]->text.front().text.find("\u00A3" "620,000") == 0);
    CHECK(labels[1]->text.front().baseline == values[1]->text.front().baseline);
    CHECK(labels[0]->rect.right() < values[0]->rect.x);
    CHECK(panel->rect.x <= labels[0]->rect.x);
    CHECK(panel->rect.top() >= labels[0]->rect.top());
    CHECK(panel->rect.y <= values[1]->rect.y);
    // Structure: L > LI > (Lbl, LBody > P), the label's text in the Lbl, the value's in the P.
    const auto& st = layout.structure;
    const pdf::StructNode& lbl = st[static_cast<size_t>(labels[0]->node)];
    CHECK(lbl.type == "Lbl");
    const pdf::StructNode& li = st[static_cast<size_t>(lbl.parent)];
    CHECK(li.type == "LI");
    CHECK(st[static_cast<size_t>(li.parent)].type == "L");
    const pdf::StructNode& p = st[static_cast<size_t>(values[0]->node)];
    CHECK(p.type == "P");
    CHECK(st[static_cast<size_t>(p.parent)].type == "LBody");
    CHECK(st[static_cast<size_t>(p.parent)].parent == lbl.parent);
    // Both rows belong to one list.
    CHECK(st[static_cast<size_t>(st[static_cast<size_t>(labels[1]->node)].parent)].parent == li.parent);
}
