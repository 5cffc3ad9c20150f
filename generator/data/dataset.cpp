#include "data/dataset.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <tuple>

#include "core/format.h"
#include "core/text.h"
#include "data/csv_reader.h"

namespace ep::data {

namespace fs = std::filesystem;

const Place* Dataset::place(const std::string& code) const {
    auto it = place_index.find(code);
    return it == place_index.end() ? nullptr : &places[it->second];
}
const Measure* Dataset::measure(const std::string& code) const {
    auto it = measure_index.find(code);
    return it == measure_index.end() ? nullptr : &measures[it->second];
}
const Source* Dataset::source(const std::string& code) const {
    auto it = source_index.find(code);
    return it == source_index.end() ? nullptr : &sources[it->second];
}
const Derivation* Dataset::derivation(const std::string& code) const {
    auto it = derivation_index.find(code);
    return it == derivation_index.end() ? nullptr : &derivations[it->second];
}
std::vector<const Observation*> Dataset::reported(const std::string& p, const std::string& m) const {
    std::vector<const Observation*> out;
    auto it = observation_index.find({p, m});
    if (it != observation_index.end())
        for (size_t i : it->second) out.push_back(&observations[i]);
    return out;
}
std::vector<const Place*> Dataset::members(const std::string& group) const {
    std::vector<const Place*> out;
    for (const auto& p : places)
        for (const auto& g : p.member_of)
            if (g == group) out.push_back(&p);
    return out;
}

namespace {

struct Schema {
    std::vector<std::string> required;
    std::vector<std::string> optional;
};

// A row seen through its table's header: fields by column name.
class Row {
public:
    Row(const CsvTable& t, const CsvRow& r, const std::map<std::string, size_t>& cols)
        : table_(t), row_(r), cols_(cols) {}
    std::string get(const std::string& col) const {
        auto it = cols_.find(col);
        return it == cols_.end() ? std::string() : trim(row_.fields[it->second].text);
    }
    Location at(const std::string& col) const {
        auto it = cols_.find(col);
        if (it == cols_.end()) return {table_.file, row_.line, 1};
        return table_.at(row_.fields[it->second]);
    }
    Location start() const { return {table_.file, row_.line, 1}; }
private:
    const CsvTable& table_;
    const CsvRow& row_;
    const std::map<std::string, size_t>& cols_;
};

// Checks the header against the schema; returns column name -> index.
std::map<std::string, size_t> check_header(const CsvTable& t, const Schema& s, Diagnostics& d) {
    std::map<std::string, size_t> cols;
    for (size_t i = 0; i < t.header.size(); ++i) {
        const std::string& name = t.header[i];
        bool known = false;
        for (const auto& c : s.required) known = known || c == name;
        for (const auto& c : s.optional) known = known || c == name;
        if (!known) {
            std::string expected;
            for (const auto& c : s.required) expected += (expected.empty() ? "" : ", ") + c;
            for (const auto& c : s.optional) expected += ", " + c;
            d.error(t.at(t.header_fields[i]), "unknown column '" + name + "' (expected: " + expected + ")");
        } else if (cols.count(name)) {
            d.error(t.at(t.header_fields[i]), "column '" + name + "' appears twice");
        }
        cols.emplace(name, i);
    }
    for (const auto& c : s.required)
        if (!cols.count(c)) d.error({t.file, 1, 1}, "missing column '" + c + "'");
    return cols;
}

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    for (auto& part : split(s, ';')) {
        std::string t = trim(part);
        if (!t.empty()) out.push_back(t);
    }
    return out;
}

bool valid_code(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

bool valid_period(const std::string& p) {
    // 2009/10, 2008, 2010-03, 2010-03-31
    auto digits = [&](size_t from, size_t n) {
        if (from + n > p.size()) return false;
        for (size_t i = from; i < from + n; ++i)
            if (p[i] < '0' || p[i] > '9') return false;
        return true;
    };
    if (p.size() == 4) return digits(0, 4);
    if (p.size() == 7 && p[4] == '/') return digits(0, 4) && digits(5, 2);
    if (p.size() == 7 && p[4] == '-') return digits(0, 4) && digits(5, 2);
    if (p.size() == 10 && p[4] == '-' && p[7] == '-') return digits(0, 4) && digits(5, 2) && digits(8, 2);
    return false;
}

// Loads one CSV file; on a structural error (encoding, quotes, ragged rows) records it and
// returns nullopt so the other files are still checked.
std::optional<CsvTable> load(const fs::path& dir, const std::string& display_dir, const std::string& name,
                             bool required, Dataset& ds, Diagnostics& d) {
    fs::path path = dir / name;
    std::string shown = display_dir + "/" + name;
    if (!fs::exists(path)) {
        if (required) d.error({shown, 0, 0}, "the file is missing");
        return std::nullopt;
    }
    try {
        std::string bytes = read_file(path.string(), shown);
        CsvTable t = parse_csv(bytes, shown);
        if (t.rows.empty()) d.error({shown, 2, 1}, "the file has a header but no rows");
        ds.raw_files[name] = std::move(bytes);
        return t;
    } catch (const Error& e) {
        d.add(e);
        return std::nullopt;
    }
}

// Hands each row to `fn`, then frees it, so a large file's parsed cells and the records made
// from them are not all in memory at once.
template <typename Fn>
void each_row(CsvTable& t, const Schema& s, Diagnostics& d, Fn fn) {
    auto cols = check_header(t, s, d);
    for (const auto& r : s.required)
        if (!cols.count(r)) return;   // already reported; rows cannot be read
    for (auto& row : t.rows) {
        fn(Row(t, row, cols));
        std::vector<CsvField>().swap(row.fields);
    }
}

void require_code(const Row& r, const std::string& col, Diagnostics& d) {
    std::string v = r.get(col);
    if (v.empty()) d.error(r.at(col), "'" + col + "' is empty");
    else if (!valid_code(v))
        d.error(r.at(col), "'" + v + "' is not a valid code (use lower-case letters, digits and _)");
}

void load_places(CsvTable& t, Dataset& ds, Diagnostics& d) {
    static const std::set<std::string> kinds = {"authority", "subregion", "region", "country", "group"};
    each_row(t, {{"code", "name", "kind"}, {"member_of"}}, d, [&](const Row& r) {
        require_code(r, "code", d);
        Place p{r.get("code"), r.get("name"), r.get("kind"), split_list(r.get("member_of")), r.at("code")};
        if (p.name.empty()) d.error(r.at("name"), "the place has no name");
        if (!kinds.count(p.kind))
            d.error(r.at("kind"), "unknown kind '" + p.kind + "' (use authority, subregion, region, country or group)");
        if (ds.place_index.count(p.code)) {
            d.error(r.at("code"), "place '" + p.code + "' is defined twice");
            return;
        }
        ds.place_index[p.code] = ds.places.size();
        ds.places.push_back(std::move(p));
    });
}

void add_measure(Dataset& ds, Diagnostics& d, Measure m, const Row& r) {
    if (ds.measure_index.count(m.code)) {
        d.error(r.at("code"), "measure '" + m.code + "' is defined twice (in measures.csv or derived.csv)");
        return;
    }
    ds.measure_index[m.code] = ds.measures.size();
    ds.measures.push_back(std::move(m));
}

Measure read_measure_columns(const Row& r, Diagnostics& d) {
    require_code(r, "code", d);
    Measure m;
    m.code = r.get("code");
    m.title = r.get("title");
    m.short_title = r.get("short_title");
    m.theme = r.get("theme");
    m.where = r.at("code");
    if (m.title.empty()) d.error(r.at("title"), "the measure has no title");
    if (auto u = parse_unit(r.get("unit"))) m.unit = *u;
    else d.error(r.at("unit"), "unknown unit '" + r.get("unit") +
                                   "' (use money, percent, count, rate, ratio, months, weeks, years or rating)");
    if (auto p = parse_polarity(r.get("polarity"))) m.polarity = *p;
    else d.error(r.at("polarity"), "unknown polarity '" + r.get("polarity") + "' (use higher, lower or none)");
    std::string max = r.get("max");
    if (max.empty()) {
        if (m.unit == Unit::Percent) m.max = 100.0;
    } else if (max != "none") {
        std::string why;
        auto v = parse_value(max, Unit::Count, &why);
        if (v && !v->is_missing()) m.max = v->amount();
        else d.error(r.at("max"), "'max' must be a number or 'none'");
    }
    return m;
}

void load_measures(CsvTable& t, Dataset& ds, Diagnostics& d) {
    each_row(t, {{"code", "title", "unit", "polarity"}, {"theme", "short_title", "note", "max"}}, d,
             [&](const Row& r) { add_measure(ds, d, read_measure_columns(r, d), r); });
}

void load_sources(CsvTable& t, Dataset& ds, Diagnostics& d) {
    each_row(t, {{"code", "title"}, {"publisher", "date", "url", "note"}}, d, [&](const Row& r) {
        require_code(r, "code", d);
        Source s{r.get("code"), r.get("title"), r.get("publisher"), r.get("date"), r.get("url"), r.at("code")};
        if (s.title.empty()) d.error(r.at("title"), "the source has no title");
        if (ds.source_index.count(s.code)) {
            d.error(r.at("code"), "source '" + s.code + "' is defined twice");
            return;
        }
        ds.source_index[s.code] = ds.sources.size();
        ds.sources.push_back(std::move(s));
    });
}

InputRef parse_input_ref(const std::string& ref);

void load_derived(CsvTable& t, Dataset& ds, Diagnostics& d) {
    static const std::set<std::string> calcs = {"per_head", "share", "sum", "remainder", "product",
                                                "difference", "ratio", "percent_difference"};
    each_row(t, {{"code", "title", "unit", "polarity", "calculation", "inputs", "places", "period"},
                 {"theme", "short_title", "note"}},
             d, [&](const Row& r) {
                 Measure m = read_measure_columns(r, d);
                 m.derived = true;
                 Derivation dv;
                 dv.code = m.code;
                 dv.calculation = r.get("calculation");
                 dv.period = r.get("period");
                 dv.note = r.get("note");
                 dv.where = r.at("code");
                 if (!calcs.count(dv.calculation))
                     d.error(r.at("calculation"), "unknown calculation '" + dv.calculation +
                                                      "' (see docs/data-format.md for the list)");
                 for (const auto& ref : split_list(r.get("inputs"))) {
                     dv.inputs.push_back(parse_input_ref(ref));
                 }
                 if (dv.inputs.size() < 2)
                     d.error(r.at("inputs"), "a calculation needs at least two inputs separated by ';'");
                 std::string places = r.get("places");
                 if (places == "*") dv.all_places = true;
                 else dv.places = split_list(places);
                 if (!valid_period(dv.period))
                     d.error(r.at("period"), "'" + dv.period + "' is not a period (use 2009/10, 2008 or 2010-03)");
                 if (!ds.measure_index.count(m.code)) {
                     ds.derivation_index[dv.code] = ds.derivations.size();
                     ds.derivations.push_back(std::move(dv));
                 }
                 add_measure(ds, d, std::move(m), r);
             });
}

// Two rows with the same place, measure, period, source and reference. Found by sorting row
// numbers (O(n log n), four bytes a row) rather than with a key set as large as the file.
void report_duplicate_observations(const Dataset& ds, Diagnostics& d) {
    auto key = [&](uint32_t i) {
        const Observation& o = ds.observations[i];
        return std::tie(o.place, o.measure, o.period, o.source, o.reference);
    };
    std::vector<uint32_t> order(ds.observations.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
    for (size_t k = 1; k < order.size(); ++k) {
        if (key(order[k]) != key(order[k - 1])) continue;
        const Observation& dup = ds.observations[order[k]];
        const Observation& first = ds.observations[order[k - 1]];
        d.error({dup.where().file, dup.line, 1},
                "the same place, measure, period and source is already given at line " + std::to_string(first.line) +
                    " (if the source prints it twice, tell them apart in the 'reference' column)");
    }
}

void load_observations(CsvTable& t, Dataset& ds, Diagnostics& d) {
    // One shared copy of the file name for every row's location.
    auto observations_file = std::make_shared<const std::string>(t.file);
    each_row(t, {{"place", "measure", "period", "value", "unit", "source"}, {"note", "reference"}}, d, [&](const Row& r) {
        Observation o;
        o.place = r.get("place");
        o.measure = r.get("measure");
        o.period = r.get("period");
        o.source = r.get("source");
        o.note = r.get("note");
        o.reference = r.get("reference");
        o.typed = r.get("value");
        Location value_at = r.at("value");
        o.line = value_at.line;
        o.column = value_at.column;
        o.file = observations_file;
        bool ok = true;
        if (!ds.place(o.place)) {
            d.error(r.at("place"), "unknown place '" + o.place + "' (not in places.csv)");
            ok = false;
        }
        const Measure* m = ds.measure(o.measure);
        if (!m) {
            d.error(r.at("measure"), "unknown measure '" + o.measure + "' (not in measures.csv or derived.csv)");
            ok = false;
        }
        if (!ds.source(o.source)) {
            d.error(r.at("source"), "unknown source '" + o.source + "' (not in sources.csv)");
            ok = false;
        }
        if (!valid_period(o.period)) {
            d.error(r.at("period"), "'" + o.period + "' is not a period (use 2009/10, 2008 or 2010-03)");
            ok = false;
        }
        if (m) {
            std::string unit = r.get("unit");
            if (unit != unit_name(m->unit)) {
                d.error(r.at("unit"), "unit '" + unit + "' does not match measure '" + m->code + "', which is in " +
                                          unit_name(m->unit));
                ok = false;
            }
            std::string why;
            size_t offset = 0;
            auto v = parse_value(r.get("value"), m->unit, &why, &offset);
            if (!v) {
                Location at = r.at("value");
                std::string typed = r.get("value");
                for (size_t i = 0; i < offset && i < typed.size(); ++i)   // characters, not bytes
                    if ((static_cast<unsigned char>(typed[i]) & 0xC0) != 0x80) ++at.column;
                d.error(at, why);
                ok = false;
            } else {
                o.value = *v;
                if (!v->is_missing() && !v->is_rating()) {
                    if (m->max && v->amount() > *m->max)
                        d.error(r.at("value"), "'" + o.typed + "' is above the largest value allowed for '" + m->code +
                                                   "' (" + format_value(Value::of(m->unit, *m->max)) +
                                                   "); if it is right, set the measure's 'max' column");
                    if (m->unit == Unit::Percent && v->amount() < 0)
                        d.error(r.at("value"), "a percentage cannot be below 0%");
                    if ((m->unit == Unit::Money || m->unit == Unit::Count) && v->amount() < 0)
                        d.error(r.at("value"), "'" + o.typed + "' is negative; " + unit_name(m->unit) +
                                                   " figures cannot be below zero");
                    if (m->unit == Unit::Money && v->amount() > 1e13)
                        d.error(r.at("value"), "'" + o.typed + "' is more than £10 trillion: check the units");
                }
            }
        }
        if (!ok) return;
        auto& same = ds.observation_index[{o.place, o.measure}];
        same.push_back(ds.observations.size());
        ds.observations.push_back(std::move(o));
    });
    report_duplicate_observations(ds, d);
}

void load_milestones(CsvTable& t, Dataset& ds, Diagnostics& d) {
    each_row(t, {{"theme", "date", "milestone", "source"}, {"note"}}, d, [&](const Row& r) {
        Milestone m{r.get("theme"), r.get("date"), r.get("milestone"), r.get("source"), r.start()};
        if (!valid_period(m.date) || m.date.find('/') != std::string::npos)
            d.error(r.at("date"), "'" + m.date + "' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
        if (m.text.empty()) d.error(r.at("milestone"), "the milestone has no text");
        if (!ds.source(m.source)) d.error(r.at("source"), "unknown source '" + m.source + "' (not in sources.csv)");
        ds.milestones.push_back(std::move(m));
    });
}

// measure[@place][:period]
InputRef parse_input_ref(const std::string& ref) {
    InputRef in;
    std::string rest = ref;
    if (auto colon = rest.find(':'); colon != std::string::npos) {
        in.period = trim(rest.substr(colon + 1));
        rest = rest.substr(0, colon);
    }
    auto at = rest.find('@');
    in.measure = trim(rest.substr(0, at));
    if (at != std::string::npos) in.place = trim(rest.substr(at + 1));
    return in;
}

void load_scenarios(CsvTable& t, Dataset& ds, Diagnostics& d) {
    each_row(t, {{"model", "scenario", "outcome", "cohort", "share", "unit_cost", "source"}, {"note"}}, d, [&](const Row& r) {
        ScenarioLine line;
        line.model = r.get("model");
        line.scenario = r.get("scenario");
        line.outcome = r.get("outcome");
        line.source = r.get("source");
        line.note = r.get("note");
        line.where = r.start();
        require_code(r, "model", d);
        if (line.scenario.empty()) d.error(r.at("scenario"), "the scenario has no name (e.g. low, central, high)");
        if (line.outcome.empty()) d.error(r.at("outcome"), "the outcome has no name");
        line.cohort = parse_input_ref(r.get("cohort"));
        if (!line.cohort.place) d.error(r.at("cohort"), "the cohort must name a place: measure@place");
        const Measure* m = ds.measure(line.cohort.measure);
        if (!m) d.error(r.at("cohort"), "unknown measure '" + line.cohort.measure + "'");
        else if (m->unit != Unit::Count) d.error(r.at("cohort"), "the cohort must be a count of people");
        if (line.cohort.place && !ds.place(*line.cohort.place))
            d.error(r.at("cohort"), "unknown place '" + *line.cohort.place + "'");
        if (!ds.source(line.source)) d.error(r.at("source"), "unknown source '" + line.source + "' (not in sources.csv)");
        std::string why;
        size_t offset = 0;
        if (auto v = parse_value(r.get("share"), Unit::Percent, &why, &offset)) line.share = *v;
        else d.error(r.at("share"), why);
        if (auto v = parse_value(r.get("unit_cost"), Unit::Money, &why, &offset)) line.unit_cost = *v;
        else d.error(r.at("unit_cost"), why);
        ds.scenario_lines.push_back(std::move(line));
    });
}

// References that can only be checked once everything is loaded.
void check_references(Dataset& ds, Diagnostics& d) {
    for (const auto& p : ds.places)
        for (const auto& g : p.member_of)
            if (!ds.place(g)) d.error(p.where, "place '" + p.code + "' is a member of unknown place or group '" + g + "'");
    for (const auto& dv : ds.derivations) {
        for (const auto& in : dv.inputs) {
            if (!ds.measure(in.measure))
                d.error(dv.where, "derived '" + dv.code + "' uses unknown measure '" + in.measure + "'");
            if (in.place && !ds.place(*in.place))
                d.error(dv.where, "derived '" + dv.code + "' uses unknown place '" + *in.place + "'");
        }
        for (const auto& p : dv.places)
            if (!ds.place(p)) d.error(dv.where, "derived '" + dv.code + "' names unknown place '" + p + "'");
    }
}

}  // namespace

Dataset load_dataset(const std::string& data_dir, const std::string& display_dir, Diagnostics& d) {
    Dataset ds;
    fs::path dir(data_dir);
    if (!fs::is_directory(dir)) {
        d.error({display_dir, 0, 0}, "the data folder is missing");
        return ds;
    }
    // Order matters: observations refer to everything before them.
    if (auto t = load(dir, display_dir, "places.csv", true, ds, d)) load_places(*t, ds, d);
    if (auto t = load(dir, display_dir, "sources.csv", true, ds, d)) load_sources(*t, ds, d);
    if (auto t = load(dir, display_dir, "measures.csv", true, ds, d)) load_measures(*t, ds, d);
    if (auto t = load(dir, display_dir, "derived.csv", false, ds, d)) load_derived(*t, ds, d);
    if (auto t = load(dir, display_dir, "observations.csv", true, ds, d)) load_observations(*t, ds, d);
    if (auto t = load(dir, display_dir, "milestones.csv", false, ds, d)) load_milestones(*t, ds, d);
    if (auto t = load(dir, display_dir, "scenarios.csv", false, ds, d)) load_scenarios(*t, ds, d);
    check_references(ds, d);
    return ds;
}

}  // namespace ep::data
