// The document model: the one structure between the inputs (data + content) and the writers.
// HTML and PDF writers read only this, so the two formats cannot disagree.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ep::model {

// A run of inline text with one style. Paragraphs are flat lists of runs because both
// writers (and the PDF line breaker in particular) work on styled runs, not trees.
struct Run {
    std::string text;           // UTF-8, already resolved (no placeholders left)
    bool bold = false;
    bool italic = false;
    bool code = false;
    bool strike = false;
    std::string link;           // non-empty: URL, or "#anchor" for an internal target
    int footnote = 0;           // > 0: this run is a reference mark to footnote N (text is "N")
    bool figure_value = false;  // true: text came from a placeholder (a computed figure)
    std::string lang;           // non-empty: a BCP 47 tag; the text is in that language, not the
                                // document's ([Ysgol y Gŵyr]{lang=cy}): a span with lang in HTML,
                                // a Span with /Lang in the tagged PDF
};
using Runs = std::vector<Run>;

// A run of plain text.
inline Run text_run(std::string text) {
    Run r;
    r.text = std::move(text);
    return r;
}

enum class Align { Left, Right, Center };

// Role of a block, kept so the PDF layout can wrap each drawn block in marked content later.
enum class BlockKind { Heading, Paragraph, List, Table, Figure, Quote, Rule, Facts };

struct TableCell {
    Runs runs;
    bool header = false;        // a row/column header cell (TH)
    bool missing = false;       // the figure is missing ("N/A"); writers may style it
    std::string status;         // action plans: "red", "amber", "green", "complete" or "" (not a
                                // status cell). Writers colour it; its text always names the status.
    // Constructors keep the short forms {runs, header, missing} working without warnings.
    TableCell() = default;
    TableCell(Runs r, bool is_header = false, bool is_missing = false, std::string status_code = {})
        : runs(std::move(r)), header(is_header), missing(is_missing), status(std::move(status_code)) {}
};

struct Table {
    std::string id;             // anchor, unique in the document
    int number = 0;             // "Table 3"
    std::string caption;
    std::vector<std::vector<TableCell>> head;   // header rows
    std::vector<std::vector<TableCell>> body;
    std::vector<Align> align;   // per column
    std::vector<std::string> group_of_row;      // per body row: group heading, "" if none
    Runs source;                // "Source: ..." line (may hold footnote refs)
    std::vector<std::string> source_codes;  // codes (data/sources.csv) behind `source`, in order,
                                            // so the site can link each to the sources page
    std::string csv;            // the table's data as CSV, for the download link
    std::string csv_name;       // file name for that download, e.g. "table-3.csv"
    std::string kind;           // "" (figures) or "plan": an action plan, whose cells are sentences
    std::string label;          // "Table 3" in the document's language ("Tabl 3"); "" : made from number
};

// A chart is described once; the SVG and PDF backends draw the same description.
enum class ChartType { Bar, HBar, Grouped, Stacked, Waterfall, DotPlot, Scatter, Range, Line, Overlap, Map };

// ---- maps (ChartType::Map) -----------------------------------------------------------------
// Boundaries as the geo stage hands them over: projected onto the British National Grid (metres
// east and north), simplified for the drawing. A ring is closed (its first point is not repeated).
struct MapPoint {
    double x = 0, y = 0;
};
using MapRing = std::vector<MapPoint>;
using MapPolygon = std::vector<MapRing>;   // the outer ring, then its holes

struct MapShape {
    std::string code;                 // GSS code (a context area's, or a mapped place's)
    std::string name;                 // a context area's name as printed (mapped places: the categories)
    std::vector<MapPolygon> polygons;
    MapPoint label;                   // the centre of the largest circle inside it, where its name goes
    double label_room = 0;            // that circle's radius (metres)
};

struct MapShapes {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;   // the frame (metres): west, south, east, north
    std::vector<MapShape> places;            // the mapped places, one per chart category, in order
    std::vector<MapShape> context;           // the areas around them, clipped to the frame
};

// A class of a map's measure: its range as printed ("£822 to £958") and how many places are in it.
struct MapBand {
    std::string label;
    int count = 0;
};

struct ChartPoint {
    std::optional<double> value; // nullopt: missing, drawn as "N/A", never as zero
    std::string label;           // formatted value for direct labelling ("£877")
};

