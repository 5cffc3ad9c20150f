// Figures: caption, chart, summary sentence and source, always on one page.
#include <algorithm>

#include "charts/chart.h"
#include "pdf/composer.h"

namespace ep::pdf {

namespace {

const TextStyle caption_style{style::caption_size, style::caption_leading, true, false, style::ink};
const TextStyle summary_style{style::small_size + 0.5f, style::small_leading + 0.5f, false, true, style::ink};
const TextStyle source_style{style::small_size, style::small_leading, false, false, style::muted};
constexpr float chart_gap = 6.0f;
constexpr float summary_gap = 6.0f;
constexpr float source_gap = 3.0f;

struct FigureGeom {
    std::vector<Line> caption, summary, source;
    float chart_height = 0;
    std::vector<int> notes;
    float text_height() const {
        return static_cast<float>(caption.size()) * caption_style.leading + chart_gap + summary_gap +
               static_cast<float>(summary.size()) * summary_style.leading + source_gap +
               static_cast<float>(source.size()) * source_style.leading;
    }
    float height() const { return text_height() + chart_height; }
};

FigureGeom figure_geom(const model::Figure& f, float width, const FontSet& fonts) {
    FigureGeom g;
    g.caption = break_lines(plain_runs(model::label_of(f) + ": " + f.title), caption_style, width,
                            fonts);
    g.summary = break_lines(plain_runs(f.summary), summary_style, width, fonts);
    model::Runs source = f.source;
    if (!f.attribution.empty()) source.push_back(model::text_run((source.empty() ? "" : " ") + f.attribution));
    g.source = break_lines(source, source_style, width, fonts);
    for (const auto* lines : {&g.caption, &g.summary, &g.source})
        for (const Line& l : *lines) g.notes.insert(g.notes.end(), l.footnotes.begin(), l.footnotes.end());
    // A chart never splits, so one taller than a page is drawn shorter rather than cut.
    const float page_room = style::text_top - style::text_bottom - 40;
    g.chart_height = std::min(charts::preferred_height(f, width), page_room - g.text_height());
    g.chart_height = std::max(g.chart_height, 40.0f);
    return g;
}

}  // namespace

float Composer::figure_height(const model::Figure& f, const Column& col) const {
    return figure_geom(f, col.width, fonts_).height();
}

void Composer::figure(const model::Figure& f, const Column& col) {
    const FigureGeom g = figure_geom(f, col.width, fonts_);
    ensure(g.height(), g.notes);
    float top = take(g.height(), g.notes);

    // Structure: Caption, then the Figure (its alternate text the generated summary), then the
    // summary and source as paragraphs.
    auto text_box = [&](Role role, const std::vector<Line>& lines, const TextStyle& st) {
        const float h = static_cast<float>(lines.size()) * st.leading;
        Box box;
        box.role = role;
        box.node = leaf(role == Role::FigureCaption ? "Caption" : "P");
        box.rect = {col.x, top - h, col.width, h};
        float baseline = first_baseline(top, st.size, st.leading);
        for (const Line& l : lines) {
            emit_line(box, l, col.x, baseline);
            baseline -= st.leading;
        }
        top -= h;
        return box;
    };

    Box caption = text_box(Role::FigureCaption, g.caption, caption_style);
    caption.anchor = f.id;
    if (!f.id.empty()) out_.destinations[f.id] = {static_cast<int>(out_.pages.size()) - 1, caption.rect.top() + 4};
    add_box(std::move(caption));
    top -= chart_gap;

    Box chart;
    chart.role = Role::Figure;
    chart.rect = {col.x, top - g.chart_height, col.width, g.chart_height};
    chart.figure = &f;
    chart.node = leaf("Figure");
    StructNode& fig = out_.structure[static_cast<size_t>(chart.node)];
    // The figures in words (charts::describe_data), as the site's SVG has them; the summary is
    // printed under the chart, so an Alt repeating it would be read twice.
    fig.alt = charts::describe_data(f);
    if (fig.alt.empty()) fig.alt = model::label_of(f) + ": " + f.title;
    fig.bbox = chart.rect;
    add_box(std::move(chart));
    top -= g.chart_height + summary_gap;

    add_box(text_box(Role::FigureSummary, g.summary, summary_style));
    top -= source_gap;
    add_box(text_box(Role::FigureSource, g.source, source_style));
}

}  // namespace ep::pdf
