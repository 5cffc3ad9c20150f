#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "calc/calculations.h"
#include "calc/figures.h"
#include "core/format.h"
#include "data/dataset.h"
#include "shipped_data.h"

using namespace ep;

namespace {
Value money(double v) { return Value::of(Unit::Money, v); }
Value count(double v) { return Value::of(Unit::Count, v); }
Value pct(double v) { return Value::of(Unit::Percent, v); }

std::string shown(const std::string& measure, const std::string& place, Style style = Style::Auto) {
    calc::Figures figures(shipped());
    std::string why;
    auto f = figures.get(measure, place, std::nullopt, &why);
    INFO(measure << "@" << place << ": " << why);
    REQUIRE(f.has_value());
    return format_value(f->value, style);
}
}  // namespace

TEST_CASE("named calculations") {
    CHECK(calc::per_head(money(16.4e6), count(18700)).amount() == doctest::Approx(877.005).epsilon(1e-4));
    CHECK(calc::share(money(604.3e6), money(853.6e6)).amount() == doctest::Approx(70.79).epsilon(1e-3));
    CHECK(calc::remainder(money(853.6e6), {money(604.3e6), money(42.4e6)}).amount() == doctest::Approx(206.9e6));
    CHECK(calc::product({count(97600), pct(65), pct(22.5)}, Unit::Count).amount() == doctest::Approx(14274));
    CHECK(calc::difference(money(1064), money(964)).amount() == doctest::Approx(100));
    CHECK(calc::ratio(money(3.75e6), money(750e3)).amount() == doctest::Approx(5));
    CHECK(calc::percent_difference(money(877), money(468)).amount() == doctest::Approx(87.39).epsilon(1e-3));
    CHECK(calc::sum({money(425e3), money(325e3)}).amount() == doctest::Approx(750e3));
}

TEST_CASE("missing propagates and is never zero") {
    Value na = Value::missing(Unit::Money, "suppressed");
    CHECK(calc::per_head(na, count(10)).is_missing());
    CHECK(calc::per_head(na, count(10)).missing_reason() == "suppressed");
    CHECK(calc::sum({money(1), na}).is_missing());
    CHECK(calc::per_head(money(5), count(0)).is_missing());
    CHECK_THROWS(calc::sum({money(1), pct(2)}));
}

TEST_CASE("league-table ranks with ties, by polarity, missing left out") {
    auto ranked = calc::rank_places({{"a", pct(94.3)}, {"b", pct(95.0)}, {"c", pct(95.0)}, {"d", Value::missing(Unit::Percent)},
                                     {"e", pct(89.3)}},
                                    Polarity::Higher);
    REQUIRE(ranked.size() == 4);
    CHECK(ranked[0].place == "b");
    CHECK(calc::rank_label(ranked[0]) == "1=");
    CHECK(calc::rank_label(ranked[1]) == "1=");
    CHECK(calc::rank_label(ranked[2]) == "3");
    CHECK(ranked[2].place == "a");
    auto lower = calc::rank_places({{"a", pct(10.6)}, {"b", pct(8.5)}, {"c", pct(8)}}, Polarity::Lower);
    CHECK(lower[0].place == "c");
}

TEST_CASE("the seed's figures, reproduced from the shipped data") {
    CHECK(shown("child_health_0_5_spend_per_child", "coventry") == "£877");
    CHECK(shown("child_health_0_5_spend_per_child", "warwickshire") == "£468");
    CHECK(shown("dsg_share_of_la_children_spend", "csw", Style::Percent) == "71%");
    CHECK(shown("lsc_share_of_la_children_spend", "csw", Style::Percent) == "5%");
    CHECK(shown("la_children_spend_other", "csw", Style::MoneyLong) == "£206.9 million");
    CHECK(shown("bullied_pupils_estimate", "warwickshire") == "14,274");
    CHECK(shown("iewm_total", "csw") == "£750,000");
    CHECK(shown("iewm_required_return", "csw") == "£3.75m");
    CHECK(shown("iewm_required_return", "csw", Style::MoneyExact) == "£3,750,000");
    CHECK(shown("cashable_placement_savings", "braintree", Style::MoneyExact) == "£1,053,000");
    CHECK(shown("net_spend_per_head", "coventry") == "£1,064");
    CHECK(shown("net_spend_per_head", "warwickshire") == "£822");
    CHECK(shown("ni_53b", "solihull") == "N/A");
}

