// Building blocks shared by the per-type layouts (internal to generator/charts).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "charts/layout.h"

namespace ep::charts::parts {

// ---- primitive marks -------------------------------------------------------------------

void add_rect(Scene& s, double x, double y, double w, double h, Colour fill,
              Hatch hatch = Hatch::None, double rx = 0, Colour stroke = kNone);
void add_line(Scene& s, double x1, double y1, double x2, double y2, Colour colour,
              double width = 1, bool dashed = false);
void add_marker(Scene& s, double x, double y, double r, Shape shape, Colour fill,
                Colour stroke = kWhite);
void add_text(Scene& s, double x, double baseline, const std::string& text, double size,
              Anchor anchor = Anchor::Start, Colour colour = kInk, bool bold = false);
// Lines of text vertically centred on `centre_y`.
void add_lines(Scene& s, double x, double centre_y, const std::vector<std::string>& lines,
               double size, Anchor anchor, Colour colour = kInk, bool bold = false);
// Baseline that centres one line of text of `size` on `centre_y`.
double baseline_for(double centre_y, double size);

// ---- data access -----------------------------------------------------------------------

size_t series_count(const model::Chart& c);
size_t category_count(const model::Chart& c);
const model::ChartPoint* point_at(const model::Chart& c, size_t series, size_t category);
std::optional<double> value_at(const model::Chart& c, size_t series, size_t category);
struct Extent {
    double lo = 0, hi = 0;
    bool any = false;
};
Extent value_extent(const model::Chart& c);                 // over all series
Extent series_extent(const model::Chart& c, size_t series);

// ---- scales and axes -------------------------------------------------------------------

struct LinearScale {
    double d0 = 0, d1 = 1, r0 = 0, r1 = 1;
    double operator()(double v) const {
        return d1 == d0 ? r0 : r0 + (v - d0) / (d1 - d0) * (r1 - r0);
    }
};

double widest_tick_label(const Ticks& t, const std::string& unit);
// Horizontal gridlines with tick labels right-aligned left of x0 (vertical value axis).
void value_axis_left(Scene& s, const Ticks& t, const LinearScale& y, double x0, double x1,
                     const std::string& unit);
// Vertical gridlines with tick labels centred below `label_top` (horizontal value axis).
void value_axis_bottom(Scene& s, const Ticks& t, const LinearScale& x, double y0, double y1,
                       double label_top, const std::string& unit);

// Legend of series names with swatches (hatched rects or marker shapes); wraps onto
// several lines. Returns the height used (0 when there is fewer than two series).
enum class Swatch { Bar, Marker, Line };
double legend(Scene& s, const model::Chart& c, double top, double width, Swatch swatch);

// Small axis title above the plot (left aligned); returns the height used.
double axis_title_top(Scene& s, const std::string& title, double top);

// Category labels in a left column of width `col_width`, wrapped to two lines.
std::vector<std::vector<std::string>> wrap_categories(const model::Chart& c, double col_width,
                                                      double size);
double widest_line(const std::vector<std::vector<std::string>>& wrapped, double size);
size_t most_lines(const std::vector<std::vector<std::string>>& wrapped);

// "No data" placeholder scene.
Scene empty_scene(double width);

// ---- per-type layouts ------------------------------------------------------------------

Scene layout_vertical_bars(const model::Figure& f, double width);   // Bar, Grouped
Scene layout_horizontal_bars(const model::Figure& f, double width); // HBar (and wide Grouped)
bool vertical_bars_fit(const model::Chart& c, double width);
Scene layout_stacked(const model::Figure& f, double width);
Scene layout_waterfall(const model::Figure& f, double width);
Scene layout_dot_plot(const model::Figure& f, double width);
Scene layout_scatter(const model::Figure& f, double width);
Scene layout_range(const model::Figure& f, double width);
Scene layout_line(const model::Figure& f, double width);
Scene layout_overlap(const model::Figure& f, double width);
Scene layout_map(const model::Figure& f, double width);             // layout_map.cpp

}  // namespace ep::charts::parts
