// Fonts (Matterhorn 31, PDF/UA-1 7.21; and 10-001): embedding, composite fonts' CMaps and
// CIDFonts, simple TrueType fonts' encodings and cmaps, widths, and that every character shown
// has a glyph and maps to Unicode. Only fonts the page content uses are checked, and glyph by
// glyph only the codes it shows.
#include <qpdf/QUtil.hh>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>

#include "pdfcheck/font_program.h"
#include "pdfcheck/glyph_list.h"
#include "pdfcheck/internal.h"

namespace ep::pdfcheck::detail {

namespace {

// ---- CMaps (a Type 0 font's encoding, and ToUnicode) ---------------------------------------

struct Token {
    enum Kind { Hex, Name, Word, Open, Close } kind;
    std::string text;   // bytes of a hex string, a name without '/', or the word
};

std::vector<Token> cmap_tokens(const std::string& s) {
    std::vector<Token> out;
    for (size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (c == '%') {
            while (i < s.size() && s[i] != '\n' && s[i] != '\r') ++i;
        } else if (c == '<' && i + 1 < s.size() && s[i + 1] == '<') {
            i += 2;   // dictionaries in a CMap (CIDSystemInfo) are not needed: skip the brackets
        } else if (c == '>' && i + 1 < s.size() && s[i + 1] == '>') {
            i += 2;
        } else if (c == '<') {
            std::string hex;
            for (++i; i < s.size() && s[i] != '>'; ++i)
                if (std::isxdigit(static_cast<unsigned char>(s[i]))) hex += s[i];
            ++i;
            if (hex.size() % 2) hex += '0';
            std::string bytes;
            for (size_t k = 0; k + 1 < hex.size(); k += 2) bytes += static_cast<char>(std::strtol(hex.substr(k, 2).c_str(), nullptr, 16));
            out.push_back({Token::Hex, bytes});
        } else if (c == '[') {
            out.push_back({Token::Open, "["});
            ++i;
        } else if (c == ']') {
            out.push_back({Token::Close, "]"});
            ++i;
        } else if (c == '/' || std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.') {
            const bool name = c == '/';
            size_t j = name ? i + 1 : i;
            while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j])) && s[j] != '/' && s[j] != '<' &&
                   s[j] != '[' && s[j] != ']' && s[j] != '(' && s[j] != '%')
                ++j;
            out.push_back({name ? Token::Name : Token::Word, s.substr(name ? i + 1 : i, j - (name ? i + 1 : i))});
            i = j;
        } else if (c == '(') {   // literal strings (Registry, Ordering) are skipped
            int depth = 0;
            for (; i < s.size(); ++i) {
                if (s[i] == '\\') {
                    ++i;
                    continue;
                }
                if (s[i] == '(') ++depth;
                if (s[i] == ')' && --depth == 0) break;
            }
            ++i;
        } else {
            ++i;
        }
    }
    return out;
}

std::uint32_t code_value(const std::string& bytes) {
    std::uint32_t v = 0;
    for (char b : bytes) v = (v << 8) | static_cast<unsigned char>(b);
    return v;
}

// UTF-16BE to code points (a lone surrogate is kept as it is).
std::u32string utf16_code_points(const std::string& bytes) {
    std::u32string out;
    for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
        std::uint32_t u = code_value(bytes.substr(i, 2));
        if (u >= 0xD800 && u < 0xDC00 && i + 3 < bytes.size()) {
            const std::uint32_t lo = code_value(bytes.substr(i + 2, 2));
            if (lo >= 0xDC00 && lo < 0xE000) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        out += static_cast<char32_t>(u);
    }
    return out;
}

struct ParsedCMap {
    std::vector<CodeSpace::Range> codespace;
    // cidchar/cidrange (an encoding CMap): code -> CID
    struct CidRange {
        std::uint32_t low, high, first_cid;
    };
    std::vector<CidRange> cids;
    // bfchar/bfrange (ToUnicode): code -> Unicode
    std::map<std::uint32_t, std::u32string> chars;
    struct BfRange {
        std::uint32_t low, high;
        std::u32string first;
    };
    std::vector<BfRange> ranges;
    std::optional<int> wmode;    // "/WMode 1 def" in the stream
    std::string use_cmap;        // "/Name usecmap"

