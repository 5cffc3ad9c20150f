#include "pipeline/output_folder.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include "core/diagnostics.h"
#include "pipeline/inputs.h"

namespace ep::pipeline {

namespace fs = std::filesystem;

namespace {

fs::path without_trailing_slash(fs::path p) {
    while (!p.has_filename() && p.has_relative_path()) p = p.parent_path();
    return p;
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

std::string kind_of(fs::file_type t) {
    switch (t) {
        case fs::file_type::regular: return "a file";
        case fs::file_type::block:
        case fs::file_type::character: return "a device";
        case fs::file_type::fifo: return "a named pipe";
        case fs::file_type::socket: return "a socket";
        default: return "not a folder";
    }
}

// A mount point cannot be renamed; neither can "/".
bool is_mount_point(const fs::path& dir) {
    struct stat self {}, parent {};
    if (::stat(dir.c_str(), &self) != 0 || ::stat((dir / "..").c_str(), &parent) != 0) return false;
    return self.st_dev != parent.st_dev || self.st_ino == parent.st_ino;
}

std::set<std::string> read_marker(const fs::path& file) {
    std::set<std::string> ours;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#') ours.insert(line);
    return ours;
}

// A site's landing page that says evidencepack made it.
bool generated_site(const fs::path& dir) {
    std::ifstream in(dir / "site" / "index.html");
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    return head.find("<meta name=\"generator\" content=\"evidencepack") != std::string::npos;
}

// The output of an evidencepack from before the marker: a generated site/, and nothing at its
// top but PDFs, places/ and other documents' generated folders. Its every path counts as the
// build's own (it is replaced whole); anything else makes the folder a user's.
std::optional<std::set<std::string>> older_output(const fs::path& dir) {
    if (!generated_site(dir)) return std::nullopt;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        const std::string name = p.filename().string();
        std::error_code e2;
        const bool folder = it->is_directory(e2) && !it->is_symlink(e2);
        const bool pdf = it->is_regular_file(e2) && !it->is_symlink(e2) && p.extension() == ".pdf";
        if (!(pdf || (folder && (name == "site" || name == "places" || generated_site(p))))) return std::nullopt;
    }
    if (ec) return std::nullopt;
    std::set<std::string> ours;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code e2;
        const std::string rel = it->path().lexically_relative(dir).generic_string();
        ours.insert(it->is_directory(e2) && !it->is_symlink(e2) ? rel + "/" : rel);
    }
    if (ec) return std::nullopt;
    return ours;
}

std::string sample_of(const fs::path& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) names.push_back(it->path().filename().string());
    std::sort(names.begin(), names.end());
    std::string text;
    for (size_t i = 0; i < names.size() && i < 3; ++i) text += (i ? ", " : "") + names[i];
    if (names.size() > 3) text += " and " + std::to_string(names.size() - 3) + " more";
    return text;
}

// "<name>.tmp-<pid>-<n>" beside the output, or ".evidencepack-tmp-<pid>-<n>" inside it.
std::string staging_prefix(const OutputFolder& out) {
    return out.in_place ? std::string(".evidencepack-tmp-") : out.target.filename().string() + ".tmp-";
}

fs::path staging_parent(const OutputFolder& out) { return out.in_place ? out.target : out.target.parent_path(); }

bool process_alive(long pid) { return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM); }

// A folder a killed build left: a staging folder whose build is no longer running (a new build
// not finished, or the previous output not all removed) or, from builds before the marker,
// "<name>.tmp-N" / "<name>.old-N" holding a site.
void remove_leftovers(const OutputFolder& out) {
    const fs::path parent = staging_parent(out);
    const std::string prefix = staging_prefix(out);
    const std::string name = out.target.filename().string();
    std::error_code ec;
    for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string entry = it->path().filename().string();
        std::error_code e2;
        if (!it->is_directory(e2) || it->is_symlink(e2)) continue;
        bool leftover = false;
        if (entry.rfind(prefix, 0) == 0) {
            const std::string rest = entry.substr(prefix.size());
            const size_t dash = rest.find('-');
            const bool digits = !rest.empty() && rest.find_first_not_of("0123456789") == std::string::npos;
            if (dash != std::string::npos && dash > 0) {
                long pid = std::strtol(rest.substr(0, dash).c_str(), nullptr, 10);
                leftover = !process_alive(pid);   // its marker may be gone if a removal was cut short
            } else if (digits && !out.in_place) {
                leftover = fs::is_regular_file(it->path() / "site" / "index.html", e2);
            }
        } else if (!out.in_place && entry.rfind(name + ".old-", 0) == 0) {
            const std::string rest = entry.substr(name.size() + 5);
            leftover = !rest.empty() && rest.find_first_not_of("0123456789") == std::string::npos &&
                       fs::is_regular_file(it->path() / "site" / "index.html", e2);
        }
        if (leftover) fs::remove_all(it->path(), e2);
    }
}

