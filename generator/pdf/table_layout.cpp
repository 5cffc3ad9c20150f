// Tables: column widths from content, wrapped cells, header rows repeated on every page the
// table reaches, group heading rows, caption above and source below. A tall row (an action
// plan's) splits between lines at the foot of a page; status cells are coloured badges.
#include <algorithm>
#include <iterator>
#include <numeric>
#include <optional>

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
    std::string status;            // action plans: the status badge's colour ("" for none)
};

struct RowGeom {
    std::vector<CellGeom> cells;   // one per column; a group row has one spanning cell
    bool header = false;
    bool group = false;
    bool continued = false;        // the rest of a row split at the foot of the previous page
    bool last_head = false;        // the last header row: a firmer rule under it
    float height = 0;
    std::vector<int> notes;
};

// What a row split over a page break shows on the next page, above its first cell's text.
constexpr const char* row_continued_cue = "(row continued)";

struct TableGeom {
    std::vector<float> col_x;      // left edge of each column, from the table's left
    std::vector<float> col_w;
    std::vector<RowGeom> head;
    std::vector<RowGeom> body;     // group rows are interleaved where the group changes
    std::vector<Line> caption;
    std::vector<Line> caption_continued;
    std::vector<Line> source;
    std::vector<Line> cue;         // row_continued_cue set in the first column (two lines if narrow)
    float head_height = 0;
};

const TextStyle caption_style{style::caption_size, style::caption_leading, true, false, style::ink};
const TextStyle source_style{style::small_size, style::small_leading, false, false, style::muted};

struct StatusColors {
    style::Color text, fill;
};

// Colours of an action's status badge; nullopt for a cell that is not a status.
std::optional<StatusColors> status_colors(const std::string& status) {
    if (status == "red") return StatusColors{style::status_red_text, style::status_red_fill};
    if (status == "amber") return StatusColors{style::status_amber_text, style::status_amber_fill};
    if (status == "green") return StatusColors{style::status_green_text, style::status_green_fill};
    if (status == "complete") return StatusColors{style::status_complete_text, style::status_complete_fill};
    return std::nullopt;
}

TextStyle cell_style(const model::TableCell& cell, bool head_row) {
    TextStyle st{style::table_size, style::table_leading};
    st.bold = head_row;
    // Missing figures are shown, but quietly: grey italic, so "N/A" is not read as a value.
    if (cell.missing) {
        st.italic = true;
        st.color = style::muted;
    }
    // A status is bold in its badge's text colour; the words say what the colour means.
    if (auto c = status_colors(cell.status)) {
        st.bold = true;
        st.color = c->text;
    }
    return st;
}

size_t column_count(const model::Table& t) {
    size_t n = t.align.size();
    for (const auto& r : t.head) n = std::max(n, r.size());
    for (const auto& r : t.body) n = std::max(n, r.size());
    return n;
}

// An action plan's columns (action, progress, next steps, lead, due, status) hold sentences of
// any length, so their widths are set shares of the measure, not measured from content: the
// three text columns get most of it, and a status ("Amber: in progress") takes two lines.
const std::vector<float> plan_weights = {0.20f, 0.25f, 0.23f, 0.11f, 0.09f, 0.12f};

// Widths in proportion to `weights`, each at least its longest word (`lo`); what that costs is
// taken from the columns with room to spare, in proportion to their spare width.
std::vector<float> weighted_widths(const std::vector<float>& weights, const std::vector<float>& lo, float width) {
    std::vector<float> w(weights.size());
    float total = std::accumulate(weights.begin(), weights.end(), 0.0f), deficit = 0, slack = 0;
    for (size_t c = 0; c < w.size(); ++c) {
        w[c] = width * weights[c] / total;
        if (w[c] < lo[c]) deficit += lo[c] - w[c], w[c] = lo[c];
        else slack += w[c] - lo[c];
    }
    if (deficit > 0 && slack > deficit) {
        for (size_t c = 0; c < w.size(); ++c)
            if (w[c] > lo[c]) w[c] -= deficit * (w[c] - lo[c]) / slack;
    } else if (deficit > 0) {
        // Words too long for the page: the shares stand and long words break inside cells.
        for (size_t c = 0; c < w.size(); ++c) w[c] = width * weights[c] / total;
    }
    return w;
}