    std::optional<std::uint32_t> cid(std::uint32_t code) const {
        for (const auto& r : cids)
            if (code >= r.low && code <= r.high) return r.first_cid + (code - r.low);
        return std::nullopt;
    }
    std::optional<std::u32string> unicode(std::uint32_t code) const {
        if (auto it = chars.find(code); it != chars.end()) return it->second;
        for (const auto& r : ranges)
            if (code >= r.low && code <= r.high && !r.first.empty()) {
                std::u32string v = r.first;
                v.back() += static_cast<char32_t>(code - r.low);
                return v;
            }
        return std::nullopt;
    }
    // Whether some value is exactly the code point `u` (or holds it).
    bool maps_to(char32_t u) const {
        for (const auto& [code, v] : chars)
            if (v.find(u) != std::u32string::npos) return true;
        for (const auto& r : ranges) {
            if (r.first.empty()) continue;
            if (r.first.substr(0, r.first.size() - 1).find(u) != std::u32string::npos) return true;
            const char32_t last = r.first.back();
            if (u >= last && u - last <= r.high - r.low) return true;
        }
        return false;
    }
};

ParsedCMap parse_cmap(const std::string& text) {
    ParsedCMap m;
    const std::vector<Token> t = cmap_tokens(text);
    enum class Section { None, Codespace, CidChar, CidRange, BfChar, BfRange } section = Section::None;
    for (size_t i = 0; i < t.size(); ++i) {
        const Token& k = t[i];
        if (k.kind == Token::Word) {
            if (k.text == "begincodespacerange") section = Section::Codespace;
            else if (k.text == "begincidchar") section = Section::CidChar;
            else if (k.text == "begincidrange") section = Section::CidRange;
            else if (k.text == "beginbfchar") section = Section::BfChar;
            else if (k.text == "beginbfrange") section = Section::BfRange;
            else if (k.text.rfind("end", 0) == 0) section = Section::None;
            else if (k.text == "usecmap" && i > 0 && t[i - 1].kind == Token::Name) m.use_cmap = t[i - 1].text;
            continue;
        }
        if (k.kind == Token::Name && k.text == "WMode" && i + 1 < t.size() && t[i + 1].kind == Token::Word) {
            m.wmode = std::atoi(t[i + 1].text.c_str());
            continue;
        }
        if (k.kind != Token::Hex) continue;
        switch (section) {
            case Section::Codespace:
                if (i + 1 < t.size() && t[i + 1].kind == Token::Hex) {
                    m.codespace.push_back({static_cast<int>(k.text.size()), code_value(k.text), code_value(t[i + 1].text)});
                    ++i;
                }
                break;
            case Section::CidChar:
                if (i + 1 < t.size() && t[i + 1].kind == Token::Word) {
                    const std::uint32_t c = code_value(k.text);
                    m.cids.push_back({c, c, static_cast<std::uint32_t>(std::atol(t[i + 1].text.c_str()))});
                    ++i;
                }
                break;
            case Section::CidRange:
                if (i + 2 < t.size() && t[i + 1].kind == Token::Hex && t[i + 2].kind == Token::Word) {
                    m.cids.push_back({code_value(k.text), code_value(t[i + 1].text),
                                      static_cast<std::uint32_t>(std::atol(t[i + 2].text.c_str()))});
                    i += 2;
                }
                break;
            case Section::BfChar:
                if (i + 1 < t.size() && t[i + 1].kind == Token::Hex) {
                    m.chars[code_value(k.text)] = utf16_code_points(t[i + 1].text);
                    ++i;
                }
                break;
            case Section::BfRange:
                if (i + 2 < t.size() && t[i + 1].kind == Token::Hex) {
                    const std::uint32_t lo = code_value(k.text), hi = code_value(t[i + 1].text);
                    if (t[i + 2].kind == Token::Hex) {
                        m.ranges.push_back({lo, hi, utf16_code_points(t[i + 2].text)});
                        i += 2;
                    } else if (t[i + 2].kind == Token::Open) {
                        size_t j = i + 3;
                        for (std::uint32_t c = lo; j < t.size() && t[j].kind == Token::Hex; ++j, ++c)
                            m.chars[c] = utf16_code_points(t[j].text);
                        i = j;
                    }
                }
                break;
            case Section::None:
                break;
        }
    }
    return m;
}

// ISO 32000-1 9.7.5.2, Table 118: the predefined CMaps.
bool predefined_cmap(const std::string& name) {
    static const std::set<std::string> names = {
        "GB-EUC-H", "GB-EUC-V", "GBpc-EUC-H", "GBpc-EUC-V", "GBK-EUC-H", "GBK-EUC-V", "GBKp-EUC-H", "GBKp-EUC-V",
        "GBK2K-H", "GBK2K-V", "UniGB-UCS2-H", "UniGB-UCS2-V", "UniGB-UTF16-H", "UniGB-UTF16-V", "B5pc-H", "B5pc-V",
        "HKscs-B5-H", "HKscs-B5-V", "ETen-B5-H", "ETen-B5-V", "ETenms-B5-H", "ETenms-B5-V", "CNS-EUC-H", "CNS-EUC-V",
        "UniCNS-UCS2-H", "UniCNS-UCS2-V", "UniCNS-UTF16-H", "UniCNS-UTF16-V", "83pv-RKSJ-H", "90ms-RKSJ-H",
        "90ms-RKSJ-V", "90msp-RKSJ-H", "90msp-RKSJ-V", "90pv-RKSJ-H", "Add-RKSJ-H", "Add-RKSJ-V", "EUC-H", "EUC-V",
        "Ext-RKSJ-H", "Ext-RKSJ-V", "H", "V", "UniJIS-UCS2-H", "UniJIS-UCS2-V", "UniJIS-UCS2-HW-H",
        "UniJIS-UCS2-HW-V", "UniJIS-UTF16-H", "UniJIS-UTF16-V", "KSC-EUC-H", "KSC-EUC-V", "KSCms-UHC-H",
        "KSCms-UHC-V", "KSCms-UHC-HW-H", "KSCms-UHC-HW-V", "KSCpc-EUC-H", "UniKS-UCS2-H", "UniKS-UCS2-V",
        "UniKS-UTF16-H", "UniKS-UTF16-V", "Identity-H", "Identity-V"};
    return names.count(name) > 0;
}

