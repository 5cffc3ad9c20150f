// Line breaking: styled runs -> lines of positioned fragments, measured with the real fonts.
#pragma once

#include <string>
#include <vector>

#include "model/document.h"
#include "pdf/fonts.h"
#include "pdf/layout.h"
#include "pdf/style.h"

namespace ep::pdf {

// The base style of a text block; runs add bold/italic/code/link on top.
struct TextStyle {
    float size = style::body_size;
    float leading = style::body_leading;
    bool bold = false;
    bool italic = false;
    style::Color color = style::ink;
};

// The drawing attributes of a fragment; fragments with equal attributes are merged.
struct Attrs {
    Face face = Face::Regular;
    float size = style::body_size;
    float rise = 0;                // superscript offset above the baseline
    style::Color color = style::ink;
    std::string link;              // URL or "#anchor"
    bool underline = false;
    bool strike = false;
    int ref = -1;                  // cross-reference number (the layout records its page)
    std::string lang;              // a span in another language (Run::lang)
    bool operator==(const Attrs&) const = default;
};

struct Fragment {
    Attrs attrs;
    std::string text;   // UTF-8, kerned as one piece (FontSet::width)
    float x = 0;        // from the start of the line
    float width = 0;    // its advance: kerned, and with its spaces widened when justified
    bool space_before = false;   // a word space separates it from the previous fragment: a gap,
                                 // not a space character (the styles either side differ)
    float word_spacing = 0;      // justified: what each space character in `text` is widened by
};

struct Line {
    std::vector<Fragment> fragments;
    float width = 0;
    std::vector<int> footnotes;   // footnote numbers whose reference mark is on this line
    bool soft_break = false;      // wrapped at a word space: the space is not set on either line,
                                  // but the paint pass still shows it (TextPiece::space_after)
};

// Breaks `runs` into lines no wider than `width`, left-aligned (ragged right, the default:
// it reads better for most readers and keeps word spaces even; see justify_paragraph).
// Widths include the fonts' kerning. A word longer than a line (a URL, a code) is broken at the
// points core/word_break.h chooses (after `/`, `-`, `_`, `.`, before a `%2F` escape, else
// between characters), so no text ever crosses the margin; a link keeps its whole target on
// every piece. Linear in the length of the text.
// `run_refs`, when given, holds each run's cross-reference number (Attrs::ref) or -1.
std::vector<Line> break_lines(const model::Runs& runs, const TextStyle& style, float width,
                              const FontSet& fonts, const std::vector<int>& run_refs = {});

// Justified setting: widens the word spaces of `line` evenly so that it ends exactly at
// `width`. The space characters are widened where they are drawn (an adjustment after each
// space glyph in the text's TJ array, so text extraction still sees one space) and gaps between
// differently styled words by moving what follows. A line without a word space, or one whose
// spaces would each have to grow by more than `max_stretch` points (a short line before a long
// unbreakable word), is left as it is. Returns whether the line was stretched.
bool justify_line(Line& line, float width, float max_stretch);

// Justifies a paragraph set by break_lines at `width`: every line but the last (which stays
// ragged, as a paragraph's last line does); no space grows by more than
// style::justify_max_stretch of the type size.
void justify_paragraph(std::vector<Line>& lines, float width, float size);

// The narrowest a text can be set (its longest word) and its width on one line.
struct WidthRange {
    float min = 0, max = 0;
};
WidthRange measure_runs(const model::Runs& runs, const TextStyle& style, const FontSet& fonts);

// Adds the line's text, underlines/strikes and link areas to `box`, with the line's start at
// `x` and its baseline at `baseline`.
void emit_line(Box& box, const Line& line, float x, float baseline);

// The baseline of the first line of a block whose top edge is at `top`: half the extra
// leading above, then roughly the font's ascent for cap height.
float first_baseline(float top, float size, float leading);

// A single plain run holding `text` (UTF-8), for text the writer itself composes.
model::Runs plain_runs(const std::string& text, bool bold = false, bool italic = false);

// The run texts concatenated (UTF-8), e.g. for outline titles.
std::string plain_text(const model::Runs& runs);

}  // namespace ep::pdf
