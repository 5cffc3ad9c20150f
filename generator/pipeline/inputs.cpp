#include "pipeline/inputs.h"

#include <filesystem>
#include <set>

namespace ep::pipeline {

namespace fs = std::filesystem;

bool path_within(const fs::path& inner, const fs::path& outer) {
    auto o = outer.begin(), i = inner.begin();
    for (; o != outer.end(); ++o, ++i) {
        if (o->empty()) continue;   // the empty last element of "a/b/"
        if (i == inner.end() || *i != *o) return false;
    }
    return true;
}

namespace {

struct Walk {
    fs::path project;             // the project folder, links resolved
    std::set<fs::path> visited;   // folders walked, links resolved: each once
    Diagnostics& d;
};

// `path` is the entry as found; `shown` its name from the project folder ("content/a.md").
void check_entry(Walk& w, const fs::path& path, const std::string& shown) {
    std::error_code ec;
    const fs::file_status link = fs::symlink_status(path, ec);
    if (ec || !fs::exists(link)) return;
    fs::path real = path;
    if (fs::is_symlink(link)) {
        real = fs::weakly_canonical(path, ec);
        if (ec || !fs::exists(real, ec)) return;   // a broken link: reading it reports "missing"
        if (!path_within(real, w.project)) {
            w.d.error({shown, 0, 0}, "this is a symbolic link to '" + real.string() +
                                         "', outside the project folder, which a build would publish; copy what "
                                         "you mean to publish into the project instead");
            return;
        }
        if (fs::is_directory(real, ec) && path_within(fs::weakly_canonical(path.parent_path(), ec), real)) {
            w.d.error({shown, 0, 0}, "this is a symbolic link to a folder that holds it, so it never ends; remove it");
            return;
        }
    }
    const fs::file_status st = fs::status(real, ec);
    if (fs::is_directory(st)) {
        if (!w.visited.insert(fs::weakly_canonical(real, ec)).second) return;
        for (fs::directory_iterator it(real, ec), end; !ec && it != end; it.increment(ec))
            check_entry(w, real / it->path().filename(), shown + "/" + it->path().filename().string());
    } else if (!fs::is_regular_file(st)) {
        w.d.error({shown, 0, 0}, "this is not a file (a named pipe, socket or device); remove it from the project");
    }
}

}  // namespace

void check_inputs_inside(const std::string& root, Diagnostics& d) {
    std::error_code ec;
    Walk w{fs::weakly_canonical(fs::absolute(root), ec), {}, d};
    if (ec) return;
    for (const char* input : {"data", "content", "templates", "assets"}) check_entry(w, w.project / input, input);
}

}  // namespace ep::pipeline
