// The paint pass: draws a finished Layout into a libharu document.
#pragma once

#include <hpdf.h>

#include "pdf/fonts.h"
#include "pdf/layout.h"

namespace ep::pdf {

// Adds one A4 page per layout page, draws every box, and adds link annotations, the outline
// (bookmarks) and page labels.
void paint_layout(HPDF_Doc pdf, const Layout& layout, const FontSet& fonts);

}  // namespace ep::pdf
