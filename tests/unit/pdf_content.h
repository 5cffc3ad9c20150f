// Reading the text operators of an uncompressed PDF content stream (qpdf --qdf output) in the
// tests: the PDF's text is shown with two-byte codes (CIDs) of composite fonts, so a test
// checks how many glyphs each string holds and the TJ adjustments between them.
#pragma once

#include <cctype>
#include <cstdlib>
#include <string>
#include <vector>

namespace ep_test {

// One text-showing operation: the glyph count of each string, and the numbers between them
// (a Tj is one string and no numbers).
struct TextShow {
    std::vector<size_t> glyphs;
    std::vector<double> adjustments;
    bool operator==(const TextShow&) const = default;
};

// The bytes of the literal string starting at s[i] == '(', with i moved past it.
inline std::string literal_string(const std::string& s, size_t& i) {
    std::string out;
    int depth = 0;
    for (++i; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\\' && i + 1 < s.size()) {
            const char e = s[++i];
            if (e == 'n') out += '\n';
            else if (e == 'r') out += '\r';
            else if (e == 't') out += '\t';
            else if (e >= '0' && e <= '7') {
                int v = e - '0';
                for (int k = 0; k < 2 && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7'; ++k) v = v * 8 + (s[++i] - '0');
                out += static_cast<char>(v);
            } else {
                out += e;
            }
        } else if (c == '(') {
            ++depth;
            out += c;
        } else if (c == ')') {
            if (depth-- == 0) {
                ++i;
                return out;
            }
            out += c;
        } else {
            out += c;
        }
    }
    return out;
}

// Every Tj and TJ of one text object's operators, in order. Two bytes a glyph (Identity-H).
inline std::vector<TextShow> text_object_shows(const std::string& content) {
    std::vector<TextShow> out;
    TextShow current;
    bool in_array = false;
    for (size_t i = 0; i < content.size();) {
        const char c = content[i];
        if (c == '(') {
            current.glyphs.push_back(literal_string(content, i).size() / 2);
        } else if (c == '[') {
            in_array = true;
            ++i;
        } else if (c == ']') {
            in_array = false;
            ++i;
        } else if (in_array && (c == '-' || c == '.' || (c >= '0' && c <= '9'))) {
            // (The qdf file holds other arrays, and binary font programs: skip what is no number.)
            char* end = nullptr;
            const std::string number = content.substr(i, 32);
            const double v = std::strtod(number.c_str(), &end);
            if (end == number.c_str()) {
                ++i;
                continue;
            }
            current.adjustments.push_back(v);
            i += static_cast<size_t>(end - number.c_str());
        } else if (content.compare(i, 2, "Tj") == 0 || content.compare(i, 2, "TJ") == 0) {
            if (!current.glyphs.empty()) out.push_back(current);
            current = {};
            i += 2;
        } else if (c == '<' && content.compare(i, 2, "<<") != 0) {
            // a hex string (qpdf --qdf writes binary strings so): two digits a byte
            const size_t end = content.find('>', i);
            if (end == std::string::npos) break;
            size_t digits = 0;
            for (size_t k = i + 1; k < end; ++k) digits += std::isxdigit(static_cast<unsigned char>(content[k])) ? 1 : 0;
            current.glyphs.push_back((digits + 1) / 2 / 2);
            i = end + 1;
        } else if (c == '<' && content.compare(i, 2, "<<") == 0) {
            // a dictionary (marked-content properties): its strings are not shown
            const size_t end = content.find(">>", i);
            i = end == std::string::npos ? content.size() : end + 2;
        } else {
            ++i;
        }
    }
    return out;
}

// Every Tj and TJ in the text objects (BT ... ET, each operator on a line of its own, as
// libharu writes them) of a file's uncompressed content streams.
inline std::vector<TextShow> text_shows(const std::string& file) {
    std::vector<TextShow> out;
    for (size_t at = 0; (at = file.find("\nBT\n", at)) != std::string::npos;) {
        const size_t end = file.find("\nET\n", at);
        if (end == std::string::npos) break;
        for (auto& show : text_object_shows(file.substr(at + 4, end - at - 4))) out.push_back(std::move(show));
        at = end;
    }
    return out;
}

inline bool has_show(const std::vector<TextShow>& shows, const TextShow& wanted) {
    for (const auto& s : shows)
        if (s == wanted) return true;
    return false;
}

}  // namespace ep_test