bool identity_cmap(const std::string& name) { return name == "Identity-H" || name == "Identity-V"; }

// ---- characters ----------------------------------------------------------------------------

std::optional<char32_t> first_code_point(const std::string& utf8) {
    if (utf8.empty()) return std::nullopt;
    const auto b = static_cast<unsigned char>(utf8[0]);
    const int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || utf8.size() < static_cast<size_t>(len)) return std::nullopt;
    char32_t cp = len == 1 ? b : b & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[static_cast<size_t>(k)]) & 0x3F);
    return cp;
}

// Characters drawn without ink, whose glyph may rightly be empty.
bool blank_character(char32_t u) {
    return u == 0x20 || u == 0xA0 || u == 0x1680 || (u >= 0x2000 && u <= 0x200B) || u == 0x2028 || u == 0x2029 ||
           u == 0x202F || u == 0x205F || u == 0x3000;
}

// Whether the font program itself gives glyph `gid` to a space (whatever the PDF maps it to).
bool blank_glyph(const TrueTypeProgram& ttf, std::uint32_t gid) {
    for (char32_t u : {0x20u, 0xA0u, 0x2002u, 0x2003u, 0x2009u, 0x202Fu, 0x3000u})
        if (ttf.glyph(3, 1, u) == gid || (u < 0x100 && ttf.glyph(1, 0, u) == gid)) return true;
    return false;
}

std::string hex_code(std::uint32_t code, int bytes) {
    static const char* digits = "0123456789ABCDEF";
    std::string s;
    for (int i = 2 * bytes - 1; i >= 0; --i) s += digits[(code >> (4 * i)) & 0xF];
    return "<" + s + ">";
}

std::string code_text(std::uint32_t code, bool two_bytes) {
    if (two_bytes) return "code " + hex_code(code, 2);
    std::string s = "code " + std::to_string(code);
    if (code >= 33 && code < 127) s += " ('" + std::string(1, static_cast<char>(code)) + "')";
    return s;
}

// ---- one font ------------------------------------------------------------------------------

class FontCheck {
public:
    FontCheck(const Document& doc, const FontUse& use, Findings& f) : doc_(doc), use_(use), f_(f), font_(use.font) {}

    void run() {
        subtype_ = name_of(get(font_, "/Subtype"));
        base_font_ = name_of(get(font_, "/BaseFont"));
        if (subtype_ == "Type0") return composite();
        simple();
    }

private:
    std::string who() const {
        return "the font " + (base_font_.empty() ? std::string("(no /BaseFont)") : base_font_) + " (" + use_.resource + ")";
    }
    void add(Condition c, int page, QPDFObjectHandle obj, const std::string& msg, const std::string& detail = {}) {
        f_.add(c, page, obj, who() + ": " + msg, detail);
    }

    // The embedded program, or nullptr (with 31-009 if the font is shown and has none).
    QPDFObjectHandle font_file(QPDFObjectHandle descriptor, int& which) {
        which = 0;
        for (int i : {1, 2, 3}) {
            QPDFObjectHandle file = get(descriptor, i == 1 ? "/FontFile" : "/FontFile" + std::to_string(i));
            if (file.isStream()) {
                which = i;
                return file;
            }
        }
        return QPDFObjectHandle::newNull();
    }

    const TrueTypeProgram* program(QPDFObjectHandle file) {
        if (!program_) {
            program_ = std::make_unique<std::optional<TrueTypeProgram>>(TrueTypeProgram::read(stream_bytes(file)));
        }
        return program_->has_value() ? &program_->value() : nullptr;
    }

    bool embedded(QPDFObjectHandle descriptor, QPDFObjectHandle& file, int& which) {
        file = font_file(descriptor, which);
        if (file.isStream()) return true;
        if (use_.rendered)
            add(Condition::FontNotEmbedded, use_.first_page, font_, "the font program is not embedded (no /FontFile, /FontFile2 or /FontFile3)");
        return false;
    }

