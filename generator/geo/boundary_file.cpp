// TopoJSON and GeoJSON boundary files into features, every problem at its line and column.
//
// A file is read with simdjson, fast; only a file with a problem is read again with
// nlohmann-json, whose parser tells where it stopped and lets each object record where it
// starts, so the problem can be reported at its line and column. One reader serves both, over a
// small view of each library's values, so the two can never disagree on what is a problem.
#include "geo/boundary_file.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "core/diagnostics.h"

namespace ep::geo {

namespace {

using nlohmann::json;

// The member every JSON object with a "type" gets when the file is read for a problem's
// place: its byte offset.
const char* const kAt = "\x01" "at";

Location location_at(const std::string& text, size_t offset, const std::string& shown) {
    Location at{shown, 1, 1};
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') ++at.line, at.column = 1;
        else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++at.column;   // characters, not bytes
    }
    return at;
}

// A character iterator that tells the parser's callback how far the parser has read.
struct TrackedChars {
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;
    const char* p = nullptr;
    const char** read_to = nullptr;
    reference operator*() const { return *p; }
    TrackedChars& operator++() {
        *read_to = ++p;
        return *this;
    }
    TrackedChars operator++(int) {
        TrackedChars before = *this;
        ++*this;
        return before;
    }
    bool operator==(const TrackedChars& o) const { return p == o.p; }
    bool operator!=(const TrackedChars& o) const { return p != o.p; }
};

// Parses `text` with nlohmann-json, recording in each object that has a "type" member the
// offset of its '{'; malformed JSON is an error where the parser stopped.
json parse_with_offsets(const std::string& text, const std::string& shown) {
    const char* read_to = text.data();
    std::vector<size_t> opened;   // offsets of the objects being parsed
    auto callback = [&](int, json::parse_event_t event, json& parsed) {
        if (event == json::parse_event_t::object_start) {
            opened.push_back(static_cast<size_t>(read_to - text.data()) - 1);
        } else if (event == json::parse_event_t::object_end) {
            const size_t start = opened.empty() ? 0 : opened.back();
            if (!opened.empty()) opened.pop_back();
            if (parsed.is_object() && parsed.contains("type")) parsed[kAt] = start;
        }
        return true;
    };
    TrackedChars first{text.data(), &read_to}, last{text.data() + text.size(), &read_to};
    try {
        return json::parse(first, last, callback);
    } catch (const json::parse_error& e) {
        // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error ..."
        const std::string what = e.what();
        const size_t colon = what.find(": ");
        const std::string why = colon == std::string::npos ? what : what.substr(colon + 2);
        throw Error(location_at(text, e.byte > 0 ? e.byte - 1 : 0, shown), "malformed JSON: " + why);
    }
}

// ---- the two views -------------------------------------------------------------------------

// A value of nlohmann-json's, which knows where its object is in the file.
class Located {
public:
    explicit Located(const json& v) : v_(&v) {}
    bool is_object() const { return v_->is_object(); }
    bool is_array() const { return v_->is_array(); }
    bool is_string() const { return v_->is_string(); }
    bool is_number() const { return v_->is_number(); }
    bool is_integer() const { return v_->is_number_integer(); }
    bool is_null() const { return v_->is_null(); }
    bool has(const char* key) const { return v_->is_object() && v_->contains(key); }
    Located operator[](const char* key) const { return Located((*v_)[key]); }
    Located operator[](size_t i) const { return Located((*v_)[i]); }
    size_t size() const { return v_->size(); }
    std::string text() const { return v_->get<std::string>(); }
    double number() const { return v_->get<double>(); }
    long long integer() const { return v_->get<long long>(); }
    template <typename F>
    void each(F f) const {
        for (const json& x : *v_) f(Located(x));
    }
    // The byte offset of this object's '{'; nullopt: not known.
    std::optional<size_t> offset() const {
        if (v_->is_object() && v_->contains(kAt)) return (*v_)[kAt].get<size_t>();
        return 0;
    }

private:
    const json* v_;
};

// A value of simdjson's, which does not know where it is: a problem found in one is looked for
// again in a Located reading.
class Fast {
public:
    explicit Fast(simdjson::dom::element e) : e_(e) {}
    bool is_object() const { return e_.is_object(); }
    bool is_array() const { return e_.is_array(); }
    bool is_string() const { return e_.is_string(); }
    bool is_number() const { return e_.is_number(); }
    bool is_integer() const { return e_.is_int64() || e_.is_uint64(); }
    bool is_null() const { return e_.is_null(); }
    bool has(const char* key) const {
        simdjson::dom::element v;
        return e_.is_object() && !e_[key].get(v);
    }
    // The reader asks only for what it has checked is there, as it would with nlohmann-json.
    Fast operator[](const char* key) const { return Fast(got(e_[key], e_)); }
    Fast operator[](size_t i) const { return Fast(got(e_.at(i), e_)); }
    size_t size() const {
        simdjson::dom::array a;
        simdjson::dom::object o;
        if (!e_.get(a)) return a.size();
        return e_.get(o) ? 0 : o.size();
    }
    std::string text() const { return std::string(got(e_.get_string(), std::string_view())); }
    double number() const { return got(e_.get_double(), 0.0); }
    long long integer() const {
        return e_.is_int64() ? got(e_.get_int64(), int64_t{0}) : static_cast<long long>(got(e_.get_uint64(), uint64_t{0}));
    }
    template <typename F>
    void each(F f) const {
        simdjson::dom::array a;
        simdjson::dom::object o;
        if (!e_.get(a))
            for (simdjson::dom::element x : a) f(Fast(x));
        else if (!e_.get(o))
            for (auto member : o) f(Fast(member.value));
    }
    std::optional<size_t> offset() const { return std::nullopt; }

private:
    // A result's value, or `fallback` where there is none.
    template <typename Result, typename T>
    static T got(Result&& result, T fallback) {
        T v;
        return std::forward<Result>(result).get(v) ? fallback : v;
    }
    simdjson::dom::element e_;
};

// Thrown by a Fast reading at its first problem: the file is read again, Located.
struct Unplaced {};

// Reads the parsed document, reporting problems at the object they are in.
template <typename View>
class Reader {
public:
    Reader(const std::string& text, const std::string& shown, const std::string& code_property,
           const std::string& name_property)
        : text_(text), shown_(shown), code_property_(code_property), name_property_(name_property) {}

