// The shapes of a map. The work is done in longitude and latitude, scaled to metres around the
// map's middle, and only what is drawn is projected: one linework for every area around the
// mapped places, each border once (so a border two areas share is simplified once and stays
// shared: no slivers, no gaps) and the borders inside a dissolved area left out; simplified,
// noded again and cut back into faces (GEOS); each face given to the area whose boundary holds
// it; then onto the British National Grid (PROJ) and clipped to the frame.
#include "geo/atlas.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <mutex>

#include <geos_c.h>

#include "data/csv_reader.h"
#include "geo/boundary_file.h"
#include "geo/linework.h"
#include "geo/projection.h"

namespace ep::geo {

namespace fs = std::filesystem;

namespace {

// The frame: the mapped areas' bounding box with this share of its longer side around it, so
// the areas around them show, widened (or heightened) to between these proportions so a long,
// thin group of places still gets a frame a page can hold.
constexpr double kMargin = 0.12;
constexpr double kMinAspect = 0.6, kMaxAspect = 1.0;   // height / width
// A label's place is found to within frame width / kLabelSteps (4 layout units): enough to
// centre a name (the layout moves it where it does not fit; from a coarser centre it has to
// look further, which costs more than finding the centre more closely).
constexpr double kLabelSteps = 100;

// A GEOS context for one computation, with its messages kept for the error it ends in.
class Geos {
public:
    Geos() : h_(GEOS_init_r()) { GEOSContext_setErrorMessageHandler_r(h_, &Geos::keep, &message_); }
    ~Geos() { GEOS_finish_r(h_); }
    Geos(const Geos&) = delete;
    Geos& operator=(const Geos&) = delete;
    GEOSContextHandle_t h() const { return h_; }
    // `g`, or an Error naming what GEOS could not do.
    GEOSGeometry* check(GEOSGeometry* g, const char* what) const {
        if (!g) throw Error({}, std::string("GEOS could not ") + what + (message_.empty() ? "" : ": " + message_));
        return g;
    }

private:
    static void keep(const char* message, void* into) { *static_cast<std::string*>(into) = message; }
    GEOSContextHandle_t h_;
    std::string message_;
};

struct GeomDeleter {
    GEOSContextHandle_t h;
    void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(h, g); }
};
using Geom = std::unique_ptr<GEOSGeometry, GeomDeleter>;

Geom own(const Geos& geos, GEOSGeometry* g, const char* what) { return Geom(geos.check(g, what), {geos.h()}); }

// A ring's coordinates, closed (the first point again at the end), as GEOS wants them.
GEOSCoordSequence* sequence(const Geos& geos, const model::MapRing& ring) {
    std::vector<double> xy;
    xy.reserve(ring.size() * 2 + 2);
    for (const auto& p : ring) xy.push_back(p.x), xy.push_back(p.y);
    xy.push_back(ring.front().x), xy.push_back(ring.front().y);
    return GEOSCoordSeq_copyFromBuffer_r(geos.h(), xy.data(), ring.size() + 1, 0, 0);
}

GEOSGeometry* ring_line(const Geos& geos, const model::MapRing& ring) {
    return geos.check(GEOSGeom_createLineString_r(geos.h(), sequence(geos, ring)), "make a line");
}

GEOSGeometry* polygon(const Geos& geos, const model::MapPolygon& p) {
    GEOSGeometry* shell = geos.check(GEOSGeom_createLinearRing_r(geos.h(), sequence(geos, p.front())), "make a ring");
    std::vector<GEOSGeometry*> holes;
    for (size_t i = 1; i < p.size(); ++i)
        holes.push_back(geos.check(GEOSGeom_createLinearRing_r(geos.h(), sequence(geos, p[i])), "make a ring"));
    return geos.check(GEOSGeom_createPolygon_r(geos.h(), shell, holes.data(), static_cast<unsigned>(holes.size())),
                      "make a polygon");
}

Geom collection(const Geos& geos, int type, std::vector<GEOSGeometry*>& parts) {
    return own(geos, GEOSGeom_createCollection_r(geos.h(), type, parts.data(), static_cast<unsigned>(parts.size())),
               "make a collection");
}

Geom multipolygon(const Geos& geos, const std::vector<model::MapPolygon>& polygons) {
    std::vector<GEOSGeometry*> parts;
    for (const auto& p : polygons) parts.push_back(polygon(geos, p));
    return collection(geos, GEOS_MULTIPOLYGON, parts);
}

model::MapRing ring_of(const Geos& geos, const GEOSGeometry* ring) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(geos.h(), ring);
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(geos.h(), seq, &n);
    std::vector<double> xy(2 * static_cast<size_t>(n));
    GEOSCoordSeq_copyToBuffer_r(geos.h(), seq, xy.data(), 0, 0);
    model::MapRing out;
    for (unsigned i = 0; i + 1 < n; ++i) out.push_back({xy[2 * i], xy[2 * i + 1]});   // the closing point dropped
    return out;
}

