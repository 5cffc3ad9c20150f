// Reads a CSV file (RFC 4180 via libcsv) into rows of fields that remember where they were,
// so every later error can name file, line and column.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"

namespace ep::data {

struct CsvField {
    std::string text;
    int line = 0;
    int column = 0;
};

struct CsvRow {
    int line = 0;
    std::vector<CsvField> fields;
};

struct CsvTable {
    std::string file;                 // as shown in messages ("data/observations.csv")
    std::vector<std::string> header;
    std::vector<CsvField> header_fields;
    std::vector<CsvRow> rows;

    Location at(const CsvField& f) const { return {file, f.line, f.column}; }
};

// Parses `bytes` (the file's contents). `display_name` is used in messages. Accepts a UTF-8
// byte-order mark and CRLF line ends; rejects invalid UTF-8 (naming Windows-1252 when the
// bytes look like it), unbalanced quotes, ragged rows and empty files. Throws ep::Error.
CsvTable parse_csv(const std::string& bytes, const std::string& display_name);

// Throws ep::Error at the first byte of `text` that is not UTF-8, naming Windows-1252 when the
// bytes look like it. `text` starts at line 1, column 1 (strip a byte-order mark first).
void require_utf8(std::string_view text, const std::string& display_name);

// Where byte `offset` of a text file's contents is: line and column (in characters, a CR not
// counted), as every message gives them.
Location location_at(std::string_view bytes, size_t offset, const std::string& file);

// Reads and parses a file. Throws ep::Error (also when the file cannot be read).
CsvTable read_csv(const std::string& path, const std::string& display_name);

// Largest data or content file read: 16 MB, so the memory a build needs stays bounded.
inline constexpr unsigned long long kMaxInputBytes = 16ull * 1024 * 1024;

// Reads a whole file into a string. Throws ep::Error naming `display_name`, also when the file
// is larger than kMaxInputBytes.
std::string read_file(const std::string& path, const std::string& display_name);

}  // namespace ep::data
