// Shared layout helpers, the per-type dispatch and the chart's preferred size.
#include <algorithm>
#include <cmath>

#include "charts/layout.h"
#include "charts/layout_parts.h"

namespace ep::charts {

namespace parts {

// ---- primitive marks -------------------------------------------------------------------

void add_rect(Scene& s, double x, double y, double w, double h, Colour fill, Hatch hatch,
              double rx, Colour stroke) {
    Mark m;
    m.kind = MarkKind::Rect;
    if (w < 0) x += w, w = -w;
    if (h < 0) y += h, h = -h;
    m.x = x, m.y = y, m.w = w, m.h = h, m.rx = rx;
    m.fill = fill, m.hatch = hatch, m.stroke = stroke;
    s.marks.push_back(std::move(m));
}

void add_line(Scene& s, double x1, double y1, double x2, double y2, Colour colour, double width,
              bool dashed) {
    Mark m;
    m.kind = MarkKind::Line;
    m.x = x1, m.y = y1, m.x2 = x2, m.y2 = y2;
    m.stroke = colour, m.stroke_width = width, m.dashed = dashed;
    s.marks.push_back(std::move(m));
}

void add_marker(Scene& s, double x, double y, double r, Shape shape, Colour fill,
                Colour stroke) {
    Mark m;
    m.kind = MarkKind::Marker;
    m.x = x, m.y = y, m.r = r, m.shape = shape, m.fill = fill, m.stroke = stroke;
    m.stroke_width = 1.5;
    s.marks.push_back(std::move(m));
}

void add_text(Scene& s, double x, double baseline, const std::string& text, double size,
              Anchor anchor, Colour colour, bool bold) {
    if (text.empty()) return;
    Mark m;
    m.kind = MarkKind::Text;
    m.x = x, m.y = baseline, m.text = text, m.size = size, m.anchor = anchor;
    m.fill = colour, m.bold = bold;
    s.marks.push_back(std::move(m));
}

double baseline_for(double centre_y, double size) { return centre_y + 0.36 * size; }

void add_lines(Scene& s, double x, double centre_y, const std::vector<std::string>& lines,
               double size, Anchor anchor, Colour colour, bool bold) {
    double pitch = size * 1.23;
    double first = centre_y - pitch * (static_cast<double>(lines.size()) - 1) / 2;
    for (size_t i = 0; i < lines.size(); ++i)
        add_text(s, x, baseline_for(first + pitch * i, size), lines[i], size, anchor, colour, bold);
}

// ---- data access -----------------------------------------------------------------------

size_t series_count(const model::Chart& c) { return c.series.size(); }
size_t category_count(const model::Chart& c) { return c.categories.size(); }

const model::ChartPoint* point_at(const model::Chart& c, size_t series, size_t category) {
    if (series >= c.series.size() || category >= c.series[series].points.size()) return nullptr;
    return &c.series[series].points[category];
}

std::optional<double> value_at(const model::Chart& c, size_t series, size_t category) {
    const auto* p = point_at(c, series, category);
    if (!p || !p->value || !std::isfinite(*p->value)) return std::nullopt;
    return p->value;
}

Extent series_extent(const model::Chart& c, size_t series) {
    Extent e;
    for (size_t k = 0; k < category_count(c); ++k) {
        auto v = value_at(c, series, k);
        if (!v) continue;
        if (!e.any) e.lo = e.hi = *v, e.any = true;
        e.lo = std::min(e.lo, *v), e.hi = std::max(e.hi, *v);
    }
    return e;
}

Extent value_extent(const model::Chart& c) {
    Extent e;
    for (size_t s = 0; s < series_count(c); ++s) {
        Extent se = series_extent(c, s);
        if (!se.any) continue;
        if (!e.any) e = se;
        e.lo = std::min(e.lo, se.lo), e.hi = std::max(e.hi, se.hi);
    }
    return e;
}

// ---- scales and axes -------------------------------------------------------------------

double widest_tick_label(const Ticks& t, const std::string& unit) {
    double w = 0;
    for (double v : t.values) w = std::max(w, text_width(tick_label(v, unit), kFontSmall));
    return w;
}

void value_axis_left(Scene& s, const Ticks& t, const LinearScale& y, double x0, double x1,
                     const std::string& unit) {
    for (double v : t.values) {
        double py = y(v);
        if (v != 0) add_line(s, x0, py, x1, py, kGrid, 1);
        add_text(s, x0 - 6, baseline_for(py, kFontSmall), tick_label(v, unit), kFontSmall,
                 Anchor::End, kInkSoft);
    }
}

void value_axis_bottom(Scene& s, const Ticks& t, const LinearScale& x, double y0, double y1,
                       double label_top, const std::string& unit) {
    for (double v : t.values) {
        double px = x(v);
        if (v != 0) add_line(s, px, y0, px, y1, kGrid, 1);
        std::string label = tick_label(v, unit);
        double half = text_width(label, kFontSmall) / 2;
        Anchor a = Anchor::Middle;
        double lx = px;
        if (px + half > s.width) a = Anchor::End, lx = s.width;
        if (px - half < 0) a = Anchor::Start, lx = 0;
        add_text(s, lx, label_top + kFontSmall, label, kFontSmall, a, kInkSoft);
    }
}

namespace {

double legend_item_width(const std::string& name) { return 14 + 6 + text_width(name, kFont) + 18; }

void legend_swatch(Scene& s, double x, double centre, size_t index, Swatch swatch) {
    Colour c = series_colour(index);
    switch (swatch) {
        case Swatch::Bar:
            add_rect(s, x, centre - 7, 14, 14, c, series_hatch(index));
            break;
        case Swatch::Marker:
            add_marker(s, x + 7, centre, 6, series_shape(index), c);
            break;
        case Swatch::Line:
            add_line(s, x - 2, centre, x + 16, centre, c, 2.5);
            add_marker(s, x + 7, centre, 4.5, series_shape(index), c);
            break;
    }
}

}  // namespace

double legend(Scene& s, const model::Chart& c, double top, double width, Swatch swatch) {
    if (series_count(c) < 2) return 0;
    const double row = 22;
    double x = 0, centre = top + row / 2;
    for (size_t i = 0; i < series_count(c); ++i) {
        const std::string& name = c.series[i].name;
        double w = legend_item_width(name);
        if (x > 0 && x + w - 18 > width) x = 0, centre += row;
        legend_swatch(s, x, centre, i, swatch);
        // A name wider than the whole chart (a narrow, phone layout) wraps onto more lines.
        auto lines = wrap_text(name, width - 20, kFont, false, 3);
        for (size_t k = 0; k < lines.size(); ++k)
            add_text(s, x + 20, baseline_for(centre, kFont) + k * kLine, lines[k], kFont, Anchor::Start, kInk);
        if (lines.size() > 1) {
            centre += (lines.size() - 1) * kLine;
            x = width;   // the next item starts a new row
        } else {
            x += w;
        }
    }
    return centre + row / 2 - top + 6;
}

double axis_title_top(Scene& s, const std::string& title, double top) {
    if (title.empty()) return 0;
    // Wrapped to the drawing: a measure's full title (NI 75's runs to 75 characters) is wider
    // than a phone's chart, and ran past its right edge.
    const auto lines = wrap_text(title, s.width, kFontSmall, false, 3);
    for (size_t i = 0; i < lines.size(); ++i)
        add_text(s, 0, top + kFontSmall + kLine * static_cast<double>(i), lines[i], kFontSmall, Anchor::Start, kInkSoft);
    return 22 + kLine * static_cast<double>(lines.size() - 1);
}

std::vector<std::vector<std::string>> wrap_categories(const model::Chart& c, double col_width,
                                                      double size) {
    std::vector<std::vector<std::string>> out;
    for (const auto& name : c.categories) out.push_back(wrap_text(name, col_width, size));
    return out;
}

double widest_line(const std::vector<std::vector<std::string>>& wrapped, double size) {
    double w = 0;
    for (const auto& lines : wrapped)
        for (const auto& l : lines) w = std::max(w, text_width(l, size));
    return w;
}

size_t most_lines(const std::vector<std::vector<std::string>>& wrapped) {
    size_t n = 1;
    for (const auto& lines : wrapped) n = std::max(n, lines.size());
    return n;
}

Scene empty_scene(double width) {
    Scene s;
    s.width = width, s.height = 60;
    add_text(s, width / 2, 34, "No data", kFont, Anchor::Middle, kInkSoft);
    return s;
}

}  // namespace parts

double layout_scale_for(double width) {
    // At or above ~420 pt the 640-unit design is scaled to fit (text ~9 pt at 160 mm);
    // narrower boxes get a narrower layout instead of unreadably small text.
    return std::max(width, 420.0) / kDesignWidth;
}

Scene build_scene(const model::Figure& figure, double width) {
    using model::ChartType;
    const auto& c = figure.chart;
    if (c.categories.empty() || c.series.empty()) return parts::empty_scene(width);
    switch (c.type) {
        case ChartType::Bar:
        case ChartType::Grouped:
            return parts::vertical_bars_fit(c, width) ? parts::layout_vertical_bars(figure, width)
                                                      : parts::layout_horizontal_bars(figure, width);
        case ChartType::HBar: return parts::layout_horizontal_bars(figure, width);
        case ChartType::Stacked: return parts::layout_stacked(figure, width);
        case ChartType::Waterfall: return parts::layout_waterfall(figure, width);
        case ChartType::DotPlot: return parts::layout_dot_plot(figure, width);
        case ChartType::Scatter: return parts::layout_scatter(figure, width);
        case ChartType::Range: return parts::layout_range(figure, width);
        case ChartType::Line: return parts::layout_line(figure, width);
        case ChartType::Overlap: return parts::layout_overlap(figure, width);
        case ChartType::Map: return c.shapes ? parts::layout_map(figure, width) : parts::empty_scene(width);
    }
    return parts::empty_scene(width);
}

float preferred_height(const model::Figure& figure, float width) {
    double scale = layout_scale_for(width);
    Scene s = build_scene(figure, width / scale);
    return static_cast<float>(s.height * scale);
}

}  // namespace ep::charts
