// The logical structure: the role map (02), how tables, lists and contents are built (09),
// figures, headings, header cells and notes (13, 14, 15, 19), the language of what screen
// readers read (11), and whether the tree, its ParentTree and the pages' marked content agree
// (01-005). Then the annotations (28), which the tree must hold too.
#include <qpdf/QPDFNameTreeObjectHelper.hh>
#include <qpdf/QPDFNumberTreeObjectHelper.hh>

#include "pdfcheck/internal.h"

namespace ep::pdfcheck::detail {

namespace {

struct Element {
    mutable QPDFObjectHandle obj;   // qpdf's handles have no const accessors
    std::string raw;             // its /S
    std::string type;            // the standard type it is, through the role map ("" if none)
    int parent = -1;             // -1: a child of the StructTreeRoot
    std::vector<int> kids;       // child elements, in order
    int page = 0;                // 1-based page of /Pg (0: none)
    std::string lang;            // the language in effect ("" if none can be determined)
    bool holds_content = false;  // has marked content of its own
};

struct PageRef {
    int page;   // 0-based
    int mcid;
    bool operator<(const PageRef& o) const { return page != o.page ? page < o.page : mcid < o.mcid; }
};

class StructureCheck {
public:
    StructureCheck(const Document& doc, const ContentFacts& content, Findings& f) : doc_(doc), content_(content), f_(f) {}

    void run() {
        QPDFObjectHandle root = get(doc_.catalog, "/StructTreeRoot");
        if (!root.isDictionary()) {
            f_.add(Condition::NoStructureTree, 0, doc_.catalog, "the catalog has no /StructTreeRoot");
            check_annotations({});
            return;
        }
        root_ = root;
        read_role_map();
        QPDFObjectHandle lang = get(doc_.catalog, "/Lang");
        if (lang.isString() && is_language_tag(lang.getUTF8Value())) document_lang_ = lang.getUTF8Value();
        walk();
        pages_from_content();
        check_types();
        check_tables();
        check_lists_and_contents();
        check_headings();
        check_notes();
        check_language();
        read_parent_tree();
        check_content_agreement();
        check_annotations(parent_tree_);
    }

private:
    // ---- role map -------------------------------------------------------------------------

    void read_role_map() {
        QPDFObjectHandle map = get(root_, "/RoleMap");
        if (!map.isDictionary()) return;
        for (auto [key, value] : map.ditems())
            if (value.isName()) role_map_[key.substr(1)] = value.getName().substr(1);
        for (const auto& [from, to] : role_map_) {
            if (is_standard_type(from))
                f_.add(Condition::StandardTypeRemapped, 0, map, "the role map maps the standard type " + from + " to " + to,
                       from);
        }
    }

    enum class Resolution { Standard, Circular, Unmapped };

    // The standard type `raw` stands for. A standard type is itself (PDF/UA forbids remapping
    // one, reported with the role map); another follows the role map to a standard type.
    std::pair<Resolution, std::string> resolve(const std::string& raw) const {
        if (is_standard_type(raw)) return {Resolution::Standard, raw};
        std::set<std::string> seen = {raw};
        std::string t = raw;
        for (;;) {
            auto it = role_map_.find(t);
            if (it == role_map_.end()) return {Resolution::Unmapped, t};
            t = it->second;
            if (is_standard_type(t)) return {Resolution::Standard, t};
            if (!seen.insert(t).second) return {Resolution::Circular, t};
        }
    }

    // ---- the tree -------------------------------------------------------------------------

    int page_of(QPDFObjectHandle pg) const { return doc_.page_number(pg); }