    std::optional<ParsedCMap> to_unicode() {
        QPDFObjectHandle tu = get(font_, "/ToUnicode");
        if (!tu.isStream()) return std::nullopt;
        ParsedCMap m = parse_cmap(stream_bytes(tu));
        if (m.maps_to(0)) add(Condition::ToUnicodeZero, use_.first_page, tu, "its ToUnicode CMap maps a code to U+0000");
        if (m.maps_to(0xFEFF) || m.maps_to(0xFFFE))
            add(Condition::ToUnicodeByteOrderMark, use_.first_page, tu, "its ToUnicode CMap maps a code to U+FEFF or U+FFFE");
        return m;
    }

    // ---- simple fonts (Type 1, TrueType, Type 3) ----------------------------------------------

    // The encoding: a base encoding's name and the Differences (code -> glyph name).
    struct Encoding {
        bool present = false, dictionary = false, base_given = false;
        std::string base;   // "WinAnsiEncoding", "MacRomanEncoding", ... or ""
        std::map<std::uint32_t, std::string> differences;
        bool has_differences = false;
    };

    Encoding encoding() {
        Encoding e;
        QPDFObjectHandle entry = get(font_, "/Encoding");
        e.present = !entry.isNull();
        if (entry.isName()) e.base = name_of(entry);
        if (!entry.isDictionary()) return e;
        e.dictionary = true;
        e.base_given = !get(entry, "/BaseEncoding").isNull();
        e.base = name_of(get(entry, "/BaseEncoding"));
        QPDFObjectHandle diffs = get(entry, "/Differences");
        if (!diffs.isArray()) return e;
        e.has_differences = true;
        std::uint32_t code = 0;
        for (auto item : diffs.aitems()) {
            if (item.isInteger()) code = static_cast<std::uint32_t>(item.getIntValue());
            else if (item.isName()) e.differences[code++] = item.getName().substr(1);
        }
        return e;
    }

    // The Unicode character a simple font's code stands for, by its encoding.
    std::optional<char32_t> unicode_by_encoding(const Encoding& e, std::uint32_t code) const {
        if (auto it = e.differences.find(code); it != e.differences.end()) return code_point_of_glyph_name(it->second);
        if (code > 255) return std::nullopt;
        const std::string byte(1, static_cast<char>(code));
        const std::string utf8 = e.base == "MacRomanEncoding" ? QUtil::mac_roman_to_utf8(byte) : QUtil::win_ansi_to_utf8(byte);
        auto u = first_code_point(utf8);
        if (!u || *u < 0x20 || *u == 0xFFFD || (*u >= 0x7F && *u < 0xA0)) return std::nullopt;
        return u;
    }

    void simple() {
        QPDFObjectHandle descriptor = get(font_, "/FontDescriptor");
        const auto flags = integer_of(get(descriptor, "/Flags")).value_or(0);
        const bool symbolic = (flags & 4) != 0;
        const Encoding enc = encoding();
        const auto tu = to_unicode();
        QPDFObjectHandle file;
        int which = 0;
        const bool has_program = subtype_ == "Type3" ? false : embedded(descriptor, file, which);

        if (subtype_ == "TrueType") {
            if (!symbolic) nonsymbolic_encoding(enc);
            else if (enc.present)
                add(Condition::SymbolicWithEncoding, use_.first_page, font_, "a symbolic TrueType font has an /Encoding");
        }
        // 31-027: a font without ToUnicode must be one whose characters are known otherwise.
        bool known_without_to_unicode = (subtype_ == "TrueType" && !symbolic) || enc.base == "WinAnsiEncoding" ||
                                        enc.base == "MacRomanEncoding" || enc.base == "MacExpertEncoding";
        if (!tu && !known_without_to_unicode && (subtype_ == "Type1" || subtype_ == "MMType1" || subtype_ == "Type3")) {
            known_without_to_unicode = true;   // if every glyph name shown is in the Adobe Glyph List
            for (const auto& [code, page] : use_.codes) {
                auto it = enc.differences.find(code);
                if (it != enc.differences.end() && !glyph_list_code_point(it->second)) known_without_to_unicode = false;
            }
        }
        const bool no_mapping = !tu && !known_without_to_unicode;
        if (no_mapping)
            add(Condition::NoToUnicode, use_.first_page, font_,
                "it has no /ToUnicode, and its encoding gives no Unicode for its characters");

        const TrueTypeProgram* ttf = has_program && which == 2 ? program(file) : nullptr;
        if (subtype_ == "TrueType" && ttf) program_cmaps(*ttf, symbolic, enc, file);

        for (const auto& [code, page] : use_.codes) {
            const auto by_encoding = unicode_by_encoding(enc, code);
            std::optional<char32_t> u = by_encoding;
            if (tu) {
                const auto mapped = tu->unicode(code);
                if (!mapped || mapped->empty()) {
                    add(Condition::UnmappedCharacter, page, font_, code_text(code, false) + " is not in its ToUnicode CMap");
                    u.reset();
                } else {
                    u = mapped->front();
                }
            } else if (!no_mapping && !by_encoding) {
                add(Condition::UnmappedCharacter, page, font_,
                    code_text(code, false) + " has no Unicode value by the font's encoding and there is no /ToUnicode");
            }
            if (auto it = enc.differences.find(code); it != enc.differences.end() && it->second == ".notdef") {
                add(Condition::NotdefGlyph, page, font_, "text shows " + code_text(code, false) + ", which its encoding names .notdef");
                continue;
            }
            if (use_.rendered && subtype_ == "TrueType" && ttf) simple_glyph(*ttf, symbolic, enc, code, page, u, file);
        }
    }