// Column widths from each column's longest word (`lo`) and unwrapped width (`hi`). Columns that
// are narrow even unwrapped (labels, numbers) keep their natural width, so they never wrap; the
// wide text columns share what is left, each getting at least its longest word. Spare width when
// everything fits is shared out in proportion, so tables run the full measure as in print.
// `fitted` says whether every column got at least its longest word.
std::vector<float> widths_from(const std::vector<float>& lo, const std::vector<float>& hi, float width, bool& fitted) {
    const size_t cols = lo.size();
    fitted = true;
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
    fitted = false;
    const float sum_lo = std::accumulate(lo.begin(), lo.end(), 0.0f);
    for (size_t c = 0; c < cols; ++c) w[c] = width * lo[c] / sum_lo;
    return w;
}

// Column widths from content (widths_from). A word too long for the page (a URL, a code) is
// broken inside its cell anyway, so when the longest words do not all fit no column's minimum
// counts for more than an even share of the measure: the column holding the long word takes the
// room the others' longest words leave, instead of squeezing them until every word breaks.
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
    if (t.kind == "plan" && cols == plan_weights.size()) return weighted_widths(plan_weights, lo, width);
    bool fitted = true;
    std::vector<float> w = widths_from(lo, hi, width, fitted);
    if (fitted) return w;
    const float fair = std::max(width / static_cast<float>(cols), 2 * table_pad_x + 6);
    bool capped = false;
    for (float& l : lo) {
        if (l > fair) l = fair, capped = true;
    }
    return capped ? widths_from(lo, hi, width, fitted) : w;
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
            cell.status = row[c].status;
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
    if (!g.head.empty()) g.head.back().last_head = true;
    std::string group;
    for (size_t i = 0; i < t.body.size(); ++i) {
        const std::string& gi = i < t.group_of_row.size() ? t.group_of_row[i] : std::string();
        if (!gi.empty() && gi != group) g.body.push_back(group_geom(gi, width, fonts));
        group = gi;
        g.body.push_back(row_geom(t.body[i], t, g.col_w, false, fonts));
    }
    const std::string label = t.number == 0 ? "" : model::label_of(t) + ": ";   // 0: unnumbered
    // A table without a caption (a plain Markdown table) has none: no empty Caption element.
    const std::string caption = t.number == 0 && t.caption.empty() ? "" : label + t.caption;
    if (!caption.empty()) g.caption = break_lines(plain_runs(caption), caption_style, width, fonts);
    g.caption_continued =
        break_lines(plain_runs(caption.empty() ? std::string("(continued)") : std::string(caption).append(" (continued)")),
                    caption_style, width, fonts);
    g.source = break_lines(t.source, source_style, width, fonts);
    g.cue = break_lines(plain_runs(row_continued_cue, false, true),
                        {style::table_size, style::table_leading, false, true, style::muted},
                        g.col_w[0] - 2 * table_pad_x, fonts);
    return g;
}

float lines_height(const std::vector<Line>& lines, float leading) {
    return static_cast<float>(lines.size()) * leading;
}

constexpr float caption_gap = 5.0f;   // caption to table
constexpr float source_gap = 4.0f;    // table to source line

// The caption above the table's first part, with its gap (nothing for a table without one).
float caption_height(const TableGeom& g) {
    return g.caption.empty() ? 0 : lines_height(g.caption, style::caption_leading) + caption_gap;
}

int row_lines(const RowGeom& row) {
    size_t n = 0;
    for (const CellGeom& c : row.cells) n = std::max(n, c.lines.size());
    return static_cast<int>(n);
}

float lines_row_height(int lines) { return static_cast<float>(lines) * style::table_leading + 2 * table_pad_y; }

// Rows long enough to split at a page foot: body rows with room for the minimum number of
// lines on each side (headers and group headings never split).
bool splittable(const RowGeom& row) {
    return !row.header && !row.group && row_lines(row) >= 2 * style::table_split_min_lines;
}

// What must fit for a row to start on this page: all of it, or for a row that may split, its
// first lines.
float keep_height(const RowGeom& row) {
    return splittable(row) ? std::min(row.height, lines_row_height(style::table_split_min_lines)) : row.height;
}

