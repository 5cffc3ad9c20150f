// The page content: every text and painting operator must be inside a marked-content sequence
// that is tagged (has an MCID) or an artifact, never both (Matterhorn 01-003 to 01-005); and
// what each font shows, for the font checks (31). Form XObjects are followed (30-001, 30-002).
#include <qpdf/QPDFPageObjectHelper.hh>

#include <cctype>
#include <cstdlib>
#include <memory>

#include "pdfcheck/internal.h"

namespace ep::pdfcheck::detail {

namespace {

const std::set<std::string> kTextShowing = {"Tj", "TJ", "'", "\""};
const std::set<std::string> kPainting = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh"};

// Text a reader can recognise in a message: the first bytes shown, printable ASCII only.
std::string sample(const std::string& bytes) {
    std::string out;
    for (char c : bytes) {
        if (out.size() >= 30) {
            out += "...";
            break;
        }
        out += (c >= 32 && c < 127) ? c : '.';
    }
    return out;
}

// A lexer for content streams (ISO 32000-1 7.8.2): qpdf decodes the streams, and the checker
// reads their operators itself, keeping only what it needs of the operands (names, integers,
// strings, the MCID of a property list), instead of building a qpdf object for every token.
struct Operand {
    enum Kind { Other, Name, Integer, String, Dictionary } kind = Other;
    std::string text;           // a name (with '/'), or a string's bytes (a TJ array: its strings joined)
    long long number = 0;       // an integer; a property list's MCID (-1: none)
};

class Lexer {
public:
    explicit Lexer(const std::string& data) : d_(data) {}

    // The next operator, with its operands; false at the end.
    bool next(std::string& op, std::vector<Operand>& operands) {
        operands.clear();
        while (skip_space()) {
            const char c = d_[i_];
            if (c == '/') {
                operands.push_back({Operand::Name, name()});
            } else if (c == '(') {
                operands.push_back({Operand::String, literal()});
            } else if (c == '<' && peek(1) == '<') {
                operands.push_back(dictionary());
            } else if (c == '<') {
                operands.push_back({Operand::String, hex()});
            } else if (c == '[') {
                operands.push_back(array());
            } else if (c == ']' || c == '>' || c == ')' || c == '{' || c == '}') {
                ++i_;   // stray delimiters: nothing to read
            } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.') {
                const std::string w = word(i_);
                Operand o;
                if (w.find('.') == std::string::npos) {
                    o.kind = Operand::Integer;
                    o.number = std::atoll(w.c_str());
                }
                operands.push_back(o);
            } else {
                op = word(i_);
                if (op.empty()) {
                    ++i_;
                    continue;
                }
                if (op == "BI") skip_inline_image();
                if (op == "true" || op == "false" || op == "null") {
                    operands.push_back({});
                    continue;
                }
                return true;
            }
        }
        return false;
    }

private:
    static bool delimiter(char c) {
        return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
    }
    static bool space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }
    char peek(size_t k) const { return i_ + k < d_.size() ? d_[i_ + k] : '\0'; }

    bool skip_space() {
        while (i_ < d_.size()) {
            if (space(d_[i_])) ++i_;
            else if (d_[i_] == '%')
                while (i_ < d_.size() && d_[i_] != '\n' && d_[i_] != '\r') ++i_;
            else
                return true;
        }
        return false;
    }

    std::string word(size_t from) {
        size_t j = from;
        while (j < d_.size() && !space(d_[j]) && !delimiter(d_[j])) ++j;
        std::string w = d_.substr(from, j - from);
        i_ = j;
        return w;
    }

    std::string name() {
        std::string n(1, '/');
        n += word(i_ + 1);
        return n;
    }

    std::string literal() {
        std::string out;
        int depth = 0;
        for (; i_ < d_.size(); ++i_) {
            char c = d_[i_];
            if (c == '\\' && i_ + 1 < d_.size()) {
                const char e = d_[++i_];
                switch (e) {
                    case 'n': out += '\n'; break;
                    case 'r': out += '\r'; break;
                    case 't': out += '\t'; break;
                    case 'b': out += '\b'; break;
                    case 'f': out += '\f'; break;
                    case '\r':
                        if (peek(1) == '\n') ++i_;
                        break;
                    case '\n': break;
                    default:
                        if (e >= '0' && e <= '7') {
                            int v = e - '0';
                            for (int k = 0; k < 2 && peek(1) >= '0' && peek(1) <= '7'; ++k) v = v * 8 + (d_[++i_] - '0');
                            out += static_cast<char>(v & 0xFF);
                        } else {
                            out += e;
                        }
                }
                continue;
            }
            if (c == '(' && depth++ == 0) continue;
            if (c == ')' && --depth == 0) {
                ++i_;
                break;
            }
            out += c;
        }
        return out;
    }