    void nonsymbolic_encoding(const Encoding& e) {
        if (!e.present) {
            add(Condition::NoEncoding, use_.first_page, font_, "a non-symbolic TrueType font has no /Encoding");
            return;
        }
        if (e.dictionary && !e.base_given)
            add(Condition::NoBaseEncoding, use_.first_page, font_, "its /Encoding dictionary has no /BaseEncoding");
        else if (e.base != "WinAnsiEncoding" && e.base != "MacRomanEncoding")
            add(Condition::WrongBaseEncoding, use_.first_page, font_,
                (e.base.empty() ? std::string("its /Encoding is not a base encoding's name")
                                : "its encoding is /" + e.base) + ", not /WinAnsiEncoding or /MacRomanEncoding",
                e.base);
        for (const auto& [code, name] : e.differences)
            if (!glyph_list_code_point(name))
                add(Condition::DifferencesNotInGlyphList, use_.first_page, font_,
                    "its /Differences name /" + name + " (code " + std::to_string(code) + ") is not in the Adobe Glyph List",
                    "/" + name);
    }

    void program_cmaps(const TrueTypeProgram& ttf, bool symbolic, const Encoding& enc, QPDFObjectHandle file) {
        const bool unicode = ttf.has_cmap(3, 1), roman = ttf.has_cmap(1, 0);
        if (!symbolic) {
            if (use_.rendered && !unicode && !roman)
                add(Condition::NoNonSymbolicCmap, use_.first_page, file,
                    "its font program has neither a (3,1) Unicode nor a (1,0) Macintosh Roman cmap");
            if (enc.has_differences && !unicode)
                add(Condition::DifferencesWithoutUnicodeCmap, use_.first_page, file,
                    "its encoding has /Differences but its font program has no (3,1) Unicode cmap");
            return;
        }
        if (ttf.cmaps().empty())
            add(Condition::SymbolicWithoutCmap, use_.first_page, file, "the font program of a symbolic TrueType font has no cmap");
        else if (ttf.cmaps().size() > 1 && !ttf.has_cmap(3, 0))
            add(Condition::SymbolicCmapWithoutSymbol, use_.first_page, file,
                "the font program of a symbolic TrueType font has several cmaps but no (3,0) Symbol cmap");
    }

    // ISO 32000-1 9.6.6.4: how a simple TrueType font's code finds its glyph.
    std::uint32_t simple_gid(const TrueTypeProgram& ttf, bool symbolic, std::uint32_t code, std::optional<char32_t> u) const {
        if (symbolic) {
            if (ttf.has_cmap(3, 0))
                for (std::uint32_t base : {0u, 0xF000u, 0xF100u, 0xF200u})
                    if (std::uint32_t g = ttf.glyph(3, 0, base + code)) return g;
            return ttf.glyph(1, 0, code);
        }
        if (ttf.has_cmap(3, 1)) return u ? ttf.glyph(3, 1, *u) : 0;
        if (ttf.has_cmap(1, 0) && u) {
            const std::string mac = QUtil::utf8_to_mac_roman(QUtil::toUTF8(*u), '\0');
            if (mac.size() == 1 && mac[0] != '\0') return ttf.glyph(1, 0, static_cast<unsigned char>(mac[0]));
        }
        return 0;
    }

