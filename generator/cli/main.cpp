// evidencepack: one command that turns data/ + content/ into an HTML site and a PDF.
#include <cstring>
#include <iostream>
#include <string>

#include "pipeline/run.h"

namespace {

const char* kHelp = R"(evidencepack - build an evidence pack (HTML site + A4 PDF) from CSV data and Markdown

Usage:
  evidencepack build [--root DIR] [--out DIR]
  evidencepack check [--root DIR]
  evidencepack --help | --version

Commands:
  build    check everything, then write OUT/site/ (index.html, a page per section,
           sources.html, data downloads, assets) and OUT/evidence-pack.pdf.
           The output is replaced only when the whole build succeeds.
  check    check data/, content/ and the calculations, list the places where the
           source's own figures disagree with its data, and write nothing.

Options:
  --root DIR   project folder holding data/ content/ templates/ assets/ (default: .)
  --out DIR    output folder (default: ROOT/out)
  -h, --help   show this help
  --version    show the version

Exit status: 0 success, 1 problems in data or content, 2 bad usage.
Formats: docs/data-format.md and docs/content-format.md.
)";

int usage_error(const std::string& msg) {
    std::cerr << "evidencepack: " << msg << "\nTry 'evidencepack --help'.\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage_error("missing command (build or check)");
    std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << kHelp;
        return 0;
    }
    if (command == "--version") {
        std::cout << "evidencepack " << EP_VERSION << "\n";
        return 0;
    }
    if (command != "build" && command != "check") return usage_error("unknown command '" + command + "'");
    ep::pipeline::RunOptions options;
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
            options.root = v;
        } else if (arg == "--out" && command == "build") {
            const char* v = value("--out");
            if (!v) return usage_error("--out needs a folder");
            options.out = v;
        } else if (arg == "--help" || arg == "-h") {
            std::cout << kHelp;
            return 0;
        } else {
            return usage_error("unknown option '" + arg + "'");
        }
    }
    return command == "build" ? ep::pipeline::run_build(options, std::cout, std::cerr)
                              : ep::pipeline::run_check(options, std::cout, std::cerr);
}
