// Long words (core/word_break.h): where a word wider than its box breaks, in which order of
// preference, that the work is linear in its length (counted, not timed), and that the PDF line
// breaker, table cells, chart labels and the HTML use those points.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "charts/layout.h"
#include "core/word_break.h"
#include "html/render.h"
#include "model/document.h"
#include "pdf/fonts.h"
#include "pdf/text_layout.h"

using namespace ep;

namespace {

// Every character one unit wide, so the expected pieces can be counted by hand.
double unit_width(size_t, char32_t, char32_t) { return 1.0; }

std::vector<std::string> pieces_of(const std::string& word, double room, const CharAdvance& advance = unit_width) {
    std::vector<std::string> out;
    size_t from = 0;
    for (size_t cut : break_word(word, room, advance).starts) {
        out.push_back(word.substr(from, cut - from));
        from = cut;
    }
    out.push_back(word.substr(from));
    return out;
}

using Pieces = std::vector<std::string>;

}  // namespace

TEST_CASE("break_before: after / - _ . and before a %XX escape; nowhere inside a character or cluster") {
    const std::string w = "ab/cd-ef_gh.ij%2Fkl%zz//m";
    auto kind_at = [&](const std::string& before) { return break_before(w, before.size()); };
    CHECK(kind_at("ab/") == BreakKind::Preferred);
    CHECK(kind_at("ab/cd-") == BreakKind::Preferred);
    CHECK(kind_at("ab/cd-ef_") == BreakKind::Preferred);
    CHECK(kind_at("ab/cd-ef_gh.") == BreakKind::Preferred);
    CHECK(kind_at("ab/cd-ef_gh.ij") == BreakKind::Preferred);          // before %2F
    CHECK(kind_at("ab/cd-ef_gh.ij%2Fkl") == BreakKind::Anywhere);     // %zz is no escape
    CHECK(kind_at("ab/cd-ef_gh.ij%2Fkl%zz/") == BreakKind::Anywhere); // never between two slashes
    CHECK(kind_at("ab/cd-ef_gh.ij%2Fkl%zz//") == BreakKind::Preferred);
    CHECK(kind_at("a") == BreakKind::Anywhere);
    CHECK(break_before(w, 0) == BreakKind::None);
    CHECK(break_before(w, w.size()) == BreakKind::None);
    const std::string accented = "cafe\xCC\x81s";   // e + combining acute accent
    CHECK(break_before(accented, 4) == BreakKind::None);   // before the accent
    CHECK(break_before(accented, 5) == BreakKind::None);   // inside its UTF-8 bytes
    CHECK(break_before(accented, 6) == BreakKind::Anywhere);
    const std::string pound = "\xC2\xA3\xC2\xA3";
    CHECK(break_before(pound, 1) == BreakKind::None);
    CHECK(break_before(pound, 2) == BreakKind::Anywhere);
}

TEST_CASE("break_word: a preferred point that fills half the room first, else between characters") {
    // "abc/" fills 4 of 6 (at least half): broken after the slash.
    CHECK(pieces_of("abc/defghijkl", 6) == Pieces{"abc/", "defghi", "jkl"});
    // "a/" fills only 2 of 6: the line is filled and broken between characters instead.
    CHECK(pieces_of("a/bcdefghijk", 6) == Pieces{"a/bcde", "fghijk"});
    // Before a %2F escape, which stays whole.
    CHECK(pieces_of("aaaa%2Fbbbb", 6) == Pieces{"aaaa", "%2Fbbb", "b"});
    // The last preferred point that fits wins over an earlier one.
    CHECK(pieces_of("ab-cd-efghij", 6) == Pieces{"ab-cd-", "efghij"});
    // A word that fits is one piece.
    CHECK(pieces_of("abcdef", 6) == Pieces{"abcdef"});
    // A room narrower than one character: one character a piece, and it ends.
    CHECK(pieces_of("abc", 0.5) == Pieces{"a", "b", "c"});
    CHECK(pieces_of("abc", -10) == Pieces{"a", "b", "c"});
    // A combining mark stays with its letter.
    CHECK(pieces_of("abcde\xCC\x81" "fg", 5) == Pieces{"abcd", "e\xCC\x81" "fg"});
}

TEST_CASE("break_word: a piece's first character is measured without kerning to the one before it") {
    // 'b' after 'a' kerns by -0.5: "ab" is 1.5 wide, but a piece starting with 'b' has it at 1.
    auto kerned = [](size_t, char32_t prev, char32_t c) { return prev == 'a' && c == 'b' ? 0.5 : 1.0; };
    CHECK(pieces_of("ababab", 3, kerned) == Pieces{"abab", "ab"});
    // After the cut the rest is re-measured: "bab" would be 2.5 kerned but is 2.5 alone too.
    CHECK(pieces_of("aaab", 2, kerned) == Pieces{"aa", "ab"});
}