    std::string hex() {
        std::string out;
        int half = -1;
        for (++i_; i_ < d_.size() && d_[i_] != '>'; ++i_) {
            const char c = d_[i_];
            const int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (v < 0) continue;
            if (half < 0) half = v;
            else {
                out += static_cast<char>(half * 16 + v);
                half = -1;
            }
        }
        if (half >= 0) out += static_cast<char>(half * 16);
        ++i_;
        return out;
    }

    // A TJ array: its strings joined (the numbers between them only move the text).
    Operand array() {
        Operand o{Operand::String, "", 0};
        for (++i_; skip_space() && d_[i_] != ']';) {
            if (d_[i_] == '(') o.text += literal();
            else if (d_[i_] == '<' && peek(1) != '<') o.text += hex();
            else if (d_[i_] == '[') array();
            else if (d_[i_] == '<') dictionary();
            else if (d_[i_] == '/') word(i_ + 1);
            else if (delimiter(d_[i_])) ++i_;
            else word(i_);
        }
        ++i_;
        return o;
    }

    // A property list: only its /MCID is kept.
    Operand dictionary() {
        Operand o{Operand::Dictionary, "", -1};
        i_ += 2;
        std::string key;
        while (skip_space()) {
            if (d_[i_] == '>' && peek(1) == '>') {
                i_ += 2;
                break;
            }
            std::string value;
            bool integer = false;
            if (d_[i_] == '/') value = name();
            else if (d_[i_] == '(') literal();
            else if (d_[i_] == '<' && peek(1) == '<') dictionary();
            else if (d_[i_] == '<') hex();
            else if (d_[i_] == '[') array();
            else if (delimiter(d_[i_])) ++i_;
            else {
                value = word(i_);
                integer = !value.empty() && value.find_first_not_of("+-0123456789") == std::string::npos;
            }
            if (key.empty()) {
                key = value;
                continue;
            }
            if (key == "/MCID" && integer) o.number = std::atoll(value.c_str());
            key.clear();
        }
        return o;
    }

    // BI <dictionary pairs> ID <binary data> EI: skipped to just after the EI.
    void skip_inline_image() {
        const size_t id = d_.find("ID", i_);
        if (id == std::string::npos) {
            i_ = d_.size();
            return;
        }
        for (size_t j = id + 3; j + 1 < d_.size(); ++j)
            if (d_[j] == 'E' && d_[j + 1] == 'I' && space(d_[j - 1]) && (j + 2 >= d_.size() || space(d_[j + 2]) || delimiter(d_[j + 2]))) {
                i_ = j + 2;
                inline_image_ = true;
                return;
            }
        i_ = d_.size();
    }

public:
    bool inline_image_ = false;   // the last BI read was an image (it is painted)

private:
    const std::string& d_;
    size_t i_ = 0;
};

class Walker {
public:
    Walker(const Document& doc, Findings& findings, ContentFacts& facts) : doc_(doc), f_(findings), facts_(facts) {}

    void page(int index) {
        page_ = index;
        QPDFObjectHandle pg = doc_.pages[static_cast<size_t>(index)];
        QPDFPageObjectHelper helper(pg);
        resources_ = helper.getAttribute("/Resources", false);
        marked_.clear();
        states_ = {State{}};
        std::string data;
        QPDFObjectHandle contents = get(pg, "/Contents");
        try {
            if (contents.isArray()) {
                for (auto part : contents.aitems()) data += stream_data(part) + "\n";
            } else {
                data = stream_data(contents);
            }
        } catch (const std::exception& e) {
            f_.add(Condition::BrokenStructure, page_ + 1, pg, std::string("the page's content cannot be read: ") + e.what());
        }
        walk(data);
        if (!marked_.empty())
            f_.add(Condition::BrokenStructure, page_ + 1, pg,
                   std::to_string(marked_.size()) + " marked-content sequence(s) left open at the end of the page");
    }

private:
    struct Marked {
        std::string tag;
        bool tagged = false;    // has an MCID
        bool artifact = false;
    };
    struct State {
        std::string font_key;
        int render_mode = 0;
    };

