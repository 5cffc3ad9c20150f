// SVG backend: paints a Scene as a self-contained, accessible inline <svg>.
#include <cmath>
#include <cstdio>
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

std::string pattern_id(const std::string& prefix, double angle) {
    return prefix + "-hatch" + (angle < 0 ? "m" : "") + std::to_string(static_cast<int>(std::fabs(angle)));
}

std::string patterns(const Scene& scene, const std::string& prefix) {
    std::set<double> angles;
    for (const auto& m : scene.marks)
        for (double a : hatch_angles(m.hatch)) angles.insert(a);
    if (angles.empty()) return "";
    std::string out = "<defs>";
    std::string sp = num(kHatchSpacing), half = num(kHatchSpacing / 2);
    for (double a : angles) {
        out += "<pattern id=\"" + pattern_id(prefix, a) + "\" patternUnits=\"userSpaceOnUse\" width=\"" +
               sp + "\" height=\"" + sp + "\" patternTransform=\"rotate(" + num(-a) + ")\">";
        out += "<line x1=\"0\" y1=\"" + half + "\" x2=\"" + sp + "\" y2=\"" + half +
               "\" stroke=\"#ffffff\" stroke-width=\"" + num(kHatchWidth) + "\"/></pattern>";
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
        out += "<rect " + geom + " fill=\"url(#" + pattern_id(prefix, a) + ")\"/>";
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
    return out + ">" + html_escape(m.text) + "</text>";
}

std::string mark_svg(const Mark& m, const std::string& prefix) {
    switch (m.kind) {
        case MarkKind::Rect: return rect_svg(m, prefix);
        case MarkKind::Line: return line_svg(m);
        case MarkKind::Polyline: return polyline_svg(m);
        case MarkKind::Marker: return marker_svg(m);
        case MarkKind::Text: return text_svg(m);
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
                            ? "Figure " + std::to_string(figure.number) + ": " + figure.title
                            : figure.title;
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ep-chart-svg\" viewBox=\"0 0 " +
                      num(scene.width) + " " + num(std::ceil(scene.height)) +
                      "\" width=\"100%\" style=\"height:auto;max-width:100%\" role=\"img\" "
                      "aria-labelledby=\"" + prefix + "-title " + prefix + "-desc\" font-family=\"" +
                      kFontStack + "\">";
    out += "<title id=\"" + prefix + "-title\">" + html_escape(title) + "</title>";
    out += "<desc id=\"" + prefix + "-desc\">" + html_escape(figure.summary) + "</desc>";
    out += patterns(scene, prefix);
    for (const auto& m : scene.marks) out += mark_svg(m, prefix) + "\n";
    out += "</svg>";
    return out;
}

}  // namespace ep::charts
