// Action plans: data/plans.csv and data/action_plans.csv (loader and its errors), the ```plan
// directive (groups, columns, status text), and how both writers show it (status badges with
// words; in the PDF, a tall row split between lines across pages under a repeated header).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "calc/figures.h"
#include "core/diagnostics.h"
#include "data/dataset.h"
#include "html/html_writer.h"
#include "model/document.h"
#include "narrative/directives.h"
#include "pdf/layout.h"
#include "pdf/pdf_writer.h"
#include "pdf/style.h"
#include "shipped_data.h"

using namespace ep;
namespace fs = std::filesystem;

namespace {

// A data folder written for one test and removed after it.
struct PlanData {
    fs::path dir;
    explicit PlanData(std::map<std::string, std::string> files) {
        dir = fs::temp_directory_path() /
              ("ep-plans-" + std::to_string(::getpid()) + "-" + std::to_string(reinterpret_cast<uintptr_t>(this)));
        fs::create_directories(dir);
        files.emplace("places.csv", "code,name,kind,member_of\nwarks,Warwickshire,authority,\n");
        files.emplace("sources.csv", "code,title\nplan_2008,Improvement plan 2008\n");
        files.emplace("measures.csv", "code,title,unit,polarity\npop,Population,count,none\n");
        files.emplace("observations.csv", "place,measure,period,value,unit,source\nwarks,pop,2008,\"1,000\",count,plan_2008\n");
        for (const auto& [name, text] : files) std::ofstream(dir / name) << text;
    }
    ~PlanData() { fs::remove_all(dir); }
};

const std::string kPlans =
    "code,title,groups,source,progress_from,progress_to\n"
    "cpa,CPA plan,Ambition;Capacity;Achievement,plan_2008,2007-10,2008-03\n"
    "ecm,ECM plan,Be Healthy;Stay Safe,plan_2008,,\n";

std::vector<std::string> messages(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& i : d.items()) out.push_back(to_string(i));
    return out;
}

// All messages, one a line, for INFO when a comparison fails.
std::string listed(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += "\n  " + l;
    return s;
}

std::string plain(const model::Runs& runs) {
    std::string s;
    for (const auto& r : runs) s += r.text;
    return s;
}

std::string first_error(const Diagnostics& d) {
    for (const auto& i : d.items())
        if (!i.is_warning) return to_string(i);
    return "";
}

// A tidy plan: two headings of `cpa` out of plan order in the file, every status, and dates.
const std::string kActions =
    "plan,group,action,progress,next,lead,due,status,source,reference\n"
    "cpa,Capacity,Train Members,Sessions held,More sessions,Head of HR,2008-04-09,amber,plan_2008,row 3\n"
    "cpa,Ambition,Tell staff about decisions,,Use the intranet,,,red,plan_2008,row 1\n"
    "cpa,Ambition,Write a vision,Vision agreed and published,,,2008-03,complete,plan_2008,row 2\n"
    "cpa,Capacity,Review governance,Review on track,,Board,,green,plan_2008,row 4\n"
    "ecm,Be Healthy,Review therapy,Baseline under way,,PCT,2008-04,amber,plan_2008,row 5\n";

}  // namespace

TEST_CASE("plans: the loader reads plans and actions, one line per cell") {
    PlanData t({{"plans.csv", kPlans},
                {"action_plans.csv", "plan,group,action,progress,next,lead,due,status,source\n"
                                     "cpa,Ambition,\"Tell staff\n  about   decisions\",,,,2008-02-29,red,plan_2008\n"}});
    Diagnostics d;
    auto ds = data::load_dataset(t.dir.string(), "data", d);
    for (const auto& m : messages(d)) MESSAGE(m);
    REQUIRE_FALSE(d.has_errors());
    REQUIRE(ds.plans.size() == 2);
    CHECK(ds.plan("cpa")->groups == std::vector<std::string>{"Ambition", "Capacity", "Achievement"});
    CHECK(ds.plan("cpa")->progress_from == "2007-10");
    REQUIRE(ds.plan_actions.size() == 1);
    CHECK(ds.plan_actions[0].action == "Tell staff about decisions");   // a leap day is a date
    CHECK(ds.raw_files.count("action_plans.csv") == 1);                 // offered as a download
}

