#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "calc/allocation.h"
#include "calc/calculations.h"
#include "calc/figures.h"
#include "calc/scenarios.h"
#include "core/format.h"
#include "data/dataset.h"
#include "shipped_data.h"
#include "narrative/resolve.h"

using namespace ep;

namespace {
std::string resolved_with(const calc::Figures& figures, const std::string& text, const std::string& focus = "") {
    static std::map<std::string, narrative::Reference> refs;
    narrative::Resolver r(figures, refs);
    r.set_focus(focus);
    Diagnostics d;
    std::string out = r.resolve_all(text, "content/t.md", d);
    for (const auto& i : d.items()) MESSAGE(to_string(i));
    REQUIRE_FALSE(d.has_errors());
    // drop the figure markers (U+E000/U+E001, three bytes each) and Markdown escapes
    std::string plain;
    for (size_t i = 0; i < out.size(); ++i) {
        if (out.compare(i, 3, "\xEE\x80\x80") == 0 || out.compare(i, 3, "\xEE\x80\x81") == 0) {
            i += 2;
            continue;
        }
        if (out[i] == '\\') continue;
        plain += out[i];
    }
    return plain;
}

std::string resolved(const std::string& text) {
    static calc::Figures figures(shipped());
    return resolved_with(figures, text);
}

// A small project written to a temporary folder, for data the shipped pack does not have.
struct TempData {
    std::filesystem::path dir;
    explicit TempData(const std::map<std::string, std::string>& files) {
        dir = std::filesystem::temp_directory_path() / ("ep-test-" + std::to_string(::getpid()) + "-" +
                                                        std::to_string(reinterpret_cast<uintptr_t>(this)));
        std::filesystem::create_directories(dir);
        for (const auto& [name, text] : files) std::ofstream(dir / name) << text;
    }
    ~TempData() { std::filesystem::remove_all(dir); }
};
}  // namespace

TEST_CASE("typed calculations say what they take and give") {
    CHECK(calc::spend_per_head(Money::of(16.4e6), Count::of(18700)).amount() == doctest::Approx(877.0).epsilon(1e-3));
    CHECK(calc::share_of(Money::of(42.4e6), Money::of(853.6e6)).amount() == doctest::Approx(4.967).epsilon(1e-3));
    CHECK(calc::people_in(Count::of(97600), Percentage::of(65)).amount() == doctest::Approx(63440));
    CHECK(calc::return_required(Money::of(750e3), Ratio::of(5)).amount() == doctest::Approx(3.75e6));
    CHECK(calc::savings_from_unit_costs(Count::of(13), Money::of(600), 135).amount() == doctest::Approx(1.053e6));
    CHECK(calc::spend_per_head(Money::missing("suppressed"), Count::of(5)).missing_reason() == "suppressed");
    CHECK_THROWS_WITH_AS(calc::per_head(Value::of(Unit::Count, 5), Value::of(Unit::Count, 5)),
                         "per head: the amount must be money, not count", std::invalid_argument);
}

TEST_CASE("quartiles and the gap to the best, by polarity") {
    std::vector<std::pair<std::string, Value>> v;
    for (int i = 1; i <= 8; ++i) v.push_back({"p" + std::to_string(i), Value::of(Unit::Percent, 10.0 * i)});
    auto ranked = calc::rank_places(v, Polarity::Higher);   // p8 best
    CHECK(*calc::quartile_position(ranked, "p8") == 1);
    CHECK(*calc::quartile_position(ranked, "p7") == 1);
    CHECK(*calc::quartile_position(ranked, "p5") == 2);
    CHECK(*calc::quartile_position(ranked, "p1") == 4);
    CHECK(calc::quartile_label(4) == "bottom quartile");
    CHECK_FALSE(calc::quartile_position(ranked, "nowhere"));
    auto gap = calc::gap_to_best(ranked, "p6", Value::of(Unit::Count, 1000));
    REQUIRE(gap);
    CHECK(gap->best_place == "p8");
    CHECK(gap->to_best.amount() == doctest::Approx(20));
    CHECK(gap->people.amount() == doctest::Approx(200));   // 20 percentage points of 1,000 people
    auto lower = calc::rank_places({{"a", Value::of(Unit::Percent, 6.7)}, {"b", Value::of(Unit::Percent, 5.8)}}, Polarity::Lower);
    CHECK(calc::gap_to_best(lower, "a", std::nullopt)->to_best.amount() == doctest::Approx(0.9));
}

