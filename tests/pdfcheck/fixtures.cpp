// Known-bad PDFs for the PDF/UA check: takes a good PDF and breaks one condition, with qpdf's
// library; or writes a small tagged PDF from scratch, in a composite (Type 0) font, the kind
// issue 17 brings in, or in a simple TrueType font (so the simple-font checks have a base
// whatever fonts the writer uses). Also runs the build's verdict on a file (claim, no claim,
// refuse).
//
// Usage: pdfcheck_fixtures cid FONT.ttf OUT.pdf      a tagged one-page PDF in a Type 0 font
//        pdfcheck_fixtures truetype FONT.ttf OUT.pdf the same in a simple TrueType font
//        pdfcheck_fixtures break IN.pdf OUT.pdf FAULT
//        pdfcheck_fixtures vet IN.pdf                "claim", "no claim", or the build's error
//        pdfcheck_fixtures faults                     the faults, one a line
//        pdfcheck_fixtures conditions                 the conditions checked: "28-011|7.18.5"
//        pdfcheck_fixtures known                      the known failures a build lets through: "31-022|/.notdef"
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <qpdf/QUtil.hh>

#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "pdfcheck/font_program.h"
#include "pipeline/known_pdf_failures.h"
#include "pipeline/pdf_conformance.h"

using ep::pdfcheck::detail::TrueTypeProgram;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string hex4(unsigned v) {
    static const char* d = "0123456789ABCDEF";
    std::string s;
    for (int i = 3; i >= 0; --i) s += d[(v >> (4 * i)) & 0xF];
    return s;
}

// ---- the composite-font fixture ------------------------------------------------------------

// What it shows, and how: the text's glyph ids (Identity-H, CID = GID) and their Unicode.
struct Shown {
    std::vector<unsigned> gids;
    std::map<unsigned, unsigned> unicode;   // gid -> code point
};

Shown shown(const TrueTypeProgram& ttf, const std::string& text) {
    Shown s;
    for (unsigned char c : text) {
        const unsigned gid = ttf.glyph(3, 1, c);
        s.gids.push_back(gid);
        s.unicode[gid] = c;
    }
    return s;
}

std::string hex_text(const Shown& s) {
    std::string out = "<";
    for (unsigned g : s.gids) out += hex4(g);
    return out + ">";
}

std::string to_unicode_cmap(const std::map<unsigned, unsigned>& map) {
    std::string c =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering "
        "(UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> "
        "<FFFF>\nendcodespacerange\n";
    c += std::to_string(map.size()) + " beginbfchar\n";
    for (const auto& [gid, u] : map) c.append("<").append(hex4(gid)).append("> <").append(hex4(u)).append(">\n");
    return c + "endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
}

constexpr const char* kXmp =
    "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
    "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
    " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
    "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Composite font fixture</rdf:li></rdf:Alt></dc:title>\n"
    "<pdfuaid:part>1</pdfuaid:part>\n"
    "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";

void write_pdf_file(QPDF& pdf, const std::string& out) {
    QPDFWriter w(pdf, out.c_str());
    w.setStaticID(true);
    w.write();
}

// A one-page tagged PDF (H1 and P, a rule as an artifact) showing `title` and `body` (already
// encoded for `font`, as /F1), with everything PDF/UA-1 asks of the document around it.
void write_tagged_page(QPDF& pdf, QPDFObjectHandle font, const std::string& title, const std::string& body,
                       const std::string& out) {
    const std::string content = "/H1 <</MCID 0>> BDC BT /F1 24 Tf 72 720 Td " + title +
                                " Tj ET EMC\n/P <</MCID 1>> BDC BT /F1 11 Tf 72 690 Td " + body +
                                " Tj ET EMC\n/Artifact <</Type /Layout>> BDC 72 680 m 300 680 l S EMC\n";
    QPDFObjectHandle page = pdf.makeIndirectObject(
        QPDFObjectHandle::parse("<< /Type /Page /MediaBox [0 0 595 842] /StructParents 0 >>"));
    page.replaceKey("/Contents", pdf.newStream(content));
    page.replaceKey("/Resources", QPDFObjectHandle::parse("<< >>"));
    page.getKey("/Resources").replaceKey("/Font", QPDFObjectHandle::newDictionary({{"/F1", font}}));
    QPDFPageDocumentHelper(pdf).addPage(QPDFPageObjectHelper(page), false);
    page = QPDFPageDocumentHelper(pdf).getAllPages().front().getObjectHandle();

    QPDFObjectHandle root = pdf.makeIndirectObject(QPDFObjectHandle::parse("<< /Type /StructTreeRoot /ParentTreeNextKey 1 >>"));
    QPDFObjectHandle doc = pdf.makeIndirectObject(QPDFObjectHandle::parse("<< /Type /StructElem /S /Document >>"));
    QPDFObjectHandle h1 = pdf.makeIndirectObject(QPDFObjectHandle::parse("<< /Type /StructElem /S /H1 /K 0 >>"));
    QPDFObjectHandle p = pdf.makeIndirectObject(QPDFObjectHandle::parse("<< /Type /StructElem /S /P /K 1 >>"));
    doc.replaceKey("/P", root);
    doc.replaceKey("/K", QPDFObjectHandle::newArray({h1, p}));
    for (auto e : {h1, p}) {
        e.replaceKey("/P", doc);
        e.replaceKey("/Pg", page);
    }
    root.replaceKey("/K", doc);
    root.replaceKey("/ParentTree", QPDFObjectHandle::newDictionary(
                                       {{"/Nums", QPDFObjectHandle::newArray({QPDFObjectHandle::newInteger(0),
                                                                              QPDFObjectHandle::newArray({h1, p})})}}));
    QPDFObjectHandle catalog = pdf.getRoot();
    catalog.replaceKey("/StructTreeRoot", root);
    catalog.replaceKey("/MarkInfo", QPDFObjectHandle::parse("<< /Marked true >>"));
    catalog.replaceKey("/Lang", QPDFObjectHandle::newString("en-GB"));
    catalog.replaceKey("/ViewerPreferences", QPDFObjectHandle::parse("<< /DisplayDocTitle true >>"));
    QPDFObjectHandle meta = pdf.newStream(kXmp);
    meta.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
    meta.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
    catalog.replaceKey("/Metadata", meta);
    pdf.getTrailer().replaceKey("/Info", pdf.makeIndirectObject(QPDFObjectHandle::parse("<< /Title (Font fixture) >>")));
    write_pdf_file(pdf, out);
}

