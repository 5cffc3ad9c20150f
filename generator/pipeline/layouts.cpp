#include "pipeline/layouts.h"

#include "pipeline/builtin_files.h"
#include "pipeline/content_csv.h"

namespace ep::pipeline {

namespace fs = std::filesystem;

DocumentLayout document_layout(const fs::path& root, const std::string& type, Diagnostics& d) {
    DocumentLayout layout;
    const fs::path dir = templates_or_builtin(root, "templates") / type;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return layout;
    layout.type_templates = dir.string();
    const fs::path csv = dir / "pdf.csv";
    if (!fs::exists(csv, ec)) return layout;
    const std::string shown = "templates/" + type + "/pdf.csv";
    for (auto& row : read_content_csv(csv, shown, {"key", "value"}, {}, d)) {
        const auto& [key, key_at] = row["key"];
        const auto& [value, at] = row["value"];
        auto bad = [&, &at = at, &value = value](const char* allowed) {
            d.error(at, "'" + value + "' is not a value of '" + row["key"].first + "' (use " + allowed + ")");
        };
        if (key == "cover") {
            if (value == "title") layout.pdf.cover = pdf::PdfDesign::Cover::Title;
            else if (value == "first-section") layout.pdf.cover = pdf::PdfDesign::Cover::FirstSection;
            else if (value == "none") layout.pdf.cover = pdf::PdfDesign::Cover::None;
            else bad("title, first-section or none");
        } else if (key == "contents") {
            if (value == "yes" || value == "no") layout.pdf.contents = value == "yes";
            else bad("yes or no");
        } else if (key == "sections") {
            if (value == "new-page" || value == "run-on") layout.pdf.section_per_page = value == "new-page";
            else bad("new-page or run-on");
        } else if (key == "text") {
            if (value == "ragged" || value == "justified") layout.pdf.justify = value == "justified";
            else bad("ragged or justified");
        } else {
            d.error(key_at, "unknown key '" + key + "' (use cover, contents, sections or text)");
        }
    }
    return layout;
}

}  // namespace ep::pipeline
