// Longitude and latitude onto the British National Grid, with PROJ (internal to generator/geo).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "model/document.h"

namespace ep::geo {

// The transformation used: PROJ's EPSG:4326 to EPSG:27700 that needs no grid file, "Inverse of
// OSGB36 to WGS 84 (6) + British National Grid" (a 7-parameter Helmert shift, within a few
// metres in Great Britain), longitude first. Written out rather than looked up because PROJ's
// own choice depends on which grid files a machine has (OSTN15, when present, moves points by a
// metre or two), and the drawing must not; and because a PROJ string needs no database, whose
// opening costs 25 M instructions a build. tests/unit/test_maps.cpp checks it is what the
// database gives.
inline constexpr const char* kNationalGridPipeline =
    "proj=pipeline step proj=unitconvert xy_in=deg xy_out=rad step proj=push v_3 step proj=cart ellps=WGS84 "
    "step inv proj=helmert x=446.448 y=-125.157 z=542.06 rx=0.15 ry=0.247 rz=0.842 s=-20.489 "
    "convention=position_vector step inv proj=cart ellps=airy step proj=pop v_3 step proj=tmerc lat_0=49 "
    "lon_0=-2 k=0.9996012717 x_0=400000 y_0=-100000 ellps=airy";

// That transformation as PROJ's database defines it today (for the test).
std::string national_grid_pipeline_from_epsg();

// The transformation, ready to use: one per thread. Throws Error (with no location) when PROJ
// cannot make it.
class NationalGrid {
public:
    NationalGrid();
    ~NationalGrid();
    NationalGrid(const NationalGrid&) = delete;
    NationalGrid& operator=(const NationalGrid&) = delete;
    // In place: longitude/latitude to metres east and north, or (inverse) back. A position
    // outside what the grid can show becomes infinite.
    void forward(std::vector<model::MapPoint>& points) const;
    void inverse(std::vector<model::MapPoint>& points) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ep::geo