// The font program, embedded whole, and the descriptor pointing to it (`flags`: 4 symbolic,
// 32 non-symbolic).
QPDFObjectHandle font_descriptor(QPDF& pdf, const std::string& font, const std::string& name, int flags) {
    QPDFObjectHandle file = pdf.newStream(font);
    file.getDict().replaceKey("/Length1", QPDFObjectHandle::newInteger(static_cast<long long>(font.size())));
    QPDFObjectHandle descriptor = pdf.makeIndirectObject(QPDFObjectHandle::parse(
        "<< /Type /FontDescriptor /FontName /" + name + " /Flags " + std::to_string(flags) +
        " /FontBBox [-544 -303 1302 980] /ItalicAngle 0 /Ascent 905 /Descent -212 /CapHeight 716 /StemV 80 >>"));
    descriptor.replaceKey("/FontFile2", file);
    return descriptor;
}

// In a Type 0 font (Identity-H, CIDFontType2, CID = glyph id, ToUnicode): the kind of font
// issue 17 brings in.
void make_cid_pdf(const std::string& font_path, const std::string& out) {
    const std::string font = read_file(font_path);
    auto ttf = TrueTypeProgram::read(font);
    if (!ttf) throw std::runtime_error(font_path + " is not a TrueType font");
    const Shown title = shown(*ttf, "Composite fonts"), body = shown(*ttf, "Every glyph maps to Unicode.");
    std::map<unsigned, unsigned> used = title.unicode;
    used.insert(body.unicode.begin(), body.unicode.end());

    QPDF pdf;
    pdf.emptyPDF();
    QPDFObjectHandle descriptor = font_descriptor(pdf, font, "AAAAAA+LiberationSans", 4);
    std::string widths = "[";
    for (const auto& [gid, u] : used)
        widths.append(" ").append(std::to_string(gid)).append(" [")
            .append(std::to_string(*ttf->advance(gid) * 1000 / ttf->units_per_em())).append("]");
    QPDFObjectHandle cid_font = pdf.makeIndirectObject(QPDFObjectHandle::parse(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+LiberationSans /CIDSystemInfo << /Registry (Adobe) "
        "/Ordering (Identity) /Supplement 0 >> /CIDToGIDMap /Identity /DW 1000 /W " + widths + " ] >>"));
    cid_font.replaceKey("/FontDescriptor", descriptor);
    QPDFObjectHandle type0 = pdf.makeIndirectObject(QPDFObjectHandle::parse(
        "<< /Type /Font /Subtype /Type0 /BaseFont /AAAAAA+LiberationSans /Encoding /Identity-H >>"));
    type0.replaceKey("/DescendantFonts", QPDFObjectHandle::newArray({cid_font}));
    type0.replaceKey("/ToUnicode", pdf.newStream(to_unicode_cmap(used)));
    write_tagged_page(pdf, type0, hex_text(title), hex_text(body), out);
}

