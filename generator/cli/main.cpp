// evidencepack: one command that turns data/ + content/ into an HTML site and a PDF.
#include <malloc.h>
#include <unistd.h>

#include <climits>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "pipeline/new_project.h"
#include "pipeline/pdf_conformance.h"
#include "pipeline/run.h"
#include "serve/serve.h"

namespace {

const char* kHelp = R"(evidencepack - build an evidence pack (HTML site + A4 PDF) from CSV data and Markdown

Usage:
  evidencepack build [--root DIR] [--out DIR] [--each-place] [--places A,B,C] [--jobs N] [--watch]
                     [--max-memory MB] [--max-seconds S]
  evidencepack check [--root DIR] [--each-place] [--places A,B,C]
  evidencepack check --pdf FILE [--pdf FILE ...]
  evidencepack serve [--root DIR] [--out DIR] [--each-place ...] [--port N] [--host ADDR]
  evidencepack new DIR
  evidencepack --help | --version

Commands:
  build    check everything, then write OUT/site/ (index.html, a page per section,
           sources.html, data downloads, assets) and OUT/evidence-pack.pdf; and each
           other document, a folder content/<doc>/ with a document.csv (a committee
           report, case studies ...), into OUT/<doc>/site/ and OUT/<doc>/<doc>.pdf.
           The output is replaced only when the whole build succeeds.
  check    check data/, content/ (every document, and every per-place pack the build would
           write, their own sections too) and the calculations, list the places where the
           source's own figures disagree with its data, and write nothing. OK from check
           means the build succeeds.
           With --pdf: check those PDF files against the machine-checkable conditions of
           PDF/UA-1 (the Matterhorn Protocol's), each failure reported with its Matterhorn
           number, PDF/UA-1 clause, page and object (docs/pdf-check.md). Every build runs
           the same check on each PDF it writes and fails on a failure.
  serve    build, then serve the output (every document's site and PDF) at
           http://127.0.0.1:8000/ for a preview, rebuilding after every change as --watch
           does. Each open page reloads itself after a good rebuild, where the reader was;
           after a failed one it shows the errors (file:line:column, message and the line)
           over the last good page. The reload script is added only to what serve sends:
           the files in OUT are exactly what build writes. Ctrl-C stops (docs/serve.md).

  new      write a small working project into DIR (a new or empty folder): data/ with three
           places, three measures, a derived figure and their observations, content/ with
           document.csv, sections.csv and one section (a table, a chart, benchmarks),
           and the templates/ and assets/ the build needs. It builds at once:
           evidencepack build --root DIR. ('init' is the same command.)

Options:
  --root DIR   project folder holding data/ content/ templates/ assets/ (default: .)
  --out DIR    output folder (default: ROOT/out). Written only when it is new, empty or an
               earlier build's output (it holds .evidencepack-output); never the project,
               a folder holding it, or one inside data/, content/, templates/ or assets/.
               Files no build wrote there (.git, CNAME) are kept; a link is written through
  --each-place also build one pack per place, each into OUT/places/<place>/ (site/ and
               evidence-pack.pdf), with `here` in the content standing for that place and
               its benchmarks against the others; the data is read once. The places are the
               authorities that belong to the pack's own place (the sub-region), unless
               --places names them. On a terminal a line shows "pack n of N". Not needed
               when content/document.csv asks for per-place packs (each_place,yes).
  --places A,B,C  the place codes (data/places.csv) to build (or check) packs for; with
               --each-place or each_place,yes in content/document.csv
  --jobs N     threads building place packs (default: one per core); as --places
  --pdf FILE   with check: a PDF to check (PDF/UA-1); may be given several times
  --port N     with serve: the port (default 8000; 0 picks a free one)
  --host ADDR  with serve: the address to listen on (default 127.0.0.1, this computer only;
               another address lets others read the draft, and serve warns)
  --max-memory MB  end the build with an error naming what it was working on if the
               process's memory passes MB (default 1024; 0: no limit). docs/limits.md
  --max-seconds S  the same when one build takes longer than S seconds (default 600; 0: none)
  --watch      build, then keep watching data/, content/, templates/ and assets/ and
               rebuild after every change, printing how long it took; a failed rebuild
               prints its errors and leaves the last good output. Ctrl-C stops.
  -h, --help   show this help
  --version    show the version

Exit status: 0 success, 1 problems in data or content, 2 bad usage.
Formats: docs/data-format.md and docs/content-format.md.
)";

volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_interrupt(int) { g_stop = 1; }

std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t comma; (comma = s.find(',', start)) != std::string::npos; start = comma + 1)
        out.push_back(s.substr(start, comma - start));
    out.push_back(s.substr(start));
    return out;
}

