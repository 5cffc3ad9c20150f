#include "data/dataset.h"

#include "core/language.h"

#include <algorithm>
#include <filesystem>
#include <exception>
#include <thread>
#include <map>
#include <set>
#include <tuple>

#include "core/format.h"
#include "core/links.h"
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
bool Derivation::covers(const std::string& place) const {
    return all_places || std::find(places.begin(), places.end(), place) != places.end();
}

const Derivation* Dataset::derivation(const std::string& code) const {
    auto it = derivation_index.find(code);
    return it == derivation_index.end() ? nullptr : &derivations[it->second];
}
const AllocationRule* Dataset::allocation_rule(const std::string& name) const {
    for (const auto& a : allocation_rules)
        if (a.name == name) return &a;
    return nullptr;
}
const BoundaryLayer* Dataset::boundary_layer(const std::string& file) const {
    for (const auto& b : boundary_layers)
        if (b.file == file) return &b;
    return nullptr;
}
const CombinedArea* Dataset::combined_area(const std::string& gss) const {
    for (const auto& a : combined_areas)
        if (a.code == gss) return &a;
    return nullptr;
}
const Plan* Dataset::plan(const std::string& code) const {
    auto it = plan_index.find(code);
    return it == plan_index.end() ? nullptr : &plans[it->second];
}
const std::vector<std::string>& plan_statuses() {
    static const std::vector<std::string> statuses = {"red", "amber", "green", "complete"};
    return statuses;
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
    std::vector<std::string> translatable = {};   // also as "<column>_<language tag>": name_cy
};

// "name_cy" -> ("name", "cy") when `column` is a translatable column with a language tag.
bool translated_column(const std::string& column, const Schema& s) {
    const size_t cut = column.rfind('_');
    if (cut == std::string::npos) return false;
    const std::string base = column.substr(0, cut);
    return std::find(s.translatable.begin(), s.translatable.end(), base) != s.translatable.end() &&
           language_tag_problem(column.substr(cut + 1)).empty();
}

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
    // The row's non-empty cells in translated columns (name_cy ...).
    Translations translations(const Schema& s) const {
        Translations out;
        for (const auto& [name, index] : cols_)
            if (translated_column(name, s))
                if (std::string v = trim(row_.fields[index].text); !v.empty()) out[name] = v;
        return out;
    }
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
        known = known || translated_column(name, s);
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

// One CSV file read and parsed, with nothing recorded yet: reading can then run on another
// thread while earlier files are checked, and its problems are still reported in file order.
struct ParsedFile {
    bool exists = false;
    std::string bytes;
    std::optional<CsvTable> table;
    std::optional<Error> error;
    std::exception_ptr unexpected;   // anything but an Error (out of memory), rethrown by accept
};

ParsedFile parse_file(const fs::path& dir, const std::string& display_dir, const std::string& name) {
    ParsedFile f;
    const fs::path path = dir / name;
    const std::string shown = display_dir + "/" + name;
    f.exists = fs::exists(path);
    if (!f.exists) return f;
    try {
        f.bytes = read_file(path.string(), shown);
        f.table = parse_csv(f.bytes, shown);
    } catch (const Error& e) {
        f.error = e;
    } catch (...) {
        f.unexpected = std::current_exception();
    }
    return f;
}

// Records a parsed file: on a structural error (encoding, quotes, ragged rows) records it and
// returns nullopt so the other files are still checked.
std::optional<CsvTable> accept(ParsedFile&& f, const std::string& display_dir, const std::string& name, bool required,
                               Dataset& ds, Diagnostics& d) {
    const std::string shown = display_dir + "/" + name;
    if (f.unexpected) std::rethrow_exception(f.unexpected);
    if (!f.exists) {
        if (required) d.error({shown, 0, 0}, "the file is missing");
        return std::nullopt;
    }
    if (f.error) {
        d.add(*f.error);
        return std::nullopt;
    }
    if (f.table->rows.empty()) d.error({shown, 2, 1}, "the file has a header but no rows");
    ds.raw_files[name] = std::move(f.bytes);
    return std::move(f.table);
}

