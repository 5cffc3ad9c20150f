// PDF backend: paints a Scene with libharu vector operators inside a box on a page.
#include <algorithm>
#include <cmath>
#include <string>

#include "charts/chart.h"
#include "charts/layout.h"
#include "core/text.h"
#include "pdf/fonts.h"

namespace ep::charts {

namespace {

// Maps layout units (y down) into the page box (points, y up).
struct Frame {
    double ox = 0, top = 0, k = 1;
    HPDF_REAL x(double u) const { return static_cast<HPDF_REAL>(ox + u * k); }
    HPDF_REAL y(double u) const { return static_cast<HPDF_REAL>(top - u * k); }
    HPDF_REAL len(double u) const { return static_cast<HPDF_REAL>(u * k); }
};

void set_fill(HPDF_Page page, Colour c) {
    HPDF_Page_SetRGBFill(page, ((c >> 16) & 0xff) / 255.0f, ((c >> 8) & 0xff) / 255.0f,
                         (c & 0xff) / 255.0f);
}

void set_stroke(HPDF_Page page, Colour c) {
    HPDF_Page_SetRGBStroke(page, ((c >> 16) & 0xff) / 255.0f, ((c >> 8) & 0xff) / 255.0f,
                           (c & 0xff) / 255.0f);
}

// Rectangle path (rounded when rx > 0), in page coordinates.
void rect_path(HPDF_Page page, const Frame& f, const Mark& m) {
    double x0 = f.x(m.x), y0 = f.y(m.y + m.h), w = f.len(m.w), h = f.len(m.h);
    double r = std::min({static_cast<double>(f.len(m.rx)), w / 2, h / 2});
    if (r <= 0) {
        HPDF_Page_Rectangle(page, x0, y0, w, h);
        return;
    }
    const double c = r * 0.5523;   // Bezier circle approximation
    double x1 = x0 + w, y1 = y0 + h;
    HPDF_Page_MoveTo(page, x0 + r, y0);
    HPDF_Page_LineTo(page, x1 - r, y0);
    HPDF_Page_CurveTo(page, x1 - r + c, y0, x1, y0 + r - c, x1, y0 + r);
    HPDF_Page_LineTo(page, x1, y1 - r);
    HPDF_Page_CurveTo(page, x1, y1 - r + c, x1 - r + c, y1, x1 - r, y1);
    HPDF_Page_LineTo(page, x0 + r, y1);
    HPDF_Page_CurveTo(page, x0 + r - c, y1, x0, y1 - r + c, x0, y1 - r);
    HPDF_Page_LineTo(page, x0, y0 + r);
    HPDF_Page_CurveTo(page, x0, y0 + r - c, x0 + r - c, y0, x0 + r, y0);
    HPDF_Page_ClosePath(page);
}

// A map area's outline (its rings, closed), in page coordinates rounded to 1/8 pt (0.04 mm):
// libharu writes a float's five decimals, and eighths are the shortest fractions a float holds
// exactly, so the paths take a fifth fewer bytes. Both areas along a border round its points
// alike, so it stays shared.
void rings_path(HPDF_Page page, const Frame& f, const Mark& m) {
    auto eighths = [](HPDF_REAL v) { return static_cast<HPDF_REAL>(std::lround(v * 8.0) / 8.0); };
    for (const auto& ring : m.rings) {
        if (ring.size() < 3) continue;
        HPDF_REAL px = eighths(f.x(ring[0].first)), py = eighths(f.y(ring[0].second));
        HPDF_Page_MoveTo(page, px, py);
        for (size_t i = 1; i < ring.size(); ++i) {
            const HPDF_REAL x = eighths(f.x(ring[i].first)), y = eighths(f.y(ring[i].second));
            if (x == px && y == py) continue;
            HPDF_Page_LineTo(page, x, y);
            px = x, py = y;
        }
        HPDF_Page_ClosePath(page);
    }
}

// Hatch lines (white, or the mark's hatch colour) clipped to the rectangle or the map area.
void paint_hatch(HPDF_Page page, const Frame& f, const Mark& m) {
    auto angles = hatch_angles(m.hatch);
    if (angles.empty()) return;
    double x0 = m.x, y0 = m.y, x1 = m.x + m.w, y1 = m.y + m.h;
    HPDF_Page_GSave(page);
    if (m.kind == MarkKind::Path) {
        x0 = y0 = HUGE_VAL, x1 = y1 = -HUGE_VAL;
        for (const auto& ring : m.rings)
            for (const auto& [px, py] : ring) x0 = std::min(x0, px), y0 = std::min(y0, py), x1 = std::max(x1, px), y1 = std::max(y1, py);
        rings_path(page, f, m);
        HPDF_Page_Eoclip(page);
    } else {
        rect_path(page, f, m);
        HPDF_Page_Clip(page);
    }
    HPDF_Page_EndPath(page);
    set_stroke(page, m.hatch_colour);
    HPDF_Page_SetLineWidth(page, f.len(kHatchWidth));
    double cx = f.x((x0 + x1) / 2), cy = f.y((y0 + y1) / 2);
    double radius = std::hypot(f.len(x1 - x0), f.len(y1 - y0)) / 2 + 1, step = f.len(kHatchSpacing);
    for (double a : angles) {
        double rad = a * 3.14159265358979 / 180, dx = std::cos(rad), dy = std::sin(rad);
        for (double d = -radius; d <= radius; d += step) {
            double px = cx - dy * d, py = cy + dx * d;
            HPDF_Page_MoveTo(page, px - dx * radius, py - dy * radius);
            HPDF_Page_LineTo(page, px + dx * radius, py + dy * radius);
        }
    }
    HPDF_Page_Stroke(page);
    HPDF_Page_GRestore(page);
}

void paint_rect(HPDF_Page page, const Frame& f, const Mark& m) {
    bool fill = m.fill != kNone, stroke = m.stroke != kNone;
    if (!fill && !stroke) return;
    if (fill) set_fill(page, m.fill);
    if (stroke) set_stroke(page, m.stroke), HPDF_Page_SetLineWidth(page, f.len(m.stroke_width));
    rect_path(page, f, m);
    if (fill && stroke) HPDF_Page_FillStroke(page);
    else if (fill) HPDF_Page_Fill(page);
    else HPDF_Page_Stroke(page);
    paint_hatch(page, f, m);
}

// A map area: filled (even-odd, as the SVG), its pattern over the fill, its border over both.
void paint_path(HPDF_Page page, const Frame& f, const Mark& m) {
    if (m.fill != kNone) {
        set_fill(page, m.fill);
        rings_path(page, f, m);
        HPDF_Page_Eofill(page);
        paint_hatch(page, f, m);
    }
    if (m.stroke == kNone || m.stroke_width <= 0) return;
    set_stroke(page, m.stroke);
    HPDF_Page_SetLineWidth(page, f.len(m.stroke_width));
    HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
    rings_path(page, f, m);
    HPDF_Page_Stroke(page);
    HPDF_Page_SetLineJoin(page, HPDF_MITER_JOIN);
}

void begin_stroke(HPDF_Page page, const Frame& f, const Mark& m) {
    set_stroke(page, m.stroke);
    HPDF_Page_SetLineWidth(page, f.len(m.stroke_width));
    if (m.dashed) {
        const HPDF_UINT16 dash[] = {3, 2};
        HPDF_Page_SetDash(page, dash, 2, 0);
    }
}

void end_stroke(HPDF_Page page, const Mark& m) {
    HPDF_Page_Stroke(page);
    if (m.dashed) HPDF_Page_SetDash(page, nullptr, 0, 0);
}

void paint_line(HPDF_Page page, const Frame& f, const Mark& m) {
    if (m.stroke == kNone) return;
    begin_stroke(page, f, m);
    HPDF_Page_MoveTo(page, f.x(m.x), f.y(m.y));
    HPDF_Page_LineTo(page, f.x(m.x2), f.y(m.y2));
    end_stroke(page, m);
}

void paint_polyline(HPDF_Page page, const Frame& f, const Mark& m) {
    if (m.stroke == kNone || m.points.size() < 2) return;
    begin_stroke(page, f, m);
    HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
    HPDF_Page_SetLineCap(page, HPDF_ROUND_END);
    HPDF_Page_MoveTo(page, f.x(m.points[0].first), f.y(m.points[0].second));
    for (size_t i = 1; i < m.points.size(); ++i)
        HPDF_Page_LineTo(page, f.x(m.points[i].first), f.y(m.points[i].second));
    end_stroke(page, m);
    HPDF_Page_SetLineJoin(page, HPDF_MITER_JOIN);
    HPDF_Page_SetLineCap(page, HPDF_BUTT_END);
}

void paint_marker(HPDF_Page page, const Frame& f, const Mark& m) {
    set_fill(page, m.fill);
    set_stroke(page, m.stroke == kNone ? m.fill : m.stroke);
    HPDF_Page_SetLineWidth(page, f.len(m.stroke_width));
    if (m.shape == Shape::Circle) {
        HPDF_Page_Circle(page, f.x(m.x), f.y(m.y), f.len(m.r));
    } else {
        auto pts = marker_outline(m.shape, m.x, m.y, m.r);
        HPDF_Page_MoveTo(page, f.x(pts[0].first), f.y(pts[0].second));
        for (size_t i = 1; i < pts.size(); ++i) HPDF_Page_LineTo(page, f.x(pts[i].first), f.y(pts[i].second));
        HPDF_Page_ClosePath(page);
    }
    HPDF_Page_FillStroke(page);
}

// A label, measured (for its anchor) and drawn with the font's kerning, as body text is.
void paint_text(HPDF_Page page, const Frame& f, const Mark& m, const pdf::FontSet& fonts) {
    const pdf::Face face = m.bold ? pdf::Face::Bold : pdf::Face::Regular;
    const std::string& text = m.text;
    const float size = f.len(m.size);
    const float w = fonts.width(face, size, text);
    float x = f.x(m.x);
    if (m.anchor == Anchor::Middle) x -= w / 2;
    if (m.anchor == Anchor::End) x -= w;
    set_fill(page, m.fill == kNone ? kInk : m.fill);
    if (m.rotate != 0) {
        // Turned about the anchor point: the text is set in a frame whose origin is that point.
        const double a = m.rotate * 3.14159265358979323846 / 180.0;
        const float c = static_cast<float>(std::cos(a)), s = static_cast<float>(std::sin(a));
        HPDF_Page_GSave(page);
        HPDF_Page_Concat(page, c, s, -s, c, f.x(m.x), f.y(m.y));
        HPDF_Page_BeginText(page);
        pdf::TextState state;
        fonts.show(page, state, face, size, x - f.x(m.x), 0, text);
        HPDF_Page_EndText(page);
        HPDF_Page_GRestore(page);
        return;
    }
    HPDF_Page_BeginText(page);
    pdf::TextState state;
    fonts.show(page, state, face, size, x, f.y(m.y), text);
    HPDF_Page_EndText(page);
}

}  // namespace

void draw_pdf(HPDF_Page page, const model::Figure& figure, const pdf::FontSet& fonts, float x, float y,
              float w, float h) {
    if (!page || w <= 0 || h <= 0) return;
    double scale = layout_scale_for(w);
    Scene scene = build_scene(figure, w / scale);
    Frame f;
    f.k = std::min(w / scene.width, h / scene.height);
    f.ox = x + (w - scene.width * f.k) / 2;
    f.top = y + h;
    HPDF_Page_GSave(page);
    for (const auto& m : scene.marks) {
        switch (m.kind) {
            case MarkKind::Rect: paint_rect(page, f, m); break;
            case MarkKind::Line: paint_line(page, f, m); break;
            case MarkKind::Polyline: paint_polyline(page, f, m); break;
            case MarkKind::Marker: paint_marker(page, f, m); break;
            case MarkKind::Text: paint_text(page, f, m, fonts); break;
            case MarkKind::Path: paint_path(page, f, m); break;
        }
    }
    HPDF_Page_GRestore(page);
}

}  // namespace ep::charts
