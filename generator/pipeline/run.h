// The two things a user asks for: check the project, or build it into an output folder.
#pragma once

#include <csignal>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "pipeline/limits.h"

namespace ep::pipeline {

struct RunOptions {
    std::string root = ".";     // project folder
    std::string out;            // output folder (default: <root>/out)
    bool quiet = false;
    // One pack per place: besides OUT/site and OUT/evidence-pack.pdf, a pack for each place
    // in OUT/places/<place>/ (site/ and evidence-pack.pdf). The places are `places` if given,
    // else the authorities that belong to the pack's focus place (the sub-region).
    bool each_place = false;
    std::vector<std::string> places;
    int jobs = 0;               // threads for the per-place packs; 0: one per core
    bool progress = false;      // print "pack n of N" on one updating line (stdout is a terminal)
    bool watch = false;         // rebuild whenever data/, content/, templates/ or assets/ change
    int watch_interval_ms = 300;
    BuildLimits limits;         // memory and time of a build (docs/limits.md)
};

// Exit codes: 0 success, 1 problems in data or content (nothing written), 2 bad usage.
int run_check(const RunOptions& options, std::ostream& out, std::ostream& err);
int run_build(const RunOptions& options, std::ostream& out, std::ostream& err);

// Builds once, then polls the project's inputs and rebuilds after every change, printing how
// long each rebuild took; a failed rebuild prints its errors and leaves the last good output.
// Returns when `*stop` becomes non-zero (Ctrl-C) with the exit code of the last build.
// `on_build`, if given, hears of every build (the first included): its exit code and what it
// printed on stderr (serve shows that in the browser).
using BuildListener = std::function<void(int status, const std::string& errors)>;
int run_watch(const RunOptions& options, std::ostream& out, std::ostream& err, const volatile std::sig_atomic_t* stop,
              const BuildListener& on_build = {});

}  // namespace ep::pipeline