// The same file in a second place: a hard link (costs nothing, leaves the original as it is),
// else a copy. Folders are made anew and their files linked.
void link_tree(const fs::path& from, const fs::path& to) {
    const fs::file_status st = fs::symlink_status(from);
    if (fs::is_symlink(st)) {
        fs::copy_symlink(from, to);
    } else if (fs::is_directory(st)) {
        fs::create_directory(to, from);
        for (const auto& entry : fs::directory_iterator(from)) link_tree(entry.path(), to / entry.path().filename());
    } else if (fs::is_regular_file(st)) {
        std::error_code ec;
        fs::create_hard_link(from, to, ec);
        if (ec) fs::copy_file(from, to);
    }
}

// Carries what the old output holds and no build wrote (a publisher's .git, CNAME) into the
// new one. `rel` is the folder being looked at ("" for the top); with `keep_top` the top-level
// ones stay where they are (an output swapped entry by entry).
void carry_foreign(const OutputFolder& out, const fs::path& staged, const std::string& rel, bool keep_top) {
    const fs::path dir = rel.empty() ? out.target : out.target / rel;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (rel.empty() && (name == kMarker || name.rfind(".evidencepack-tmp-", 0) == 0)) continue;
        const std::string path = rel.empty() ? name : rel + "/" + name;
        const bool dir_entry = entry.is_directory() && !entry.is_symlink();
        if (dir_entry && out.ours.count(path + "/")) {
            carry_foreign(out, staged, path, false);
            continue;
        }
        if (!dir_entry && out.ours.count(path)) continue;
        std::error_code ec;
        if (fs::exists(fs::symlink_status(staged / path, ec)))
            throw Error({(out.shown / path).string(), 0, 0},
                        "this was not written by evidencepack, and the new build writes a file of that name; move it "
                        "away and build again");
        if (!(keep_top && rel.empty())) link_tree(entry.path(), staged / path);
    }
}

int rename_flags(const fs::path& from, const fs::path& to, unsigned flags) {
    return ::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), flags) == 0 ? 0 : errno;
}

// Puts `from` at `to`: exchanged with what is there (both stay whole), or moved when nothing is.
// Returns 0 or the errno.
int exchange_or_move(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(to, ec))) return rename_flags(from, to, RENAME_NOREPLACE);
    int e = rename_flags(from, to, RENAME_EXCHANGE);
    if (e == EINVAL || e == ENOSYS) {
        // A file system without RENAME_EXCHANGE: move the old one aside first (a moment with
        // nothing at `to`), then swap the names so `from` ends up holding the old one.
        fs::path aside = from;
        aside += ".old";
        if (::rename(to.c_str(), aside.c_str()) != 0) return errno;
        if (::rename(from.c_str(), to.c_str()) != 0) {
            e = errno;
            ::rename(aside.c_str(), to.c_str());
            return e;
        }
        return ::rename(aside.c_str(), from.c_str()) == 0 ? 0 : errno;
    }
    return e;
}

std::string removal_warning(const fs::path& old, const std::error_code& ec) {
    return "warning: the new output is in place, but the previous one could not all be removed from " + quoted(old) +
           " (" + ec.message() + "); the next build tries again, or delete it yourself";
}

}  // namespace

std::optional<OutputFolder> plan_output(const fs::path& root, const fs::path& out, std::string& problem) {
    OutputFolder folder;
    folder.shown = out;
    std::error_code ec;
    const fs::path abs = without_trailing_slash(fs::absolute(out, ec).lexically_normal());
    const fs::path real = fs::weakly_canonical(abs, ec);
    if (ec) {
        problem = "--out " + quoted(out) + ": " + ec.message();
        return std::nullopt;
    }
    const fs::path project = fs::weakly_canonical(fs::absolute(root), ec);
    const std::string how = "name a new or empty folder outside the project's inputs, e.g. the default 'out' in the project folder";
    if (real == project) {
        problem = "--out " + quoted(out) + " is the project folder itself: a build replaces its output folder, which would "
                  "delete data/, content/, templates/ and assets/; " + how;
        return std::nullopt;
    }
    if (path_within(project, real)) {
        problem = "--out " + quoted(out) + " holds the project folder " + quoted(project) +
                  ": a build replaces its output folder, which would delete the project; " + how;
        return std::nullopt;
    }
    for (const char* input : {"data", "content", "templates", "assets"}) {
        const fs::path dir = fs::weakly_canonical(project / input, ec);
        if (!ec && path_within(real, dir)) {
            problem = "--out " + quoted(out) + " is inside the project's " + input +
                      "/ folder: the output would be mixed with the inputs it is built from (and --watch would rebuild "
                      "forever); " + how;
            return std::nullopt;
        }
    }
    const fs::file_status link = fs::symlink_status(abs, ec);
    if (!fs::exists(link)) {
        folder.target = real;
        return folder;
    }
    const fs::file_status st = fs::status(abs, ec);
    if (fs::is_symlink(link) && !fs::exists(st)) {
        problem = "--out " + quoted(out) + " is a symbolic link to " + quoted(fs::read_symlink(abs, ec)) +
                  ", which does not exist; create that folder, or name another";
        return std::nullopt;
    }
    if (!fs::is_directory(st)) {
        problem = "--out " + quoted(out) + " is " + kind_of(st.type()) +
                  ", not a folder, and a build will not replace it; name a new or empty folder";
        return std::nullopt;
    }
    folder.target = real;
    folder.exists = true;
    if (fs::is_regular_file(real / kMarker, ec)) {
        folder.ours = read_marker(real / kMarker);
    } else if (auto older = older_output(real)) {
        folder.ours = std::move(*older);
    } else if (!fs::is_empty(real, ec)) {
        problem = "--out " + quoted(out) + " holds files that evidencepack did not write (" + sample_of(real) +
                  ") and no " + kMarker + " file, so a build will not replace it; name a new or empty folder";
        return std::nullopt;
    }
    folder.in_place = is_mount_point(real) || ::access(real.parent_path().c_str(), W_OK) != 0;
    return folder;
}

