// Opens the PDF with qpdf and runs the parts of the check in turn.
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QUtil.hh>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <cctype>
#include <memory>

#include "pdfcheck/internal.h"

namespace ep::pdfcheck {

namespace detail {

void Findings::add(Condition c, int page, int object, std::string message, std::string detail) {
    if (++count_[c] > kListedPerCondition) {
        ++not_listed_;
        return;
    }
    listed_.push_back({c, page, object, std::move(message), std::move(detail)});
}

void Findings::add(Condition c, int page, QPDFObjectHandle object, std::string message, std::string detail) {
    add(c, page, object_number(object), std::move(message), std::move(detail));
}

int Document::page_number(QPDFObjectHandle page) const {
    if (!page.isIndirect()) return 0;
    auto it = page_index.find(page.getObjGen());
    return it == page_index.end() ? 0 : it->second + 1;
}

QPDFObjectHandle get(QPDFObjectHandle dict, const std::string& key) {
    if (dict.isStream()) dict = dict.getDict();
    if (!dict.isDictionary()) return QPDFObjectHandle::newNull();
    return dict.getKey(key);
}

std::string name_of(QPDFObjectHandle o) {
    if (!o.isName()) return "";
    const std::string n = o.getName();
    return n.empty() ? n : n.substr(1);
}

std::string text_of(QPDFObjectHandle o) { return o.isString() ? o.getUTF8Value() : std::string(); }

std::optional<long long> integer_of(QPDFObjectHandle o) {
    if (o.isInteger()) return o.getIntValue();
    return std::nullopt;
}

int object_number(QPDFObjectHandle o) { return o.isIndirect() ? o.getObjectID() : 0; }

std::string stream_bytes(QPDFObjectHandle stream) {
    if (!stream.isStream()) return "";
    try {
        auto buf = stream.getStreamData(qpdf_dl_generalized);
        return std::string(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
    } catch (const std::exception&) {
        return "";
    }
}

bool is_standard_type(const std::string& t) {
    static const std::set<std::string> standard = {
        "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct",
        "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH",
        "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot",
        "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form"};
    return standard.count(t) > 0;
}

bool is_language_tag(const std::string& lang) {
    if (lang.empty()) return false;
    size_t start = 0;
    bool first = true;
    while (start <= lang.size()) {
        size_t end = lang.find('-', start);
        if (end == std::string::npos) end = lang.size();
        const std::string part = lang.substr(start, end - start);
        if (part.empty() || part.size() > 8) return false;
        for (char c : part) {
            const auto u = static_cast<unsigned char>(c);
            if (first ? !std::isalpha(u) : !std::isalnum(u)) return false;
        }
        first = false;
        start = end + 1;
        if (end == lang.size()) break;
    }
    return true;
}

}  // namespace detail

namespace {

Report run_checks(QPDF& pdf) {
    detail::Findings findings;
    detail::Document doc{pdf, pdf.getRoot(), {}, {}};
    for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
        doc.page_index[page.getObjectHandle().getObjGen()] = static_cast<int>(doc.pages.size());
        doc.pages.push_back(page.getObjectHandle());
    }
    Report report;
    report.pages = static_cast<int>(doc.pages.size());
    report.claims_pdfua = detail::check_catalog(doc, findings);
    const detail::ContentFacts content = detail::read_content(doc, findings);
    detail::check_structure(doc, content, findings);
    detail::check_fonts(doc, content, findings);
    report.findings = findings.take();
    report.findings_not_listed = findings.not_listed();
    // Reading order of the report: by page, then in the order found.
    std::stable_sort(report.findings.begin(), report.findings.end(),
                     [](const Finding& a, const Finding& b) { return a.page < b.page; });
    return report;
}

template <typename Open>
Report open_and_check(const std::string& description, Open open) {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    try {
        open(pdf);
        return run_checks(pdf);
    } catch (const QPDFExc& e) {
        throw Unreadable(description + ": qpdf cannot read it: " + e.getMessageDetail());
    } catch (const std::runtime_error& e) {
        throw Unreadable(description + ": qpdf cannot read it: " + e.what());
    }
}

}  // namespace

Report check_file(const std::string& path) {
    // Read whole: qpdf reading a file seeks before each object it parses (a system call each).
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Unreadable(path + ": cannot be opened: " + std::strerror(errno));
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw Unreadable(path + ": cannot be read: " + std::strerror(errno));
    return check_bytes(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), path);
}

Report check_bytes(const unsigned char* data, std::size_t size, const std::string& description) {
    return open_and_check(description, [&](QPDF& pdf) {
        pdf.processMemoryFile(description.c_str(), reinterpret_cast<const char*>(data), size);
    });
}

}  // namespace ep::pdfcheck