GEOSGeometry* open_line(const Geos& geos, const model::MapRing& points) {
    std::vector<double> xy;
    for (const auto& p : points) xy.push_back(p.x), xy.push_back(p.y);
    GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(geos.h(), xy.data(), points.size(), 0, 0);
    return geos.check(GEOSGeom_createLineString_r(geos.h(), seq), "make a line");
}

// The polygons of a Polygon, MultiPolygon or collection of them.
void polygons_of(const Geos& geos, const GEOSGeometry* g, std::vector<model::MapPolygon>& out) {
    const int type = GEOSGeomTypeId_r(geos.h(), g);
    if (type == GEOS_POLYGON) {
        model::MapPolygon p{ring_of(geos, GEOSGetExteriorRing_r(geos.h(), g))};
        for (int i = 0, n = GEOSGetNumInteriorRings_r(geos.h(), g); i < n; ++i)
            p.push_back(ring_of(geos, GEOSGetInteriorRingN_r(geos.h(), g, i)));
        if (p.front().size() >= 3) out.push_back(std::move(p));
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        for (int i = 0, n = GEOSGetNumGeometries_r(geos.h(), g); i < n; ++i)
            polygons_of(geos, GEOSGetGeometryN_r(geos.h(), g, i), out);
    }
}

double ring_area(const model::MapRing& r) {
    double twice = 0;
    for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) twice += (r[j].x + r[i].x) * (r[j].y - r[i].y);
    return std::fabs(twice) / 2;
}

// Drops parts and holes of less than `speck` square metres, keeping the largest part.
void drop_specks(std::vector<model::MapPolygon>& polygons, double speck) {
    size_t largest = 0;
    for (size_t i = 1; i < polygons.size(); ++i)
        if (ring_area(polygons[i].front()) > ring_area(polygons[largest].front())) largest = i;
    std::vector<model::MapPolygon> kept;
    for (size_t i = 0; i < polygons.size(); ++i) {
        if (i != largest && ring_area(polygons[i].front()) < speck) continue;
        model::MapPolygon p{polygons[i].front()};
        for (size_t h = 1; h < polygons[i].size(); ++h)
            if (ring_area(polygons[i][h]) >= speck) p.push_back(polygons[i][h]);
        kept.push_back(std::move(p));
    }
    polygons = std::move(kept);
}

struct Frame {
    double x0, y0, x1, y1;
    bool overlaps(const Feature& f) const { return f.x1 >= x0 && f.x0 <= x1 && f.y1 >= y0 && f.y0 <= y1; }
    void add(const model::MapPoint& p) { x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y); }
};
constexpr Frame kEmpty{HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL};

// The corners and the middles of the sides of a box: where its edges' extremes are, near enough,
// after a projection that turns it by a degree or two.
std::vector<model::MapPoint> outline_points(const Frame& f) {
    const double mx = (f.x0 + f.x1) / 2, my = (f.y0 + f.y1) / 2;
    return {{f.x0, f.y0}, {mx, f.y0}, {f.x1, f.y0}, {f.x1, my}, {f.x1, f.y1}, {mx, f.y1}, {f.x0, f.y1}, {f.x0, my}};
}

