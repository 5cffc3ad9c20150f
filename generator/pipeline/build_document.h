// Data + content -> the document model. Everything the writers print is decided here (and in
// the stages it calls); the writers only lay it out.
#pragma once

#include <string>

#include "core/diagnostics.h"
#include "data/dataset.h"
#include "model/document.h"

namespace ep::pipeline {

struct Project {
    std::string root;   // folder holding data/ content/ templates/ assets/
};

struct BuildResult {
    model::Document document;
    data::Dataset dataset;
    int tables = 0, figures = 0;
};

// Loads and checks everything, builds the model. Problems (errors and warnings) go to `diags`;
// the document is only usable when diags.has_errors() is false.
BuildResult build_document(const Project& project, Diagnostics& diags);

}  // namespace ep::pipeline
