// TEMPORARY: the PDF/UA-1 failures every PDF the build writes is known to have today, which the
// build lets through (it fails on any other failure of the check). While a file has any of them
// it does not claim PDF/UA-1 in its metadata (pipeline/pdf_conformance.cpp).
//
// The fonts are simple TrueType fonts whose encoding's /Differences name a code .notdef, a name
// the Adobe Glyph List does not hold: Matterhorn 31-022, PDF/UA-1 7.21.6 (veraPDF rule 7.21.6-2).
// The composite Unicode fonts of issue 17 remove them: that work deletes the entry below (and,
// with nothing left, this file and its use), and the PDFs then claim PDF/UA-1 by themselves.
#pragma once

#include <string_view>

#include "pdfcheck/pdfcheck.h"

namespace ep::pipeline {

struct KnownPdfFailure {
    pdfcheck::Condition condition;
    std::string_view detail;   // the finding's detail it must have ("" for any)
    std::string_view why;
};

inline constexpr KnownPdfFailure kKnownPdfFailures[] = {
    {pdfcheck::Condition::DifferencesNotInGlyphList, "/.notdef",
     "libharu's CP1252 fonts name code 127 .notdef; issue 17 replaces them with composite fonts"},
};

}  // namespace ep::pipeline