    static std::string stream_data(QPDFObjectHandle stream) {
        if (!stream.isStream()) return "";
        auto buf = stream.getStreamData(qpdf_dl_generalized);   // throws on data that cannot be decoded
        return std::string(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
    }

    void walk(const std::string& data) {
        Lexer lexer(data);
        std::string op;
        while (lexer.next(op, operands_)) {
            if (op == "BI") {
                if (lexer.inline_image_) real_content("an inline image");
                lexer.inline_image_ = false;
                continue;
            }
            operate(op);
        }
    }

    bool inside_tagged() const {
        for (const auto& m : marked_)
            if (m.tagged) return true;
        return false;
    }
    bool inside_artifact() const {
        for (const auto& m : marked_)
            if (m.artifact) return true;
        return false;
    }

    const Operand& operand(size_t i) const {
        static const Operand none;
        return i < operands_.size() ? operands_[i] : none;
    }

    void operate(const std::string& op) {
        if (op == "BDC" || op == "BMC") return begin_marked(op == "BDC");
        if (op == "EMC") return end_marked();
        if (op == "q") return states_.push_back(states_.back());
        if (op == "Q") {
            if (states_.size() > 1) states_.pop_back();
            return;
        }
        if (op == "Tf") return set_font(operand(0));
        if (op == "Tr") {
            if (operand(0).kind == Operand::Integer) states_.back().render_mode = static_cast<int>(operand(0).number);
            return;
        }
        if (kTextShowing.count(op)) return show_text(op);
        if (kPainting.count(op)) return real_content("a path painted with '" + op + "'");
        if (op == "Do") return draw_xobject(operand(0));
    }

    void begin_marked(bool with_properties) {
        Marked m;
        const Operand& tag = operand(0);
        m.tag = tag.kind == Operand::Name ? tag.text.substr(1) : "";
        long long mcid = -1;
        if (with_properties) {
            const Operand& props = operand(1);
            if (props.kind == Operand::Dictionary) mcid = props.number;
            else if (props.kind == Operand::Name)
                mcid = integer_of(get(get(get(resources_, "/Properties"), props.text), "/MCID")).value_or(-1);
        }
        m.artifact = m.tag == "Artifact";
        if (m.artifact && inside_tagged())
            f_.add(Condition::ArtifactInTaggedContent, page_ + 1, 0,
                   "an /Artifact sequence is inside a tagged (MCID) sequence");
        if (mcid >= 0 && !m.artifact) {
            m.tagged = true;
            if (inside_artifact())
                f_.add(Condition::TaggedContentInArtifact, page_ + 1, 0,
                       "/" + m.tag + " MCID " + std::to_string(mcid) + " is inside an /Artifact sequence");
            record_mcid(static_cast<int>(mcid), m.tag);
        }
        marked_.push_back(std::move(m));
    }

    void record_mcid(int mcid, const std::string& tag) {
        if (form_depth_ > 0) {
            form_has_mcids_ = true;   // a form's MCIDs belong to the form's own /StructParents
            return;
        }
        auto& page = facts_.mcids[static_cast<size_t>(page_)];
        if (!page.emplace(mcid, tag).second)
            f_.add(Condition::BrokenStructure, page_ + 1, 0, "MCID " + std::to_string(mcid) + " labels two sequences");
    }

    void end_marked() {
        if (marked_.empty()) {
            f_.add(Condition::BrokenStructure, page_ + 1, 0, "EMC ends no marked-content sequence");
            return;
        }
        marked_.pop_back();
    }

    void real_content(const std::string& what) {
        if (inside_tagged() || inside_artifact()) return;
        f_.add(Condition::UntaggedContent, page_ + 1, 0, what + " is neither tagged content nor an artifact");
    }

    void set_font(const Operand& name) {
        State& s = states_.back();
        s.font_key.clear();
        if (name.kind != Operand::Name) return;
        // The same resource name on the same resources: the font found last time.
        if (name.text == last_font_name_ && resources_.isIndirect() == last_resources_indirect_ &&
            (!resources_.isIndirect() || resources_.getObjGen() == last_resources_) && !last_font_key_.empty() &&
            last_page_ == page_) {
            s.font_key = last_font_key_;
            return;
        }
        QPDFObjectHandle font = get(get(resources_, "/Font"), name.text);
        if (!font.isDictionary()) return;
        std::string key = font.isIndirect() ? font.getObjGen().unparse(' ')
                                            : "page " + std::to_string(page_ + 1) + " " + name.text;
        auto [it, fresh] = facts_.fonts.try_emplace(key);
        if (fresh) {
            it->second.font = font;
            it->second.resource = name.text;
            it->second.first_page = page_ + 1;
            it->second.codes_of = code_space(font);
        }
        s.font_key = key;
        last_font_name_ = name.text;
        last_font_key_ = key;
        last_page_ = page_;
        last_resources_indirect_ = resources_.isIndirect();
        if (last_resources_indirect_) last_resources_ = resources_.getObjGen();
    }

    void show_text(const std::string& op) {
        const Operand& s = op == "\"" ? operand(2) : operand(0);
        const std::string& shown = s.kind == Operand::String ? s.text : std::string();
        real_content_text(shown);
        const State& st = states_.back();
        auto it = facts_.fonts.find(st.font_key);
        if (it == facts_.fonts.end()) return;
        FontUse& use = it->second;
        if (st.render_mode != 3) use.rendered = true;
        for (std::uint32_t code : use.codes_of.split(shown)) use.codes.emplace(code, page_ + 1);
    }

    void real_content_text(const std::string& shown) {
        if (inside_tagged() || inside_artifact()) return;
        real_content("text '" + sample(shown) + "'");
    }

    void draw_xobject(const Operand& name) {
        if (name.kind != Operand::Name) return;
        QPDFObjectHandle xobj = get(get(resources_, "/XObject"), name.text);
        if (!xobj.isStream()) return;
        const std::string subtype = name_of(get(xobj, "/Subtype"));
        if (subtype == "Image") return real_content("the image " + name.text);
        if (subtype != "Form") return;
        if (!get(xobj, "/Ref").isNull())
            f_.add(Condition::ReferenceXObject, page_ + 1, xobj, "the form XObject " + name.text + " is a reference XObject");
        if (form_depth_ > 8) return;   // a form drawing itself: followed this far, no further
        QPDFObjectHandle saved = resources_;
        QPDFObjectHandle own = get(xobj, "/Resources");
        if (own.isDictionary()) resources_ = own;
        last_font_key_.clear();
        const bool had_mcids = form_has_mcids_;
        form_has_mcids_ = false;
        ++form_depth_;
        states_.push_back(states_.back());
        std::vector<Operand> outer = std::move(operands_);
        try {
            walk(stream_data(xobj));
        } catch (const std::exception& e) {
            f_.add(Condition::BrokenStructure, page_ + 1, xobj, std::string("the form XObject cannot be read: ") + e.what());
        }
        operands_ = std::move(outer);
        states_.pop_back();
        --form_depth_;
        resources_ = saved;
        last_font_key_.clear();
        if (xobj.isIndirect()) {
            const int uses = ++form_uses_[xobj.getObjGen()];
            if (form_has_mcids_) forms_with_mcids_.insert(xobj.getObjGen());
            if (uses == 2 && forms_with_mcids_.count(xobj.getObjGen()))
                f_.add(Condition::SharedFormWithMcids, page_ + 1, xobj,
                       "the form XObject " + name.text + " holds MCIDs and is drawn more than once");
        }
        form_has_mcids_ = had_mcids || form_has_mcids_;
    }

    const Document& doc_;
    Findings& f_;
    ContentFacts& facts_;
    int page_ = 0;
    QPDFObjectHandle resources_;
    std::vector<Operand> operands_;
    std::vector<Marked> marked_;
    std::vector<State> states_;
    int form_depth_ = 0;
    bool form_has_mcids_ = false;
    std::map<QPDFObjGen, int> form_uses_;
    std::set<QPDFObjGen> forms_with_mcids_;
    std::string last_font_name_, last_font_key_;
    QPDFObjGen last_resources_;
    bool last_resources_indirect_ = false;
    int last_page_ = -1;
};

}  // namespace

ContentFacts read_content(const Document& doc, Findings& findings) {
    ContentFacts facts;
    facts.mcids.resize(doc.pages.size());
    Walker walker(doc, findings, facts);
    for (size_t p = 0; p < doc.pages.size(); ++p) walker.page(static_cast<int>(p));
    return facts;
}

}  // namespace ep::pdfcheck::detail
