// Tables: column widths from content, wrapped cells, header rows repeated on every page the
// table reaches, group heading rows, caption above and source below.
#include <algorithm>
#include <numeric>

#include "core/text.h"
#include "pdf/composer.h"

namespace ep::pdf {

namespace {

using style::table_pad_x;
using style::table_pad_y;

struct CellGeom {
    std::vector<Line> lines;
    Role role = Role::TableCell;
    model::Align align = model::Align::Left;
    float height = 0;
};

struct RowGeom {
    std::vector<CellGeom> cells;   // one per column; a group row has one spanning cell
    bool header = false;
    bool group = false;
    float height = 0;
    std::vector<int> notes;
};

struct TableGeom {
    std::vector<float> col_x;      // left edge of each column, from the table's left
    std::vector<float> col_w;
    std::vector<RowGeom> head;
    std::vector<RowGeom> body;     // group rows are interleaved where the group changes
    std::vector<Line> caption;
    std::vector<Line> caption_continued;
    std::vector<Line> source;
    float head_height = 0;
};

const TextStyle caption_style{style::caption_size, style::caption_leading, true, false, style::ink};
const TextStyle source_style{style::small_size, style::small_leading, false, false, style::muted};

TextStyle cell_style(const model::TableCell& cell, bool head_row) {
    TextStyle st{style::table_size, style::table_leading};
    st.bold = head_row;
    // Missing figures are shown, but quietly: grey italic, so "N/A" is not read as a value.
    if (cell.missing) {
        st.italic = true;
        st.color = style::muted;
    }
    return st;
}

size_t column_count(const model::Table& t) {
    size_t n = t.align.size();
    for (const auto& r : t.head) n = std::max(n, r.size());
    for (const auto& r : t.body) n = std::max(n, r.size());
    return n;
}

// Column widths from content. Columns that are narrow even unwrapped (labels, numbers) keep
// their natural width, so they never wrap; the wide text columns share what is left, each
// getting at least its longest word. Spare width when everything fits is shared out in
// proportion, so tables run the full measure as in print.
std::vector<float> column_widths(const model::Table& t, size_t cols, float width, const FontSet& fonts) {
    std::vector<float> lo(cols, 2 * table_pad_x + 6), hi(cols, 2 * table_pad_x + 6);
    auto measure = [&](const std::vector<model::TableCell>& row, bool head_row) {
        for (size_t c = 0; c < row.size() && c < cols; ++c) {
            const WidthRange r = measure_runs(row[c].runs, cell_style(row[c], head_row), fonts);
            lo[c] = std::max(lo[c], r.min + 2 * table_pad_x);
            hi[c] = std::max(hi[c], r.max + 2 * table_pad_x);
        }
    };
    for (const auto& r : t.head) measure(r, true);
    for (const auto& r : t.body) measure(r, false);
    const float sum_hi = std::accumulate(hi.begin(), hi.end(), 0.0f);
    std::vector<float> w(cols);
    if (sum_hi <= width) {
        for (size_t c = 0; c < cols; ++c) w[c] = hi[c] + (width - sum_hi) * hi[c] / sum_hi;
        return w;
    }
    std::vector<bool> natural(cols, false);
    float left = width;
    for (bool changed = true; changed;) {
        changed = false;
        size_t flexible = 0;
        for (size_t c = 0; c < cols; ++c) flexible += natural[c] ? 0 : 1;
        if (flexible == 0) break;
        const float share = left / static_cast<float>(flexible);
        for (size_t c = 0; c < cols; ++c) {
            if (natural[c] || hi[c] > share) continue;
            natural[c] = true;
            left -= hi[c];
            changed = true;
        }
    }
    float flex_lo = 0, flex_hi = 0;
    for (size_t c = 0; c < cols; ++c) {
        if (natural[c]) continue;
        flex_lo += lo[c];
        flex_hi += hi[c];
    }
    if (flex_lo <= left) {
        for (size_t c = 0; c < cols; ++c)
            w[c] = natural[c] ? hi[c] : lo[c] + (hi[c] - lo[c]) * (left - flex_lo) / std::max(1.0f, flex_hi - flex_lo);
        return w;
    }
    // Too many long words for the page: every column shrinks and words break inside cells.
    const float sum_lo = std::accumulate(lo.begin(), lo.end(), 0.0f);
    for (size_t c = 0; c < cols; ++c) w[c] = width * lo[c] / sum_lo;
    return w;
}

RowGeom row_geom(const std::vector<model::TableCell>& row, const model::Table& t, const std::vector<float>& col_w,
                 bool head_row, const FontSet& fonts) {
    RowGeom g;
    g.header = head_row;
    for (size_t c = 0; c < col_w.size(); ++c) {
        CellGeom cell;
        if (c < row.size()) {
            cell.lines = break_lines(row[c].runs, cell_style(row[c], head_row), col_w[c] - 2 * table_pad_x, fonts);
            cell.role = head_row || row[c].header ? Role::TableHeaderCell : Role::TableCell;
        }
        cell.align = c < t.align.size() ? t.align[c] : model::Align::Left;
        cell.height = static_cast<float>(cell.lines.size()) * style::table_leading + 2 * table_pad_y;
        for (const Line& l : cell.lines) g.notes.insert(g.notes.end(), l.footnotes.begin(), l.footnotes.end());
        g.height = std::max(g.height, cell.height);
        g.cells.push_back(std::move(cell));
    }
    return g;
}

RowGeom group_geom(const std::string& title, float width, const FontSet& fonts) {
    RowGeom g;
    g.group = true;
    CellGeom cell;
    cell.role = Role::TableGroupRow;
    cell.lines = break_lines(plain_runs(title, true), TextStyle{style::table_size, style::table_leading},
                             width - 2 * table_pad_x, fonts);
    cell.height = static_cast<float>(cell.lines.size()) * style::table_leading + 2 * table_pad_y;
    g.height = cell.height;
    g.cells.push_back(std::move(cell));
    return g;
}

TableGeom table_geom(const model::Table& t, float width, const FontSet& fonts) {
    TableGeom g;
    const size_t cols = std::max<size_t>(1, column_count(t));
    g.col_w = column_widths(t, cols, width, fonts);
    float x = 0;
    for (float w : g.col_w) {
        g.col_x.push_back(x);
        x += w;
    }
    for (const auto& r : t.head) {
        g.head.push_back(row_geom(r, t, g.col_w, true, fonts));
        g.head_height += g.head.back().height;
    }
    std::string group;
    for (size_t i = 0; i < t.body.size(); ++i) {
        const std::string& gi = i < t.group_of_row.size() ? t.group_of_row[i] : std::string();
        if (!gi.empty() && gi != group) g.body.push_back(group_geom(gi, width, fonts));
        group = gi;
        g.body.push_back(row_geom(t.body[i], t, g.col_w, false, fonts));
    }
    const std::string label = "Table " + std::to_string(t.number) + ": ";
    g.caption = break_lines(plain_runs(label + t.caption), caption_style, width, fonts);
    g.caption_continued = break_lines(plain_runs(label + t.caption + " (continued)"), caption_style, width, fonts);
    g.source = break_lines(t.source, source_style, width, fonts);
    return g;
}

float lines_height(const std::vector<Line>& lines, float leading) {
    return static_cast<float>(lines.size()) * leading;
}

constexpr float caption_gap = 5.0f;   // caption to table
constexpr float source_gap = 4.0f;    // table to source line

// Cuts off the part of an over-tall row that fits in `avail`, leaving the rest in `row`.
RowGeom split_row(RowGeom& row, float avail) {
    RowGeom part = row;
    const int fit = std::max(1, static_cast<int>((avail - 2 * table_pad_y) / style::table_leading));
    part.height = 0;
    row.height = 0;
    for (size_t c = 0; c < row.cells.size(); ++c) {
        auto& lines = row.cells[c].lines;
        const size_t n = std::min(lines.size(), static_cast<size_t>(fit));
        part.cells[c].lines.assign(lines.begin(), lines.begin() + static_cast<long>(n));
        lines.erase(lines.begin(), lines.begin() + static_cast<long>(n));
        part.cells[c].height = lines_height(part.cells[c].lines, style::table_leading) + 2 * table_pad_y;
        row.cells[c].height = lines_height(lines, style::table_leading) + 2 * table_pad_y;
        part.height = std::max(part.height, part.cells[c].height);
        row.height = std::max(row.height, row.cells[c].height);
    }
    return part;
}

}  // namespace

float Composer::table_lead_height(const model::Table& t, const Column& col) const {
    const TableGeom g = table_geom(t, col.width, fonts_);
    float first = 0;
    for (size_t i = 0; i < g.body.size() && i < 2; ++i) first += g.body[i].height;
    return lines_height(g.caption, style::caption_leading) + caption_gap + g.head_height + first;
}

void Composer::table(const model::Table& t, const Column& col) {
    const TableGeom g = table_geom(t, col.width, fonts_);
    const float right = col.x + col.width;

    // The decoration of the part of the table on the current page; inserted under the cells.
    Box deco;
    size_t deco_at = 0;
    float part_top = 0;

    // Structure: Table > Caption, TR > TH/TD; the source line is a paragraph after it. The
    // header rows and caption repeated on continuation pages are pagination artifacts.
    open_node("Table");
    const int caption_node = leaf("Caption");
    const int columns = static_cast<int>(g.col_w.size());
    auto row_nodes = [&](const RowGeom& row) {
        std::vector<int> nodes;
        open_node("TR");
        for (const CellGeom& cell : row.cells) {
            const bool th = cell.role == Role::TableHeaderCell || cell.role == Role::TableGroupRow;
            const int n = leaf(th ? "TH" : "TD");
            if (th) out_.structure[static_cast<size_t>(n)].scope = row.header ? "Column" : "Row";
            if (row.group) out_.structure[static_cast<size_t>(n)].col_span = columns;
            nodes.push_back(n);
        }
        close_node();
        return nodes;
    };
    std::vector<std::vector<int>> head_nodes;
    for (const RowGeom& r : g.head) head_nodes.push_back(row_nodes(r));
    bool head_tagged = false;

    auto place_caption = [&](const std::vector<Line>& lines, bool continued) {
        const float h = lines_height(lines, style::caption_leading);
        const float top = take(h + caption_gap);
        Box box;
        box.role = Role::TableCaption;
        if (continued) box.artifact = Artifact::Pagination;
        else box.node = caption_node;
        box.anchor = t.id;
        box.rect = {col.x, top - h, col.width, h};
        float baseline = first_baseline(top, style::caption_size, style::caption_leading);
        for (const Line& l : lines) {
            emit_line(box, l, col.x, baseline);
            baseline -= style::caption_leading;
        }
        if (!t.id.empty() && !out_.destinations.count(t.id))
            out_.destinations[t.id] = {static_cast<int>(out_.pages.size()) - 1, top + 4};
        add_box(std::move(box));
    };

    auto place_row = [&](const RowGeom& row, const std::vector<int>* nodes) {
        const float top = take(row.height, row.notes);
        const float bottom = top - row.height;
        if (row.header) deco.fills.push_back({{col.x, bottom, col.width, row.height}, style::tint});
        if (row.group) deco.fills.push_back({{col.x, bottom, col.width, row.height}, style::group_tint});
        for (size_t c = 0; c < row.cells.size(); ++c) {
            const CellGeom& cell = row.cells[c];
            const float cx = col.x + (row.group ? 0 : g.col_x[c]);
            const float cw = row.group ? col.width : g.col_w[c];
            Box box;
            box.role = cell.role;
            if (nodes && c < nodes->size()) box.node = (*nodes)[c];
            else box.artifact = Artifact::Pagination;
            box.rect = {cx, bottom, cw, row.height};
            float baseline = first_baseline(top - table_pad_y, style::table_size, style::table_leading);
            for (const Line& l : cell.lines) {
                float lx = cx + table_pad_x;
                if (cell.align == model::Align::Right) lx = cx + cw - table_pad_x - l.width;
                if (cell.align == model::Align::Center) lx = cx + (cw - l.width) / 2;
                emit_line(box, l, lx, baseline);
                baseline -= style::table_leading;
            }
            add_box(std::move(box));
        }
        // Light rule under each body row; the header gets a firmer one.
        const bool firm = row.header && &row == &g.head.back();
        deco.rules.push_back({col.x, bottom, right, bottom, firm ? 0.8f : 0.35f, firm ? style::accent : style::rule_light});
    };

    auto start_part = [&](bool continued) {
        place_caption(continued ? g.caption_continued : g.caption, continued);
        deco = Box{};
        deco.role = Role::TableRules;
        deco_at = out_.pages.back().boxes.size();
        part_top = y_;
        for (size_t r = 0; r < g.head.size(); ++r) place_row(g.head[r], head_tagged ? nullptr : &head_nodes[r]);
        head_tagged = true;
    };

    auto end_part = [&]() {
        deco.rules.push_back({col.x, part_top, right, part_top, 1.2f, style::accent});
        deco.rules.push_back({col.x, y_, right, y_, 1.0f, style::accent});
        deco.rect = {col.x, y_, col.width, part_top - y_};
        deco.block_id = current_block_;
        auto& boxes = out_.pages.back().boxes;
        boxes.insert(boxes.begin() + static_cast<long>(deco_at), std::move(deco));
    };

    // Keep the caption, the header and the first rows together.
    const float source_h = g.source.empty() ? 0 : source_gap + lines_height(g.source, style::small_leading);
    float first = 0;
    for (size_t i = 0; i < g.body.size() && i < 2; ++i) first += g.body[i].height;
    ensure(lines_height(g.caption, style::caption_leading) + caption_gap + g.head_height + first);
    start_part(false);

    int rows_in_part = 0;
    for (size_t i = 0; i < g.body.size(); ++i) {
        RowGeom row = g.body[i];
        const std::vector<int> nodes = row_nodes(row);   // one TR, even when the row splits
        float need = row.height;
        if (row.group && i + 1 < g.body.size()) need += g.body[i + 1].height;   // group heading keeps its row
        // Never carry a lone last row over, and keep the source line with the table.
        if (i + 2 == g.body.size()) need += g.body[i + 1].height + source_h;
        if (i + 1 == g.body.size()) need += source_h;
        if (rows_in_part > 0 && !fits(need, row.notes)) {
            end_part();
            new_page();
            start_part(true);
            rows_in_part = 0;
        }
        // A row taller than a whole page is the one case where a row is split.
        for (int guard = 0; guard < 100 && !fits(row.height, row.notes); ++guard) {
            RowGeom part = split_row(row, room());
            place_row(part, &nodes);
            end_part();
            new_page();
            start_part(true);
        }
        place_row(row, &nodes);
        ++rows_in_part;
    }
    end_part();
    close_node();

    if (!g.source.empty()) {
        const float h = lines_height(g.source, style::small_leading);
        std::vector<int> notes;
        for (const Line& l : g.source) notes.insert(notes.end(), l.footnotes.begin(), l.footnotes.end());
        if (!fits(source_gap + h, notes)) new_page();
        const float top = take(source_gap + h, notes) - source_gap;
        Box box;
        box.role = Role::TableSource;
        box.node = leaf("P");
        box.rect = {col.x, top - h, col.width, h};
        float baseline = first_baseline(top, style::small_size, style::small_leading);
        for (const Line& l : g.source) {
            emit_line(box, l, col.x, baseline);
            baseline -= style::small_leading;
        }
        add_box(std::move(box));
    }
}

}  // namespace ep::pdf
