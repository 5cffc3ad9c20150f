// Data + content -> the document model. Everything the writers print is decided here (and in
// the stages it calls); the writers only lay it out.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "data/dataset.h"
#include "model/document.h"

namespace ep::geo {
class Atlas;
}

namespace ep::pipeline {

struct Project {
    std::string root;                 // folder holding data/ content/ templates/ assets/
    std::string content = "content";  // the document's folder under root: "content" (the main
                                      // document) or "content/<doc>" (another document)
};

// The project's documents: "content" first, then every content/<doc>/ that holds a
// document.csv, in name order.
std::vector<std::string> document_folders(const std::string& root);

struct BuildResult {
    model::Document document;
    data::Dataset dataset;
    int tables = 0, figures = 0;
};

// Loads and checks everything, builds the model. Problems (errors and warnings) go to `diags`;
// the document is only usable when diags.has_errors() is false.
BuildResult build_document(const Project& project, Diagnostics& diags);

// ---- one pack per place: load the data once, build a model per place ---------------------

// What one pack is built for.
struct PackOptions {
    // The place the placeholder code `here` stands for. Empty: the project's focus, i.e. the
    // 'focus' row of content/document.csv, else the one place of kind subregion (if any).
    std::string focus;
    // A per-place pack: sections.csv rows with packs=main are left out, packs=places kept.
    bool place_pack = false;
    // The audit's findings when already computed (they do not depend on the place); null:
    // compute them.
    const std::vector<model::SourceCheck>* warnings = nullptr;
    // The data downloads when already made (they do not depend on the document or the place);
    // null: make them (data_downloads).
    const std::vector<model::DataDownload>* downloads = nullptr;
    // The boundaries maps are drawn from, when already loaded (load_atlas); null: load them.
    const geo::Atlas* atlas = nullptr;
    // A bilingual document's other language (a tag of its `languages` but the first): the
    // sections from content/<language>/, the metadata from its <key>_<language> rows, the
    // numbers and dates in its words. The data set given must be translated_dataset's for it.
    // Empty: the document's own language.
    std::string language;
};

// Reads the boundary files data/boundaries/boundaries.csv lists (geo::Atlas::load).
std::unique_ptr<geo::Atlas> load_atlas(const Project& project, const data::Dataset& dataset, Diagnostics& diags);

// The data files the site offers: each file of data/ as it is, except observations.csv, which
// carries the figures as the pack prints them (calc::printed_observations_csv).
std::vector<model::DataDownload> data_downloads(const data::Dataset& dataset);

struct ModelResult {
    model::Document document;
    std::string focus;   // the place `here` stood for ("" if none)
    bool each_place = false;   // document.csv asks for one pack per place (each_place,yes)
    bool place_sections = false;   // sections.csv has sections for the per-place packs only (packs=places)
    std::vector<std::string> languages;   // document.csv `languages` (the document's own first); empty: one
    int tables = 0, figures = 0;
};

// Builds the model of one pack from data already loaded (data::load_dataset) and checked.
// Reads content/; problems go to `diags`.
ModelResult build_model(const Project& project, const data::Dataset& dataset, const PackOptions& options,
                        Diagnostics& diags);

}  // namespace ep::pipeline
