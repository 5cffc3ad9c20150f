#include "data/csv_reader.h"

#include <csv.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.h"

namespace ep::data {

namespace {

// libcsv reports fields through callbacks but not where they were, so we track line and
// column ourselves and feed it up to each comma, line end or double quote at a time: it calls
// back only on those bytes, so when it does the position is the one we hold (feeding it byte
// by byte was most of the time spent reading the data).
struct ParseState {
    CsvTable* table = nullptr;
    CsvRow current;
    int line = 1, column = 1;          // position of the byte being fed
    int field_line = 1, field_column = 1;
    bool field_started = false;
    bool at_row_start = true;
    // Quoting, checked here rather than by libcsv's strict mode so that a double quote inside
    // an unquoted field (37.8"N) is an ordinary character, as most CSV readers take it.
    enum class Quote { FieldStart, Unquoted, Quoted, QuoteSeen, Closed } quote = Quote::FieldStart;
    std::string error;
    Location error_at;
};

void on_field(void* data, size_t len, void* st) {
    auto* s = static_cast<ParseState*>(st);
    CsvField f;
    f.text.assign(static_cast<const char*>(data), len);
    f.line = s->field_started ? s->field_line : s->line;
    f.column = s->field_started ? s->field_column : s->column;
    s->current.fields.push_back(std::move(f));
    s->field_started = false;
}

void on_row(int, void* st) {
    auto* s = static_cast<ParseState*>(st);
    if (s->current.fields.empty()) return;
    s->current.line = s->current.fields.front().line;
    if (s->table->header.empty() && s->table->header_fields.empty()) {
        for (auto& f : s->current.fields) s->table->header.push_back(trim(f.text));
        s->table->header_fields = s->current.fields;
    } else {
        s->table->rows.push_back(std::move(s->current));
    }
    s->current = CsvRow{};
    s->field_started = false;
    s->at_row_start = true;
}

// What the first bad byte of `text` at `at` looks like: a UTF-16 surrogate written as UTF-8
// (CESU-8, from some converters) or an over-long form are UTF-8 gone wrong; any other byte
// above 0x7F is most likely Windows-1252 (Excel's "CSV" on Windows).
std::string describe_bad_byte(std::string_view text, size_t at) {
    const auto byte = static_cast<unsigned char>(text[at]);
    auto next = [&](size_t k) { return at + k < text.size() ? static_cast<unsigned char>(text[at + k]) : 0u; };
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", byte);
    std::string msg = std::string("the file is not UTF-8 (byte ") + hex;
    if (byte == 0xED && next(1) >= 0xA0 && next(1) <= 0xBF && (next(2) & 0xC0) == 0x80)
        msg += ", a UTF-16 surrogate written as UTF-8 (CESU-8)";
    else if (byte == 0xC0 || byte == 0xC1 || (byte == 0xE0 && next(1) >= 0x80 && next(1) < 0xA0) ||
             (byte == 0xF0 && next(1) >= 0x80 && next(1) < 0x90))
        msg += ", an over-long form of a character";
    else if (byte == 0xA3) msg += ", which is '£' in Windows-1252";
    else if (byte >= 0x80) msg += ", probably Windows-1252 or Latin-1 text";
    msg += "); ";
    return msg;
}

}  // namespace

Location location_at(std::string_view bytes, size_t offset, const std::string& file) {
    int line = 1, column = 1;
    for (size_t i = 0; i < offset && i < bytes.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(bytes[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80 && c != '\r') {
            ++column;
        }
    }
    return {file, line, column};
}

// "little-endian" or "big-endian" when the bytes are UTF-16 (a byte-order mark FF FE or FE FF,
// or the NULs that UTF-16 puts beside every ASCII character), else "".
std::string utf16_kind(std::string_view text) {
    if (text.substr(0, 2) == "\xFF\xFE") return "little-endian";
    if (text.substr(0, 2) == "\xFE\xFF") return "big-endian";
    const size_t n = std::min<size_t>(text.size() & ~size_t{1}, 512);
    size_t even = 0, odd = 0;
    for (size_t i = 0; i < n; ++i)
        if (text[i] == '\0') ++(i % 2 ? odd : even);
    if (n >= 4 && odd * 2 >= n / 2 && even == 0) return "little-endian";
    if (n >= 4 && even * 2 >= n / 2 && odd == 0) return "big-endian";
    return "";
}

void require_utf8(std::string_view text, const std::string& display_name) {
    size_t bad = 0;
    bool csv = display_name.size() >= 4 && display_name.compare(display_name.size() - 4, 4, ".csv") == 0;
    const std::string save_as = csv ? "save it as UTF-8 ('CSV UTF-8' in Excel) and try again" : "save it as UTF-8 and try again";
    if (const std::string kind = utf16_kind(text); !kind.empty())
        throw Error({display_name, 1, 1}, "the file is UTF-16 (" + kind + "), not UTF-8; " + save_as);
    if (!valid_utf8(text, &bad))
        throw Error(location_at(text, bad, display_name), describe_bad_byte(text, bad) + save_as);
    // Control characters have no place in a text file: a NUL usually means UTF-16.
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", c);
            throw Error(location_at(text, i, display_name),
                        std::string("the file holds the control character ") + hex +
                            (c == 0 ? ", so it is probably UTF-16 or not a text file; " : " (not text); ") +
                            (c == 0 ? save_as : "remove it"));
        }
    }
}