TEST_CASE("plans: bad rows are each reported at their file, line and column") {
    PlanData t({{"plans.csv", kPlans},
                {"action_plans.csv",
                 "plan,group,action,progress,next,lead,due,status,source\n"
                 "cap,Ambition,Do a thing,,,,,red,plan_2008\n"                       // 2 unknown plan
                 "cpa,Be Healthy,Do a thing,,,,,red,plan_2008\n"                     // 3 heading of another plan
                 "cpa,Ambition,Do a thing,,,,,purple,plan_2008\n"                    // 4 unknown status
                 "cpa,Ambition,Do a thing,,,,April 2008,red,plan_2008\n"             // 5 not a date
                 "cpa,Ambition,Do a thing,,,,2008-13,red,plan_2008\n"                // 6 no month 13
                 "cpa,Ambition,Do a thing,,,,2007-02-29,red,plan_2008\n"             // 7 not a leap year
                 "cpa,Ambition,Do a thing,,,,,red,plan_2007\n"                       // 8 unknown source
                 "cpa,Ambition,Do a thing,Started,,,,red,plan_2008\n"                // 9 red with progress
                 "cpa,Ambition,Do a thing,,,,,amber,plan_2008\n"                     // 10 amber without progress
                 "cpa,Ambition,Do a thing,Done,Then more,,,complete,plan_2008\n"     // 11 complete with more to do
                 "cpa,Ambition,,,,,,red,plan_2008\n"                                 // 12 no action
                 "cpa,Ambition,Do a thing,,,,,red,plan_2008\n"                       // 13 fine
                 "cpa,Ambition,Do a thing,,,,,red,plan_2008\n"}});                   // 14 the same again
    Diagnostics d;
    data::load_dataset(t.dir.string(), "data", d);
    const std::vector<std::string> expected = {
        "data/action_plans.csv:2:1: error: unknown plan 'cap' (not in plans.csv: cpa, ecm)",
        "data/action_plans.csv:3:5: error: 'Be Healthy' is not a heading of plan 'cpa' (its headings: Ambition; Capacity; "
        "Achievement)",
        "data/action_plans.csv:4:29: error: unknown status 'purple' (use red, amber, green, complete)",
        "data/action_plans.csv:5:28: error: 'April 2008' is not a date (use YYYY-MM or YYYY-MM-DD, or leave it empty)",
        "data/action_plans.csv:6:28: error: '2008-13' is not a date (use YYYY-MM or YYYY-MM-DD, or leave it empty)",
        "data/action_plans.csv:7:28: error: '2007-02-29' is not a date (use YYYY-MM or YYYY-MM-DD, or leave it empty)",
        "data/action_plans.csv:8:33: error: unknown source 'plan_2007' (not in sources.csv)",
        "data/action_plans.csv:9:36: error: status 'red' means no progress is recorded, but the row records progress (use "
        "amber, or complete if the action is done)",
        "data/action_plans.csv:10:29: error: status 'amber' needs the progress the source records, but 'progress' is empty "
        "(use red: no progress recorded)",
        "data/action_plans.csv:11:42: error: status 'complete' means nothing is left to do, but 'next' lists further "
        "actions (use amber)",
        "data/action_plans.csv:12:14: error: the action is empty",
        "data/action_plans.csv:14:14: error: the same action is already listed under 'Ambition' at line 13",
    };
    INFO("got:" << listed(messages(d)));
    CHECK(messages(d) == expected);
}

TEST_CASE("plans: plans.csv is checked, and required once there are actions") {
    PlanData bad(std::map<std::string, std::string>{{"plans.csv", "code,title,groups,source,progress_from,progress_to\n"
                                "cpa,CPA plan,Ambition;Ambition,plan_2008,2007-13,2007-09\n"
                                "ecm,ECM plan,Be Healthy,plan_2008,2008-03,2007-11\n"
                                "Bad Code,,,nowhere,,\n"}});
    Diagnostics d;
    data::load_dataset(bad.dir.string(), "data", d);
    const std::vector<std::string> expected = {
        "data/plans.csv:2:14: error: the heading 'Ambition' is listed twice",
        "data/plans.csv:2:42: error: '2007-13' is not a month (use YYYY-MM)",
        "data/plans.csv:3:43: error: the progress period ends (2007-11) before it starts (2008-03)",
        "data/plans.csv:4:1: error: 'Bad Code' is not a valid code (use lower-case letters, digits and _)",
        "data/plans.csv:4:10: error: the plan has no title",
        "data/plans.csv:4:11: error: the plan needs the headings its actions are grouped under, separated by ';'",
        "data/plans.csv:4:12: error: unknown source 'nowhere' (not in sources.csv)",
    };
    INFO("got:" << listed(messages(d)));
    CHECK(messages(d) == expected);

    PlanData orphan(std::map<std::string, std::string>{{"action_plans.csv", "plan,group,action,status,source\ncpa,Ambition,Do it,red,plan_2008\n"}});
    Diagnostics d2;
    data::load_dataset(orphan.dir.string(), "data", d2);
    CHECK(first_error(d2) ==
          "data/action_plans.csv:1:1: error: the plans these actions belong to are defined in data/plans.csv, which is missing");
}

