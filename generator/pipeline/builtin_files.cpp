#include "pipeline/builtin_files.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <mutex>

#include "core/diagnostics.h"
#include "pipeline/new_project.h"

namespace ep::pipeline {

namespace fs = std::filesystem;

namespace {

// The built-in files, written out on first use; the folder goes when the program ends.
class BuiltinFolder {
public:
    const fs::path& path() {
        std::call_once(written_, [this] { write(); });
        return path_;
    }
    ~BuiltinFolder() {
        std::error_code ec;
        if (!path_.empty()) fs::remove_all(path_, ec);
    }

private:
    void write() {
        std::string pattern = (fs::temp_directory_path() / "evidencepack-builtin-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw Error({pattern, 0, 0}, "could not make a folder for the built-in templates");
        path_ = pattern;
        for (const StarterFile& f : starter_files()) {
            const std::string name = f.path;
            if (name.rfind("templates/", 0) != 0 && name.rfind("assets/", 0) != 0) continue;   // not the starter's data
            write_starter_file(path_.string(), f);
        }
    }
    std::once_flag written_;
    fs::path path_;
};

BuiltinFolder& builtin() {
    static BuiltinFolder folder;
    return folder;
}

}  // namespace

fs::path templates_or_builtin(const fs::path& root, const std::string& folder) {
    std::error_code ec;
    if (fs::exists(root / folder, ec)) return root / folder;
    return builtin().path() / folder;
}

}  // namespace ep::pipeline
