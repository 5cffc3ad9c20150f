// What `serve` answers for a request path, kept apart from the HTTP library so it can be tested
// on its own: which file (only under the output folder), its content type, the live-reload
// script put into pages, and the build's errors read back for the browser's overlay.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace ep::serve {

// The answer to a GET: a file to send, a redirect (a folder asked for without its trailing
// slash, so that relative links resolve), or a status with no file.
struct Lookup {
    enum class Kind { file, redirect, bad_request, not_found };
    Kind kind = Kind::not_found;
    std::filesystem::path file;   // Kind::file
    std::string location;         // Kind::redirect
};

// `request_path` is the decoded path of the URL ("/site/index.html"). Only regular files under
// `root` are served: a ".." or "." segment, a backslash or a NUL is a bad request; a file
// whose real path (symbolic links followed) leaves `root`, a hidden name (".git", the build's
// marker file) or a folder without index.html (no listings) is not found.
Lookup look_up(const std::filesystem::path& root, const std::string& request_path);

// "text/html; charset=utf-8" for .html, and so on; application/octet-stream when unknown.
std::string content_type_for(const std::filesystem::path& file);

// The page with the live-reload script put before </body> (at the end if it has none).
// `generation` is the build the page came from: the script reloads when a newer one is done.
std::string with_live_reload(std::string html, unsigned long generation);

// One problem of a failed build, as the overlay shows it.
struct Problem {
    std::string file;      // relative to the project: "content/neets.md" ("" if none named)
    int line = 0;          // 0 when the message names no position
    int column = 0;
    std::string severity;  // "error" or "warning"
    std::string message;
    std::string source_line;   // the text of that line in the file, when it can be read
};

// The problems in what a build printed on stderr ("file:line:column: error: message" lines;
// any other line that is not a summary becomes a problem without a position).
std::vector<Problem> read_problems(const std::string& errors, const std::filesystem::path& project_root);

// {"generation":N,"errors":[{"file":..,"line":..,"column":..,"severity":..,"message":..,"source":..}]}
std::string state_json(unsigned long generation, const std::vector<Problem>& problems);

// The script `serve` adds to every page it sends (never to the output on disk).
extern const char* const kLiveReloadScript;

}  // namespace ep::serve
