// The two things a user asks for: check the project, or build it into an output folder.
#pragma once

#include <iosfwd>
#include <string>

namespace ep::pipeline {

struct RunOptions {
    std::string root = ".";     // project folder
    std::string out;            // output folder (default: <root>/out)
    bool quiet = false;
};

// Exit codes: 0 success, 1 problems in data or content (nothing written), 2 bad usage.
int run_check(const RunOptions& options, std::ostream& out, std::ostream& err);
int run_build(const RunOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ep::pipeline
