// Every character the PDF prints must be in its fonts: checked on the document model, before
// anything is written, so each character no font holds is reported where it was typed.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "model/document.h"

namespace ep::pipeline {

// A file the document was built from, as shown in messages, with its text (UTF-8, no
// byte-order mark).
struct SourceText {
    std::string file;
    std::string text;
};

// Reports each character the PDF would print that no font of the PDF holds (pdf::FontSet::
// printable): an error at each place in `sources` where it was typed ("content/x.md:3:14:
// error: the PDF's fonts have no glyph for '中' (U+4E2D) ..."), at most ten places a
// character; a character typed nowhere (an HTML entity in the Markdown) is reported at the
// block that prints it. A font file that is missing or unusable is an error too.
// `read_sources` gives the files to look in; it is called only when a character is missing.
void check_printable(const model::Document& doc, const std::function<std::vector<SourceText>()>& read_sources,
                     Diagnostics& d);

}  // namespace ep::pipeline
