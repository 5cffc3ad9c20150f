// Glyph names and the Unicode code points they stand for (the Adobe Glyph List).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ep::pdfcheck::detail {

// The code point of a name listed in the Adobe Glyph List ("eacute" -> U+00E9).
std::optional<std::uint32_t> glyph_list_code_point(std::string_view name);

// The code point a glyph name stands for by the Adobe Glyph List specification: a listed name,
// or "uniXXXX" / "uXXXX" to "uXXXXXX" (hexadecimal).
std::optional<std::uint32_t> code_point_of_glyph_name(std::string_view name);

}  // namespace ep::pdfcheck::detail
