// The document catalog: tagging flags, XMP metadata, viewer preferences, the language,
// optional content, embedded files and encryption (Matterhorn 01-007, 06, 07, 11, 20, 21, 26).
#include <qpdf/QPDFNameTreeObjectHelper.hh>

#include "pdfcheck/internal.h"

namespace ep::pdfcheck::detail {

namespace {

// The XMP packet is read by pattern, not by a full RDF parser: it finds the elements (or
// attributes) PDF/UA asks for, under the prefixes and namespaces the standards give them.
constexpr const char* kPdfuaNamespace = "http://www.aiim.org/pdfua/ns/id/";
constexpr const char* kDcNamespace = "http://purl.org/dc/elements/1.1/";

// The prefix the packet declares for `ns` (xmlns:prefix="ns"), or "" if none.
std::string prefix_for(const std::string& xmp, const std::string& ns) {
    for (const char quote : {'"', '\''}) {
        const std::string value = std::string(1, quote) + ns + quote;
        for (size_t at = xmp.find(value); at != std::string::npos; at = xmp.find(value, at + 1)) {
            size_t eq = at;
            while (eq > 0 && (xmp[eq - 1] == ' ' || xmp[eq - 1] == '=')) --eq;
            size_t start = eq;
            while (start > 0 && xmp[start - 1] != ' ' && xmp[start - 1] != '\n' && xmp[start - 1] != '\t' &&
                   xmp[start - 1] != '\r')
                --start;
            const std::string attr = xmp.substr(start, eq - start);
            if (attr.rfind("xmlns:", 0) == 0) return attr.substr(6);
        }
    }
    return "";
}

std::string trim(std::string s) {
    const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
    while (!s.empty() && space(s.back())) s.pop_back();
    size_t i = 0;
    while (i < s.size() && space(s[i])) ++i;
    return s.substr(i);
}

// The text of element `qname` (<p:part>1</p:part>) or of the attribute of that name
// (p:part="1"); nullopt when neither is there.
std::optional<std::string> property(const std::string& xmp, const std::string& qname) {
    const std::string open = "<" + qname + ">";
    if (size_t at = xmp.find(open); at != std::string::npos) {
        const size_t end = xmp.find("</" + qname + ">", at);
        if (end != std::string::npos) return trim(xmp.substr(at + open.size(), end - at - open.size()));
    }
    for (const char quote : {'"', '\''}) {
        const std::string attr = qname + "=" + quote;
        if (size_t at = xmp.find(attr); at != std::string::npos) {
            const size_t from = at + attr.size(), end = xmp.find(quote, from);
            if (end != std::string::npos) return trim(xmp.substr(from, end - from));
        }
    }
    return std::nullopt;
}

// Whether dc:title holds a non-empty title (an rdf:Alt of rdf:li, or plain text).
bool has_title(const std::string& xmp, const std::string& dc) {
    const auto title = property(xmp, dc + ":title");
    if (!title) return false;
    std::string text;
    bool in_tag = false;
    for (char c : *title) {
        if (c == '<') in_tag = true;
        else if (c == '>') in_tag = false;
        else if (!in_tag) text += c;
    }
    return !trim(text).empty();
}

// 06-001 to 06-003; returns whether the packet identifies the file as PDF/UA-1.
bool check_metadata(const Document& doc, Findings& f) {
    QPDFObjectHandle meta = get(doc.catalog, "/Metadata");
    if (!meta.isStream()) {
        f.add(Condition::NoMetadata, 0, doc.catalog, "the catalog has no /Metadata stream");
        return false;
    }
    if (name_of(get(meta, "/Type")) != "Metadata" || name_of(get(meta, "/Subtype")) != "XML")
        f.add(Condition::NoMetadata, 0, meta, "the /Metadata stream is not /Type /Metadata /Subtype /XML");
    const std::string xmp = stream_bytes(meta);
    bool claims = false;
    const std::string prefix = prefix_for(xmp, kPdfuaNamespace);
    const auto part = prefix.empty() ? std::nullopt : property(xmp, prefix + ":part");
    if (!part) {
        f.add(Condition::NoPdfuaIdentifier, 0, meta, "the XMP metadata has no pdfuaid:part");
    } else if (prefix != "pdfuaid") {
        f.add(Condition::NoPdfuaIdentifier, 0, meta,
              "the PDF/UA identification schema has the prefix '" + prefix + "', not 'pdfuaid'");
    } else if (*part != "1") {
        f.add(Condition::NoPdfuaIdentifier, 0, meta, "pdfuaid:part is '" + *part + "', not 1");
    } else {
        claims = true;
    }
    const std::string dc = prefix_for(xmp, kDcNamespace);
    if (dc.empty() || !has_title(xmp, dc)) f.add(Condition::NoDcTitle, 0, meta, "the XMP metadata has no dc:title");
    return claims;
}

void check_viewer_preferences(const Document& doc, Findings& f) {
    QPDFObjectHandle shown = get(get(doc.catalog, "/ViewerPreferences"), "/DisplayDocTitle");
    if (!shown.isBool())
        f.add(Condition::NoDisplayDocTitle, 0, doc.catalog, "the catalog's /ViewerPreferences has no /DisplayDocTitle");
    else if (!shown.getBoolValue())
        f.add(Condition::DisplayDocTitleFalse, 0, doc.catalog, "/ViewerPreferences /DisplayDocTitle is false");
}

void check_mark_info(const Document& doc, Findings& f) {
    QPDFObjectHandle mark = get(doc.catalog, "/MarkInfo");
    QPDFObjectHandle marked = get(mark, "/Marked");
    if (!marked.isBool() || !marked.getBoolValue())
        f.add(Condition::NotMarked, 0, doc.catalog, "the catalog's /MarkInfo does not have /Marked true");
    QPDFObjectHandle suspects = get(mark, "/Suspects");
    if (suspects.isBool() && suspects.getBoolValue())
        f.add(Condition::Suspects, 0, doc.catalog, "/MarkInfo /Suspects is true");
}

// 11-001 for the catalog, 11-003 for the outline. The language of the structure's content,
// alternate texts and annotations is checked with the structure tree.
void check_language(const Document& doc, Findings& f) {
    QPDFObjectHandle lang = get(doc.catalog, "/Lang");
    const std::string value = text_of(lang);
    if (lang.isString() && is_language_tag(value)) return;
    if (lang.isString() && !value.empty())
        f.add(Condition::ContentLanguage, 0, doc.catalog, "the catalog's /Lang '" + value + "' is not a language tag");
    QPDFObjectHandle outlines = get(doc.catalog, "/Outlines");
    if (get(outlines, "/First").isDictionary())
        f.add(Condition::OutlineLanguage, 0, outlines,
              "the document has an outline (bookmarks) but the catalog gives no /Lang for its entries");
}

bool empty_name(QPDFObjectHandle config) {
    QPDFObjectHandle n = get(config, "/Name");
    return !n.isString() || n.getUTF8Value().empty();
}

void check_optional_content(const Document& doc, Findings& f) {
    QPDFObjectHandle oc = get(doc.catalog, "/OCProperties");
    if (!oc.isDictionary()) return;
    QPDFObjectHandle d = get(oc, "/D");
    if (d.isDictionary()) {
        if (empty_name(d))
            f.add(Condition::OptionalContentDefaultName, 0, d,
                  "the default optional content configuration (/OCProperties /D) has no /Name");
        if (!get(d, "/AS").isNull())
            f.add(Condition::OptionalContentAs, 0, d, "the default optional content configuration has an /AS entry");
    }
    QPDFObjectHandle configs = get(oc, "/Configs");
    if (!configs.isArray()) return;
    for (auto config : configs.aitems()) {
        if (empty_name(config))
            f.add(Condition::OptionalContentConfigName, 0, config, "an optional content configuration in /Configs has no /Name");
        if (!get(config, "/AS").isNull())
            f.add(Condition::OptionalContentAs, 0, config, "an optional content configuration in /Configs has an /AS entry");
    }
}

void check_file_spec(QPDFObjectHandle spec, int page, Findings& f) {
    if (!spec.isDictionary()) return;
    if (get(spec, "/F").isNull() || get(spec, "/UF").isNull())
        f.add(Condition::EmbeddedFileSpec, page, spec, "an embedded file's specification lacks /F or /UF");
}

void check_embedded_files(const Document& doc, Findings& f) {
    QPDFObjectHandle tree = get(get(doc.catalog, "/Names"), "/EmbeddedFiles");
    if (tree.isDictionary())
        for (const auto& [name, spec] : QPDFNameTreeObjectHelper(tree, doc.pdf, false).getAsMap())
            check_file_spec(spec, 0, f);
    for (size_t p = 0; p < doc.pages.size(); ++p) {
        QPDFObjectHandle annots = get(doc.pages[p], "/Annots");
        if (!annots.isArray()) continue;
        for (auto a : annots.aitems())
            if (name_of(get(a, "/Subtype")) == "FileAttachment") check_file_spec(get(a, "/FS"), static_cast<int>(p) + 1, f);
    }
}

}  // namespace

bool check_catalog(const Document& doc, Findings& f) {
    check_mark_info(doc, f);
    const bool claims = check_metadata(doc, f);
    check_viewer_preferences(doc, f);
    check_language(doc, f);
    check_optional_content(doc, f);
    check_embedded_files(doc, f);
    if (doc.pdf.isEncrypted() && !doc.pdf.allowAccessibility())
        f.add(Condition::EncryptionForbidsAccess, 0, 0,
              "the file is encrypted and its permissions (bit 10 of /P) forbid extracting text for accessibility");
    return claims;
}

}  // namespace ep::pdfcheck::detail