TEST_CASE("the audit lists the seed's own arithmetic mistakes, and only those") {
    calc::Figures figures(shipped());
    auto findings = calc::audit(figures);
    auto mentions = [&](const std::string& text) {
        return std::any_of(findings.begin(), findings.end(),
                           [&](const calc::Finding& f) { return f.message.find(text) != std::string::npos; });
    };
    for (const auto& f : findings) MESSAGE(to_string(f.where) << ": " << f.message);
    CHECK(mentions("14,400"));      // 97,600 x 65% x 22.5% = 14,274
    CHECK(mentions("14,274"));
    CHECK(mentions("gives 76.6% for 'ni_53b' (coventry, 2008/09) but 'tp_report' (section 4.3 indicator table) gives 53%"));
    CHECK(mentions("gives N/A for 'ni_53b' (warwickshire, 2008/09)"));
    // Which of two figures is printed, and why (not "the pack uses the first", which reads as
    // the first named in the message: the one it does not print).
    auto first_row = [](const std::string& place) {
        return std::to_string(shipped().reported(place, "ni_53b").front()->line);
    };
    CHECK(mentions("gives 53% (line " + first_row("coventry") + "); the pack prints 53%, from line " +
                   first_row("coventry") + ", because that row comes first in data/observations.csv"));
    CHECK(mentions("gives 80.4% (line " + first_row("warwickshire") + "); the pack prints 80.4%, from line " +
                   first_row("warwickshire") + ", because that row comes first in data/observations.csv"));
    CHECK_FALSE(mentions("the pack uses the first"));
    CHECK_FALSE(mentions("'ni_55'"));   // printed twice, the same both times
    CHECK_FALSE(mentions("£877"));  // agrees within rounding
    CHECK_FALSE(mentions("71%"));
}

TEST_CASE("Year 11 activity survey league table (seed 003): Coventry 6th, ties shown as 2=") {
    calc::Figures figures(shipped());
    std::string why;
    auto ranked = calc::rank_in_group(figures, "y11_in_learning_pct", "y11_top_las", std::string("2007"), &why);
    REQUIRE(why.empty());
    std::map<std::string, std::string> label;
    for (const auto& r : ranked) label[r.place] = calc::rank_label(r);
    CHECK(label["coventry"] == "6");
    CHECK(label["harrow"] == "2=");
    CHECK(label["rutland"] == "2=");
    CHECK(label["city_of_london"] == "1");
    // Every rank the seed prints agrees with the ranking computed from the percentages.
    for (const auto& r : ranked) {
        auto reported = shipped().reported(r.place, "y11_rank");
        for (const auto* o : reported)
            if (o->period == "2007") CHECK_MESSAGE(o->value.text() == label[r.place], r.place);
    }
    auto england = figures.get("y11_in_learning_pct", "england", std::string("2007"), &why);
    REQUIRE(england);
    CHECK(format_value(england->value) == "89.3%");
}

TEST_CASE("every headline figure of the pilot report comes out of the data as the report prints it") {
    struct Case { const char* measure; const char* place; const char* period; Style style; const char* expected; };
    const Case cases[] = {
        {"population", "csw", "2008", Style::Count, "1,046,000"},
        {"public_sector_spend", "csw", "", Style::Money, "£6.2 billion"},
        {"children_spend", "csw", "", Style::Money, "£1.8 billion"},
        {"la_children_spend", "csw", "", Style::MoneyLong, "£853.6 million"},
        {"dsg", "csw", "", Style::MoneyLong, "£604.3 million"},
        {"lsc_funding", "csw", "", Style::MoneyLong, "£42.4 million"},
        {"net_spend_per_head", "solihull", "", Style::Money, "£958"},
        {"performance_quartile", "warwickshire", "", Style::Auto, "Upper quartile"},
        {"csc_cost_per_head", "solihull", "", Style::Money, "£648"},
        {"education_spend_per_head", "coventry", "", Style::Money, "£933"},
        {"child_health_0_5_spend", "coventry", "", Style::Money, "£16.4m"},
        {"child_health_0_5_spend", "warwickshire", "", Style::Money, "£14.5m"},
        {"population_0_5", "coventry", "", Style::Count, "18,700"},
        {"population_0_5", "warwickshire", "", Style::Count, "31,000"},
        {"cqc_immunisation", "coventry", "", Style::Auto, "Under Achieved"},
        {"children_centres", "warwickshire", "", Style::Count, "30"},
        {"ni_111", "solihull", "", Style::Auto, "N/A"},
        {"ni_89b", "solihull", "", Style::Auto, "24 months"},
        {"neet_baseline_count", "csw", "", Style::Count, "1,989"},
        {"connexions_budget", "csw", "", Style::Money, "£9m"},
        {"neet_service_cost_low", "csw", "", Style::Money, "£14.8m"},
        {"neet_service_cost_high", "csw", "", Style::Money, "£19m"},
        {"neet_failure_cost_low", "csw", "", Style::Money, "£41.9m"},
        {"neet_failure_cost_high", "csw", "", Style::Money, "£47.2m"},
        {"neet_connexions_cases", "coventry_warwickshire", "", Style::Count, "465"},
        {"neet_connexions_not_on_jcp", "coventry_warwickshire", "", Style::Count, "40"},
        {"neet_jcp_not_on_connexions", "coventry_warwickshire", "", Style::Count, "341"},
        {"neet_cases_inactive", "coventry_warwickshire", "", Style::Count, "21"},
        {"neet_target_pct", "warwickshire", "2010/11", Style::Auto, "4.4%"},
        {"recruitment_duplication_stages", "solihull", "", Style::Count, "10"},
        {"csc_cost_per_head_gap_to_solihull", "coventry", "", Style::Money, "£100"},
        // derived, computed from the reported inputs
        {"la_children_spend_other", "csw", "", Style::MoneyLong, "£206.9 million"},
        {"child_health_0_5_spend_combined", "coventry_warwickshire", "", Style::Money, "£30.9m"},
        {"neet_total_cost_low", "csw", "", Style::Money, "£56.7m"},
        {"neet_total_cost_high", "csw", "", Style::Money, "£66.2m"},
    };
    calc::Figures figures(shipped());
    for (const auto& c : cases) {
        std::string why;
        std::optional<std::string> period;
        if (*c.period) period = c.period;
        auto f = figures.get(c.measure, c.place, period, &why);
        INFO(c.measure << "@" << c.place << ": " << why);
        REQUIRE(f.has_value());
        CHECK(format_value(f->value, c.style) == c.expected);
    }
}