TEST_CASE("benchmark placeholders on the shipped data") {
    CHECK(resolved("{{ compare net_spend_per_head @ coventry with warwickshire }}") == "£242 more than Warwickshire");
    CHECK(resolved("{{ compare net_spend_per_head @ warwickshire with solihull }}") == "£136 less than Solihull");
    CHECK(resolved("{{ compare ni_117 @ coventry with warwickshire }}") == "0.9 percentage points higher than Warwickshire");
    CHECK(resolved("{{ gap ni_117 @ coventry in csw }}") == "0.9 percentage points");
    CHECK(resolved("{{ rank ni_117 @ coventry in csw }}") == "3");
    CHECK(resolved("{{ quartile ni_117 @ warwickshire in csw }}") == "top quartile");
    // 10.6% vs the best 8% in Reception obesity, applied to 18,700 children: 486 children
    CHECK(resolved("{{ gap_people ni_55 @ coventry in csw per population_0_5 }}") == "486");
}

namespace {
// Six London boroughs (one a compound name) with a percentage, a rate per 10,000 and a spend.
std::map<std::string, std::string> london_files() {
    return {{"places.csv", "code,name,kind,member_of\nlon,London,group,\nbromley,Bromley,authority,lon\n"
                           "kc,Kensington and Chelsea,authority,lon\ncamden,Camden,authority,lon\n"
                           "hf,Hammersmith and Fulham,authority,lon\nsutton,Sutton,authority,lon\n"},
            {"sources.csv", "code,title\ns,Illustrative figures\n"},
            {"measures.csv", "code,title,unit,polarity,per\n"
                             "ks4,Pupils with five good GCSEs,percent,higher,\n"
                             "cla,Looked-after children,rate,lower,\"per 10,000 children\"\n"
                             "spend,Spend per child,money,none,\n"},
            {"observations.csv", "place,measure,period,value,unit,source\n"
                                 "bromley,ks4,2023/24,66.0%,percent,s\nkc,ks4,2023/24,66.0%,percent,s\n"
                                 "camden,ks4,2023/24,52.3%,percent,s\nhf,ks4,2023/24,61.0%,percent,s\n"
                                 "sutton,ks4,2023/24,80.0%,percent,s\n"
                                 "bromley,cla,2023/24,55,rate,s\nkc,cla,2023/24,45,rate,s\n"
                                 "camden,cla,2023/24,55,rate,s\nhf,cla,2023/24,38.5,rate,s\nsutton,cla,2023/24,60,rate,s\n"
                                 "bromley,spend,2023/24,£900,money,s\nkc,spend,2023/24,£900,money,s\n"
                                 "camden,spend,2023/24,£700,money,s\nhf,spend,2023/24,£800,money,s\n"
                                 "sutton,spend,2023/24,£600,money,s\n"}};
}

const calc::Figures& london() {
    static TempData t(london_files());
    static Diagnostics d;
    static data::Dataset ds = data::load_dataset(t.dir.string(), "data", d);
    for (const auto& i : d.items()) MESSAGE(to_string(i));
    REQUIRE_FALSE(d.has_errors());
    static calc::Figures figures(ds);
    return figures;
}
}  // namespace

TEST_CASE("wording: a difference of percentages is in percentage points; relative only when asked") {
    CHECK(resolved_with(london(), "{{ compare ks4 @ sutton with bromley }}") == "14.0 percentage points higher than Bromley");
    CHECK(resolved_with(london(), "{{ compare ks4 @ camden with hf }}") ==
          "8.7 percentage points lower than Hammersmith and Fulham");
    CHECK(resolved_with(london(), "{{ compare ks4 @ sutton with bromley relative }}") == "21% more than Bromley");
    CHECK(resolved_with(london(), "{{ compare spend @ bromley with sutton relative }}") == "50% more than Sutton");
    CHECK(resolved_with(london(), "{{ compare ks4 @ bromley with kc }}") == "the same as Kensington and Chelsea");
    CHECK(resolved_with(london(), "{{ gap ks4 @ sutton in lon }}") == "0 percentage points");
}

TEST_CASE("wording: compare and gap on a rate print its unit and the precision it was typed with") {
    CHECK(resolved_with(london(), "{{ compare cla @ bromley with kc }}") ==
          "10 more per 10,000 children than Kensington and Chelsea");
    CHECK(resolved_with(london(), "{{ compare cla @ hf with kc }}") ==
          "6.5 fewer per 10,000 children than Kensington and Chelsea");
    CHECK(resolved_with(london(), "{{ gap cla @ sutton in lon }}") == "21.5 per 10,000 children");
    CHECK(resolved_with(london(), "{{ compare cla @ bromley with camden }}") == "the same as Camden");
}

