#include "pipeline/run.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>

#include "html/html_writer.h"
#include "pdf/pdf_writer.h"
#include "pipeline/build_document.h"

namespace ep::pipeline {

namespace fs = std::filesystem;

namespace {

void print_diagnostics(const Diagnostics& d, std::ostream& err) {
    for (const auto& item : d.items()) err << to_string(item) << "\n";
}

// The PDF's fixed date: SOURCE_DATE_EPOCH if set (reproducible-builds convention), else noon
// on the document's own date, so the same inputs always give the same bytes.
long long document_timestamp(const model::Document& doc) {
    if (const char* env = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        long long v = std::strtoll(env, &end, 10);
        if (end && *end == '\0') return v;
    }
    const std::string& d = doc.meta.date;
    if (d.size() != 10) return 0;
    int y = std::atoi(d.substr(0, 4).c_str()), m = std::atoi(d.substr(5, 2).c_str()), day = std::atoi(d.substr(8, 2).c_str());
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (era * 146097 + doe - 719468) * 86400 + 12 * 3600;
}

std::string out_dir_of(const RunOptions& o) {
    return o.out.empty() ? (fs::path(o.root) / "out").string() : o.out;
}

// A fresh sibling folder next to `target`, so the final rename stays on one file system.
fs::path staging_dir(const fs::path& target) {
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        fs::path p = target;
        p += ".tmp-" + std::to_string(rd() % 1000000);
        if (!fs::exists(p)) return p;
    }
    throw Error({target.string(), 0, 0}, "cannot create a temporary output folder");
}

// Replaces `target` with `staged` so that readers see either the old output or the new one.
void swap_into_place(const fs::path& staged, const fs::path& target) {
    fs::path old;
    if (fs::exists(target)) {
        old = target;
        old += ".old-" + std::to_string(std::random_device{}() % 1000000);
        fs::rename(target, old);
    }
    fs::rename(staged, target);
    if (!old.empty()) fs::remove_all(old);
}

}  // namespace

int run_check(const RunOptions& o, std::ostream& out, std::ostream& err) {
    Diagnostics d;
    BuildResult r = build_document({o.root}, d);
    print_diagnostics(d, err);
    if (d.has_errors()) {
        err << d.error_count() << (d.error_count() == 1 ? " error" : " errors") << "; nothing was built.\n";
        return 1;
    }
    const auto& doc = r.document;
    if (!doc.warnings.empty()) {
        out << "Checks on the source figures (" << doc.warnings.size() << "):\n";
        for (const auto& w : doc.warnings) out << "  " << w << "\n";
    }
    out << "OK: " << r.dataset.observations.size() << " observations, " << r.dataset.derivations.size()
        << " derived figures, " << doc.sections.size() << " sections, " << r.tables << " tables, " << r.figures
        << " figures, " << doc.warnings.size() << " disagreements in the sources, " << d.warning_count()
        << " warnings.\n";
    return 0;
}

int run_build(const RunOptions& o, std::ostream& out, std::ostream& err) {
    auto start = std::chrono::steady_clock::now();
    Diagnostics d;
    BuildResult r = build_document({o.root}, d);
    print_diagnostics(d, err);
    if (d.has_errors()) {
        err << d.error_count() << (d.error_count() == 1 ? " error" : " errors")
            << "; nothing was written and the previous output is unchanged.\n";
        return 1;
    }
    fs::path target = fs::absolute(out_dir_of(o));
    fs::path staged;
    try {
        if (target.has_parent_path()) fs::create_directories(target.parent_path());
        staged = staging_dir(target);
        fs::create_directories(staged / "site");
        const std::string pdf_name = "evidence-pack.pdf";
        pdf::PdfOptions pdf_options;
        pdf_options.timestamp = document_timestamp(r.document);
        pdf::PdfStats pdf_stats = pdf::write_pdf(r.document, pdf_options, (staged / pdf_name).string());
        fs::copy_file(staged / pdf_name, staged / "site" / pdf_name);

        html::HtmlOptions html_options;
        html_options.templates_dir = (fs::path(o.root) / "templates").string();
        html_options.assets_dir = (fs::path(o.root) / "assets").string();
        html_options.pdf_file = pdf_name;
        html_options.pdf_bytes = static_cast<long long>(fs::file_size(staged / pdf_name));
        html_options.pdf_pages = pdf_stats.pages;
        html::HtmlStats html_stats = html::write_site(r.document, html_options, (staged / "site").string());
        swap_into_place(staged, target);

        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        char time[32];
        std::snprintf(time, sizeof time, "%.2f s", seconds);
        out << "Built " << pdf_stats.pages << " PDF pages and " << html_stats.pages << " web pages: "
            << r.document.sections.size() << " sections, " << r.tables << " tables, " << r.figures << " figures, "
            << d.warning_count() << " warnings, " << r.document.warnings.size() << " source disagreements (see "
            << "'evidencepack check') in " << time << " -> " << target.string() << "\n";
        return 0;
    } catch (const Error& e) {
        err << e.what() << "\nnothing was written and the previous output is unchanged.\n";
    } catch (const fs::filesystem_error& e) {
        err << "error: " << e.what() << "\nthe previous output is unchanged.\n";
    }
    if (!staged.empty()) {
        std::error_code ec;
        fs::remove_all(staged, ec);
    }
    return 1;
}

}  // namespace ep::pipeline
