// The project's data: places, measures, sources, reported observations, derivation rules and
// milestones, loaded from data/*.csv and checked against their schemas and each other.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/value.h"

namespace ep::data {

// A record's text in other languages, from the columns "<field>_<tag>" of its file (name_cy,
// title_cy): column name -> text, empty cells left out.
using Translations = std::map<std::string, std::string>;

struct Place {
    std::string code, name, kind;
    std::vector<std::string> member_of;
    Location where;
    std::string gss;         // ONS GSS code ("E08000026"), optional: matches the place to its boundary
    Location gss_at;
    Translations translated{};   // name_cy ...
};

struct Measure {
    std::string code, title, short_title, theme;
    Unit unit = Unit::Count;
    Polarity polarity = Polarity::None;
    bool derived = false;    // defined in derived.csv
    std::optional<double> max;   // largest sensible value; percentages default to 100
    std::string per;         // a rate's unit as it follows a number: "per 10,000 children" ("" if not given)
    Location where;
    Translations translated{};   // title_cy, short_title_cy ...
};

struct Source {
    std::string code, title, publisher, date, url;
    Location where;
    Translations translated{};   // title_cy ...
};

struct Observation {
    std::string place, measure, period, source, note;
    std::string reference;   // where in the source it is printed ("section 4.3 table"), optional
    Value value;
    std::string typed;       // the cell as typed, for audit messages
    // Where the value cell is. The file name is shared by all rows: a data set may hold
    // hundreds of thousands of observations.
    std::shared_ptr<const std::string> file;
    int line = 0, column = 0;
    Location where() const { return {file ? *file : std::string(), line, column}; }
};

struct InputRef {
    std::string measure;
    std::optional<std::string> place;   // fixed place, or the place being computed
    std::optional<std::string> period;  // fixed period ("population_0_5:2008"), or the rule's
};

// What the source implies about a derived figure, which the audit tests (derived.csv `expect`):
// Positive, the figure is a part the source says is there (Braintree's social worker time), or
// a gap its other statements need (education above social care), so it must come out above zero.
enum class Expectation { None, Positive };

struct Derivation {
    std::string code, calculation, period, note;
    Expectation expect = Expectation::None;
    std::vector<InputRef> inputs;
    bool all_places = false;
    std::vector<std::string> places;
    Location where;
    Location expect_at;   // the `expect` cell, where the audit reports a figure that breaks it
    // The places it is computed for (its `places`, or every place with `*`); for other places
    // the code may still be reported, as data/observations.csv states it.
    bool covers(const std::string& place) const;
};

struct Milestone {
    std::string theme, date, text, source;
    Location where;
};

// One line of a scenario model (data/scenarios.csv): in `scenario`, `share` of the cohort ends
// up in `outcome`, which costs `unit_cost` a person a year. Assumptions, not reported facts.
struct ScenarioLine {
    std::string model, scenario, outcome, source, note;
    InputRef cohort;          // the cohort measure (e.g. neet_baseline_count@csw)
    Value share;              // percent, may be missing ("not reported")
    Value unit_cost;          // money, may be missing
    Location where;
};

// One allocation by formula (data/allocations.csv): `pot` is shared among `recipients` as a
// flat `lump_sum` each plus a variable sum, split `weight_authorities` by their numbers of
// authorities and `weight_population` by their populations. It names figures; it holds none.
struct AllocationRule {
    std::string name, note;
    InputRef pot, lump_sum, weight_authorities, weight_population;   // measure@place[:period]
    std::vector<std::string> recipients;                             // place codes, in order
    InputRef authorities, population;   // measure[:period], read for each recipient
    Location where;                     // the row (its `allocation` cell)
};

// An improvement or action plan (data/plans.csv): its title and the headings (a framework's
// key lines of enquiry, Every Child Matters outcomes, ...) its actions are grouped under.
struct Plan {
    std::string code, title, source, reference;
    std::vector<std::string> groups;     // in the plan's order
    std::string progress_from, progress_to;   // YYYY-MM: the period its progress reports cover (optional)
    Location where;
};

// One action of a plan (data/action_plans.csv), with the plan's record of it. `status` is
// red (no progress recorded), amber (progress recorded, still in progress), green (on track,
// as judged by the source) or complete; see docs/data-format.md for the rule.
struct PlanAction {
    std::string plan, group, action, progress, next, lead, due, status, source, reference;
    Location where;
};

// A file of boundaries (data/boundaries/boundaries.csv): a TopoJSON or GeoJSON file under
// data/boundaries/, the feature properties holding each area's GSS code and name, the source
// (sources.csv) and the attribution its licence asks to be printed with every map drawn from it.
struct BoundaryLayer {
    std::string file, code_property, name_property, source, attribution;
    Location where;          // the `file` cell
};

// An area drawn as the union of others (data/boundaries/areas.csv): a county is its districts.
struct CombinedArea {
    std::string code, name;
    std::vector<std::string> parts;   // GSS codes
    Location where;
};

// The statuses an action may have, in the order tables and counts list them.
const std::vector<std::string>& plan_statuses();

struct Dataset {
    std::vector<Place> places;
    std::vector<Measure> measures;        // reported and derived
    std::vector<Source> sources;
    std::vector<Observation> observations;
    std::vector<Derivation> derivations;
    std::vector<Milestone> milestones;
    std::vector<ScenarioLine> scenario_lines;
    std::vector<AllocationRule> allocation_rules;   // data/allocations.csv, optional
    std::vector<Plan> plans;                // data/plans.csv (optional)
    std::vector<PlanAction> plan_actions;   // data/action_plans.csv (optional), in file order
    std::vector<BoundaryLayer> boundary_layers;     // data/boundaries/boundaries.csv (optional)
    std::vector<CombinedArea> combined_areas;       // data/boundaries/areas.csv (optional)
    std::map<std::string, std::string> raw_files;   // file name -> contents, for downloads

    const Place* place(const std::string& code) const;
    const Measure* measure(const std::string& code) const;
    const Source* source(const std::string& code) const;
    const Derivation* derivation(const std::string& code) const;
    const Plan* plan(const std::string& code) const;
    const AllocationRule* allocation_rule(const std::string& name) const;   // nullptr if none
    const BoundaryLayer* boundary_layer(const std::string& file) const;      // nullptr if not listed
    const CombinedArea* combined_area(const std::string& gss) const;         // nullptr if none
    // Reported observations of (place, measure), any period, any source, in file order.
    std::vector<const Observation*> reported(const std::string& place, const std::string& measure) const;
    // Places that belong to `group` (directly), in file order.
    std::vector<const Place*> members(const std::string& group) const;

    // Indexes, built by load_dataset.
    std::map<std::string, size_t> place_index, measure_index, source_index, derivation_index, plan_index;
    std::map<std::pair<std::string, std::string>, std::vector<size_t>> observation_index;
};

// Loads every file under `data_dir`. `display_dir` prefixes file names in messages ("data").
// Problems are collected in `diags`; the returned dataset is only usable when there are none.
Dataset load_dataset(const std::string& data_dir, const std::string& display_dir, Diagnostics& diags);

// The data set with the names and titles in language `tag` (a document's second language):
// each place's name_<tag>, each measure's title_<tag> (and short_title_<tag>, else that title),
// each source's title_<tag>. A missing one is an error at its row, naming the column to add.
Dataset translated_dataset(const Dataset& ds, const std::string& tag, const std::string& language_name, Diagnostics& diags);

}  // namespace ep::data
