// Templates and layouts chosen per document type: templates/<type>/ may hold its own Mustache
// templates (used instead of those in templates/) and a pdf.csv saying how the PDF is laid out.
#pragma once

#include <filesystem>
#include <string>

#include "core/diagnostics.h"
#include "pdf/pdf_writer.h"

namespace ep::pipeline {

struct DocumentLayout {
    std::string type_templates;   // templates/<type>/ if the folder exists, else empty
    pdf::PdfDesign pdf;
};

// Reads templates/<type>/pdf.csv (key,value: cover = title | first-section | none,
// contents = yes | no, sections = new-page | run-on, text = ragged | justified); a missing file
// or key keeps the default (a title cover, a contents page, a new page per section, ragged
// text). Bad values are errors in `d`.
DocumentLayout document_layout(const std::filesystem::path& root, const std::string& type, Diagnostics& d);

}  // namespace ep::pipeline