int usage_error(const std::string& msg) {
    std::cerr << "evidencepack: " << msg << "\nTry 'evidencepack --help'.\n";
    return 2;
}

// Why a folder named on the command line cannot be used as such, or "" if it can be: the
// system refuses names longer than PATH_MAX, or with a part longer than NAME_MAX.
std::string unusable_folder_name(const std::string& option, const std::string& name) {
    if (name.empty()) return option + " needs a folder, not an empty name";
    if (name.size() >= PATH_MAX) return option + ": the folder name is " + std::to_string(name.size()) + " characters long (at most " + std::to_string(PATH_MAX - 1) + ")";
    size_t part = 0;
    for (char c : name) {
        part = c == '/' ? 0 : part + 1;
        if (part > NAME_MAX) return option + ": a part of the folder name is longer than " + std::to_string(NAME_MAX) + " characters";
    }
    return "";
}

}  // namespace

int main(int argc, char** argv) {
    // A build allocates and frees many objects within a fraction of a second. By default glibc
    // grows the heap in small steps and hands freed memory at its top back to the kernel, only
    // to take it again moments later; every page taken again is a page fault (a quarter of a
    // build's time was in the kernel). Grow in larger steps and keep what was taken: the peak
    // memory stays as it was (large buffers are still mapped and unmapped on their own, which
    // keeps the 150-pack build's peak below 64 MB). docs/performance.md.
    mallopt(M_TOP_PAD, 16 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    // One heap for every thread: memory a helper thread freed (the parsed observations) is
    // reused by the others instead of sitting in an arena of its own (-6 MB at the 150-pack
    // build's peak; each thread still has its own small cache, so they rarely wait).
    mallopt(M_ARENA_MAX, 1);
    if (argc < 2) return usage_error("missing command (build, check, serve or new)");
    std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << kHelp;
        return 0;
    }
    if (command == "--version") {
        std::cout << "evidencepack " << EP_VERSION << "\n";
        return 0;
    }
    if (command == "new" || command == "init") {
        if (argc != 3 || argv[2][0] == '-') return usage_error(command + " needs one folder: evidencepack " + command + " DIR");
        if (std::string why = unusable_folder_name(command, argv[2]); !why.empty()) return usage_error(why);
        try {
            return ep::pipeline::run_new(argv[2], std::cout, std::cerr);
        } catch (const std::exception& e) {
            std::cerr << "evidencepack: error: " << e.what() << "\n";
            return 1;
        }
    }
    if (command != "build" && command != "check" && command != "serve")
        return usage_error("unknown command '" + command + "'");
    ep::pipeline::RunOptions options;
    ep::serve::ServeOptions serve;
    std::vector<std::string> pdf_files;
    for (int i = 2; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&](const char* name) -> const char* {
            if (i + 1 >= argc) return nullptr;
            (void)name;
            return argv[++i];
        };
        if (arg == "--root") {
            const char* v = value("--root");
            if (!v) return usage_error("--root needs a folder");
            if (std::string why = unusable_folder_name("--root", v); !why.empty()) return usage_error(why);
            options.root = v;
        } else if (arg == "--port" && command == "serve") {
            const char* v = value("--port");
            char* end = nullptr;
            long n = v ? std::strtol(v, &end, 10) : -1;
            if (!v || *end != '\0' || n < 0 || n > 65535) return usage_error("--port needs a port number (0 to 65535)");
            serve.port = static_cast<int>(n);
        } else if (arg == "--host" && command == "serve") {
            const char* v = value("--host");
            if (!v || !*v) return usage_error("--host needs an address, e.g. 127.0.0.1");
            serve.host = v;
        } else if (arg == "--out" && (command == "build" || command == "serve")) {
            const char* v = value("--out");
            if (!v) return usage_error("--out needs a folder");
            if (std::string why = unusable_folder_name("--out", v); !why.empty()) return usage_error(why);
            options.out = v;
        } else if (arg == "--each-place") {
            options.each_place = true;
        } else if (arg == "--places") {
            const char* v = value("--places");
            if (!v) return usage_error("--places needs place codes, e.g. --places coventry,solihull");
            for (const auto& code : split_commas(v)) {
                if (code.empty()) return usage_error("--places: an empty place code in '" + std::string(v) + "'");
                options.places.push_back(code);
            }
        } else if (arg == "--jobs") {
            const char* v = value("--jobs");
            char* end = nullptr;
            long n = v ? std::strtol(v, &end, 10) : 0;
            if (!v || *end != '\0' || n < 1 || n > 256) return usage_error("--jobs needs a number of threads (1 to 256)");
            options.jobs = static_cast<int>(n);
        } else if (arg == "--pdf" && command == "check") {
            const char* v = value("--pdf");
            if (!v || !*v) return usage_error("--pdf needs a PDF file");
            pdf_files.push_back(v);
        } else if ((arg == "--max-memory" || arg == "--max-seconds") && command != "check") {
            const char* v = value(arg.c_str());
            char* end = nullptr;
            long n = v ? std::strtol(v, &end, 10) : -1;
            if (!v || *end != '\0' || n < 0 || n > 1000000)
                return usage_error(arg + " needs a whole number (" + (arg == "--max-memory" ? "MB" : "seconds") +
                                   ", 0 for no limit)");
            (arg == "--max-memory" ? options.limits.memory_mb : options.limits.seconds) = n;
        } else if (arg == "--watch" && command == "build") {
            options.watch = true;
        } else if (arg == "--help" || arg == "-h") {
            std::cout << kHelp;
            return 0;
        } else {
            return usage_error("unknown option '" + arg + "'");
        }
    }
    // --places and --jobs without --each-place are checked once document.csv is read: it may ask
    // for per-place packs itself (each_place,yes).
    if (options.jobs > 0 && command == "check") return usage_error("--jobs is for build");
    options.progress = isatty(STDOUT_FILENO) == 1;
    // Problems in the inputs are reported at their place; anything else the system refuses (a
    // folder that cannot be read, a full disk) ends the run with its reason, never an abort.
    try {
        if (command == "check" && !pdf_files.empty()) return ep::pipeline::run_pdf_check(pdf_files, std::cout, std::cerr);
        if (command == "check") return ep::pipeline::run_check(options, std::cout, std::cerr);
        if (command == "serve") {
            std::signal(SIGINT, on_interrupt);
            std::signal(SIGTERM, on_interrupt);
            return ep::serve::run_serve(options, serve, std::cout, std::cerr, &g_stop);
        }
        if (options.watch) {
            std::signal(SIGINT, on_interrupt);
            std::signal(SIGTERM, on_interrupt);
            return ep::pipeline::run_watch(options, std::cout, std::cerr, &g_stop);
        }
        return ep::pipeline::run_build(options, std::cout, std::cerr);
    } catch (const std::exception& e) {
        std::cerr << "evidencepack: error: " << e.what() << "\n";
        return 1;
    }
}