    std::vector<Feature> read(const View& root) {
        if (!root.is_object() || !root.has("type") || !root["type"].is_string())
            fail(root, "this is not a TopoJSON Topology or a GeoJSON FeatureCollection (no \"type\")");
        const std::string type = root["type"].text();
        if (type == "Topology") read_topology(root);
        else if (type == "FeatureCollection") read_feature_collection(root);
        else
            fail(root, "the file's type is \"" + type +
                           "\": boundaries must be a TopoJSON Topology or a GeoJSON FeatureCollection");
        if (features_.empty()) fail(root, "the file holds no Polygon or MultiPolygon areas");
        for (Feature& f : features_) {
            f.x0 = f.y0 = HUGE_VAL, f.x1 = f.y1 = -HUGE_VAL;
            for (const auto& polygon : f.polygons)
                for (const auto& ring : polygon)
                    for (const auto& p : ring)
                        f.x0 = std::min(f.x0, p.x), f.y0 = std::min(f.y0, p.y), f.x1 = std::max(f.x1, p.x),
                        f.y1 = std::max(f.y1, p.y);
        }
        return std::move(features_);
    }

private:
    [[noreturn]] void fail(const View& object, const std::string& message) const {
        const auto offset = object.offset();
        if (!offset) throw Unplaced{};
        throw Error(location_at(text_, *offset, shown_), message);
    }

    View member(const View& object, const char* key, const View& at) const {
        if (!object.has(key)) fail(at, std::string("the \"") + key + "\" member is missing");
        return object[key];
    }

    // The feature (or TopoJSON geometry) `properties`' code and name, checked.
    Feature& feature_for(const View& object) {
        auto text_of = [&](const std::string& key) {
            if (!object.has("properties") || !object["properties"].has(key.c_str()) ||
                !object["properties"][key.c_str()].is_string())
                fail(object, "this area has no property \"" + key + "\" (data/boundaries/boundaries.csv names it)");
            return object["properties"][key.c_str()].text();
        };
        const std::string code = text_of(code_property_), name = text_of(name_property_);
        if (auto it = index_.find(code); it != index_.end()) return features_[it->second];   // more parts of one area
        index_[code] = features_.size();
        Feature f;
        f.code = code;
        f.name = name;
        features_.push_back(std::move(f));
        return features_.back();
    }