// In a simple, non-symbolic TrueType font with WinAnsiEncoding (what PDF/UA-1 7.21.6 asks of
// one), for the checks of simple fonts, whatever fonts the writer uses.
void make_truetype_pdf(const std::string& font_path, const std::string& out) {
    const std::string font = read_file(font_path);
    auto ttf = TrueTypeProgram::read(font);
    if (!ttf) throw std::runtime_error(font_path + " is not a TrueType font");
    QPDF pdf;
    pdf.emptyPDF();
    std::string widths = "[";
    for (int code = 32; code < 256; ++code) {
        const std::string utf8 = QUtil::win_ansi_to_utf8(std::string(1, static_cast<char>(code)));
        unsigned u = static_cast<unsigned char>(utf8[0]);   // the first code point of the UTF-8
        if (u >= 0xC0) {
            const int len = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : 2;
            u &= 0x7F >> len;
            for (int k = 1; k < len; ++k) u = (u << 6) | (static_cast<unsigned char>(utf8[static_cast<size_t>(k)]) & 0x3F);
        }
        widths.append(" ").append(std::to_string(*ttf->advance(ttf->glyph(3, 1, u)) * 1000 / ttf->units_per_em()));
    }
    QPDFObjectHandle simple = pdf.makeIndirectObject(QPDFObjectHandle::parse(
        "<< /Type /Font /Subtype /TrueType /BaseFont /AAAAAB+LiberationSans /FirstChar 32 /LastChar 255 /Widths " +
        widths + " ] /Encoding /WinAnsiEncoding >>"));
    simple.replaceKey("/FontDescriptor", font_descriptor(pdf, font, "AAAAAB+LiberationSans", 32));
    write_tagged_page(pdf, simple, "(Simple TrueType fonts)", "(Every code finds its glyph.)", out);
}

// ---- breaking a good PDF -------------------------------------------------------------------

std::string slash(const std::string& name) { return std::string(1, '/').append(name); }

class Breaker {
public:
    explicit Breaker(const std::string& in) { pdf_.processFile(in.c_str()); }

    QPDF& pdf() { return pdf_; }
    QPDFObjectHandle catalog() { return pdf_.getRoot(); }
    QPDFObjectHandle page(size_t i) { return QPDFPageDocumentHelper(pdf_).getAllPages().at(i).getObjectHandle(); }

    // The n-th structure element (from 0, in object order) of type `type`.
    QPDFObjectHandle element(const std::string& type, size_t n = 0) {
        for (auto o : pdf_.getAllObjects())
            if (o.isDictionary() && o.getKey("/S").isName() && o.getKey("/S").getName() == slash(type) &&
                o.hasKey("/P") && n-- == 0)
                return o;
        throw std::runtime_error("no " + type + " element");
    }

    // The n-th annotation of subtype `subtype` on page `p`.
    QPDFObjectHandle annotation(size_t p, const std::string& subtype, size_t n = 0) {
        for (auto a : page(p).getKey("/Annots").aitems())
            if (a.getKey("/Subtype").getName() == slash(subtype) && n-- == 0) return a;
        throw std::runtime_error("no " + subtype + " annotation");
    }

    void add_annotation(size_t p, const std::string& dict) {
        QPDFObjectHandle pg = page(p);
        if (!pg.getKey("/Annots").isArray()) pg.replaceKey("/Annots", QPDFObjectHandle::newArray());
        pg.getKey("/Annots").appendItem(pdf_.makeIndirectObject(QPDFObjectHandle::parse(&pdf_, dict)));
    }