struct ChartSeries {
    std::string name;            // e.g. place name
    std::vector<ChartPoint> points;  // one per category
};

struct Chart {
    ChartType type = ChartType::Bar;
    std::vector<std::string> categories;
    std::vector<ChartSeries> series;
    std::string unit;            // measure unit: "money", "percent", "count", ...
    std::string y_unit;          // Scatter: unit of the y series (series[1]) when it differs
    bool last_is_total = false;  // Waterfall: the last category is the total, not a step
    std::string value_axis_title;
    // Map: the shapes (each pack drawing the same map gets a copy of one), each category's band (an
    // index into `bands`, lowest first; -1: no figure, drawn hatched as "no data"), how the
    // bands were made ("Quantiles"), and the outline of the pack's own place, if it is on the map.
    std::optional<MapShapes> shapes;
    std::vector<int> band_of;
    std::vector<MapBand> bands;
    std::string bands_title;
    std::vector<MapRing> highlight;
    std::string highlight_name;
};

struct Figure {
    std::string id;
    int number = 0;              // "Figure 3"
    std::string title;
    std::string summary;         // one sentence generated from the data (alt text, caption)
    Chart chart;
    Runs source;
    std::vector<std::string> source_codes;  // as Table::source_codes
    std::string attribution;     // printed after the source line wherever the figure is (a map's
                                 // boundaries: the credit their licence asks for)
    std::string csv;             // the chart's data as CSV
    std::string csv_name;
    std::string label;           // "Figure 3" in the document's language ("Ffigur 3"); "": made from number
};

// "Table 3" / "Figure 3" as the document prints them.
inline std::string label_of(const Table& t) { return t.label.empty() ? "Table " + std::to_string(t.number) : t.label; }
inline std::string label_of(const Figure& f) { return f.label.empty() ? "Figure " + std::to_string(f.number) : f.label; }

// The first run of two or more categories in a row over which series `a` and `b` of a chart have
// the same figures, as [first, last] category indexes, if there is one: a line chart would draw
// one line exactly over the other there (it dashes the later one, and its summary says so).
struct Stretch {
    size_t first = 0, last = 0;
};
inline std::optional<Stretch> run_together(const Chart& c, size_t a, size_t b) {
    auto same = [&](size_t k) {
        const auto& p = c.series[a].points;
        const auto& q = c.series[b].points;
        return k < p.size() && k < q.size() && p[k].value && q[k].value && *p[k].value == *q[k].value;
    };
    for (size_t k = 0; k + 1 < c.categories.size(); ++k) {
        if (!same(k) || !same(k + 1)) continue;
        size_t last = k + 1;
        while (last + 1 < c.categories.size() && same(last + 1)) ++last;
        return Stretch{k, last};
    }
    return std::nullopt;
}

struct Block;
using Blocks = std::vector<Block>;

// One line of a fact panel (```facts): "Saving: £1.1m".
struct Fact {
    std::string label;           // "Saving"
    Runs value;                  // resolved; figures flagged figure_value
};

struct ListItem {
    Blocks blocks;
};

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    int level = 0;               // Heading: 1..6 (1 is the section title)
    std::string anchor;          // Heading: id for links and the outline
    std::string number;          // Heading: section number as printed ("5.3"), may be empty;
                                 // Paragraph: its number in a numbered-paragraph report ("2.4")
    Runs runs;                   // Heading, Paragraph
    bool ordered = false;        // List
    int start = 1;               // List (ordered)
    std::vector<ListItem> items; // List
    Blocks children;             // Quote
    std::optional<Table> table;  // Table
    std::optional<Figure> figure;// Figure
    std::vector<Fact> facts;     // Facts: a panel of label/value pairs, in order
    std::string origin;          // "content/foo.md:12" for error messages and debugging
};

// Blocks the builders make themselves (the PDF's Sources section, a committee report's sheet).
inline Block heading_block(int level, std::string title, std::string anchor = "") {
    Block b;
    b.kind = BlockKind::Heading;
    b.level = level;
    b.anchor = std::move(anchor);
    b.runs = {text_run(std::move(title))};
    return b;
}

inline Block paragraph_block(Runs runs) {
    Block b;
    b.kind = BlockKind::Paragraph;
    b.runs = std::move(runs);
    return b;
}

struct Footnote {
    int number = 0;              // numbered through the whole document
    std::string id;              // anchor ("fn-3")
    Runs runs;
};