TEST_CASE("wording: tied places are each named whole, with semicolons when a name holds 'and'") {
    CHECK(resolved_with(london(), "{{ best_place spend in lon }}") == "Bromley; Kensington and Chelsea");
    CHECK(list_of_names({"Solihull", "Warwickshire"}) == "Solihull and Warwickshire");
    CHECK(list_of_names({"Coventry", "Solihull", "Warwickshire"}) == "Coventry, Solihull and Warwickshire");
    CHECK(list_of_names({"Bromley", "Kensington and Chelsea", "Sutton"}) == "Bromley; Kensington and Chelsea; Sutton");
    CHECK(list_of_names({"Bristol, City of", "Bath"}) == "Bristol, City of; Bath");
}

TEST_CASE("wording: {{ if }} chooses the sentence for the best, the worst and the equal place") {
    const std::string text =
        "{{ name here }} is {{ if best ks4 @ here in lon }}the best in the group{{ else }}{{ gap ks4 @ here in lon }} "
        "behind the best{{ end }}.";
    CHECK(resolved_with(london(), text, "sutton") == "Sutton is the best in the group.");
    CHECK(resolved_with(london(), text, "camden") == "Camden is 27.7 percentage points behind the best.");
    // ties count: both tied places are the best (lower is better here, 38.5 is best; 60 worst)
    CHECK(resolved_with(london(), "{{ if worst cla @ sutton in lon }}worst{{ end }}") == "worst");
    CHECK(resolved_with(london(), "{{ if not worst cla @ hf in lon }}not worst{{ end }}") == "not worst");
    CHECK(resolved_with(london(), "{{ if best spend @ kc in lon }}joint highest{{ end }}") == "joint highest");
    // equal as printed: no "0 more"
    CHECK(resolved_with(london(), "{{ if same ks4 @ bromley with kc }}level{{ else }}{{ compare ks4 @ bromley with kc }}{{ end }}") ==
          "level");
    // nested, and a tag alone on its line takes its line with it
    CHECK(resolved_with(london(), "- a\n{{ if best ks4 @ camden in lon }}\n- b\n{{ else }}\n{{ if worst ks4 @ camden in lon }}\n- c\n"
                                  "{{ end }}\n{{ end }}\n- d\n") == "- a\n- c\n- d\n");
}

TEST_CASE("wording: a condition's mistakes are errors at their placeholder") {
    calc::Figures const& f = london();
    std::map<std::string, narrative::Reference> refs;
    auto errors = [&](const std::string& text) {
        narrative::Resolver r(f, refs);
        Diagnostics d;
        r.resolve_all(text, "content/t.md", d);
        std::string all;
        for (const auto& i : d.items()) all += to_string(i) + "\n";
        return all;
    };
    CHECK(errors("x {{ if best ks4 @ sutton in lon }} y") == "content/t.md:1:3: error: this {{ if }} has no {{ end }}\n");
    CHECK(errors("x\n {{ end }}") == "content/t.md:2:2: error: {{ end }} without an {{ if }} before it\n");
    CHECK(errors("{{ if top ks4 @ sutton in lon }}").find(
              "content/t.md:1:7: error: unknown condition 'top' (use best, worst or same, each optionally after 'not')\n") == 0);
    // a placeholder in the branch not taken is still checked
    CHECK(errors("{{ if best ks4 @ sutton in lon }}{{ else }}{{ ks4 @ nowhere }}{{ end }}").find("nowhere") != std::string::npos);
}

