#include "pipeline/run.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <condition_variable>
#include <exception>
#include <optional>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <cmark-gfm-core-extensions.h>

#include "core/language.h"
#include "data/dataset.h"
#include "core/stage.h"
#include "geo/atlas.h"
#include "html/html_writer.h"
#include "pdf/pdf_writer.h"
#include "pipeline/build_document.h"
#include "pipeline/builtin_files.h"
#include "pipeline/input_watch.h"
#include "pipeline/inputs.h"
#include "pipeline/layouts.h"
#include "pipeline/output_folder.h"
#include "pipeline/pdf_conformance.h"

namespace ep::pipeline {

namespace fs = std::filesystem;

namespace {

constexpr const char* kNoMemory = "no memory left for an allocation";
constexpr const char* kTooLong = "a text or table grew past the largest size a build can hold";
constexpr const char* kNothingWritten = "nothing was written and the previous output is unchanged.\n";

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

// The writers name files by their full path; show them relative to the project root, as every
// other message does ("templates/section.mustache", not "/home/.../templates/section.mustache").
std::string relative_to_root(std::string text, const fs::path& root) {
    const std::string prefix = (root / "").string();
    for (size_t at; (at = text.find(prefix)) != std::string::npos;) text.erase(at, prefix.size());
    return text;
}

// Marks the staged build as evidencepack's and swaps it in; a warning if the previous output
// could not all be removed (the new one is in place all the same).
void put_in_place(const fs::path& staged, const OutputFolder& output, std::ostream& err) {
    write_marker(staged);
    const SwapResult swapped = swap_into_place(staged, output);
    if (!swapped.warning.empty()) err << swapped.warning << "\n";
}

}  // namespace

// The project's other documents (content/<doc>/), built from the data already loaded.
struct OtherDocument {
    std::string folder;       // "content/<doc>"
    std::string name;         // "<doc>": its output folder and PDF name
    ModelResult model;
};

std::vector<OtherDocument> build_other_documents(const RunOptions& o, const data::Dataset& ds, const geo::Atlas& atlas,
                                                 const std::vector<model::DataDownload>& downloads, Diagnostics& d) {
    std::vector<OtherDocument> docs;
    PackOptions options;
    options.downloads = &downloads;   // the main document's: the same data
    options.atlas = &atlas;
    for (const auto& folder : document_folders(o.root)) {
        if (folder == "content") continue;
        OtherDocument other{folder, fs::path(folder).filename().string(), build_model({o.root, folder}, ds, options, d)};
        docs.push_back(std::move(other));
    }
    return docs;
}

// A bilingual document (document.csv `languages`) in one of its other languages.
struct Translation {
    std::string language;     // "cy"
    ModelResult model;
};

// The headings of a document's sections, by slug: a translation has as many as the original.
std::map<std::string, std::pair<std::string, size_t>> headings_by_section(const model::Document& doc) {
    std::map<std::string, std::pair<std::string, size_t>> out;
    for (const auto& s : doc.sections) {
        size_t n = 0;
        for (const auto& b : s.blocks) n += b.kind == model::BlockKind::Heading;
        const std::string origin = s.blocks.empty() ? "" : s.blocks.front().origin;
        out[s.slug] = {origin.substr(0, origin.rfind(':')), n};
    }
    return out;
}

// The main document in each of its other languages, from the data translated into it. Every
// missing translation (a section, a heading, a place's name, a measure's or source's title, the
// metadata) is an error: the other version may not be less complete.
std::vector<Translation> build_translations(const RunOptions& o, const data::Dataset& ds, const PackOptions& base,
                                            const ModelResult& main, Diagnostics& d) {
    std::vector<Translation> out;
    const auto original = headings_by_section(main.document);
    for (size_t i = 1; i < main.languages.size(); ++i) {
        const std::string& tag = main.languages[i];
        // The data's missing names are listed with the content's: each part gets its own
        // diagnostics, so that neither stops at the other's errors.
        Diagnostics names, content;
        const data::Dataset translated = data::translated_dataset(ds, tag, "'" + tag + "'", names);
        PackOptions options = base;
        options.language = tag;
        options.warnings = &main.document.warnings;
        options.downloads = &main.document.downloads;
        Translation t{tag, build_model({o.root}, translated, options, content)};
        for (const Diagnostics* part : {&names, &content})
            for (const auto& item : part->items())
                item.is_warning ? d.warning(item.where, item.message) : d.error(item.where, item.message);
        for (const auto& [slug, mine] : headings_by_section(t.model.document)) {
            auto it = original.find(slug);
            if (it != original.end() && it->second.second != mine.second)
                d.error({mine.first, 1, 1}, "this has " + std::to_string(mine.second) + " headings where " +
                                                it->second.first + " has " + std::to_string(it->second.second) +
                                                ": translate every heading");
        }
        out.push_back(std::move(t));
    }
    return out;
}

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string seconds_text(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f s", s);
    return buf;
}

// The same bytes twice in one output folder: a hard link where the file system allows it.
void link_or_copy(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::create_hard_link(from, to, ec);
    if (ec) fs::copy_file(from, to, fs::copy_options::overwrite_existing);
}

// The raw data files are the same in every pack: a place's site links to the sub-region's copy
// instead of holding its own (150 places x a 3 MB observations.csv would be 450 MB).
void share_downloads(const model::Document& doc, const fs::path& main_site, const fs::path& site) {
    for (const auto& dl : doc.downloads) {
        const fs::path mine = site / "data" / dl.name, shared = main_site / "data" / dl.name;
        std::error_code ec;
        if (!fs::is_regular_file(mine, ec) || !fs::is_regular_file(shared, ec)) continue;
        if (fs::file_size(mine, ec) != fs::file_size(shared, ec) || ec) continue;
        fs::path tmp = mine;
        tmp += ".link";
        fs::create_hard_link(shared, tmp, ec);
        if (!ec) fs::rename(tmp, mine);   // atomically replaces the copy
    }
}

struct PackStats {
    int pdf_pages = 0, web_pages = 0;
};

// The PDF's figures handed to the thread writing the site once the file is complete, or the
// news that it failed.
class PdfHandoff {
public:
    void deliver(const pdf::PdfStats& stats) { settle(stats); }
    void fail() { settle(std::nullopt); }
    // Blocks until deliver or fail; nullopt if the PDF failed.
    std::optional<pdf::PdfStats> wait() {
        std::unique_lock<std::mutex> lock(mutex_);
        settled_cv_.wait(lock, [this] { return settled_; });
        return stats_;
    }

private:
    void settle(std::optional<pdf::PdfStats> stats) {
        std::lock_guard<std::mutex> lock(mutex_);   // notified under the lock: helgrind's rule
        if (settled_) return;
        stats_ = std::move(stats);
        settled_ = true;
        settled_cv_.notify_all();
    }
    std::mutex mutex_;
    std::condition_variable settled_cv_;
    bool settled_ = false;
    std::optional<pdf::PdfStats> stats_;
};

// Where a pack goes and how its PDF is checked: `dir` (staged) is written; messages name the
// PDF as it will be once the output is in place, in `shown_dir`.
struct PackTarget {
    fs::path dir, shown_dir;
    std::string pdf_name = "evidence-pack.pdf";
    ConformanceTally* tally = nullptr;
    std::vector<html::LanguageLink> languages = {};   // the site in the document's other languages
};

// Writes one document (PDF, and the site that links to it) into `dir`, which must not exist
// yet, with the templates and PDF layout of its type. The PDF is checked (PDF/UA-1) before it
// is written; a failure other than a known one fails the build. With `second_core` the site's
// pages are rendered on another thread while the PDF is written (they wait only for its size
// and page count); the place packs' pool keeps every core busy already and passes false.
PackStats write_pack(const model::Document& doc, const fs::path& root, const PackTarget& target, bool second_core = true) {
    const fs::path& dir = target.dir;
    const std::string& pdf_name = target.pdf_name;
    Diagnostics layout_problems;
    const DocumentLayout layout = document_layout(root, doc.type, layout_problems);
    if (layout_problems.has_errors()) throw Error(layout_problems.items().front().where, layout_problems.items().front().message);
    fs::create_directories(dir / "site");
    html::HtmlOptions html_options;
    html_options.templates_dir = templates_or_builtin(root, "templates").string();
    html_options.type_templates_dir = layout.type_templates;
    html_options.assets_dir = templates_or_builtin(root, "assets").string();
    html_options.pdf_file = pdf_name;
    html_options.other_languages = target.languages;
    const fs::path pdf_path = dir / pdf_name, site = dir / "site";
    // The site waits for the PDF only to link it and to show its size and page count. Its
    // thread has its own copy of the options. (A mutex and condition variable rather than a
    // std::future: valgrind's helgrind sees their ordering, so it can check this code.)
    PdfHandoff pdf_saved;
    html::HtmlStats html_stats;
    std::exception_ptr site_failed;
    auto render_and_write_site = [&doc, &pdf_path, &site, &pdf_name, &pdf_saved, &html_stats, &site_failed,
                       options = html_options]() mutable {
        try {
            const html::SiteDraft draft = html::draft_site(doc, options, site.string());
            const std::optional<pdf::PdfStats> pdf_stats = pdf_saved.wait();
            if (!pdf_stats) return;   // the PDF failed, and that error is the one reported
            link_or_copy(pdf_path, site / pdf_name);
            options.pdf_bytes = static_cast<long long>(fs::file_size(pdf_path));
            options.pdf_pages = pdf_stats->pages;
            html_stats = html::finish_site(draft, options, site.string());
        } catch (...) {
            site_failed = std::current_exception();
        }
    };
    std::jthread site_thread;
    if (second_core) site_thread = std::jthread(render_and_write_site);

    pdf::PdfOptions pdf_options;
    pdf_options.design = layout.pdf;
    pdf_options.timestamp = document_timestamp(doc);
    pdf_options.threads = second_core ? 2 : 1;
    const std::string shown_pdf = (target.shown_dir / pdf_name).string();
    pdf_options.vet = [&shown_pdf, &target](const std::vector<unsigned char>& bytes) {
        return vet_pdf(bytes, shown_pdf, *target.tally);
    };
    pdf::PdfStats pdf_stats;
    set_stage("laying out and writing " + shown_pdf);
    try {
        pdf_stats = pdf::write_pdf(doc, pdf_options, pdf_path.string(),
                                   [&pdf_saved](const pdf::PdfStats& s) { pdf_saved.deliver(s); });
    } catch (...) {
        pdf_saved.fail();   // the site's thread stops waiting; site_thread joins it
        throw;
    }
    set_stage("writing the site in " + (target.shown_dir / "site").string());
    if (second_core) site_thread.join();
    else render_and_write_site();
    if (site_failed) std::rethrow_exception(site_failed);
    return {pdf_stats.pages, html_stats.pages};
}

// The places that get a pack of their own: those asked for, else the focus place's members
// of kind authority. Unknown codes are a usage error (exit 2).
std::vector<const data::Place*> pack_places(const RunOptions& o, const data::Dataset& ds, const std::string& focus,
                                            std::ostream& err, int& status) {
    std::vector<const data::Place*> places;
    status = 0;
    if (!o.places.empty()) {
        for (const auto& code : o.places) {
            const data::Place* p = ds.place(code);
            if (!p) {
                err << "evidencepack: --places: unknown place '" << code << "' (see data/places.csv)\n";
                status = 2;
                return {};
            }
            if (std::find(places.begin(), places.end(), p) == places.end()) places.push_back(p);
        }
        return places;
    }
    if (focus.empty()) {
        err << "error: --each-place builds a pack for each authority in the pack's own place, but there is none: add a "
               "'focus' row to content/document.csv, or name the places with --places\n";
        status = 1;
        return {};
    }
    for (const data::Place* p : ds.members(focus))
        if (p->kind == "authority") places.push_back(p);
    if (places.empty()) {
        err << "error: no place of kind authority belongs to '" << focus << "' (data/places.csv, member_of); name the "
               "places with --places\n";
        status = 1;
    }
    return places;
}

// The per-place packs, built by a few threads sharing the one loaded data set. Each thread
// holds one document model at a time. Problems of each place are kept in its slot.
struct PlaceJob {
    const data::Place* place = nullptr;
    Diagnostics diags;
    PackStats stats;
    bool written = false;
    std::string failure;   // a writer's error
};

// Each place's problems, once: a warning every pack shares is printed once, and an error that
// several packs share names all of their places. `shared` holds what was already printed (the
// main pack's problems). Counts the distinct errors and the warnings printed.
struct PlaceProblems {
    int errors = 0, warnings = 0;
};
PlaceProblems report_place_problems(const std::vector<PlaceJob>& jobs, const Diagnostics& shared, std::ostream& err) {
    std::vector<std::string> lines;
    std::map<std::string, std::vector<std::string>> places_of;
    PlaceProblems n;
    // A warning in a file every pack reads was printed with the main pack's: not again.
    std::set<std::string> printed;
    for (const auto& item : shared.items()) printed.insert(to_string(item));
    for (const auto& job : jobs) {
        auto note = [&](const std::string& line, bool is_error) {
            if (!is_error && printed.count(line)) return;
            auto [it, fresh] = places_of.try_emplace(line);
            if (fresh) {
                lines.push_back(line);
                ++(is_error ? n.errors : n.warnings);
            }
            if (is_error) it->second.push_back(job.place->name);
        };
        for (const auto& item : job.diags.items()) note(to_string(item), !item.is_warning);
        if (!job.failure.empty()) note(job.failure, true);
    }
    for (const auto& line : lines) {
        const auto& names = places_of[line];
        err << line;
        if (!names.empty()) {
            err << (names.size() == 1 ? " (in the pack for " : " (in the packs for ") << names.front();
            if (names.size() > 3) err << ", " << names[1] << " and " << names.size() - 2 << " more";
            else
                for (size_t i = 1; i < names.size(); ++i) err << (i + 1 == names.size() ? " and " : ", ") << names[i];
            err << ")";
        }
        err << "\n";
    }
    return n;
}

// What one place's pack is built from: the data, audit and downloads of the project's own.
PackOptions place_pack_options(const data::Place& place, const std::vector<model::SourceCheck>& warnings,
                               const std::vector<model::DataDownload>& downloads, const geo::Atlas* atlas) {
    PackOptions pack;
    pack.focus = place.code;
    pack.place_pack = true;
    pack.warnings = &warnings;
    pack.downloads = &downloads;
    pack.atlas = atlas;
    return pack;
}

void build_places(const RunOptions& o, const data::Dataset& ds, const geo::Atlas& atlas, const std::vector<model::SourceCheck>& warnings,
                  const std::vector<model::DataDownload>& downloads, const fs::path& root, const fs::path& staged,
                  const fs::path& target, ConformanceTally& tally,
                  std::vector<PlaceJob>& jobs, std::ostream& out) {
    // cmark-gfm registers its extensions in a global list: do it once, before any thread parses.
    cmark_gfm_core_extensions_ensure_registered();
    std::atomic<size_t> next{0};
    std::atomic<bool> failed{false};
    std::mutex progress_mutex;
    size_t done = 0;
    const size_t total = jobs.size();
    auto worker = [&] {
        for (size_t i; (i = next++) < total;) {
            PlaceJob& job = jobs[i];
            set_stage("building the pack for " + job.place->name);
            try {
                ModelResult m = build_model({o.root}, ds, place_pack_options(*job.place, warnings, downloads, &atlas), job.diags);
                // Once a pack has failed nothing more is written, but every pack is still checked, so
                // that the errors, and the packs each one names, are the same whatever --jobs is.
                if (job.diags.has_errors()) failed = true;
                if (failed) continue;
                const fs::path dir = staged / "places" / job.place->code;
                job.stats = write_pack(m.document, root, {dir, target / "places" / job.place->code, "evidence-pack.pdf", &tally},
                                       false);
                share_downloads(m.document, staged / "site", dir / "site");
                job.written = true;
            } catch (const Error& e) {
                job.failure = relative_to_root(e.what(), root);
                failed = true;
            } catch (const fs::filesystem_error& e) {
                job.failure = std::string("error: ") + e.what();
                failed = true;
            } catch (const std::bad_alloc&) {   // on this thread: it would end the process
                job.failure = out_of_memory_message(kNoMemory);
                failed = true;
            } catch (const std::length_error&) {
                job.failure = out_of_memory_message(kTooLong);
                failed = true;
            }
            if (o.progress) {
                std::lock_guard<std::mutex> lock(progress_mutex);
                ++done;
                std::string line = "Building place packs: " + std::to_string(done) + " of " + std::to_string(total) +
                                   " (" + job.place->name + ")";
                if (line.size() > 78) line = line.substr(0, 77) + "\u2026)";
                out << "\r" << line << std::string(line.size() < 79 ? 79 - line.size() : 0, ' ') << std::flush;
            }
        }
    };
    unsigned threads = o.jobs > 0 ? static_cast<unsigned>(o.jobs) : std::max(1u, std::thread::hardware_concurrency());
    threads = std::min<unsigned>(threads, static_cast<unsigned>(total));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (o.progress && done > 0) out << "\r" << std::string(79, ' ') << "\r" << std::flush;
}

int build_steps(const RunOptions& o, std::ostream& out, std::ostream& err, Watchdog& watchdog) {
    const auto start = Clock::now();
    std::string problem;
    const std::optional<OutputFolder> output = plan_output(o.root, out_dir_of(o), problem);
    if (!output) {
        err << "evidencepack: " << problem << "\n";
        return 2;
    }
    // The fonts' kerning is read meanwhile on the other core (joined when this returns).
    std::jthread fonts_ahead([] {
        try {
            pdf::read_fonts_ahead(pdf::PdfOptions{});
        } catch (...) {   // only a head start: the writer reads the fonts again and reports
        }
    });
    const Project project{o.root};
    const fs::path root = fs::absolute(o.root).lexically_normal();
    Diagnostics d;
    check_inputs_inside(o.root, d);
    data::Dataset ds;
    set_stage("reading data/");
    if (!d.has_errors()) ds = data::load_dataset((fs::path(o.root) / "data").string(), "data", d);
    std::unique_ptr<geo::Atlas> atlas;
    if (!d.has_errors()) atlas = load_atlas(project, ds, d);
    ModelResult main;
    PackOptions main_options;
    main_options.atlas = atlas.get();
    if (!d.has_errors()) main = build_model(project, ds, main_options, d);
    std::vector<Translation> translations;
    if (!d.has_errors()) translations = build_translations(o, ds, main_options, main, d);
    std::vector<OtherDocument> others;
    if (!d.has_errors()) others = build_other_documents(o, ds, *atlas, main.document.downloads, d);
    // Each document type's layout file is checked before anything is written.
    if (!d.has_errors()) {
        document_layout(root, main.document.type, d);
        for (const auto& other : others) document_layout(root, other.model.document.type, d);
    }
    print_diagnostics(d, err);
    if (d.has_errors()) {
        err << d.error_count() << (d.error_count() == 1 ? " error" : " errors")
            << "; nothing was written and the previous output is unchanged.\n";
        return 1;
    }
    if ((!o.places.empty() || o.jobs > 0) && !o.each_place && !main.each_place) {
        err << "evidencepack: " << (o.places.empty() ? "--jobs" : "--places")
            << " needs --each-place (or each_place,yes in content/document.csv)\nTry 'evidencepack --help'.\n";
        return 2;
    }
    std::vector<PlaceJob> jobs;
    if (o.each_place || main.each_place) {
        int status = 0;
        for (const data::Place* p : pack_places(o, ds, main.focus, err, status)) jobs.push_back({p, {}, {}, false, {}});
        if (status) {
            if (status == 1) err << "nothing was written and the previous output is unchanged.\n";
            return status;
        }
    }

    const fs::path target = fs::absolute(out_dir_of(o)).lexically_normal();
    fs::path staged;
    ConformanceTally conformance;
    try {
        staged = make_staging(*output);
        watchdog.set_staging(staged);
        // A bilingual document: its site in each other language under site/<language>/, linked
        // page for page, and a PDF of its own, evidence-pack.<language>.pdf.
        std::vector<html::LanguageLink> to_others;
        for (const auto& t : translations) to_others.push_back({t.language, language_own_name(t.language), t.language + "/"});
        PackStats stats = write_pack(main.document, root, {staged, target, "evidence-pack.pdf", &conformance, to_others});
        std::string translated_lines;
        for (auto& t : translations) {
            const std::string pdf_name = "evidence-pack." + t.language + ".pdf";
            const fs::path dir = staged / (".language-" + t.language);
            const std::string& own = main.document.meta.language;
            const PackStats st = write_pack(t.model.document, root,
                                            {dir, target, pdf_name, &conformance, {{own, language_own_name(own), "../"}}});
            fs::rename(dir / "site", staged / "site" / t.language);
            fs::rename(dir / pdf_name, staged / pdf_name);
            fs::remove_all(dir);
            translated_lines += "Built " + t.language + ": " + std::to_string(st.pdf_pages) + " PDF pages and " +
                                std::to_string(st.web_pages) + " web pages -> " + (target / pdf_name).string() + ", " +
                                (target / "site" / t.language).string() + "/\n";
            t.model = ModelResult{};
        }
        const model::Document& doc = main.document;
        std::string main_line = "Built " + std::to_string(stats.pdf_pages) + " PDF pages and " +
                                std::to_string(stats.web_pages) + " web pages: " + std::to_string(doc.sections.size()) +
                                " sections, " + std::to_string(main.tables) + " tables, " +
                                std::to_string(main.figures) + " figures, " + std::to_string(d.warning_count()) +
                                " warnings, " + std::to_string(doc.warnings.size()) +
                                " source disagreements (see 'evidencepack check')";
        const std::vector<model::SourceCheck> warnings = doc.warnings;
        const std::vector<model::DataDownload> downloads = doc.downloads;
        main = ModelResult{};   // the per-place packs need only the data, not this model
        std::string other_lines = translated_lines;   // a line per other language and document, after the main one
        const size_t documents = others.size();
        for (auto& other : others) {
            const PackStats st = write_pack(other.model.document, root,
                                            {staged / other.name, target / other.name, other.name + ".pdf", &conformance});
            other_lines += "Built " + other.folder + " (" + other.model.document.type + "): " +
                         std::to_string(st.pdf_pages) + " PDF pages and " + std::to_string(st.web_pages) +
                         " web pages -> " + (target / other.name).string() + "\n";
            other.model = ModelResult{};
        }

        if (!jobs.empty()) {
            const auto places_start = Clock::now();
            build_places(o, ds, *atlas, warnings, downloads, root, staged, target, conformance, jobs, out);
            const PlaceProblems problems = report_place_problems(jobs, d, err);
            const int errors = problems.errors, place_warnings = problems.warnings;
            if (errors > 0) {
                err << errors << (errors == 1 ? " error" : " errors")
                    << "; nothing was written and the previous output is unchanged.\n";
                discard_staging(staged);
                return 1;
            }
            watchdog.committing();
            put_in_place(staged, *output, err);
            int pdf_pages = 0, web_pages = 0;
            for (const auto& job : jobs) {
                pdf_pages += job.stats.pdf_pages;
                web_pages += job.stats.web_pages;
            }
            const double place_seconds = seconds_since(places_start);
            out << main_line << " -> " << target.string() << "\n" << other_lines;
            char per_pack[32];
            std::snprintf(per_pack, sizeof per_pack, "%.3f s", place_seconds / static_cast<double>(jobs.size()));
            out << "Built " << jobs.size() << (jobs.size() == 1 ? " place pack" : " place packs") << " ("
                << jobs.front().place->name << (jobs.size() > 2 ? " \u2026 " : jobs.size() == 2 ? ", " : "")
                << (jobs.size() > 1 ? jobs.back().place->name : "") << "): " << pdf_pages << " PDF pages and " << web_pages
                << " web pages, " << place_warnings << " warnings, in " << seconds_text(place_seconds) << " ("
                << per_pack << " a pack) -> " << (target / "places").string() << "/<place>/\n";
            out << conformance.summary() << "\n";
            out << "Done: " << jobs.size() + 1 + documents << " documents (" << jobs.size()
                << (jobs.size() == 1 ? " place pack" : " place packs") << ") in " << seconds_text(seconds_since(start)) << ".\n"
                << std::flush;
            return 0;
        }
        watchdog.committing();
        put_in_place(staged, *output, err);
        out << main_line << " in " << seconds_text(seconds_since(start)) << " -> " << target.string() << "\n"
            << other_lines << conformance.summary() << "\n" << std::flush;
        return 0;
    } catch (const SwapIncomplete& e) {
        err << e.what() << "\n";
    } catch (const Error& e) {
        err << relative_to_root(e.what(), root) << "\nnothing was written and the previous output is unchanged.\n";
    } catch (const fs::filesystem_error& e) {
        err << "error: " << e.what() << "\nthe previous output is unchanged.\n";
    } catch (const std::bad_alloc&) {
        err << out_of_memory_message(kNoMemory) << "\n" << kNothingWritten;
    } catch (const std::length_error&) {
        err << out_of_memory_message(kTooLong) << "\n" << kNothingWritten;
    }
    if (!staged.empty()) discard_staging(staged);
    return 1;
}

// A build under its limits (docs/limits.md): memory and time are watched, and an allocation the
// system refuses while reading or checking the inputs ends the build with its error too.
int build_once(const RunOptions& o, std::ostream& out, std::ostream& err) {
    set_stage("checking the project folder " + o.root);
    Watchdog watchdog(o.limits, err);
    try {
        return build_steps(o, out, err, watchdog);
    } catch (const std::bad_alloc&) {
        err << out_of_memory_message(kNoMemory) << "\n" << kNothingWritten;
    } catch (const std::length_error&) {
        err << out_of_memory_message(kTooLong) << "\n" << kNothingWritten;
    }
    return 1;
}

}  // namespace

