// `evidencepack new DIR`: a small working project to start from.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace ep::pipeline {

// One file of the starter project: its path in the project ("data/places.csv") and its bytes.
struct StarterFile {
    const char* path;
    const unsigned char* bytes;
    std::size_t size;
};

// The starter project, compiled in (cmake/EmbedStarter.cmake): the shipped templates and
// assets, and generator/cli/starter/ (data/ and content/), in path order.
const std::vector<StarterFile>& starter_files();

// Writes one of those files under `dir` (its folders made as needed); throws ep::Error if it
// cannot be written.
void write_starter_file(const std::string& dir, const StarterFile& file);

// Writes the starter project into `dir`, which must not exist yet or be an empty folder. It
// builds as it is. Exit codes: 0 written, 2 a folder it may not write into (nothing written).
int run_new(const std::string& dir, std::ostream& out, std::ostream& err);

}  // namespace ep::pipeline
