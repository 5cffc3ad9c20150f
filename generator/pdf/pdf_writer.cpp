#include "pdf/pdf_writer.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <fstream>

#include "core/diagnostics.h"
#include "core/text.h"
#include "pdf/fonts.h"
#include "pdf/hpdf_doc.h"
#include "pdf/layout.h"
#include "pdf/page_writer.h"

namespace ep::pdf {

bool uses_code_font(const model::Document& doc) {
    bool found = false;
    auto runs = [&](const model::Runs& rs) {
        for (const auto& r : rs) found = found || r.code;
    };
    std::function<void(const model::Blocks&)> blocks = [&](const model::Blocks& bs) {
        for (const auto& b : bs) {
            runs(b.runs);
            for (const auto& item : b.items) blocks(item.blocks);
            blocks(b.children);
            if (b.table) {
                for (const auto& row : b.table->head)
                    for (const auto& c : row) runs(c.runs);
                for (const auto& row : b.table->body)
                    for (const auto& c : row) runs(c.runs);
                runs(b.table->source);
            }
            if (b.figure) runs(b.figure->source);
        }
    };
    for (const auto& s : doc.sections) blocks(s.blocks);
    for (const auto& f : doc.footnotes) runs(f.runs);
    return found;
}

namespace {

HPDF_Date pdf_date(long long timestamp) {
    const std::time_t t = static_cast<std::time_t>(timestamp);
    std::tm tm{};
    gmtime_r(&t, &tm);
    HPDF_Date d{};
    d.year = tm.tm_year + 1900;
    d.month = tm.tm_mon + 1;
    d.day = tm.tm_mday;
    d.hour = tm.tm_hour;
    d.minutes = tm.tm_min;
    d.seconds = tm.tm_sec;
    d.ind = 'Z';
    return d;
}

void set_metadata(HPDF_Doc pdf, const model::Metadata& m, long long timestamp) {
    // Info strings go through the CP1252 encoder, which libharu writes as UTF-16 text strings.
    HPDF_SetCurrentEncoder(pdf, "CP1252");
    auto set = [&](HPDF_InfoType type, const std::string& utf8) {
        if (!utf8.empty()) HPDF_SetInfoAttr(pdf, type, utf8_to_cp1252(utf8).c_str());
    };
    set(HPDF_INFO_TITLE, m.title);
    set(HPDF_INFO_AUTHOR, m.author);
    set(HPDF_INFO_SUBJECT, m.subject.empty() ? m.subtitle : m.subject);
    set(HPDF_INFO_KEYWORDS, m.keywords);
    set(HPDF_INFO_CREATOR, "evidencepack");
    set(HPDF_INFO_PRODUCER, std::string("evidencepack ") + EP_VERSION + " (libharu)");
    const HPDF_Date date = pdf_date(timestamp);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
}

// /Lang in the catalog lets screen readers pick the right voice. libharu has no call for it,
// so it is added through libharu's exported object API (hpdf.h exposes the Doc struct).
void set_language(HPDF_Doc pdf, const std::string& lang) {
    std::string clean;
    for (char c : lang)
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') clean += c;
    if (clean.empty()) return;
    HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, clean.c_str(), nullptr));
}

// Writes beside the target and renames, so `path` is either the old file or the complete
// new one, never a partial PDF.
void write_file_atomically(const std::string& path, const std::vector<unsigned char>& bytes) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw Error({path, 0, 0}, std::string("cannot write PDF: ") + std::strerror(errno));
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) {
            std::error_code ignored;
            std::filesystem::remove(tmp, ignored);
            throw Error({path, 0, 0}, "cannot write PDF: disk full or write error");
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        throw Error({path, 0, 0}, "cannot write PDF: " + ec.message());
    }
}

}  // namespace

PdfStats write_pdf(const model::Document& doc, const PdfOptions& options, const std::string& path) {
    HpdfDoc pdf;
    HPDF_SetCompressionMode(pdf.get(), HPDF_COMP_ALL);
    HPDF_SetPageMode(pdf.get(), HPDF_PAGE_MODE_USE_OUTLINE);
    pdf.check("setting up the document");

    const FontSet fonts = FontSet::load(pdf.get(), options.font_dir, uses_code_font(doc));
    pdf.check("loading fonts");

    const Layout layout = lay_out_document(doc, fonts);
    paint_layout(pdf.get(), layout, fonts);
    pdf.check("drawing the pages");

    set_metadata(pdf.get(), doc.meta, options.timestamp);
    set_language(pdf.get(), doc.meta.language);
    pdf.check("setting the document information");

    write_file_atomically(path, pdf.save_to_memory());
    return PdfStats{static_cast<int>(layout.pages.size())};
}

}  // namespace ep::pdf
