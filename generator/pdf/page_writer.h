// The paint pass: draws a finished Layout into a libharu document.
#pragma once

#include <hpdf.h>

#include "pdf/fonts.h"
#include "pdf/layout.h"

namespace ep::pdf {

// Adds one A4 page per layout page, draws every box in marked content (tagged PDF), and adds
// link annotations, the outline (bookmarks), page labels and the structure tree. Returns the
// number of structure elements written.
int paint_layout(HPDF_Doc pdf, const Layout& layout, const FontSet& fonts);

}  // namespace ep::pdf