// Loads one CSV file (parse_file, then accept).
std::optional<CsvTable> load(const fs::path& dir, const std::string& display_dir, const std::string& name,
                             bool required, Dataset& ds, Diagnostics& d) {
    return accept(parse_file(dir, display_dir, name), display_dir, name, required, ds, d);
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

// An ONS GSS code: a letter for the country and eight digits ("E08000026", "W06000015").
bool valid_gss(const std::string& s) {
    if (s.size() != 9 || std::string("EWSNK").find(s[0]) == std::string::npos) return false;
    return std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void require_gss(const std::string& code, const Location& at, Diagnostics& d) {
    if (!valid_gss(code))
        d.error(at, "'" + code + "' is not an ONS GSS code (a letter and eight digits, such as E08000026)");
}

// Names and titles are set in headings, captions, table cells and chart labels, broken over
// lines when they are long; past these lengths they would fill pages of their own, so they are
// refused (docs/data-format.md, "How long a name may be", which gives the worst cases measured
// at the limits). A source's title is a citation, set only in running text (source lines,
// footnotes, the sources page), and may be longer.
constexpr size_t max_name_characters = 300;
constexpr size_t max_citation_characters = 1000;

// An error at `col` when its text is longer than `limit` characters (code points, not bytes).
void require_short(const Row& r, const std::string& col, const std::string& what, const std::string& hint,
                   Diagnostics& d, size_t limit = max_name_characters) {
    const std::string& v = r.get(col);
    if (v.size() <= limit) return;
    const size_t n = static_cast<size_t>(
        std::count_if(v.begin(), v.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    if (n > limit)
        d.error(r.at(col), what + " is " + std::to_string(n) + " characters long; '" + col + "' may be at most " +
                               std::to_string(limit) + " characters (" + hint + ")");
}

void load_places(CsvTable& t, Dataset& ds, Diagnostics& d) {
    static const std::set<std::string> kinds = {"authority", "subregion", "region", "country", "group"};
    std::map<std::string, std::string> place_of_gss;
    const Schema schema{{"code", "name", "kind"}, {"member_of", "gss"}, {"name"}};
    each_row(t, schema, d, [&](const Row& r) {
        require_code(r, "code", d);
        Place p{r.get("code"), r.get("name"), r.get("kind"), split_list(r.get("member_of")), r.at("code"), r.get("gss"),
                r.at("gss"), r.translations(schema)};
        if (p.name.empty()) d.error(r.at("name"), "the place has no name");
        require_short(r, "name", "the place's name", "shorten it: it is printed in headings, table cells and chart labels", d);
        if (!p.gss.empty()) {
            require_gss(p.gss, p.gss_at, d);
            if (auto [it, fresh] = place_of_gss.try_emplace(p.gss, p.code); !fresh)
                d.error(p.gss_at, "the GSS code " + p.gss + " is already the code of '" + it->second + "'");
        }
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
    require_short(r, "title", "the measure's title", "shorten it and say the rest in 'note'; 'short_title' labels tables and charts", d);
    require_short(r, "short_title", "the short title", "a few words: it labels tables and charts", d);
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
    m.per = r.get("per");
    if (!m.per.empty() && m.unit != Unit::Rate)
        d.error(r.at("per"), "'per' gives a rate's unit (\"per 10,000 children\"); this measure's unit is " + unit_name(m.unit));
    else if (!m.per.empty() && !starts_with(m.per, "per "))
        d.error(r.at("per"), "'per' is written as it follows a number: \"per 10,000 children\", not '" + m.per + "'");
    return m;
}

void load_measures(CsvTable& t, Dataset& ds, Diagnostics& d) {
    const Schema schema{{"code", "title", "unit", "polarity"}, {"theme", "short_title", "note", "max", "per"}, {"title", "short_title"}};
    each_row(t, schema, d, [&](const Row& r) {
        Measure m = read_measure_columns(r, d);
        m.translated = r.translations(schema);
        add_measure(ds, d, std::move(m), r);
    });
}

void load_sources(CsvTable& t, Dataset& ds, Diagnostics& d) {
    const Schema schema{{"code", "title"}, {"publisher", "date", "url", "note"}, {"title"}};
    each_row(t, schema, d, [&](const Row& r) {
        require_code(r, "code", d);
        Source s{r.get("code"), r.get("title"), r.get("publisher"), r.get("date"), r.get("url"), r.at("code"),
                 r.translations(schema)};
        if (s.title.empty()) d.error(r.at("title"), "the source has no title");
        require_short(r, "title", "the source's title", "shorten it and say the rest in 'note'", d,
                      max_citation_characters);
        if (std::string why = date_problem(s.date, true); !s.date.empty() && !why.empty()) d.error(r.at("date"), why);
        // The site and the PDF link a source's address: only a web address may be one.
        if (!s.url.empty() && web_address(s.url).empty())
            d.error(r.at("url"), "'" + s.url + "' is not a web address: a source's url starts with http://, https:// or www.");
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
                                                "difference", "ratio", "percent_difference",
                                                "placement_savings", "switch_savings", "annual_from_monthly"};
    // Calculations that take a fixed number of inputs (the others take two or more).
    static const std::map<std::string, size_t> arity = {
        {"placement_savings", 3}, {"switch_savings", 4}, {"annual_from_monthly", 1}};
    const Schema schema{{"code", "title", "unit", "polarity", "calculation", "inputs", "places", "period"},
                        {"theme", "short_title", "note", "expect"},
                        {"title", "short_title"}};
    each_row(t, schema,
             d, [&](const Row& r) {
                 Measure m = read_measure_columns(r, d);
                 m.translated = r.translations(schema);
                 m.derived = true;
                 Derivation dv;
                 dv.code = m.code;
                 dv.calculation = r.get("calculation");
                 dv.period = r.get("period");
                 dv.note = r.get("note");
                 dv.where = r.at("code");
                 dv.expect_at = r.at("expect");
                 if (const std::string expect = r.get("expect"); expect == "positive") dv.expect = Expectation::Positive;
                 else if (!expect.empty())
                     d.error(r.at("expect"), "unknown expectation '" + expect + "' (use positive, or leave it empty)");
                 if (!calcs.count(dv.calculation))
                     d.error(r.at("calculation"), "unknown calculation '" + dv.calculation +
                                                      "' (see docs/data-format.md for the list)");
                 for (const auto& ref : split_list(r.get("inputs"))) {
                     dv.inputs.push_back(parse_input_ref(ref));
                 }
                 if (auto n = arity.find(dv.calculation); n != arity.end()) {
                     if (dv.inputs.size() != n->second)
                         d.error(r.at("inputs"), "'" + dv.calculation + "' takes " + std::to_string(n->second) +
                                                     (n->second == 1 ? " input" : " inputs separated by ';'") + ", not " +
                                                     std::to_string(dv.inputs.size()));
                 } else if (dv.inputs.size() < 2) {
                     d.error(r.at("inputs"), "a calculation needs at least two inputs separated by ';'");
                 }
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
        if (std::string why = date_problem(m.date, true); !why.empty()) d.error(r.at("date"), why);
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

// data/allocations.csv. The pot, lump sum and weights are fixed figures (measure@place[:period]);
// the authorities and population measures (measure[:period]) are read for each recipient.
void load_allocations(CsvTable& t, Dataset& ds, Diagnostics& d) {
    each_row(t, {{"allocation", "pot", "lump_sum", "weight_authorities", "weight_population", "recipients", "authorities",
                  "population"},
                 {"note"}},
             d, [&](const Row& r) {
        require_code(r, "allocation", d);
        AllocationRule a;
        a.name = r.get("allocation");
        a.note = r.get("note");
        a.where = r.at("allocation");
        auto ref = [&](const std::string& col, Unit unit, bool fixed_place) {
            InputRef in = parse_input_ref(r.get(col));
            const Measure* m = ds.measure(in.measure);
            if (in.measure.empty()) d.error(r.at(col), "'" + col + "' is empty");
            else if (!m) d.error(r.at(col), "unknown measure '" + in.measure + "' (not in measures.csv or derived.csv)");
            else if (m->unit != unit)
                d.error(r.at(col), "'" + col + "' must be a " + unit_name(unit) + " measure; '" + m->code + "' is in " +
                                       unit_name(m->unit));
            if (fixed_place && !in.place) d.error(r.at(col), "'" + col + "' must name a place: measure@place");
            if (!fixed_place && in.place)
                d.error(r.at(col), "'" + col + "' is read for each recipient: write measure or measure:period, without @place");
            if (in.place && !ds.place(*in.place)) d.error(r.at(col), "unknown place '" + *in.place + "'");
            if (in.period && !valid_period(*in.period))
                d.error(r.at(col), "'" + *in.period + "' is not a period (use 2009/10, 2008 or 2010-03)");
            return in;
        };
        a.pot = ref("pot", Unit::Money, true);
        a.lump_sum = ref("lump_sum", Unit::Money, true);
        a.weight_authorities = ref("weight_authorities", Unit::Percent, true);
        a.weight_population = ref("weight_population", Unit::Percent, true);
        a.authorities = ref("authorities", Unit::Count, false);
        a.population = ref("population", Unit::Count, false);
        a.recipients = split_list(r.get("recipients"));
        if (a.recipients.empty()) d.error(r.at("recipients"), "the allocation has no recipients (place codes separated by ';')");
        std::set<std::string> seen;
        for (const auto& p : a.recipients) {
            if (!ds.place(p)) d.error(r.at("recipients"), "unknown place '" + p + "' (not in places.csv)");
            else if (!seen.insert(p).second) d.error(r.at("recipients"), "place '" + p + "' is listed twice");
        }
        if (ds.allocation_rule(a.name)) {
            d.error(r.at("allocation"), "allocation '" + a.name + "' is defined twice");
            return;
        }
        ds.allocation_rules.push_back(std::move(a));
    });
}

// ---- action plans ----------------------------------------------------------------------

// Text cells of a plan may be typed over several lines of a quoted field: one space stands for
// every run of spaces and line breaks, so both writers wrap them as one paragraph.
std::string one_line(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// YYYY-MM or YYYY-MM-DD, a real month and day.
bool valid_plan_date(const std::string& s) { return (s.size() == 7 || s.size() == 10) && date_problem(s, true).empty(); }

std::string joined(const std::vector<std::string>& items, const std::string& sep = ", ") {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
    return out;
}

void load_plans(CsvTable& t, Dataset& ds, Diagnostics& d) {
    each_row(t, {{"code", "title", "groups", "source"}, {"reference", "progress_from", "progress_to", "note"}}, d,
             [&](const Row& r) {
                 require_code(r, "code", d);
                 Plan p;
                 p.code = r.get("code");
                 p.title = one_line(r.get("title"));
                 p.source = r.get("source");
                 p.reference = r.get("reference");
                 p.progress_from = r.get("progress_from");
                 p.progress_to = r.get("progress_to");
                 p.where = r.at("code");
                 if (p.title.empty()) d.error(r.at("title"), "the plan has no title");
                 for (const auto& g : split_list(r.get("groups"))) {
                     std::string group = one_line(g);
                     if (std::find(p.groups.begin(), p.groups.end(), group) != p.groups.end())
                         d.error(r.at("groups"), "the heading '" + group + "' is listed twice");
                     else p.groups.push_back(group);
                 }
                 if (p.groups.empty())
                     d.error(r.at("groups"), "the plan needs the headings its actions are grouped under, separated by ';'");
                 if (!ds.source(p.source)) d.error(r.at("source"), "unknown source '" + p.source + "' (not in sources.csv)");
                 for (const char* col : {"progress_from", "progress_to"}) {
                     std::string v = r.get(col);
                     if (!v.empty() && (v.size() != 7 || !valid_plan_date(v)))
                         d.error(r.at(col), "'" + v + "' is not a month (use YYYY-MM)");
                 }
                 if (valid_plan_date(p.progress_from) && valid_plan_date(p.progress_to) && p.progress_from > p.progress_to)
                     d.error(r.at("progress_to"), "the progress period ends (" + p.progress_to + ") before it starts (" +
                                                      p.progress_from + ")");
                 if (ds.plan_index.count(p.code)) {
                     d.error(r.at("code"), "plan '" + p.code + "' is defined twice");
                     return;
                 }
                 ds.plan_index[p.code] = ds.plans.size();
                 ds.plans.push_back(std::move(p));
             });
}

// One rule gives the status (docs/data-format.md): nothing recorded -> red; progress recorded
// -> amber (or green, when the source itself judges the action on track); progress reporting
// the action done with nothing left to do -> complete. The columns must agree with it.
void load_plan_actions(CsvTable& t, Dataset& ds, Diagnostics& d) {
    std::map<std::tuple<std::string, std::string, std::string>, int> seen;
    each_row(t, {{"plan", "group", "action", "status", "source"}, {"progress", "next", "lead", "due", "reference", "note"}}, d,
             [&](const Row& r) {
                 PlanAction a;
                 a.plan = r.get("plan");
                 a.group = one_line(r.get("group"));
                 a.action = one_line(r.get("action"));
                 a.progress = one_line(r.get("progress"));
                 a.next = one_line(r.get("next"));
                 a.lead = one_line(r.get("lead"));
                 a.due = r.get("due");
                 a.status = r.get("status");
                 a.source = r.get("source");
                 a.reference = one_line(r.get("reference"));
                 a.where = r.at("action");
                 bool ok = true;
                 const Plan* plan = ds.plan(a.plan);
                 if (!plan) {
                     std::vector<std::string> codes;
                     for (const auto& p : ds.plans) codes.push_back(p.code);
                     d.error(r.at("plan"), "unknown plan '" + a.plan + "' (not in plans.csv" +
                                               (codes.empty() ? std::string() : ": " + joined(codes)) + ")");
                     ok = false;
                 } else if (std::find(plan->groups.begin(), plan->groups.end(), a.group) == plan->groups.end()) {
                     d.error(r.at("group"), "'" + a.group + "' is not a heading of plan '" + a.plan + "' (its headings: " +
                                                joined(plan->groups, "; ") + ")");
                     ok = false;
                 }
                 if (a.action.empty()) {
                     d.error(r.at("action"), "the action is empty");
                     ok = false;
                 }
                 const auto& statuses = plan_statuses();
                 if (std::find(statuses.begin(), statuses.end(), a.status) == statuses.end()) {
                     d.error(r.at("status"), "unknown status '" + a.status + "' (use " + joined(statuses, ", ") + ")");
                     ok = false;
                 } else if (a.status == "red" && !a.progress.empty()) {
                     d.error(r.at("status"), "status 'red' means no progress is recorded, but the row records progress "
                                             "(use amber, or complete if the action is done)");
                     ok = false;
                 } else if (a.status != "red" && a.progress.empty()) {
                     d.error(r.at("status"), "status '" + a.status + "' needs the progress the source records, but 'progress' "
                                             "is empty (use red: no progress recorded)");
                     ok = false;
                 } else if (a.status == "complete" && !a.next.empty()) {
                     d.error(r.at("status"), "status 'complete' means nothing is left to do, but 'next' lists further "
                                             "actions (use amber)");
                     ok = false;
                 }
                 if (!a.due.empty() && !valid_plan_date(a.due)) {
                     d.error(r.at("due"), "'" + a.due + "' is not a date (use YYYY-MM or YYYY-MM-DD, or leave it empty)");
                     ok = false;
                 }
                 if (!ds.source(a.source)) {
                     d.error(r.at("source"), "unknown source '" + a.source + "' (not in sources.csv)");
                     ok = false;
                 }
                 if (!ok) return;
                 auto [it, fresh] = seen.emplace(std::make_tuple(a.plan, a.group, a.action), r.start().line);
                 if (!fresh) {
                     d.error(r.at("action"), "the same action is already listed under '" + a.group + "' at line " +
                                                 std::to_string(it->second));
                     return;
                 }
                 ds.plan_actions.push_back(std::move(a));
             });
}

// data/boundaries/boundaries.csv: the boundary files maps are drawn from.
void load_boundary_layers(CsvTable& t, Dataset& ds, Diagnostics& d) {
    each_row(t, {{"file", "code_property", "name_property", "source", "attribution"}, {"note"}}, d, [&](const Row& r) {
        BoundaryLayer b{r.get("file"), r.get("code_property"), r.get("name_property"), r.get("source"),
                        r.get("attribution"), r.at("file")};
        const auto ends_with = [&](const std::string& tail) {
            return b.file.size() > tail.size() && b.file.compare(b.file.size() - tail.size(), tail.size(), tail) == 0;
        };
        if (b.file.empty() || b.file[0] == '.' || b.file.find_first_of("/\\") != std::string::npos)
            d.error(r.at("file"), "'" + b.file + "' is not a file name in data/boundaries/ (no folders, no '..')");
        else if (!ends_with(".json") && !ends_with(".topojson") && !ends_with(".geojson"))
            d.error(r.at("file"), "'" + b.file + "' is not a TopoJSON or GeoJSON file (.json, .topojson or .geojson)");
        for (const char* col : {"code_property", "name_property", "attribution"})
            if (r.get(col).empty()) d.error(r.at(col), std::string("'") + col + "' is empty");
        if (!ds.source(b.source)) d.error(r.at("source"), "unknown source '" + b.source + "' (not in sources.csv)");
        if (ds.boundary_layer(b.file)) {
            d.error(r.at("file"), "'" + b.file + "' is listed twice");
            return;
        }
        ds.boundary_layers.push_back(std::move(b));
    });
}

// data/boundaries/areas.csv: areas drawn as the union of others (a county of its districts).
void load_combined_areas(CsvTable& t, Dataset& ds, Diagnostics& d) {
    each_row(t, {{"code", "name", "parts"}, {"note"}}, d, [&](const Row& r) {
        CombinedArea a{r.get("code"), r.get("name"), split_list(r.get("parts")), r.at("code")};
        require_gss(a.code, r.at("code"), d);
        if (a.name.empty()) d.error(r.at("name"), "the area has no name");
        if (a.parts.empty()) d.error(r.at("parts"), "the area needs the GSS codes of its parts, separated by ';'");
        for (const auto& part : a.parts) {
            require_gss(part, r.at("parts"), d);
            if (part == a.code) d.error(r.at("parts"), "the area " + a.code + " cannot be one of its own parts");
        }
        if (ds.combined_area(a.code)) {
            d.error(r.at("code"), "the area " + a.code + " is defined twice");
            return;
        }
        ds.combined_areas.push_back(std::move(a));
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
    // Order matters: observations refer to everything before them. The observations, the
    // largest file, are read and parsed on another thread meanwhile.
    ParsedFile observations;
    std::jthread reader([&] { observations = parse_file(dir, display_dir, "observations.csv"); });
    if (auto t = load(dir, display_dir, "places.csv", true, ds, d)) load_places(*t, ds, d);
    if (auto t = load(dir, display_dir, "sources.csv", true, ds, d)) load_sources(*t, ds, d);
    if (auto t = load(dir, display_dir, "measures.csv", true, ds, d)) load_measures(*t, ds, d);
    bool derived_rejected = false;
    if (auto t = load(dir, display_dir, "derived.csv", false, ds, d)) load_derived(*t, ds, d);
    else derived_rejected = fs::exists(dir / "derived.csv");
    // A file the others refer to that could not be read at all: every row of the others would
    // report an unknown place, source or measure. Its own error is the one to fix first.
    if (d.has_errors() && (ds.places.empty() || ds.sources.empty() || ds.measures.empty() || derived_rejected)) return ds;
    reader.join();
    if (auto t = accept(std::move(observations), display_dir, "observations.csv", true, ds, d)) load_observations(*t, ds, d);
    if (auto t = load(dir, display_dir, "milestones.csv", false, ds, d)) load_milestones(*t, ds, d);
    if (auto t = load(dir, display_dir, "scenarios.csv", false, ds, d)) load_scenarios(*t, ds, d);
    // Actions need their plan's headings; the plans are required once there are actions.
    if (auto t = load(dir, display_dir, "plans.csv", false, ds, d)) load_plans(*t, ds, d);
    if (fs::exists(dir / "action_plans.csv") && !fs::exists(dir / "plans.csv"))
        d.error({display_dir + "/action_plans.csv", 1, 1},
                "the plans these actions belong to are defined in " + display_dir + "/plans.csv, which is missing");
    else if (auto t = load(dir, display_dir, "action_plans.csv", false, ds, d))
        load_plan_actions(*t, ds, d);
    if (auto t = load(dir, display_dir, "allocations.csv", false, ds, d)) load_allocations(*t, ds, d);
    // The boundaries' lists are read here; the geometry files they name by the geo stage.
    if (auto t = load(dir, display_dir, "boundaries/boundaries.csv", false, ds, d)) load_boundary_layers(*t, ds, d);
    if (auto t = load(dir, display_dir, "boundaries/areas.csv", false, ds, d)) load_combined_areas(*t, ds, d);
    ds.raw_files.erase("boundaries/boundaries.csv");   // not offered as downloads: they describe files
    ds.raw_files.erase("boundaries/areas.csv");        // the site does not publish
    check_references(ds, d);
    return ds;
}

Dataset translated_dataset(const Dataset& ds, const std::string& tag, const std::string& language_name, Diagnostics& d) {
    Dataset out = ds;
    // The translation in column `field`_`tag`, else an error at the record naming the column.
    auto text_in = [&](const Translations& t, const std::string& field, const Location& where, const std::string& what) {
        const auto it = t.find(field + "_" + tag);
        if (it != t.end()) return it->second;
        d.error(where, what + " has no " + (field == "name" ? "name" : "title") + " in " + language_name + ": fill in its '" +
                           field + "_" + tag + "' column");
        return std::string();
    };
    for (auto& p : out.places) p.name = text_in(p.translated, "name", p.where, "place '" + p.code + "'");
    for (auto& m : out.measures) {
        m.title = text_in(m.translated, "title", m.where, "measure '" + m.code + "'");
        const auto short_title = m.translated.find("short_title_" + tag);
        m.short_title = short_title != m.translated.end() ? short_title->second : m.short_title.empty() ? "" : m.title;
    }
    for (auto& s : out.sources) s.title = text_in(s.translated, "title", s.where, "source '" + s.code + "'");
    return out;
}

}  // namespace ep::data