CsvTable parse_csv(const std::string& input, const std::string& display_name) {
    std::string_view bytes = input;
    std::string with_lf;   // a copy only for a file whose lines end in CR alone
    if (const size_t cr = input.find('\r'); cr != std::string::npos && (cr + 1 == input.size() || input[cr + 1] != '\n')) {
        with_lf = input;
        lone_cr_to_lf(with_lf);
        bytes = with_lf;
    }
    size_t skip = 0;
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") skip = 3;   // byte-order mark
    require_utf8(bytes.substr(skip), display_name);
    if (trim(bytes.substr(skip)).empty()) throw Error({display_name, 1, 1}, "the file is empty: it needs a header row");

    CsvTable table;
    table.file = display_name;
    ParseState st;
    st.table = &table;

    csv_parser parser;
    if (csv_init(&parser, CSV_APPEND_NULL) != 0)
        throw Error({display_name, 0, 0}, "could not start the CSV parser");
    // Freed however parsing ends (an error thrown for a '#' line leaked its buffer: fuzz_csv).
    struct ParserGuard {
        csv_parser* p;
        ~ParserGuard() { csv_free(p); }
    } guard{&parser};
    size_t fed = skip;   // bytes before this have been given to libcsv
    for (size_t i = skip; i < bytes.size(); ++i) {
        char c = bytes[i];
        bool newline = c == '\n' || c == '\r';
        if (c == '#' && st.at_row_start && !st.field_started)
            throw Error({display_name, st.line, 1},
                        "this line starts with '#', but CSV has no comment lines: it would be read as data; delete it "
                        "(a 'note' column can hold remarks)");
        if (!st.field_started && !(st.at_row_start && newline)) {
            st.field_started = true;
            st.at_row_start = false;
            st.field_line = st.line;
            st.field_column = st.column;
        }
        using Q = ParseState::Quote;
        bool ends_field = c == ',' || newline;
        switch (st.quote) {
            case Q::FieldStart:
                st.quote = c == '"' ? Q::Quoted : (ends_field || c == ' ' || c == '\t') ? Q::FieldStart : Q::Unquoted;
                break;
            case Q::Unquoted: if (ends_field) st.quote = Q::FieldStart; break;
            case Q::Quoted: if (c == '"') st.quote = Q::QuoteSeen; break;
            case Q::QuoteSeen:
            case Q::Closed:
                if (c == '"' && st.quote == Q::QuoteSeen) st.quote = Q::Quoted;   // "" is one quote
                else if (ends_field) st.quote = Q::FieldStart;
                else if (c == ' ' || c == '\t') st.quote = Q::Closed;
                else {
                    throw Error({display_name, st.line, st.column},
                                "text after the closing double quote of a quoted field: a double quote inside "
                                "quotes must be doubled (\"\")");
                }
                break;
        }
        if ((c == ',' || newline || c == '"' || i + 1 == bytes.size()) &&
            csv_parse(&parser, bytes.data() + fed, i + 1 - fed, on_field, on_row, &st) != i + 1 - fed) {
            std::string why = csv_strerror(csv_error(&parser));
            throw Error({display_name, st.line, st.column},
                        "malformed CSV (" + why + "): check for a stray or unbalanced double quote");
        }
        if (c == ',' || newline || c == '"') fed = i + 1;
        if (c == '\n') {
            ++st.line;
            st.column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && c != '\r') {
            ++st.column;
        }
    }
    if (st.quote == ParseState::Quote::Quoted || csv_fini(&parser, on_field, on_row, &st) != 0) {
        throw Error({display_name, st.field_line, st.field_column},
                    "a quoted field is never closed: a double quote is missing");
    }

    if (table.header.empty()) throw Error({display_name, 1, 1}, "the file is empty: it needs a header row");
    // Excel saves "CSV" with semicolons (or tabs) where the decimal point is a comma.
    if (table.header.size() == 1) {
        const std::string& h = table.header.front();
        for (auto [sep, name] : {std::pair{';', "semicolons"}, std::pair{'\t', "tabs"}})
            if (h.find(sep) != std::string::npos)
                throw Error({display_name, 1, 1}, std::string("the header has no commas but is separated by ") + name +
                                                      ": save the file as comma-separated values ('CSV UTF-8 (Comma "
                                                      "delimited)' in Excel)");
    }
    for (const auto& row : table.rows) {
        if (row.fields.size() != table.header.size()) {
            const CsvField& last = row.fields.back();
            throw Error({display_name, row.line, row.fields.size() > table.header.size()
                                                     ? row.fields[table.header.size()].column
                                                     : last.column},
                        "this row has " + std::to_string(row.fields.size()) + " fields but the header has " +
                            std::to_string(table.header.size()));
        }
    }
    return table;
}

std::string read_file(const std::string& path, const std::string& display_name) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error({display_name, 0, 0}, "cannot read the file (does it exist?)");
    // Inputs are read whole, so a limit on their size bounds the memory a build needs.
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxInputBytes) {
        char mb[32];
        std::snprintf(mb, sizeof mb, "%.1f", static_cast<double>(size) / (1024 * 1024));
        throw Error({display_name, 1, 1}, std::string("the file is ") + mb + " MB; input files may be at most " +
                                              std::to_string(kMaxInputBytes / (1024 * 1024)) +
                                              " MB (an evidence pack needs summary figures, not raw records)");
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

CsvTable read_csv(const std::string& path, const std::string& display_name) {
    return parse_csv(read_file(path, display_name), display_name);
}

}  // namespace ep::data
