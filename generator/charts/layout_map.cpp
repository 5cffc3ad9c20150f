// Map layout: the shapes of model::MapShapes scaled into the drawing, the areas around the
// mapped places in light grey, each place filled with its band's colour and pattern (or hatched
// as "no data"), the pack's own place outlined, names where they fit, and a legend with counts.
#include <algorithm>
#include <cmath>

#include "charts/layout.h"
#include "charts/layout_parts.h"

namespace ep::charts::parts {

namespace {

using Ring = std::vector<std::pair<double, double>>;

constexpr double kLegendWidth = 190;    // beside the map when the drawing is wide enough
constexpr double kSideBySide = 560;     // from this width on
constexpr double kGap = 20;
constexpr double kBorder = 0.6;         // between places: thin, near black (3:1 on every band)
constexpr double kContextBorder = 1;    // between the areas around them: white
constexpr double kOutline = 2.5;        // the pack's own place: near black, 3:1 on every band
constexpr double kPi = 3.14159265358979323846;
constexpr size_t kFewPlaces = 6;
constexpr double kHideable = 12;        // a callout may lie over a place this many times its size

struct Box {
    double x0, y0, x1, y1;
    bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

// Scales the frame (metres, y up) into the map's box (layout units, y down).
struct Projection {
    double x0, y1, k;
    std::pair<double, double> operator()(const model::MapPoint& p) const { return {(p.x - x0) * k, (y1 - p.y) * k}; }
};

std::vector<Ring> rings_of(const model::MapShape& shape, const Projection& to) {
    std::vector<Ring> out;
    for (const auto& poly : shape.polygons)
        for (const auto& ring : poly) {
            Ring r;
            r.reserve(ring.size());
            for (const auto& p : ring) r.push_back(to(p));
            out.push_back(std::move(r));
        }
    return out;
}

std::vector<Ring> rings_of(const std::vector<model::MapRing>& rings, const Projection& to) {
    model::MapShape shape;
    for (const auto& r : rings) shape.polygons.push_back({r});
    return rings_of(shape, to);
}

// Even-odd rule, as the shapes are filled.
bool inside(const std::vector<Ring>& rings, double x, double y) {
    bool in = false;
    for (const auto& r : rings)
        for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
            if ((r[i].second > y) != (r[j].second > y) &&
                x < (r[j].first - r[i].first) * (y - r[i].second) / (r[j].second - r[i].second) + r[i].first)
                in = !in;
    return in;
}

// Does any edge of the rings pass through the box?
bool crosses(const std::vector<Ring>& rings, const Box& b) {
    for (const auto& r : rings)
        for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
            const auto [ax, ay] = r[j];
            const auto [bx, by] = r[i];
            if (std::max(ax, bx) < b.x0 || std::min(ax, bx) > b.x1 || std::max(ay, by) < b.y0 || std::min(ay, by) > b.y1)
                continue;
            // Clip the segment to the box (Liang-Barsky): any part left is inside it.
            double t0 = 0, t1 = 1;
            const double dx = bx - ax, dy = by - ay;
            const double p[4] = {-dx, dx, -dy, dy}, q[4] = {ax - b.x0, b.x1 - ax, ay - b.y0, b.y1 - ay};
            bool hit = true;
            for (int k = 0; k < 4 && hit; ++k) {
                if (p[k] == 0) hit = q[k] >= 0;
                else if (const double t = q[k] / p[k]; p[k] < 0) t0 = std::max(t0, t);
                else t1 = std::min(t1, t);
            }
            if (hit && t0 <= t1) return true;
        }
    return false;
}

double bounds_area(const std::vector<Ring>& rings) {
    double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
    for (const auto& r : rings)
        for (const auto& [x, y] : r) x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
    return x1 > x0 ? (x1 - x0) * (y1 - y0) : 0;
}

bool fits(const std::vector<Ring>& rings, const Box& b) {
    return inside(rings, b.x0, b.y0) && inside(rings, b.x1, b.y0) && inside(rings, b.x0, b.y1) &&
           inside(rings, b.x1, b.y1) && !crosses(rings, b);
}

void add_path(Scene& s, std::vector<Ring> rings, Colour fill, Hatch hatch, Colour hatch_colour, Colour stroke,
              double width, const std::string& title) {
    Mark m;
    m.kind = MarkKind::Path;
    m.rings = std::move(rings);
    m.fill = fill, m.hatch = hatch, m.hatch_colour = hatch_colour;
    m.stroke = stroke, m.stroke_width = width;
    m.text = title;
    s.marks.push_back(std::move(m));
}

// A place's name (and figure, when there is room) inside it, on a box of its own fill so the
// pattern does not run through the letters; or nothing when it does not fit.
struct Labeller {
    Scene& s;
    Box frame;
    std::vector<Box> taken;

