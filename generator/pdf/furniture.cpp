// The running header and footer: artifacts on every page but the cover.
#include "core/format.h"
#include "core/text.h"
#include "pdf/composer.h"

namespace ep::pdf {

namespace {

// Shortens text with an ellipsis until it fits `width` (whole characters off its end).
std::string fit_text(const FontSet& fonts, Face face, float size, std::string text, float width) {
    const std::string ellipsis = "\u2026";
    if (fonts.width(face, size, text) <= width) return text;
    while (!text.empty() && fonts.width(face, size, text + ellipsis) > width)
        text.erase(previous_code_point_start(text, text.size()));
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text + ellipsis;
}

TextPiece piece(const FontSet& fonts, float x, float baseline, const std::string& text, Face face = Face::Regular) {
    return {x, baseline, face, style::furniture_size, style::muted, text, fonts.width(face, style::furniture_size, text)};
}

}  // namespace

void Composer::page_furniture() {
    const int total = static_cast<int>(out_.pages.size());
    const float half = style::text_width / 2 - 6;
    const std::string& doc_title = doc_.meta.title;
    std::string edition;
    if (!doc_.meta.version.empty()) edition = "Version " + doc_.meta.version;
    if (!doc_.meta.date.empty()) edition += (edition.empty() ? "" : "  \u00B7  ") + long_date(doc_.meta.date);

    for (int p = 1; p < total; ++p) {
        PageLayout& page = out_.pages[static_cast<size_t>(p)];
        const float fs = style::furniture_size;

        Box header;
        header.role = Role::Header;
        header.artifact = Artifact::Header;
        header.rect = {style::text_left, style::header_rule_y, style::text_width, style::header_baseline + fs - style::header_rule_y};
        header.text.push_back(piece(fonts_, style::text_left, style::header_baseline,
                                    fit_text(fonts_, Face::Regular, fs, doc_title, half)));
        const std::string right = fit_text(fonts_, Face::Regular, fs, page.running_title, half);
        header.text.push_back(piece(fonts_, style::text_right - fonts_.width(Face::Regular, fs, right),
                                    style::header_baseline, right));
        header.rules.push_back({style::text_left, style::header_rule_y, style::text_right, style::header_rule_y, 0.4f,
                                style::rule_light});

        Box footer;
        footer.role = Role::Footer;
        footer.artifact = Artifact::Footer;
        footer.rect = {style::text_left, style::footer_baseline - 3, style::text_width, fs + 3};
        footer.text.push_back(piece(fonts_, style::text_left, style::footer_baseline,
                                    fit_text(fonts_, Face::Regular, fs, edition, half)));
        const std::string number = "Page " + std::to_string(p + 1) + " of " + std::to_string(total);
        footer.text.push_back(piece(fonts_, style::text_right - fonts_.width(Face::Regular, fs, number),
                                    style::footer_baseline, number));

        page.boxes.push_back(std::move(header));
        page.boxes.push_back(std::move(footer));
    }
}

}  // namespace ep::pdf
