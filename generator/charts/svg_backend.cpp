// SVG backend: paints a Scene as a self-contained, accessible inline <svg>.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include "charts/chart.h"
#include "charts/layout.h"
#include "core/text.h"

namespace ep::charts {

namespace {

constexpr const char* kFontStack =
    "Arial, 'Liberation Sans', 'Helvetica Neue', Helvetica, system-ui, sans-serif";

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s == "-0" ? "0" : s;
}

std::string hex(Colour c) {
    if (c == kNone) return "none";
    char buf[16];
    std::snprintf(buf, sizeof buf, "#%06x", static_cast<unsigned>(c) & 0xffffffu);
    return buf;
}

// XML id prefix from Figure::id (letters, digits, '-', '_'; starts with a letter).
std::string id_prefix(const model::Figure& f) {
    std::string id;
    for (char ch : f.id) {
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                  ch == '-' || ch == '_';
        id += ok ? ch : '-';
    }
    if (id.empty()) id = "figure-" + std::to_string(f.number);
    if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z'))) id = "fig-" + id;
    return id + "-chart";
}

std::string pattern_id(const std::string& prefix, double angle, Colour colour = kWhite) {
    return prefix + "-hatch" + (angle < 0 ? "m" : "") + std::to_string(static_cast<int>(std::fabs(angle))) +
           (colour == kWhite ? "" : "-" + hex(colour).substr(1));
}

// A map's area is filled with one pattern holding its colour and its hatch lines (rather than
// a second copy of its outline over it), which keeps the site's maps small.
std::string fill_pattern_id(const std::string& prefix, const Mark& m) {
    return prefix + "-fill" + hex(m.fill).substr(1) + "-" + std::to_string(static_cast<int>(m.hatch)) + "-" +
           hex(m.hatch_colour).substr(1);
}

bool fills_with_pattern(const Mark& m) { return m.kind == MarkKind::Path && m.fill != kNone && m.hatch != Hatch::None; }

std::string hatch_line(double x1, double y1, double x2, double y2, Colour colour) {
    return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) +
           "\" stroke=\"" + hex(colour) + "\" stroke-width=\"" + num(kHatchWidth) + "\"/>";
}

std::string pattern_open(const std::string& id, double angle) {
    const std::string sp = num(kHatchSpacing);
    return "<pattern id=\"" + id + "\" patternUnits=\"userSpaceOnUse\" width=\"" + sp + "\" height=\"" + sp +
           "\" patternTransform=\"rotate(" + num(-angle) + ")\">";
}

std::string patterns(const Scene& scene, const std::string& prefix) {
    std::set<double> angles;   // white hatch lines over a fill
    std::set<std::pair<double, Colour>> coloured;
    std::map<std::string, const Mark*> fills;
    for (const auto& m : scene.marks) {
        if (fills_with_pattern(m)) {
            fills.emplace(fill_pattern_id(prefix, m), &m);
            continue;
        }
        for (double a : hatch_angles(m.hatch)) {
            if (m.hatch_colour == kWhite) angles.insert(a);
            else coloured.insert({a, m.hatch_colour});
        }
    }
    if (angles.empty() && coloured.empty() && fills.empty()) return "";
    std::string out = "<defs>";
    const double sp = kHatchSpacing, half = kHatchSpacing / 2;
    for (double a : angles) out += pattern_open(pattern_id(prefix, a), a) + hatch_line(0, half, sp, half, kWhite) + "</pattern>";
    for (const auto& [a, colour] : coloured)
        out += pattern_open(pattern_id(prefix, a, colour), a) + hatch_line(0, half, sp, half, colour) + "</pattern>";
    for (const auto& [id, m] : fills) {
        // The first angle's lines run along the tile; a second one at right angles (a cross).
        const auto a = hatch_angles(m->hatch);
        out += pattern_open(id, a.front()) + "<rect width=\"" + num(sp) + "\" height=\"" + num(sp) + "\" fill=\"" +
               hex(m->fill) + "\"/>" + hatch_line(0, half, sp, half, m->hatch_colour);
        if (a.size() > 1) out += hatch_line(half, 0, half, sp, m->hatch_colour);
        out += "</pattern>";
    }
    return out + "</defs>";
}

std::string rect_svg(const Mark& m, const std::string& prefix) {
    std::string geom = "x=\"" + num(m.x) + "\" y=\"" + num(m.y) + "\" width=\"" + num(m.w) +
                       "\" height=\"" + num(m.h) + "\"" +
                       (m.rx > 0 ? " rx=\"" + num(m.rx) + "\"" : "");
    std::string out = "<rect " + geom + " fill=\"" + hex(m.fill) + "\"";
    if (m.stroke != kNone)
        out += " stroke=\"" + hex(m.stroke) + "\" stroke-width=\"" + num(m.stroke_width) + "\"";
    out += "/>";
    for (double a : hatch_angles(m.hatch))
        out += "<rect " + geom + " fill=\"url(#" + pattern_id(prefix, a, m.hatch_colour) + ")\"/>";
    return out;
}

std::string stroke_attrs(const Mark& m) {
    std::string out = " stroke=\"" + hex(m.stroke) + "\" stroke-width=\"" + num(m.stroke_width) + "\"";
    if (m.dashed) out += " stroke-dasharray=\"4 3\"";
    return out;
}

std::string line_svg(const Mark& m) {
    return "<line x1=\"" + num(m.x) + "\" y1=\"" + num(m.y) + "\" x2=\"" + num(m.x2) + "\" y2=\"" +
           num(m.y2) + "\"" + stroke_attrs(m) + "/>";
}