    void walk() {
        struct Pending {
            QPDFObjectHandle obj;
            int parent;
            QPDFObjectHandle parent_obj;
        };
        std::vector<Pending> stack;
        auto push_kids = [&](QPDFObjectHandle k, int parent, QPDFObjectHandle parent_obj) {
            std::vector<QPDFObjectHandle> kids;
            if (k.isArray())
                for (auto item : k.aitems()) kids.push_back(item);
            else if (!k.isNull())
                kids.push_back(k);
            for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back({*it, parent, parent_obj});
        };
        push_kids(get(root_, "/K"), -1, root_);
        std::set<QPDFObjGen> visited;
        while (!stack.empty()) {
            Pending p = stack.back();
            stack.pop_back();
            QPDFObjectHandle k = p.obj;
            if (k.isInteger() || (k.isDictionary() && name_of(get(k, "/Type")) == "MCR")) {
                if (p.parent < 0) {
                    f_.add(Condition::BrokenStructure, 0, root_, "the StructTreeRoot holds marked content directly");
                    continue;
                }
                add_content_kid(p.parent, k);
                continue;
            }
            if (k.isDictionary() && name_of(get(k, "/Type")) == "OBJR") {
                if (p.parent >= 0) add_object_kid(p.parent, k);
                continue;
            }
            if (!k.isDictionary()) continue;
            if (k.isIndirect() && !visited.insert(k.getObjGen()).second) {
                f_.add(Condition::BrokenStructure, 0, k, "a structure element is reached twice (the tree has a cycle or a shared element)");
                continue;
            }
            Element e;
            e.obj = k;
            e.raw = name_of(get(k, "/S"));
            e.parent = p.parent;
            e.page = page_of(get(k, "/Pg"));
            QPDFObjectHandle up = get(k, "/P");
            if (!(up.isIndirect() && p.parent_obj.isIndirect() && up.getObjGen() == p.parent_obj.getObjGen()))
                f_.add(Condition::BrokenStructure, e.page, k, "the /" + e.raw + " element's /P is not its parent");
            const int index = static_cast<int>(elements_.size());
            if (p.parent >= 0) elements_[static_cast<size_t>(p.parent)].kids.push_back(index);
            elements_.push_back(e);
            push_kids(get(k, "/K"), index, k);
        }
    }

    // An element without /Pg of its own (a table row, a list) is reported on the page where its
    // content starts: its first descendant's that has one. Children come after their parent in
    // elements_, so a backward pass sees every child first.
    void pages_from_content() {
        for (size_t i = elements_.size(); i-- > 0;) {
            Element& e = elements_[i];
            if (e.page > 0) continue;
            for (int k : e.kids)
                if (el(k).page > 0) {
                    e.page = el(k).page;
                    break;
                }
        }
    }

    void add_content_kid(int element, QPDFObjectHandle k) {
        Element& e = elements_[static_cast<size_t>(element)];
        int mcid = -1, page = e.page;
        if (k.isInteger()) {
            mcid = static_cast<int>(k.getIntValue());
        } else {
            if (!get(k, "/Stm").isNull()) return;   // content of a form XObject: not followed (docs/pdf-check.md)
            if (auto v = integer_of(get(k, "/MCID"))) mcid = static_cast<int>(*v);
            QPDFObjectHandle pg = get(k, "/Pg");
            if (!pg.isNull()) page = page_of(pg);
        }
        if (mcid < 0) return;
        e.holds_content = true;
        if (page <= 0) {
            f_.add(Condition::BrokenStructure, 0, e.obj, "the /" + e.raw + " element names MCID " + std::to_string(mcid) +
                                                              " but no page (/Pg) it is on");
            return;
        }
        const PageRef ref{page - 1, mcid};
        auto [it, fresh] = mcid_owner_.emplace(ref, element);
        if (!fresh && it->second != element)
            f_.add(Condition::BrokenStructure, page, e.obj, "MCID " + std::to_string(mcid) + " belongs to two elements");
    }

    void add_object_kid(int element, QPDFObjectHandle objr) {
        QPDFObjectHandle target = get(objr, "/Obj");
        if (target.isIndirect()) objr_owner_[target.getObjGen()] = element;
    }

    const Element& el(int i) const { return elements_[static_cast<size_t>(i)]; }
    std::string parent_type(const Element& e) const { return e.parent < 0 ? "" : el(e.parent).type; }
    std::vector<std::string> kid_types(const Element& e) const {
        std::vector<std::string> t;
        for (int k : e.kids) t.push_back(el(k).type);
        return t;
    }

    void check_types() {
        for (Element& e : elements_) {
            const auto [how, type] = resolve(e.raw);
            if (how == Resolution::Standard) {
                e.type = type;
            } else if (how == Resolution::Circular) {
                f_.add(Condition::CircularRoleMap, e.page, e.obj, "the role map is circular for /" + e.raw, e.raw);
            } else {
                f_.add(Condition::NonStandardType, e.page, e.obj,
                       "the structure type /" + e.raw + " is not a standard type and the role map does not map it to one",
                       e.raw);
            }
        }
    }

