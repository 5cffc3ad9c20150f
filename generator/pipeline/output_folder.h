// Where a build may write, and how a finished build replaces the previous one. A build never
// destroys what is not its own: the output folder is replaced only when it is absent, empty or
// marked as written by evidencepack (kMarker), and it may never be or hold the project, nor lie
// inside its input folders. Files that a publisher adds to a marked output (.git, CNAME) are
// kept. docs in README.md "Output folder".
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "core/diagnostics.h"

namespace ep::pipeline {

// The file in every output folder that says evidencepack wrote it; it lists what it wrote.
inline constexpr const char* kMarker = ".evidencepack-output";

struct OutputFolder {
    std::filesystem::path shown;    // as the user named it (for messages)
    std::filesystem::path target;   // the real folder written (a symbolic link followed)
    bool exists = false;
    // A mount point (or a folder whose parent cannot be written): it cannot be swapped whole,
    // so each of its entries is swapped in turn and the folder itself stays.
    bool in_place = false;
    std::set<std::string> ours;     // what the previous build wrote (the marker's list)
};

// Checks `out` against the project folder `root`. On a problem returns nullopt with `problem`
// set to a sentence naming the path and saying how to proceed (a usage error, exit 2).
std::optional<OutputFolder> plan_output(const std::filesystem::path& root, const std::filesystem::path& out,
                                        std::string& problem);

// A folder to build into, beside the output (inside it when in_place), with the marker in it.
// Leftovers of builds that were killed are removed first.
std::filesystem::path make_staging(const OutputFolder& out);

// Writes the marker, listing every file and folder under `staged` (the new build's own).
void write_marker(const std::filesystem::path& staged);

// What happened when a staged build was put in place.
struct SwapResult {
    std::string warning;   // the new output is in place but the old one could not all be removed
};

// Puts `staged` in place of the output so that at every moment the output is complete, the
// old or the new (renameat2 RENAME_EXCHANGE), keeping files the old output held that no build
// wrote. Throws ep::Error before anything changed (the previous output is then intact).
SwapResult swap_into_place(const std::filesystem::path& staged, const OutputFolder& out);

// Thrown by swap_into_place when an output swapped entry by entry was only partly replaced.
class SwapIncomplete : public Error {
public:
    using Error::Error;
};

// Removes a staged build that failed.
void discard_staging(const std::filesystem::path& staged);

}  // namespace ep::pipeline
