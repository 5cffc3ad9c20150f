// TopoJSON and GeoJSON boundary files into features, every problem at its line and column.
#include "geo/boundary_file.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>

#include <nlohmann/json.hpp>

#include "core/diagnostics.h"

namespace ep::geo {

namespace {

using nlohmann::json;

// The member every JSON object with a "type" gets while it is parsed: its byte offset, so a
// problem found after parsing can still be reported at its line and column.
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

[[noreturn]] void malformed(const json::parse_error& e, const std::string& text, const std::string& shown) {
    // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error ..."
    const std::string what = e.what();
    const size_t colon = what.find(": ");
    const std::string why = colon == std::string::npos ? what : what.substr(colon + 2);
    throw Error(location_at(text, e.byte > 0 ? e.byte - 1 : 0, shown), "malformed JSON: " + why);
}

// Parses `text`, recording in each object that has a "type" member the offset of its '{'.
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
        malformed(e, text, shown);
    }
}

// Reads the parsed document, reporting problems at the object they are in.
class Reader {
public:
    Reader(const std::string& text, const std::string& shown, const std::string& code_property,
           const std::string& name_property)
        : text_(text), shown_(shown), code_property_(code_property), name_property_(name_property) {}

    std::vector<Feature> read(const json& root) {
        if (!root.is_object() || !root.contains("type") || !root["type"].is_string())
            throw Error({shown_, 1, 1}, "this is not a TopoJSON Topology or a GeoJSON FeatureCollection (no \"type\")");
        const std::string type = root["type"];
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
    [[noreturn]] void fail(const json& object, const std::string& message) const {
        size_t offset = object.is_object() && object.contains(kAt) ? object[kAt].get<size_t>() : 0;
        throw Error(location_at(text_, offset, shown_), message);
    }

    const json& member(const json& object, const char* key, const json& at) const {
        if (!object.is_object() || !object.contains(key)) fail(at, std::string("the \"") + key + "\" member is missing");
        return object[key];
    }

    // The feature (or TopoJSON geometry) `properties`' code and name, checked.
    Feature& feature_for(const json& object) {
        const json& props = object.contains("properties") ? object["properties"] : json();
        auto text_of = [&](const std::string& key) {
            if (!props.is_object() || !props.contains(key) || !props[key].is_string())
                fail(object, "this area has no property \"" + key + "\" (data/boundaries/boundaries.csv names it)");
            return props[key].get<std::string>();
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

    model::MapPoint position(const json& p, const json& at) const {
        if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number())
            fail(at, "a position must be an array of two numbers, [longitude, latitude]");
        return lon_lat(p[0].get<double>(), p[1].get<double>(), at);
    }

    model::MapPoint lon_lat(double x, double y, const json& at) const {
        if (!std::isfinite(x) || !std::isfinite(y) || std::fabs(x) > 180 || std::fabs(y) > 90)
            fail(at, "the coordinates are not longitude and latitude (WGS 84, as GeoJSON and TopoJSON files "
                     "hold them)");
        return {x, y};
    }

    // ---- GeoJSON -------------------------------------------------------------------------

    void read_feature_collection(const json& root) {
        const json& features = member(root, "features", root);
        if (!features.is_array()) fail(root, "\"features\" must be an array");
        for (const json& f : features) {
            if (!f.is_object() || !f.contains("geometry")) fail(f.is_object() ? f : root, "a feature needs a \"geometry\"");
            const json& g = f["geometry"];
            if (g.is_null()) continue;   // GeoJSON allows a feature with no geometry
            const std::string type = g.is_object() && g.contains("type") && g["type"].is_string() ? g["type"].get<std::string>() : "";
            if (type != "Polygon" && type != "MultiPolygon")
                fail(g.is_object() ? g : f, "only Polygon and MultiPolygon geometries can be mapped (this is \"" + type + "\")");
            Feature& out = feature_for(f);
            const json& coords = member(g, "coordinates", g);
            if (type == "Polygon") out.polygons.push_back(polygon_of_coordinates(coords, g));
            else
                for (const json& poly : array_of(coords, g)) out.polygons.push_back(polygon_of_coordinates(poly, g));
        }
    }

    const json& array_of(const json& v, const json& at) const {
        if (!v.is_array()) fail(at, "\"coordinates\" must be nested arrays of positions");
        return v;
    }

    model::MapPolygon polygon_of_coordinates(const json& rings, const json& at) const {
        model::MapPolygon poly;
        for (const json& ring : array_of(rings, at)) {
            model::MapRing r;
            for (const json& p : array_of(ring, at)) r.push_back(position(p, at));
            poly.push_back(closed_ring(std::move(r), at));
        }
        if (poly.empty()) fail(at, "a polygon needs at least its outer ring");
        return poly;
    }

    // A ring as the model holds it: at least three points, the closing point not repeated.
    model::MapRing closed_ring(model::MapRing r, const json& at) const {
        if (r.size() >= 2 && r.front().x == r.back().x && r.front().y == r.back().y) r.pop_back();
        if (r.size() < 3) fail(at, "a ring needs at least four positions, the last the same as the first");
        return r;
    }

    // ---- TopoJSON ------------------------------------------------------------------------

    void read_topology(const json& root) {
        decode_arcs(root);
        const json& objects = member(root, "objects", root);
        if (!objects.is_object() || objects.empty()) fail(root, "\"objects\" must hold at least one object");
        for (const auto& [name, object] : objects.items()) read_topology_geometry(object);
    }

    void decode_arcs(const json& root) {
        double sx = 1, sy = 1, tx = 0, ty = 0;
        bool quantized = false;
        if (root.contains("transform")) {
            const json& t = root["transform"];
            const json& s = member(t, "scale", root);
            const json& tr = member(t, "translate", root);
            if (!s.is_array() || s.size() != 2 || !tr.is_array() || tr.size() != 2 || !s[0].is_number() ||
                !s[1].is_number() || !tr[0].is_number() || !tr[1].is_number())
                fail(root, "\"transform\" needs \"scale\" and \"translate\", each two numbers");
            sx = s[0], sy = s[1], tx = tr[0], ty = tr[1];
            quantized = true;
        }
        const json& arcs = member(root, "arcs", root);
        if (!arcs.is_array()) fail(root, "\"arcs\" must be an array of arcs");
        arcs_.reserve(arcs.size());
        for (const json& arc : arcs) {
            if (!arc.is_array() || arc.size() < 2) fail(root, "arc " + std::to_string(arcs_.size()) + " needs at least two positions");
            model::MapRing points;
            points.reserve(arc.size());
            double x = 0, y = 0;   // quantized positions are deltas from the previous one
            for (const json& p : arc) {
                if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number())
                    fail(root, "arc " + std::to_string(arcs_.size()) + " has a position that is not two numbers");
                if (quantized) {
                    x += p[0].get<double>(), y += p[1].get<double>();
                    points.push_back(lon_lat(x * sx + tx, y * sy + ty, root));
                } else {
                    points.push_back(position(p, root));
                }
            }
            arcs_.push_back(std::move(points));
        }
    }

    void read_topology_geometry(const json& g) {
        if (!g.is_object() || !g.contains("type") || !g["type"].is_string()) fail(g, "a geometry needs a \"type\"");
        const std::string type = g["type"];
        if (type == "GeometryCollection") {
            const json& members = member(g, "geometries", g);
            if (!members.is_array()) fail(g, "\"geometries\" must be an array");
            for (const json& m : members) read_topology_geometry(m);
            return;
        }
        if (type != "Polygon" && type != "MultiPolygon")
            fail(g, "only Polygon and MultiPolygon geometries can be mapped (this is \"" + type + "\")");
        Feature& out = feature_for(g);
        const json& arcs = member(g, "arcs", g);
        if (!arcs.is_array()) fail(g, "\"arcs\" must be nested arrays of arc indexes");
        if (type == "Polygon") out.polygons.push_back(polygon_of_arcs(arcs, g));
        else
            for (const json& poly : arcs) out.polygons.push_back(polygon_of_arcs(poly, g));
    }

    model::MapPolygon polygon_of_arcs(const json& rings, const json& at) const {
        if (!rings.is_array() || rings.empty()) fail(at, "a polygon needs at least its outer ring of arcs");
        model::MapPolygon poly;
        for (const json& ring : rings) {
            if (!ring.is_array() || ring.empty()) fail(at, "a ring must be an array of arc indexes");
            model::MapRing r;
            for (const json& index : ring) {
                if (!index.is_number_integer()) fail(at, "an arc index must be a whole number");
                const long long i = index.get<long long>();
                const long long arc = i < 0 ? ~i : i;   // ~i: arc i, reversed
                if (arc >= static_cast<long long>(arcs_.size()))
                    fail(at, "arc " + std::to_string(arc) + " is referred to, but the file has " +
                                 std::to_string(arcs_.size()) + " arcs");
                const model::MapRing& pts = arcs_[static_cast<size_t>(arc)];
                // Each arc starts where the last ended: its first position is not repeated.
                if (i >= 0) r.insert(r.end(), pts.begin() + (r.empty() ? 0 : 1), pts.end());
                else r.insert(r.end(), pts.rbegin() + (r.empty() ? 0 : 1), pts.rend());
            }
            poly.push_back(closed_ring(std::move(r), at));
        }
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
    // Parsed as it is (recording where every object starts takes a third of the time): only a
    // file with a problem is parsed again with the offsets, to say where the problem is.
    json root;
    try {
        root = json::parse(bytes);
        return Reader(bytes, shown, code_property, name_property).read(root);
    } catch (const json::parse_error& e) {
        malformed(e, bytes, shown);
    } catch (const Error&) {
        root = parse_with_offsets(bytes, shown);
    }
    return Reader(bytes, shown, code_property, name_property).read(root);   // throws the problem, placed
}

}  // namespace ep::geo
