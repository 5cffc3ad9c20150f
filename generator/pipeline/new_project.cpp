#include "pipeline/new_project.h"

#include <filesystem>
#include <fstream>
#include <ostream>
#include <system_error>

#include "core/diagnostics.h"

namespace ep::pipeline {

namespace fs = std::filesystem;

void write_starter_file(const std::string& dir, const StarterFile& f) {
    const fs::path path = fs::path(dir) / f.path;
    fs::create_directories(path.parent_path());
    std::ofstream file(path, std::ios::binary);
    file.write(reinterpret_cast<const char*>(f.bytes), static_cast<std::streamsize>(f.size));
    file.close();
    if (!file) throw Error({path.string(), 0, 0}, "could not write the file");
}

int run_new(const std::string& dir, std::ostream& out, std::ostream& err) {
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(dir, ec);
    if (fs::exists(status)) {
        if (!fs::is_directory(status)) {
            err << "evidencepack: new: '" << dir << "' exists and is not a folder; name a new folder\n";
            return 2;
        }
        if (!fs::is_empty(dir, ec) || ec) {
            err << "evidencepack: new: '" << dir
                << "' is not empty; new writes a project only into a new or empty folder, so nothing is overwritten\n";
            return 2;
        }
    }
    for (const StarterFile& f : starter_files()) write_starter_file(dir, f);
    out << "Wrote a new project to " << dir << " (" << starter_files().size()
        << " files): data/ (places, measures, sources, observations, derived figures), content/ (document.csv, "
           "sections.csv and one section), templates/ and assets/.\n"
        << "Build it with:  evidencepack build --root " << dir << "\n"
        << "Then change the figures in " << (fs::path(dir) / "data").string() << "/ and the words in "
        << (fs::path(dir) / "content").string() << "/ (docs/data-format.md, docs/content-format.md).\n";
    return 0;
}

}  // namespace ep::pipeline
