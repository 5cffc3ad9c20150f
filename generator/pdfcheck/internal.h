// What the parts of the checker share: the document read by qpdf, the findings collected, and
// the facts the page content yields (marked content, the characters each font shows).
#pragma once

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pdfcheck/pdfcheck.h"

namespace ep::pdfcheck::detail {

// Collects findings; of one condition only the first few are listed (a file whose every text
// operator is untagged would otherwise give thousands of lines), the rest are counted.
class Findings {
public:
    static constexpr int kListedPerCondition = 8;
    void add(Condition c, int page, int object, std::string message, std::string detail = {});
    void add(Condition c, int page, QPDFObjectHandle object, std::string message, std::string detail = {});
    std::vector<Finding> take() { return std::move(listed_); }
    int not_listed() const { return not_listed_; }

private:
    std::map<Condition, int> count_;
    std::vector<Finding> listed_;
    int not_listed_ = 0;
};

struct Document {
    QPDF& pdf;
    QPDFObjectHandle catalog;
    std::vector<QPDFObjectHandle> pages;
    std::map<QPDFObjGen, int> page_index;   // page object -> 0-based index

    // 1-based number of the page `page` refers to, 0 if it is not a page of the document.
    int page_number(QPDFObjectHandle page) const;
};

// A font dictionary's codes split from the bytes a text operator shows: one byte each for a
// simple font; for a Type 0 font, by its CMap's codespace ranges.
struct CodeSpace {
    struct Range {
        int bytes = 1;
        std::uint32_t low = 0, high = 0;
    };
    std::vector<Range> ranges;   // empty: one byte per code
    std::vector<std::uint32_t> split(const std::string& shown) const;
};
CodeSpace code_space(QPDFObjectHandle font);

// How one font dictionary is used by the page content.
struct FontUse {
    QPDFObjectHandle font;
    std::string resource;                  // "/F1", as the first page naming it calls it
    int first_page = 0;
    CodeSpace codes_of;
    std::map<std::uint32_t, int> codes;    // each code shown -> the first page showing it
    bool rendered = false;                 // shown in a text rendering mode other than 3 (invisible)
};

struct ContentFacts {
    // Per page (0-based): MCID -> the tag of the marked-content sequence it labels.
    std::vector<std::map<int, std::string>> mcids;
    // Keyed by the font dictionary's object ("12 0"), or "page 3 /F1" for a direct one.
    std::map<std::string, FontUse> fonts;
};

ContentFacts read_content(const Document& doc, Findings& findings);

// The catalog: metadata, viewer preferences, language, optional content, embedded files,
// encryption. Returns whether the XMP metadata claims PDF/UA-1.
bool check_catalog(const Document& doc, Findings& findings);

// The structure tree (and its role map and ParentTree) against the content, and the annotations.
void check_structure(const Document& doc, const ContentFacts& content, Findings& findings);

void check_fonts(const Document& doc, const ContentFacts& content, Findings& findings);

// ---- small helpers over qpdf's objects -------------------------------------------------------

// The value of `key`, or null (qpdf's null object) when `dict` is not a dictionary.
QPDFObjectHandle get(QPDFObjectHandle dict, const std::string& key);
std::string name_of(QPDFObjectHandle o);      // "/Link" -> "Link"; "" for a non-name
std::string text_of(QPDFObjectHandle o);      // a text string as UTF-8; "" for a non-string
std::optional<long long> integer_of(QPDFObjectHandle o);
int object_number(QPDFObjectHandle o);        // 0 for a direct object
std::string stream_bytes(QPDFObjectHandle stream);   // decoded; "" if it cannot be decoded

// ISO 32000-1 14.8.4's standard structure types.
bool is_standard_type(const std::string& type);

// Whether a Lang value is a language tag (BCP 47 as RFC 3066 allows: 1-8 letters, then
// subtags of 1-8 letters or digits).
bool is_language_tag(const std::string& lang);

}  // namespace ep::pdfcheck::detail
