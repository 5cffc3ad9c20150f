// The HTML writer: renders a model::Document as a static multi-page site through the
// Mustache templates in templates/, copying the CSS and images from assets/.
#pragma once

#include <string>

#include "model/document.h"

namespace ep::html {

struct HtmlOptions {
    std::string templates_dir;   // project's templates/ folder
    std::string type_templates_dir;  // templates/<document type>/ (may be empty): a template
                                     // there is used instead of the one in templates_dir
    std::string assets_dir;      // project's assets/ folder
    std::string pdf_file;        // file name of the PDF inside out_dir (the CLI copies it there)
    long long pdf_bytes = 0;     // for "Download the PDF (1.2 MB, 44 pages)"
    int pdf_pages = 0;
};

struct HtmlStats {
    int pages = 0;               // HTML pages written
};

// Writes index.html, one page per section, sources.html, the data downloads and assets into
// `out_dir` (which must exist). Throws ep::Error on failure (e.g. a missing template).
HtmlStats write_site(const model::Document& doc, const HtmlOptions& options, const std::string& out_dir);

}  // namespace ep::html