    // ---- tables (09-004, 15-003) ------------------------------------------------------------

    std::map<std::string, QPDFObjectHandle> table_attributes(const Element& e) const {
        std::map<std::string, QPDFObjectHandle> out;
        QPDFObjectHandle a = get(e.obj, "/A");
        std::vector<QPDFObjectHandle> dicts;
        if (a.isArray()) {
            for (auto item : a.aitems()) dicts.push_back(item);
        } else {
            dicts.push_back(a);
        }
        for (auto d : dicts) {
            if (d.isStream()) d = d.getDict();
            if (!d.isDictionary() || name_of(get(d, "/O")) != "Table") continue;
            for (const auto& [k, v] : d.ditems()) out.emplace(k, v);
        }
        return out;
    }

    void table_problem(const Element& e, const std::string& what) {
        f_.add(Condition::TableStructure, e.page, e.obj, what, e.type);
    }

    void check_tables() {
        for (size_t i = 0; i < elements_.size(); ++i) {
            const Element& e = elements_[i];
            const std::string up = parent_type(e);
            if (e.type == "TR" && up != "Table" && up != "THead" && up != "TBody" && up != "TFoot")
                table_problem(e, "a TR is inside " + (up.empty() ? "no table" : up) + ", not a Table, THead, TBody or TFoot");
            if ((e.type == "THead" || e.type == "TBody" || e.type == "TFoot") && up != "Table")
                table_problem(e, "a " + e.type + " is inside " + (up.empty() ? "no table" : up) + ", not a Table");
            if ((e.type == "TH" || e.type == "TD") && up != "TR")
                table_problem(e, "a " + e.type + " is inside " + (up.empty() ? "no row" : up) + ", not a TR");
            if (e.type == "TR")
                for (int k : e.kids)
                    if (el(k).type != "TH" && el(k).type != "TD") table_problem(el(k), "a TR holds a " + el(k).type + ", not a TH or TD");
            if (e.type == "Table") check_table(static_cast<int>(i));
        }
    }

    void check_table(int table) {
        const Element& t = el(table);
        const std::vector<std::string> kinds = kid_types(t);
        int heads = 0, bodies = 0, feet = 0, captions = 0;
        for (size_t k = 0; k < kinds.size(); ++k) {
            const std::string& kind = kinds[k];
            if (kind == "THead") ++heads;
            else if (kind == "TBody") ++bodies;
            else if (kind == "TFoot") ++feet;
            else if (kind == "Caption") {
                ++captions;
                if (k != 0 && k + 1 != kinds.size()) table_problem(t, "the table's Caption is neither its first nor its last child");
            } else if (kind != "TR") {
                table_problem(t, "a Table holds a " + (kind.empty() ? std::string("non-standard element") : kind) +
                                     ", not only TR, THead, TBody, TFoot and Caption");
            }
        }
        if (captions > 1) table_problem(t, "the table has " + std::to_string(captions) + " Captions");
        if (heads > 1) table_problem(t, "the table has more than one THead");
        if (feet > 1) table_problem(t, "the table has more than one TFoot");
        if ((heads || feet) && !bodies) table_problem(t, "the table has a THead or TFoot but no TBody");

        // Rows in reading order, through THead/TBody/TFoot; every row spans the same columns.
        std::vector<int> rows;
        for (int k : t.kids) {
            if (el(k).type == "TR") rows.push_back(k);
            else if (el(k).type == "THead" || el(k).type == "TBody" || el(k).type == "TFoot")
                for (int r : el(k).kids)
                    if (el(r).type == "TR") rows.push_back(r);
        }
        bool uses_headers = false;
        std::vector<int> header_cells;
        std::vector<int> carried;   // per column, rows still covered by a cell above (RowSpan)
        int width = -1;
        for (size_t r = 0; r < rows.size(); ++r) {
            int columns = 0;
            size_t col = 0;
            auto skip_covered = [&] {
                while (col < carried.size() && carried[col] > 0) {
                    --carried[col];
                    ++col;
                    ++columns;
                }
            };
            for (int c : el(rows[r]).kids) {
                const Element& cell = el(c);
                if (cell.type != "TH" && cell.type != "TD") continue;
                const auto attrs = table_attributes(cell);
                if (attrs.count("/Headers")) uses_headers = true;
                if (cell.type == "TH") header_cells.push_back(c);
                const auto span_of = [&](const char* key) {
                    auto it = attrs.find(key);
                    const auto v = it == attrs.end() ? std::nullopt : integer_of(it->second);
                    return v && *v > 0 ? static_cast<int>(*v) : 1;
                };
                const int colspan = span_of("/ColSpan"), rowspan = span_of("/RowSpan");
                skip_covered();
                for (int s = 0; s < colspan; ++s, ++col, ++columns) {
                    if (carried.size() <= col) carried.resize(col + 1, 0);
                    carried[col] = rowspan - 1;
                }
            }
            skip_covered();
            while (col < carried.size()) {   // covered columns after the last cell
                if (carried[col] > 0) {
                    --carried[col];
                    ++columns;
                }
                ++col;
            }
            if (width < 0) width = columns;
            else if (columns != width)
                table_problem(el(rows[r]), "row " + std::to_string(r + 1) + " of the table spans " + std::to_string(columns) +
                                               " columns, row 1 spans " + std::to_string(width));
        }
        if (uses_headers) return;
        for (int c : header_cells) {
            const auto attrs = table_attributes(el(c));
            auto it = attrs.find("/Scope");
            const std::string scope = it == attrs.end() ? "" : name_of(it->second);
            if (scope != "Row" && scope != "Column" && scope != "Both")
                f_.add(Condition::HeaderCellWithoutScope, el(c).page, el(c).obj,
                       scope.empty() ? "a TH has no /Scope (and the table gives no /Headers)"
                                     : "a TH's /Scope is /" + scope + ", not /Row, /Column or /Both");
        }
    }

