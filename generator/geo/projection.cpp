// Longitude/latitude onto the British National Grid with PROJ.
#include "geo/projection.h"

#include <proj.h>

#include "core/diagnostics.h"

namespace ep::geo {

namespace {

struct ContextDeleter {
    void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); }
};
struct PjDeleter {
    void operator()(PJ* p) const { proj_destroy(p); }
};
using Context = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using Pj = std::unique_ptr<PJ, PjDeleter>;

Context quiet_context() {
    Context ctx(proj_context_create());
    if (!ctx) throw Error({}, "PROJ could not start");
    proj_context_set_enable_network(ctx.get(), 0);   // never fetch grids: the same result everywhere
    proj_log_func(ctx.get(), nullptr, [](void*, int, const char*) {});   // its notes are not the user's concern
    return ctx;
}

void transform(PJ* op, PJ_DIRECTION direction, std::vector<model::MapPoint>& points) {
    if (points.empty()) return;
    const size_t stride = sizeof(model::MapPoint);
    proj_trans_generic(op, direction, &points[0].x, stride, points.size(), &points[0].y, stride, points.size(), nullptr,
                       0, 0, nullptr, 0, 0);
}

}  // namespace

std::string national_grid_pipeline_from_epsg() {
    Context ctx = quiet_context();
    Pj from(proj_create(ctx.get(), "EPSG:4326")), to(proj_create(ctx.get(), "EPSG:27700"));
    if (!from || !to) return "";
    PJ_OPERATION_FACTORY_CONTEXT* factory = proj_create_operation_factory_context(ctx.get(), nullptr);
    proj_operation_factory_context_set_grid_availability_use(ctx.get(), factory, PROJ_GRID_AVAILABILITY_IGNORED);
    proj_operation_factory_context_set_spatial_criterion(ctx.get(), factory, PROJ_SPATIAL_CRITERION_PARTIAL_INTERSECTION);
    PJ_OBJ_LIST* ops = proj_create_operations(ctx.get(), from.get(), to.get(), factory);
    std::string definition;
    for (int i = 0, n = ops ? proj_list_get_count(ops) : 0; i < n && definition.empty(); ++i) {
        Pj op(proj_list_get(ctx.get(), ops, i));
        if (!op || proj_coordoperation_get_grid_used_count(ctx.get(), op.get()) != 0) continue;
        // Longitude first, as GeoJSON and TopoJSON hold positions (EPSG:4326 is latitude first).
        Pj normalised(proj_normalize_for_visualization(ctx.get(), op.get()));
        if (normalised) definition = proj_pj_info(normalised.get()).definition;
    }
    if (ops) proj_list_destroy(ops);
    proj_operation_factory_context_destroy(factory);
    return definition;
}

struct NationalGrid::Impl {
    Context ctx;
    Pj op;
};

NationalGrid::NationalGrid() : impl_(std::make_unique<Impl>()) {
    impl_->ctx = quiet_context();
    // The pipeline needs neither grids nor PROJ's database: an empty search path keeps PROJ
    // from opening proj.db only to find nothing in it.
    const char* no_files[] = {""};
    proj_context_set_search_paths(impl_->ctx.get(), 1, no_files);
    impl_->op.reset(proj_create(impl_->ctx.get(), kNationalGridPipeline));
    if (!impl_->op) throw Error({}, "PROJ cannot make the British National Grid transformation");
}

NationalGrid::~NationalGrid() = default;

void NationalGrid::forward(std::vector<model::MapPoint>& points) const { transform(impl_->op.get(), PJ_FWD, points); }
void NationalGrid::inverse(std::vector<model::MapPoint>& points) const { transform(impl_->op.get(), PJ_INV, points); }

}  // namespace ep::geo