// Footnotes cited in the first `lines` lines of the row's cells.
std::vector<int> notes_in(const RowGeom& row, int lines) {
    std::vector<int> notes;
    for (const CellGeom& c : row.cells)
        for (size_t i = 0; i < c.lines.size() && static_cast<int>(i) < lines; ++i)
            notes.insert(notes.end(), c.lines[i].footnotes.begin(), c.lines[i].footnotes.end());
    return notes;
}

// Cuts the first `lines` lines of every cell off `row` (between lines, so the two parts read on
// from each other) and returns them as a row of their own; `row` keeps the rest, below a cue of
// `cue_lines` lines.
// The lines are moved, not copied, so cutting a row of many lines over many pages stays cheap.
RowGeom split_row(RowGeom& row, int lines, size_t cue_lines) {
    RowGeom part;
    part.header = row.header;
    part.group = row.group;
    part.continued = row.continued;
    part.last_head = row.last_head;
    part.cells.resize(row.cells.size());
    row.height = 0;
    for (size_t c = 0; c < row.cells.size(); ++c) {
        CellGeom& cell = part.cells[c];
        cell.role = row.cells[c].role;
        cell.align = row.cells[c].align;
        cell.status = row.cells[c].status;
        auto& rest = row.cells[c].lines;
        const auto n = static_cast<long>(std::min(rest.size(), static_cast<size_t>(std::max(0, lines))));
        cell.lines.assign(std::make_move_iterator(rest.begin()), std::make_move_iterator(rest.begin() + n));
        rest.erase(rest.begin(), rest.begin() + n);
        part.cells[c].height = lines_height(part.cells[c].lines, style::table_leading) + 2 * table_pad_y;
        row.cells[c].height = lines_height(rest, style::table_leading) + 2 * table_pad_y;
        part.height = std::max(part.height, part.cells[c].height);
        row.height = std::max(row.height, row.cells[c].height);
    }
    part.notes = notes_in(part, lines);
    row.notes = notes_in(row, row_lines(row));
    // The rest opens the next page with a cue, on a line of its own in the first column, so a
    // reader does not take it for a row of its own (place_row draws it).
    row.continued = true;
    if (!row.cells.empty()) {
        row.cells[0].height += static_cast<float>(cue_lines) * style::table_leading;
        row.height = std::max(row.height, row.cells[0].height);
    }
    return part;
}

// Height of the caption's keep-together group: the first body rows, a row that may split
// counting only its first lines (and ending the group, since the rest may go over).
float first_rows_height(const TableGeom& g) {
    float h = 0;
    for (size_t i = 0; i < g.body.size() && i < 2; ++i) {
        h += keep_height(g.body[i]);
        if (splittable(g.body[i])) break;
    }
    return h;
}

}  // namespace