// Checks every pack the build would write: the project's own, its other documents, and the
// per-place packs when there are any (document.csv asks for them, --each-place or --places is
// given, or sections.csv has sections for them alone), each place's model built and checked
// in full, so that OK here means the build succeeds.
int run_check(const RunOptions& o, std::ostream& out, std::ostream& err) {
    Diagnostics d;
    check_inputs_inside(o.root, d);
    BuildResult r;
    if (!d.has_errors()) r.dataset = data::load_dataset((fs::path(o.root) / "data").string(), "data", d);
    std::unique_ptr<geo::Atlas> atlas;
    if (!d.has_errors()) atlas = load_atlas({o.root}, r.dataset, d);
    std::string focus;
    bool place_packs = o.each_place || !o.places.empty();
    std::string translated_lines;   // a line per other language of the main document
    if (!d.has_errors()) {
        PackOptions options;
        options.atlas = atlas.get();
        ModelResult m = build_model({o.root}, r.dataset, options, d);
        if (!d.has_errors())
            for (const auto& t : build_translations(o, r.dataset, options, m, d))
                translated_lines += "OK: " + t.language + ": " + std::to_string(t.model.document.sections.size()) +
                                    " sections, " + std::to_string(t.model.tables) + " tables, " +
                                    std::to_string(t.model.figures) + " figures.\n";
        r.document = std::move(m.document);
        r.tables = m.tables;
        r.figures = m.figures;
        focus = m.focus;
        place_packs = place_packs || m.each_place || m.place_sections;
    }
    std::vector<OtherDocument> others;
    if (!d.has_errors()) others = build_other_documents(o, r.dataset, *atlas, r.document.downloads, d);
    print_diagnostics(d, err);
    std::vector<PlaceJob> jobs;
    int place_errors = 0;
    if (!d.has_errors() && place_packs) {
        int status = 0;
        for (const data::Place* p : pack_places(o, r.dataset, focus, err, status)) jobs.push_back({p, {}, {}, false, {}});
        if (status == 2) return 2;
        place_errors += status;
        for (auto& job : jobs)
            build_model({o.root}, r.dataset, place_pack_options(*job.place, r.document.warnings, r.document.downloads, atlas.get()),
                        job.diags);
        place_errors += report_place_problems(jobs, d, err).errors;
    }
    const int errors = d.error_count() + place_errors;
    if (errors > 0) {
        err << errors << (errors == 1 ? " error" : " errors") << "; the project would not build.\n";
        return 1;
    }
    const auto& doc = r.document;
    if (!doc.warnings.empty()) {
        out << "Checks on the source figures (" << doc.warnings.size() << "):\n";
        for (const auto& w : doc.warnings) out << "  " << w.for_check << "\n";
    }
    out << "OK: " << r.dataset.observations.size() << " observations, " << r.dataset.derivations.size()
        << " derived figures, " << doc.sections.size() << " sections, " << r.tables << " tables, " << r.figures
        << " figures, " << doc.warnings.size() << " disagreements in the sources, " << d.warning_count()
        << " warnings.\n" << translated_lines;
    for (const auto& other : others)
        out << "OK: " << other.folder << " (" << other.model.document.type << "): "
            << other.model.document.sections.size() << " sections, " << other.model.tables << " tables, "
            << other.model.figures << " figures.\n";
    if (!jobs.empty())
        out << "OK: " << jobs.size() << (jobs.size() == 1 ? " place pack" : " place packs") << " checked.\n";
    return 0;
}

