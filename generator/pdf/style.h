// The look of the PDF in one place: page geometry, type scale and colours.
// Sizes are in PDF points (1/72 inch). Kept as constants so layout and tests agree.
#pragma once

namespace ep::pdf::style {

constexpr float mm = 72.0f / 25.4f;

// A4 portrait.
constexpr float page_width = 595.276f;
constexpr float page_height = 841.890f;

constexpr float margin_left = 25 * mm;
constexpr float margin_right = 25 * mm;
constexpr float margin_top = 25 * mm;
constexpr float margin_bottom = 22 * mm;
constexpr float text_left = margin_left;
constexpr float text_right = page_width - margin_right;
constexpr float text_width = text_right - text_left;
constexpr float text_top = page_height - margin_top;
constexpr float text_bottom = margin_bottom;

// Running header and footer sit in the margins, outside the text block.
constexpr float header_baseline = page_height - 15 * mm;
constexpr float header_rule_y = header_baseline - 4.0f;
constexpr float footer_baseline = 12 * mm;
constexpr float furniture_size = 8.0f;

// Type scale. Body leading ~1.38 reads comfortably at 10.5 pt on A4 with a 160 mm measure.
constexpr float body_size = 10.5f;
constexpr float body_leading = 14.5f;
constexpr float paragraph_gap = 7.0f;
constexpr float h1_size = 20.0f, h1_leading = 24.0f, h1_before = 0.0f, h1_after = 12.0f;
constexpr float h2_size = 14.0f, h2_leading = 18.0f, h2_before = 14.0f, h2_after = 6.0f;
constexpr float h3_size = 11.5f, h3_leading = 15.0f, h3_before = 10.0f, h3_after = 4.0f;
constexpr float h4_size = 10.5f, h4_leading = 14.5f, h4_before = 8.0f, h4_after = 2.0f;
constexpr float small_size = 8.5f, small_leading = 11.0f;          // sources, summaries
constexpr float table_size = 9.0f, table_leading = 11.5f;
constexpr float caption_size = 10.0f, caption_leading = 13.0f;
constexpr float footnote_size = 8.0f, footnote_leading = 10.0f;
constexpr float superscript_scale = 0.65f;                          // footnote marks
constexpr float superscript_rise = 0.38f;                           // of the base size
// Justified text: the most a word space may grow, in ems of the type size (the space itself is
// about 0.28 em); a line that would need more (a few words before a long unbreakable one)
// stays ragged rather than showing rivers.
constexpr float justify_max_stretch = 0.5f;

constexpr float list_indent = 16.0f;      // hanging indent of a list item's text
constexpr float paragraph_number_indent = 32.0f;  // hanging indent of a numbered paragraph ("10.12")
constexpr float list_item_gap = 3.0f;
constexpr float quote_indent = 18.0f;
constexpr float quote_bar_offset = 8.0f;  // bar sits this far left of the quoted text
// Lists and quotes nested deep (docs/limits.md: up to 100 levels) indent only while the text
// keeps at least this width; deeper levels sit at the same indent (their bullets and bars
// still mark them), so the text never becomes a column of single letters.
constexpr float min_nested_width = 160.0f;

constexpr float table_pad_x = 4.0f;
constexpr float table_pad_y = 3.0f;
constexpr float block_gap = 12.0f;        // around tables and figures
constexpr float section_gap = 20.0f;      // between sections that run on (committee papers)

struct Color {
    float r = 0, g = 0, b = 0;
    bool operator==(const Color&) const = default;
};

// A restrained palette: near-black text, dark teal for structure, grey for secondary text.
constexpr Color ink{0.10f, 0.10f, 0.10f};
constexpr Color accent{0.0f, 0.30f, 0.36f};
constexpr Color muted{0.36f, 0.36f, 0.36f};
constexpr Color link{0.05f, 0.28f, 0.58f};
constexpr Color rule_light{0.78f, 0.80f, 0.80f};
constexpr Color tint{0.91f, 0.94f, 0.945f};
constexpr Color group_tint{0.955f, 0.965f, 0.965f};
constexpr Color white{1.0f, 1.0f, 1.0f};

// Action-plan status badges: text on a light fill, the same pairs as the site (each at least
// 6:1). The badge's text names the status, so the colour is never the only sign of it.
constexpr Color status_red_text{0.580f, 0.145f, 0.078f}, status_red_fill{0.965f, 0.843f, 0.824f};
constexpr Color status_amber_text{0.431f, 0.212f, 0.098f}, status_amber_fill{0.988f, 0.839f, 0.765f};
constexpr Color status_green_text{0.0f, 0.353f, 0.188f}, status_green_fill{0.800f, 0.886f, 0.847f};
constexpr Color status_complete_text{0.078f, 0.306f, 0.506f}, status_complete_fill{0.824f, 0.886f, 0.945f};

// A plan row taller than the room left on a page is split between lines when at least this
// many of its lines fit and at least this many go on to the next page; otherwise it moves whole.
constexpr int table_split_min_lines = 2;

}  // namespace ep::pdf::style
