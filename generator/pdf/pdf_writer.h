// The PDF writer: lays out a model::Document on A4 pages with libharu and writes the file.
#pragma once

#include <string>
#include <vector>

#include "model/document.h"

namespace ep::pdf {

struct PdfOptions {
    std::string font_dir = EP_FONT_DIR;  // holds LiberationSans-*.ttf / LiberationSerif-*.ttf
    long long timestamp = 0;             // seconds since epoch for CreationDate/ModDate (determinism)
};

struct PdfStats {
    int pages = 0;
    // Characters the PDF's fonts cannot show (outside Windows-1252): each is printed as "?".
    // The count covers every string the PDF prints; `unprintable_examples` lists the first few
    // distinct ones (UTF-8), so the caller can warn.
    int unprintable_chars = 0;
    std::vector<std::string> unprintable_examples;
    int structure_elements = 0;   // elements in the tagged-PDF structure tree
};

// Writes the PDF to `path`. Throws ep::Error on failure.
PdfStats write_pdf(const model::Document& doc, const PdfOptions& options, const std::string& path);

}  // namespace ep::pdf
