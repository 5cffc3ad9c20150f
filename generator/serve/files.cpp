#include "serve/files.h"

#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "pipeline/inputs.h"

namespace ep::serve {

namespace fs = std::filesystem;

namespace {

// The request path's segments, or false when one may not be served.
bool split_segments(const std::string& path, std::vector<std::string>& segments, bool& hidden) {
    hidden = false;
    std::string segment;
    for (size_t i = 1; i <= path.size(); ++i) {
        if (i == path.size() || path[i] == '/') {
            if (segment == ".." || segment == ".") return false;
            if (!segment.empty() && segment.front() == '.') hidden = true;
            if (!segment.empty()) segments.push_back(segment);
            segment.clear();
            continue;
        }
        if (path[i] == '\\' || path[i] == '\0') return false;
        segment += path[i];
    }
    return true;
}

}  // namespace

Lookup look_up(const fs::path& root, const std::string& request_path) {
    Lookup answer;
    if (request_path.empty() || request_path.front() != '/') {
        answer.kind = Lookup::Kind::bad_request;
        return answer;
    }
    std::vector<std::string> segments;
    bool hidden = false;
    if (!split_segments(request_path, segments, hidden)) {
        answer.kind = Lookup::Kind::bad_request;
        return answer;
    }
    if (hidden) return answer;
    std::error_code ec;
    const fs::path real_root = fs::canonical(root, ec);
    if (ec) return answer;
    fs::path target = real_root;
    for (const auto& s : segments) target /= s;
    // Follow links to where they lead: a link out of the output folder is not served.
    const fs::path real = fs::canonical(target, ec);
    if (ec || !pipeline::path_within(real, real_root)) return answer;
    if (fs::is_directory(real, ec)) {
        if (request_path.back() != '/') {
            answer.kind = Lookup::Kind::redirect;
            answer.location = request_path + "/";
            return answer;
        }
        const fs::path index = real / "index.html";
        const fs::path real_index = fs::canonical(index, ec);
        if (ec || !pipeline::path_within(real_index, real_root) || !fs::is_regular_file(real_index, ec)) {
            // The output folder itself has no page: its site is one level down.
            if (segments.empty() && fs::is_regular_file(real / "site" / "index.html", ec)) {
                answer.kind = Lookup::Kind::redirect;
                answer.location = "/site/";
            }
            return answer;
        }
        answer.kind = Lookup::Kind::file;
        answer.file = real_index;
        return answer;
    }
    if (!fs::is_regular_file(real, ec)) return answer;
    answer.kind = Lookup::Kind::file;
    answer.file = real;
    return answer;
}

std::string content_type_for(const fs::path& file) {
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
        {".json", "application/json"}, {".csv", "text/csv; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"}, {".md", "text/markdown; charset=utf-8"},
        {".svg", "image/svg+xml"}, {".png", "image/png"}, {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"}, {".gif", "image/gif"}, {".webp", "image/webp"},
        {".ico", "image/vnd.microsoft.icon"}, {".pdf", "application/pdf"},
        {".woff2", "font/woff2"}, {".woff", "font/woff"}, {".ttf", "font/ttf"},
        {".xml", "application/xml"}, {".geojson", "application/geo+json"},
    };
    std::string ext = file.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto it = types.find(ext);
    return it == types.end() ? "application/octet-stream" : it->second;
}

std::string with_live_reload(std::string html, unsigned long generation) {
    const std::string tag = "<script src=\"/__evidencepack/live.js\" data-generation=\"" + std::to_string(generation) +
                            "\"></script>\n";
    const size_t body_end = html.rfind("</body>");
    if (body_end == std::string::npos) html += tag;
    else html.insert(body_end, tag);
    return html;
}

namespace {

bool all_digits(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

// "content/neets.md:12:5" -> file, line, column; "data/places.csv:3" -> file and line (read
// from the right: the numbers come last, the first of two is the line).
void read_location(const std::string& where, Problem& p) {
    p.file = where;
    for (int part = 0; part < 2; ++part) {
        const size_t colon = p.file.rfind(':');
        if (colon == std::string::npos || !all_digits(p.file.substr(colon + 1))) break;
        const int number = std::stoi(p.file.substr(colon + 1));
        p.column = p.line;
        p.line = number;
        p.file.resize(colon);
    }
}

std::string line_of(const fs::path& file, int line) {
    std::ifstream in(file, std::ios::binary);
    std::string text;
    for (int n = 1; n <= line && std::getline(in, text); ++n)
        if (n == line) {
            if (!text.empty() && text.back() == '\r') text.pop_back();
            if (text.size() > 400) text = text.substr(0, 400) + "\u2026";
            return text;
        }
    return "";
}

bool is_summary(const std::string& line) {
    return line.find("nothing was written") != std::string::npos ||
           line.find("the previous output is unchanged") != std::string::npos ||
           line.rfind("rebuild failed", 0) == 0;
}

}  // namespace

std::vector<Problem> read_problems(const std::string& errors, const fs::path& project_root) {
    std::vector<Problem> problems;
    std::istringstream lines(errors);
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || is_summary(line)) continue;
        Problem p;
        size_t at = std::string::npos;
        for (const char* severity : {"error", "warning"}) {
            const std::string marker = std::string(": ") + severity + ": ";
            at = line.find(marker);
            if (at != std::string::npos) {
                p.severity = severity;
                p.message = line.substr(at + marker.size());
                read_location(line.substr(0, at), p);
                break;
            }
        }
        if (at == std::string::npos) {
            p.severity = "error";
            p.message = line;
        }
        if (p.file == "<input>" || p.file == "evidencepack") p.file.clear();
        if (!p.file.empty() && p.line > 0) {
            std::error_code ec;
            const fs::path file = project_root / p.file;
            // Only the project's own files are read back.
            const fs::path real = fs::canonical(file, ec);
            const fs::path real_root = fs::canonical(project_root, ec);
            if (!ec && pipeline::path_within(real, real_root)) p.source_line = line_of(real, p.line);
        }
        problems.push_back(std::move(p));
    }
    return problems;
}

std::string state_json(unsigned long generation, const std::vector<Problem>& problems) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& p : problems)
        errors.push_back({{"file", p.file}, {"line", p.line}, {"column", p.column}, {"severity", p.severity},
                          {"message", p.message}, {"source", p.source_line}});
    // Invalid UTF-8 in a message (it quotes the offending bytes) is replaced, not thrown on.
    return nlohmann::json{{"generation", generation}, {"errors", errors}}.dump(-1, ' ', false,
                                                                                 nlohmann::json::error_handler_t::replace);
}

}  // namespace ep::serve
