// The borders of a map's areas as one set of lines (internal to generator/geo).
#pragma once

#include <cstdint>
#include <vector>

#include "model/document.h"

namespace ep::geo {

// Every ring of every area of a map, each segment once, each knowing the areas on its two sides:
// a border two areas share is in both their rings and is kept once (so it is simplified once and
// stays shared), and a border between two parts of one area (the districts of a county) is
// dropped, which dissolves the area. chains() joins what is left into lines running from one
// junction (where three or more segments meet, or a line ends) to the next, as TopoJSON's arcs do.
class Linework {
public:
    // Adds a closed ring of area `area` (any number >= 0).
    void add_ring(const model::MapRing& ring, int area);
    std::vector<model::MapRing> chains() const;

private:
    int node(const model::MapPoint& p);
    size_t edge(int i, int j);
    // A segment and how often the rings of (at most) two areas run along it. Where an area's
    // rings run along it an even number of times (two of its parts side by side, or a ring
    // doubling back, as quantized TopoJSON rings can) it is not that area's border; where
    // neither area's count is odd, it is no border at all and is left out.
    struct Edge {
        int a, b;
        int area[2] = {-1, -1};
        int count[2] = {0, 0};
        bool border() const { return count[0] % 2 == 1 || count[1] % 2 == 1; }
    };
    // Open-addressed hash tables (a map's rings hold tens of thousands of points, and a table
    // of nodes takes a quarter of the time std::unordered_map does): point slots hold an index
    // into points_, edge slots an index into edges_, -1 when empty.
    std::vector<model::MapPoint> points_;
    std::vector<int> point_slots_ = std::vector<int>(1024, -1);
    std::vector<Edge> edges_;
    std::vector<int> edge_slots_ = std::vector<int>(1024, -1);
};

}  // namespace ep::geo
