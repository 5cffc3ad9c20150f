// write_site: decides the pages, their order and the data each template receives, then
// writes pages, data downloads and assets. Markup lives in the templates and in render_*.cpp.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/links.h"
#include "core/format.h"
#include "core/diagnostics.h"
#include "core/text.h"
#include "html/html_writer.h"
#include "html/render.h"
#include "html/site_files.h"
#include "html/templates.h"

#ifndef EP_VERSION
#define EP_VERSION "dev"
#endif

namespace ep::html {

namespace {

using mustache::data;

// Optional text: empty becomes false, so {{#name}}...{{/name}} is skipped as in other Mustache
// implementations (kainjow treats an empty string as true).
data opt(const std::string& s) {
    return s.empty() ? data(false) : data(s);
}

struct Templates {
    Template layout, index, section, sources, accessibility;
};

// One page of the site, in reading order (index, sections, sources).
struct PageRef {
    std::string file;
    std::string label;    // short label for the contents list
    std::string number;   // section number, may be empty
    std::string title;    // full title, for <title>, breadcrumbs and previous/next
};

const char* kIndexPage = "index.html";
const char* kSourcesTitle = "Sources and data";
const char* kAccessibilityPage = "accessibility.html";
const char* kAccessibilityTitle = "Accessibility statement";

// The document type's own template where there is one, else the project's.
Templates load_templates(const std::string& dir, const std::string& type_dir) {
    auto load = [&](const char* name) {
        return load_template(!type_dir.empty() && file_exists(join_path(type_dir, name)) ? type_dir : dir, name);
    };
    // The accessibility statement has built-in wording; a project may give its own.
    auto statement = [&] {
        const char* name = "accessibility.mustache";
        if ((!type_dir.empty() && file_exists(join_path(type_dir, name))) || file_exists(join_path(dir, name))) return load(name);
        return builtin_template(name, kAccessibilityTemplate);
    };
    return {load("layout.mustache"), load("index.mustache"), load("section.mustache"), load("sources.mustache"), statement()};
}

// Slugs become file names next to index.html and sources.html, so they must not clash.
void check_slugs(const model::Document& doc) {
    std::set<std::string> seen = {"index", "sources", "accessibility"};
    for (const auto& s : doc.sections) {
        check_plain_file_name(s.slug, "section \"" + s.title + "\"");
        if (!seen.insert(s.slug).second)
            throw Error(Location{}, "section \"" + s.title + "\" has the page name \"" + s.slug + "\" already in use");
    }
}

std::vector<PageRef> page_order(const model::Document& doc) {
    const std::string home = term("Home", doc.meta.language), sources = term(kSourcesTitle, doc.meta.language);
    std::vector<PageRef> pages = {{kIndexPage, home, "", home}};
    for (const auto& s : doc.sections)
        pages.push_back({s.slug + ".html", s.short_title.empty() ? s.title : s.short_title, s.number, s.title});
    pages.push_back({kSourcesPage, sources, "", sources});
    const std::string statement = term(kAccessibilityTitle, doc.meta.language);
    pages.push_back({kAccessibilityPage, statement, "", statement});
    return pages;
}

std::string org_name(const model::Metadata& meta) {
    if (!meta.organisation.empty()) return meta.organisation;
    return meta.area.empty() ? meta.author : meta.area;
}

// The header logo, relative to the site: the configured file under assets/, else the default
// assets/logo.svg when the project has one, else none.
std::string logo_src(const model::Metadata& meta, const HtmlOptions& options) {
    std::string name = meta.logo.empty() ? "logo.svg" : meta.logo;
    if (!file_exists(join_path(options.assets_dir, name))) {
        if (meta.logo.empty()) return "";
        throw Error(Location{"content/document.csv", 0, 0}, "logo '" + meta.logo + "' is not a file in the assets folder");
    }
    return "assets/" + name;
}

// "1.2 MB, 44 pages", for the PDF link; empty when neither is known.
std::string pdf_details(const HtmlOptions& o, const std::string& language) {
    std::string size = o.pdf_bytes > 0 ? human_size(o.pdf_bytes) : "";
    std::string pages = o.pdf_pages > 0 ? std::to_string(o.pdf_pages) + " " + term(o.pdf_pages == 1 ? "page" : "pages", language) : "";
    return size.empty() ? pages : pages.empty() ? size : size + ", " + pages;
}

data link(const PageRef& p) {
    data d;
    d.set("href", p.file);
    d.set("label", p.label);
    d.set("number", p.number);
    d.set("has_number", !p.number.empty());
    d.set("title", p.title);
    return d;
}

data nav_list(const std::vector<PageRef>& pages, const std::string& current) {
    data list{data::type::list};
    for (size_t i = 1; i < pages.size(); ++i) {   // the home page is reached from the header
        data item = link(pages[i]);
        item.set("current", pages[i].file == current);
        list.push_back(item);
    }
    return list;
}

// The templates' own words in the document's language: {{t.home}} ... (core/format.h term()).
data with_words(data d, const model::Document& doc) {
    static const std::pair<const char*, const char*> phrases[] = {
        {"skip", "Skip to main content"},
        {"breadcrumb", "Breadcrumb"},
        {"home", "Home"},
        {"contents", "Contents"},
        {"pages_nav", "Previous and next pages"},
        {"previous", "Previous"},
        {"next", "Next"},
        {"page_word", " page"},
        {"sources_and_data", "Sources and data"},
        {"accessibility", "Accessibility"},
        {"download_pdf", "Download the PDF"},
        {"published_by", "Published by"},
        {"on", "on"},
        {"version", "Version"},
        {"produced_with", "Produced with"},
        {"area", "Area"},
        {"published", "Published"},
        {"key_figures", "Key figures"},
        {"whole_publication", "The whole publication as one A4 document, for printing or reading offline."},
        {"notes", "Notes"},
        {"back_to_text", "Back to text"},
        {"for_note", " for note "},
        {"lead_where", "Where the figures in this publication come from"},
        {"lead_checks", ", the data behind them, and the checks made on it"},
        {"lead_data", " and the data behind them"},
        {"sources", "Sources"},
        {"used_in", "Used in"},
        {"no_sources", "No sources are listed."},
        {"data_downloads", "Data downloads"},
        {"csv_note", "All files are comma-separated values (CSV) in UTF-8, which open in any spreadsheet program."},
        {"tables_and_figures", "Tables and figures"},
        {"checks", "Checks on the source figures"},
        {"checks_found", "The generator checks the published source figures against each other. These checks found:"},
        {"checks_none", "The generator checks the published source figures against each other. No disagreements were found."},
    };
    data t;
    for (const auto& [key, english] : phrases) t.set(key, term(english, doc.meta.language));
    d.set("t", t);
    return d;
}

data layout_data(const model::Document& doc, const HtmlOptions& options, const std::string& details,
                 const std::vector<PageRef>& pages, size_t index, const std::string& content) {
    const PageRef& page = pages[index];
    const auto& meta = doc.meta;
    bool home = index == 0;
    data d;
    d.set("lang", meta.language.empty() ? "en-GB" : meta.language);
    // A place pack's pages name the place, so its tabs and history differ from the main pack's.
    d.set("page_title", home ? meta.document_title() : page.title + " \u2013 " + meta.document_title());
    d.set("doc_title", meta.document_title());
    d.set("description", opt(meta.subtitle));
    d.set("org_name", org_name(meta));
    std::string logo = logo_src(meta, options);
    d.set("logo_src", logo);
    d.set("has_logo", !logo.empty());
    d.set("logo_type", opt(logo.ends_with(".svg") ? "image/svg+xml" : logo.ends_with(".png") ? "image/png" : ""));
    d.set("show_nav", !home);   // the landing page carries the contents list in its body
    d.set("nav", nav_list(pages, page.file));
    d.set("show_breadcrumbs", !home);
    d.set("breadcrumb_current", page.title);
    d.set("content", content);
    d.set("has_prev", index > 0);
    if (index > 0) d.set("prev", link(pages[index - 1]));
    d.set("has_next", index + 1 < pages.size());
    if (index + 1 < pages.size()) d.set("next", link(pages[index + 1]));
    d.set("date_long", long_date(meta.date, meta.language));
    d.set("date_iso", opt(meta.date));
    d.set("version", meta.version);
    d.set("has_version", !meta.version.empty());
    d.set("has_pdf", !options.pdf_file.empty());
    d.set("pdf_href", options.pdf_file);
    d.set("pdf_details", details);
    d.set("has_pdf_details", !details.empty());
    d.set("generator_version", std::string(EP_VERSION));
    data languages{data::type::list};
    for (const auto& other : options.other_languages) {
        data l;
        l.set("lang", other.lang);
        l.set("name", other.name);
        l.set("href", other.root + page.file);
        languages.push_back(l);
    }
    d.set("has_other_languages", !options.other_languages.empty());
    d.set("other_languages", languages);
    return d;
}

data contact_list(const std::vector<model::CommitteeContact>& contacts) {
    data list{data::type::list};
    for (const auto& c : contacts) {
        data item;
        item.set("name", c.name);
        item.set("role", opt(c.role));
        item.set("phone", opt(c.phone));
        item.set("email", opt(c.email));
        list.push_back(item);
    }
    return list;
}

// A committee report's front matter for its landing page (templates/committee-report/).
data committee_data(const model::CommitteeFront& f, PageContext& ctx) {
    data d;
    d.set("committee", f.committee);
    d.set("meeting_date_iso", f.meeting_date);
    d.set("meeting_date_long", long_date(f.meeting_date));
    d.set("agenda_item", opt(f.agenda_item));
    d.set("report_of", f.report_of);
    d.set("summary", f.summary);
    d.set("recommendation_intro", opt(f.recommendation_intro));
    data recs{data::type::list};
    for (const auto& r : f.recommendations) {
        data item;
        item.set("html", render_runs(r, ctx));
        recs.push_back(item);
    }
    d.set("recommendations", recs);
    d.set("several_recommendations", f.recommendations.size() > 1);
    d.set("contacts", contact_list(f.contacts));
    return d;
}

data index_data(const model::Document& doc, const HtmlOptions& options, const std::string& details,
                const std::vector<PageRef>& pages, PageContext& ctx) {
    const auto& meta = doc.meta;
    data d;
    d.set("title", meta.title);
    d.set("subtitle", opt(meta.subtitle));
    d.set("area", opt(meta.area));
    d.set("date_long", long_date(meta.date, meta.language));
    d.set("date_iso", opt(meta.date));
    data figures{data::type::list};
    for (const auto& k : doc.key_figures) {
        data f;
        f.set("label", k.label);
        f.set("value", k.value);
        figures.push_back(f);
    }
    d.set("has_key_figures", !doc.key_figures.empty());
    d.set("key_figures", figures);
    d.set("contents", nav_list(pages, kIndexPage));
    d.set("has_pdf", !options.pdf_file.empty());
    d.set("pdf_href", options.pdf_file);
    d.set("pdf_details", details);
    d.set("has_pdf_details", !details.empty());
    if (doc.committee) d.set("committee", committee_data(*doc.committee, ctx));
    else d.set("committee", false);
    return d;
}

data footnote_list(const model::Section& s, PageContext& ctx) {
    data list{data::type::list};
    std::set<int> done;   // a note cited twice is still listed once
    for (int n : s.footnotes) {
        if (n < 1 || n > static_cast<int>(ctx.doc.footnotes.size()) || !done.insert(n).second) continue;
        data f;
        f.set("anchor", footnote_anchor(ctx.doc, n));
        f.set("number", std::to_string(n));
        f.set("text", render_runs(ctx.doc.footnotes[n - 1].runs, ctx));
        f.set("backref", "fnref-" + std::to_string(n));
        list.push_back(f);
    }
    return list;
}

data section_data(const model::Section& s, PageContext& ctx) {
    data d;
    // render first: footnote text may cite more notes
    const bool numbered = std::any_of(s.blocks.begin(), s.blocks.end(), [](const model::Block& b) {
        return b.kind == model::BlockKind::Paragraph && !b.number.empty();
    });
    if (numbered && !s.blocks.empty()) {
        // A committee paper's section: everything under the title lines up with the numbered
        // paragraphs' text, the numbers hanging in the margin.
        const model::Blocks rest(s.blocks.begin() + 1, s.blocks.end());
        d.set("body", render_blocks({s.blocks.front()}, ctx) + "<div class=\"ep-numbered-body\">\n" +
                          render_blocks(rest, ctx) + "</div>\n");
    } else {
        d.set("body", render_blocks(s.blocks, ctx));
    }
    d.set("has_footnotes", !s.footnotes.empty());
    d.set("footnotes", footnote_list(s, ctx));
    return d;
}

// Where each source is cited: source code -> links to the tables and figures whose source line
// names it, in document order.
using SourceUses = std::map<std::string, std::vector<std::pair<std::string, std::string>>>;  // code -> (label, href)

void collect_source_uses(const model::Blocks& blocks, const std::string& page, SourceUses& uses) {
    auto add = [&](const std::vector<std::string>& codes, const std::string& label, const std::string& id) {
        std::string href = id.empty() ? page : page + "#" + id;
        for (const auto& c : codes) {
            auto& list = uses[c];
            if (list.empty() || list.back().first != label) list.emplace_back(label, href);
        }
    };
    for (const auto& b : blocks) {
        if (b.table) add(b.table->source_codes, model::label_of(*b.table), b.table->id);
        if (b.figure) add(b.figure->source_codes, model::label_of(*b.figure), b.figure->id);
        for (const auto& item : b.items) collect_source_uses(item.blocks, page, uses);
        collect_source_uses(b.children, page, uses);
    }
}

data sources_list(const model::Document& doc) {
    SourceUses uses;
    for (const auto& s : doc.sections) collect_source_uses(s.blocks, s.slug + ".html", uses);
    data list{data::type::list};
    for (const auto& src : doc.sources) {
        data d;
        d.set("code", opt(src.code));
        d.set("anchor", src.code.empty() ? data(false) : data(source_anchor(src.code)));
        data used{data::type::list};
        auto it = uses.find(src.code);
        if (!src.code.empty() && it != uses.end()) {
            for (size_t i = 0; i < it->second.size(); ++i) {
                data u;
                u.set("label", it->second[i].first);
                u.set("href", it->second[i].second);
                u.set("last", i + 1 == it->second.size());
                used.push_back(u);
            }
        }
        d.set("has_uses", !used.is_empty_list());
        d.set("uses", used);
        d.set("title", src.title);
        std::string details = src.publisher;
        if (!src.date.empty()) details += (details.empty() ? "" : ", ") + long_date(src.date, doc.meta.language);
        d.set("details", opt(details));
        std::string url = web_address(src.url);
        d.set("has_url", !url.empty());
        d.set("url", url);
        list.push_back(d);
    }
    return list;
}

// The accessibility statement's fields (templates: accessibility.mustache, or the built-in one).
data accessibility_data(const model::Document& doc, const HtmlOptions& options) {
    const auto& meta = doc.meta;
    const auto& a = meta.accessibility;
    data d;
    d.set("doc_title", meta.document_title());
    d.set("org_name", org_name(meta));
    // The built-in wording is English: in a document in another language it says so (lang), so
    // that a screen reader reads it as English. A project's own template may be translated.
    d.set("english_in_other", meta.language.rfind("en", 0) != 0);
    d.set("has_pdf", !options.pdf_file.empty());
    d.set("contact", a.contact);
    d.set("has_contact", !a.contact.empty());
    d.set("has_contacts", doc.committee && !doc.committee->contacts.empty());
    d.set("contacts", contact_list(doc.committee ? doc.committee->contacts : std::vector<model::CommitteeContact>{}));
    data issues{data::type::list};
    for (const auto& issue : a.issues) issues.push_back(data(issue));
    d.set("has_issues", !a.issues.empty());
    d.set("issues", issues);
    d.set("has_reviewed", !a.reviewed.empty());
    d.set("reviewed_long", long_date(a.reviewed));
    d.set("date_long", opt(long_date(meta.date)));
    return d;
}

data download_item(const std::string& name, const std::string& title, const std::string& csv) {
    data d;
    d.set("href", "data/" + name);
    d.set("name", name);
    d.set("title", title);
    d.set("size", human_size(static_cast<long long>(csv.size())));
    return d;
}

void collect_block_downloads(const model::Blocks& blocks, data& list) {
    for (const auto& b : blocks) {
        if (b.table && !b.table->csv_name.empty())
            list.push_back(download_item(b.table->csv_name,
                                         model::label_of(*b.table) + ": " + b.table->caption, b.table->csv));
        if (b.figure && !b.figure->csv_name.empty())
            list.push_back(download_item(b.figure->csv_name,
                                         model::label_of(*b.figure) + ": " + b.figure->title, b.figure->csv));
        for (const auto& item : b.items) collect_block_downloads(item.blocks, list);
        collect_block_downloads(b.children, list);
    }
}

data sources_data(const model::Document& doc) {
    data d;
    d.set("title", term(kSourcesTitle, doc.meta.language));
    d.set("has_sources", !doc.sources.empty());
    d.set("sources", sources_list(doc));
    data downloads{data::type::list};
    for (const auto& dl : doc.downloads) downloads.push_back(download_item(dl.name, dl.title.empty() ? dl.name : dl.title, dl.csv));
    d.set("has_downloads", !doc.downloads.empty());
    d.set("downloads", downloads);
    data tables{data::type::list};
    for (const auto& s : doc.sections) collect_block_downloads(s.blocks, tables);
    d.set("has_table_downloads", !tables.is_empty_list());
    d.set("table_downloads", tables);
    data warnings{data::type::list};
    for (const auto& w : doc.warnings) warnings.push_back(data(w.for_readers));
    d.set("has_warnings", !doc.warnings.empty());
    d.set("lists_checks", doc.lists_checks);
    d.set("warnings", warnings);
    return d;
}

// Every CSV the site links to, by file name. One name used for two different contents would
// make one of the links wrong, so that is an error rather than a silent overwrite.
void add_data_file(std::map<std::string, std::string>& files, const std::string& name, const std::string& csv,
                   const std::string& what) {
    if (name.empty()) return;
    check_plain_file_name(name, what);
    auto [it, added] = files.emplace(name, csv);
    if (!added && it->second != csv)
        throw Error(Location{}, what + " uses the download name \"" + name + "\", already used for other data");
}

void collect_block_files(const model::Blocks& blocks, std::map<std::string, std::string>& files) {
    for (const auto& b : blocks) {
        if (b.table) add_data_file(files, b.table->csv_name, b.table->csv, "table " + std::to_string(b.table->number));
        if (b.figure) add_data_file(files, b.figure->csv_name, b.figure->csv, "figure " + std::to_string(b.figure->number));
        for (const auto& item : b.items) collect_block_files(item.blocks, files);
        collect_block_files(b.children, files);
    }
}

std::map<std::string, std::string> data_files(const model::Document& doc) {
    std::map<std::string, std::string> files;
    for (const auto& s : doc.sections) collect_block_files(s.blocks, files);
    for (const auto& dl : doc.downloads) add_data_file(files, dl.name, dl.csv, "data download \"" + dl.title + "\"");
    return files;
}

}  // namespace

// Stands for the PDF's size and page count in pages rendered before the PDF is written. A
// control character cannot come from the content (inputs holding one are refused), so it is
// found only where it was put.
const std::string kPdfDetailsMark = "\x1F" "pdf-details" "\x1F";

struct SiteParts {
    const model::Document* doc = nullptr;
    Templates templates;
    std::map<std::string, std::string> files;   // data downloads, by name
    LinkTargets targets;
    std::vector<PageRef> pages;
    std::vector<std::string> contents;           // each page's content, before the layout
    std::vector<std::string> html;               // each page, whole
};

namespace {

// The landing page's content (it links the PDF) and every page in the layout, with
// `details` for the PDF's size and page count.
void render_pages(SiteParts& p, const HtmlOptions& options, const std::string& details) {
    PageContext ctx{*p.doc, p.targets, kIndexPage, {}};
    p.contents.front() = render_template(p.templates.index, with_words(index_data(*p.doc, options, details, p.pages, ctx), *p.doc));
    p.html.clear();
    for (size_t i = 0; i < p.pages.size(); ++i)
        p.html.push_back(render_template(p.templates.layout, with_words(layout_data(*p.doc, options, details, p.pages, i, p.contents[i]), *p.doc)));
}

}  // namespace

SiteDraft draft_site(const model::Document& doc, const HtmlOptions& options, const std::string& out_dir) {
    if (!std::filesystem::is_directory(out_dir)) throw Error(Location{out_dir, 0, 0}, "output folder not found: " + out_dir);
    auto parts = std::make_shared<SiteParts>();
    parts->doc = &doc;
    parts->templates = load_templates(options.templates_dir, options.type_templates_dir);
    const Templates& t = parts->templates;
    check_slugs(doc);
    parts->files = data_files(doc);   // validates download names before anything is written
    parts->targets = map_anchors(doc);
    parts->pages = page_order(doc);
    const std::vector<PageRef>& pages = parts->pages;
    parts->contents.emplace_back();   // the landing page: render_pages
    for (size_t i = 0; i < doc.sections.size(); ++i) {
        PageContext ctx{doc, parts->targets, pages[i + 1].file, {}};
        parts->contents.push_back(render_template(t.section, with_words(section_data(doc.sections[i], ctx), doc)));
    }
    parts->contents.push_back(render_template(t.sources, with_words(sources_data(doc), doc)));
    parts->contents.push_back(render_template(t.accessibility, with_words(accessibility_data(doc, options), doc)));
    render_pages(*parts, options, options.pdf_file.empty() ? "" : kPdfDetailsMark);
    write_data_files(parts->files, out_dir);
    copy_assets(options.assets_dir, out_dir);
    return {std::move(parts)};
}

HtmlStats finish_site(const SiteDraft& draft, const HtmlOptions& options, const std::string& out_dir) {
    if (!std::filesystem::is_directory(out_dir)) throw Error(Location{out_dir, 0, 0}, "output folder not found: " + out_dir);
    SiteParts& p = *draft.parts;
    const std::string details = options.pdf_file.empty() ? "" : pdf_details(options, p.doc->meta.language);
    if (details.empty() && !options.pdf_file.empty()) {
        render_pages(p, options, "");   // neither size nor pages known: the link goes bare
    } else if (!details.empty()) {
        const std::string shown = html_escape(details);
        for (std::string& page : p.html)
            for (size_t at = page.find(kPdfDetailsMark); at != std::string::npos;
                 at = page.find(kPdfDetailsMark, at + shown.size()))
                page.replace(at, kPdfDetailsMark.size(), shown);
    }
    for (size_t i = 0; i < p.pages.size(); ++i) write_file(join_path(out_dir, p.pages[i].file), p.html[i]);
    return HtmlStats{static_cast<int>(p.pages.size())};
}

HtmlStats write_site(const model::Document& doc, const HtmlOptions& options, const std::string& out_dir) {
    return finish_site(draft_site(doc, options, out_dir), options, out_dir);
}

}  // namespace ep::html
