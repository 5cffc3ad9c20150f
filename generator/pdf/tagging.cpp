#include "pdf/tagging.h"

#include <algorithm>
#include <cstdio>

#include "core/text.h"

namespace ep::pdf {

namespace {

std::string trim_spaces(std::string s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    return s.substr(i);
}

const char* artifact_properties(Artifact kind) {
    switch (kind) {
        case Artifact::Layout: return "/Artifact <</Type /Layout>> BDC\012";
        case Artifact::Pagination: return "/Artifact <</Type /Pagination>> BDC\012";
        case Artifact::Header: return "/Artifact <</Type /Pagination /Subtype /Header>> BDC\012";
        case Artifact::Footer: return "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\012";
    }
    return "/Artifact BDC\012";
}

}  // namespace

HPDF_Binary pdf_text_string(HPDF_MMgr mmgr, const std::string& utf8) {
    std::vector<HPDF_BYTE> bytes = {0xFE, 0xFF};
    auto unit = [&](unsigned long u) {
        bytes.push_back(static_cast<HPDF_BYTE>(u >> 8));
        bytes.push_back(static_cast<HPDF_BYTE>(u & 0xFF));
    };
    // A PDF string holds at most 65,535 bytes (libharu refuses more): a longer text (the
    // bookmark of a heading of a whole word of 1 MB) is cut there and ends with "…".
    constexpr size_t most = 65534 - 4;
    for (size_t i = 0; i < utf8.size();) {
        char32_t cp = next_code_point(utf8, i);
        if (bytes.size() + 4 > most) {
            unit(0x2026);
            break;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            unit(0xD800 + (cp >> 10));
            unit(0xDC00 + (cp & 0x3FF));
        } else {
            unit(cp);
        }
    }
    return HPDF_Binary_New(mmgr, bytes.data(), static_cast<HPDF_UINT>(bytes.size()));
}

HPDF_Stream page_content_stream(HPDF_Page page) { return static_cast<HPDF_PageAttr>(page->attr)->stream; }

Tagger::Tagger(const Layout& layout, size_t page_count) : nodes_(layout.structure), mcid_owner_(page_count) {
    if (nodes_.empty()) nodes_.push_back(StructNode::of("Document"));
}

void Tagger::begin_content(HPDF_Page page, int page_index, int node) {
    auto& owners = mcid_owner_[static_cast<size_t>(page_index)];
    const int mcid = static_cast<int>(owners.size());
    owners.push_back(node);
    StructKid kid;
    kid.page = page_index;
    kid.mcid = mcid;
    nodes_[static_cast<size_t>(node)].kids.push_back(kid);
    const std::string op = "/" + nodes_[static_cast<size_t>(node)].type + " <</MCID " + std::to_string(mcid) + ">> BDC\012";
    HPDF_Stream_WriteStr(page_content_stream(page), op.c_str());
}

void Tagger::begin_artifact(HPDF_Page page, Artifact kind) {
    HPDF_Stream_WriteStr(page_content_stream(page), artifact_properties(kind));
}

void Tagger::end(HPDF_Page page) { HPDF_Stream_WriteStr(page_content_stream(page), "EMC\012"); }

int Tagger::link_node(const Box& box, int link, const std::string& text) {
    auto it = links_.find({&box, link});
    int node = -1;
    if (it != links_.end()) {
        node = it->second;
    } else {
        const auto& areas = box.links;
        const size_t j = static_cast<size_t>(link);
        auto prev = links_.find({&box, link - 1});
        if (link > 0 && prev != links_.end() && j < areas.size() && areas[j - 1].target == areas[j].target) {
            node = prev->second;
        } else {
            node = static_cast<int>(nodes_.size());
            StructNode n;
            n.type = "Link";
            n.parent = box.node;
            nodes_.push_back(std::move(n));
            nodes_[static_cast<size_t>(box.node)].kids.push_back(StructKid::element(node));
            if (j < areas.size()) first_link_to_.emplace(areas[j].target, node);
        }
        links_[{&box, link}] = node;
    }
    if (!text.empty()) link_text_[node] += text;
    return node;
}

int Tagger::span_node(const Box& box, const std::string& lang) {
    const int node = static_cast<int>(nodes_.size());
    StructNode n = StructNode::of("Span", box.node);
    n.lang = lang;
    nodes_.push_back(std::move(n));
    nodes_[static_cast<size_t>(box.node)].kids.push_back(StructKid::element(node));
    return node;
}

void Tagger::add_annotation(HPDF_Annotation annot, int page_index, int node, const std::string& target) {
    const int key = static_cast<int>(mcid_owner_.size() + annots_.size());
    HPDF_Dict_AddNumber(annot, "StructParent", key);
    StructKid kid;
    kid.page = page_index;
    kid.annot = static_cast<int>(annots_.size());
    nodes_[static_cast<size_t>(node)].kids.push_back(kid);
    annots_.push_back({annot, page_index, node});

    std::string text = trim_spaces(link_text_[node]);
    if (target.rfind("#fn-", 0) == 0) text = "Footnote " + target.substr(4);
    else if (text.empty()) text = target;
    else if (target.rfind('#', 0) == 0) text = "Go to " + text;
    HPDF_Dict_Add(annot, "Contents", pdf_text_string(annot->mmgr, text));
}

// Each footnote's Note goes right after the reference mark that first cites it, inside the
// element holding the mark, so a screen reader meets the note where the text refers to it.
void Tagger::attach_notes() {
    for (size_t i = 0; i < nodes_.size(); ++i) {
        StructNode& note = nodes_[i];
        if (note.type != "Note" || note.parent >= 0 || i == 0) continue;
        auto it = first_link_to_.find("#" + note.id);
        int parent = 0;
        size_t at = nodes_[0].kids.size();
        if (it != first_link_to_.end() && nodes_[static_cast<size_t>(it->second)].parent >= 0) {
            parent = nodes_[static_cast<size_t>(it->second)].parent;
            const auto& kids = nodes_[static_cast<size_t>(parent)].kids;
            for (size_t k = 0; k < kids.size(); ++k)
                if (kids[k].node == it->second) at = k + 1;
            // After any notes already placed behind the same mark.
            while (at < kids.size() && kids[at].node >= 0 && nodes_[static_cast<size_t>(kids[at].node)].type == "Note")
                ++at;
        }
        note.parent = parent;
        auto& kids = nodes_[static_cast<size_t>(parent)].kids;
        kids.insert(kids.begin() + static_cast<long>(std::min(at, kids.size())), StructKid::element(static_cast<int>(i)));
    }
}

void Tagger::finish(HPDF_Doc pdf, const std::vector<HPDF_Page>& pages) {
    attach_notes();
    HPDF_MMgr mmgr = pdf->mmgr;
    HPDF_Xref xref = pdf->xref;

    // Only elements reachable from the Document are written, in tree order.
    std::vector<int> order;
    std::vector<char> seen(nodes_.size(), 0);
    std::vector<int> stack = {0};
    while (!stack.empty()) {
        const int n = stack.back();
        stack.pop_back();
        if (seen[static_cast<size_t>(n)]) continue;
        seen[static_cast<size_t>(n)] = 1;
        order.push_back(n);
        const auto& kids = nodes_[static_cast<size_t>(n)].kids;
        for (auto k = kids.rbegin(); k != kids.rend(); ++k)
            if (k->node >= 0) stack.push_back(k->node);
    }

    written_ = static_cast<int>(order.size());
    HPDF_Dict root = HPDF_Dict_New(mmgr);
    HPDF_Xref_Add(xref, root);
    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");

    std::vector<HPDF_Dict> elem(nodes_.size(), nullptr);
    for (int n : order) {
        elem[static_cast<size_t>(n)] = HPDF_Dict_New(mmgr);
        HPDF_Xref_Add(xref, elem[static_cast<size_t>(n)]);
    }

    for (int n : order) {
        const StructNode& node = nodes_[static_cast<size_t>(n)];
        HPDF_Dict d = elem[static_cast<size_t>(n)];
        HPDF_Dict_AddName(d, "Type", "StructElem");
        HPDF_Dict_AddName(d, "S", node.type.c_str());
        HPDF_Dict_Add(d, "P", n == 0 || node.parent < 0 ? root : elem[static_cast<size_t>(node.parent)]);
        // /Pg: the page of the first content; content on other pages names its own page.
        int pg = -1;
        for (const StructKid& k : node.kids)
            if (k.node < 0 && k.page >= 0) {
                pg = k.page;
                break;
            }
        if (pg >= 0) HPDF_Dict_Add(d, "Pg", pages[static_cast<size_t>(pg)]);
        HPDF_Array kids = HPDF_Array_New(mmgr);
        for (const StructKid& k : node.kids) {
            if (k.node >= 0) {
                if (elem[static_cast<size_t>(k.node)]) HPDF_Array_Add(kids, elem[static_cast<size_t>(k.node)]);
            } else if (k.annot >= 0) {
                HPDF_Dict objr = HPDF_Dict_New(mmgr);
                HPDF_Dict_AddName(objr, "Type", "OBJR");
                HPDF_Dict_Add(objr, "Obj", annots_[static_cast<size_t>(k.annot)].annot);
                HPDF_Dict_Add(objr, "Pg", pages[static_cast<size_t>(k.page)]);
                HPDF_Array_Add(kids, objr);
            } else if (k.page == pg) {
                HPDF_Array_AddNumber(kids, k.mcid);
            } else {
                HPDF_Dict mcr = HPDF_Dict_New(mmgr);
                HPDF_Dict_AddName(mcr, "Type", "MCR");
                HPDF_Dict_Add(mcr, "Pg", pages[static_cast<size_t>(k.page)]);
                HPDF_Dict_AddNumber(mcr, "MCID", k.mcid);
                HPDF_Array_Add(kids, mcr);
            }
        }
        if (!node.kids.empty()) HPDF_Dict_Add(d, "K", kids);
        else HPDF_Array_Free(kids);
        if (!node.alt.empty()) HPDF_Dict_Add(d, "Alt", pdf_text_string(mmgr, node.alt));
        if (!node.lang.empty()) HPDF_Dict_Add(d, "Lang", HPDF_String_New(mmgr, node.lang.c_str(), nullptr));   // ASCII: checked BCP 47
        if (!node.id.empty()) HPDF_Dict_Add(d, "ID", HPDF_String_New(mmgr, node.id.c_str(), nullptr));
        if (node.type == "TH" || node.type == "TD") {
            HPDF_Dict a = HPDF_Dict_New(mmgr);
            HPDF_Dict_AddName(a, "O", "Table");
            if (!node.scope.empty()) HPDF_Dict_AddName(a, "Scope", node.scope.c_str());
            if (node.col_span > 1) HPDF_Dict_AddNumber(a, "ColSpan", node.col_span);
            HPDF_Dict_Add(d, "A", a);
        }
        if (node.type == "Figure" && node.bbox.w > 0) {
            HPDF_Dict a = HPDF_Dict_New(mmgr);
            HPDF_Dict_AddName(a, "O", "Layout");
            HPDF_Dict_AddName(a, "Placement", "Block");
            HPDF_Array box = HPDF_Array_New(mmgr);
            HPDF_Array_AddReal(box, node.bbox.x);
            HPDF_Array_AddReal(box, node.bbox.y);
            HPDF_Array_AddReal(box, node.bbox.right());
            HPDF_Array_AddReal(box, node.bbox.top());
            HPDF_Dict_Add(a, "BBox", box);
            HPDF_Dict_Add(d, "A", a);
        }
    }
    HPDF_Dict_Add(root, "K", elem[0]);

    // ParentTree: page p's /StructParents is p and maps each MCID to its element; annotation k's
    // /StructParent is page_count + k and maps to its Link element.
    HPDF_Dict parent_tree = HPDF_Dict_New(mmgr);
    HPDF_Array nums = HPDF_Array_New(mmgr);
    for (size_t p = 0; p < mcid_owner_.size() && p < pages.size(); ++p) {
        if (mcid_owner_[p].empty()) continue;
        HPDF_Array owners = HPDF_Array_New(mmgr);
        for (int owner : mcid_owner_[p]) HPDF_Array_Add(owners, elem[static_cast<size_t>(owner)]);
        HPDF_Array_AddNumber(nums, static_cast<HPDF_INT32>(p));
        HPDF_Array_Add(nums, owners);
        HPDF_Dict_AddNumber(pages[p], "StructParents", static_cast<HPDF_INT32>(p));
    }
    std::vector<char> has_annots(pages.size(), 0);
    for (size_t k = 0; k < annots_.size(); ++k) {
        HPDF_Array_AddNumber(nums, static_cast<HPDF_INT32>(mcid_owner_.size() + k));
        HPDF_Array_Add(nums, elem[static_cast<size_t>(annots_[k].node)]);
        has_annots[static_cast<size_t>(annots_[k].page)] = 1;
    }
    HPDF_Dict_Add(parent_tree, "Nums", nums);
    HPDF_Dict_Add(root, "ParentTree", parent_tree);
    HPDF_Dict_AddNumber(root, "ParentTreeNextKey", static_cast<HPDF_INT32>(mcid_owner_.size() + annots_.size()));

    // IDTree: a name tree from each Note's /ID to the Note (keys in byte order).
    std::vector<std::pair<std::string, int>> ids;
    for (int n : order)
        if (!nodes_[static_cast<size_t>(n)].id.empty()) ids.emplace_back(nodes_[static_cast<size_t>(n)].id, n);
    if (!ids.empty()) {
        std::sort(ids.begin(), ids.end());
        HPDF_Dict id_tree = HPDF_Dict_New(mmgr);
        HPDF_Array names = HPDF_Array_New(mmgr);
        for (const auto& [id, n] : ids) {
            HPDF_Array_Add(names, HPDF_String_New(mmgr, id.c_str(), nullptr));
            HPDF_Array_Add(names, elem[static_cast<size_t>(n)]);
        }
        HPDF_Dict_Add(id_tree, "Names", names);
        HPDF_Dict_Add(root, "IDTree", id_tree);
    }

    // Tab order follows the structure on pages with annotations (PDF/UA-1 7.18.3).
    for (size_t p = 0; p < pages.size(); ++p)
        if (has_annots[p]) HPDF_Dict_AddName(pages[p], "Tabs", "S");

    HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", root);
    HPDF_Dict mark_info = HPDF_Dict_New(mmgr);
    HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE);
    HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark_info);
    HPDF_Dict prefs = HPDF_Dict_New(mmgr);
    HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
    HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", prefs);
}

}  // namespace ep::pdf
