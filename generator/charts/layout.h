// Chart layout: turns a model::Figure into a flat list of primitive marks (a Scene) in an
// abstract coordinate space (y down, design width ~640 units, text sizes >= 12 units).
// The SVG and PDF backends paint the same Scene, so both show the same scales and labels.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "charts/chart.h"
#include "model/document.h"

namespace ep::charts {

// ---- colours ---------------------------------------------------------------------------

using Colour = std::int32_t;        // 0xRRGGBB; kNone = not painted
constexpr Colour kNone = -1;
constexpr Colour kInk = 0x0b0c0c;       // main text, zero line
constexpr Colour kInkSoft = 0x505a5f;   // axis labels, notes (7:1 on white)
constexpr Colour kGrid = 0xdcdcdc;      // gridlines
constexpr Colour kWhite = 0xffffff;

// Okabe-Ito based, colour-blind safe, ordered so neighbours contrast strongly.
Colour series_colour(size_t index);
Colour light_tint(Colour c, double amount);     // mix with white (amount 0..1 of white)
Colour text_colour_on(Colour fill);             // kInk or kWhite, whichever contrasts more
Colour text_shade(Colour c);                    // c darkened in its hue to 4.5:1 on white, for text
double contrast_ratio(Colour a, Colour b);      // WCAG 2 contrast ratio, 1 to 21


// ---- marks -----------------------------------------------------------------------------

enum class MarkKind { Rect, Line, Polyline, Marker, Text, Path };
enum class Shape { Circle, Square, Diamond, Triangle };
enum class Anchor { Start, Middle, End };

// Hatch overlays (white lines over the fill) so series never differ by colour alone.
enum class Hatch { None = 0, Diagonal = 1, Cross = 2, Horizontal = 3, Vertical = 4, BackDiagonal = 5 };
Hatch series_hatch(size_t index);
Shape series_shape(size_t index);

// Hatch geometry shared by both backends: white lines `kHatchSpacing` apart, at these
// angles (degrees, counter-clockwise from the x axis as seen on the page).
constexpr double kHatchSpacing = 6;
constexpr double kHatchWidth = 1.5;
std::vector<double> hatch_angles(Hatch h);

// Maps: band `band` of `bands` (lowest first) in a colour-blind-safe sequential blue ramp,
// lightest to darkest, each with its own pattern (none for the lowest), so a map reads in
// greyscale; patterns are drawn in text_colour_on(fill). Places with no figure are white with
// kNoDataHatch lines; the areas around the mapped places are kContextFill.
Colour band_colour(size_t band, size_t bands);
Hatch band_hatch(size_t band);
constexpr Colour kContextFill = 0xf3f2f1;
constexpr Colour kNoDataHatch = 0x505a5f;
constexpr Hatch kNoDataPattern = Hatch::BackDiagonal;

// Outline of a non-circular marker (Square, Diamond, Triangle) of "radius" r.
std::vector<std::pair<double, double>> marker_outline(Shape shape, double x, double y, double r);

struct Mark {
    MarkKind kind = MarkKind::Rect;
    // Rect: x, y = top-left, w, h. Line: (x, y) -> (x2, y2). Marker: centre x, y, radius r.
    // Text: x = anchor point, y = baseline. Path: closed `rings`, filled even-odd; `text` names
    // what it shows (a map's place and figure), for the site's tooltip.
    double x = 0, y = 0, w = 0, h = 0, x2 = 0, y2 = 0, r = 0;
    double rx = 0;                       // Rect corner radius
    Colour fill = kNone;
    Colour stroke = kNone;
    double stroke_width = 1;
    bool dashed = false;
    Hatch hatch = Hatch::None;
    Colour hatch_colour = kWhite;        // Rect, Path: the hatch lines' colour
    Shape shape = Shape::Circle;
    std::vector<std::pair<double, double>> points;   // Polyline
    std::vector<std::vector<std::pair<double, double>>> rings;   // Path
    std::string text;                    // UTF-8
    double size = 13;                    // font size
    bool bold = false;
    Anchor anchor = Anchor::Start;
    // Text: turned this many degrees counter-clockwise (as seen on the page) about its anchor
    // point; 90 reads upwards (a column chart's long category labels). 0: level.
    double rotate = 0;
};

struct Scene {
    double width = 640, height = 300;
    std::vector<Mark> marks;
};

// Design constants (layout units).
constexpr double kDesignWidth = 640;
constexpr double kFont = 13;        // labels
constexpr double kFontSmall = 12;   // tick labels, notes (never smaller)
constexpr double kLine = 16;        // line pitch for kFont text

// Builds the scene for a figure at a layout width (units); height is the natural height.
Scene build_scene(const model::Figure& figure, double width = kDesignWidth);

// Layout width used for a drawing box `width` wide (points), and the scale from layout
// units to points, so PDF text stays ~9 pt at A4 text width.
double layout_scale_for(double width);

// ---- text ------------------------------------------------------------------------------

// Approximate advance width of UTF-8 text in Arial/Liberation Sans metrics.
double text_width(std::string_view text, double size, bool bold = false);
// Wraps `text` into at most `max_lines` lines no wider than `max_width`; the last line is
// shortened with an ellipsis if it still does not fit.
std::vector<std::string> wrap_text(std::string_view text, double max_width, double size,
                                   bool bold = false, int max_lines = 2);
// Would `text` need more than `max_lines` lines (i.e. be truncated) at that width?
bool wrap_truncates(std::string_view text, double max_width, double size, bool bold = false,
                    int max_lines = 2);

// ---- values ----------------------------------------------------------------------------

// Full-precision label for a computed value (totals) in the chart's unit.
std::string value_label(double value, const std::string& unit);
// The label drawn next to a point: its own label if set, else value_label.
std::string point_label(const model::ChartPoint& p, const std::string& unit);

}  // namespace ep::charts
