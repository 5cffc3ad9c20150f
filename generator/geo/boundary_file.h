// Reading one boundary file (internal to generator/geo): TopoJSON or GeoJSON into features.
#pragma once

#include <string>
#include <vector>

#include "model/document.h"

namespace ep::geo {

// One area of a boundary file, in longitude and latitude (x, y).
struct Feature {
    std::string code, name;
    std::vector<model::MapPolygon> polygons;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;   // bounding box
};

// Reads a TopoJSON Topology (every object's Polygon and MultiPolygon geometries, arcs decoded
// with the file's quantization transform) or a GeoJSON FeatureCollection. Each feature's GSS
// code and name are the properties named. Features sharing a code are one area. Throws Error at
// the line and column of what is wrong (malformed JSON, a missing property, a bad arc index,
// coordinates that are not longitude and latitude).
std::vector<Feature> read_boundary_file(const std::string& bytes, const std::string& shown,
                                        const std::string& code_property, const std::string& name_property);

}  // namespace ep::geo
