// Fact panels (```facts): a shaded box with an accent bar on its left, holding label/value
// rows. Tagged as a list, L > LI > Lbl (the label) + LBody > P (the value), which PDF/UA
// readers announce as "label: value" pairs; the shading and bar are layout artifacts.
#include <algorithm>

#include "pdf/composer.h"

namespace ep::pdf {

namespace {

constexpr float pad_x = 9.0f;      // inside the box, left of the labels and right of the values
constexpr float pad_y = 7.0f;      // above the first row and below the last
constexpr float bar_width = 3.0f;  // the accent bar on the box's left edge
constexpr float column_gap = 12.0f;
constexpr float row_gap = 5.0f;    // between rows, with a light rule in the middle
constexpr float max_label_share = 0.38f;   // labels never take more of the width than this

const TextStyle label_style{style::body_size, style::body_leading, true, false, style::accent};
const TextStyle value_style{style::body_size, style::body_leading, false, false, style::ink};

struct FactRow {
    std::vector<Line> label, value;
    float height = 0;
};

struct FactsGeom {
    float label_x = 0, label_w = 0;   // from the panel's left edge
    float value_x = 0, value_w = 0;
    std::vector<FactRow> rows;
};

FactsGeom facts_geom(const model::Block& b, float width, const FontSet& fonts) {
    FactsGeom g;
    const float inner = std::max(40.0f, width - bar_width - 2 * pad_x);
    float natural = 0;
    for (const auto& f : b.facts) natural = std::max(natural, measure_runs(plain_runs(f.label), label_style, fonts).max);
    g.label_x = bar_width + pad_x;
    g.label_w = std::min(natural + 1.0f, inner * max_label_share);
    g.value_x = g.label_x + g.label_w + column_gap;
    g.value_w = std::max(20.0f, inner - g.label_w - column_gap);
    for (const auto& f : b.facts) {
        FactRow r;
        r.label = break_lines(plain_runs(f.label), label_style, g.label_w, fonts);
        r.value = break_lines(f.value, value_style, g.value_w, fonts);
        const size_t lines = std::max<size_t>(1, std::max(r.label.size(), r.value.size()));
        r.height = static_cast<float>(lines) * style::body_leading;
        g.rows.push_back(std::move(r));
    }
    return g;
}

float part_height(const FactsGeom& g, size_t from, size_t to) {
    float h = 2 * pad_y;
    for (size_t i = from; i < to; ++i) h += g.rows[i].height + (i > from ? row_gap : 0);
    return h;
}

}  // namespace

float Composer::facts_lead_height(const model::Block& b, const Column& col) const {
    const FactsGeom g = facts_geom(b, col.width, fonts_);
    return part_height(g, 0, std::min<size_t>(2, g.rows.size()));
}

void Composer::facts(const model::Block& b, const Column& col) {
    if (b.facts.empty()) return;
    const FactsGeom g = facts_geom(b, col.width, fonts_);
    // The whole panel stays on one page when it can.
    const float whole = part_height(g, 0, g.rows.size());
    const float page = style::text_top - style::text_bottom;
    if (whole <= page) ensure(whole);
    else ensure(part_height(g, 0, 1));

    open_node("L");
    size_t i = 0;
    while (i < g.rows.size()) {
        // As many rows as fit on this page, and at least one.
        size_t j = i + 1;
        while (j < g.rows.size() && fits(part_height(g, i, j + 1))) ++j;
        const float h = part_height(g, i, j);
        const float top = take(h);

        Box panel;
        panel.role = Role::FactsPanel;   // node -1: a layout artifact
        panel.rect = {col.x, top - h, col.width, h};
        panel.fills.push_back({panel.rect, style::tint});
        panel.fills.push_back({{col.x, top - h, bar_width, h}, style::accent});
        float y = top - pad_y;
        for (size_t k = i; k < j; ++k) {
            if (k > i) {
                const float ry = y - row_gap / 2;
                panel.rules.push_back({col.x + g.label_x, ry, col.x + col.width - pad_x, ry, 0.4f, style::rule_light});
                y -= row_gap;
            }
            y -= g.rows[k].height;
        }
        add_box(std::move(panel));

        y = top - pad_y;
        for (size_t k = i; k < j; ++k) {
            const FactRow& row = g.rows[k];
            if (k > i) y -= row_gap;
            open_node("LI");
            Box label;
            label.role = Role::FactLabel;
            label.node = leaf("Lbl");
            label.rect = {col.x + g.label_x, y - row.height, g.label_w, row.height};
            float baseline = first_baseline(y, label_style.size, label_style.leading);
            for (const Line& l : row.label) {
                emit_line(label, l, col.x + g.label_x, baseline);
                baseline -= label_style.leading;
            }
            add_box(std::move(label));
            open_node("LBody");
            Box value;
            value.role = Role::FactValue;
            value.node = leaf("P");
            value.rect = {col.x + g.value_x, y - row.height, g.value_w, row.height};
            baseline = first_baseline(y, value_style.size, value_style.leading);
            for (const Line& l : row.value) {
                emit_line(value, l, col.x + g.value_x, baseline);
                baseline -= value_style.leading;
            }
            add_box(std::move(value));
            close_node();   // LBody
            close_node();   // LI
            y -= row.height;
        }
        i = j;
        if (i < g.rows.size()) new_page();
    }
    close_node();   // L
}

}  // namespace ep::pdf