    bool free(const Box& b, const std::vector<Ring>& rings) const {
        if (b.x0 < frame.x0 || b.y0 < frame.y0 || b.x1 > frame.x1 || b.y1 > frame.y1) return false;
        for (const Box& t : taken)
            if (t.overlaps(b)) return false;
        return fits(rings, b);
    }

    // The label goes at `at` (the middle of the largest circle inside the area) or, when it
    // does not fit there, at the nearest point on a grid over the area where it does.
    bool place(const std::vector<Ring>& rings, std::pair<double, double> at, const std::vector<std::string>& lines,
               bool bold_first, Colour box, Colour ink) {
        double w = 0;
        for (size_t i = 0; i < lines.size(); ++i) w = std::max(w, text_width(lines[i], kFontSmall, bold_first && i == 0));
        const double pad = 3, pitch = kFontSmall * 1.2, h = pitch * static_cast<double>(lines.size()) + 2 * pad - 2;
        auto box_at = [&](double cx, double cy) { return Box{cx - w / 2 - pad, cy - h / 2, cx + w / 2 + pad, cy + h / 2}; };
        Box b = box_at(at.first, at.second);
        if (!free(b, rings)) {
            double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
            for (const auto& r : rings)
                for (const auto& [px, py] : r) x0 = std::min(x0, px), y0 = std::min(y0, py), x1 = std::max(x1, px), y1 = std::max(y1, py);
            const double step = 3;
            double best = HUGE_VAL;
            for (double cy = y0 + h / 2; cy <= y1 - h / 2; cy += step)
                for (double cx = x0 + w / 2 + pad; cx <= x1 - w / 2 - pad; cx += step) {
                    const double d = std::hypot(cx - at.first, cy - at.second);
                    if (d >= best) continue;
                    if (const Box c = box_at(cx, cy); free(c, rings)) best = d, b = c;
                }
            if (best == HUGE_VAL) return false;
            at = {(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2};
        }
        taken.push_back(b);
        if (box != kNone) add_rect(s, b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0, box, Hatch::None, 2);
        write(b, lines, bold_first, ink);
        return true;
    }

    // A place too small for its name: the name in a box beside it, clear of its own place, of
    // the labels before it and of any other mapped place (`places`) small enough for the box to
    // hide much of it, with a line to the place.
    bool callout(const std::vector<std::vector<Ring>>& places, size_t own, std::pair<double, double> at, double room,
                 const std::vector<std::string>& lines) {
        double w = 0;
        for (size_t i = 0; i < lines.size(); ++i) w = std::max(w, text_width(lines[i], kFontSmall, i == 0));
        const double pad = 3, pitch = kFontSmall * 1.2, h = pitch * static_cast<double>(lines.size()) + 2 * pad - 2;
        for (double r = room + h / 2 + 8; r < room + 90; r += 6)
            for (int k = 0; k < 8; ++k) {   // above first, then round clockwise
                const double a = -kPi / 2 + k * kPi / 4;
                const double cx = at.first + std::cos(a) * (r + (std::cos(a) != 0 ? w / 2 * std::fabs(std::cos(a)) : 0)),
                             cy = at.second + std::sin(a) * r;
                const Box b{cx - w / 2 - pad, cy - h / 2, cx + w / 2 + pad, cy + h / 2};
                if (b.x0 < frame.x0 || b.y0 < frame.y0 || b.x1 > frame.x1 || b.y1 > frame.y1) continue;
                bool clear = true;
                for (size_t p = 0; p < places.size() && clear; ++p) {
                    const bool over = crosses(places[p], b) || inside(places[p], cx, cy);
                    clear = !over || (p != own && bounds_area(places[p]) > kHideable * (b.x1 - b.x0) * (b.y1 - b.y0));
                }
                for (const Box& t : taken) clear = clear && !t.overlaps(b);
                if (!clear) continue;
                taken.push_back(b);
                const double ex = std::clamp(at.first, b.x0, b.x1), ey = std::clamp(at.second, b.y0, b.y1);
                add_line(s, at.first, at.second, ex, ey, kInk, 1);
                add_marker(s, at.first, at.second, 2, Shape::Circle, kInk, kWhite);
                add_rect(s, b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0, kWhite, Hatch::None, 2, kInk);
                s.marks.back().stroke_width = 0.75;
                write(b, lines, true, kInk);
                return true;
            }
        return false;
    }

    void write(const Box& b, const std::vector<std::string>& lines, bool bold_first, Colour ink) {
        const double pad = 3, pitch = kFontSmall * 1.2, x = (b.x0 + b.x1) / 2;
        for (size_t i = 0; i < lines.size(); ++i)
            add_text(s, x, b.y0 + pad + pitch * static_cast<double>(i) + kFontSmall * 0.92, lines[i], kFontSmall,
                     Anchor::Middle, ink, bold_first && i == 0);
    }
};

std::string places_count(int n) { return std::to_string(n) + (n == 1 ? " place" : " places"); }

// One legend row: a swatch and its text, wrapped. Returns the row's height.
double legend_row(Scene& s, double x, double y, double width, const std::string& text, Colour fill, Hatch hatch,
                  Colour hatch_colour, Colour stroke, double stroke_width) {
    const double sw = 24, sh = 16;
    add_rect(s, x, y, sw, sh, fill, hatch, 0, stroke);
    s.marks.back().hatch_colour = hatch_colour;
    s.marks.back().stroke_width = stroke_width;
    const auto lines = wrap_text(text, width - sw - 8, kFontSmall, false, 3);
    for (size_t i = 0; i < lines.size(); ++i)
        add_text(s, x + sw + 8, y + sh / 2 + kFontSmall * 0.36 + kLine * static_cast<double>(i), lines[i], kFontSmall,
                 Anchor::Start, kInk);
    return std::max(sh, kLine * static_cast<double>(lines.size())) + 8;
}

double map_legend(Scene& s, const model::Chart& c, double x, double top, double width) {
    double y = top;
    for (const auto& line : wrap_text(c.value_axis_title, width, kFont, true, 3)) {
        add_text(s, x, y + kFont, line, kFont, Anchor::Start, kInk, true);
        y += kLine;
    }
    for (const auto& line : wrap_text(c.bands_title, width, kFontSmall, false, 2)) {
        add_text(s, x, y + kFontSmall + 2, line, kFontSmall, Anchor::Start, kInkSoft);
        y += kLine;
    }
    y += 8;
    const size_t n = c.bands.size();
    for (size_t b = n; b-- > 0;) {   // the highest band first, as a reader scans down
        const Colour fill = band_colour(b, n);
        y += legend_row(s, x, y, width, c.bands[b].label + " (" + places_count(c.bands[b].count) + ")", fill,
                        band_hatch(b), text_colour_on(fill), kInk, kBorder);
    }
    const int no_data = static_cast<int>(std::count(c.band_of.begin(), c.band_of.end(), -1));
    if (no_data > 0)
        y += legend_row(s, x, y, width, "No data (" + places_count(no_data) + ")", kWhite, kNoDataPattern, kNoDataHatch,
                        kInk, kBorder);
    if (!c.highlight.empty())
        y += legend_row(s, x, y, width, c.highlight_name + " (outlined)", kNone, Hatch::None, kWhite, kInk, kOutline);
    if (c.shapes && !c.shapes->context.empty())
        y += legend_row(s, x, y, width, "Neighbouring areas, not compared", kContextFill, Hatch::None, kWhite, kInkSoft, 0.6);
    return y - top;
}

}  // namespace

Scene layout_map(const model::Figure& f, double width) {
    const model::Chart& c = f.chart;
    const model::MapShapes& shapes = *c.shapes;
    Scene s;
    s.width = width;
    const bool side = width >= kSideBySide;
    const double map_w = side ? width - kLegendWidth - kGap : width;
    const Projection to{shapes.x0, shapes.y1, map_w / (shapes.x1 - shapes.x0)};
    const double map_h = (shapes.y1 - shapes.y0) * to.k;

    // The areas around the mapped places, then the places, then the outline over them.
    for (const auto& area : shapes.context)
        add_path(s, rings_of(area, to), kContextFill, Hatch::None, kWhite, kWhite, kContextBorder, area.name);
    std::vector<std::vector<Ring>> place_rings;
    const auto& points = c.series.front().points;
    for (size_t i = 0; i < shapes.places.size() && i < c.categories.size(); ++i) {
        place_rings.push_back(rings_of(shapes.places[i], to));
        const int band = i < c.band_of.size() ? c.band_of[i] : -1;
        const size_t nb = c.bands.size();
        const std::string title = c.categories[i] + ": " + (band < 0 ? "no data" : points[i].label);
        if (band < 0)
            add_path(s, place_rings.back(), kWhite, kNoDataPattern, kNoDataHatch, kInk, kBorder, title);
        else {
            const Colour fill = band_colour(static_cast<size_t>(band), nb);
            add_path(s, place_rings.back(), fill, band_hatch(static_cast<size_t>(band)), text_colour_on(fill), kInk,
                     kBorder, title);
        }
    }
    if (!c.highlight.empty()) {
        add_path(s, rings_of(c.highlight, to), kNone, Hatch::None, kWhite, kInk, kOutline, c.highlight_name);
    }

    // Names: the mapped places' (with their figures when there is room), then the areas
    // around them, largest first, each only where it fits and clashes with none before it.
    Labeller labels{s, {2, 2, map_w - 2, map_h - 2}, {}};
    for (size_t i = 0; i < place_rings.size(); ++i) {
        const int band = c.band_of[i];
        const Colour fill = band < 0 ? kWhite : band_colour(static_cast<size_t>(band), c.bands.size());
        const auto at = to(shapes.places[i].label);
        const std::string figure = band < 0 ? "No data" : points[i].label;
        // A name that does not fit is called out beside its place only on a map of a few places
        // (or for the one outlined): on a map of many, callouts would hide the map itself.
        const bool call_out = place_rings.size() <= kFewPlaces || c.highlight_name == c.categories[i];
        if (!labels.place(place_rings[i], at, {c.categories[i], figure}, true, fill, text_colour_on(fill)) &&
            !(call_out && labels.callout(place_rings, i, at, shapes.places[i].label_room * to.k, {c.categories[i], figure})))
            labels.place(place_rings[i], at, {c.categories[i]}, true, fill, text_colour_on(fill));
    }
    std::vector<size_t> order(shapes.context.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return shapes.context[a].label_room > shapes.context[b].label_room;
    });
    for (size_t i : order) {
        const auto& area = shapes.context[i];
        labels.place(rings_of(area, to), to(area.label), {area.name}, false, kNone, kInkSoft);
    }
    add_rect(s, 0, 0, map_w, map_h, kNone, Hatch::None, 0, kGrid);   // the frame's edge

    const double legend_x = side ? map_w + kGap : 0, legend_top = side ? 0 : map_h + 16;
    const double legend_h = map_legend(s, c, legend_x, legend_top, side ? kLegendWidth : width);
    s.height = std::max(map_h, legend_top + legend_h);
    return s;
}

}  // namespace ep::charts::parts
