#include "html/site_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/diagnostics.h"

namespace fs = std::filesystem;

namespace ep::html {

namespace {

void make_dirs(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw Error(Location{dir.string(), 0, 0}, "cannot create folder: " + ec.message());
}

}  // namespace

std::string join_path(const std::string& dir, const std::string& name) {
    return (fs::path(dir) / name).string();
}

bool file_exists(const std::string& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(Location{path, 0, 0}, "cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file(const std::string& path, const std::string& contents) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << contents;
    out.close();
    if (!out) throw Error(Location{path, 0, 0}, "cannot write " + path);
}

void check_plain_file_name(const std::string& name, const std::string& what) {
    bool bad = name.empty() || name[0] == '.' || name.find_first_of("/\\:") != std::string::npos;
    if (bad) throw Error(Location{}, what + " has an unusable file name \"" + name + "\"; use a plain name without folders");
}

void copy_assets(const std::string& assets_dir, const std::string& out_dir) {
    std::error_code ec;
    if (!fs::is_directory(assets_dir, ec)) throw Error(Location{assets_dir, 0, 0}, "assets folder not found: " + assets_dir);
    std::vector<fs::path> files;
    // Folders linked from assets/ are copied too (the build refused links that leave the project).
    for (const auto& entry : fs::recursive_directory_iterator(assets_dir, fs::directory_options::follow_directory_symlink))
        // lexically: fs::relative would resolve a link ("brand" -> "../brand") and copy outside assets/
        if (entry.is_regular_file()) files.push_back(entry.path().lexically_relative(assets_dir));
    std::sort(files.begin(), files.end());
    fs::path target = fs::path(out_dir) / "assets";
    for (const auto& rel : files) {
        make_dirs((target / rel).parent_path());
        write_file((target / rel).string(), read_file((fs::path(assets_dir) / rel).string()));
    }
}

void write_data_files(const std::map<std::string, std::string>& files, const std::string& out_dir) {
    if (files.empty()) return;
    fs::path dir = fs::path(out_dir) / "data";
    make_dirs(dir);
    for (const auto& [name, contents] : files) write_file((dir / name).string(), contents);
}

}  // namespace ep::html
