// Fuzz target: the whole build on a tiny project. The first byte of the input picks one of the
// project's files; the rest replaces that file's contents. Then build_document runs and, when it
// reports no errors, both writers write into a scratch folder, exactly as `evidencepack build`
// does. The project is the corpus's base (tests/corpus/base) with the shipped templates/assets.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <unistd.h>

#include "core/diagnostics.h"
#include "html/html_writer.h"
#include "pdf/pdf_writer.h"
#include "pipeline/build_document.h"

namespace fs = std::filesystem;

namespace {

const char* const kFiles[] = {
    "data/observations.csv", "data/places.csv",      "data/measures.csv",     "data/derived.csv",
    "data/sources.csv",      "data/milestones.csv",  "content/summary.md",    "content/detail.md",
    "content/sections.csv",  "content/document.csv", "content/key_figures.csv",
};

struct Scratch {
    fs::path root, project, out;
    std::map<std::string, std::string> original;   // file -> contents ("" and absent: not there)
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void spit(const fs::path& p, const std::string& s) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << s;
}

Scratch& scratch() {
    static Scratch* s = [] {
        auto* x = new Scratch;
        std::string tmpl = (fs::temp_directory_path() / "ep-fuzz-build-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) std::abort();
        x->root = tmpl;
        x->project = x->root / "project";
        x->out = x->root / "out";
        const fs::path src = EP_SOURCE_DIR;
        fs::create_directories(x->project);
        for (const char* dir : {"data", "content"})
            fs::copy(src / "tests/corpus/base" / dir, x->project / dir, fs::copy_options::recursive);
        for (const char* dir : {"templates", "assets"})
            fs::copy(src / dir, x->project / dir, fs::copy_options::recursive);
        for (const char* f : kFiles)
            if (fs::exists(x->project / f)) x->original[f] = slurp(x->project / f);
        std::atexit([] { std::error_code ec; fs::remove_all(scratch().root, ec); });
        return x;
    }();
    return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    Scratch& s = scratch();
    const std::string file = kFiles[data[0] % (sizeof kFiles / sizeof kFiles[0])];
    spit(s.project / file, std::string(reinterpret_cast<const char*>(data) + 1, size - 1));

    ep::Diagnostics diags;
    ep::pipeline::BuildResult r = ep::pipeline::build_document({s.project.string()}, diags);
    if (!diags.has_errors()) {
        std::error_code ec;
        fs::remove_all(s.out, ec);
        fs::create_directories(s.out / "site");
        try {
            ep::pdf::PdfOptions pdf_options;
            pdf_options.timestamp = 1266580800;
            ep::pdf::PdfStats stats = ep::pdf::write_pdf(r.document, pdf_options, (s.out / "pack.pdf").string());
            ep::html::HtmlOptions html_options;
            html_options.templates_dir = (s.project / "templates").string();
            html_options.assets_dir = (s.project / "assets").string();
            html_options.pdf_file = "pack.pdf";
            html_options.pdf_pages = stats.pages;
            ep::html::write_site(r.document, html_options, (s.out / "site").string());
        } catch (const ep::Error& e) {
            // A problem the writers report (the CLI prints it and keeps the old output); but a
            // character the fonts lack must have been reported by the build, where it was typed.
            if (e.message().find("the PDF's fonts have no glyph") != std::string::npos) __builtin_trap();
        }
    }

    auto it = s.original.find(file);
    if (it != s.original.end()) spit(s.project / file, it->second);
    else fs::remove(s.project / file);
    return 0;
}
