// Where the PDF's font files are (kept apart from fonts.h, which brings in libharu).
#pragma once

#include <string>

namespace ep::pdf {

// The folders holding the font files: Liberation (fonts-liberation2) and DejaVu
// (fonts-dejavu-core), found by CMake (EP_FONT_DIR, EP_FALLBACK_FONT_DIR).
struct FontFolders {
    std::string liberation = EP_FONT_DIR;
    std::string dejavu = EP_FALLBACK_FONT_DIR;
};

}  // namespace ep::pdf
