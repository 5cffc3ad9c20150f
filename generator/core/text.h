// Small text utilities shared by every stage.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ep {

std::string trim(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);   // keeps empty fields
std::string to_lower(std::string_view s);
// The text with its first letter a capital, for a phrase that opens a sentence (ASCII only:
// the messages it is used on start with an English word).
std::string sentence_case(std::string s);
bool starts_with(std::string_view s, std::string_view prefix);

// A CSV field: quoted (with "" for ") when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s);

// "Cost, Performance and Outcomes" -> "cost-performance-and-outcomes"
std::string slugify(std::string_view s);

// Is `s` valid UTF-8? On failure `bad_offset` is the byte offset of the first bad byte.
bool valid_utf8(std::string_view s, size_t* bad_offset = nullptr);

// The candidate closest to `word` (letters added, removed, changed or two swapped, case
// aside), if at most `max_distance` such edits away; "" if none is. For "did you mean" hints.
std::string nearest_name(std::string_view word, const std::vector<std::string>& candidates, size_t max_distance = 2);

// Line ends as old Mac programs (and Excel for Mac) write them, a CR alone, made LF in place
// (the same length, so byte offsets stay), so line numbers count them. CRLF is left as it is.
void lone_cr_to_lf(std::string& s);

// The code point starting at byte `i` of UTF-8 text, with `i` moved past it. Text is checked
// when it is read (valid_utf8), so a byte that starts no valid sequence is unexpected: it gives
// U+FFFD and moves one byte.
char32_t next_code_point(std::string_view s, size_t& i);

// The byte offset where the code point before offset `end` starts (0 if none).
size_t previous_code_point_start(std::string_view s, size_t end);

// Appends code point `cp` to `out` as UTF-8.
void append_utf8(std::string& out, char32_t cp);

// "U+2713": how messages name a character.
std::string code_point_name(char32_t cp);

// Escape for HTML text and attribute values.
std::string html_escape(std::string_view s);

}  // namespace ep