// Longitude and latitude as metres east and north of a point, near enough for simplifying and
// for telling which area a point is in (within a few parts in a thousand over a county).
struct LocalMetres {
    double lon0, lat0, kx, ky;
    explicit LocalMetres(const Frame& f)
        : lon0((f.x0 + f.x1) / 2), lat0((f.y0 + f.y1) / 2), kx(kMetresPerDegree * std::cos(lat0 * kPi / 180)),
          ky(kMetresPerDegree) {}
    model::MapPoint to(const model::MapPoint& p) const { return {(p.x - lon0) * kx, (p.y - lat0) * ky}; }
    model::MapPoint from(const model::MapPoint& p) const { return {p.x / kx + lon0, p.y / ky + lat0}; }
    static constexpr double kMetresPerDegree = 111195;
    static constexpr double kPi = 3.14159265358979323846;
};

// Even-odd, as the shapes are filled.
bool inside(const std::vector<model::MapPolygon>& polygons, const model::MapPoint& q) {
    bool in = false;
    for (const auto& poly : polygons)
        for (const auto& r : poly)
            for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
                if ((r[i].y > q.y) != (r[j].y > q.y) && q.x < (r[j].x - r[i].x) * (q.y - r[i].y) / (r[j].y - r[i].y) + r[i].x)
                    in = !in;
    return in;
}

Frame frame_around(double x0, double y0, double x1, double y1) {
    const double m = kMargin * std::max(x1 - x0, y1 - y0);
    Frame f{x0 - m, y0 - m, x1 + m, y1 + m};
    const double w = f.x1 - f.x0, h = f.y1 - f.y0;
    if (h < kMinAspect * w) {
        const double grow = (kMinAspect * w - h) / 2;
        f.y0 -= grow, f.y1 += grow;
    } else if (h > kMaxAspect * w) {
        const double grow = (h / kMaxAspect - w) / 2;
        f.x0 -= grow, f.x1 += grow;
    }
    return f;
}

// Where the area's name goes: the centre of the largest circle inside it.
void place_label(const Geos& geos, const GEOSGeometry* g, double tolerance, model::MapShape& shape) {
    Geom circle = own(geos, GEOSMaximumInscribedCircle_r(geos.h(), g, tolerance), "find a label's place");
    Geom centre = own(geos, GEOSGeomGetStartPoint_r(geos.h(), circle.get()), "find a label's place");
    GEOSGeomGetX_r(geos.h(), centre.get(), &shape.label.x);
    GEOSGeomGetY_r(geos.h(), centre.get(), &shape.label.y);
    GEOSGeomGetLength_r(geos.h(), circle.get(), &shape.label_room);
}

}  // namespace

struct Atlas::Impl {
    struct File {
        std::vector<Feature> features;
        std::map<std::string, size_t> index;   // GSS code -> feature
    };
    std::map<std::string, File> files;         // by file name in data/boundaries/
    std::vector<data::CombinedArea> areas;
    mutable std::mutex mutex;
    mutable std::map<std::string, std::shared_ptr<const model::MapShapes>> cache;

    const data::CombinedArea* area(const std::string& gss) const {
        for (const auto& a : areas)
            if (a.code == gss) return &a;
        return nullptr;
    }
    // The features an area is drawn from: itself, or the parts of an area of areas.csv.
    std::vector<size_t> parts_of(const File& file, const std::string& gss) const {
        if (auto it = file.index.find(gss); it != file.index.end()) return {it->second};
        std::vector<size_t> out;
        if (const auto* a = area(gss))
            for (const auto& part : a->parts)
                if (auto it = file.index.find(part); it != file.index.end()) out.push_back(it->second);
        return out;
    }
    std::shared_ptr<const model::MapShapes> compute(const File& file, const std::vector<std::string>& gss) const;
};

Atlas::Atlas() : impl_(std::make_unique<Impl>()) {}
Atlas::~Atlas() = default;