    // ---- lists and the table of contents (09-005, 09-006) -----------------------------------

    static bool matches(const std::vector<std::string>& kinds, const std::set<std::string>& allowed, bool caption_first) {
        for (size_t k = 0; k < kinds.size(); ++k) {
            if (caption_first && k == 0 && kinds[k] == "Caption") continue;
            if (!allowed.count(kinds[k])) return false;
        }
        return true;
    }

    void check_lists_and_contents() {
        for (const Element& e : elements_) {
            const std::string up = parent_type(e);
            const std::vector<std::string> kinds = kid_types(e);
            if (e.type == "LI" && up != "L") f_.add(Condition::ListStructure, e.page, e.obj, "an LI is inside " + (up.empty() ? "no list" : up) + ", not an L", e.type);
            if (e.type == "LBody" && up != "LI")
                f_.add(Condition::ListStructure, e.page, e.obj, "an LBody is inside " + (up.empty() ? "no list item" : up) + ", not an LI", e.type);
            if (e.type == "L" && !matches(kinds, {"L", "LI"}, true))
                f_.add(Condition::ListStructure, e.page, e.obj, "an L holds other elements than LI, L and a first Caption", e.type);
            if (e.type == "LI" && !matches(kinds, {"Lbl", "LBody"}, false))
                f_.add(Condition::ListStructure, e.page, e.obj, "an LI holds other elements than Lbl and LBody", e.type);
            if (e.type == "TOCI" && up != "TOC")
                f_.add(Condition::TocStructure, e.page, e.obj, "a TOCI is inside " + (up.empty() ? "no TOC" : up) + ", not a TOC", e.type);
            if (e.type == "TOC" && !matches(kinds, {"TOC", "TOCI"}, true))
                f_.add(Condition::TocStructure, e.page, e.obj, "a TOC holds other elements than TOCI, TOC and a first Caption", e.type);
            if (e.type == "TOCI" && !matches(kinds, {"Reference", "P", "Lbl", "TOC", "NonStruct"}, false))
                f_.add(Condition::TocStructure, e.page, e.obj,
                       "a TOCI holds other elements than Reference, P, Lbl, TOC and NonStruct", e.type);
            if (e.type == "Figure" && text_of(get(e.obj, "/Alt")).empty() && text_of(get(e.obj, "/ActualText")).empty())
                f_.add(Condition::FigureWithoutAlt, e.page, e.obj, "a Figure has no /Alt (nor /ActualText)");
            if (e.type == "Formula" && text_of(get(e.obj, "/Alt")).empty())
                f_.add(Condition::FormulaWithoutAlt, e.page, e.obj, "a Formula has no /Alt");
        }
    }

