#include "narrative/placeholder.h"

#include <cctype>
#include <vector>

#include "core/text.h"

namespace ep::narrative {

namespace {

struct Token {
    std::string text;
    size_t offset;    // in the inner text
};

bool is_word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '/' || c == '.';
}

std::vector<Token> tokenize(std::string_view s, const Location& where, size_t inner_offset) {
    std::vector<Token> out;
    size_t i = 0;
    while (i < s.size()) {
        char c = s[i];
        if (c == ' ' || c == '\t') {
            ++i;
        } else if (c == '@' || c == ':' || c == '|') {
            out.push_back({std::string(1, c), i});
            ++i;
        } else if (is_word_char(c)) {
            size_t start = i;
            while (i < s.size() && is_word_char(s[i])) ++i;
            out.push_back({std::string(s.substr(start, i - start)), start});
        } else {
            Location at = where;
            at.column += static_cast<int>(inner_offset + i);
            throw Error(at, std::string("unexpected character '") + c + "' in placeholder");
        }
    }
    return out;
}

class Parser {
public:
    Parser(std::vector<Token> tokens, const Location& where, size_t inner_offset, size_t inner_len)
        : t_(std::move(tokens)), where_(where), inner_offset_(inner_offset), inner_len_(inner_len) {}

    Placeholder parse() {
        Placeholder p;
        p.where = where_;
        if (t_.empty()) fail(0, "empty placeholder: write {{ measure @ place }}");
        static const std::pair<const char*, PlaceholderKind> verbs[] = {
            {"name", PlaceholderKind::Name},   {"title", PlaceholderKind::Title}, {"best", PlaceholderKind::Best},
            {"best_place", PlaceholderKind::BestPlace}, {"rank", PlaceholderKind::Rank},
            {"quartile", PlaceholderKind::Quartile}, {"gap", PlaceholderKind::Gap},
            {"gap_people", PlaceholderKind::GapPeople}, {"compare", PlaceholderKind::Compare},
            {"source", PlaceholderKind::Source}, {"how", PlaceholderKind::How}, {"ref", PlaceholderKind::Ref}};
        if (t_.size() == 1 && (t_[0].text == "else" || t_[0].text == "end")) {
            p.kind = t_[0].text == "else" ? PlaceholderKind::Else : PlaceholderKind::End;
            return p;
        }
        if (t_[0].text == "if") return parse_condition(p);
        for (const auto& [word, kind] : verbs)
            if (t_[0].text == word && t_.size() > 1 && !is_symbol(1)) {
                p.kind = kind;
                ++i_;
            }
        switch (p.kind) {
            case PlaceholderKind::Name: p.place = word("a place code"); break;
            case PlaceholderKind::Title: p.measure = word("a measure code"); break;
            case PlaceholderKind::Ref: p.id = word("a table or figure id"); break;
            case PlaceholderKind::Best:
            case PlaceholderKind::BestPlace:
                p.measure = word("a measure code");
                keyword("in");
                p.group = word("a group code");
                break;
            case PlaceholderKind::Rank:
            case PlaceholderKind::Quartile:
            case PlaceholderKind::Gap:
            case PlaceholderKind::GapPeople:
                measure_at_place(p);
                in_group(p);
                if (p.kind == PlaceholderKind::GapPeople) {
                    keyword("per");
                    p.population = word("a population measure code");
                }
                break;
            case PlaceholderKind::Compare:
                measure_at_place(p);
                with_other(p);
                if (accept("relative")) p.relative = true;
                break;
            default: measure_at_place(p); break;
        }
        if (accept(":")) p.period = word("a period such as 2009/10");
        if (accept("|")) {
            size_t at = i_;
            std::string s = word("a style");
            p.style = parse_style(s);
            if (!p.style)
                fail(t_[at].offset, "unknown style '" + s +
                                        "' (use money, money_long, money_exact, percent, percent1, count, number or duration)");
        }
        if (i_ < t_.size()) fail(t_[i_].offset, "unexpected '" + t_[i_].text + "' in placeholder");
        return p;
    }

private:
    // "measure @ place", "in group", "with other"
    void measure_at_place(Placeholder& p) {
        p.measure = word("a measure code");
        if (i_ >= t_.size() || t_[i_].text != "@") {
            // A figure placeholder whose first word is all there is before something else
            // ("{{ value: x }}", "{{ nmae coventry }}"): say what placeholders look like, and
            // the placeholder word it was probably meant to be.
            if (p.kind == PlaceholderKind::Value && i_ == 1) {
                std::vector<std::string> words;
                for (const char* w : {"name", "title", "best", "best_place", "rank", "quartile", "gap", "gap_people",
                                      "compare", "source", "how", "ref", "if", "else", "end"})
                    words.push_back(w);
                const std::string meant = nearest_name(p.measure, words);
                const std::string forms = "a figure is {{ measure @ place }}; other placeholders begin with name, title, ref, "
                                          "best, best_place, rank, quartile, gap, gap_people, compare, source, how or if "
                                          "(docs/content-format.md, \"Placeholders\")";
                if (!meant.empty())
                    fail(t_[0].offset, "'" + p.measure + "' is not a placeholder word: did you mean '" + meant + "'? (" + forms + ")");
                if (i_ + 1 == t_.size() && !is_symbol(i_))
                    fail(t_[i_].offset, "a figure needs '@' between the measure and the place: {{ " + p.measure + " @ " +
                                            t_[i_].text + " }}");
                fail(t_[0].offset, "'" + p.measure + "' is not a placeholder word, and no '@ place' follows it: " + forms);
            }
            fail(here(), "expected '@' and a place code after the measure '" + p.measure + "'");
        }
        ++i_;
        p.place = word("a place code");
    }
    void in_group(Placeholder& p) {
        keyword("in");
        p.group = word("a group code");
    }
    void with_other(Placeholder& p) {
        keyword("with");
        p.other = word("a place code");
    }
    // {{ if [not] best|worst measure @ place in group [: period] }}, {{ if [not] same measure @ place with other [: period] }}
    Placeholder parse_condition(Placeholder& p) {
        p.kind = PlaceholderKind::If;
        ++i_;
        p.negated = accept("not");
        size_t at = here();
        std::string test = word("best, worst or same");
        if (test == "best" || test == "worst") p.condition = test == "best" ? Condition::Best : Condition::Worst;
        else if (test == "same") p.condition = Condition::Same;
        else fail(at, "unknown condition '" + test + "' (use best, worst or same, each optionally after 'not')");
        measure_at_place(p);
        if (p.condition == Condition::Same) with_other(p);
        else in_group(p);
        if (accept(":")) p.period = word("a period such as 2009/10");
        if (i_ < t_.size()) fail(t_[i_].offset, "unexpected '" + t_[i_].text + "' in condition");
        return p;
    }
    bool is_symbol(size_t k) const {
        return t_[k].text == "@" || t_[k].text == ":" || t_[k].text == "|";
    }
    [[noreturn]] void fail(size_t offset, const std::string& msg) const {
        Location at = where_;
        at.column += static_cast<int>(inner_offset_ + offset);
        throw Error(at, msg);
    }
    size_t here() const { return i_ < t_.size() ? t_[i_].offset : inner_len_; }
    std::string word(const char* what) {
        if (i_ >= t_.size() || is_symbol(i_)) fail(here(), std::string("expected ") + what);
        return t_[i_++].text;
    }
    void symbol(const char* s) {
        if (i_ >= t_.size() || t_[i_].text != s) fail(here(), std::string("expected '") + s + "'");
        ++i_;
    }
    void keyword(const char* s) {
        if (i_ >= t_.size() || t_[i_].text != s) fail(here(), std::string("expected '") + s + "'");
        ++i_;
    }
    bool accept(const char* s) {
        if (i_ < t_.size() && t_[i_].text == s) {
            ++i_;
            return true;
        }
        return false;
    }
    std::vector<Token> t_;
    size_t i_ = 0;
    Location where_;
    size_t inner_offset_, inner_len_;
};

}  // namespace

Placeholder parse_placeholder(std::string_view inner, const Location& where) {
    constexpr size_t kOpen = 2;   // columns taken by "{{"
    return Parser(tokenize(inner, where, kOpen), where, kOpen, inner.size()).parse();
}

std::vector<Placeholder> scan_placeholders(std::string_view text, const std::string& file, Diagnostics& diags) {
    std::vector<Placeholder> out;
    int line = 1, column = 1;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
            Location where{file, line, column};
            size_t close = text.find("}}", i + 2);
            size_t eol = text.find('\n', i);
            if (close == std::string_view::npos || (eol != std::string_view::npos && close > eol)) {
                diags.error(where, "placeholder '{{' is not closed with '}}' on the same line");
            } else {
                try {
                    Placeholder p = parse_placeholder(text.substr(i + 2, close - i - 2), where);
                    p.begin = i;
                    p.end = close + 2;
                    out.push_back(std::move(p));
                } catch (const Error& e) {
                    diags.add(e);
                }
                // columns advance over the placeholder's characters
                for (size_t k = i; k < close + 2; ++k)
                    if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) ++column;
                i = close + 1;
                continue;
            }
        }
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return out;
}

}  // namespace ep::narrative