void Atlas::load(const std::string& data_dir, const std::string& shown_dir, const data::Dataset& ds, Diagnostics& d) {
    impl_->areas = ds.combined_areas;
    for (const auto& layer : ds.boundary_layers) {
        const fs::path path = fs::path(data_dir) / "boundaries" / layer.file;
        const std::string shown = shown_dir + "/boundaries/" + layer.file;
        if (!fs::is_regular_file(path)) {
            d.error(layer.where, "the boundary file '" + shown + "' is missing");
            continue;
        }
        try {
            Impl::File file;
            file.features = read_boundary_file(data::read_file(path.string(), shown), shown, layer.code_property,
                                               layer.name_property);
            for (size_t i = 0; i < file.features.size(); ++i) file.index[file.features[i].code] = i;
            impl_->files[layer.file] = std::move(file);
        } catch (const Error& e) {
            d.add(e);
        }
    }
}

bool Atlas::has_file(const std::string& file) const { return impl_->files.count(file) > 0; }

std::string Atlas::missing(const std::string& file, const std::string& gss) const {
    auto f = impl_->files.find(file);
    if (f == impl_->files.end()) return "the boundary file '" + file + "' is not loaded";
    if (f->second.index.count(gss)) return "";
    const data::CombinedArea* a = impl_->area(gss);
    if (!a) return "no area in data/boundaries/" + file + " has the GSS code " + gss;
    for (const auto& part : a->parts)
        if (!f->second.index.count(part))
            return gss + " (" + a->name + ") is made of " + std::to_string(a->parts.size()) +
                   " areas in data/boundaries/areas.csv, but data/boundaries/" + file + " has no area " + part;
    return "";
}

std::shared_ptr<const model::MapShapes> Atlas::shapes(const std::string& file, const std::vector<std::string>& gss) const {
    std::string key = file;
    for (const auto& g : gss) key += "\n" + g;
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        if (auto it = impl_->cache.find(key); it != impl_->cache.end()) return it->second;
    }
    auto f = impl_->files.find(file);
    if (f == impl_->files.end()) throw Error({}, "the boundary file '" + file + "' is not loaded");
    auto shapes = impl_->compute(f->second, gss);
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->cache.try_emplace(key, std::move(shapes)).first->second;
}

