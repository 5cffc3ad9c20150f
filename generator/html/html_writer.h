// The HTML writer: renders a model::Document as a static multi-page site through the
// Mustache templates in templates/, copying the CSS and images from assets/.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "model/document.h"

namespace ep::html {

// The same site in another language, linked from every page to the same page there.
struct LanguageLink {
    std::string lang;            // its tag ("cy"): hreflang and lang of the link
    std::string name;            // the language's name in itself ("Cymraeg"), the link's text
    std::string root;            // that site's folder from this one's ("cy/", "../")
};

struct HtmlOptions {
    std::string templates_dir;   // project's templates/ folder
    std::string type_templates_dir;  // templates/<document type>/ (may be empty): a template
                                     // there is used instead of the one in templates_dir
    std::string assets_dir;      // project's assets/ folder
    std::string pdf_file;        // file name of the PDF inside out_dir (the CLI copies it there)
    long long pdf_bytes = 0;     // for "Download the PDF (1.2 MB, 44 pages)"
    int pdf_pages = 0;
    std::vector<LanguageLink> other_languages;   // a bilingual document's other sites
};

struct HtmlStats {
    int pages = 0;               // HTML pages written
};

// Writes index.html, one page per section, sources.html, the data downloads and assets into
// `out_dir` (which must exist). Throws ep::Error on failure (e.g. a missing template).
// The same as finish_site(draft_site(doc, options, out_dir), options, out_dir).
HtmlStats write_site(const model::Document& doc, const HtmlOptions& options, const std::string& out_dir);

// A site in two steps, so its pages can be rendered while the PDF is being written: only the
// PDF's size and page count, shown in every page's "Download the PDF" link, wait for it.
// draft_site checks the templates and download names, writes the data downloads and assets
// into `out_dir` (which must exist) and renders every page (ignoring options.pdf_bytes and
// pdf_pages); finish_site puts the PDF's details from `options` into the pages and writes
// them. A draft refers to `doc`, which must outlive it. Both throw ep::Error. One draft must
// not be used by two threads at once.
struct SiteParts;
struct SiteDraft {
    std::shared_ptr<SiteParts> parts;
};
SiteDraft draft_site(const model::Document& doc, const HtmlOptions& options, const std::string& out_dir);
HtmlStats finish_site(const SiteDraft& draft, const HtmlOptions& options, const std::string& out_dir);

}  // namespace ep::html