    model::MapPoint position(const View& p, const View& at) const {
        if (!p.is_array() || p.size() < 2 || !p[size_t{0}].is_number() || !p[size_t{1}].is_number())
            fail(at, "a position must be an array of two numbers, [longitude, latitude]");
        return lon_lat(p[size_t{0}].number(), p[size_t{1}].number(), at);
    }

    model::MapPoint lon_lat(double x, double y, const View& at) const {
        if (!std::isfinite(x) || !std::isfinite(y) || std::fabs(x) > 180 || std::fabs(y) > 90)
            fail(at, "the coordinates are not longitude and latitude (WGS 84, as GeoJSON and TopoJSON files "
                     "hold them)");
        return {x, y};
    }

    // ---- GeoJSON -------------------------------------------------------------------------

    void read_feature_collection(const View& root) {
        const View features = member(root, "features", root);
        if (!features.is_array()) fail(root, "\"features\" must be an array");
        features.each([&](const View& f) {
            if (!f.is_object() || !f.has("geometry")) fail(f.is_object() ? f : root, "a feature needs a \"geometry\"");
            const View g = f["geometry"];
            if (g.is_null()) return;   // GeoJSON allows a feature with no geometry
            const std::string type = g.has("type") && g["type"].is_string() ? g["type"].text() : "";
            if (type != "Polygon" && type != "MultiPolygon")
                fail(g.is_object() ? g : f, "only Polygon and MultiPolygon geometries can be mapped (this is \"" + type + "\")");
            Feature& out = feature_for(f);
            const View coords = member(g, "coordinates", g);
            if (type == "Polygon") out.polygons.push_back(polygon_of_coordinates(coords, g));
            else array_of(coords, g).each([&](const View& poly) { out.polygons.push_back(polygon_of_coordinates(poly, g)); });
        });
    }

    const View& array_of(const View& v, const View& at) const {
        if (!v.is_array()) fail(at, "\"coordinates\" must be nested arrays of positions");
        return v;
    }

    model::MapPolygon polygon_of_coordinates(const View& rings, const View& at) const {
        model::MapPolygon poly;
        array_of(rings, at).each([&](const View& ring) {
            model::MapRing r;
            array_of(ring, at).each([&](const View& p) { r.push_back(position(p, at)); });
            poly.push_back(closed_ring(std::move(r), at));
        });
        if (poly.empty()) fail(at, "a polygon needs at least its outer ring");
        return poly;
    }

    // A ring as the model holds it: at least three points, the closing point not repeated.
    model::MapRing closed_ring(model::MapRing r, const View& at) const {
        if (r.size() >= 2 && r.front().x == r.back().x && r.front().y == r.back().y) r.pop_back();
        if (r.size() < 3) fail(at, "a ring needs at least four positions, the last the same as the first");
        return r;
    }

    // ---- TopoJSON ------------------------------------------------------------------------

    void read_topology(const View& root) {
        decode_arcs(root);
        const View objects = member(root, "objects", root);
        if (!objects.is_object() || objects.size() == 0) fail(root, "\"objects\" must hold at least one object");
        objects.each([&](const View& object) { read_topology_geometry(object); });
    }

