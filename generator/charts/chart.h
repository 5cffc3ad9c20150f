// Charts: one description (model::Chart inside model::Figure), two backends.
// Both backends share the layout computed here (scales, ticks, label positions), so the SVG
// in the site and the vector drawing in the PDF show the same data with the same scales.
#pragma once

#include <string>
#include <vector>

#include <hpdf.h>

#include "model/document.h"

namespace ep::pdf {
class FontSet;
}

namespace ep::charts {

// "Nice" axis ticks in 1-2-5 steps covering [lo, hi]; always includes zero for bars.
struct Ticks {
    double lo = 0, hi = 1, step = 1;
    std::vector<double> values;
};
Ticks nice_ticks(double lo, double hi, int max_ticks = 6);

// Axis label for a tick value in the chart's unit ("£500", "40%", "1,000").
std::string tick_label(double value, const std::string& unit);

// The chart's figures in words, its text alternative (the SVG's <desc>, the PDF's /Alt): each
// category with its value, series by series ("Coventry £1,064; Solihull £958; Warwickshire
// £822."). Not the summary, which the page prints under the chart: a screen reader would read
// it twice, and a summary gives a headline, not the data.
std::string describe_data(const model::Figure& figure);

// Inline SVG (no external references) with <title> from the figure's title and <desc> from
// describe_data, role="img", aria-labelledby. Width/height are the viewBox; it scales responsively.
std::string render_svg(const model::Figure& figure);

// The same, laid out `width` units wide (narrower layouts keep text legible on phones) with
// "-" + `variant` added to every id, so two drawings of one figure can share a page.
std::string render_svg(const model::Figure& figure, double width, const std::string& variant);

// Draws the chart into the box (x, y = bottom-left, w, h in points) on `page`, its labels in
// the PDF's regular and bold faces (already loaded by the PDF writer), measured and drawn with
// their kerning as the body text is (pdf::FontSet::width and show).
void draw_pdf(HPDF_Page page, const model::Figure& figure, const pdf::FontSet& fonts,
              float x, float y, float w, float h);

// Height the chart wants at a given width (so the layout engine can reserve space).
float preferred_height(const model::Figure& figure, float width);

}  // namespace ep::charts
