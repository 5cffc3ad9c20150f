// The PDF writer: lays out a model::Document on A4 pages with libharu and writes the file.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model/document.h"
#include "pdf/font_folders.h"

namespace ep::pdf {

// How a document type is laid out (the pipeline reads it from templates/<type>/pdf.csv).
struct PdfDesign {
    enum class Cover {
        Title,          // a title page with the key figures
        FirstSection,   // the first section is the cover, on a page of its own (a committee
                        // report's agenda management sheet)
        None,
    };
    Cover cover = Cover::Title;
    bool contents = true;          // a contents page after the cover
    bool section_per_page = true;  // every section opens on a new page; else they run on
    bool justify = false;          // body paragraphs justified (each line but a paragraph's last
                                   // stretched to the column); else ragged right
};

struct PdfOptions {
    PdfDesign design;
    FontFolders fonts;                   // Liberation and DejaVu (pdf/fonts.h)
    long long timestamp = 0;             // seconds since epoch for CreationDate/ModDate (determinism)
    int threads = 1;                     // compressing the streams may use this many threads
    // Called with the finished file's bytes before they are written. It returns whether the file
    // may claim PDF/UA-1 in its metadata (pdfuaid:part); if not, the claim is taken out first.
    // It may throw (an ep::Error) to refuse the file, which is then not written. Unset: the file
    // keeps the claim (tests that inspect the writer alone).
    std::function<bool(const std::vector<unsigned char>& pdf)> vet;
};

struct PdfStats {
    int pages = 0;
    int structure_elements = 0;   // elements in the tagged-PDF structure tree
};

// Reads what every PDF of this process needs from the font files once, so
// that a caller can have it done on another thread while it reads the data. Optional: the
// first write_pdf reads it otherwise. Thread-safe; problems are left for write_pdf to report.
void read_fonts_ahead(const PdfOptions& options);

// Takes the PDF/UA-1 identification out of a PDF this writer made, in place: the XMP packet is
// stored uncompressed and XMP is made to be edited so, by overwriting with spaces (the byte
// offsets of every object stay as they are). False if the bytes hold no claim of ours.
bool withdraw_pdfua_claim(std::vector<unsigned char>& pdf);

// Writes the PDF to `path`. Throws ep::Error on failure. `on_saved`, if given, is called as
// soon as the file is complete, before the writer frees its memory (a tenth of its time), so
// a caller waiting for the file can carry on meanwhile.
PdfStats write_pdf(const model::Document& doc, const PdfOptions& options, const std::string& path,
                   const std::function<void(const PdfStats&)>& on_saved = {});

}  // namespace ep::pdf
