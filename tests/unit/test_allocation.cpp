// The worked allocation by formula (seed 004, the Children's Improvement Board's 2011/12 money
// for the regions): rounding that adds up, the shipped inputs, the ```table `allocation:`
// directive and its errors, and the data/allocations.csv checks.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <unistd.h>

#include "calc/allocation.h"
#include "calc/figures.h"
#include "data/dataset.h"
#include "narrative/directives.h"
#include "shipped_data.h"

using namespace ep;
using namespace ep::narrative;

namespace {

std::string first_error(const Diagnostics& d) {
    for (const auto& i : d.items())
        if (!i.is_warning) return to_string(i);
    return "";
}

std::string plain(const model::Runs& runs) {
    std::string s;
    for (const auto& r : runs) s += r.text;
    return s;
}

std::vector<std::string> row_text(const std::vector<model::TableCell>& row) {
    std::vector<std::string> out;
    for (const auto& c : row) out.push_back(plain(c.runs));
    return out;
}

struct AllocData {
    std::filesystem::path dir;
    explicit AllocData(std::map<std::string, std::string> files) {
        dir = std::filesystem::temp_directory_path() /
              ("ep-alloc-" + std::to_string(::getpid()) + "-" + std::to_string(reinterpret_cast<uintptr_t>(this)));
        std::filesystem::create_directories(dir);
        for (const auto& [name, text] : files) std::ofstream(dir / name) << text;
    }
    ~AllocData() { std::filesystem::remove_all(dir); }
};

// A small project: three regions, one of them with its population 'not reported'.
std::map<std::string, std::string> small_project(const std::string& allocations, const std::string& c_population) {
    return {{"places.csv", "code,name,kind,member_of\nland,Land,country,\na,Region A,region,land\nb,Region B,region,land\n"
                           "c,Region C,region,land\n"},
            {"sources.csv", "code,title\nbulletin,The bulletin\nillustrative,Assumed for the example\n"},
            {"measures.csv", "code,title,unit,polarity\npot,Pot,money,none\nlump,Lump sum,money,none\n"
                             "w_las,Weight on councils,percent,none\nw_pop,Weight on people,percent,none\n"
                             "las,Number of councils,count,none\npeople,Young people,count,none\n"},
            {"observations.csv", "place,measure,period,value,unit,source\n"
                                 "land,pot,2011/12,\"£1,000,000\",money,bulletin\n"
                                 "land,lump,2011/12,\"£100,000\",money,illustrative\n"
                                 "land,w_las,2011/12,40%,percent,bulletin\nland,w_pop,2011/12,60%,percent,bulletin\n"
                                 "a,las,2011,1,count,bulletin\nb,las,2011,1,count,bulletin\nc,las,2011,1,count,bulletin\n"
                                 "a,people,2010,\"100,000\",count,illustrative\nb,people,2010,\"200,000\",count,illustrative\n"
                                 "c,people,2010," + c_population + ",count,illustrative\n"},
            {"allocations.csv", allocations}};
}

const std::string kSmallRule =
    "allocation,pot,lump_sum,weight_authorities,weight_population,recipients,authorities,population\n"
    "three,pot@land:2011/12,lump@land:2011/12,w_las@land,w_pop@land,a;b;c,las:2011,people:2010\n";

}  // namespace

TEST_CASE("largest remainder: whole units that add up, each within one unit of its quota") {
    auto out = calc::largest_remainder({1, 1, 1}, 100);
    CHECK(out == std::vector<double>{34, 33, 33});   // the spare unit goes to the earliest of equal remainders
    auto skewed = calc::largest_remainder({0.6, 0.3, 0.1}, 7);   // quotas 4.2, 2.1, 0.7
    CHECK(skewed == std::vector<double>{4, 2, 1});
    std::vector<double> shares = {12, 23, 15, 9, 14, 11, 33, 19, 16};
    for (double target : {0.0, 1.0, 8.0, 675000.0, 1234567.0}) {
        auto r = calc::largest_remainder(shares, target);
        CHECK(std::accumulate(r.begin(), r.end(), 0.0) == target);
        for (size_t i = 0; i < r.size(); ++i) CHECK(std::fabs(r[i] - target * shares[i] / 152.0) < 1.0);
    }
    CHECK_THROWS_AS(calc::largest_remainder({1, 2}, 2.5), std::invalid_argument);
    CHECK_THROWS_AS(calc::largest_remainder({0, 0}, 10), std::invalid_argument);
    CHECK_THROWS_AS(calc::largest_remainder({1, -1}, 10), std::invalid_argument);
}

