// Boundaries for maps: the TopoJSON and GeoJSON files of data/boundaries/, read and projected
// onto the British National Grid once per build, and the shapes of a map drawn from them:
// framed, clipped, dissolved (a county is the union of its districts) and simplified to the
// drawing's resolution with shared borders kept shared. GEOS, PROJ and nlohmann-json are used
// here only; what leaves this stage is model::MapShapes, plain coordinates any backend can draw.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "data/dataset.h"
#include "model/document.h"

namespace ep::geo {

// Simplification keeps every shape within frame width / kFrameSteps of its true line: at the
// width a map is drawn (about 420 layout units, 300 pt in the PDF) that is half a unit, 0.14 mm
// on paper, below what the eye or the printer resolves.
inline constexpr double kFrameSteps = 800;


class Atlas {
public:
    Atlas();
    ~Atlas();
    Atlas(const Atlas&) = delete;
    Atlas& operator=(const Atlas&) = delete;

    // Reads every file of data/boundaries/boundaries.csv (`data_dir` is the project's data/
    // folder, `shown_dir` its name in messages). A missing file, malformed JSON, a feature
    // without the listed properties, or coordinates that are not longitude and latitude are
    // errors at the file's line and column.
    void load(const std::string& data_dir, const std::string& shown_dir, const data::Dataset& ds, Diagnostics& d);

    bool has_file(const std::string& file) const;

    // Why the area `gss` cannot be drawn from `file` ("" when it can): a feature of the file, or
    // an area of areas.csv whose parts all are.
    std::string missing(const std::string& file, const std::string& gss) const;

    // The shapes of a map of the areas `gss` (one per mapped place, in order) drawn from `file`:
    // the frame around them with a margin, each mapped area dissolved from its parts, the areas
    // around them clipped to the frame (each area of areas.csv as one), all simplified together.
    // Cached: every pack drawing the same map shares one. Safe to call from several threads.
    // Throws Error (with no location) when two mapped areas overlap.
    std::shared_ptr<const model::MapShapes> shapes(const std::string& file, const std::vector<std::string>& gss) const;

    // The outline of the union of some of the mapped places (indexes into shapes.places).
    static std::vector<model::MapRing> outline(const model::MapShapes& shapes, const std::vector<size_t>& places);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ep::geo
