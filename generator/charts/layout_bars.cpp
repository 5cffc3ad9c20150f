// Layouts for simple and grouped bars: vertical (Bar, Grouped) and horizontal (HBar).
#include <algorithm>
#include <cmath>

#include "charts/layout_parts.h"

namespace ep::charts::parts {

namespace {

constexpr double kLabelGap = 5;   // between a bar end and its value label

// Geometry of the vertical bar groups along the category axis.
struct Bands {
    double left = 0, band = 0, group = 0, bar = 0, gap = 0;
    double bar_x(size_t category, size_t series) const {
        return left + band * category + (band - group) / 2 + series * (bar + gap);
    }
};

Bands vertical_bands(double left, double right, size_t categories, size_t series) {
    Bands b;
    b.left = left;
    b.band = (right - left) / static_cast<double>(categories);
    b.gap = series > 1 ? 3 : 0;
    if (series == 1) {
        b.bar = std::min(b.band * 0.62, 96.0);
    } else {
        b.bar = std::min((b.band * 0.82 - b.gap * (series - 1)) / series, 64.0);
    }
    b.group = b.bar * series + b.gap * (series - 1);
    return b;
}

// Largest label size (13, then 12) at which every value label fits `slot`; 0 if none.
double value_label_size(const model::Chart& c, double slot) {
    for (double size : {kFont, kFontSmall}) {
        bool fits = true;
        for (size_t s = 0; s < series_count(c); ++s)
            for (size_t k = 0; k < category_count(c); ++k) {
                const auto* p = point_at(c, s, k);
                std::string label = p ? point_label(*p, c.unit) : "N/A";
                if (text_width(label, size) > slot) fits = false;
            }
        if (fits) return size;
    }
    return 0;
}

void missing_label(Scene& s, double x, double baseline, Anchor a) {
    add_text(s, x, baseline, "N/A", kFontSmall, a, kInkSoft);
}

Ticks bar_ticks(const model::Chart& c) {
    Extent e = value_extent(c);
    return nice_ticks(std::min(0.0, e.lo), std::max(0.0, e.hi), 6);
}

bool any_negative(const model::Chart& c) { return value_extent(c).lo < 0; }

}  // namespace

namespace {

constexpr int kLevelLines = 3;           // a level category label wraps onto at most this many lines
constexpr double kTurnedPitch = kLine;   // the narrowest column that still holds a turned label

// Category labels under the columns: level and wrapped when every one fits its column whole,
// else turned to read upwards, each whole on one line (never cut).
struct CategoryLabels {
    std::vector<std::vector<std::string>> lines;   // level
    bool turned = false;
    double height = 0;                             // below the axis
};

CategoryLabels category_labels(const model::Chart& c, double band) {
    CategoryLabels l;
    for (const auto& name : c.categories)
        l.turned = l.turned || wrap_truncates(name, band - 8, kFont, false, kLevelLines);
    if (l.turned) {
        for (const auto& name : c.categories) l.height = std::max(l.height, text_width(name, kFont));
        l.height += 4;
        return l;
    }
    for (const auto& name : c.categories) l.lines.push_back(wrap_text(name, band - 8, kFont, false, kLevelLines));
    l.height = most_lines(l.lines) * kLine;
    return l;
}

void add_turned_text(Scene& s, double x, double y, const std::string& text, double size, Anchor anchor) {
    add_text(s, x, y, text, size, anchor, kInk);
    if (!s.marks.empty() && s.marks.back().kind == MarkKind::Text) s.marks.back().rotate = 90;
}

}  // namespace

bool vertical_bars_fit(const model::Chart& c, double width) {
    size_t nc = category_count(c), ns = std::max<size_t>(1, series_count(c));
    Bands b = vertical_bands(56, width - 2, nc, ns);
    // A `bar` chart is columns while each column can hold a label turned upright; grouped bars
    // also need room for their bars side by side and level labels.
    if (c.type == model::ChartType::Bar) return b.band >= kTurnedPitch && b.bar >= 6;
    if (nc * ns > 16) return false;
    if (b.band < 40 || b.bar < 14) return false;
    for (const auto& name : c.categories)
        if (wrap_truncates(name, b.band - 8, kFont)) return false;
    return true;
}

Scene layout_vertical_bars(const model::Figure& f, double width) {
    const auto& c = f.chart;
    Scene s;
    s.width = width;
    size_t nc = category_count(c), ns = std::max<size_t>(1, series_count(c));
    double y = legend(s, c, 0, width, Swatch::Bar);
    y += axis_title_top(s, c.value_axis_title, y);

    Ticks t = bar_ticks(c);
    double left = widest_tick_label(t, c.unit) + 10;
    Bands b = vertical_bands(left, width - 2, nc, ns);
    double slot = ns == 1 ? b.band - 6 : b.bar + b.gap - 1;
    double label_size = value_label_size(c, slot);
    // Value labels too wide for their column are turned upright above it, given room above.
    const bool turned_values = label_size == 0 && (ns == 1 ? b.band : b.bar + b.gap) >= kFontSmall * 1.2;
    double headroom = 0;
    if (turned_values)
        for (size_t si = 0; si < ns; ++si)
            for (size_t k = 0; k < nc; ++k)
                if (const auto* p = point_at(c, si, k))
                    headroom = std::max(headroom, text_width(point_label(*p, c.unit), kFontSmall) + kLabelGap);
    double plot_top = y + std::max(22.0, headroom), plot_bottom = plot_top + 230;
    LinearScale ys{t.lo, t.hi, plot_bottom, plot_top};
    value_axis_left(s, t, ys, left, width - 2, c.unit);

    double zero = ys(0);
    for (size_t k = 0; k < nc; ++k) {
        for (size_t si = 0; si < ns; ++si) {
            double x = b.bar_x(k, si), mid = x + b.bar / 2;
            auto v = value_at(c, si, k);
            if (!v) {
                if (turned_values) add_turned_text(s, mid + 0.36 * kFontSmall, zero - kLabelGap, "N/A", kFontSmall, Anchor::Start);
                else missing_label(s, mid, zero - 5, Anchor::Middle);
                continue;
            }
            double top = ys(*v);
            add_rect(s, x, std::min(top, zero), b.bar, std::fabs(top - zero), series_colour(si),
                     series_hatch(si));
            const std::string label = point_label(*point_at(c, si, k), c.unit);
            if (turned_values) {
                // reads upwards from just beyond the column's end (below it for a negative value)
                add_turned_text(s, mid + 0.36 * kFontSmall, *v >= 0 ? top - kLabelGap : top + kLabelGap, label,
                                kFontSmall, *v >= 0 ? Anchor::Start : Anchor::End);
                continue;
            }
            if (label_size == 0) continue;
            double baseline = *v >= 0 ? top - kLabelGap : top + kLabelGap + label_size * 0.75;
            add_text(s, mid, baseline, label, label_size, Anchor::Middle, kInk);
        }
    }
    add_line(s, left, zero, width - 2, zero, kInk, 1);

    double label_top = plot_bottom + 8 + (any_negative(c) ? 14 : 0);
    const CategoryLabels labels = category_labels(c, b.band);
    for (size_t k = 0; k < nc; ++k) {
        double cx = b.left + b.band * (k + 0.5);
        if (labels.turned) {
            add_turned_text(s, cx + 0.36 * kFont, label_top, c.categories[k], kFont, Anchor::End);
            continue;
        }
        for (size_t i = 0; i < labels.lines[k].size(); ++i)
            add_text(s, cx, label_top + kFont + i * kLine, labels.lines[k][i], kFont, Anchor::Middle);
    }
    s.height = label_top + labels.height + 6;
    return s;
}

Scene layout_horizontal_bars(const model::Figure& f, double width) {
    const auto& c = f.chart;
    Scene s;
    s.width = width;
    size_t nc = category_count(c), ns = std::max<size_t>(1, series_count(c));
    double y = legend(s, c, 0, width, Swatch::Bar);

    auto wrapped = wrap_categories(c, width * 0.36, kFont);
    double label_col = widest_line(wrapped, kFont) + 14;
    double value_size = ns == 1 ? kFont : kFontSmall;
    double pos_w = 0, neg_w = 0;
    for (size_t si = 0; si < ns; ++si)
        for (size_t k = 0; k < nc; ++k) {
            const auto* p = point_at(c, si, k);
            double w = text_width(p ? point_label(*p, c.unit) : "N/A", value_size);
            auto v = value_at(c, si, k);
            double& widest = (v && *v < 0) ? neg_w : pos_w;
            widest = std::max(widest, w);
        }
    double plot_left = label_col + (neg_w > 0 ? neg_w + kLabelGap + 2 : 0);
    double plot_right = width - pos_w - kLabelGap - 4;
    Ticks t = bar_ticks(c);
    LinearScale xs{t.lo, t.hi, plot_left, plot_right};

    double bar_h = ns == 1 ? 24 : 16, sub_gap = 2;
    double bars_h = ns * bar_h + (ns - 1) * sub_gap;
    double pitch = std::max(bars_h + (ns == 1 ? 12 : 16), most_lines(wrapped) * kLine + 10);
    double plot_top = y + 2, plot_bottom = plot_top + pitch * nc;
    value_axis_bottom(s, t, xs, plot_top, plot_bottom, plot_bottom + 6, c.unit);

    double zero = xs(0);
    for (size_t k = 0; k < nc; ++k) {
        double centre = plot_top + pitch * (k + 0.5);
        add_lines(s, 0, centre, wrapped[k], kFont, Anchor::Start);
        for (size_t si = 0; si < ns; ++si) {
            double by = centre - bars_h / 2 + si * (bar_h + sub_gap);
            double baseline = baseline_for(by + bar_h / 2, value_size);
            auto v = value_at(c, si, k);
            if (!v) {
                missing_label(s, zero + kLabelGap, baseline, Anchor::Start);
                continue;
            }
            double end = xs(*v);
            add_rect(s, std::min(zero, end), by, std::fabs(end - zero), bar_h, series_colour(si),
                     series_hatch(si));
            bool neg = *v < 0;
            add_text(s, end + (neg ? -kLabelGap : kLabelGap), baseline,
                     point_label(*point_at(c, si, k), c.unit), value_size,
                     neg ? Anchor::End : Anchor::Start, kInk);
        }
    }
    add_line(s, zero, plot_top, zero, plot_bottom, kInk, 1);

    double bottom = plot_bottom + 6 + kFontSmall + 6;
    if (!c.value_axis_title.empty()) {
        add_text(s, (plot_left + plot_right) / 2, bottom + kFontSmall + 2, c.value_axis_title,
                 kFontSmall, Anchor::Middle, kInkSoft);
        bottom += 22;
    }
    s.height = bottom + 2;
    return s;
}

}  // namespace ep::charts::parts