    // ---- headings (14) ------------------------------------------------------------------------

    void check_headings() {
        int previous = 0;
        bool any_h = false, any_numbered = false;
        for (const Element& e : elements_) {   // elements_ is in reading (tree) order
            if (e.type == "H") any_h = true;
            if (e.type.size() != 2 || e.type[0] != 'H' || e.type[1] < '1' || e.type[1] > '6') continue;
            any_numbered = true;
            const int level = e.type[1] - '0';
            if (previous == 0 && level != 1)
                f_.add(Condition::FirstHeadingNotH1, e.page, e.obj, "the first heading is " + e.type + ", not H1");
            else if (previous > 0 && level > previous + 1)
                f_.add(Condition::HeadingLevelSkipped, e.page, e.obj,
                       e.type + " follows H" + std::to_string(previous) + ": a heading level is skipped");
            previous = level;
        }
        if (any_h && any_numbered) f_.add(Condition::BothHAndNumberedH, 0, root_, "the document has both H and H1-H6 headings");
        for (const Element& e : elements_) {
            int hs = 0;
            for (int k : e.kids) hs += el(k).type == "H";
            if (hs > 1) f_.add(Condition::SeveralHInOneNode, e.page, e.obj, "a /" + e.raw + " holds " + std::to_string(hs) + " H elements");
        }
    }

    // ---- notes and IDs (19) -----------------------------------------------------------------

    void check_notes() {
        std::map<std::string, int> ids;
        for (const Element& e : elements_) {
            QPDFObjectHandle id = get(e.obj, "/ID");
            if (!id.isString()) {
                if (e.type == "Note") f_.add(Condition::NoteWithoutId, e.page, e.obj, "a Note has no /ID");
                continue;
            }
            if (++ids[id.getStringValue()] == 2)
                f_.add(Condition::NoteIdNotUnique, e.page, e.obj, "the /ID '" + id.getStringValue() + "' is used twice");
        }
        if (ids.empty()) return;
        QPDFObjectHandle tree = get(root_, "/IDTree");
        std::map<std::string, QPDFObjectHandle> listed;
        if (tree.isDictionary()) {
            try {
                listed = QPDFNameTreeObjectHelper(tree, doc_.pdf, false).getAsMap();
            } catch (const std::exception&) {
            }
        }
        for (const Element& e : elements_) {
            QPDFObjectHandle id = get(e.obj, "/ID");
            if (!id.isString()) continue;
            auto it = listed.find(id.getStringValue());
            if (it == listed.end() || !it->second.isIndirect() || !e.obj.isIndirect() ||
                it->second.getObjGen() != e.obj.getObjGen())
                f_.add(Condition::BrokenStructure, e.page, e.obj,
                       "the /ID '" + id.getStringValue() + "' is not in the StructTreeRoot's /IDTree");
        }
    }

    // ---- language (11) ------------------------------------------------------------------------

    void check_language() {
        for (Element& e : elements_) {
            const std::string inherited = e.parent < 0 ? document_lang_ : el(e.parent).lang;
            QPDFObjectHandle own = get(e.obj, "/Lang");
            e.lang = inherited;
            if (own.isString()) {
                const std::string lang = own.getUTF8Value();
                if (is_language_tag(lang)) e.lang = lang;
                else if (!lang.empty())
                    f_.add(Condition::ContentLanguage, e.page, e.obj, "the /Lang '" + lang + "' of a /" + e.raw + " is not a language tag");
            }
            if (!e.lang.empty()) continue;
            if (e.holds_content)
                f_.add(Condition::ContentLanguage, e.page, e.obj,
                       "the language of a /" + e.raw + "'s text is given neither by it, its ancestors nor the catalog's /Lang");
            for (const char* key : {"/Alt", "/ActualText", "/E"})
                if (get(e.obj, key).isString())
                    f_.add(Condition::AltTextLanguage, e.page, e.obj,
                           std::string("the language of a /") + e.raw + "'s " + (key + 1) +
                               " is given neither by it, its ancestors nor the catalog's /Lang");
        }
    }

    // ---- the tree against the content -------------------------------------------------------