fs::path make_staging(const OutputFolder& out) {
    remove_leftovers(out);
    const fs::path parent = staging_parent(out);
    fs::create_directories(parent);
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        fs::path p = parent / (staging_prefix(out) + std::to_string(::getpid()) + "-" + std::to_string(rd() % 1000000));
        if (!fs::create_directory(p)) continue;
        std::ofstream(p / kMarker) << "# a build in progress\n";
        return p;
    }
    throw Error({out.shown.string(), 0, 0}, "cannot create a temporary output folder");
}

void write_marker(const fs::path& staged) {
    std::vector<std::string> paths;
    for (auto it = fs::recursive_directory_iterator(staged); it != fs::recursive_directory_iterator(); ++it) {
        std::string rel = it->path().lexically_relative(staged).generic_string();   // no syscalls per entry
        if (rel == kMarker) continue;
        paths.push_back(it->is_directory() && !it->is_symlink() ? rel + "/" : rel);
    }
    std::sort(paths.begin(), paths.end());
    std::ostringstream text;
    text << "# This folder was written by evidencepack. A build replaces what is listed below and keeps\n"
            "# anything else (a publisher's .git, CNAME ...). Without this file no build writes here.\n";
    for (const auto& p : paths) text << p << "\n";
    std::ofstream file(staged / kMarker, std::ios::binary | std::ios::trunc);
    file << text.str();
    if (!file.flush()) throw Error({(staged / kMarker).string(), 0, 0}, "cannot write the output's marker file");
}

SwapResult swap_into_place(const fs::path& staged, const OutputFolder& out) {
    SwapResult result;
    if (out.exists) carry_foreign(out, staged, "", out.in_place);
    if (!out.in_place) {
        if (int e = exchange_or_move(staged, out.target))
            throw Error({out.shown.string(), 0, 0}, std::string("cannot put the new output in place: ") + std::strerror(e));
        std::error_code ec;
        if (out.exists) fs::remove_all(staged, ec);   // now the previous output
        if (ec) result.warning = removal_warning(staged, ec);
        return result;
    }
    // A mount point: each top-level entry swapped in turn (each whole, the marker last), then
    // what the previous build wrote and this one did not is moved out to be removed.
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(staged))
        if (entry.path().filename() != kMarker) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    names.push_back(kMarker);
    for (size_t i = 0; i < names.size(); ++i) {
        if (int e = exchange_or_move(staged / names[i], out.target / names[i])) {
            const std::string why = std::string("cannot put the new output in place: ") + std::strerror(e);
            if (i == 0) throw Error({out.shown.string(), 0, 0}, why);
            throw SwapIncomplete({out.shown.string(), 0, 0}, why + "; only part of it was replaced, build again");
        }
    }
    std::error_code ec;
    for (const auto& old : out.ours) {
        if (old.find('/') != std::string::npos && old.find('/') + 1 != old.size()) continue;   // top level only
        const std::string name = old.back() == '/' ? old.substr(0, old.size() - 1) : old;
        if (fs::exists(fs::symlink_status(staged / name, ec))) continue;   // swapped: the old one is there
        if (fs::exists(fs::symlink_status(out.target / name, ec))) fs::rename(out.target / name, staged / name, ec);
    }
    fs::remove_all(staged, ec);
    if (ec) result.warning = removal_warning(staged, ec);
    return result;
}

void discard_staging(const fs::path& staged) {
    std::error_code ec;
    fs::remove_all(staged, ec);
}

}  // namespace ep::pipeline
