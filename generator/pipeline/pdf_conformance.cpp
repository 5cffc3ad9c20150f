#include "pipeline/pdf_conformance.h"

#include <time.h>

#include <cstdio>
#include <ostream>

#include "core/diagnostics.h"
#include "pipeline/known_pdf_failures.h"

namespace ep::pipeline {

namespace {

std::string failure_line(const std::string& file, const pdfcheck::Finding& f) {
    return file + ": error: " + pdfcheck::describe(f);
}

std::string count_of(int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// CPU time of the calling thread: the check's own cost, whatever else the machine is doing.
double thread_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

}  // namespace

bool is_known_failure(const pdfcheck::Finding& f) {
    for (const auto& k : kKnownPdfFailures)
        if (k.condition == f.condition && (k.detail.empty() || k.detail == f.detail)) return true;
    return false;
}

Verdict verdict(const pdfcheck::Report& report) {
    if (report.findings.empty() && report.findings_not_listed == 0) return Verdict::Claim;
    // Unlisted findings are of conditions already listed (at most a few of each are listed).
    for (const auto& f : report.findings)
        if (!is_known_failure(f)) return Verdict::Refuse;
    return Verdict::NoClaim;
}

int run_pdf_check(const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
    int status = 0;
    for (const auto& file : files) {
        pdfcheck::Report report;
        try {
            report = pdfcheck::check_file(file);
        } catch (const pdfcheck::Unreadable& e) {
            err << file << ": error: " << e.what() << "\n";
            status = 1;
            continue;
        }
        for (const auto& f : report.findings) err << failure_line(file, f) << "\n";
        if (report.findings_not_listed > 0)
            err << file << ": error: " << count_of(report.findings_not_listed, "more failure", "more failures")
                << " of the conditions above, not listed\n";
        const int failures = static_cast<int>(report.findings.size()) + report.findings_not_listed;
        const std::string pages = count_of(report.pages, "page", "pages");
        if (failures == 0) {
            out << "OK: " << file << ": " << pages << ", passes the " << pdfcheck::conditions().size()
                << " PDF/UA-1 conditions checked (docs/pdf-check.md)\n";
        } else {
            status = 1;
            out << file << ": " << pages << ", " << count_of(failures, "failure", "failures")
                << " of the PDF/UA-1 conditions checked; "
                << (report.claims_pdfua ? "it claims PDF/UA-1 all the same" : "it does not claim PDF/UA-1") << "\n";
        }
    }
    return status;
}

void ConformanceTally::add(const pdfcheck::Report& report, double seconds) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++documents_;
    seconds_ += seconds;
    if (verdict(report) == Verdict::Claim) ++claimed_;
    for (const auto& f : report.findings)
        if (is_known_failure(f)) {
            ++known_;
            known_conditions_.insert(std::string(pdfcheck::info(f.condition).matterhorn));
        }
}

std::string ConformanceTally::summary() const {
    std::lock_guard<std::mutex> lock(mutex_);
    char time[32];
    std::snprintf(time, sizeof time, "%.2f s", seconds_);
    std::string s = "PDF/UA-1 check (docs/pdf-check.md): " + count_of(documents_, "PDF", "PDFs") + " checked in " + time + ", ";
    if (claimed_ == documents_) return s + "all conform and claim PDF/UA-1";
    std::string conditions;
    for (const auto& c : known_conditions_) conditions += (conditions.empty() ? "Matterhorn " : ", ") + c;
    const int unclaimed = documents_ - claimed_;
    const std::string who = documents_ == 1 ? "it does" : unclaimed == 1 ? "1 of them does" : std::to_string(unclaimed) + " of them do";
    return s + "no failures but " + count_of(known_, "known one", "known ones") + " (" + conditions +
           ", generator/pipeline/known_pdf_failures.h); " + who + " not claim PDF/UA-1 until " +
           (unclaimed == 1 ? "it conforms" : "they conform");
}

bool vet_pdf(const std::vector<unsigned char>& bytes, const std::string& shown, ConformanceTally& tally) {
    const double start = thread_seconds();
    pdfcheck::Report report;
    try {
        report = pdfcheck::check_bytes(bytes.data(), bytes.size(), shown);
    } catch (const pdfcheck::Unreadable& e) {
        throw Error({shown, 0, 0}, std::string("the PDF written cannot be read back: ") + e.what());
    }
    tally.add(report, thread_seconds() - start);
    const Verdict v = verdict(report);
    if (v != Verdict::Refuse) return v == Verdict::Claim;
    // Every failure that is not a known one, a line each (an ep::Error holds one message: the
    // lines after the first carry their own "file: error: ").
    std::string message;
    for (const auto& f : report.findings) {
        if (is_known_failure(f)) continue;
        if (!message.empty()) message += '\n';
        message += message.empty() ? pdfcheck::describe(f) : failure_line(shown, f);
    }
    if (report.findings_not_listed > 0)
        message += "\n" + shown + ": error: " + count_of(report.findings_not_listed, "more failure", "more failures") +
                   " of the conditions above, not listed";
    throw Error({shown, 0, 0}, message);
}

}  // namespace ep::pipeline