int run_build(const RunOptions& o, std::ostream& out, std::ostream& err) { return build_once(o, out, err); }

int run_watch(const RunOptions& o, std::ostream& out, std::ostream& err, const volatile std::sig_atomic_t* stop,
              const BuildListener& on_build) {
    // A listener gets the errors as text as well as the terminal.
    auto build = [&] {
        if (!on_build) return build_once(o, out, err);
        std::ostringstream errors;
        const int status = build_once(o, out, errors);
        err << errors.str() << std::flush;
        on_build(status, errors.str());
        return status;
    };
    const fs::path root = fs::absolute(o.root);
    InputWaker waker(root);
    Snapshot seen = snapshot(root);
    int status = build();
    if (status == 2) return status;   // an output folder it may not write: nothing to watch for
    out << "Watching data/, content/, templates/ and assets/ for changes (Ctrl-C to stop).\n" << std::flush;
    // The poll interval is the fallback: with inotify a change wakes the loop at once.
    const auto interval = std::chrono::milliseconds(std::max(10, o.watch_interval_ms));
    while (!*stop) {
        waker.wait(interval);
        Snapshot now = snapshot(root);
        if (now == seen) continue;
        // An editor may write a file in several steps: wait until the inputs stop changing.
        for (Snapshot again; !*stop; now = std::move(again)) {
            waker.wait(std::chrono::milliseconds(20));
            again = snapshot(root);
            if (again == now) break;
        }
        waker.rewatch();   // folders may have come or gone
        if (*stop) break;
        const std::string what = changes(seen, now);
        seen = std::move(now);
        const auto start = Clock::now();
        status = build();
        if (status == 0)
            out << "rebuilt in " << seconds_text(seconds_since(start)) << " after a change to " << what << "\n" << std::flush;
        else
            err << "rebuild failed after a change to " << what << "; the last good output is unchanged.\n" << std::flush;
    }
    return status;
}

}  // namespace ep::pipeline
