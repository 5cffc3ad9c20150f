// Fuzz target: the CSV reader and the cell parser, the UTF-8 decoding and the PDF's font chain.
// Every field of a parsed file goes through parse_value for every unit, and so does the whole
// input as one cell; the whole input goes through the UTF-8 decoder; the fields' characters are
// measured in every face, and those Liberation Sans holds are subset into a font program that
// is read back, with their ToUnicode CMap. ep::Error is the expected way to reject input;
// anything else (a crash, another exception, UB, a leak) is a bug. When the last byte is 4n + 2
// (n up to 63: a file ending in a new line gives 2,560 bytes), the parsed rows are written again
// with each field repeated to up to 256 x that byte (64 KB) and read back.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <regex>
#include <string>
#include <vector>

#include "core/text.h"
#include "core/value.h"
#include "data/csv_reader.h"
#include "pdf/fonts.h"
#include "pdf/to_unicode.h"
#include "pdf/truetype.h"

namespace {

constexpr ep::Unit kUnits[] = {ep::Unit::Money, ep::Unit::Percent, ep::Unit::Count, ep::Unit::Rate, ep::Unit::Ratio,
                               ep::Unit::Months, ep::Unit::Weeks, ep::Unit::Years, ep::Unit::Rating};

void parse_cell(const std::string& text) {
    for (ep::Unit u : kUnits) {
        std::string why;
        size_t offset = 0;
        auto v = ep::parse_value(text, u, &why, &offset);
        if (!v) {
            // The reported offset must point inside the cell (it becomes a column number).
            if (offset > text.size()) __builtin_trap();
            if (why.empty()) __builtin_trap();
        } else if (!v->is_missing() && !v->is_rating()) {
            volatile double a = v->amount();
            (void)a;
        }
    }
}

// next_code_point always moves forward and never past the end; on valid UTF-8 it gives the
// text back exactly (append_utf8) and previous_code_point_start finds each character's start;
// before the first bad byte it decodes as on valid text.
void decode_utf8(const std::string& s) {
    size_t bad = s.size();
    const bool valid = ep::valid_utf8(s, &bad);
    if (!valid && bad >= s.size()) __builtin_trap();
    std::string again;
    std::vector<size_t> starts;
    for (size_t i = 0; i < s.size();) {
        const size_t at = i;
        const char32_t cp = ep::next_code_point(s, i);
        if (i <= at || i > s.size() || cp > 0x10FFFF) __builtin_trap();
        if (at >= bad) continue;
        if (i > bad) __builtin_trap();   // a good character never runs into the bad byte
        starts.push_back(at);
        ep::append_utf8(again, cp);
    }
    if (again != s.substr(0, bad)) __builtin_trap();
    for (size_t k = 0; k < starts.size(); ++k) {
        const size_t end = k + 1 < starts.size() ? starts[k + 1] : bad;
        if (ep::previous_code_point_start(s, end) != starts[k]) __builtin_trap();
    }
}

// The characters of `text` through the font chain, the subsetter and the ToUnicode writer.
void font_chain(const std::string& text) {
    static const ep::pdf::FontSet fonts = ep::pdf::FontSet::load();
    static const ep::pdf::TrueTypeFont& sans = ep::pdf::font_file(EP_FONT_DIR "/LiberationSans-Regular.ttf");
    for (ep::pdf::Face f : {ep::pdf::Face::Regular, ep::pdf::Face::Bold, ep::pdf::Face::Italic, ep::pdf::Face::BoldItalic,
                            ep::pdf::Face::Mono})
        if (!std::isfinite(fonts.width(f, 10, text))) __builtin_trap();
    std::vector<std::uint16_t> glyphs = {0};
    std::vector<char32_t> codes = {0};
    std::vector<std::pair<std::uint16_t, char32_t>> entries;
    for (size_t i = 0; i < text.size() && codes.size() < 64;) {
        const char32_t cp = ep::next_code_point(text, i);
        // Whatever the regular face prints, every face prints.
        if (fonts.printable(cp))
            for (ep::pdf::Face f : {ep::pdf::Face::Bold, ep::pdf::Face::Italic, ep::pdf::Face::Mono})
                if (fonts.advance_units(f, cp) < 0) __builtin_trap();
        const std::uint16_t g = sans.glyph(cp);
        if (g == 0 || std::find(codes.begin(), codes.end(), cp) != codes.end()) continue;
        entries.emplace_back(static_cast<std::uint16_t>(codes.size()), cp);
        glyphs.push_back(g);
        codes.push_back(cp);
    }
    if (entries.empty()) return;   // a subset shows at least one character
    const size_t shown = glyphs.size();
    const std::string program = sans.subset(glyphs, codes);
    const ep::pdf::TrueTypeFont back = ep::pdf::TrueTypeFont::parse(program, "subset");
    if (back.glyph_count() != glyphs.size()) __builtin_trap();
    for (size_t i = 1; i < glyphs.size(); ++i) {
        if (back.advance(static_cast<std::uint16_t>(i)) != sans.advance(glyphs[i])) __builtin_trap();
        if (i < shown && codes[i] < 0xFFFF && back.glyph(codes[i]) != i) __builtin_trap();
    }
    const std::string cmap = ep::pdf::to_unicode_cmap(entries);
    static const std::regex block(R"((\d+) begin(bfchar|bfrange)\n)");
    size_t lines = 0;
    for (std::sregex_iterator it(cmap.begin(), cmap.end(), block), end; it != end; ++it) {
        const int n = std::stoi((*it)[1]);
        if (n < 1 || n > 100) __builtin_trap();
        lines += static_cast<size_t>(n);
    }
    if (lines > entries.size() || (lines == 0) != entries.empty()) __builtin_trap();
}

// The same rows with every field's text repeated until it is up to 64 KB long (a pasted
// document, a name of thousands of characters), each field quoted. The reader must give back
// each long field exactly, in the same shape, with places that move forward along a row; each
// long field goes through the cell parser and the font chain's measuring.
void stretched(const ep::data::CsvTable& t, unsigned factor) {
    auto quoted = [](const std::string& text) {
        std::string q = "\"";
        for (char c : text) q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    std::string bytes;
    for (size_t i = 0; i < t.header.size(); ++i) {
        if (i) bytes += ',';
        bytes += quoted(t.header[i]);
    }
    bytes += "\n";
    std::vector<std::vector<std::string>> want;
    for (const auto& row : t.rows) {
        want.emplace_back();
        for (size_t i = 0; i < row.fields.size(); ++i) {
            const std::string& f = row.fields[i].text;
            std::string longer;
            const size_t target = std::min<size_t>(size_t{factor} * 256, 65536);
            while (!f.empty() && longer.size() + f.size() <= target) longer += f;
            want.back().push_back(longer);
            if (i) bytes += ',';
            bytes += quoted(longer);
        }
        bytes += "\n";
        if (bytes.size() > (256u << 10)) return;   // keeps one run short
    }
    ep::data::CsvTable back;
    try {
        back = ep::data::parse_csv(bytes, "data/fuzz.csv");
    } catch (const ep::Error&) {
        __builtin_trap();   // the rows were read once: longer fields are no reason to refuse them
    }
    if (back.rows.size() != want.size()) __builtin_trap();
    static const ep::pdf::FontSet fonts = ep::pdf::FontSet::load();
    int last_line = 1;
    for (size_t r = 0; r < want.size(); ++r) {
        if (back.rows[r].fields.size() != want[r].size() || back.rows[r].line <= last_line) __builtin_trap();
        last_line = back.rows[r].line;
        int last_column = 0;
        for (size_t i = 0; i < want[r].size(); ++i) {
            const ep::data::CsvField& f = back.rows[r].fields[i];
            if (f.text != want[r][i]) __builtin_trap();
            if (f.line == back.rows[r].line && f.column <= last_column) __builtin_trap();
            last_column = f.line == back.rows[r].line ? f.column : last_column;
            if (f.text.size() <= 4096) parse_cell(f.text);   // beyond that every parse is a quick "no"
            if (!std::isfinite(fonts.width(ep::pdf::Face::Regular, 10, f.text))) __builtin_trap();
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string input(reinterpret_cast<const char*>(data), size);
    if (size <= 64) parse_cell(input);
    decode_utf8(input);
    try {
        ep::data::CsvTable t = ep::data::parse_csv(input, "data/fuzz.csv");
        std::string text;   // every field's text, as the PDF would print it
        for (const auto& row : t.rows) {
            if (row.fields.size() != t.header.size()) __builtin_trap();   // ragged rows are rejected
            for (const auto& f : row.fields) {
                if (f.line < 1 || f.column < 1) __builtin_trap();
                parse_cell(f.text);
                text += f.text;
            }
        }
        font_chain(text);
        if (size > 0 && data[size - 1] % 4 == 2) stretched(t, data[size - 1]);   // a new line: 10
    } catch (const ep::Error& e) {
        if (e.where().file != "data/fuzz.csv") __builtin_trap();
    }
    return 0;
}
