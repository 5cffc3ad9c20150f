// ```chart type: map — a choropleth of one measure over a group of places: the places' figures
// put into bands (quantiles or fixed breaks), their shapes from the boundaries (generator/geo),
// the outline of the pack's own place, a summary sentence, the data as CSV.
#include <algorithm>
#include <cmath>

#include "core/format.h"
#include "core/text.h"
#include "geo/atlas.h"
#include "narrative/directive_parts.h"
#include "narrative/map_classes.h"

namespace ep::narrative {

// ---- bands -------------------------------------------------------------------------------

std::optional<MapClasses> parse_map_classes(const DirectiveField& f, Unit unit, std::string* why) {
    const std::string text = trim(f.value);
    const size_t space = text.find(' ');
    const std::string scheme = text.substr(0, space), rest = space == std::string::npos ? "" : trim(text.substr(space));
    MapClasses c;
    if (scheme == "quantiles") {
        c.scheme = MapClasses::Scheme::Quantiles;
        if (rest.empty()) return c;
        const bool digits = std::all_of(rest.begin(), rest.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        c.count = digits && rest.size() <= 2 ? std::stoi(rest) : 0;
        if (c.count < 2 || c.count > kMaxMapBands) {
            *why = "'quantiles' takes a number of bands from 2 to " + std::to_string(kMaxMapBands) + " (not '" + rest + "')";
            return std::nullopt;
        }
        return c;
    }
    if (scheme == "breaks") {
        c.scheme = MapClasses::Scheme::Breaks;
        for (const auto& item : split(rest, ';')) {
            if (trim(item).empty()) continue;
            std::string problem;
            auto v = parse_value(trim(item), unit, &problem);
            if (!v || v->is_missing() || v->is_rating()) {
                *why = "'" + trim(item) + "' is not a figure to break at" + (problem.empty() ? "" : ": " + problem);
                return std::nullopt;
            }
            if (!c.breaks.empty() && v->amount() <= c.breaks.back()) {
                *why = "the breaks must go up: '" + trim(item) + "' is not above the one before it";
                return std::nullopt;
            }
            c.breaks.push_back(v->amount());
        }
        if (c.breaks.empty() || c.breaks.size() + 1 > static_cast<size_t>(kMaxMapBands)) {
            *why = "'breaks' takes from 1 to " + std::to_string(kMaxMapBands - 1) + " figures separated by ';' (" +
                   std::to_string(kMaxMapBands) + " bands at most)";
            return std::nullopt;
        }
        return c;
    }
    // A third scheme, significance bands (better than, similar to, worse than a comparator,
    // from confidence intervals), belongs here once the pack computes intervals; it goes into
    // MapClasses::Scheme and band_values like the two below.
    *why = "unknown class scheme '" + scheme + "' (use 'quantiles', 'quantiles N' or 'breaks A; B; ...')";
    return std::nullopt;
}

namespace {

// "£822" for one figure, "£822 to £958" for a range.
std::string range_label(const std::string& lo, const std::string& hi) { return lo == hi ? lo : lo + " to " + hi; }

std::string lower_first(std::string s) {
    if (s.size() > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z')) s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

std::string upper_first(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

}  // namespace

MapBanding band_values(const std::vector<model::ChartPoint>& points, const MapClasses& classes, Unit unit) {
    MapBanding out;
    out.band_of.assign(points.size(), -1);
    std::vector<double> sorted;
    for (const auto& p : points)
        if (p.value) sorted.push_back(*p.value);
    std::sort(sorted.begin(), sorted.end());
    if (classes.scheme == MapClasses::Scheme::Breaks) {
        const auto& b = classes.breaks;
        const auto text = [&](double v) { return format_value(Value::of(unit, v)); };
        for (size_t k = 0; k <= b.size(); ++k) {
            std::string label = k == 0            ? "under " + text(b[0])
                                : k == b.size()   ? text(b[k - 1]) + " or more"
                                                  : text(b[k - 1]) + " to under " + text(b[k]);
            out.bands.push_back({upper_first(label), 0});
        }
        for (size_t i = 0; i < points.size(); ++i) {
            if (!points[i].value) continue;
            const int band = static_cast<int>(std::upper_bound(b.begin(), b.end(), *points[i].value) - b.begin());
            out.band_of[i] = band;
            ++out.bands[static_cast<size_t>(band)].count;
        }
        out.title = "Fixed bands";
        return out;
    }
    // Quantiles: each figure goes by the rank of the first figure equal to it, so ties share a
    // band; bands left empty by ties are dropped.
    const size_t m = sorted.size();
    size_t distinct = 0;
    for (size_t i = 0; i < m; ++i) distinct += (i == 0 || sorted[i] != sorted[i - 1]) ? 1 : 0;
    const size_t n = std::min<size_t>(classes.count > 0 ? static_cast<size_t>(classes.count) : kMaxMapBands, distinct);
    if (n == 0) return out;
    std::vector<int> raw(points.size(), -1);
    for (size_t i = 0; i < points.size(); ++i) {
        if (!points[i].value) continue;
        const size_t rank = static_cast<size_t>(std::lower_bound(sorted.begin(), sorted.end(), *points[i].value) - sorted.begin());
        raw[i] = static_cast<int>(rank * n / m);
    }
    std::vector<int> renumber(n, -1);
    int next = 0;
    for (size_t b = 0; b < n; ++b)
        if (std::find(raw.begin(), raw.end(), static_cast<int>(b)) != raw.end()) renumber[b] = next++;
    out.bands.resize(static_cast<size_t>(next));
    std::vector<const model::ChartPoint*> lo(out.bands.size(), nullptr), hi(out.bands.size(), nullptr);
    for (size_t i = 0; i < points.size(); ++i) {
        if (raw[i] < 0) continue;
        const int band = renumber[static_cast<size_t>(raw[i])];
        out.band_of[i] = band;
        const size_t b = static_cast<size_t>(band);
        ++out.bands[b].count;
        if (!lo[b] || *points[i].value < *lo[b]->value) lo[b] = &points[i];
        if (!hi[b] || *points[i].value > *hi[b]->value) hi[b] = &points[i];
    }
    for (size_t b = 0; b < out.bands.size(); ++b) out.bands[b].label = range_label(lo[b]->label, hi[b]->label);
    out.title = "Bands of about equal numbers of places";
    return out;
}

// ---- the summary -------------------------------------------------------------------------

namespace {

// "Coventry", "Cardiff, Newport and Swansea", "Cardiff, Newport, Swansea and 4 others".
std::string some_names(const std::vector<std::string>& names) {
    std::vector<std::string> shown(names.begin(), names.begin() + static_cast<long>(std::min<size_t>(names.size(), 3)));
    if (names.size() > 3) shown.push_back(names.size() == 4 ? "1 other" : std::to_string(names.size() - 3) + " others");
    std::string s;
    for (size_t i = 0; i < shown.size(); ++i) s += (i == 0 ? "" : i + 1 == shown.size() ? " and " : ", ") + shown[i];
    return s;
}

// The places of band `b`, highest figure first (or lowest first with `ascending`).
std::vector<size_t> members(const model::Chart& c, int b, bool ascending) {
    std::vector<size_t> out;
    for (size_t i = 0; i < c.band_of.size(); ++i)
        if (c.band_of[i] == b) out.push_back(i);
    const auto& pts = c.series.front().points;
    std::stable_sort(out.begin(), out.end(), [&](size_t a, size_t z) {
        return ascending ? *pts[a].value < *pts[z].value : *pts[a].value > *pts[z].value;
    });
    return out;
}

// "Coventry is in the highest band at £1,064" / "A and B are in the highest band (£x to £y)".
std::string band_clause(const model::Chart& c, int b, const std::string& which, bool ascending, bool first) {
    const auto list = members(c, b, ascending);
    std::vector<std::string> names;
    for (size_t i : list) names.push_back(c.categories[i]);
    const std::string band = first ? "the " + which + " band" : "the " + which;
    if (list.size() == 1) return names.front() + " is in " + band + " at " + c.series.front().points[list.front()].label;
    return some_names(names) + " are in " + band + " (" + lower_first(c.bands[static_cast<size_t>(b)].label) + ")";
}

}  // namespace

std::string map_summary(const model::Chart& c, const std::string& title) {
    if (c.series.empty() || c.categories.empty()) return "The map has no places.";
    std::vector<std::string> no_figure;
    for (size_t i = 0; i < c.band_of.size(); ++i)
        if (c.band_of[i] < 0) no_figure.push_back(c.categories[i]);
    std::string s = upper_first(title) + ", in " + std::to_string(c.bands.size()) + (c.bands.size() == 1 ? " band" : " bands");
    const int top = static_cast<int>(c.bands.size()) - 1;
    if (c.bands.empty()) s += ": no place has a figure";
    else if (top == 0) s += ": all " + std::to_string(c.bands.front().count) + " places with a figure are in one band (" +
                           c.bands.front().label + ")";
    else s += ": " + band_clause(c, top, "highest", false, true) + "; " + band_clause(c, 0, "lowest", true, false);
    if (!no_figure.empty() && !c.bands.empty())
        s += "; " + some_names(no_figure) + (no_figure.size() == 1 ? " has" : " have") + " no figure";
    s += ".";
    if (!c.highlight.empty()) s += " The outline marks " + c.highlight_name + ".";
    return s;
}

// ---- the directive -----------------------------------------------------------------------

namespace {

struct MappedPlaces {
    std::vector<const data::Place*> places;
    Location where;   // the `places` or `group` value
};

MappedPlaces mapped_places(const data::Dataset& ds, const DirectiveFields& f, const Location& at) {
    const auto pf = f.find("places"), gf = f.find("group");
    if ((pf == f.end()) == (gf == f.end()))
        throw Error(pf != f.end() ? pf->second.where : at,
                    "a map needs either 'places: a; b; c' or 'group: code' (the members of a group), not both");
    MappedPlaces out;
    if (gf != f.end()) {
        out.where = gf->second.where;
        const data::Place* g = ds.place(gf->second.value);
        if (!g) throw Error(out.where, "unknown place or group '" + gf->second.value + "'");
        out.places = ds.members(g->code);
        if (out.places.empty()) throw Error(out.where, "no place in data/places.csv is a member of '" + g->code + "'");
        return out;
    }
    out.where = pf->second.where;
    const auto codes = list_of(pf->second);
    for (size_t k = 0; k < codes.size(); ++k) {
        const data::Place* p = ds.place(codes[k]);
        if (!p) throw Error(item_location(pf->second, k), "unknown place '" + codes[k] + "'");
        if (std::find(out.places.begin(), out.places.end(), p) != out.places.end())
            throw Error(item_location(pf->second, k), "'" + codes[k] + "' is listed twice: a map shows each place once");
        out.places.push_back(p);
    }
    if (out.places.empty()) throw Error(out.where, "the map needs at least one place");
    return out;
}

// The boundary file a map is drawn from: its `boundaries`, or the only one listed.
const data::BoundaryLayer& boundary_layer(const data::Dataset& ds, const DirectiveFields& f, const Location& at) {
    if (auto it = f.find("boundaries"); it != f.end()) {
        if (const auto* layer = ds.boundary_layer(it->second.value)) return *layer;
        throw Error(it->second.where, "'" + it->second.value + "' is not listed in data/boundaries/boundaries.csv");
    }
    if (ds.boundary_layers.size() == 1) return ds.boundary_layers.front();
    throw Error(at, ds.boundary_layers.empty()
                        ? "a map needs boundaries: list a TopoJSON or GeoJSON file of data/boundaries/ in "
                          "data/boundaries/boundaries.csv (docs/data-format.md)"
                        : "data/boundaries/boundaries.csv lists several files: name the one to draw in 'boundaries: file'");
}

// The mapped places the outline goes round: the place itself, or its members on the map.
std::vector<size_t> outlined(const data::Dataset& ds, const std::vector<const data::Place*>& mapped,
                             const std::string& code) {
    for (size_t i = 0; i < mapped.size(); ++i)
        if (mapped[i]->code == code) return {i};
    std::vector<size_t> out;
    for (const data::Place* member : ds.members(code))
        if (auto it = std::find(mapped.begin(), mapped.end(), member); it != mapped.end())
            out.push_back(static_cast<size_t>(it - mapped.begin()));
    return out;
}

}  // namespace

std::optional<model::Block> DirectiveBuilder::map_chart(const DirectiveFields& f, model::Figure fig) {
    const auto& ds = figures_.dataset();
    const Location at = location_of(f);
    const auto& mf = required(f, "measures", at);
    const auto codes = list_of(mf);
    if (codes.size() != 1) throw Error(mf.where, "a map shows one measure: give one code in 'measures'");
    const data::Measure* m = ds.measure(codes.front());
    if (!m) throw Error(mf.where, "unknown measure '" + codes.front() + "'");
    if (m->unit == Unit::Rating) throw Error(mf.where, "'" + m->code + "' is a rating, not a figure a map can band");
    const MappedPlaces mapped = mapped_places(ds, f, at);
    const data::BoundaryLayer& layer = boundary_layer(ds, f, at);
    if (!atlas_ || !atlas_->has_file(layer.file))
        throw Error(layer.where, "the boundary file 'data/boundaries/" + layer.file + "' could not be read");
    std::vector<std::string> gss;
    for (const data::Place* p : mapped.places) {
        if (p->gss.empty())
            throw Error(p->where, "the place '" + p->code + "' has no GSS code (the gss column), which the map at " +
                                      to_string(mapped.where) + " needs to find its boundary");
        if (std::string why = atlas_->missing(layer.file, p->gss); !why.empty())
            throw Error(p->gss_at, why + " (the map at " + to_string(mapped.where) + " draws " + p->name + ")");
        gss.push_back(p->gss);
    }
    MapClasses classes;
    if (auto it = f.find("classes"); it != f.end()) {
        std::string why;
        auto parsed = parse_map_classes(it->second, m->unit, &why);
        if (!parsed) throw Error(it->second.where, why);
        classes = *parsed;
    }
    std::optional<std::string> period;
    if (auto it = f.find("period"); it != f.end()) period = it->second.value;

    // ---- the figures: a place with none is drawn as "no data", never as zero ----
    model::Chart& c = fig.chart;
    c.type = model::ChartType::Map;
    c.unit = unit_name(m->unit);
    c.value_axis_title = m->title;
    model::ChartSeries series{m->short_title.empty() ? m->title : m->short_title, {}};
    std::vector<std::string> sources, rows;
    for (const data::Place* p : mapped.places) {
        std::string why;
        auto v = figures_.get(m->code, p->code, period, &why);
        model::ChartPoint pt;
        if (v) {
            if (!v->value.is_missing()) pt.value = v->value.amount();
            pt.label = format_value(v->value);
            add_unique(sources, v->sources);
            rows.push_back(CsvBuilder::row(ds, *v));
        } else {
            pt.label = "No figure";
            rows.push_back(csv_field(m->code) + "," + csv_field(m->title) + "," + csv_field(p->code) + "," +
                           csv_field(period.value_or("")) + ",," + unit_name(m->unit) + ",no figure,,,");
        }
        c.categories.push_back(p->name);
        series.points.push_back(std::move(pt));
    }
    MapBanding banding = band_values(series.points, classes, m->unit);
    c.band_of = std::move(banding.band_of);
    c.bands = std::move(banding.bands);
    c.bands_title = banding.title;
    c.series.push_back(std::move(series));
    fig.csv = std::string(CsvBuilder::kHeader) + ",gss,band\n";
    for (size_t i = 0; i < rows.size(); ++i)
        fig.csv += rows[i] + "," + gss[i] + "," +
                   csv_field(c.band_of[i] < 0 ? "No data" : c.bands[static_cast<size_t>(c.band_of[i])].label) + "\n";

    // ---- the shapes, and the outline of the pack's own place ----
    try {
        c.shapes = *atlas_->shapes(layer.file, gss);
    } catch (const Error& e) {
        throw Error(e.where().file.empty() ? mapped.where : e.where(), e.message());
    }
    if (auto it = f.find("highlight"); it != f.end()) {
        const bool here = it->second.value == kHerePlace;
        if (here && focus_.empty()) throw Error(it->second.where, kNoFocusError);
        const std::string code = here ? focus_ : it->second.value;
        const data::Place* p = ds.place(code);
        if (!p) throw Error(it->second.where, "unknown place '" + code + "'");
        const auto which = outlined(ds, mapped.places, code);
        // A pack for a place that is not on the map draws it without an outline; a place named
        // outright must be on it.
        if (which.empty() && !here)
            throw Error(it->second.where, "'" + code + "' is not on the map, nor are any of its members");
        if (!which.empty()) {
            c.highlight = geo::Atlas::outline(*c.shapes, which);
            c.highlight_name = p->name;
        }
    }

    fig.summary = chart_summary(c, {m->title}, {m->polarity});
    add_unique(sources, {layer.source});
    fig.source = source_line(ds, sources);
    fig.attribution = layer.attribution;
    fig.source_codes = sources;
    model::Block b;
    b.kind = model::BlockKind::Figure;
    b.figure = std::move(fig);
    return b;
}

}  // namespace ep::narrative
