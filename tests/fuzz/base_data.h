// The corpus's base data set and its figures, loaded once per fuzz process, for the targets
// that resolve placeholders and build directives against real data.
#pragma once

#include <memory>

#include "calc/figures.h"
#include "core/diagnostics.h"
#include "data/dataset.h"

namespace fuzz {

struct BaseData {
    ep::Diagnostics diags;
    ep::data::Dataset dataset;
    std::unique_ptr<ep::calc::Figures> figures;
};

inline const BaseData& base_data() {
    static BaseData* d = [] {
        auto* x = new BaseData;
        x->dataset = ep::data::load_dataset(EP_SOURCE_DIR "/tests/corpus/base/data", "data", x->diags);
        if (x->diags.has_errors()) __builtin_trap();
        x->figures = std::make_unique<ep::calc::Figures>(x->dataset);
        return x;
    }();
    return *d;
}

}  // namespace fuzz