    std::string content(size_t p) {
        QPDFObjectHandle c = page(p).getKey("/Contents");
        std::string data;
        for (auto part : c.isArray() ? c.getArrayAsVector() : std::vector<QPDFObjectHandle>{c}) {
            auto buf = part.getStreamData(qpdf_dl_generalized);
            data.append(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
            data += "\n";
        }
        return data;
    }
    void set_content(size_t p, const std::string& data) { page(p).replaceKey("/Contents", pdf_.newStream(data)); }

    // Inserts `text` after the first match of `pattern` in page p's content.
    void insert_after(size_t p, const std::string& pattern, const std::string& text) {
        std::string data = content(p);
        std::smatch m;
        if (!std::regex_search(data, m, std::regex(pattern))) throw std::runtime_error("no '" + pattern + "' on the page");
        data.insert(static_cast<size_t>(m.position(0) + m.length(0)), text);
        set_content(p, data);
    }

    // The font dictionary page p calls `resource`.
    QPDFObjectHandle font(size_t p, const std::string& resource) {
        return page(p).getKey("/Resources").getKey("/Font").getKey(resource);
    }
    // The truetype fixture's simple font, and its encoding replaced by `dict`.
    QPDFObjectHandle simple() { return font(0, "/F1"); }
    void set_encoding(const std::string& dict) { simple().replaceKey("/Encoding", QPDFObjectHandle::parse(dict)); }

    QPDFObjectHandle xmp() { return catalog().getKey("/Metadata"); }
    void set_xmp(const std::string& text) { xmp().replaceStreamData(text, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull()); }
    std::string xmp_text() {
        auto buf = xmp().getStreamData(qpdf_dl_generalized);
        return std::string(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
    }

    // The page-0 Type 0 font of the composite fixture, and its parts.
    QPDFObjectHandle type0() { return font(0, "/F1"); }
    QPDFObjectHandle cid_font() { return type0().getKey("/DescendantFonts").getArrayItem(0); }
    std::string font_program(QPDFObjectHandle descriptor) {
        auto buf = descriptor.getKey("/FontFile2").getStreamData(qpdf_dl_generalized);
        return std::string(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
    }
    void set_font_program(QPDFObjectHandle descriptor, const std::string& bytes) {
        descriptor.getKey("/FontFile2").replaceStreamData(bytes, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
    }

    void write(const std::string& out) { write_pdf_file(pdf_, out); }

private:
    QPDF pdf_;
};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
    return s;
}

// A TrueType program with its cmap encoding records rewritten: each (platform, encoding) found
// in `change` becomes its value; or the 'cmap' table renamed away.
std::string edit_cmaps(std::string font, const std::map<std::pair<int, int>, std::pair<int, int>>& change, bool remove = false) {
    auto u16 = [&](size_t at) { return (static_cast<unsigned char>(font[at]) << 8) | static_cast<unsigned char>(font[at + 1]); };
    auto put16 = [&](size_t at, int v) {
        font[at] = static_cast<char>((v >> 8) & 0xFF);
        font[at + 1] = static_cast<char>(v & 0xFF);
    };
    const int tables = u16(4);
    for (int i = 0; i < tables; ++i) {
        const size_t rec = 12 + 16 * static_cast<size_t>(i);
        if (font.compare(rec, 4, "cmap") != 0) continue;
        if (remove) {
            font.replace(rec, 4, "xmap");
            return font;
        }
        const size_t base = (static_cast<size_t>(u16(rec + 8)) << 16) | static_cast<size_t>(u16(rec + 10));
        const int n = u16(base + 2);
        for (int k = 0; k < n; ++k) {
            const size_t r = base + 4 + 8 * static_cast<size_t>(k);
            auto it = change.find({u16(r), u16(r + 2)});
            if (it == change.end()) continue;
            put16(r, it->second.first);
            put16(r + 2, it->second.second);
        }
    }
    return font;
}

// A TrueType program in which glyph `gid` is empty: its loca entry ends where it begins (the
// glyph after it takes its data, which no text shows).
std::string empty_glyph(std::string font, unsigned gid) {
    auto u16 = [&](size_t at) { return (static_cast<unsigned char>(font[at]) << 8) | static_cast<unsigned char>(font[at + 1]); };
    auto u32 = [&](size_t at) { return (static_cast<size_t>(u16(at)) << 16) | static_cast<size_t>(u16(at + 2)); };
    size_t head = 0, loca = 0;
    for (int i = 0; i < u16(4); ++i) {
        const size_t rec = 12 + 16 * static_cast<size_t>(i);
        if (font.compare(rec, 4, "head") == 0) head = u32(rec + 8);
        if (font.compare(rec, 4, "loca") == 0) loca = u32(rec + 8);
    }
    const bool long_loca = u16(head + 50) == 1;
    const size_t entry = long_loca ? 4 : 2, at = loca + entry * gid;
    font.replace(at + entry, entry, font.substr(at, entry));   // offset[gid + 1] = offset[gid]
    return font;
}

std::string embedded_cmap(const std::string& stream_extra) {
    return "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" + stream_extra +
           "/CMapName /Fixture-H def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 begincidrange\n<0000> "
           "<FFFF> 0\nendcidrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
}

void use_embedded_cmap(Breaker& b, const std::string& dict, const std::string& stream_extra) {
    QPDFObjectHandle cmap = b.pdf().newStream(embedded_cmap(stream_extra));
    for (auto [k, v] : QPDFObjectHandle::parse(dict).ditems()) cmap.getDict().replaceKey(k, v);
    b.type0().replaceKey("/Encoding", cmap);
}

// CIDSet bits (MSB first) for the CIDs in `cids`.
std::string cid_set(const std::vector<unsigned>& cids) {
    std::string bits;
    for (unsigned c : cids) {
        if (bits.size() <= c / 8) bits.resize(c / 8 + 1, '\0');
        bits[c / 8] = static_cast<char>(static_cast<unsigned char>(bits[c / 8]) | (0x80 >> (c % 8)));
    }
    return bits;
}

// The composite fixture's ToUnicode with its first mapping's value replaced by `hex`.
void map_first_code_to(Breaker& b, const std::string& hex) {
    QPDFObjectHandle tu = b.type0().getKey("/ToUnicode");
    auto buf = tu.getStreamData(qpdf_dl_generalized);
    std::string cmap(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
    cmap.replace(cmap.find("> <", cmap.find("beginbfchar")) + 3, 4, hex);
    tu.replaceStreamData(cmap, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
}

using Fault = std::function<void(Breaker&)>;

const std::map<std::string, Fault>& faults() {
    static const std::map<std::string, Fault> all = {
        // ---- 01: content (the first page of any base; for the pack, page 2 is the contents, with links) ----
        {"untagged-path", [](Breaker& b) { b.set_content(0, "0 0 1 1 re f\n" + b.content(0)); }},
        {"artifact-in-tagged", [](Breaker& b) { b.insert_after(1, "<</MCID [0-9]+>> BDC\\s", "/Artifact BMC 0 0 1 1 re f EMC\n"); }},
        {"tagged-in-artifact", [](Breaker& b) { b.insert_after(1, "/Artifact <<[^>]*>> BDC\\s", "/Span <</MCID 9999>> BDC EMC\n"); }},
        {"suspects", [](Breaker& b) { b.catalog().getKey("/MarkInfo").replaceKey("/Suspects", QPDFObjectHandle::newBool(true)); }},
        {"not-marked", [](Breaker& b) { b.catalog().getKey("/MarkInfo").replaceKey("/Marked", QPDFObjectHandle::newBool(false)); }},
        {"no-structure-tree", [](Breaker& b) { b.catalog().removeKey("/StructTreeRoot"); }},
        {"mcid-not-in-tree", [](Breaker& b) {
             // The first heading loses its content: its MCID is then tagged but held by nothing.
             b.element("H1").removeKey("/K");
         }},
        {"parent-tree-wrong", [](Breaker& b) {
             QPDFObjectHandle nums = b.catalog().getKey("/StructTreeRoot").getKey("/ParentTree").getKey("/Nums");
             QPDFObjectHandle first = nums.getArrayItem(1);
             QPDFObjectHandle a = first.getArrayItem(0), c = first.getArrayItem(1);
             first.setArrayItem(0, c);
             first.setArrayItem(1, a);
         }},
        // ---- 02: role map ----
        {"non-standard-type", [](Breaker& b) { b.element("P").replaceKey("/S", QPDFObjectHandle::newName("/Paragraph")); }},
        {"circular-role-map", [](Breaker& b) {
             b.catalog().getKey("/StructTreeRoot").replaceKey("/RoleMap", QPDFObjectHandle::parse("<< /Para /Graph /Graph /Para >>"));
             b.element("P").replaceKey("/S", QPDFObjectHandle::newName("/Para"));
         }},
        {"standard-type-remapped", [](Breaker& b) {
             b.catalog().getKey("/StructTreeRoot").replaceKey("/RoleMap", QPDFObjectHandle::parse("<< /P /Span >>"));
         }},
        // ---- 06, 07: metadata ----
        {"no-metadata", [](Breaker& b) { b.catalog().removeKey("/Metadata"); }},
        {"no-pdfuaid", [](Breaker& b) { b.set_xmp(replace_all(b.xmp_text(), "<pdfuaid:part>1</pdfuaid:part>", "")); }},
        {"pdfuaid-part-2", [](Breaker& b) { b.set_xmp(replace_all(b.xmp_text(), "<pdfuaid:part>1<", "<pdfuaid:part>2<")); }},
        {"no-dc-title", [](Breaker& b) {
             std::string x = b.xmp_text();
             const size_t from = x.find("<dc:title>"), to = x.find("</dc:title>");
             b.set_xmp(x.erase(from, to + 11 - from));
         }},
        {"no-display-doc-title", [](Breaker& b) { b.catalog().getKey("/ViewerPreferences").removeKey("/DisplayDocTitle"); }},
        {"display-doc-title-false", [](Breaker& b) {
             b.catalog().getKey("/ViewerPreferences").replaceKey("/DisplayDocTitle", QPDFObjectHandle::newBool(false));
         }},
        // ---- 09: tables, lists, contents ----
        {"row-not-tr", [](Breaker& b) { b.element("TR").replaceKey("/S", QPDFObjectHandle::newName("/Div")); }},
        {"irregular-table", [](Breaker& b) {
             QPDFObjectHandle td = b.element("TD");
             td.replaceKey("/A", QPDFObjectHandle::parse("<< /O /Table /ColSpan 2 >>"));
         }},
        {"list-item-body", [](Breaker& b) { b.element("LBody").replaceKey("/S", QPDFObjectHandle::newName("/P")); }},
        {"toc-item", [](Breaker& b) { b.element("TOCI").replaceKey("/S", QPDFObjectHandle::newName("/P")); }},
        // ---- 11: language ----
        {"no-lang", [](Breaker& b) { b.catalog().removeKey("/Lang"); }},
        {"bad-lang", [](Breaker& b) { b.catalog().replaceKey("/Lang", QPDFObjectHandle::newString("english!")); }},
        // ---- 13, 14, 15, 19 ----
        {"figure-no-alt", [](Breaker& b) { b.element("Figure").removeKey("/Alt"); }},
        {"formula-no-alt", [](Breaker& b) {
             QPDFObjectHandle f = b.element("Figure");
             f.replaceKey("/S", QPDFObjectHandle::newName("/Formula"));
             f.removeKey("/Alt");
         }},
        {"first-heading-h2", [](Breaker& b) { b.element("H1").replaceKey("/S", QPDFObjectHandle::newName("/H2")); }},
        {"heading-skipped", [](Breaker& b) { b.element("H3").replaceKey("/S", QPDFObjectHandle::newName("/H5")); }},
        {"two-h", [](Breaker& b) {
             // The first element holding two H2s: they become H.
             for (size_t i = 0;; ++i) {
                 QPDFObjectHandle parent = b.element("H2", i).getKey("/P");
                 std::vector<QPDFObjectHandle> h2;
                 for (auto k : parent.getKey("/K").aitems())
                     if (k.isDictionary() && k.getKey("/S").isName() && k.getKey("/S").getName() == "/H2") h2.push_back(k);
                 if (h2.size() < 2) continue;
                 for (size_t k = 0; k < 2; ++k) h2[k].replaceKey("/S", QPDFObjectHandle::newName("/H"));
                 return;
             }
         }},
        {"th-no-scope", [](Breaker& b) { b.element("TH").replaceKey("/A", QPDFObjectHandle::parse("<< /O /Table >>")); }},
        {"note-no-id", [](Breaker& b) { b.element("Note").removeKey("/ID"); }},
        {"note-id-twice", [](Breaker& b) { b.element("Note", 1).replaceKey("/ID", b.element("Note", 0).getKey("/ID")); }},
        // ---- 20, 21, 26 ----
        {"optional-content", [](Breaker& b) {
             b.catalog().replaceKey("/OCProperties", QPDFObjectHandle::parse("<< /OCGs [] /D << /AS [] >> /Configs [ << /Order [] >> ] >>"));
         }},
        {"embedded-file", [](Breaker& b) {
             QPDFObjectHandle ef = b.pdf().newStream(std::string("data"));
             QPDFObjectHandle spec = QPDFObjectHandle::parse("<< /Type /Filespec /F (data.txt) >>");
             spec.replaceKey("/EF", QPDFObjectHandle::newDictionary({{"/F", ef}}));
             QPDFObjectHandle names = QPDFObjectHandle::parse("<< /Names [ (data.txt) ] >>");
             names.getKey("/Names").appendItem(b.pdf().makeIndirectObject(spec));
             b.catalog().replaceKey("/Names", QPDFObjectHandle::newDictionary({{"/EmbeddedFiles", names}}));
         }},
        // ---- 28: annotations (page 2) ----
        {"square-annotation", [](Breaker& b) { b.add_annotation(1, "<< /Type /Annot /Subtype /Square /Rect [0 0 10 10] >>"); }},
        {"unknown-annotation", [](Breaker& b) {
             b.add_annotation(1, "<< /Type /Annot /Subtype /Scribble /Rect [0 0 10 10] /Contents (x) /F 2 >>");
         }},
        {"trapnet-annotation", [](Breaker& b) {
             b.add_annotation(1, "<< /Type /Annot /Subtype /TrapNet /Rect [0 0 10 10] /Contents (x) /F 2 >>");
         }},
        {"no-tabs", [](Breaker& b) { b.page(1).removeKey("/Tabs"); }},
        {"tabs-row", [](Breaker& b) { b.page(1).replaceKey("/Tabs", QPDFObjectHandle::newName("/R")); }},
        {"widget", [](Breaker& b) { b.add_annotation(1, "<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /FT /Tx /T (f) >>"); }},
        {"link-no-struct-parent", [](Breaker& b) { b.annotation(1, "Link").removeKey("/StructParent"); }},
        {"link-held-by-p", [](Breaker& b) {
             QPDFObjectHandle link = b.annotation(1, "Link");
             const long long key = link.getKey("/StructParent").getIntValue();
             QPDFObjectHandle nums = b.catalog().getKey("/StructTreeRoot").getKey("/ParentTree").getKey("/Nums");
             for (int i = 0; i + 1 < nums.getArrayNItems(); i += 2)
                 if (nums.getArrayItem(i).getIntValue() == key) nums.setArrayItem(i + 1, b.element("P"));
         }},
        {"link-no-contents", [](Breaker& b) { b.annotation(1, "Link").removeKey("/Contents"); }},
        {"printer-mark", [](Breaker& b) {
             b.add_annotation(1, "<< /Type /Annot /Subtype /PrinterMark /Rect [0 0 10 10] /StructParent 99999 >>");
         }},
        // ---- 30: XObjects ----
        {"reference-xobject", [](Breaker& b) {
             QPDFObjectHandle form = b.pdf().newStream(std::string("0 0 1 1 re f"));
             for (auto [k, v] : QPDFObjectHandle::parse("<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Ref << /F (other.pdf) /Page 0 >> >>").ditems())
                 form.getDict().replaceKey(k, v);
             b.page(1).getKey("/Resources").replaceKey("/XObject", QPDFObjectHandle::newDictionary({{"/FmRef", form}}));
             b.set_content(1, b.content(1) + "/Artifact BMC /FmRef Do EMC\n");
         }},
        {"shared-form-with-mcids", [](Breaker& b) {
             QPDFObjectHandle form = b.pdf().newStream(std::string("/P <</MCID 0>> BDC 0 0 1 1 re f EMC"));
             for (auto [k, v] : QPDFObjectHandle::parse("<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] >>").ditems())
                 form.getDict().replaceKey(k, v);
             b.page(1).getKey("/Resources").replaceKey("/XObject", QPDFObjectHandle::newDictionary({{"/Fm1", form}}));
             b.set_content(1, b.content(1) + "/Fm1 Do /Fm1 Do\n");
         }},
        // ---- 31: the simple TrueType font of the truetype fixture ----
        {"font-not-embedded", [](Breaker& b) { b.simple().getKey("/FontDescriptor").removeKey("/FontFile2"); }},
        {"widths-differ", [](Breaker& b) {
             QPDFObjectHandle f = b.simple();
             QPDFObjectHandle w = f.getKey("/Widths");
             const int e = 'e' - static_cast<int>(f.getKey("/FirstChar").getIntValue());
             w.setArrayItem(e, QPDFObjectHandle::newInteger(w.getArrayItem(e).getIntValue() + 100));
         }},
        {"no-nonsymbolic-cmap", [](Breaker& b) {
             QPDFObjectHandle d = b.simple().getKey("/FontDescriptor");
             b.set_font_program(d, edit_cmaps(b.font_program(d), {{{3, 1}, {3, 10}}, {{1, 0}, {1, 1}}}));
             b.set_encoding("<< /BaseEncoding /WinAnsiEncoding /Differences [ 127 /bullet ] >>");
         }},
        {"glyph-not-in-cmap", [](Breaker& b) { b.set_encoding("<< /BaseEncoding /WinAnsiEncoding /Differences [ 101 /uni4E00 ] >>"); }},
        {"no-encoding", [](Breaker& b) { b.simple().removeKey("/Encoding"); }},
        {"no-base-encoding", [](Breaker& b) { b.set_encoding("<< /Differences [ 127 /bullet ] >>"); }},
        {"standard-encoding", [](Breaker& b) { b.simple().replaceKey("/Encoding", QPDFObjectHandle::newName("/StandardEncoding")); }},
        {"differences-not-agl", [](Breaker& b) { b.set_encoding("<< /BaseEncoding /WinAnsiEncoding /Differences [ 127 /Abogus ] >>"); }},
        // What libharu's CP1252 fonts did before the composite fonts (31-022).
        {"differences-notdef", [](Breaker& b) { b.set_encoding("<< /BaseEncoding /WinAnsiEncoding /Differences [ 127 /.notdef ] >>"); }},
        {"symbolic-with-encoding", [](Breaker& b) {
             b.simple().getKey("/FontDescriptor").replaceKey("/Flags", QPDFObjectHandle::newInteger(4));
         }},
        {"symbolic-without-cmap", [](Breaker& b) {
             QPDFObjectHandle f = b.simple();
             QPDFObjectHandle d = f.getKey("/FontDescriptor");
             d.replaceKey("/Flags", QPDFObjectHandle::newInteger(4));
             f.removeKey("/Encoding");
             b.set_font_program(d, edit_cmaps(b.font_program(d), {}, true));
         }},
        {"notdef-shown", [](Breaker& b) {
             b.set_encoding("<< /BaseEncoding /WinAnsiEncoding /Differences [ 127 /.notdef ] >>");
             b.insert_after(0, "<</MCID 1>> BDC\\s", "BT /F1 10 Tf 72 600 Td (\\177) Tj ET\n");
         }},
        {"glyph-left-out", [](Breaker& b) {
             // The program keeps glyph '!' empty, as a subset that left it out would.
             QPDFObjectHandle d = b.simple().getKey("/FontDescriptor");
             const std::string program = b.font_program(d);
             b.set_font_program(d, empty_glyph(program, TrueTypeProgram::read(program)->glyph(3, 1, '!')));
             b.insert_after(0, "<</MCID 1>> BDC\\s", "BT /F1 10 Tf 72 600 Td (!) Tj ET\n");
         }},
        // ---- 31 and 10-001: the composite-font fixture ----
        {"cid-no-to-unicode", [](Breaker& b) { b.type0().removeKey("/ToUnicode"); }},
        {"to-unicode-misses-code", [](Breaker& b) {
             QPDFObjectHandle tu = b.type0().getKey("/ToUnicode");
             auto buf = tu.getStreamData(qpdf_dl_generalized);
             std::string cmap(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
             // Drop the first mapping (and say there is one fewer).
             const size_t begin = cmap.find("beginbfchar\n") + 12, end = cmap.find('\n', begin) + 1;
             const size_t count_at = cmap.rfind('\n', cmap.find(" beginbfchar")) + 1;
             const int count = std::stoi(cmap.substr(count_at));
             cmap.erase(begin, end - begin);
             cmap.replace(count_at, std::to_string(count).size(), std::to_string(count - 1));
             tu.replaceStreamData(cmap, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
         }},
        {"to-unicode-zero", [](Breaker& b) { map_first_code_to(b, "0000"); }},
        {"to-unicode-bom", [](Breaker& b) { map_first_code_to(b, "FEFF"); }},
        {"cid-notdef", [](Breaker& b) { b.insert_after(0, "<</MCID 1>> BDC\\s", "BT /F1 11 Tf 72 600 Td <0000> Tj ET\n"); }},
        {"cid-glyph-missing", [](Breaker& b) { b.insert_after(0, "<</MCID 1>> BDC\\s", "BT /F1 11 Tf 72 600 Td <FFF0> Tj ET\n"); }},
        {"cid-widths-differ", [](Breaker& b) {
             QPDFObjectHandle w = b.cid_font().getKey("/W");
             QPDFObjectHandle first = w.getArrayItem(1);
             first.setArrayItem(0, QPDFObjectHandle::newInteger(first.getArrayItem(0).getIntValue() + 50));
         }},
        {"cid-to-gid-map-missing", [](Breaker& b) { b.cid_font().removeKey("/CIDToGIDMap"); }},
        {"cid-to-gid-map-invalid", [](Breaker& b) { b.cid_font().replaceKey("/CIDToGIDMap", QPDFObjectHandle::newName("/Straight")); }},
        {"cmap-not-embedded", [](Breaker& b) { b.type0().replaceKey("/Encoding", QPDFObjectHandle::newName("/Fixture-H")); }},
        {"cmap-system-info", [](Breaker& b) {
             use_embedded_cmap(b, "<< /Type /CMap /CMapName /Fixture-H /CIDSystemInfo << /Registry (Fixture) /Ordering (Own) /Supplement 0 >> >>", "");
             b.cid_font().replaceKey("/CIDSystemInfo", QPDFObjectHandle::parse("<< /Registry (Adobe) /Ordering (Identity) /Supplement 5 >>"));
         }},
        {"cmap-wmode", [](Breaker& b) {
             use_embedded_cmap(b, "<< /Type /CMap /CMapName /Fixture-H /WMode 1 /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
                               "/WMode 0 def\n");
         }},
        {"cmap-uses-other", [](Breaker& b) {
             use_embedded_cmap(b, "<< /Type /CMap /CMapName /Fixture-H /UseCMap /Custom-H /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>", "");
         }},
        {"cid-set-misses-glyph", [](Breaker& b) {
             // Only the CIDs shown: the program holds every glyph of the font.
             std::vector<unsigned> cids;
             for (auto item : b.cid_font().getKey("/W").aitems())
                 if (item.isInteger()) cids.push_back(static_cast<unsigned>(item.getIntValue()));
             b.cid_font().getKey("/FontDescriptor").replaceKey("/CIDSet", b.pdf().newStream(cid_set(cids)));
         }},
        {"cid-set-lists-absent-glyph", [](Breaker& b) {
             QPDFObjectHandle d = b.cid_font().getKey("/FontDescriptor");
             const unsigned n = TrueTypeProgram::read(b.font_program(d))->glyph_count();
             std::vector<unsigned> cids;
             for (unsigned c = 1; c < n + 8; ++c) cids.push_back(c);
             d.replaceKey("/CIDSet", b.pdf().newStream(cid_set(cids)));
         }},
    };
    return all;
}

// Written by QPDFWriter with an encryption that forbids accessibility (26-002).
void write_encrypted(const std::string& in, const std::string& out) {
    QPDF pdf;
    pdf.processFile(in.c_str());
    QPDFWriter w(pdf, out.c_str());
    w.setStaticID(true);
    w.setR3EncryptionParametersInsecure("", "owner", false, true, true, true, true, true, qpdf_r3p_full);
    w.write();
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.size() == 3 && args[0] == "cid") {
            make_cid_pdf(args[1], args[2]);
            return 0;
        }
        if (args.size() == 3 && args[0] == "truetype") {
            make_truetype_pdf(args[1], args[2]);
            return 0;
        }
        if (args.size() == 1 && args[0] == "known") {
            for (const auto& k : ep::pipeline::kKnownPdfFailures)
                std::cout << ep::pdfcheck::info(k.condition).matterhorn << "|" << k.detail << "\n";
            return 0;
        }
        if (args.size() == 4 && args[0] == "break") {
            if (args[3] == "encrypted") {
                write_encrypted(args[1], args[2]);
                return 0;
            }
            auto it = faults().find(args[3]);
            if (it == faults().end()) throw std::runtime_error("unknown fault " + args[3]);
            Breaker b(args[1]);
            it->second(b);
            b.write(args[2]);
            return 0;
        }
        if (args.size() == 1 && args[0] == "conditions") {
            for (const auto& c : ep::pdfcheck::conditions()) std::cout << c.matterhorn << "|" << c.clause << "\n";
            return 0;
        }
        if (args.size() == 1 && args[0] == "faults") {
            for (const auto& [name, fault] : faults()) std::cout << name << "\n";
            std::cout << "encrypted\n";
            return 0;
        }
        if (args.size() == 2 && args[0] == "vet") {
            const std::string bytes = read_file(args[1]);
            ep::pipeline::ConformanceTally tally;
            const bool claim = ep::pipeline::vet_pdf(std::vector<unsigned char>(bytes.begin(), bytes.end()), args[1], tally);
            std::cout << (claim ? "claim" : "no claim") << "\n" << tally.summary() << "\n";
            return 0;
        }
    } catch (const ep::Error& e) {
        std::cout << "refused\n" << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "pdfcheck_fixtures: " << e.what() << "\n";
        return 2;
    }
    std::cerr << "usage: pdfcheck_fixtures cid|truetype FONT OUT | break IN OUT FAULT | vet IN | faults | conditions | known\n";
    return 2;
}
