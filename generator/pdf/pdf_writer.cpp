#include "pdf/pdf_writer.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <fstream>
#include <string_view>

#include "core/diagnostics.h"
#include "core/text.h"
#include "pdf/fonts.h"
#include "pdf/hpdf_doc.h"
#include "pdf/layout.h"
#include "pdf/page_writer.h"
#include "pdf/pdf_streams.h"
#include "pdf/tagging.h"

namespace ep::pdf {

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
    // libharu creates the Info dictionary and its entry; the value is then replaced by a UTF-16
    // text string, as libharu has no Unicode setter (the title must equal dc:title in the XMP).
    auto set = [&](HPDF_InfoType type, const char* key, const std::string& utf8) {
        if (utf8.empty()) return;
        HPDF_SetInfoAttr(pdf, type, "");
        if (pdf->info) HPDF_Dict_Add(pdf->info, key, pdf_text_string(pdf->mmgr, utf8));
    };
    set(HPDF_INFO_TITLE, "Title", m.document_title());
    set(HPDF_INFO_AUTHOR, "Author", m.author);
    set(HPDF_INFO_SUBJECT, "Subject", m.subject.empty() ? m.subtitle : m.subject);
    set(HPDF_INFO_KEYWORDS, "Keywords", m.keywords);
    set(HPDF_INFO_CREATOR, "Creator", "evidencepack");
    set(HPDF_INFO_PRODUCER, "Producer", std::string("evidencepack ") + EP_VERSION + " (libharu)");
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

// The PDF/UA-1 identification in the XMP packet: the namespace and the property, each on a
// line of its own so withdraw_pdfua_claim can blank both.
constexpr std::string_view kPdfuaNamespace = "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"";
constexpr std::string_view kPdfuaPart = "   <pdfuaid:part>1</pdfuaid:part>\n";

std::string xmp_date(long long timestamp) {
    const std::time_t t = static_cast<std::time_t>(timestamp);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// The XMP metadata packet PDF/UA-1 asks for: the title (which viewers show, with
// /DisplayDocTitle), author, language, producer, dates, and the PDF/UA identification. It
// repeats the Info dictionary, in UTF-8 and uncompressed so tools can find it.
void set_xmp(HPDF_Doc pdf, const model::Metadata& m, long long timestamp) {
    const std::string date = xmp_date(timestamp);
    std::string x;
    x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
    x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
    x += " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
    x += "  <rdf:Description rdf:about=\"\"\n";
    x += "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n";
    x += "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n";
    x += "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n";
    x += std::string(kPdfuaNamespace) + ">\n";
    x += "   <dc:format>application/pdf</dc:format>\n";
    x += "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + html_escape(m.document_title()) + "</rdf:li></rdf:Alt></dc:title>\n";
    if (!m.author.empty())
        x += "   <dc:creator><rdf:Seq><rdf:li>" + html_escape(m.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
    const std::string subject = m.subject.empty() ? m.subtitle : m.subject;
    if (!subject.empty())
        x += "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + html_escape(subject) +
             "</rdf:li></rdf:Alt></dc:description>\n";
    if (!m.language.empty())
        x += "   <dc:language><rdf:Bag><rdf:li>" + html_escape(m.language) + "</rdf:li></rdf:Bag></dc:language>\n";
    if (!m.keywords.empty()) x += "   <pdf:Keywords>" + html_escape(m.keywords) + "</pdf:Keywords>\n";
    x += "   <pdf:Producer>" + html_escape(std::string("evidencepack ") + EP_VERSION + " (libharu)") + "</pdf:Producer>\n";
    x += "   <xmp:CreatorTool>evidencepack</xmp:CreatorTool>\n";
    x += "   <xmp:CreateDate>" + date + "</xmp:CreateDate>\n";
    x += "   <xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n";
    x += "   <xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n";
    x += kPdfuaPart;
    x += "  </rdf:Description>\n";
    x += " </rdf:RDF>\n";
    x += "</x:xmpmeta>\n";
    x += "<?xpacket end=\"w\"?>";
    HPDF_Dict meta = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!meta) return;   // the error handler has recorded why
    meta->filter = HPDF_STREAM_FILTER_NONE;
    HPDF_Dict_AddName(meta, "Type", "Metadata");
    HPDF_Dict_AddName(meta, "Subtype", "XML");
    HPDF_Stream_Write(meta->stream, reinterpret_cast<const HPDF_BYTE*>(x.data()), static_cast<HPDF_UINT>(x.size()));
    HPDF_Dict_Add(pdf->catalog, "Metadata", meta);
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

// Overwrites the first `text` found in `bytes` with spaces; false if it is not there.
bool blank_out(std::vector<unsigned char>& bytes, std::string_view text) {
    auto at = std::search(bytes.begin(), bytes.end(), text.begin(), text.end());
    if (at == bytes.end()) return false;
    std::fill(at, at + static_cast<long>(text.size()), ' ');
    return true;
}

}  // namespace

bool withdraw_pdfua_claim(std::vector<unsigned char>& pdf) {
    // What is left is whitespace inside rdf:Description's start tag (closed by the '>' after the
    // namespace) and between its elements: the packet stays well-formed XMP.
    return blank_out(pdf, kPdfuaPart) && blank_out(pdf, kPdfuaNamespace);
}

void read_fonts_ahead(const PdfOptions& options) { FontSet::read_ahead(options.fonts); }

PdfStats write_pdf(const model::Document& doc, const PdfOptions& options, const std::string& path,
                   const std::function<void(const PdfStats&)>& on_saved) {
    HpdfDoc pdf;
    HPDF_SetCompressionMode(pdf.get(), HPDF_COMP_ALL);
    HPDF_SetPageMode(pdf.get(), HPDF_PAGE_MODE_USE_OUTLINE);
    // Tagged PDF as PDF/UA-1 knows it is PDF 1.7 (ISO 32000-1); libharu has no setter.
    pdf.get()->pdf_version = HPDF_VER_17;
    pdf.check("setting up the document");

    const FontSet fonts = FontSet::load(options.fonts);

    const Layout layout = lay_out_document(doc, fonts, options.design);
    PdfStats stats;
    stats.pages = static_cast<int>(layout.pages.size());
    stats.structure_elements = paint_layout(pdf.get(), layout, fonts);
    pdf.check("drawing the pages");

    set_metadata(pdf.get(), doc.meta, options.timestamp);
    set_language(pdf.get(), doc.meta.language);
    set_xmp(pdf.get(), doc.meta, options.timestamp);
    pdf.check("setting the document information");

    const std::set<HPDF_Dict> font_programs = fonts.embed(pdf.get());
    pdf.check("writing the fonts");
    StreamOptions streams;
    streams.threads = options.threads;
    prepare_streams(pdf.get(), font_programs, streams);
    pdf.check("compressing the fonts and pages");
    std::vector<unsigned char> bytes = pdf.save_to_memory();
    // A file that may not claim PDF/UA-1 and still would (its XMP no longer as written here) is
    // never written.
    if (options.vet && !options.vet(bytes) && !withdraw_pdfua_claim(bytes))
        throw Error({path, 0, 0}, "the PDF/UA-1 identification could not be taken out of the XMP metadata");
    write_file_atomically(path, bytes);
    if (on_saved) on_saved(stats);
    return stats;
}

}  // namespace ep::pdf
