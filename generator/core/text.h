// Small text utilities shared by every stage.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ep {

std::string trim(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);   // keeps empty fields
std::string to_lower(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);

// A CSV field: quoted (with "" for ") when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s);

// "Cost, Performance and Outcomes" -> "cost-performance-and-outcomes"
std::string slugify(std::string_view s);

// UTF-8 -> Windows-1252, the encoding the PDF fonts use (every glyph in CP1252 then extracts
// cleanly with pdftotext). Characters outside CP1252 become '?'; `lost` counts them.
std::string utf8_to_cp1252(std::string_view s, int* lost = nullptr);

// The Unicode code point of a Windows-1252 byte (0 for the five unassigned bytes in 0x80-0x9F).
unsigned cp1252_to_unicode(unsigned char byte);

// Is `s` valid UTF-8? On failure `bad_offset` is the byte offset of the first bad byte.
bool valid_utf8(std::string_view s, size_t* bad_offset = nullptr);

// The candidate closest to `word` (letters added, removed, changed or two swapped, case
// aside), if at most `max_distance` such edits away; "" if none is. For "did you mean" hints.
std::string nearest_name(std::string_view word, const std::vector<std::string>& candidates, size_t max_distance = 2);

// Line ends as old Mac programs (and Excel for Mac) write them, a CR alone, made LF in place
// (the same length, so byte offsets stay), so line numbers count them. CRLF is left as it is.
void lone_cr_to_lf(std::string& s);

// Escape for HTML text and attribute values.
std::string html_escape(std::string_view s);

}  // namespace ep
