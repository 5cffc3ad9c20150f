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

bool vertical_bars_fit(const model::Chart& c, double width) {
    size_t nc = category_count(c), ns = std::max<size_t>(1, series_count(c));
    if (nc * ns > 16) return false;
    Bands b = vertical_bands(56, width - 2, nc, ns);
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
    double plot_top = y + 22, plot_bottom = plot_top + 230;
    LinearScale ys{t.lo, t.hi, plot_bottom, plot_top};
    value_axis_left(s, t, ys, left, width - 2, c.unit);

    double slot = ns == 1 ? b.band - 6 : b.bar + b.gap - 1;
    double label_size = value_label_size(c, slot);
    double zero = ys(0);
    for (size_t k = 0; k < nc; ++k) {
        for (size_t si = 0; si < ns; ++si) {
            double x = b.bar_x(k, si), mid = x + b.bar / 2;
            auto v = value_at(c, si, k);
            if (!v) {
                missing_label(s, mid, zero - 5, Anchor::Middle);
                continue;
            }
            double top = ys(*v);
            add_rect(s, x, std::min(top, zero), b.bar, std::fabs(top - zero), series_colour(si),
                     series_hatch(si));
            if (label_size == 0) continue;
            double baseline = *v >= 0 ? top - kLabelGap : top + kLabelGap + label_size * 0.75;
            add_text(s, mid, baseline, point_label(*point_at(c, si, k), c.unit), label_size,
                     Anchor::Middle, kInk);
        }
    }
    add_line(s, left, zero, width - 2, zero, kInk, 1);

    double label_top = plot_bottom + 8 + (any_negative(c) ? 14 : 0);
    auto wrapped = wrap_categories(c, b.band - 8, kFont);
    for (size_t k = 0; k < nc; ++k) {
        double cx = b.left + b.band * (k + 0.5);
        for (size_t i = 0; i < wrapped[k].size(); ++i)
            add_text(s, cx, label_top + kFont + i * kLine, wrapped[k][i], kFont, Anchor::Middle);
    }
    s.height = label_top + most_lines(wrapped) * kLine + 6;
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