struct Section {
    std::string slug;            // page name in the site: slug + ".html"
    std::string title;           // from the first heading
    std::string short_title;     // navigation / running header
    std::string number;          // "1", "5" ... may be empty
    Blocks blocks;               // the first block is the level-1 heading
    std::vector<int> footnotes;  // footnote numbers cited in this section, in order
};

struct KeyFigure {
    std::string label;           // "Public sector spend in the sub-region"
    std::string value;           // formatted ("£6.2 billion")
};

struct SourceEntry {
    std::string code;
    std::string title;
    std::string publisher;
    std::string date;
    std::string url;
};

struct DataDownload {
    std::string name;            // file name under the site's data/ folder
    std::string title;
    std::string csv;             // contents
};

// What the site's accessibility statement needs from the publisher (the Public Sector Bodies
// Accessibility Regulations 2018 ask every public sector site for one): document.csv's
// accessibility_* keys. The rest of the statement is the template's.
struct AccessibilityStatement {
    std::string contact;               // how to report a problem or ask for another format
    std::string reviewed;              // YYYY-MM-DD: when the publisher last checked the site
    std::vector<std::string> issues;   // what is known not to meet WCAG 2.2 AA, one a row
};

// A disagreement the audit found in the source's own figures, said twice: for `check`, with the
// row to look at, and for the published pages, in words (names, not codes or line numbers).
struct SourceCheck {
    std::string for_check;     // "data/observations.csv:140:49: the source states 5,302 …"
    std::string for_readers;   // "The source states 5,302 …"
};

struct Metadata {
    std::string title;
    std::string subtitle;
    std::string area;            // "Coventry, Solihull and Warwickshire"
    std::string date;            // YYYY-MM-DD
    std::string version;
    std::string author;
    std::string subject;
    std::string keywords;
    std::string language = "en-GB";
    std::string organisation;    // publisher shown in the site header and footer; empty: area, then author
    std::string logo;            // logo file under assets/ for the site header; empty: logo.svg if present
    std::string edition;         // a per-place pack: the place it is for ("Coventry"); "" otherwise
    AccessibilityStatement accessibility;

    // The title that names this document among the project's: its title, and for a per-place
    // pack the place it is for ("… Total Place Pilot – Coventry"), so no two PDFs share one.
    std::string document_title() const { return edition.empty() ? title : std::string(title).append(" \u2013 ").append(edition); }
};

// The front matter of a committee report (content/<doc>/ of type committee-report): what the
// agenda management sheet and the report's opening show. Text is resolved (no placeholders).
struct CommitteeContact {
    std::string name, role, phone, email;
};

struct CommitteeConsultee {
    std::string consultee;       // "Legal", "Cabinet Member", ...
    bool consulted = false;
    std::string detail;          // who, or what they said
};

struct CommitteeNextStep {
    std::string step;            // "To Council", ...
    bool selected = false;
    std::string detail;
};

struct CommitteeFront {
    std::string committee;       // "Children and Young People Overview and Scrutiny Committee"
    std::string meeting_date;    // YYYY-MM-DD
    std::string agenda_item;     // may be empty
    std::string report_of;       // "Report of the Assistant Chief Executive"
    std::string summary;
    std::string budget_policy_framework;   // the sheet's "contrary to the Budget and Policy Framework?" answer
    std::string final_decision;
    std::string recommendation_intro;      // "That the Committee:"
    std::vector<Runs> recommendations;
    std::vector<CommitteeContact> contacts;
    std::vector<CommitteeConsultee> consultation;
    std::vector<CommitteeNextStep> next_steps;
    std::vector<std::string> background_papers;
};

struct Document {
    Metadata meta;
    std::string type = "evidence-pack";  // evidence-pack | committee-report | case-studies
    std::optional<CommitteeFront> committee;   // committee-report documents only
    std::vector<Section> sections;
    std::vector<Footnote> footnotes;     // index i holds number i + 1
    std::vector<KeyFigure> key_figures;  // for the landing page and the PDF summary
    std::vector<SourceEntry> sources;
    std::vector<DataDownload> downloads; // raw data files offered on the sources page
    std::vector<SourceCheck> warnings;   // e.g. seed arithmetic disagreements found by the audit
    bool lists_checks = true;            // prints the audit (warnings); false in a project's other
                                         // documents, whose sources the main document checks
};

}  // namespace ep::model