std::string points_attr(const std::vector<std::pair<double, double>>& pts) {
    std::string out;
    for (const auto& [px, py] : pts) out += (out.empty() ? "" : " ") + num(px) + "," + num(py);
    return out;
}

std::string polyline_svg(const Mark& m) {
    return "<polyline points=\"" + points_attr(m.points) + "\" fill=\"none\"" + stroke_attrs(m) +
           " stroke-linejoin=\"round\" stroke-linecap=\"round\"/>";
}

std::string marker_svg(const Mark& m) {
    std::string paint = " fill=\"" + hex(m.fill) + "\" stroke=\"" + hex(m.stroke) +
                        "\" stroke-width=\"" + num(m.stroke_width) + "\"";
    if (m.shape == Shape::Circle)
        return "<circle cx=\"" + num(m.x) + "\" cy=\"" + num(m.y) + "\" r=\"" + num(m.r) + "\"" +
               paint + "/>";
    return "<polygon points=\"" + points_attr(marker_outline(m.shape, m.x, m.y, m.r)) + "\"" +
           paint + " stroke-linejoin=\"round\"/>";
}

std::string text_svg(const Mark& m) {
    std::string out = "<text x=\"" + num(m.x) + "\" y=\"" + num(m.y) + "\" font-size=\"" +
                      num(m.size) + "\" fill=\"" + hex(m.fill) + "\"";
    if (m.anchor == Anchor::Middle) out += " text-anchor=\"middle\"";
    if (m.anchor == Anchor::End) out += " text-anchor=\"end\"";
    if (m.bold) out += " font-weight=\"bold\"";
    if (m.rotate != 0) out += " transform=\"rotate(" + num(-m.rotate) + " " + num(m.x) + " " + num(m.y) + ")\"";
    return out + ">" + html_escape(m.text) + "</text>";
}

// Path data in tenths of a unit, each ring from its first point by relative steps: the
// steps are taken between rounded points, so a border two areas share is drawn on the same
// points in both, and no gap opens between them.
std::string path_data(const std::vector<std::vector<std::pair<double, double>>>& rings) {
    std::string d;
    char buf[24];
    // `v` tenths as the shortest decimal ("12.3", "-.5", "4"), preceded by a space unless a
    // minus sign or the command letter before it separates it.
    auto put = [&](long v, bool space) {
        char* p = buf;
        if (v < 0) *p++ = '-', v = -v;
        else if (space) *p++ = ' ';
        if (v >= 10 || v == 0) p = std::to_chars(p, buf + sizeof buf, v / 10).ptr;
        if (v % 10) *p++ = '.', *p++ = static_cast<char>('0' + v % 10);
        d.append(buf, p);
    };
    for (const auto& ring : rings) {
        if (ring.size() < 3) continue;
        long px = std::lround(ring[0].first * 10), py = std::lround(ring[0].second * 10);
        d += 'M';
        put(px, false);
        put(py, true);
        d += 'l';
        bool first = true;
        for (size_t i = 1; i < ring.size(); ++i) {
            const long x = std::lround(ring[i].first * 10), y = std::lround(ring[i].second * 10);
            if (x == px && y == py) continue;
            put(x - px, !first);
            put(y - py, true);
            first = false;
            px = x, py = y;
        }
        d += 'z';
    }
    return d;
}

std::string path_svg(const Mark& m, const std::string& prefix) {
    const std::string fill = fills_with_pattern(m) ? "url(#" + fill_pattern_id(prefix, m) + ")" : hex(m.fill);
    std::string out = "<path d=\"" + path_data(m.rings) + "\" fill=\"" + fill + "\" fill-rule=\"evenodd\"";
    if (m.stroke != kNone)
        out += " stroke=\"" + hex(m.stroke) + "\" stroke-width=\"" + num(m.stroke_width) + "\" stroke-linejoin=\"round\"";
    if (m.text.empty()) return out + "/>";
    return out + "><title>" + html_escape(m.text) + "</title></path>";
}

std::string mark_svg(const Mark& m, const std::string& prefix) {
    switch (m.kind) {
        case MarkKind::Rect: return rect_svg(m, prefix);
        case MarkKind::Line: return line_svg(m);
        case MarkKind::Polyline: return polyline_svg(m);
        case MarkKind::Marker: return marker_svg(m);
        case MarkKind::Text: return text_svg(m);
        case MarkKind::Path: return path_svg(m, prefix);
    }
    return "";
}

}  // namespace

std::string render_svg(const model::Figure& figure) {
    return render_svg(figure, kDesignWidth, "");
}

std::string render_svg(const model::Figure& figure, double width, const std::string& variant) {
    Scene scene = build_scene(figure, width);
    std::string prefix = id_prefix(figure) + (variant.empty() ? "" : "-" + variant);
    std::string title = figure.number > 0
                            ? model::label_of(figure) + ": " + figure.title
                            : figure.title;
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ep-chart-svg\" viewBox=\"0 0 " +
                      num(scene.width) + " " + num(std::ceil(scene.height)) +
                      "\" width=\"100%\" style=\"height:auto;max-width:100%\" role=\"img\" "
                      "aria-labelledby=\"" + prefix + "-title " + prefix + "-desc\" font-family=\"" +
                      kFontStack + "\">";
    out += "<title id=\"" + prefix + "-title\">" + html_escape(title) + "</title>";
    out += "<desc id=\"" + prefix + "-desc\">" + html_escape(describe_data(figure)) + "</desc>";
    out += patterns(scene, prefix);
    for (const auto& m : scene.marks) out += mark_svg(m, prefix) + "\n";
    out += "</svg>";
    return out;
}

}  // namespace ep::charts