    void read_parent_tree() {
        QPDFObjectHandle tree = get(root_, "/ParentTree");
        if (!tree.isDictionary()) return;
        try {
            for (const auto& [key, value] : QPDFNumberTreeObjectHelper(tree, doc_.pdf, false).getAsMap())
                parent_tree_[key] = value;
        } catch (const std::exception& e) {
            f_.add(Condition::BrokenStructure, 0, tree, std::string("the ParentTree cannot be read: ") + e.what());
        }
    }

    int element_index(QPDFObjectHandle o) const {
        if (!o.isIndirect()) return -1;
        if (index_.empty())
            for (size_t i = 0; i < elements_.size(); ++i)
                if (elements_[i].obj.isIndirect()) index_[elements_[i].obj.getObjGen()] = static_cast<int>(i);
        auto it = index_.find(o.getObjGen());
        return it == index_.end() ? -1 : it->second;
    }

    void check_content_agreement() {
        for (size_t p = 0; p < content_.mcids.size(); ++p) {
            const auto& mcids = content_.mcids[p];
            if (mcids.empty()) continue;
            const int page = static_cast<int>(p) + 1;
            QPDFObjectHandle pg = doc_.pages[p];
            const auto key = integer_of(get(pg, "/StructParents"));
            QPDFObjectHandle owners;
            if (!key) {
                f_.add(Condition::BrokenStructure, page, pg, "the page has tagged content but no /StructParents");
            } else if (auto it = parent_tree_.find(*key); it == parent_tree_.end() || !it->second.isArray()) {
                f_.add(Condition::BrokenStructure, page, pg, "the page's /StructParents " + std::to_string(*key) + " is not in the ParentTree");
            } else {
                owners = it->second;
            }
            for (const auto& [mcid, tag] : mcids) {
                auto owner = mcid_owner_.find({static_cast<int>(p), mcid});
                if (owner == mcid_owner_.end()) {
                    f_.add(Condition::UntaggedContent, page, 0,
                           "the /" + tag + " sequence with MCID " + std::to_string(mcid) +
                               " is tagged, but no structure element holds it");
                    continue;
                }
                if (!owners.isArray()) continue;
                QPDFObjectHandle listed = mcid < owners.getArrayNItems() ? owners.getArrayItem(mcid) : QPDFObjectHandle::newNull();
                if (element_index(listed) != owner->second)
                    f_.add(Condition::BrokenStructure, page, el(owner->second).obj,
                           "the ParentTree does not give MCID " + std::to_string(mcid) + "'s element (/" + el(owner->second).raw + ")");
            }
        }
        for (const auto& [ref, element] : mcid_owner_)
            if (!content_.mcids[static_cast<size_t>(ref.page)].count(ref.mcid))
                f_.add(Condition::BrokenStructure, ref.page + 1, el(element).obj,
                       "the /" + el(element).raw + " element names MCID " + std::to_string(ref.mcid) + ", which its page does not have");
    }

    // ---- annotations (28) ---------------------------------------------------------------------