TEST_CASE("plans: the shipped 2008 plans follow the status rule and cover both plans") {
    const auto& ds = shipped();
    std::map<std::string, std::map<std::string, int>> by_plan;   // plan -> status -> actions
    std::map<std::string, std::set<std::string>> groups;
    for (const auto& a : ds.plan_actions) {
        ++by_plan[a.plan][a.status];
        groups[a.plan].insert(a.group);
        // The rule (docs/data-format.md), which the loader also enforces.
        CHECK((a.status == "red") == a.progress.empty());
        if (a.status == "complete") CHECK(a.next.empty());
        CHECK(a.source == "wcc_jar_improvement_plan_2008");
        CHECK_FALSE(a.reference.empty());
    }
    int total = 0;
    for (const auto& [plan, statuses] : by_plan)
        for (const auto& [status, n] : statuses) total += n;
    CHECK(total >= 15);
    CHECK(by_plan["cpa_jar_2008"]["red"] > 0);
    CHECK(by_plan["cpa_jar_2008"]["amber"] > 0);
    CHECK(by_plan["pre_jar_2008"]["complete"] > 0);
    CHECK(by_plan["cpa_jar_2008"]["green"] == 0);   // the plan never judges an action on track
    CHECK(groups["cpa_jar_2008"].size() == 5);       // every key line of enquiry
    CHECK(groups["pre_jar_2008"].count("Positive Contribution") == 0);   // the plan lists none there
    CHECK(groups["pre_jar_2008"].size() == 5);
}

TEST_CASE("plans: the shipped plans hold every action of seed 003's Appendix B, under its heading") {
    // Rows per heading in the seed's two tables. The Integrated Disability Service framework is
    // one action with four numbered parts, the second in two points: a row each (5 rows).
    const std::map<std::pair<std::string, std::string>, int> seed = {
        {{"cpa_jar_2008", "Ambition"}, 7},          {{"cpa_jar_2008", "Prioritisation"}, 11},
        {{"cpa_jar_2008", "Capacity"}, 11},         {{"cpa_jar_2008", "Performance Management"}, 7},
        {{"cpa_jar_2008", "Achievement"}, 5},       {{"pre_jar_2008", "Be Healthy"}, 4},
        {{"pre_jar_2008", "Stay Safe"}, 1},         {{"pre_jar_2008", "Enjoy and Achieve"}, 2},
        {{"pre_jar_2008", "Economic Well Being"}, 2}, {{"pre_jar_2008", "Service Improvement"}, 2}};
    std::map<std::pair<std::string, std::string>, int> shipped_rows;
    std::set<std::string> references;
    for (const auto& a : shipped().plan_actions) {
        ++shipped_rows[{a.plan, a.group}];
        references.insert(a.reference);
    }
    CHECK(shipped_rows == seed);
    // The eight actions the plan tables once left out, none with progress recorded.
    for (const char* ref : {"CPA/JAR plan, Prioritisation, 2nd action", "CPA/JAR plan, Prioritisation, 4th action",
                            "CPA/JAR plan, Capacity, 4th action", "CPA/JAR plan, Capacity, 5th action",
                            "CPA/JAR plan, Capacity, 6th action", "CPA/JAR plan, Achievement, 3rd action",
                            "CPA/JAR plan, Achievement, 4th action"})
        CHECK_MESSAGE(references.count(ref) == 1, ref);
    CHECK(std::any_of(references.begin(), references.end(), [](const std::string& r) {
        return r.rfind("CPA/JAR plan, Prioritisation, Sustainable Capital Infrastructure", 0) == 0;
    }));
}