TEST_CASE("rounding an allocation to the pound keeps rows and columns adding up to the pot") {
    std::vector<calc::RegionInput> regions = {{"A", Count::of(1), Count::of(1)},
                                              {"B", Count::of(1), Count::of(1)},
                                              {"C", Count::of(1), Count::of(1)}};
    // £100 pot, no lump sum: £33.33 each unrounded; one region must get the spare pound.
    auto exact = calc::allocate_by_formula(Money::of(100), Money::of(0), Percentage::of(50), Percentage::of(50), regions);
    auto pounds = calc::round_to_pounds(exact, Money::of(100));
    double sum = 0;
    for (const auto& l : pounds) {
        CHECK(l.total.amount() == l.lump_sum.amount() + l.by_authorities.amount() + l.by_population.amount());
        CHECK(std::floor(l.total.amount()) == l.total.amount());
        sum += l.total.amount();
    }
    CHECK(sum == 100);
    CHECK(pounds[0].by_authorities.amount() + pounds[1].by_authorities.amount() + pounds[2].by_authorities.amount() == 50);
    CHECK(pounds[0].by_population.amount() + pounds[1].by_population.amount() + pounds[2].by_population.amount() == 50);
}

TEST_CASE("the CIB's 2011/12 regional allocation worked through on the shipped inputs") {
    calc::Figures figures(shipped());
    std::string why;
    auto r = calc::run_allocation(figures, "cib", &why);
    REQUIRE_MESSAGE(r.has_value(), why);
    REQUIRE(r->rows.size() == 9);
    // The councils with children's services responsibilities: 152 in England in 2011.
    CHECK(r->total_authorities.amount() == 152);
    CHECK(r->pot.value.amount() == 2250000);
    CHECK(r->lump_sum.value.amount() == 100000);
    CHECK(calc::is_illustrative(r->lump_sum));
    CHECK_FALSE(calc::is_illustrative(r->pot));
    CHECK(r->variable.amount() == 1350000);
    // Each region: £100,000 + £675,000 × its councils / 152 + £675,000 × its young people / 12,650,000,
    // rounded to the pound column by column (largest remainder).
    const std::map<std::string, double> expected = {
        {"north_east", 185305},      {"north_west", 292849}, {"yorkshire_humber", 235980},
        {"east_midlands", 195995},   {"west_midlands", 236875}, {"east_of_england", 223552},
        {"london", 350597},          {"south_east", 293762}, {"south_west", 235085}};
    double sum = 0;
    for (const auto& row : r->rows) {
        INFO(row.place);
        REQUIRE(expected.count(row.place));
        CHECK(row.rounded.total.amount() == expected.at(row.place));
        CHECK(std::fabs(row.rounded.total.amount() - row.exact.total.amount()) < 2.0);
        sum += row.rounded.total.amount();
    }
    CHECK(sum == 2250000);   // exactly, not approximately
    CHECK(r->total.total.amount() == 2250000);
    CHECK(r->total.by_authorities.amount() == 675000);
    CHECK(r->total.by_population.amount() == 675000);
    // London: 33 councils and 1,950,000 young people: £146,546 + £104,051 on top of its lump sum.
    const auto& london = r->rows[6];
    CHECK(london.name == "London");
    CHECK(london.rounded.by_authorities.amount() == 146546);
    CHECK(london.rounded.by_population.amount() == 104051);
    // The bulletin's own rows for the West Midlands stay 'not reported'; the example reads other periods.
    std::string ignored;
    auto seed_row = figures.get("population_0_19", "west_midlands", std::string("2011/12"), &ignored);
    REQUIRE(seed_row.has_value());
    CHECK(seed_row->value.missing_reason() == "not reported");
    auto seed_lump = figures.get("cib_lump_sum_per_region", "england", std::string("2011/12"), &ignored);
    REQUIRE(seed_lump.has_value());
    CHECK(seed_lump->value.missing_reason() == "not reported");
}

