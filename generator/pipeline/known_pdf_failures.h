// The PDF/UA-1 failures every PDF the build writes is known to have, which the build lets
// through (it fails on any other failure of the check). While a file has any of them it does not
// claim PDF/UA-1 in its metadata (pipeline/pdf_conformance.cpp).
//
// Empty: since the composite Unicode fonts (issue 17) the shipped PDFs pass every condition
// checked and claim PDF/UA-1. The list was there for libharu's CP1252 fonts, whose encoding named
// code 127 .notdef (Matterhorn 31-022, PDF/UA-1 7.21.6); an entry belongs here only while a fix
// is under way, with the reason.
#pragma once

#include <array>
#include <string_view>

#include "pdfcheck/pdfcheck.h"

namespace ep::pipeline {

struct KnownPdfFailure {
    pdfcheck::Condition condition;
    std::string_view detail;   // the finding's detail it must have ("" for any)
    std::string_view why;
};

inline constexpr std::array<KnownPdfFailure, 0> kKnownPdfFailures{};

}  // namespace ep::pipeline