TEST_CASE("scenario model: cohort x share x unit cost, honest about what is missing") {
    TempData t({{"places.csv", "code,name,kind,member_of\nx,X,subregion,\n"},
                {"sources.csv", "code,title\ns,Assumption source\n"},
                {"measures.csv", "code,title,unit,polarity\ncohort,Cohort,count,none\n"},
                {"observations.csv", "place,measure,period,value,unit,source\nx,cohort,2009/10,\"1,989\",count,s\n"},
                {"scenarios.csv",
                 "model,scenario,outcome,cohort,share,unit_cost,source\n"
                 "m,low,benefits,cohort@x:2009/10,10%,\"£5,000\",s\n"
                 "m,low,custody,cohort@x:2009/10,1%,\"£40,000\",s\n"
                 "m,high,benefits,cohort@x:2009/10,20%,\"£5,000\",s\n"
                 "m,high,custody,cohort@x:2009/10,2%,\"£40,000\",s\n"
                 "gaps,low,benefits,cohort@x:2009/10,10%,not reported,s\n"}});
    Diagnostics d;
    auto ds = data::load_dataset(t.dir.string(), "data", d);
    for (const auto& i : d.items()) MESSAGE(to_string(i));
    REQUIRE_FALSE(d.has_errors());
    calc::Figures figures(ds);
    std::string why;
    auto results = calc::run_scenarios(figures, "m", &why);
    REQUIRE(results.size() == 2);
    CHECK(results[0].scenario == "low");
    CHECK(results[0].outcomes[0].people.amount() == doctest::Approx(198.9));
    CHECK(results[0].total.amount() == doctest::Approx(1989 * (0.10 * 5000 + 0.01 * 40000)));
    auto [lo, hi] = calc::scenario_range(results);
    CHECK(format_value(lo.to_value()) == "£1.79m");
    CHECK(format_value(hi.to_value()) == "£3.58m");
    auto gaps = calc::run_scenarios(figures, "gaps", &why);
    REQUIRE(gaps.size() == 1);
    CHECK(gaps[0].total.is_missing());
    CHECK(gaps[0].total.missing_reason() == "not reported");
    auto findings = calc::audit(figures);
    bool listed = false;
    for (const auto& f : findings) listed = listed || f.message.find("'gaps' cannot be recomputed") != std::string::npos;
    CHECK(listed);
}

TEST_CASE("allocation by formula: lump sum plus a variable sum split by authorities and young people") {
    std::vector<calc::RegionInput> regions = {{"A", Count::of(10), Count::of(600000)},
                                              {"B", Count::of(30), Count::of(400000)}};
    auto lines = calc::allocate_by_formula(Money::of(1e6), Money::of(100e3), Percentage::of(50), Percentage::of(50), regions);
    REQUIRE(lines.size() == 2);
    // variable pot £800k: £400k by authorities (A 1/4), £400k by population (A 60%)
    CHECK(lines[0].by_authorities.amount() == doctest::Approx(100e3));
    CHECK(lines[0].by_population.amount() == doctest::Approx(240e3));
    CHECK(lines[0].total.amount() == doctest::Approx(440e3));
    CHECK(lines[0].total.amount() + lines[1].total.amount() == doctest::Approx(1e6));
    CHECK_THROWS(calc::allocate_by_formula(Money::of(1e6), Money::of(100e3), Percentage::of(60), Percentage::of(50), regions));
    CHECK_THROWS(calc::allocate_by_formula(Money::of(100e3), Money::of(100e3), Percentage::of(50), Percentage::of(50), regions));
}

TEST_CASE("bad cells, wrong units and broken references are all reported together, each with file:line:column") {
    TempData t({{"places.csv", "code,name,kind,member_of\nx,X,authority,nowhere\n"},
                {"sources.csv", "code,title\ns,Source\n"},
                {"measures.csv", "code,title,unit,polarity\nspend,Spend,money,none\nrate,Rate,percent,higher\n"},
                {"observations.csv", "place,measure,period,value,unit,source\n"
                                     "x,spend,2009/10,£12q,money,s\n"
                                     "x,spend,2009/10,5%,percent,s\n"
                                     "y,spend,2009/10,£1,money,s\n"
                                     "x,cost,2009/10,£1,money,s\n"
                                     "x,spend,2009/10,£1,money,t\n"
                                     "x,rate,2009/10,140%,percent,s\n"
                                     "x,spend,200910,£1,money,s\n"}});
    Diagnostics d;
    data::load_dataset(t.dir.string(), "data", d);
    std::vector<std::string> errors;
    for (const auto& i : d.items()) errors.push_back(to_string(i));
    const std::vector<std::string> expected = {
        "data/observations.csv:2:20: error: 'q' is not a money suffix (use k, m, million, bn or billion)",
        "data/observations.csv:3:20: error: unit 'percent' does not match measure 'spend', which is in money",
        "data/observations.csv:3:17: error: '5%' is percent but the measure is measured in money",
        "data/observations.csv:4:1: error: unknown place 'y' (not in places.csv)",
        "data/observations.csv:5:3: error: unknown measure 'cost' (not in measures.csv or derived.csv)",
        "data/observations.csv:6:26: error: unknown source 't' (not in sources.csv)",
        "data/observations.csv:7:16: error: '140%' is above the largest value allowed for 'rate' (100%); if it is right, set the measure's 'max' column",
        "data/observations.csv:8:9: error: '200910' is not a period (use 2009/10, 2008 or 2010-03)",
        "data/places.csv:2:1: error: place 'x' is a member of unknown place or group 'nowhere'",
    };
    CHECK(errors == expected);
}