TEST_CASE("plan directive: rows under their headings, in the plan's order, with six columns") {
    PlanData t({{"plans.csv", kPlans}, {"action_plans.csv", kActions}});
    Diagnostics d;
    auto ds = data::load_dataset(t.dir.string(), "data", d);
    REQUIRE_FALSE(d.has_errors());
    calc::Figures figures(ds);
    narrative::DirectiveBuilder b(figures);
    auto block = b.build("plan", "caption: The CPA plan\nplan: cpa\n", "content/r/plan.md", 7, d);
    for (const auto& m : messages(d)) MESSAGE(m);
    REQUIRE(block.has_value());
    const model::Table& table = *block->table;
    CHECK(table.kind == "plan");
    CHECK(table.number == 1);
    CHECK(table.id == "table-the-cpa-plan");
    REQUIRE(table.head.size() == 1);
    std::vector<std::string> head;
    for (const auto& c : table.head[0]) head.push_back(plain(c.runs));
    CHECK(head == std::vector<std::string>{"Actions underway", "Progress to date (October 2007 to March 2008)",
                                           "Actions to progress", "Lead", "Due", "Status"});
    // The plan's order of headings (Ambition before Capacity), file order within a heading;
    // Achievement has no actions and is left out.
    REQUIRE(table.body.size() == 4);
    CHECK(table.group_of_row == std::vector<std::string>{"Ambition", "Ambition", "Capacity", "Capacity"});
    CHECK(plain(table.body[0][0].runs) == "Tell staff about decisions");
    CHECK(table.body[0][0].header);   // the action heads its row
    CHECK(plain(table.body[2][0].runs) == "Train Members");
    // What the plan does not say is said so, quietly.
    CHECK(plain(table.body[0][1].runs) == "None recorded");
    CHECK(table.body[0][1].missing);
    CHECK(plain(table.body[1][2].runs) == "None listed");
    CHECK(plain(table.body[0][3].runs) == "Not stated");
    CHECK(table.body[0][3].missing);
    CHECK(plain(table.body[0][4].runs) == "Not stated");
    CHECK(plain(table.body[1][4].runs) == "March 2008");
    CHECK(plain(table.body[2][4].runs) == "9 April 2008");
    CHECK(plain(table.body[2][3].runs) == "Head of HR");
    CHECK_FALSE(table.body[2][3].missing);
    // The status is in words and in the cell's status field, for the writers' colour.
    std::vector<std::pair<std::string, std::string>> statuses;
    for (const auto& row : table.body) statuses.push_back({row[5].status, plain(row[5].runs)});
    CHECK(statuses == std::vector<std::pair<std::string, std::string>>{{"red", "Red: no progress recorded"},
                                                                         {"complete", "Complete"},
                                                                         {"amber", "Amber: in progress"},
                                                                         {"green", "Green: on track"}});
    for (const auto& row : table.body)
        for (size_t c = 0; c + 1 < row.size(); ++c) CHECK(row[c].status.empty());
    CHECK(plain(table.source) == "Source: Improvement plan 2008.");
    CHECK(table.source_codes == std::vector<std::string>{"plan_2008"});
    CHECK(table.csv.rfind("plan,group,action,progress,next,lead,due,status,source,reference\n", 0) == 0);
    CHECK(table.csv.find("cpa,Capacity,Train Members,Sessions held,More sessions,Head of HR,2008-04-09,amber,plan_2008,row 3\n") !=
          std::string::npos);

    // `groups` picks headings and their order.
    auto some = b.build("plan", "caption: Capacity first\nplan: cpa\ngroups: Capacity; Ambition\n", "content/r/plan.md", 20, d);
    REQUIRE(some.has_value());
    CHECK(some->table->number == 2);
    CHECK(some->table->group_of_row == std::vector<std::string>{"Capacity", "Capacity", "Ambition", "Ambition"});
    auto one = b.build("plan", "caption: ECM\nplan: ecm\n", "content/r/plan.md", 30, d);
    REQUIRE(one.has_value());
    CHECK(plain(one->table->head[0][1].runs) == "Progress to date");   // no period given for this plan
    CHECK(plain(one->table->body[0][4].runs) == "April 2008");
}

