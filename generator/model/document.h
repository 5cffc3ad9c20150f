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
enum class BlockKind { Heading, Paragraph, List, Table, Figure, Quote, Rule };

struct TableCell {
    Runs runs;
    bool header = false;        // a row/column header cell (TH)
    bool missing = false;       // the figure is missing ("N/A"); writers may style it
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
};

// A chart is described once; the SVG and PDF backends draw the same description.
enum class ChartType { Bar, HBar, Grouped, Stacked, Waterfall, DotPlot, Scatter, Range, Line, Overlap };

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
};

struct Figure {
    std::string id;
    int number = 0;              // "Figure 3"
    std::string title;
    std::string summary;         // one sentence generated from the data (alt text, caption)
    Chart chart;
    Runs source;
    std::vector<std::string> source_codes;  // as Table::source_codes
    std::string csv;             // the chart's data as CSV
    std::string csv_name;
};

struct Block;
using Blocks = std::vector<Block>;

struct ListItem {
    Blocks blocks;
};

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    int level = 0;               // Heading: 1..6 (1 is the section title)
    std::string anchor;          // Heading: id for links and the outline
    std::string number;          // Heading: section number as printed ("5.3"), may be empty
    Runs runs;                   // Heading, Paragraph
    bool ordered = false;        // List
    int start = 1;               // List (ordered)
    std::vector<ListItem> items; // List
    Blocks children;             // Quote
    std::optional<Table> table;  // Table
    std::optional<Figure> figure;// Figure
    std::string origin;          // "content/foo.md:12" for error messages and debugging
};

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
};

struct Document {
    Metadata meta;
    std::vector<Section> sections;
    std::vector<Footnote> footnotes;     // index i holds number i + 1
    std::vector<KeyFigure> key_figures;  // for the landing page and the PDF summary
    std::vector<SourceEntry> sources;
    std::vector<DataDownload> downloads; // raw data files offered on the sources page
    std::vector<std::string> warnings;   // e.g. seed arithmetic disagreements found by the audit
};

}  // namespace ep::model
