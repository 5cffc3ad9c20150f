// Breaking a word that is wider than its box (a URL, a file path, a code, a long name) into
// pieces that each fit. Shared by the PDF line breaker (body text, headings, table cells) and
// the chart label wrapper, so a long word breaks at the same places everywhere.
//
// Where a word may break, best first (docs/content-format.md, "Long words"):
//   1. after `/`, `-`, `_` or `.`, and before a `%` escape (`%` and two hex digits, `%2F`);
//   2. anywhere else between two characters, but never inside a character's UTF-8 bytes nor
//      before a combining mark, a variation selector or a zero-width joiner (or after one).
// A piece ends at the last break point of kind 1 that fills at least half of the room;
// failing that, at the last point of kind 2 that fits. A piece always holds at least one
// character, so breaking ends even when a single character is wider than the room.
// The work is linear in the word's length: each character is measured once.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace ep {

// What may come before the character at a byte offset of a word.
enum class BreakKind : unsigned char {
    None,       // not here (inside a character, before a combining mark)
    Anywhere,   // between two characters
    Preferred,  // after / - _ . or before %XX
};

// The break kind before the character starting at byte `at` of `word` (0 < at < size, at a
// character boundary); None elsewhere.
BreakKind break_before(std::string_view word, size_t at);

// The width the character `c` starting at byte `at` adds at the end of a piece: its advance,
// plus its kerning with `prev` (0 when it is the piece's first character). Called in order of
// `at`, so a caller with styled ranges can follow them with a cursor.
using CharAdvance = std::function<double(size_t at, char32_t prev, char32_t c)>;

struct WordPieces {
    std::vector<size_t> starts;   // byte offset of every piece but the first
    size_t measured = 0;          // calls made to the advance function (for the tests: linear)
};

// Where to break `word` (no white space in it) so that each piece is at most `room` wide,
// measured with `advance`.
WordPieces break_word(std::string_view word, double room, const CharAdvance& advance);

}  // namespace ep