    void simple_glyph(const TrueTypeProgram& ttf, bool symbolic, const Encoding& enc, std::uint32_t code, int page,
                      std::optional<char32_t> u, QPDFObjectHandle file) {
        const std::uint32_t gid = simple_gid(ttf, symbolic, code, symbolic ? u : unicode_by_encoding(enc, code));
        if (gid == 0) {
            if (!symbolic)
                add(Condition::GlyphNotInCmap, page, font_, code_text(code, false) + " finds no glyph through the font program's cmap");
            else
                add(Condition::NotdefGlyph, page, font_, code_text(code, false) + " finds only the .notdef glyph");
            return;
        }
        glyph_present(ttf, gid, code, false, page, u, file);
        // 31-016: /Widths against the program's advance.
        const auto first = integer_of(get(font_, "/FirstChar"));
        QPDFObjectHandle widths = get(font_, "/Widths");
        double width = get(get(font_, "/FontDescriptor"), "/MissingWidth").isNumber()
                           ? get(get(font_, "/FontDescriptor"), "/MissingWidth").getNumericValue()
                           : 0;
        if (first && widths.isArray() && code >= *first && code - *first < static_cast<std::uint32_t>(widths.getArrayNItems())) {
            QPDFObjectHandle w = widths.getArrayItem(static_cast<int>(code - *first));
            if (w.isNumber()) width = w.getNumericValue();
        }
        compare_width(ttf, gid, width, code_text(code, false), page);
    }

    void glyph_present(const TrueTypeProgram& ttf, std::uint32_t gid, std::uint32_t code, bool two_bytes, int page,
                       std::optional<char32_t> u, QPDFObjectHandle file) {
        if (gid >= ttf.glyph_count())
            add(Condition::GlyphMissing, page, file,
                code_text(code, two_bytes) + " needs glyph " + std::to_string(gid) + ", but the font program has " +
                    std::to_string(ttf.glyph_count()) + " glyphs");
        else if (!ttf.has_outline(gid) && !(u && blank_character(*u)) && !blank_glyph(ttf, gid))
            add(Condition::GlyphMissing, page, file,
                code_text(code, two_bytes) + " shows glyph " + std::to_string(gid) +
                    ", which is empty in the font program (left out of the subset?)");
    }

    void compare_width(const TrueTypeProgram& ttf, std::uint32_t gid, double declared, const std::string& what, int page) {
        const auto advance = ttf.advance(gid);
        if (!advance) return;
        const double actual = *advance * 1000.0 / ttf.units_per_em();
        if (std::abs(actual - declared) > 1.0)
            add(Condition::WidthsDiffer, page, font_,
                what + ": the font dictionary gives width " + QUtil::double_to_string(declared, 3, true) +
                    ", the font program " + QUtil::double_to_string(actual, 3, true));
    }

    // ---- composite fonts (Type 0) ------------------------------------------------------------

    void composite() {
        QPDFObjectHandle descendants = get(font_, "/DescendantFonts");
        QPDFObjectHandle cid_font = descendants.isArray() && descendants.getArrayNItems() > 0 ? descendants.getArrayItem(0)
                                                                                                 : QPDFObjectHandle::newNull();
        const std::string cid_type = name_of(get(cid_font, "/Subtype"));
        QPDFObjectHandle encoding = get(font_, "/Encoding");
        std::optional<ParsedCMap> cmap;
        std::string cmap_name = name_of(encoding);
        if (encoding.isName()) {
            if (!predefined_cmap(cmap_name))
                add(Condition::CMapNotEmbedded, use_.first_page, font_,
                    "its CMap /" + cmap_name + " is neither predefined (ISO 32000-1 Table 118) nor embedded", cmap_name);
        } else if (encoding.isStream()) {
            cmap = parse_cmap(stream_bytes(encoding));
            embedded_cmap(encoding, *cmap, cid_font);
        }
        // 31-004, 31-005
        QPDFObjectHandle map = get(cid_font, "/CIDToGIDMap");
        if (cid_type == "CIDFontType2") {
            if (map.isNull()) add(Condition::CidToGidMapMissing, use_.first_page, cid_font, "its CIDFontType2 has no /CIDToGIDMap");
            else if (!map.isStream() && name_of(map) != "Identity")
                add(Condition::CidToGidMapInvalid, use_.first_page, cid_font,
                    "its /CIDToGIDMap is " + map.unparse() + ", neither /Identity nor a stream");
        }
        QPDFObjectHandle descriptor = get(cid_font, "/FontDescriptor");
        QPDFObjectHandle file;
        int which = 0;
        const bool has_program = embedded(descriptor, file, which);
        const auto tu = to_unicode();
        // 31-027: without ToUnicode, only the Adobe character collections say what a CID is.
        QPDFObjectHandle info = get(cid_font, "/CIDSystemInfo");
        const std::string registry = text_of(get(info, "/Registry")), ordering = text_of(get(info, "/Ordering"));
        const bool adobe_collection =
            registry == "Adobe" && (ordering == "GB1" || ordering == "CNS1" || ordering == "Japan1" || ordering == "Korea1");
        if (!tu && !adobe_collection)
            add(Condition::NoToUnicode, use_.first_page, font_,
                "a Type 0 font without /ToUnicode whose CIDFont is not in an Adobe character collection (" + registry + "-" +
                    ordering + ")");

        const TrueTypeProgram* ttf = has_program && which == 2 && cid_type == "CIDFontType2" ? program(file) : nullptr;
        const std::string map_bytes = map.isStream() ? stream_bytes(map) : "";
        auto gid_of = [&](std::uint32_t cid) -> std::uint32_t {
            if (!map.isStream()) return cid;
            const size_t at = 2 * static_cast<size_t>(cid);
            return at + 1 < map_bytes.size() ? code_value(map_bytes.substr(at, 2)) : 0;
        };
        if (ttf) cid_set(descriptor, *ttf, map.isStream(), map_bytes.size() / 2, gid_of);
        const bool codes_known = cmap.has_value() || identity_cmap(cmap_name);
        for (const auto& [code, page] : use_.codes) {
            std::optional<char32_t> u;
            if (tu) {
                const auto mapped = tu->unicode(code);
                if (!mapped || mapped->empty())
                    add(Condition::UnmappedCharacter, page, font_, code_text(code, true) + " is not in its ToUnicode CMap");
                else
                    u = mapped->front();
            }
            if (!codes_known) continue;   // a predefined CJK CMap: its CIDs are not followed (docs/pdf-check.md)
            const std::uint32_t cid = cmap ? cmap->cid(code).value_or(0) : code;
            if (cid == 0) {
                add(Condition::NotdefGlyph, page, font_, code_text(code, true) + " is CID 0, the .notdef glyph");
                continue;
            }
            if (!use_.rendered || !ttf) continue;
            const std::uint32_t gid = gid_of(cid);
            if (gid == 0) {
                add(Condition::NotdefGlyph, page, font_, code_text(code, true) + " (CID " + std::to_string(cid) + ") maps to glyph 0, .notdef");
                continue;
            }
            glyph_present(*ttf, gid, code, true, page, u, file);
            compare_width(*ttf, gid, cid_width(cid_font, cid), code_text(code, true), page);
        }
    }