    void decode_arcs(const View& root) {
        double sx = 1, sy = 1, tx = 0, ty = 0;
        bool quantized = false;
        if (root.has("transform")) {
            const View t = root["transform"];
            const View s = member(t, "scale", root), tr = member(t, "translate", root);
            if (!s.is_array() || s.size() != 2 || !tr.is_array() || tr.size() != 2 || !s[size_t{0}].is_number() ||
                !s[size_t{1}].is_number() || !tr[size_t{0}].is_number() || !tr[size_t{1}].is_number())
                fail(root, "\"transform\" needs \"scale\" and \"translate\", each two numbers");
            sx = s[size_t{0}].number(), sy = s[size_t{1}].number(), tx = tr[size_t{0}].number(), ty = tr[size_t{1}].number();
            quantized = true;
        }
        const View arcs = member(root, "arcs", root);
        if (!arcs.is_array()) fail(root, "\"arcs\" must be an array of arcs");
        arcs_.reserve(arcs.size());
        arcs.each([&](const View& arc) {
            if (!arc.is_array() || arc.size() < 2) fail(root, "arc " + std::to_string(arcs_.size()) + " needs at least two positions");
            model::MapRing points;
            points.reserve(arc.size());
            double x = 0, y = 0;   // quantized positions are deltas from the previous one
            arc.each([&](const View& p) {
                if (!p.is_array() || p.size() < 2 || !p[size_t{0}].is_number() || !p[size_t{1}].is_number())
                    fail(root, "arc " + std::to_string(arcs_.size()) + " has a position that is not two numbers");
                if (quantized) {
                    x += p[size_t{0}].number(), y += p[size_t{1}].number();
                    points.push_back(lon_lat(x * sx + tx, y * sy + ty, root));
                } else {
                    points.push_back(position(p, root));
                }
            });
            arcs_.push_back(std::move(points));
        });
    }

    void read_topology_geometry(const View& g) {
        if (!g.is_object() || !g.has("type") || !g["type"].is_string()) fail(g, "a geometry needs a \"type\"");
        const std::string type = g["type"].text();
        if (type == "GeometryCollection") {
            const View members = member(g, "geometries", g);
            if (!members.is_array()) fail(g, "\"geometries\" must be an array");
            members.each([&](const View& m) { read_topology_geometry(m); });
            return;
        }
        if (type != "Polygon" && type != "MultiPolygon")
            fail(g, "only Polygon and MultiPolygon geometries can be mapped (this is \"" + type + "\")");
        Feature& out = feature_for(g);
        const View arcs = member(g, "arcs", g);
        if (!arcs.is_array()) fail(g, "\"arcs\" must be nested arrays of arc indexes");
        if (type == "Polygon") out.polygons.push_back(polygon_of_arcs(arcs, g));
        else arcs.each([&](const View& poly) { out.polygons.push_back(polygon_of_arcs(poly, g)); });
    }

    model::MapPolygon polygon_of_arcs(const View& rings, const View& at) const {
        if (!rings.is_array() || rings.size() == 0) fail(at, "a polygon needs at least its outer ring of arcs");
        model::MapPolygon poly;
        rings.each([&](const View& ring) {
            if (!ring.is_array() || ring.size() == 0) fail(at, "a ring must be an array of arc indexes");
            model::MapRing r;
            ring.each([&](const View& index) {
                if (!index.is_integer()) fail(at, "an arc index must be a whole number");
                const long long i = index.integer();
                const long long arc = i < 0 ? ~i : i;   // ~i: arc i, reversed
                if (arc >= static_cast<long long>(arcs_.size()))
                    fail(at, "arc " + std::to_string(arc) + " is referred to, but the file has " +
                                 std::to_string(arcs_.size()) + " arcs");
                const model::MapRing& pts = arcs_[static_cast<size_t>(arc)];
                // Each arc starts where the last ended: its first position is not repeated.
                if (i >= 0) r.insert(r.end(), pts.begin() + (r.empty() ? 0 : 1), pts.end());
                else r.insert(r.end(), pts.rbegin() + (r.empty() ? 0 : 1), pts.rend());
            });
            poly.push_back(closed_ring(std::move(r), at));
        });
        return poly;
    }

    const std::string& text_;
    std::string shown_, code_property_, name_property_;
    std::vector<model::MapRing> arcs_;
    std::vector<Feature> features_;
    std::map<std::string, size_t> index_;
};

}  // namespace

std::vector<Feature> read_boundary_file(const std::string& bytes, const std::string& shown,
                                        const std::string& code_property, const std::string& name_property) {
    // Fast first (simdjson parses a file ten times as fast as nlohmann-json, and records no
    // places); only a file with a problem is read again, Located, to say where it is.
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (!parser.parse(bytes.data(), bytes.size(), true).get(root)) {
        try {
            return Reader<Fast>(bytes, shown, code_property, name_property).read(Fast(root));
        } catch (const Unplaced&) {
        }
    }
    const json located = parse_with_offsets(bytes, shown);   // throws malformed JSON at its place
    return Reader<Located>(bytes, shown, code_property, name_property).read(Located(located));
}

}  // namespace ep::geo