TEST_CASE("plan directive: bad input is reported at its file, line and column") {
    PlanData t({{"plans.csv", kPlans}, {"action_plans.csv", kActions}});
    Diagnostics d;
    auto ds = data::load_dataset(t.dir.string(), "data", d);
    REQUIRE_FALSE(d.has_errors());
    calc::Figures figures(ds);
    narrative::DirectiveBuilder b(figures);
    auto error_of = [&](const std::string& body) {
        Diagnostics e;
        CHECK_FALSE(b.build("plan", body, "content/r/plan.md", 10, e).has_value());
        return first_error(e);
    };
    CHECK(error_of("caption: X\nplan: cpb\n") ==
          "content/r/plan.md:11:7: error: unknown plan 'cpb' (data/plans.csv has: cpa, ecm)");
    CHECK(error_of("caption: X\nplan: cpa\ngroups: Ambition;  Be Healthy\n") ==
          "content/r/plan.md:12:20: error: 'Be Healthy' is not a heading of plan 'cpa' (its headings: Ambition; Capacity; "
          "Achievement)");
    CHECK(error_of("caption: X\nplan: cpa\ngroups: Capacity; Capacity\n") ==
          "content/r/plan.md:12:19: error: the heading 'Capacity' is listed twice");
    CHECK(error_of("caption: X\nplan: cpa\ngroups: Achievement\n") ==
          "content/r/plan.md:12:9: error: plan 'cpa' has no actions under the headings listed in data/action_plans.csv");
    CHECK(error_of("caption: X\nplan: cpa\ncolour: red\n") ==
          "content/r/plan.md:12:1: error: unknown key 'colour' in the plan directive (expected: caption, groups, id, plan)");
    CHECK(error_of("caption: X\n") == "content/r/plan.md:10:10: error: the directive needs 'plan: ...'");
    CHECK(error_of("plan: cpa\n") == "content/r/plan.md:10:7: error: the directive needs 'caption: ...'");
}

TEST_CASE("plan directive: a plan is a table for numbering and cross-references") {
    std::map<std::string, narrative::Reference> refs;
    int tables = 0, figures = 0;
    Diagnostics d;
    narrative::collect_references("```table\ncaption: A\nmeasures: x\nplaces: y\n```\n\n```plan\ncaption: The plan\nplan: "
                                  "cpa\n```\n",
                                  "content/r/t.md", tables, figures, refs, d);
    CHECK(tables == 2);
    CHECK(figures == 0);
    REQUIRE(refs.count("table-the-plan"));
    CHECK(refs["table-the-plan"].label == "Table 2");
}

namespace {

// A document whose one section fills most of a page and then holds `table`.
model::Document plan_document(const model::Table& table, int filler_paragraphs) {
    model::Document doc;
    doc.meta.title = "Improvement plan";
    doc.meta.date = "2008-04-23";
    model::Section s;
    s.slug = "plan";
    s.title = "The plan";
    s.short_title = "The plan";
    model::Block h;
    h.kind = model::BlockKind::Heading;
    h.level = 1;
    h.anchor = "plan";
    h.runs = {model::text_run("The plan")};
    s.blocks.push_back(h);
    for (int i = 0; i < filler_paragraphs; ++i) {
        model::Block p;
        p.kind = model::BlockKind::Paragraph;
        p.runs = {model::text_run("Filler paragraph " + std::to_string(i + 1) +
                                  ": the committee asked for the plan in full, with every action, its progress and what "
                                  "is still to be done, so that members can see how far the council has got.")};
        s.blocks.push_back(p);
    }
    model::Block tb;
    tb.kind = model::BlockKind::Table;
    tb.table = table;
    s.blocks.push_back(tb);
    doc.sections = {s};
    return doc;
}

// A plan table built by the directive from actions whose second row is long.
model::Table long_plan_table(const std::string& long_progress) {
    PlanData t({{"plans.csv", kPlans},
                {"action_plans.csv", "plan,group,action,progress,next,lead,due,status,source\n"
                                     "cpa,Ambition,Short action,Begun,,,,amber,plan_2008\n"
                                     "cpa,Ambition,Long action,\"" + long_progress + "\",Keep going,Board,2008-04,amber,plan_2008\n"
                                     "cpa,Capacity,Last action,,,,,red,plan_2008\n"}});
    Diagnostics d;
    auto ds = data::load_dataset(t.dir.string(), "data", d);
    REQUIRE_FALSE(d.has_errors());
    calc::Figures figures(ds);
    narrative::DirectiveBuilder b(figures);
    auto block = b.build("plan", "caption: The plan\nplan: cpa\n", "content/r/plan.md", 3, d);
    REQUIRE(block.has_value());
    return *block->table;
}

std::string long_text(int sentences) {
    std::string s = "FIRSTWORDS of the long progress note.";
    for (int i = 1; i <= sentences; ++i)
        s += " Sentence " + std::to_string(i) + " says what happened next in the partnership's work.";
    return s + " LASTWORDS end it.";
}

pdf::PdfOptions pdf_options() {
    pdf::PdfOptions o;
    o.design.cover = pdf::PdfDesign::Cover::None;
    o.design.contents = false;
    return o;
}

struct Placed {
    int page;
    const pdf::Box* box;
};

// Boxes whose element is one of the cells of row `tr` (a TR element).
std::vector<Placed> row_boxes(const pdf::Layout& l, int tr) {
    std::set<int> cells;
    for (const auto& k : l.structure[static_cast<size_t>(tr)].kids)
        if (k.node >= 0) cells.insert(k.node);
    std::vector<Placed> out;
    for (size_t p = 0; p < l.pages.size(); ++p)
        for (const auto& b : l.pages[p].boxes)
            if (cells.count(b.node)) out.push_back({static_cast<int>(p), &b});
    return out;
}

std::string box_text(const pdf::Box& b) {
    std::string s;
    for (const auto& t : b.text) s += t.text + " ";
    return s;
}

// The TR elements of the first Table, in order.
std::vector<int> table_rows(const pdf::Layout& l) {
    std::vector<int> rows;
    for (const auto& n : l.structure)
        if (n.type == "Table") {
            for (const auto& k : n.kids)
                if (k.node >= 0 && l.structure[static_cast<size_t>(k.node)].type == "TR") rows.push_back(k.node);
            break;
        }
    return rows;
}

}  // namespace