TEST_CASE("a table directive with 'allocation:' shows the inputs, the shares and a total equal to the pot") {
    calc::Figures figures(shipped());
    DirectiveBuilder b(figures);
    Diagnostics d;
    auto block = b.build("table", "caption: Worked example\nallocation: cib\nid: cib-allocation\n", "content/t.md", 5, d);
    REQUIRE_MESSAGE(block.has_value(), first_error(d));
    const auto& t = *block->table;
    CHECK(t.id == "cib-allocation");
    REQUIRE(t.head.size() == 1);
    // No source gives the councils per region (the bulletin gives none): marked as assumed, as the
    // lump sum and the populations are.
    CHECK(row_text(t.head[0]) == std::vector<std::string>{"Region", "Local authorities (illustrative)",
                                                          "Young people aged 0-19 (illustrative)", "Lump sum (illustrative)",
                                                          "By local authorities (50%)",
                                                          "By young people aged 0-19 (50%)", "Allocation"});
    REQUIRE(t.body.size() == 10);
    CHECK(row_text(t.body[0]) == std::vector<std::string>{"North East", "12", "600,000", "£100,000", "£53,289", "£32,016",
                                                          "£185,305"});
    CHECK(row_text(t.body[4]) == std::vector<std::string>{"West Midlands", "14", "1,400,000", "£100,000", "£62,171",
                                                          "£74,704", "£236,875"});
    CHECK(row_text(t.body[9]) == std::vector<std::string>{"Total", "152", "12,650,000", "£900,000", "£675,000", "£675,000",
                                                          "£2,250,000"});
    CHECK(t.body[9][0].header);
    CHECK(t.body[1][6].runs[0].figure_value);
    CHECK(t.caption ==
          "Worked example. Inputs: £2,250,000 shared among 9 regions as a lump sum of £100,000 each, the remaining "
          "£1,350,000 split 50% by number of local authorities and 50% by young people aged 0-19. Illustrative, not "
          "published: the lump sum, number of local authorities and young people aged 0-19. Rounded to the pound so that rows and columns add up.");
    CHECK(t.source_codes == std::vector<std::string>{"cib_bulletin_7", "illustrative"});
    CHECK(plain(t.source).find("counted by region") == std::string::npos);   // the old uncited count
    CHECK(plain(t.source).find("Illustrative figure assumed for the worked allocation example (an assumption and not a published figure)") !=
          std::string::npos);
    CHECK(t.csv.find("london,London,33,1950000,100000,146546,104051,350597,350597.436") != std::string::npos);
    CHECK(t.csv.find("\ntotal,Total,152,12650000,900000,675000,675000,2250000,2250000,\n") != std::string::npos);
}

TEST_CASE("allocation directive errors name the content file, line and column") {
    calc::Figures figures(shipped());
    DirectiveBuilder b(figures);
    Diagnostics unknown;
    CHECK_FALSE(b.build("table", "caption: X\nallocation: cbi\n", "content/t.md", 10, unknown));
    CHECK(first_error(unknown) ==
          "content/t.md:11:13: error: unknown allocation 'cbi' (data/allocations.csv defines: cib)");
    Diagnostics mixed;
    CHECK_FALSE(b.build("table", "caption: X\nallocation: cib\nplaces: london\n", "content/t.md", 20, mixed));
    CHECK(first_error(mixed).find("content/t.md:22:9: error: 'places' cannot be used with 'allocation'") == 0);
    Diagnostics no_caption;
    CHECK_FALSE(b.build("table", "allocation: cib\n", "content/t.md", 30, no_caption));
    CHECK(first_error(no_caption).find("content/t.md:30:13: error: the directive needs 'caption: ...'") == 0);

    // A region whose input is 'not reported': the table cannot be worked out, and says which input.
    AllocData project(small_project(kSmallRule, "not reported"));
    Diagnostics load;
    auto ds = data::load_dataset(project.dir.string(), "data", load);
    REQUIRE_MESSAGE(!load.has_errors(), first_error(load));
    calc::Figures small(ds);
    DirectiveBuilder sb(small);
    Diagnostics missing;
    CHECK_FALSE(sb.build("table", "caption: X\nallocation: three\n", "content/t.md", 40, missing));
    CHECK(first_error(missing) ==
          "content/t.md:41:13: error: allocation 'three' needs its population (people) for Region C, but people for 2010 "
          "is 'not reported' (allocation 'three' is defined at data/allocations.csv:2:1)");
    // No figure at all for that period.
    AllocData gap(small_project(kSmallRule, "\"50,000\""));
    std::string rows = small_project(kSmallRule, "\"50,000\"")["observations.csv"];
    rows.erase(rows.find("c,las,2011,1,count,bulletin\n"), std::string("c,las,2011,1,count,bulletin\n").size());
    std::ofstream(gap.dir / "observations.csv") << rows;
    Diagnostics load2;
    auto ds2 = data::load_dataset(gap.dir.string(), "data", load2);
    REQUIRE_MESSAGE(!load2.has_errors(), first_error(load2));
    calc::Figures small2(ds2);
    DirectiveBuilder sb2(small2);
    Diagnostics absent;
    CHECK_FALSE(sb2.build("table", "caption: X\nallocation: three\n", "content/t.md", 50, absent));
    CHECK(first_error(absent).find("content/t.md:51:13: error: allocation 'three' needs its number of authorities (las) "
                                   "for Region C: ") == 0);
}

