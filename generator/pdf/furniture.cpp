// The running header and footer: artifacts on every page but the cover.
//
// Each is a line of two parts: the header has the document's title on the left and the section's
// running title on the right, the footer the edition on the left and the page number on the
// right. Nothing is ever cut short. When the two parts do not fit side by side, each wraps at
// word spaces within its share of the measure: the right part keeps its own width (at most half
// the measure) and the left part takes the rest. Wrapped lines stack upward, so the last line of
// each part stays on the header's (or footer's) baseline and the header's rule where it was.
#include "core/format.h"
#include "core/text.h"
#include "pdf/composer.h"

namespace ep::pdf {

namespace {

constexpr float furniture_leading = 10.0f;
constexpr float furniture_gap = 12.0f;   // between the two parts of a line

const TextStyle furniture_style{style::furniture_size, furniture_leading, false, false, style::muted};

// The two parts of a header or footer line, broken into lines (UTF-8 in, CP1252 in the lines).
struct TwoParts {
    std::vector<Line> left, right;
};

TwoParts set_two_parts(const std::string& left, const std::string& right, const FontSet& fonts) {
    const float measure = style::text_width;
    auto lines = [&](const std::string& text, float width) {
        return text.empty() ? std::vector<Line>{} : break_lines(plain_runs(text), furniture_style, width, fonts);
    };
    const float right_width = right.empty() ? 0 : measure_runs(plain_runs(right), furniture_style, fonts).max;
    const float left_width = left.empty() ? 0 : measure_runs(plain_runs(left), furniture_style, fonts).max;
    if (left_width + furniture_gap + right_width <= measure) return {lines(left, measure), lines(right, measure)};
    const float right_share = std::min(right_width, measure / 2 - furniture_gap / 2);
    return {lines(left, measure - right_share - furniture_gap), lines(right, right_share)};
}

// Sets the lines of one part, the last on `baseline` and the others above it; `flush_right`
// aligns each line to the right edge of the measure. Returns the top of the first line.
float place_part(Box& box, const std::vector<Line>& lines, float baseline, bool flush_right) {
    float y = baseline + furniture_leading * static_cast<float>(lines.empty() ? 0 : lines.size() - 1);
    const float top = y + style::furniture_size;
    for (const Line& l : lines) {
        emit_line(box, l, flush_right ? style::text_right - l.width : style::text_left, y);
        y -= furniture_leading;
    }
    return top;
}

}  // namespace

void Composer::page_furniture() {
    const int total = static_cast<int>(out_.pages.size());
    std::string edition;
    const std::string& lang = doc_.meta.language;
    if (!doc_.meta.version.empty()) edition = term("Version", lang) + " " + doc_.meta.version;
    if (!doc_.meta.date.empty()) edition += (edition.empty() ? "" : "  \u00B7  ") + long_date(doc_.meta.date, doc_.meta.language);

    for (int p = 1; p < total; ++p) {
        PageLayout& page = out_.pages[static_cast<size_t>(p)];

        Box header;
        header.role = Role::Header;
        header.artifact = Artifact::Header;
        const TwoParts head = set_two_parts(doc_.meta.document_title(), page.running_title, fonts_);
        const float head_left_top = place_part(header, head.left, style::header_baseline, false);   // left first:
        const float head_top = std::max(head_left_top, place_part(header, head.right, style::header_baseline, true));   // reading order
        header.rect = {style::text_left, style::header_rule_y, style::text_width, head_top - style::header_rule_y};
        header.rules.push_back({style::text_left, style::header_rule_y, style::text_right, style::header_rule_y, 0.4f,
                                style::rule_light});

        Box footer;
        footer.role = Role::Footer;
        footer.artifact = Artifact::Footer;
        const TwoParts foot =
            set_two_parts(edition, term("Page", lang) + " " + std::to_string(p + 1) + " " + term("of", lang) + " " +
                                                     std::to_string(total), fonts_);
        const float foot_left_top = place_part(footer, foot.left, style::footer_baseline, false);
        const float foot_top = std::max(foot_left_top, place_part(footer, foot.right, style::footer_baseline, true));
        footer.rect = {style::text_left, style::footer_baseline - 3, style::text_width, foot_top - style::footer_baseline + 3};

        page.boxes.push_back(std::move(header));
        page.boxes.push_back(std::move(footer));
    }
}

}  // namespace ep::pdf