TEST_CASE("plan in the PDF: a row taller than the room left splits between lines, header repeated") {
    // About forty lines: shorter than a page, taller than the room left under the filler.
    const model::Table table = long_plan_table(long_text(10));
    // Enough filler that the table starts in the lower half of the first page.
    const pdf::Layout l = pdf::lay_out_document(plan_document(table, 9), pdf_options());
    const auto rows = table_rows(l);
    REQUIRE(rows.size() == 1 + 2 + 3);   // header, two group headings, three actions
    // rows: head, group Ambition, Short, Long, group Capacity, Last
    const auto parts = row_boxes(l, rows[3]);
    std::set<int> pages;
    std::string first_page_text, next_page_text;
    int first_page = 1 << 20;
    for (const auto& p : parts) first_page = std::min(first_page, p.page);
    for (const auto& p : parts) {
        pages.insert(p.page);
        (p.page == first_page ? first_page_text : next_page_text) += box_text(*p.box);
    }
    REQUIRE(pages.size() == 2);
    CHECK(*pages.rbegin() == first_page + 1);
    // The row did not move whole to the next page: it starts where the filler ends.
    bool filler_on_first = false;
    for (const auto& b : l.pages[static_cast<size_t>(first_page)].boxes)
        filler_on_first = filler_on_first || box_text(b).find("Filler paragraph 9") != std::string::npos;
    CHECK(filler_on_first);
    CHECK(first_page_text.find("FIRSTWORDS") != std::string::npos);
    CHECK(first_page_text.find("LASTWORDS") == std::string::npos);
    CHECK(next_page_text.find("LASTWORDS") != std::string::npos);
    CHECK(first_page_text.find("Amber: in progress") != std::string::npos);   // the status goes with the start
    // Each part holds at least the minimum number of lines of the long cell; together they
    // would fit on one page, so the split is not the forced one of a row taller than a page.
    size_t all_lines = 0;
    for (int page : pages) {
        size_t lines = 0;
        for (const auto& p : parts)
            if (p.page == page) {
                std::set<float> baselines;
                for (const auto& t : p.box->text) baselines.insert(t.baseline);
                lines = std::max(lines, baselines.size());
            }
        CHECK(lines >= static_cast<size_t>(pdf::style::table_split_min_lines));
        all_lines += lines;
    }
    CHECK(static_cast<float>(all_lines) * pdf::style::table_leading < 0.9f * (pdf::style::text_top - pdf::style::text_bottom));
    // The next page repeats the caption and the header row, as artifacts, above the rest of the row.
    const auto& next = l.pages[static_cast<size_t>(first_page + 1)].boxes;
    float header_bottom = -1, rest_top = -1;
    bool continued = false;
    for (const auto& b : next) {
        if (b.role == pdf::Role::TableHeaderCell && b.node < 0 && box_text(b).find("Actions underway") != std::string::npos)
            header_bottom = b.rect.y;
        if (b.role == pdf::Role::TableCaption && b.node < 0) continued = box_text(b).find("(continued)") != std::string::npos;
    }
    for (const auto& p : parts)
        if (p.page == first_page + 1) rest_top = std::max(rest_top, p.box->rect.top());
    CHECK(continued);
    REQUIRE(header_bottom > 0);
    CHECK(rest_top <= header_bottom + 0.01f);
    // Every box stays inside the text area.
    for (const auto& page : l.pages)
        for (const auto& b : page.boxes)
            if (b.role != pdf::Role::Header && b.role != pdf::Role::Footer) {
                CHECK(b.rect.y >= pdf::style::text_bottom - 0.5f);
                CHECK(b.rect.top() <= pdf::style::text_top + 0.5f);
            }
}

