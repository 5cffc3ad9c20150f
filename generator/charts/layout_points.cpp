// Layouts for positions rather than lengths: DotPlot, Scatter, Range, Line, and Overlap.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

#include "charts/layout_parts.h"

namespace ep::charts::parts {

namespace {

// Ticks for position encodings: zero is included only when the data come close to it.
Ticks data_ticks(double lo, double hi) {
    if (lo > 0 && lo <= hi * 0.5) lo = 0;
    if (hi < 0 && hi >= lo * 0.5) hi = 0;
    return nice_ticks(lo, hi, 6);
}

std::string join_missing(const std::vector<std::string>& items) {
    std::string out = "No data: ";
    for (size_t i = 0; i < items.size(); ++i) out += (i ? "; " : "") + items[i];
    return out;
}

double note_line(Scene& s, const std::vector<std::string>& missing, double top) {
    if (missing.empty()) return 0;
    auto lines = wrap_text(join_missing(missing), s.width, kFontSmall, false, 3);
    for (size_t i = 0; i < lines.size(); ++i)
        add_text(s, 0, top + kFontSmall + i * 15, lines[i], kFontSmall, Anchor::Start, kInkSoft);
    return lines.size() * 15 + 6;
}

struct Box {
    double x0, y0, x1, y1;
    bool hits(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

// How far above (negative) or below the row's line each series' marker in row `k` is drawn:
// 0 for a marker clear of the others; a run of markers each closer than 12 units to the next
// is spread over at most 20 units, centred on the line, in series order from the top.
std::vector<double> marker_lifts(const model::Chart& c, const LinearScale& xs, size_t k, size_t ns) {
    std::vector<double> lift(ns, 0);
    std::vector<std::pair<double, size_t>> at;
    for (size_t si = 0; si < ns; ++si)
        if (auto v = value_at(c, si, k)) at.emplace_back(xs(*v), si);
    std::sort(at.begin(), at.end());
    for (size_t i = 0; i < at.size();) {
        size_t j = i + 1;
        while (j < at.size() && at[j].first - at[j - 1].first < 12) ++j;
        const size_t m = j - i;
        if (m > 1) {
            std::vector<size_t> members;
            for (size_t n = i; n < j; ++n) members.push_back(at[n].second);
            std::sort(members.begin(), members.end());
            const double step = std::min(10.0, 20.0 / static_cast<double>(m - 1));
            for (size_t n = 0; n < m; ++n)
                lift[members[n]] = (static_cast<double>(n) - static_cast<double>(m - 1) / 2) * step;
        }
        i = j;
    }
    return lift;
}

}  // namespace

// ---- dot plot --------------------------------------------------------------------------

Scene layout_dot_plot(const model::Figure& f, double width) {
    const auto& c = f.chart;
    Scene s;
    s.width = width;
    size_t nc = category_count(c), ns = series_count(c);
    double y = legend(s, c, 0, width, Swatch::Marker);
    auto wrapped = wrap_categories(c, width * 0.34, kFont);
    double label_col = widest_line(wrapped, kFont) + 14;
    double value_w = 0;
    if (ns == 1)
        for (size_t k = 0; k < nc; ++k)
            if (const auto* p = point_at(c, 0, k)) value_w = std::max(value_w, text_width(point_label(*p, c.unit), kFont));
    Extent e = value_extent(c);
    Ticks t = data_ticks(e.lo, e.hi);
    LinearScale xs{t.lo, t.hi, label_col + 8, width - (ns == 1 ? value_w + 14 : 14)};
    // Room above and below each row's line for stacked markers (marker_lifts).
    double pitch = std::max(ns > 1 ? 36.0 : 30.0, most_lines(wrapped) * kLine + 10);
    double plot_top = y + 2, plot_bottom = plot_top + pitch * nc;
    value_axis_bottom(s, t, xs, plot_top, plot_bottom, plot_bottom + 6, c.unit);

    std::vector<std::string> missing;
    for (size_t k = 0; k < nc; ++k) {
        double centre = plot_top + pitch * (k + 0.5);
        add_lines(s, 0, centre, wrapped[k], kFont, Anchor::Start);
        Extent row;
        for (size_t si = 0; si < ns; ++si)
            if (auto v = value_at(c, si, k)) {
                if (!row.any) row.lo = row.hi = *v, row.any = true;
                row.lo = std::min(row.lo, *v), row.hi = std::max(row.hi, *v);
            } else {
                missing.push_back(ns == 1 ? c.categories[k] : c.series[si].name + " (" + c.categories[k] + ")");
            }
        if (!row.any) {
            add_text(s, xs(t.lo) + 4, baseline_for(centre, kFontSmall), "N/A", kFontSmall, Anchor::Start, kInkSoft);
            continue;
        }
        add_line(s, xs.r0, centre, xs.r1, centre, 0xf0f0f0, 1);
        if (ns > 1) add_line(s, xs(row.lo), centre, xs(row.hi), centre, 0xa0a6aa, 2.5);
        // Markers of equal or close figures would lie on each other (Solihull's were hidden under
        // the others' on three of four rows): those within a marker's width of each other are
        // stacked, evenly above and below the row's line, in series order, inside the row.
        const std::vector<double> lift = marker_lifts(c, xs, k, ns);
        for (size_t si = 0; si < ns; ++si) {
            auto v = value_at(c, si, k);
            if (!v) continue;
            add_marker(s, xs(*v), centre + lift[si], 6.5, series_shape(si), series_colour(si));
            if (ns == 1)
                add_text(s, xs(*v) + 12, baseline_for(centre, kFont), point_label(*point_at(c, 0, k), c.unit), kFont, Anchor::Start);
        }
    }
    double bottom = plot_bottom + 6 + kFontSmall + 8;
    if (!c.value_axis_title.empty()) {
        add_text(s, (xs.r0 + xs.r1) / 2, bottom + kFontSmall, c.value_axis_title, kFontSmall, Anchor::Middle, kInkSoft);
        bottom += 20;
    }
    bottom += note_line(s, missing, bottom);
    s.height = bottom + 2;
    return s;
}

// ---- scatter ---------------------------------------------------------------------------

namespace {

// First candidate position for a point label that stays inside the plot and clear of others.
Box place_point_label(const std::vector<Box>& taken, double px, double py, double w, double h,
                      const Box& bounds) {
    const double gap = 8;
    Box candidates[] = {
        {px + gap, py - h / 2, px + gap + w, py + h / 2},          // right
        {px - gap - w, py - h / 2, px - gap, py + h / 2},          // left
        {px - w / 2, py - gap - h, px + w / 2, py - gap},          // above
        {px - w / 2, py + gap, px + w / 2, py + gap + h},          // below
    };
    for (const auto& b : candidates) {
        bool inside = b.x0 >= bounds.x0 && b.x1 <= bounds.x1 && b.y0 >= bounds.y0 && b.y1 <= bounds.y1;
        bool clear = std::none_of(taken.begin(), taken.end(), [&](const Box& o) { return b.hits(o); });
        if (inside && clear) return b;
    }
    for (const auto& b : candidates)
        if (b.x0 >= bounds.x0 && b.x1 <= bounds.x1) return b;
    return candidates[0];
}

}  // namespace

Scene layout_scatter(const model::Figure& f, double width) {
    const auto& c = f.chart;
    if (series_count(c) < 2) return layout_dot_plot(f, width);
    Scene s;
    s.width = width;
    size_t nc = category_count(c);
    double y = axis_title_top(s, c.series[1].name, 0);
    Extent ex = series_extent(c, 0), ey = series_extent(c, 1);
    auto padded = [](Extent e) {
        double pad = (e.hi - e.lo) * 0.06;
        return nice_ticks(e.lo - pad, e.hi + pad, 6);
    };
    Ticks tx = padded(ex), ty = padded(ey);
    const std::string& y_unit = c.y_unit.empty() ? c.unit : c.y_unit;   // y may be another unit
    double left = widest_tick_label(ty, y_unit) + 10, right = width - 8;
    double plot_top = y + 8, plot_bottom = plot_top + 320;
    LinearScale xs{tx.lo, tx.hi, left, right}, ys{ty.lo, ty.hi, plot_bottom, plot_top};
    value_axis_left(s, ty, ys, left, right, y_unit);
    value_axis_bottom(s, tx, xs, plot_top, plot_bottom, plot_bottom + 6, c.unit);
    add_line(s, left, plot_bottom, right, plot_bottom, kInkSoft, 1);
    add_line(s, left, plot_top, left, plot_bottom, kInkSoft, 1);

    std::vector<size_t> present;
    std::vector<std::string> missing;
    for (size_t k = 0; k < nc; ++k) {
        if (value_at(c, 0, k) && value_at(c, 1, k)) present.push_back(k);
        else missing.push_back(c.categories[k]);
    }
    std::vector<Box> taken;
    if (!present.empty()) {
        double mx = 0, my = 0;
        for (size_t k : present) mx += *value_at(c, 0, k), my += *value_at(c, 1, k);
        mx /= present.size(), my /= present.size();
        add_line(s, xs(mx), plot_top, xs(mx), plot_bottom, kInkSoft, 1, true);
        add_line(s, left, ys(my), right, ys(my), kInkSoft, 1, true);
        add_text(s, xs(mx) + 4, plot_top + kFontSmall, "Average", kFontSmall, Anchor::Start, kInkSoft);
        add_text(s, right - 2, ys(my) - 4, "Average", kFontSmall, Anchor::End, kInkSoft);
        taken.push_back({xs(mx), plot_top, xs(mx) + 4 + text_width("Average", kFontSmall), plot_top + 16});
        taken.push_back({right - 2 - text_width("Average", kFontSmall), ys(my) - 16, right, ys(my)});
    }
    for (size_t k : present) taken.push_back({xs(*value_at(c, 0, k)) - 6, ys(*value_at(c, 1, k)) - 6,
                                              xs(*value_at(c, 0, k)) + 6, ys(*value_at(c, 1, k)) + 6});
    for (size_t k : present) {
        double px = xs(*value_at(c, 0, k)), py = ys(*value_at(c, 1, k));
        add_marker(s, px, py, 6, Shape::Circle, series_colour(0));
        double w = text_width(c.categories[k], kFontSmall);
        Box b = place_point_label(taken, px, py, w, kFontSmall + 2, {left, plot_top, right, plot_bottom});
        taken.push_back(b);
        add_text(s, b.x0, baseline_for((b.y0 + b.y1) / 2, kFontSmall), c.categories[k], kFontSmall, Anchor::Start, kInk);
    }
    double bottom = plot_bottom + 6 + kFontSmall + 8;
    add_text(s, (left + right) / 2, bottom + kFontSmall, c.series[0].name, kFontSmall, Anchor::Middle, kInkSoft);
    bottom += 22;
    bottom += note_line(s, missing, bottom);
    s.height = bottom + 2;
    return s;
}

// ---- range -----------------------------------------------------------------------------

Scene layout_range(const model::Figure& f, double width) {
    const auto& c = f.chart;
    if (series_count(c) < 2) return layout_dot_plot(f, width);
    Scene s;
    s.width = width;
    size_t nc = category_count(c);
    double y = 0;
    // The key wraps, so a long one stays inside a narrow (phone) layout.
    auto key = wrap_text(c.series[0].name + " to " + c.series[1].name, width - 28, kFont, false, 3);
    add_rect(s, 0, 5, 22, 10, series_colour(0), Hatch::None, 5);
    for (size_t i = 0; i < key.size(); ++i)
        add_text(s, 28, baseline_for(10, kFont) + i * kLine, key[i], kFont, Anchor::Start, kInk);
    y += 26 + (key.size() > 1 ? (key.size() - 1) * kLine : 0);
    auto wrapped = wrap_categories(c, width * 0.32, kFont);
    double label_col = widest_line(wrapped, kFont) + 14;
    double low_w = text_width("N/A", kFont), high_w = 0;
    Extent e = value_extent(c);
    for (size_t k = 0; k < nc; ++k) {
        if (const auto* p = point_at(c, 0, k)) low_w = std::max(low_w, text_width(point_label(*p, c.unit), kFont));
        if (const auto* p = point_at(c, 1, k)) high_w = std::max(high_w, text_width(point_label(*p, c.unit), kFont));
    }
    Ticks t = data_ticks(e.lo, e.hi);
    LinearScale xs{t.lo, t.hi, label_col + low_w + 10, width - high_w - 10};
    double pitch = std::max(30.0, most_lines(wrapped) * kLine + 10);
    double plot_top = y + 2, plot_bottom = plot_top + pitch * nc;
    value_axis_bottom(s, t, xs, plot_top, plot_bottom, plot_bottom + 6, c.unit);
    for (size_t k = 0; k < nc; ++k) {
        double centre = plot_top + pitch * (k + 0.5);
        add_lines(s, 0, centre, wrapped[k], kFont, Anchor::Start);
        auto lo = value_at(c, 0, k), hi = value_at(c, 1, k);
        double base = baseline_for(centre, kFont);
        if (!lo || !hi) {
            add_text(s, xs.r0, baseline_for(centre, kFontSmall), "N/A", kFontSmall, Anchor::Start, kInkSoft);
            continue;
        }
        double x0 = xs(std::min(*lo, *hi)), x1 = xs(std::max(*lo, *hi));
        add_rect(s, x0 - 5, centre - 5, x1 - x0 + 10, 10, series_colour(0), Hatch::None, 5);
        add_text(s, x0 - 9, base, point_label(*point_at(c, 0, k), c.unit), kFont, Anchor::End);
        add_text(s, x1 + 9, base, point_label(*point_at(c, 1, k), c.unit), kFont, Anchor::Start);
    }
    double bottom = plot_bottom + 6 + kFontSmall + 8;
    if (!c.value_axis_title.empty()) {
        add_text(s, (xs.r0 + xs.r1) / 2, bottom + kFontSmall, c.value_axis_title, kFontSmall, Anchor::Middle, kInkSoft);
        bottom += 20;
    }
    s.height = bottom + 2;
    return s;
}

// ---- line ------------------------------------------------------------------------------

namespace {

// Spreads end labels vertically so that none is closer than `gap` to the next.
void spread(std::vector<std::pair<double, size_t>>& ys, double gap, double lo, double hi) {
    std::sort(ys.begin(), ys.end());
    for (size_t i = 1; i < ys.size(); ++i) ys[i].first = std::max(ys[i].first, ys[i - 1].first + gap);
    if (!ys.empty() && ys.back().first > hi) {
        ys.back().first = hi;
        for (size_t i = ys.size() - 1; i-- > 0;) ys[i].first = std::min(ys[i].first, ys[i + 1].first - gap);
    }
    for (auto& y : ys) y.first = std::max(y.first, lo);
}

}  // namespace

namespace {

// True when series `si` runs together with an earlier one (model::run_together).
bool runs_along_earlier(const model::Chart& c, size_t si) {
    for (size_t sj = 0; sj < si; ++sj)
        if (model::run_together(c, sj, si)) return true;
    return false;
}

}  // namespace

Scene layout_line(const model::Figure& f, double width) {
    const auto& c = f.chart;
    Scene s;
    s.width = width;
    size_t nc = category_count(c), ns = series_count(c);
    double y = axis_title_top(s, c.value_axis_title, 0);
    Extent e = value_extent(c);
    Ticks t = data_ticks(e.lo, e.hi);

    std::vector<std::string> end_labels(ns);
    std::vector<std::optional<size_t>> last(ns);
    double end_w = 0;
    for (size_t si = 0; si < ns; ++si) {
        for (size_t k = 0; k < nc; ++k)
            if (value_at(c, si, k)) last[si] = k;
        if (!last[si]) continue;
        std::string value = point_label(*point_at(c, si, *last[si]), c.unit);
        end_labels[si] = ns == 1 ? value : c.series[si].name + " " + value;
        bool bold = ns > 1;
        if (text_width(end_labels[si], kFont, bold) > width * 0.3)
            end_labels[si] = wrap_text(end_labels[si], width * 0.3, kFont, bold, 1)[0];
        end_w = std::max(end_w, text_width(end_labels[si], kFont, bold));
    }
    double left = widest_tick_label(t, c.unit) + 10, right = width - end_w - 16;
    double plot_top = y + 14, plot_bottom = plot_top + 240;
    LinearScale ys{t.lo, t.hi, plot_bottom, plot_top};
    value_axis_left(s, t, ys, left, right, c.unit);
    if (t.lo <= 0 && t.hi >= 0) add_line(s, left, ys(0), right, ys(0), kInk, 1);
    double inset = 12, spacing = nc > 1 ? (right - left - 2 * inset) / (nc - 1) : 0;
    auto px = [&](size_t k) { return nc > 1 ? left + inset + spacing * k : (left + right) / 2; };

    std::vector<std::string> missing;
    std::vector<std::pair<double, size_t>> label_ys;
    for (size_t si = 0; si < ns; ++si) {
        Colour col = series_colour(si);
        // A line that runs along an earlier one for a stretch would hide it: it is dashed, so the
        // line beneath shows through its gaps (the summary says which lines run together).
        const bool dashed = runs_along_earlier(c, si);
        std::vector<std::pair<double, double>> run;
        auto flush = [&] {
            if (run.size() > 1) {
                Mark m;
                m.kind = MarkKind::Polyline, m.points = run, m.stroke = col, m.stroke_width = 2.5, m.dashed = dashed;
                s.marks.push_back(m);
            }
            run.clear();
        };
        for (size_t k = 0; k < nc; ++k) {
            auto v = value_at(c, si, k);
            if (!v) {
                flush();
                missing.push_back(ns == 1 ? c.categories[k] : c.series[si].name + " (" + c.categories[k] + ")");
                continue;
            }
            run.emplace_back(px(k), ys(*v));
        }
        flush();
        for (size_t k = 0; k < nc; ++k)
            if (auto v = value_at(c, si, k)) add_marker(s, px(k), ys(*v), 4.5, series_shape(si), col);
        if (last[si]) label_ys.emplace_back(ys(*value_at(c, si, *last[si])), si);
    }
    std::vector<std::pair<double, size_t>> at_points = label_ys;
    spread(label_ys, 16, plot_top, plot_bottom);
    for (size_t i = 0; i < label_ys.size(); ++i) {
        const auto& [ly, si] = label_ys[i];
        // In the series' colour (darkened for text), so a label names its line without a legend;
        // a label moved off its point to clear the others is joined to it by a leader line.
        const Colour ink = ns > 1 ? text_shade(series_colour(si)) : kInk;
        double from = ly;
        for (const auto& [py, sj] : at_points)
            if (sj == si) from = py;
        if (ns > 1 && std::fabs(from - ly) > 3) add_line(s, px(*last[si]) + 6, from, right + 8, ly, ink, 1);
        add_text(s, right + 10, baseline_for(ly, kFont), end_labels[si], kFont, Anchor::Start, ink, ns > 1);
    }

    // Period labels: every n-th when crowded, wrapped to two lines, kept inside the chart.
    double slot = nc > 1 ? spacing : right - left;
    double widest = 0;
    for (const auto& name : c.categories) widest = std::max(widest, text_width(name, kFontSmall));
    size_t every = nc > 1 ? static_cast<size_t>(std::ceil((std::min(widest, 110.0) + 10) / slot)) : 1;
    every = std::max<size_t>(every, 1);
    size_t label_lines = 1;
    for (size_t k = 0; k < nc; k += every) {
        auto lines = wrap_text(c.categories[k], std::max(slot * every - 8, 60.0), kFontSmall);
        label_lines = std::max(label_lines, lines.size());
        double half = 0;
        for (const auto& l : lines) half = std::max(half, text_width(l, kFontSmall) / 2);
        Anchor a = Anchor::Middle;
        double x = px(k);
        if (x - half < 0) a = Anchor::Start, x = 0;
        if (x + half > width) a = Anchor::End, x = width;
        for (size_t i = 0; i < lines.size(); ++i)
            add_text(s, x, plot_bottom + 8 + kFontSmall + i * 15, lines[i], kFontSmall, a, kInkSoft);
    }
    double bottom = plot_bottom + 8 + kFontSmall + (label_lines - 1) * 15 + 10;
    bottom += note_line(s, missing, bottom);
    s.height = bottom + 2;
    return s;
}

// ---- overlap ---------------------------------------------------------------------------

Scene layout_overlap(const model::Figure& f, double width) {
    const auto& c = f.chart;
    if (category_count(c) < 3 || series_count(c) < 1) return layout_horizontal_bars(f, width);
    Scene s;
    s.width = width;
    const double top = 4, h = 130, region = (width - 8) / 3, x0 = 4;
    const Colour a = series_colour(0), b = series_colour(1);
    add_rect(s, x0, top, region * 2, h, light_tint(a, 0.82), Hatch::None, 14);
    add_rect(s, x0 + region, top, region * 2, h, light_tint(b, 0.78), Hatch::None, 14);
    add_rect(s, x0 + region, top, region, h, light_tint(series_colour(2), 0.72));
    add_rect(s, x0 + region, top, region * 2, h, kNone, Hatch::None, 14, b);
    s.marks.back().stroke_width = 2.5;
    s.marks.back().dashed = true;
    add_rect(s, x0, top, region * 2, h, kNone, Hatch::None, 14, a);
    s.marks.back().stroke_width = 2.5;
    for (size_t k = 0; k < 3; ++k) {
        double cx = x0 + region * (k + 0.5);
        auto lines = wrap_text(c.categories[k], region - 20, kFont);
        const auto* p = point_at(c, 0, k);
        std::string count = p ? point_label(*p, c.unit) : "N/A";
        double block = lines.size() * kLine + 26, first = top + (h - block) / 2;
        for (size_t i = 0; i < lines.size(); ++i)
            add_text(s, cx, first + kFont + i * kLine, lines[i], kFont, Anchor::Middle, kInk);
        add_text(s, cx, first + lines.size() * kLine + 24, count, 20, Anchor::Middle,
                 p && p->value ? kInk : kInkSoft, true);
    }
    s.height = top + h + 6;
    return s;
}

}  // namespace ep::charts::parts
