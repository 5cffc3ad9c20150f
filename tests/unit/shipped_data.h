// The shipped CSW data set, loaded once for the tests that check figures against the seeds.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "core/diagnostics.h"
#include "data/dataset.h"

inline const ep::data::Dataset& shipped() {
    static ep::Diagnostics diags;
    static ep::data::Dataset ds = ep::data::load_dataset(std::string(EP_SOURCE_DIR) + "/data", "data", diags);
    for (const auto& d : diags.items()) MESSAGE(ep::to_string(d));
    REQUIRE_FALSE(diags.has_errors());
    return ds;
}