TEST_CASE("per-head costs the report gives only as gaps are computed, not reported, and the audit tests the gaps") {
    // Seed 000, section 4.2: Solihull's social care costs £648 a head, "£100 more than the cost in
    // Coventry and £288 more than in Warwickshire"; Coventry's education £933, "£117 and £183
    // more expensive than Solihull and Warwickshire". The other four figures are the pack's sums.
    calc::Figures figures(shipped());
    struct Case { const char* measure; const char* place; const char* shown; bool derived; };
    const Case cases[] = {{"csc_cost_per_head", "solihull", "£648", false},
                          {"csc_cost_per_head", "coventry", "£548", true},
                          {"csc_cost_per_head", "warwickshire", "£360", true},
                          {"education_spend_per_head", "coventry", "£933", false},
                          {"education_spend_per_head", "solihull", "£816", true},
                          {"education_spend_per_head", "warwickshire", "£750", true}};
    for (const auto& c : cases) {
        std::string why;
        auto f = figures.get(c.measure, c.place, std::nullopt, &why);
        INFO(c.measure << "@" << c.place << ": " << why);
        REQUIRE(f.has_value());
        CHECK(format_value(f->value) == c.shown);
        CHECK(f->derived == c.derived);
        CHECK(shipped().reported(c.place, c.measure).size() == (c.derived ? 0u : 1u));   // never entered by hand
    }
    CHECK(calc::explain(*figures.get("csc_cost_per_head", "coventry", std::nullopt, nullptr)) == "£648 − £100");

    // The report also says education is each council's largest area of spending and social care
    // the next, so the gaps must leave education above social care: they do in the shipped data...
    for (const auto& f : calc::audit(figures)) CHECK_MESSAGE(f.message.find("Education spend per head above") == std::string::npos, f.message);
    // ...and a gap that did not would be listed at the rule's `expect` cell.
    data::Dataset ds = shipped();
    for (auto& o : ds.observations)
        if (o.measure == "education_spend_per_head_gap_to_coventry" && o.place == "solihull") o.value = money(300);
    calc::Figures changed(ds);
    std::vector<std::string> found;
    for (const auto& f : calc::audit(changed))
        if (f.message.find("Education spend per head above") != std::string::npos) found.push_back(to_string(f.where) + ": " + f.message);
    REQUIRE(found.size() == 1);
    CHECK(found[0].rfind("data/derived.csv:", 0) == 0);
    CHECK(found[0].find(": the source implies that Education spend per head above Children's Social Care cost per head "
                        "(Solihull, 2008/09) is above zero, but £633 − £648 = -£15: the source's own figures disagree") !=
          std::string::npos);
}

TEST_CASE("the observations download carries what the pack prints, the source's value beside it where it differs") {
    calc::Figures figures(shipped());
    const std::string csv = calc::printed_observations_csv(figures);
    CHECK(csv.rfind("place,measure,period,value,unit,status,stated,unrounded,source,note,reference\n", 0) == 0);
    // Seed 000 states 5,302 and 14,400; the page and the PDF print the computed 5,320 and 14,274.
    CHECK(csv.find("\ncoventry,bullying_perpetrators_estimate,2008/09,5320,count,computed,\"5,302\",,tp_report,") != std::string::npos);
    CHECK(csv.find("\nwarwickshire,bullied_pupils_estimate,2009,14274,count,computed,\"14,400\",,tp_report,") != std::string::npos);
    // A computed figure that agrees with the source's: as printed, unrounded beside it, nothing stated.
    CHECK(csv.find("\ncoventry,child_health_0_5_spend_per_child,2009/10,877,money,computed,,877.0053476,tp_report,") != std::string::npos);
    // The second of two rows for one figure: the value printed is the first row's.
    CHECK(csv.find("\ncoventry,ni_53b,2008/09,53,percent,reported,76.6%,,tp_report,") != std::string::npos);
    // A reported figure is given to the pound, not as the usual style rounds it (£1.05m).
    CHECK(csv.find("\nbraintree,cashable_savings,2007/08,1053000,money,reported,,,") != std::string::npos);
    CHECK(csv.find("5,302,count") == std::string::npos);   // no typed value in the value column
}
