// The ToUnicode CMap of a composite font: which characters each character code (here a CID,
// two bytes, Identity-H) stands for, so text extraction, search, screen readers and the
// structure tree's text give back what was typed. Written here rather than by libharu, whose
// UTF-8 mode writes a malformed one.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ep::pdf {

// The CMap program for `entries` (CID, code point). CIDs may come in any order; each appears
// once. Runs of consecutive CIDs showing consecutive BMP characters are written as bfrange
// entries (never across a change of the codes' first byte or of the characters' last byte),
// the rest as bfchar; each begin…end block holds at most 100 entries, as the CMap format
// requires. Characters beyond the BMP are UTF-16BE surrogate pairs. Code points that are no
// characters (0, U+FFFE, U+FEFF and surrogates, which PDF/UA-1 7.21.7 forbids as values) are
// left out.
std::string to_unicode_cmap(std::vector<std::pair<std::uint16_t, char32_t>> entries);

}  // namespace ep::pdf