    static bool known_annotation(const std::string& s) {
        static const std::set<std::string> known = {
            "Text", "Link", "FreeText", "Line", "Square", "Circle", "Polygon", "PolyLine", "Highlight", "Underline",
            "Squiggly", "StrikeOut", "Stamp", "Caret", "Ink", "Popup", "FileAttachment", "Sound", "Movie", "Widget",
            "Screen", "PrinterMark", "TrapNet", "Watermark", "3D"};
        return known.count(s) > 0;
    }

public:
    void check_annotations(const std::map<long long, QPDFObjectHandle>& parent_tree) {
        for (size_t p = 0; p < doc_.pages.size(); ++p) {
            const int page = static_cast<int>(p) + 1;
            QPDFObjectHandle pg = doc_.pages[p];
            QPDFObjectHandle annots = get(pg, "/Annots");
            if (!annots.isArray() || annots.getArrayNItems() == 0) continue;
            QPDFObjectHandle tabs = get(pg, "/Tabs");
            if (tabs.isNull()) f_.add(Condition::NoTabs, page, pg, "the page has annotations but no /Tabs");
            else if (name_of(tabs) != "S") f_.add(Condition::TabsNotStructure, page, pg, "the page's /Tabs is " + tabs.unparse() + ", not /S");
            for (auto a : annots.aitems()) check_annotation(a, page, parent_tree);
        }
    }

private:
    void check_annotation(QPDFObjectHandle a, int page, const std::map<long long, QPDFObjectHandle>& parent_tree) {
        if (!a.isDictionary()) return;
        const std::string subtype = name_of(get(a, "/Subtype"));
        const auto flags = integer_of(get(a, "/F")).value_or(0);
        const bool hidden = (flags & 2) != 0;
        if (!known_annotation(subtype))
            f_.add(Condition::UnknownAnnotation, page, a, "an annotation of subtype /" + subtype + ", which ISO 32000-1 does not define", subtype);
        if (subtype == "TrapNet") f_.add(Condition::TrapNetAnnotation, page, a, "a TrapNet annotation");
        if (subtype == "Popup") return;

        // The element holding the annotation: through /StructParent and the ParentTree.
        int element = -1;
        const auto key = integer_of(get(a, "/StructParent"));
        if (key) {
            auto it = parent_tree.find(*key);
            if (it != parent_tree.end()) element = element_index(it->second);
        }
        auto objr = a.isIndirect() ? objr_owner_.find(a.getObjGen()) : objr_owner_.end();
        const bool held = element >= 0 && objr != objr_owner_.end() && objr->second == element;
        const std::string holder = element >= 0 ? el(element).type : "";
        const std::string contents = text_of(get(a, "/Contents"));
        if (key && !held && subtype != "Link")
            f_.add(Condition::BrokenStructure, page, a, "the annotation's /StructParent " + std::to_string(*key) +
                                                             " leads to no element holding it (by an OBJR)");

        if (subtype == "PrinterMark") {
            if (key || objr != objr_owner_.end()) f_.add(Condition::PrinterMarkInStructure, page, a, "a PrinterMark annotation is in the structure tree");
            return;
        }
        if (subtype == "Link") {
            // Nested in a Link: /StructParent leads to a Link element, which holds an OBJR to it.
            if (!key) f_.add(Condition::LinkNotInLink, page, a, "a link annotation has no /StructParent");
            else if (element < 0)
                f_.add(Condition::LinkNotInLink, page, a, "a link annotation's /StructParent " + std::to_string(*key) +
                                                              " leads to no structure element");
            else if (holder != "Link")
                f_.add(Condition::LinkNotInLink, page, a, "a link annotation is held by a /" + el(element).raw + ", not a Link");
            else if (!held)
                f_.add(Condition::LinkNotInLink, page, a, "a link annotation's Link element has no OBJR to it");
            if (contents.empty()) f_.add(Condition::LinkWithoutContents, page, a, "a link annotation has no /Contents");
        } else if (subtype == "Widget") {
            if (holder != "Form") f_.add(Condition::WidgetNotInForm, page, a, "a widget annotation is not held by a Form element");
            return;
        } else if (!hidden) {
            if (holder != "Annot")
                f_.add(Condition::AnnotationNotInAnnot, page, a, "a /" + subtype + " annotation is not held by an Annot element", subtype);
            if (contents.empty() && (element < 0 || text_of(get(el(element).obj, "/Alt")).empty()))
                f_.add(Condition::AnnotationWithoutDescription, page, a,
                       "a /" + subtype + " annotation has neither /Contents nor an /Alt on its element", subtype);
        }
        if (!contents.empty() && document_lang_.empty() && (element < 0 || el(element).lang.empty()))
            f_.add(Condition::AnnotationLanguage, page, a,
                   "the language of an annotation's /Contents is given neither by its element nor the catalog's /Lang");
    }

    const Document& doc_;
    const ContentFacts& content_;
    Findings& f_;
    QPDFObjectHandle root_;
    std::map<std::string, std::string> role_map_;
    std::string document_lang_;
    std::vector<Element> elements_;
    std::map<PageRef, int> mcid_owner_;
    std::map<QPDFObjGen, int> objr_owner_;
    std::map<long long, QPDFObjectHandle> parent_tree_;
    mutable std::map<QPDFObjGen, int> index_;
};

}  // namespace

void check_structure(const Document& doc, const ContentFacts& content, Findings& findings) {
    StructureCheck(doc, content, findings).run();
}

}  // namespace ep::pdfcheck::detail
