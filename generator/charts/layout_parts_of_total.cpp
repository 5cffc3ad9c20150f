// Layouts for parts of a total: Stacked (horizontal stacked bars) and Waterfall.
#include <algorithm>
#include <cmath>

#include "charts/layout_parts.h"
#include "core/text.h"

namespace ep::charts::parts {

namespace {

struct Segment {
    std::string name, value;
    double x0 = 0, x1 = 0;
    Colour colour = 0;
    bool value_inside = false;
};

// A label above a single stacked bar, connected to its segment by a leader line.
struct PlacedLabel {
    int level = 0;
    double x0 = 0, x1 = 0, leader = 0;
};

bool overlaps(double a0, double a1, double b0, double b1) { return a0 < b1 && b0 < a1; }

bool level_is_free(const std::vector<PlacedLabel>& placed, const PlacedLabel& cand, int level,
                   bool check_leaders) {
    for (const auto& p : placed) {
        if (p.level == level && overlaps(cand.x0 - 10, cand.x1 + 10, p.x0, p.x1)) return false;
        if (!check_leaders) continue;
        if (p.level > level && p.leader >= cand.x0 - 4 && p.leader <= cand.x1 + 4) return false;
        if (p.level < level && cand.leader >= p.x0 - 4 && cand.leader <= p.x1 + 4) return false;
    }
    return true;
}

// Lowest level (0 = next to the bar) where the label and its leader cross nothing placed;
// failing that, the lowest level where the label at least does not overlap another label.
int free_level(const std::vector<PlacedLabel>& placed, const PlacedLabel& cand) {
    for (int level = 0; level < 6; ++level)
        if (level_is_free(placed, cand, level, true)) return level;
    for (int level = 0;; ++level)
        if (level_is_free(placed, cand, level, false)) return level;
}

// White rounded "pill" with the value, inside a (possibly hatched) segment.
void pill_label(Scene& s, double cx, double cy, const std::string& text, double size) {
    double w = text_width(text, size) + 8, h = size + 5;
    add_rect(s, cx - w / 2, cy - h / 2, w, h, kWhite, Hatch::None, 3);
    add_text(s, cx, baseline_for(cy, size), text, size, Anchor::Middle, kInk);
}

std::string missing_note(const std::vector<std::string>& names) {
    std::string note = "No data: ";
    for (size_t i = 0; i < names.size(); ++i) note += (i ? ", " : "") + names[i];
    return note;
}

// One bar whose segments are the categories (series[0] holds the parts).
Scene single_stacked_bar(const model::Figure& f, double width) {
    const auto& c = f.chart;
    Scene s;
    s.width = width;
    double total = 0;
    std::vector<std::string> missing;
    for (size_t k = 0; k < category_count(c); ++k) {
        auto v = value_at(c, 0, k);
        if (v && *v > 0) total += *v;
        else if (!v) missing.push_back(c.categories[k]);
    }
    std::string total_label = value_label(total, c.unit);
    double reserve = std::max(text_width("Total", kFontSmall), text_width(total_label, kFont, true));
    Ticks t = nice_ticks(0, total, 6);
    LinearScale xs{t.lo, t.hi, 0, width - reserve - 10};

    std::vector<Segment> segs;
    double cum = 0;
    for (size_t k = 0; k < category_count(c); ++k) {
        auto v = value_at(c, 0, k);
        if (!v || *v <= 0) continue;
        Segment g{c.categories[k], point_label(*point_at(c, 0, k), c.unit), xs(cum),
                  xs(cum + *v), series_colour(segs.size())};
        g.value_inside = text_width(g.value, kFont, true) + 12 <= g.x1 - g.x0;
        segs.push_back(g);
        cum += *v;
    }

    // Place the name labels above the bar, stepping up a level when they would collide.
    // Right to left: a label runs rightwards over segments already labelled lower down.
    std::vector<PlacedLabel> placed(segs.size());
    std::vector<PlacedLabel> done;
    int levels = 1;
    for (size_t i = segs.size(); i-- > 0;) {
        const auto& g = segs[i];
        double mid = (g.x0 + g.x1) / 2;
        std::string text = g.value_inside ? g.name : g.name + "  " + g.value;
        double w = text_width(text, kFont, true);
        PlacedLabel p{0, mid - 6, mid - 6 + w, mid};
        if (p.x1 > width) p.x0 = std::max(0.0, mid + 6 - w), p.x1 = p.x0 + w;
        p.level = free_level(done, p);
        levels = std::max(levels, p.level + 1);
        placed[i] = p;
        done.push_back(p);
    }
    const double level_h = 20, bar_h = 40;
    double bar_top = levels * level_h + 8, bar_bottom = bar_top + bar_h;
    value_axis_bottom(s, t, xs, bar_top - 4, bar_bottom + 4, bar_bottom + 8, c.unit);

    for (size_t i = 0; i < segs.size(); ++i) {
        const auto& g = segs[i];
        const auto& p = placed[i];
        add_rect(s, g.x0, bar_top, g.x1 - g.x0, bar_h, g.colour);
        if (i > 0) add_line(s, g.x0, bar_top, g.x0, bar_bottom, kWhite, 2);
        if (g.value_inside)
            add_text(s, (g.x0 + g.x1) / 2, baseline_for(bar_top + bar_h / 2, kFont), g.value,
                     kFont, Anchor::Middle, text_colour_on(g.colour), true);
        double baseline = (levels - 1 - p.level) * level_h + kFont + 2;
        add_line(s, p.leader, baseline + 4, p.leader, bar_top, kInkSoft, 1);
        std::string name = g.name;
        add_text(s, p.x0, baseline, name, kFont, Anchor::Start, kInk, true);
        if (!g.value_inside)
            add_text(s, p.x0 + text_width(name + "  ", kFont, true), baseline, g.value, kFont,
                     Anchor::Start, kInk);
    }
    add_line(s, xs(0), bar_top - 4, xs(0), bar_bottom + 4, kInk, 1);
    double tx = xs(total) + 8, cy = bar_top + bar_h / 2;
    add_text(s, tx, cy - 4, "Total", kFontSmall, Anchor::Start, kInkSoft);
    add_text(s, tx, cy + 12, total_label, kFont, Anchor::Start, kInk, true);

    double bottom = bar_bottom + 8 + kFontSmall + 8;
    if (!c.value_axis_title.empty()) {
        add_text(s, xs((t.lo + t.hi) / 2), bottom + kFontSmall, c.value_axis_title, kFontSmall,
                 Anchor::Middle, kInkSoft);
        bottom += 20;
    }
    if (!missing.empty()) {
        add_text(s, 0, bottom + kFontSmall, missing_note(missing), kFontSmall, Anchor::Start,
                 kInkSoft);
        bottom += 20;
    }
    s.height = bottom + 2;
    return s;
}

// Rows = categories, segments = series; totals at the bar ends.
Scene stacked_rows(const model::Figure& f, double width) {
    const auto& c = f.chart;
    Scene s;
    s.width = width;
    size_t nc = category_count(c), ns = series_count(c);
    double y = legend(s, c, 0, width, Swatch::Bar);
    auto wrapped = wrap_categories(c, width * 0.3, kFont);
    double label_col = widest_line(wrapped, kFont) + 14;

    std::vector<std::optional<double>> totals(nc);
    double max_total = 0, reserve = text_width("N/A", kFont, true);
    for (size_t k = 0; k < nc; ++k) {
        double sum = 0;
        bool complete = true;
        for (size_t si = 0; si < ns; ++si) {
            auto v = value_at(c, si, k);
            if (!v) complete = false;
            else if (*v > 0) sum += *v;
        }
        if (complete) totals[k] = sum;
        max_total = std::max(max_total, sum);
        reserve = std::max(reserve, text_width(value_label(sum, c.unit), kFont, true));
    }
    Ticks t = nice_ticks(0, max_total, 6);
    LinearScale xs{t.lo, t.hi, label_col, width - reserve - 10};
    const double bar_h = 26;
    double pitch = std::max(bar_h + 14, most_lines(wrapped) * kLine + 10);
    double plot_top = y + 2, plot_bottom = plot_top + pitch * nc;
    value_axis_bottom(s, t, xs, plot_top, plot_bottom, plot_bottom + 6, c.unit);

    for (size_t k = 0; k < nc; ++k) {
        double centre = plot_top + pitch * (k + 0.5), top = centre - bar_h / 2;
        add_lines(s, 0, centre, wrapped[k], kFont, Anchor::Start);
        double cum = 0;
        for (size_t si = 0; si < ns; ++si) {
            auto v = value_at(c, si, k);
            if (!v || *v <= 0) continue;
            double x0 = xs(cum), x1 = xs(cum + *v);
            add_rect(s, x0, top, x1 - x0, bar_h, series_colour(si), series_hatch(si));
            if (cum > 0) add_line(s, x0, top, x0, top + bar_h, kWhite, 2);
            std::string label = point_label(*point_at(c, si, k), c.unit);
            if (text_width(label, kFontSmall) + 14 <= x1 - x0)
                pill_label(s, (x0 + x1) / 2, centre, label, kFontSmall);
            cum += *v;
        }
        std::string total = totals[k] ? value_label(*totals[k], c.unit) : "N/A";
        add_text(s, xs(cum) + 6, baseline_for(centre, kFont), total, kFont, Anchor::Start,
                 totals[k] ? kInk : kInkSoft, true);
    }
    add_line(s, xs(0), plot_top, xs(0), plot_bottom, kInk, 1);
    double bottom = plot_bottom + 6 + kFontSmall + 6;
    if (!c.value_axis_title.empty()) {
        add_text(s, xs((t.lo + t.hi) / 2), bottom + kFontSmall + 2, c.value_axis_title,
                 kFontSmall, Anchor::Middle, kInkSoft);
        bottom += 22;
    }
    s.height = bottom + 2;
    return s;
}

// ---- waterfall -------------------------------------------------------------------------

struct Step {
    std::string name, label;
    std::optional<double> from, to;   // nullopt: missing step
    bool total = false;
};

bool names_total(const std::string& name) { return to_lower(name).find("total") != std::string::npos; }

std::vector<Step> waterfall_steps(const model::Chart& c) {
    std::vector<Step> steps;
    size_t n = category_count(c);
    bool last_is_total = n > 1 && (c.last_is_total || names_total(c.categories.back()));
    size_t parts = last_is_total ? n - 1 : n;
    double cum = 0;
    for (size_t k = 0; k < parts; ++k) {
        Step st;
        st.name = c.categories[k], st.label = "N/A";
        if (auto v = value_at(c, 0, k)) {
            st.from = cum, st.to = cum + *v, cum += *v;
            st.label = point_label(*point_at(c, 0, k), c.unit);
        }
        steps.push_back(st);
    }
    Step total;
    total.name = last_is_total ? c.categories.back() : "Total";
    total.label = value_label(cum, c.unit);
    total.from = 0, total.to = cum, total.total = true;
    if (last_is_total) {
        if (auto v = value_at(c, 0, n - 1)) total.to = *v;
        const auto* p = point_at(c, 0, n - 1);
        if (p && p->value && !p->label.empty()) total.label = p->label;
    }
    steps.push_back(total);
    return steps;
}

}  // namespace

Scene layout_stacked(const model::Figure& f, double width) {
    return series_count(f.chart) == 1 ? single_stacked_bar(f, width) : stacked_rows(f, width);
}

Scene layout_waterfall(const model::Figure& f, double width) {
    const auto& c = f.chart;
    Scene s;
    s.width = width;
    auto steps = waterfall_steps(c);
    double y = axis_title_top(s, c.value_axis_title, 0);
    double lo = 0, hi = 0;
    for (const auto& st : steps)
        if (st.to) lo = std::min({lo, *st.from, *st.to}), hi = std::max({hi, *st.from, *st.to});
    Ticks t = nice_ticks(lo, hi, 6);
    double left = widest_tick_label(t, c.unit) + 10, right = width - 2;
    double band = (right - left) / static_cast<double>(steps.size());
    double bar = std::min(band * 0.62, 96.0);
    double plot_top = y + 22, plot_bottom = plot_top + 230;
    LinearScale ys{t.lo, t.hi, plot_bottom, plot_top};
    value_axis_left(s, t, ys, left, right, c.unit);

    double size = kFont;
    for (const auto& st : steps)
        if (text_width(st.label, kFont) > band - 6) size = kFontSmall;
    const Colour up = series_colour(0), down = series_colour(3), total = 0x3b4a54;
    for (size_t i = 0; i < steps.size(); ++i) {
        const auto& st = steps[i];
        double x = left + band * i + (band - bar) / 2, mid = x + bar / 2;
        if (!st.to) {
            double level = i > 0 && steps[i - 1].to ? ys(*steps[i - 1].to) : ys(0);
            add_text(s, mid, level - 5, "N/A", kFontSmall, Anchor::Middle, kInkSoft);
            continue;
        }
        bool falls = *st.to < *st.from;
        double y0 = ys(*st.from), y1 = ys(*st.to);
        Colour colour = st.total ? total : falls ? down : up;
        add_rect(s, x, std::min(y0, y1), bar, std::max(1.0, std::fabs(y1 - y0)), colour,
                 falls ? Hatch::Diagonal : Hatch::None);
        double label_y = falls ? std::max(y0, y1) + 5 + size * 0.75 : std::min(y0, y1) - 5;
        add_text(s, mid, label_y, st.label, size, Anchor::Middle, kInk, st.total);
        if (i + 1 < steps.size() && !st.total)
            add_line(s, x + bar, y1, x + band + (band - bar) / 2 + 0, y1, kInkSoft, 1, true);
    }
    add_line(s, left, ys(0), right, ys(0), kInk, 1);

    double label_top = plot_bottom + 8 + (t.lo < 0 ? 14 : 0);
    size_t lines = 1;
    for (size_t i = 0; i < steps.size(); ++i) {
        auto wrapped = wrap_text(steps[i].name, band - 8, kFont);
        lines = std::max(lines, wrapped.size());
        for (size_t j = 0; j < wrapped.size(); ++j)
            add_text(s, left + band * (i + 0.5), label_top + kFont + j * kLine, wrapped[j], kFont,
                     Anchor::Middle, kInk, steps[i].total);
    }
    s.height = label_top + lines * kLine + 6;
    return s;
}

}  // namespace ep::charts::parts