TEST_CASE("break_word: linear in the word's length (a 1 MB word, counted calls)") {
    for (const std::string& word : {std::string(1 << 20, 'W'), [] {
             std::string s;
             while (s.size() < (1u << 20)) s += "ab/";
             return s;
         }()}) {
        const WordPieces p = break_word(word, 40, unit_width);
        CHECK(p.measured <= 2 * word.size());
        CHECK(p.starts.size() >= word.size() / 40);
        CHECK(p.starts.size() <= word.size() / 20 + 1);   // every piece at least half full
        size_t from = 0;
        bool all_fit = true;
        for (size_t cut : p.starts) {
            all_fit = all_fit && cut > from && cut - from <= 40;
            from = cut;
        }
        CHECK(all_fit);
        CHECK(word.size() - from <= 40);
    }
}

TEST_CASE("break_lines: a long link breaks over lines within the width and keeps its whole target") {
    const auto fonts = pdf::FontSet::load();
    const std::string url =
        "https://contoso.sharepoint.com/sites/Partnership/Shared%20Documents/Forms/AllItems.aspx?id=%2Fsites"
        "%2FPartnership%2FShared%20Documents%2FTotal%20Place%2FFinal%20Concordat%20v3%2Epdf&parent=%2Fsites";
    model::Run link;
    link.text = url;
    link.link = url;
    model::Run before, after;
    before.text = "See ";
    after.text = " for the text.";
    for (float width : {60.0f, 120.0f, 300.0f}) {
        CAPTURE(width);
        const auto lines = pdf::break_lines({before, link, after}, pdf::TextStyle{}, width, fonts);
        REQUIRE(lines.size() > 1);
        std::string linked;
        for (const auto& line : lines) {
            CHECK(line.width <= width + 0.01f);
            for (const auto& f : line.fragments) {
                if (f.attrs.link.empty()) continue;
                CHECK(f.attrs.link == url);
                linked += f.text;
            }
        }
        CHECK(linked == url);   // every character once, in order
    }
    // Broken first after the slashes and before the escapes, not in the middle of "Shared".
    const auto lines = pdf::break_lines({link}, pdf::TextStyle{}, 150, fonts);
    CHECK(lines.front().fragments.front().text.back() == '/');
    for (const auto& line : lines) {
        const std::string& t = line.fragments.front().text;
        const bool whole = t.find("Shar") == std::string::npos || t.find("Shared") != std::string::npos;
        CHECK(whole);
    }
    // A break between two pieces is no word space.
    CHECK_FALSE(lines.front().soft_break);
}

TEST_CASE("break_lines: a long word in a very narrow box ends (one character a line at worst)") {
    const auto fonts = pdf::FontSet::load();
    model::Run r;
    r.text = std::string(400, 'W');
    for (float width : {-12.0f, 0.0f, 3.0f}) {
        const auto lines = pdf::break_lines({r}, pdf::TextStyle{}, width, fonts);
        CHECK(lines.size() == 400);
    }
}

TEST_CASE("wrap_text: a word wider than the label breaks instead of being cut, in linear work") {
    const auto lines = charts::wrap_text("Coventry_and_Warwickshire_Partnership_Area", 120, 13, false, 3);
    REQUIRE(lines.size() >= 2);
    std::string joined;
    for (const auto& l : lines) {
        CHECK(charts::text_width(l, 13) <= 120);
        joined += l;
    }
    CHECK(joined == "Coventry_and_Warwickshire_Partnership_Area");
    CHECK(lines.front().back() == '_');
    // Too long for its lines: the last line ends with an ellipsis, and a 1 MB name is handled.
    const auto cut = charts::wrap_text(std::string(1 << 20, 'W'), 120, 13, false, 2);
    REQUIRE(cut.size() == 2);
    CHECK(cut.back().find("\xE2\x80\xA6") != std::string::npos);
    CHECK(charts::text_width(cut.back(), 13) <= 120);
}

TEST_CASE("breakable_html: long words get <wbr> at their break points; short ones and the spaces are as they were") {
    CHECK(html::breakable_html("Coventry & Solihull") == "Coventry &amp; Solihull");
    CHECK(html::breakable_html("https://example.org/a_very/long-path/file.pdf?x=%2F1 then") ==
          "<span class=\"ep-long-word\">https://<wbr>example.<wbr>org/<wbr>a_<wbr>very/<wbr>long-<wbr>path/<wbr>"
          "file.<wbr>pdf?x=<wbr>%2F1</span> then");
    CHECK(html::breakable_html(std::string(41, 'a') + "<") == "<span class=\"ep-long-word\">" + std::string(41, 'a') + "&lt;</span>");
    CHECK(html::breakable_html(std::string(40, 'a')) == std::string(40, 'a'));
}