TEST_CASE("an allocation with other inputs: weights 40/60, three regions") {
    AllocData project(small_project(kSmallRule, "\"700,000\""));
    Diagnostics load;
    auto ds = data::load_dataset(project.dir.string(), "data", load);
    REQUIRE_MESSAGE(!load.has_errors(), first_error(load));
    calc::Figures figures(ds);
    std::string why;
    auto r = calc::run_allocation(figures, "three", &why);
    REQUIRE_MESSAGE(r.has_value(), why);
    // £700,000 variable: £280,000 by councils (one each: £93,333.33), £420,000 by people (1:2:7).
    CHECK(r->rows[0].rounded.by_authorities.amount() == 93334);
    CHECK(r->rows[1].rounded.by_authorities.amount() == 93333);
    CHECK(r->rows[2].rounded.by_authorities.amount() == 93333);
    CHECK(r->rows[0].rounded.by_population.amount() == 42000);
    CHECK(r->rows[1].rounded.by_population.amount() == 84000);
    CHECK(r->rows[2].rounded.by_population.amount() == 294000);
    CHECK(r->total.total.amount() == 1000000);
    DirectiveBuilder b(figures);
    Diagnostics d;
    auto block = b.build("table", "caption: Three regions\nallocation: three\n", "content/t.md", 1, d);
    REQUIRE(block.has_value());
    CHECK(row_text(block->table->head[0])[4] == "By number of councils (40%)");
    CHECK(row_text(block->table->body.back())[6] == "£1,000,000");
}

TEST_CASE("data/allocations.csv: bad references are errors at their cell") {
    auto errors_for = [](const std::string& allocations) {
        AllocData project(small_project(allocations, "\"700,000\""));
        Diagnostics d;
        data::load_dataset(project.dir.string(), "data", d);
        std::vector<std::string> out;
        for (const auto& i : d.items()) out.push_back(to_string(i));
        return out;
    };
    const std::string head =
        "allocation,pot,lump_sum,weight_authorities,weight_population,recipients,authorities,population\n";
    auto wrong_unit = errors_for(head + "x,w_las@land,lump@land,w_las@land,w_pop@land,a;b,las,people\n");
    REQUIRE(wrong_unit.size() == 1);
    CHECK(wrong_unit[0] == "data/allocations.csv:2:3: error: 'pot' must be a money measure; 'w_las' is in percent");
    auto placed = errors_for(head + "x,pot@land,lump@land,w_las@land,w_pop@land,a;b,las@a,people\n");
    REQUIRE(placed.size() == 1);
    CHECK(placed[0].find("data/allocations.csv:2:") == 0);
    CHECK(placed[0].find("'authorities' is read for each recipient") != std::string::npos);
    auto unplaced = errors_for(head + "x,pot,lump@land,w_las@land,w_pop@land,a;b,las,people\n");
    REQUIRE(unplaced.size() == 1);
    CHECK(unplaced[0] == "data/allocations.csv:2:3: error: 'pot' must name a place: measure@place");
    auto recipients = errors_for(head + "x,pot@land,lump@land,w_las@land,w_pop@land,a;nowhere;a,las,people\n");
    REQUIRE(recipients.size() == 2);
    CHECK(recipients[0].find("unknown place 'nowhere'") != std::string::npos);
    CHECK(recipients[1].find("place 'a' is listed twice") != std::string::npos);
    auto twice = errors_for(head + "x,pot@land,lump@land,w_las@land,w_pop@land,a,las,people\n"
                                   "x,pot@land,lump@land,w_las@land,w_pop@land,b,las,people\n");
    REQUIRE(twice.size() == 1);
    CHECK(twice[0] == "data/allocations.csv:3:1: error: allocation 'x' is defined twice");
}