TEST_CASE("plan in the PDF: short rows never split, and a status is a coloured badge with words") {
    const model::Table table = long_plan_table("Three lines of progress at most, which is too short to split at a page foot.");
    for (int filler = 6; filler <= 14; ++filler) {
        const pdf::Layout l = pdf::lay_out_document(plan_document(table, filler), pdf_options());
        const auto rows = table_rows(l);
        REQUIRE(rows.size() == 6);
        for (size_t r = 1; r < rows.size(); ++r) {
            std::set<int> pages;
            for (const auto& p : row_boxes(l, rows[r])) pages.insert(p.page);
            CHECK(pages.size() == 1);
        }
    }
    const pdf::Layout l = pdf::lay_out_document(plan_document(table, 2), pdf_options());
    int badges = 0;
    for (const auto& page : l.pages)
        for (const auto& b : page.boxes) {
            const std::string text = box_text(b);
            if (text.find("Amber:") == std::string::npos && text.find("Red:") == std::string::npos) continue;
            ++badges;
            REQUIRE(b.fills.size() == 1);
            const bool amber = text.find("Amber:") != std::string::npos;
            CHECK(b.fills[0].color == (amber ? pdf::style::status_amber_fill : pdf::style::status_red_fill));
            CHECK(b.text.front().color == (amber ? pdf::style::status_amber_text : pdf::style::status_red_text));
            // The fill sits inside the cell.
            CHECK(b.fills[0].rect.x >= b.rect.x);
            CHECK(b.fills[0].rect.right() <= b.rect.right() + 0.01f);
            CHECK(b.fills[0].rect.y >= b.rect.y);
            CHECK(b.fills[0].rect.top() <= b.rect.top() + 0.01f);
        }
    CHECK(badges == 3);
}

TEST_CASE("plan in the site: the status cell says its status and carries its colour class") {
    const model::Table table = long_plan_table("Progress made.");
    model::Document doc = plan_document(table, 1);
    doc.meta.area = "Warwickshire";
    const fs::path out = fs::temp_directory_path() / ("ep-plans-site-" + std::to_string(::getpid()));
    fs::remove_all(out);
    fs::create_directories(out);
    html::HtmlOptions o;
    o.templates_dir = EP_SOURCE_DIR "/templates";
    o.assets_dir = EP_SOURCE_DIR "/assets";
    o.pdf_file = "plan.pdf";
    html::write_site(doc, o, out.string());
    std::ifstream in(out / "plan.html");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string page = ss.str();
    fs::remove_all(out);
    CHECK(page.find("<table class=\"ep-table ep-plan-table\" id=\"table-the-plan\">") != std::string::npos);
    CHECK(page.find("<td class=\"ep-status-cell\"><span class=\"ep-status ep-status--amber\">Amber: in progress</span></td>") !=
          std::string::npos);
    CHECK(page.find("<td class=\"ep-status-cell\"><span class=\"ep-status ep-status--red\">Red: no progress recorded</span></td>") !=
          std::string::npos);
    CHECK(page.find("<th colspan=\"6\" scope=\"rowgroup\">Capacity</th>") != std::string::npos);
    CHECK(page.find("<td class=\"ep-missing\">Not stated</td>") != std::string::npos);
    CHECK(page.find("<th scope=\"row\">Long action</th>") != std::string::npos);
    // Inside the focusable scrolling region, so it stays usable on a phone.
    CHECK(page.find("role=\"region\" aria-label=\"Table 1: The plan\" tabindex=\"0\"") != std::string::npos);
}
