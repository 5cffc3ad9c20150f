// The PDF/UA-1 check (generator/pdfcheck/) as the command line and the build use it:
// `evidencepack check --pdf FILE`, and every PDF a build writes, checked before it is written.
#pragma once

#include <iosfwd>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "pdfcheck/pdfcheck.h"

namespace ep::pipeline {

// `evidencepack check --pdf FILE...`: each failure as "FILE: error: page 3, object 12: Matterhorn
// 28-011 (PDF/UA-1 7.18.5): ...", a line per file on `out`. 0 if every file passes every
// condition checked, 1 otherwise (or if a file cannot be read).
int run_pdf_check(const std::vector<std::string>& files, std::ostream& out, std::ostream& err);

// Whether a finding is one of the known failures the build lets through (known_pdf_failures.h).
bool is_known_failure(const pdfcheck::Finding& f);

// What a build may do with a PDF, given its check.
enum class Verdict {
    Claim,      // no failure: the file claims PDF/UA-1
    NoClaim,    // known failures only: written, without the claim
    Refuse,     // another failure: the build fails
};
Verdict verdict(const pdfcheck::Report& report);

// What the check found in the PDFs of one build (filled from several threads).
class ConformanceTally {
public:
    void add(const pdfcheck::Report& report, double seconds);
    // "PDF/UA-1 check (docs/pdf-check.md): 7 PDFs, no failures but 14 known ones ..."
    std::string summary() const;

private:
    mutable std::mutex mutex_;
    int documents_ = 0, claimed_ = 0, known_ = 0;
    std::set<std::string> known_conditions_;
    double seconds_ = 0;
};

// Checks the bytes of a PDF the build is about to write (`shown`: its path as messages give it).
// Throws ep::Error listing every failure that is not a known one; returns whether it may claim
// PDF/UA-1 (Verdict::Claim).
bool vet_pdf(const std::vector<unsigned char>& bytes, const std::string& shown, ConformanceTally& tally);

}  // namespace ep::pipeline
