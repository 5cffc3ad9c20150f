// Tagged PDF (PDF/UA-1 style): marked content in the page content streams, and the logical
// structure tree the layout built, written as a StructTreeRoot with its ParentTree.
//
// libharu 2.3.0 has no API for any of this. We build on its object layer, which it installs
// as public headers (hpdf_objects.h, hpdf_pages.h, hpdf_doc.h): dictionaries, arrays and
// indirect objects for the tree, and the page's content stream (HPDF_PageAttr::stream) for the
// BDC/EMC operators. docs/pdf.md lists every internal relied on.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <hpdf.h>

#include "pdf/layout.h"

namespace ep::pdf {

class Tagger {
public:
    Tagger(const Layout& layout, size_t page_count);

    // Opens a marked-content sequence that is content of structure element `node`:
    // "/P <</MCID 3>> BDC". Every sequence gets its own MCID on its page.
    void begin_content(HPDF_Page page, int page_index, int node);
    // Opens an artifact: "/Artifact <</Type /Pagination /Subtype /Header>> BDC".
    void begin_artifact(HPDF_Page page, Artifact kind);
    // Closes either: "EMC".
    void end(HPDF_Page page);

    // The Link element for link area `link` of `box`, created under the box's element the first
    // time; areas next to each other with the same target (a link wrapped over two lines) share
    // one element. `text` (UTF-8) is added to the link's description.
    int link_node(const Box& box, int link, const std::string& text = {});

    // A new Span element in box's element, with /Lang `lang`: text in another language.
    int span_node(const Box& box, const std::string& lang);
    // Gives element `node` (a Link) the /Lang of its text, if it has none yet.
    void set_lang(int node, const std::string& lang) {
        if (nodes_[static_cast<size_t>(node)].lang.empty()) nodes_[static_cast<size_t>(node)].lang = lang;
    }

    // Ties a link annotation drawn for `node` on page `page_index` into the structure:
    // /StructParent on the annotation, an OBJR in the Link element, and /Contents (the
    // alternate description PDF/UA asks of links).
    void add_annotation(HPDF_Annotation annot, int page_index, int node, const std::string& target);

    // Writes the structure tree (StructTreeRoot, ParentTree, IDTree), each page's
    // /StructParents and /Tabs, and the catalog's /StructTreeRoot and /MarkInfo.
    void finish(HPDF_Doc pdf, const std::vector<HPDF_Page>& pages);

    const std::vector<StructNode>& nodes() const { return nodes_; }
    int written() const { return written_; }   // elements written by finish()

private:
    void attach_notes();

    std::vector<StructNode> nodes_;
    std::vector<std::vector<int>> mcid_owner_;           // per page: MCID -> element
    std::map<std::pair<const Box*, int>, int> links_;    // (box, link area) -> Link element
    std::map<int, std::string> link_text_;               // Link element -> its text (UTF-8)
    std::map<std::string, int> first_link_to_;           // target -> first Link element
    struct Annot {
        HPDF_Annotation annot;
        int page;
        int node;
    };
    std::vector<Annot> annots_;
    int written_ = 0;
};

// A PDF text string holding any Unicode text: UTF-16BE with a byte order mark.
HPDF_Binary pdf_text_string(HPDF_MMgr mmgr, const std::string& utf8);

// The page's content stream, where libharu writes the page's operators.
HPDF_Stream page_content_stream(HPDF_Page page);

}  // namespace ep::pdf