    // The width /W (or /DW, default 1000) gives CID `cid`.
    static double cid_width(QPDFObjectHandle cid_font, std::uint32_t cid) {
        QPDFObjectHandle dw = get(cid_font, "/DW");
        double width = dw.isNumber() ? dw.getNumericValue() : 1000;
        QPDFObjectHandle w = get(cid_font, "/W");
        if (!w.isArray()) return width;
        const int n = w.getArrayNItems();
        for (int i = 0; i < n;) {
            QPDFObjectHandle first = w.getArrayItem(i);
            if (!first.isInteger() || i + 1 >= n) break;
            const auto c = static_cast<std::uint32_t>(first.getIntValue());
            QPDFObjectHandle next = w.getArrayItem(i + 1);
            if (next.isArray()) {
                const int len = next.getArrayNItems();
                if (cid >= c && cid - c < static_cast<std::uint32_t>(len)) {
                    QPDFObjectHandle v = next.getArrayItem(static_cast<int>(cid - c));
                    return v.isNumber() ? v.getNumericValue() : width;
                }
                i += 2;
            } else if (i + 2 < n && next.isInteger()) {
                const auto last = static_cast<std::uint32_t>(next.getIntValue());
                QPDFObjectHandle v = w.getArrayItem(i + 2);
                if (cid >= c && cid <= last && v.isNumber()) return v.getNumericValue();
                i += 3;
            } else {
                break;
            }
        }
        return width;
    }

    // 31-001 to 31-003, 31-007, 31-008 for an embedded CMap.
    void embedded_cmap(QPDFObjectHandle stream, const ParsedCMap& cmap, QPDFObjectHandle cid_font) {
        QPDFObjectHandle mine = get(stream, "/CIDSystemInfo"), theirs = get(cid_font, "/CIDSystemInfo");
        if (text_of(get(mine, "/Registry")) != text_of(get(theirs, "/Registry")))
            add(Condition::CidSystemInfoRegistry, use_.first_page, stream,
                "its CMap's Registry '" + text_of(get(mine, "/Registry")) + "' differs from its CIDFont's '" +
                    text_of(get(theirs, "/Registry")) + "'");
        if (text_of(get(mine, "/Ordering")) != text_of(get(theirs, "/Ordering")))
            add(Condition::CidSystemInfoOrdering, use_.first_page, stream,
                "its CMap's Ordering '" + text_of(get(mine, "/Ordering")) + "' differs from its CIDFont's '" +
                    text_of(get(theirs, "/Ordering")) + "'");
        const auto s_cmap = integer_of(get(mine, "/Supplement")), s_font = integer_of(get(theirs, "/Supplement"));
        if (s_cmap && s_font && *s_font > *s_cmap)
            add(Condition::CidSystemInfoSupplement, use_.first_page, stream,
                "its CIDFont's Supplement " + std::to_string(*s_font) + " is greater than its CMap's " + std::to_string(*s_cmap));
        const long long dict_wmode = integer_of(get(stream, "/WMode")).value_or(0);
        if (cmap.wmode && *cmap.wmode != dict_wmode)
            add(Condition::CMapWModeDiffers, use_.first_page, stream,
                "its CMap's dictionary has /WMode " + std::to_string(dict_wmode) + ", its stream " + std::to_string(*cmap.wmode));
        QPDFObjectHandle use = get(stream, "/UseCMap");
        std::string used = use.isName() ? name_of(use) : cmap.use_cmap;
        if (!used.empty() && !predefined_cmap(used))
            add(Condition::CMapUsesNonStandard, use_.first_page, stream, "its CMap uses the CMap /" + used + ", which is not predefined");
    }

