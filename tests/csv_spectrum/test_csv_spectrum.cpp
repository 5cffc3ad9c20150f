// The CSV reader against the public csv-spectrum cases (npm package csv-spectrum): each
// csvs/NAME.csv is parsed with ep::data::parse_csv and compared, header and every field, with
// json/NAME.json (an array of flat objects of strings, keys in column order).
// Usage: test_csv_spectrum path/to/node_modules/csv-spectrum
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "data/csv_reader.h"

namespace fs = std::filesystem;

namespace {

using Object = std::vector<std::pair<std::string, std::string>>;

// A small JSON reader for exactly what csv-spectrum holds: an array of objects (or a single
// object) whose values are strings. Throws std::runtime_error on anything else.
class Json {
public:
    explicit Json(std::string s) : s_(std::move(s)) {}
    std::vector<Object> rows() {
        std::vector<Object> out;
        ws();
        if (peek() == '{') {
            out.push_back(object());
        } else {
            expect('[');
            ws();
            if (peek() != ']') {
                for (;;) {
                    ws();
                    out.push_back(object());
                    ws();
                    if (peek() == ',') { ++i_; continue; }
                    break;
                }
            }
            expect(']');
        }
        ws();
        if (i_ != s_.size()) fail("trailing text");
        return out;
    }
private:
    [[noreturn]] void fail(const std::string& what) {
        throw std::runtime_error("JSON: " + what + " at byte " + std::to_string(i_));
    }
    char peek() { return i_ < s_.size() ? s_[i_] : '\0'; }
    void ws() { while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_; }
    void expect(char c) { ws(); if (peek() != c) fail(std::string("expected '") + c + "'"); ++i_; }
    Object object() {
        Object o;
        expect('{');
        ws();
        if (peek() == '}') { ++i_; return o; }
        for (;;) {
            ws();
            std::string k = string();
            expect(':');
            ws();
            o.emplace_back(k, string());
            ws();
            if (peek() == ',') { ++i_; continue; }
            expect('}');
            return o;
        }
    }
    static void put_utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) out += static_cast<char>(cp);
        else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
        else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18)); out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    unsigned hex4() {
        if (i_ + 4 > s_.size()) fail("short \\u escape");
        unsigned v = std::stoul(s_.substr(i_, 4), nullptr, 16);
        i_ += 4;
        return v;
    }
    std::string string() {
        if (peek() != '"') fail("expected a string");
        ++i_;
        std::string out;
        while (i_ < s_.size() && s_[i_] != '"') {
            char c = s_[i_++];
            if (c != '\\') { out += c; continue; }
            if (i_ >= s_.size()) fail("bad escape");
            char e = s_[i_++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned cp = hex4();
                    if (cp >= 0xD800 && cp < 0xDC00 && s_.compare(i_, 2, "\\u") == 0) {
                        i_ += 2;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4() - 0xDC00);
                    }
                    put_utf8(out, cp);
                    break;
                }
                default: fail("bad escape");
            }
        }
        if (i_ >= s_.size()) fail("unterminated string");
        ++i_;
        return out;
    }
    std::string s_;
    size_t i_ = 0;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string show(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else out += c;
    }
    return out + "\"";
}

// Returns "" when the CSV matches the JSON, else what differs.
std::string compare(const fs::path& csv, const fs::path& json) {
    ep::data::CsvTable t;
    try {
        t = ep::data::parse_csv(slurp(csv), csv.filename().string());
    } catch (const ep::Error& e) {
        return std::string("parse_csv rejected it: ") + e.what();
    }
    std::vector<Object> want = Json(slurp(json)).rows();
    // Known mistakes in csv-spectrum's expected JSON, corrected to what its CSV holds.
    struct Erratum { const char* file; const char* column; const char* wrong; const char* right; const char* why; };
    static const Erratum errata[] = {
        {"location_coordinates", "Contact Phone Number", "1234567890", "2095257564",
         "the JSON disagrees with its own CSV (csv-spectrum issue #20)"},
    };
    for (const auto& e : errata)
        if (csv.stem() == e.file)
            for (auto& o : want)
                for (auto& [k, v] : o)
                    if (k == e.column && v == e.wrong) {
                        v = e.right;
                        std::cout << "note " << e.file << ": expecting " << e.column << " = " << e.right
                                  << ", not " << e.wrong << ": " << e.why << "\n";
                    }
    if (t.rows.size() != want.size())
        return std::to_string(t.rows.size()) + " rows, expected " + std::to_string(want.size());
    for (size_t r = 0; r < want.size(); ++r) {
        const Object& o = want[r];
        if (o.size() != t.header.size())
            return "row " + std::to_string(r + 1) + ": " + std::to_string(t.header.size()) + " columns, expected " +
                   std::to_string(o.size());
        for (size_t c = 0; c < o.size(); ++c) {
            if (t.header[c] != o[c].first) return "column " + std::to_string(c + 1) + " is " + show(t.header[c]) +
                                                  ", expected " + show(o[c].first);
            if (t.rows[r].fields[c].text != o[c].second)
                return "row " + std::to_string(r + 1) + " '" + o[c].first + "' is " + show(t.rows[r].fields[c].text) +
                       ", expected " + show(o[c].second);
        }
    }
    return "";
}

}  // namespace

int main(int argc, char** argv) {
    fs::path dir = argc > 1 ? argv[1] : "tests/csv_spectrum/node_modules/csv-spectrum";
    if (!fs::is_directory(dir / "csvs") || !fs::is_directory(dir / "json")) {
        std::cerr << "csv-spectrum not found in " << dir.string()
                  << ": run `npm ci --prefix tests/csv_spectrum` in the repository root\n";
        return 1;
    }
    std::vector<fs::path> csvs;
    for (const auto& e : fs::directory_iterator(dir / "csvs"))
        if (e.path().extension() == ".csv") csvs.push_back(e.path());
    std::sort(csvs.begin(), csvs.end());
    int passed = 0, failed = 0;
    for (const auto& csv : csvs) {
        fs::path json = dir / "json" / (csv.stem().string() + ".json");
        std::string why;
        try {
            why = fs::exists(json) ? compare(csv, json) : "no expected JSON";
        } catch (const std::exception& e) {
            why = e.what();
        }
        if (why.empty()) {
            ++passed;
            std::cout << "ok   " << csv.stem().string() << "\n";
        } else {
            ++failed;
            std::cout << "FAIL " << csv.stem().string() << ": " << why << "\n";
        }
    }
    if (csvs.empty()) {
        std::cout << "FAIL: no CSV files in " << (dir / "csvs").string() << "\n";
        ++failed;
    }
    std::cout << "csv-spectrum: " << passed << " passed, " << failed << " failed\n";
    return failed == 0 ? 0 : 1;
}