float Composer::table_lead_height(const model::Table& t, const Column& col) const {
    const TableGeom g = table_geom(t, col.width, fonts_);
    return caption_height(g) + g.head_height + first_rows_height(g);
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
    const int caption_node = g.caption.empty() ? -1 : leaf("Caption");
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

    auto place_caption = [&](const std::vector<Line>& lines, bool continued) {
        if (lines.empty()) {   // no caption: the table's own top is its link destination
            if (!t.id.empty() && !out_.destinations.count(t.id))
                out_.destinations[t.id] = {static_cast<int>(out_.pages.size()) - 1, y_ + 4};
            return;
        }
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
            if (row.continued && c == 0) {   // a pagination artifact: the row's text is tagged once
                Box cue;
                cue.role = Role::TableCell;
                cue.artifact = Artifact::Pagination;
                const float cue_h = lines_height(g.cue, style::table_leading);
                cue.rect = {cx, baseline + style::table_leading - 3 - cue_h, cw, cue_h};
                for (const Line& l : g.cue) {
                    emit_line(cue, l, cx + table_pad_x, baseline);
                    baseline -= style::table_leading;
                }
                add_box(std::move(cue));
            }
            // A status is a badge: a fill just round its words, inside the cell's padding.
            if (auto colors = status_colors(cell.status); colors && !cell.lines.empty()) {
                float widest = 0;
                for (const Line& l : cell.lines) widest = std::max(widest, l.width);
                const float h = lines_height(cell.lines, style::table_leading) + 2.5f;
                box.fills.push_back({{cx + table_pad_x - 2.5f, top - table_pad_y + 1.5f - h, widest + 5.0f, h}, colors->fill});
            }
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
        const bool firm = row.header && row.last_head;
        deco.rules.push_back({col.x, bottom, right, bottom, firm ? 0.8f : 0.35f, firm ? style::accent : style::rule_light});
    };

    // The header is repeated on every page the table reaches, unless it is taller than a third
    // of the page (long names in narrow columns): then it is set once, where the table starts,
    // or every page would hold little but the header.
    const bool repeat_head = g.head_height <= (style::text_top - style::text_bottom) / 3;
    auto start_part = [&](bool continued) {
        place_caption(continued ? g.caption_continued : g.caption, continued);
        deco = Box{};
        deco.role = Role::TableRules;
        deco_at = out_.pages.back().boxes.size();
        part_top = y_;
        if (continued && repeat_head)
            for (const RowGeom& r : g.head) place_row(r, nullptr);
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
    const float first = first_rows_height(g);   // a tall row that may split counts its first lines
    // A short table (a few rows, such as a savings calculation whose last row is the result)
    // is read as one piece: start it on a new page rather than split it.
    float whole = 0;
    for (const RowGeom& r : g.body) whole += r.height;
    const float top_part = caption_height(g) + g.head_height;
    if (g.body.size() <= 6 && top_part + whole + source_h <= (style::text_top - style::text_bottom) / 3)
        ensure(top_part + whole + source_h);
    else
        ensure(top_part + first);
    start_part(false);

    auto next_page = [&]() {
        end_part();
        new_page();
        start_part(true);
    };
    // A row still taller than the page (a tall body row, or a header of long names in narrow
    // columns) splits between lines wherever the page ends, and `row` keeps the rest.
    auto split_to_fit = [&](RowGeom& row, const std::vector<int>& nodes) {
        // Each turn moves at least one line onto the page, so it ends.
        while (row_lines(row) > 0 && !fits(row.height, row.notes)) {
            int k = 0;
            while (k < row_lines(row) && fits(lines_row_height(k + 1), notes_in(row, k + 1))) ++k;
            RowGeom part = split_row(row, std::max(1, k), g.cue.size());
            place_row(part, &nodes);
            next_page();
        }
    };
    for (size_t r = 0; r < g.head.size(); ++r) {
        RowGeom row = g.head[r];
        split_to_fit(row, head_nodes[r]);
        place_row(row, &head_nodes[r]);
    }
    // Lines of a splittable row to set at the foot of this page, 0 to move it whole: as many
    // as fit, leaving at least the minimum for the next page (where `after`, what must follow
    // the row on its page, goes with them), and never fewer than the minimum here.
    auto split_here = [&](const RowGeom& row, float after) {
        if (!splittable(row)) return 0;
        const int total = row_lines(row);
        int fit = 0;
        while (fit < total && fits(lines_row_height(fit + 1) + (fit + 1 == total ? after : 0), notes_in(row, fit + 1))) ++fit;
        const int k = std::min(fit, total - style::table_split_min_lines);
        return k >= style::table_split_min_lines ? k : 0;
    };

    int rows_in_part = 0;
    for (size_t i = 0; i < g.body.size(); ++i) {
        RowGeom row = g.body[i];
        const std::vector<int> nodes = row_nodes(row);   // one TR, even when the row splits
        // What must follow the row on its page: a group heading keeps (the start of) its first
        // row; a lone last row is never carried over; the source line stays with the table.
        float after = 0;
        if (row.group && i + 1 < g.body.size()) after += keep_height(g.body[i + 1]);
        if (i + 2 == g.body.size()) after += keep_height(g.body[i + 1]) + source_h;
        if (i + 1 == g.body.size()) after += source_h;
        if (!fits(row.height + after, row.notes)) {
            // A tall row splits between lines here when enough of it fits; otherwise it starts a
            // new page (unless it is already the first row there).
            if (const int k = split_here(row, after); k > 0) {
                RowGeom part = split_row(row, k, g.cue.size());
                place_row(part, &nodes);
                next_page();
                rows_in_part = 0;
            } else if (rows_in_part > 0) {
                next_page();
                rows_in_part = 0;
            }
        }
        split_to_fit(row, nodes);
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