    // 31-014, 31-015: a subset's CIDSet lists exactly the CIDs its program has (CID 0 aside).
    template <typename GidOf>
    void cid_set(QPDFObjectHandle descriptor, const TrueTypeProgram& ttf, bool mapped, size_t map_size, GidOf gid_of) {
        QPDFObjectHandle set = get(descriptor, "/CIDSet");
        const bool subset = base_font_.size() > 7 && base_font_[6] == '+' &&
                            std::all_of(base_font_.begin(), base_font_.begin() + 6, [](char c) { return c >= 'A' && c <= 'Z'; });
        if (!set.isStream() || !subset) return;
        const std::string bits = stream_bytes(set);
        auto listed = [&](std::uint32_t cid) {
            return cid / 8 < bits.size() && (static_cast<unsigned char>(bits[cid / 8]) & (0x80 >> (cid % 8))) != 0;
        };
        auto present = [&](std::uint32_t cid) {
            const std::uint32_t gid = gid_of(cid);
            return (mapped ? cid < map_size && gid != 0 : true) && gid < ttf.glyph_count();
        };
        const std::uint32_t cids = mapped ? static_cast<std::uint32_t>(map_size) : ttf.glyph_count();
        for (std::uint32_t cid = 1; cid < cids; ++cid)
            if (present(cid) && !listed(cid)) {
                add(Condition::CidSetMissesGlyph, use_.first_page, set,
                    "its /CIDSet leaves out CID " + std::to_string(cid) + ", which the font program has");
                break;
            }
        for (std::uint32_t cid = 1; cid < 8 * bits.size(); ++cid)
            if (listed(cid) && !present(cid)) {
                add(Condition::CidSetListsAbsentGlyph, use_.first_page, set,
                    "its /CIDSet lists CID " + std::to_string(cid) + ", which the font program does not have");
                break;
            }
    }

    const Document& doc_;
    const FontUse& use_;
    Findings& f_;
    QPDFObjectHandle font_;
    std::string subtype_, base_font_;
    std::unique_ptr<std::optional<TrueTypeProgram>> program_;
};

}  // namespace

std::vector<std::uint32_t> CodeSpace::split(const std::string& shown) const {
    std::vector<std::uint32_t> codes;
    if (ranges.empty()) {
        for (char c : shown) codes.push_back(static_cast<unsigned char>(c));
        return codes;
    }
    for (size_t i = 0; i < shown.size();) {
        bool matched = false;
        for (int n = 1; n <= 4 && !matched; ++n) {
            if (i + static_cast<size_t>(n) > shown.size()) break;
            const std::uint32_t v = code_value(shown.substr(i, static_cast<size_t>(n)));
            for (const Range& r : ranges)
                if (r.bytes == n && v >= r.low && v <= r.high) {
                    codes.push_back(v);
                    i += static_cast<size_t>(n);
                    matched = true;
                    break;
                }
        }
        if (!matched) {   // no range matches: take the shortest code length (ISO 32000-1 9.7.6.3)
            int n = 4;
            for (const Range& r : ranges) n = std::min(n, r.bytes);
            n = std::min<int>(n, static_cast<int>(shown.size() - i));
            codes.push_back(code_value(shown.substr(i, static_cast<size_t>(n))));
            i += static_cast<size_t>(n);
        }
    }
    return codes;
}

CodeSpace code_space(QPDFObjectHandle font) {
    CodeSpace cs;
    if (name_of(get(font, "/Subtype")) != "Type0") return cs;
    QPDFObjectHandle encoding = get(font, "/Encoding");
    if (encoding.isStream()) cs.ranges = parse_cmap(stream_bytes(encoding)).codespace;
    // Identity-H/V, and (not followed further) the other predefined CMaps: two bytes a code.
    if (cs.ranges.empty()) cs.ranges.push_back({2, 0, 0xFFFF});
    return cs;
}

void check_fonts(const Document& doc, const ContentFacts& content, Findings& findings) {
    for (const auto& [key, use] : content.fonts) FontCheck(doc, use, findings).run();
}

}  // namespace ep::pdfcheck::detail
