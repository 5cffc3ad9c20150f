// The PDF writer: lays out a model::Document on A4 pages with libharu and writes the file.
#pragma once

#include <string>

#include "model/document.h"

namespace ep::pdf {

struct PdfOptions {
    std::string font_dir = EP_FONT_DIR;  // holds LiberationSans-*.ttf / LiberationSerif-*.ttf
    long long timestamp = 0;             // seconds since epoch for CreationDate/ModDate (determinism)
};

struct PdfStats {
    int pages = 0;
};

// Writes the PDF to `path`. Throws ep::Error on failure.
PdfStats write_pdf(const model::Document& doc, const PdfOptions& options, const std::string& path);

}  // namespace ep::pdf