std::shared_ptr<const model::MapShapes> Atlas::Impl::compute(const File& file, const std::vector<std::string>& gss) const {
    const auto& features = file.features;
    const NationalGrid grid;
    // ---- which features each mapped place is drawn from ----
    std::vector<int> owner(features.size(), -1);   // mapped place of each feature, -1: none
    Frame mapped = kEmpty;                          // their box, in longitude and latitude
    for (size_t p = 0; p < gss.size(); ++p) {
        const auto parts = parts_of(file, gss[p]);
        if (parts.empty()) throw Error({}, "no area has the GSS code " + gss[p]);
        for (size_t i : parts) {
            if (owner[i] >= 0)
                throw Error({}, gss[p] + " and " + gss[static_cast<size_t>(owner[i])] + " overlap (both hold " +
                                    features[i].code + ", " + features[i].name + "): a map shows each area once");
            owner[i] = static_cast<int>(p);
            mapped.add({features[i].x0, features[i].y0}), mapped.add({features[i].x1, features[i].y1});
        }
    }
    // ---- the frame, first as its box's corners projected give it, and the window of
    // longitude and latitude that holds it (with room: the grid is turned a little) ----
    auto corners = outline_points(mapped);
    grid.forward(corners);
    Frame projected = kEmpty;
    for (const auto& c : corners) projected.add(c);
    const Frame first = frame_around(projected.x0, projected.y0, projected.x1, projected.y1);
    const double tolerance = (first.x1 - first.x0) / kFrameSteps;
    auto window_points = outline_points({first.x0 - (first.x1 - first.x0) * 0.03, first.y0 - (first.y1 - first.y0) * 0.03,
                                         first.x1 + (first.x1 - first.x0) * 0.03, first.y1 + (first.y1 - first.y0) * 0.03});
    grid.inverse(window_points);
    Frame window = kEmpty;
    for (const auto& w : window_points) window.add(w);
    const LocalMetres local(window);

    // ---- the areas in the window: the mapped places, then the others, an area of areas.csv
    // (a county around the mapped districts) as one ----
    auto out = std::make_shared<model::MapShapes>();
    out->places.resize(gss.size());
    for (size_t p = 0; p < gss.size(); ++p) out->places[p].code = gss[p];
    std::vector<size_t> candidates;
    std::vector<int> group(features.size(), -1);   // index into the places, then the context
    std::map<std::string, int> context_group;
    std::vector<model::MapShape> context;
    for (size_t i = 0; i < features.size(); ++i) {
        if (!window.overlaps(features[i])) continue;
        candidates.push_back(i);
        if (owner[i] >= 0) {
            group[i] = owner[i];
            continue;
        }
        std::string code = features[i].code, name = features[i].name;
        for (const auto& a : areas)
            if (std::find(a.parts.begin(), a.parts.end(), code) != a.parts.end()) {
                code = a.code, name = a.name;
                break;
            }
        auto [it, fresh] = context_group.try_emplace(code, static_cast<int>(gss.size() + context.size()));
        if (fresh) context.push_back({code, name, {}, {}, 0});
        group[i] = it->second;
    }

    // ---- one linework: each border once, those inside an area left out, in local metres ----
    Linework borders;
    for (size_t i : candidates)
        for (const auto& poly : features[i].polygons)
            for (const auto& ring : poly) borders.add_ring(ring, group[i]);
    Geos geos;
    const model::MapPoint lo = local.to({window.x0, window.y0}), hi = local.to({window.x1, window.y1});
    std::vector<GEOSGeometry*> lines;
    for (auto chain : borders.chains()) {
        Frame box = kEmpty;
        for (auto& p : chain) p = local.to(p), box.add(p);
        GEOSGeometry* line = open_line(geos, chain);
        if (box.x0 >= lo.x && box.x1 <= hi.x && box.y0 >= lo.y && box.y1 <= hi.y) {
            lines.push_back(line);
            continue;
        }
        Geom whole(line, {geos.h()});
        lines.push_back(geos.check(GEOSClipByRect_r(geos.h(), whole.get(), lo.x, lo.y, hi.x, hi.y), "clip a line"));
    }
    lines.push_back(ring_line(geos, {{lo.x, lo.y}, {hi.x, lo.y}, {hi.x, hi.y}, {lo.x, hi.y}}));
    Geom merged = collection(geos, GEOS_GEOMETRYCOLLECTION, lines);
    // Each line simplified once (Douglas-Peucker, its ends kept), so a border two areas share
    // stays one line. That can lay two lines between the same two junctions onto one another (a
    // sliver's sides, both made straight) or make one cross another, always within `tolerance`
    // of the true lines; noding again turns every such crossing into a junction, so the faces
    // rebuilt below are closed and never overlap. (GEOS's topology-preserving simplifier avoids
    // the crossings in the first place, but takes 60 times as long: docs/maps.md.)
    Geom simple = own(geos, GEOSSimplify_r(geos.h(), merged.get(), tolerance), "simplify the boundaries");
    Geom renoded = own(geos, GEOSUnaryUnion_r(geos.h(), simple.get()), "node the simplified boundaries");
    const GEOSGeometry* simple_lines[] = {renoded.get()};
    Geom faces = own(geos, GEOSPolygonize_r(geos.h(), simple_lines, 1), "rebuild the areas from their boundaries");

    // ---- each face to the area whose (unsimplified) boundary holds a point inside it; the
    // borders inside an area are gone, so its faces are its parts ----
    std::map<int, std::vector<model::MapPolygon>> parts_of_group;
    for (int k = 0, n = GEOSGetNumGeometries_r(geos.h(), faces.get()); k < n; ++k) {
        const GEOSGeometry* face = GEOSGetGeometryN_r(geos.h(), faces.get(), k);
        Geom point = own(geos, GEOSPointOnSurface_r(geos.h(), face), "find a point inside an area");
        model::MapPoint at;
        GEOSGeomGetX_r(geos.h(), point.get(), &at.x);
        GEOSGeomGetY_r(geos.h(), point.get(), &at.y);
        at = local.from(at);
        for (size_t i : candidates) {
            const Feature& f = features[i];
            if (at.x < f.x0 || at.x > f.x1 || at.y < f.y0 || at.y > f.y1 || !inside(f.polygons, at)) continue;
            polygons_of(geos, face, parts_of_group[group[i]]);
            break;
        }
    }

    // ---- onto the grid; the frame from the places as drawn; the areas around clipped to it ----
    const double speck = tolerance * tolerance;
    auto project = [&](std::vector<model::MapPolygon>& polygons) {
        std::vector<model::MapPoint> all;
        for (const auto& poly : polygons)
            for (const auto& ring : poly)
                for (const auto& p : ring) all.push_back(local.from(p));
        grid.forward(all);
        for (const auto& p : all)
            if (!std::isfinite(p.x) || !std::isfinite(p.y))
                throw Error({}, "the areas lie outside what the British National Grid can show");
        size_t k = 0;
        for (auto& poly : polygons)
            for (auto& ring : poly)
                for (auto& p : ring) p = all[k++];
    };
    Frame drawn = kEmpty;
    for (auto& [g, polygons] : parts_of_group) {
        project(polygons);
        drop_specks(polygons, speck);
        if (g < static_cast<int>(gss.size()))
            for (const auto& poly : polygons)
                for (const auto& p : poly.front()) drawn.add(p);
    }
    for (size_t p = 0; p < gss.size(); ++p)
        if (!parts_of_group.count(static_cast<int>(p))) throw Error({}, "the area " + gss[p] + " has no shape left to draw");
    const Frame frame = frame_around(drawn.x0, drawn.y0, drawn.x1, drawn.y1);
    out->x0 = frame.x0, out->y0 = frame.y0, out->x1 = frame.x1, out->y1 = frame.y1;
    const double label_tolerance = (frame.x1 - frame.x0) / kLabelSteps;
    for (auto& [g, polygons] : parts_of_group) {
        const bool place = g < static_cast<int>(gss.size());
        model::MapShape& shape = place ? out->places[static_cast<size_t>(g)] : context[static_cast<size_t>(g) - gss.size()];
        Geom whole = multipolygon(geos, polygons);
        if (!place) {
            whole = own(geos, GEOSClipByRect_r(geos.h(), whole.get(), frame.x0, frame.y0, frame.x1, frame.y1), "clip an area");
            polygons.clear();
            polygons_of(geos, whole.get(), polygons);
            if (polygons.empty()) continue;   // a neighbour only in the window's margin
        }
        shape.polygons = std::move(polygons);
        place_label(geos, whole.get(), label_tolerance, shape);
    }
    for (auto& c : context)
        if (!c.polygons.empty()) out->context.push_back(std::move(c));
    return out;
}

std::vector<model::MapRing> Atlas::outline(const model::MapShapes& shapes, const std::vector<size_t>& places) {
    std::vector<model::MapRing> rings;
    if (places.size() == 1) {
        for (const auto& poly : shapes.places.at(places.front()).polygons) rings.insert(rings.end(), poly.begin(), poly.end());
        return rings;
    }
    Geos geos;
    std::vector<GEOSGeometry*> parts;
    for (size_t p : places)
        for (const auto& poly : shapes.places.at(p).polygons) parts.push_back(polygon(geos, poly));
    Geom all = collection(geos, GEOS_GEOMETRYCOLLECTION, parts);
    Geom whole = own(geos, GEOSUnaryUnion_r(geos.h(), all.get()), "outline the places");
    std::vector<model::MapPolygon> polygons;
    polygons_of(geos, whole.get(), polygons);
    for (const auto& poly : polygons) rings.insert(rings.end(), poly.begin(), poly.end());
    return rings;
}

}  // namespace ep::geo
