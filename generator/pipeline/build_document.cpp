#include "pipeline/build_document.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "calc/figures.h"
#include "core/format.h"
#include "core/language.h"
#include "core/stage.h"
#include "core/value.h"
#include "core/text.h"
#include "data/csv_reader.h"
#include "geo/atlas.h"
#include "narrative/case_study.h"
#include "narrative/directives.h"
#include "narrative/markdown.h"
#include "narrative/resolve.h"
#include "pipeline/committee.h"
#include "pipeline/content_csv.h"
#include "pipeline/printable.h"

namespace ep::pipeline {

namespace fs = std::filesystem;

namespace {

struct SectionEntry {
    std::string file, slug, short_title, number;
    Location where;
    std::string packs;   // "all" (default), "main" (the project's own pack only), "places" (per-place packs only)
};

// The keys of document.csv (docs/content-format.md); the committee report's are read by
// read_committee_front.
const std::vector<std::string> kDocumentKeys = {
    "title", "subtitle", "area", "date", "version", "author", "subject", "keywords", "language", "allow_raw_html",
    "organisation", "logo", "type", "each_place", "numbered_paragraphs", "focus", "languages",
    // the site's accessibility statement (accessibility_issue may be given on several rows)
    "accessibility_contact", "accessibility_reviewed", "accessibility_issue",
    // committee reports
    "committee", "meeting_date", "report_of", "summary", "agenda_item", "budget_policy_framework", "final_decision",
    "recommendation_intro"};

// The accessibility statement's own keys.
void read_accessibility(std::map<std::string, std::string>& meta, std::map<std::string, Location>& at,
                        model::AccessibilityStatement& a, Diagnostics& d) {
    a.contact = meta["accessibility_contact"];
    a.reviewed = meta["accessibility_reviewed"];
    if (std::string why = date_problem(a.reviewed, false); !a.reviewed.empty() && !why.empty())
        d.error(at["accessibility_reviewed"], "accessibility_reviewed " + why);
}

// A site published with no way to report a problem does not meet the 2018 regulations: a
// warning, unless the document names its contacts (a committee report's, which the statement
// then gives).
void warn_without_accessibility_contact(const model::Document& doc, const std::string& cdir, Diagnostics& d) {
    if (!doc.meta.accessibility.contact.empty() || (doc.committee && !doc.committee->contacts.empty())) return;
    d.warning({cdir + "/document.csv", 0, 0},
              "no accessibility_contact row: the site's accessibility statement (accessibility.html) cannot say how "
              "to report a problem or ask for another format; add e.g. "
              "'accessibility_contact,Web team: web@council.gov.uk or 01234 567890' before publishing");
}

// The keys a bilingual document gives once per other language, as <key>_<tag> (title_cy).
const std::vector<std::string> kTranslatedKeys = {"title", "subtitle", "area", "author", "subject", "keywords",
                                                  "organisation"};

// "title_cy" -> "cy" when `key` is a translated key with a language tag; "" otherwise.
std::string translation_suffix(const std::string& key) {
    const size_t cut = key.rfind('_');
    if (cut == std::string::npos) return "";
    const std::string base = key.substr(0, cut), tag = key.substr(cut + 1);
    if (std::find(kTranslatedKeys.begin(), kTranslatedKeys.end(), base) == kTranslatedKeys.end()) return "";
    return language_tag_problem(tag).empty() ? tag : "";
}

// A path from the content must stay inside the project: no "..", no absolute paths.
bool inside_project(const std::string& rel) {
    if (rel.empty() || rel[0] == '/') return false;
    for (const auto& part : split(rel, '/'))
        if (part == "..") return false;
    return true;
}

std::string plain_text(const model::Runs& runs) {
    std::string s;
    for (const auto& r : runs)
        if (r.footnote == 0) s += r.text;
    return s;
}

// The source codes behind the tables and figures in `blocks`.
void collect_table_sources(const model::Blocks& blocks, std::set<std::string>& out) {
    for (const auto& b : blocks) {
        if (b.table) out.insert(b.table->source_codes.begin(), b.table->source_codes.end());
        if (b.figure) out.insert(b.figure->source_codes.begin(), b.figure->source_codes.end());
        for (const auto& item : b.items) collect_table_sources(item.blocks, out);
        collect_table_sources(b.children, out);
    }
}

void collect_footnotes(const model::Blocks& blocks, std::vector<int>& out) {
    auto runs = [&](const model::Runs& rs) {
        for (const auto& r : rs)
            if (r.footnote > 0 && std::find(out.begin(), out.end(), r.footnote) == out.end()) out.push_back(r.footnote);
    };
    for (const auto& b : blocks) {
        runs(b.runs);
        for (const auto& item : b.items) collect_footnotes(item.blocks, out);
        collect_footnotes(b.children, out);
        if (b.table) {
            for (const auto& row : b.table->body)
                for (const auto& c : row) runs(c.runs);
            runs(b.table->source);
        }
        if (b.figure) runs(b.figure->source);
    }
}

// Numbers level-2 headings "N.k" under a numbered section and gives every heading a unique anchor.
void number_headings(model::Section& s, std::set<std::string>& anchors) {
    int sub = 0;
    for (auto& b : s.blocks) {
        if (b.kind != model::BlockKind::Heading) continue;
        if (b.level == 1) b.number = s.number;
        else if (b.level == 2 && !s.number.empty()) b.number = s.number + "." + std::to_string(++sub);
        std::string base = b.level == 1 ? s.slug : slugify(plain_text(b.runs));
        // An anchor is part of every link to the heading (and a PDF string): a long heading's
        // is its first 100 characters.
        if (base.size() > 100) {
            base.resize(100);
            while (!base.empty() && base.back() == '-') base.pop_back();
        }
        std::string anchor = base;
        for (int k = 2; anchors.count(anchor); ++k) anchor = base + "-" + std::to_string(k);
        anchors.insert(anchor);
        b.anchor = anchor;
    }
}

// A metadata value with placeholders ("{{ name here }}") as plain text; with `markdown`, as
// Markdown source instead (figure marks and escapes kept, for markdown_to_blocks). Errors point
// at the CSV cell `where`.
std::string resolve_plain(narrative::Resolver& resolver, const std::string& value, const Location& where, Diagnostics& d,
                          bool markdown = false) {
    Diagnostics local;
    auto placeholders = narrative::scan_placeholders(value, where.file, local);
    std::string out;
    size_t pos = 0;
    for (auto p : placeholders) {
        out.append(value, pos, p.begin - pos);
        p.where = where;
        try {
            if (markdown) {
                out += resolver.resolve(p);
                pos = p.end;
                continue;
            }
            out += narrative::resolved_plain_text(resolver.resolve(p));
        } catch (const Error& e) {
            d.add(e);
        }
        pos = p.end;
    }
    out.append(value, pos, std::string::npos);
    for (const auto& item : local.items()) d.error(where, item.message);
    return out;
}

// The files a document is built from, for finding where a character was typed: its sections,
// its content CSVs and the data.
std::vector<SourceText> source_texts(const fs::path& content, const std::string& cdir, const std::string& text_dir,
                                     const std::vector<std::pair<SectionEntry, std::string>>& sections,
                                     const data::Dataset& ds) {
    std::vector<SourceText> out;
    auto add = [&](const std::string& file, std::string text) {
        if (starts_with(text, "\xEF\xBB\xBF")) text.erase(0, 3);
        out.push_back({file, std::move(text)});
    };
    for (const auto& [e, text] : sections) add(text_dir + "/" + e.file, text);
    std::vector<std::string> csvs;
    std::error_code ec;
    for (fs::directory_iterator it(content, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".csv" && it->is_regular_file(ec)) csvs.push_back(it->path().filename().string());
    std::sort(csvs.begin(), csvs.end());
    for (const auto& name : csvs) {
        try {
            add(cdir + "/" + name, data::read_file((content / name).string(), cdir + "/" + name));
        } catch (const Error&) {
            // read before without trouble; if it has gone since, it holds nothing to find
        }
    }
    for (const auto& [name, bytes] : ds.raw_files) add("data/" + name, bytes);
    return out;
}

}  // namespace

std::vector<std::string> document_folders(const std::string& root) {
    std::vector<std::string> folders = {"content"};
    std::vector<std::string> more;
    std::error_code ec;
    for (fs::directory_iterator it(fs::path(root) / "content", ec), end; !ec && it != end; it.increment(ec))
        if (it->is_directory(ec) && fs::is_regular_file(it->path() / "document.csv", ec))
            more.push_back("content/" + it->path().filename().string());
    std::sort(more.begin(), more.end());
    folders.insert(folders.end(), more.begin(), more.end());
    return folders;
}

BuildResult build_document(const Project& project, Diagnostics& d) {
    BuildResult result;
    result.dataset = data::load_dataset((fs::path(project.root) / "data").string(), "data", d);
    if (d.has_errors()) return result;
    ModelResult m = build_model(project, result.dataset, {}, d);
    result.document = std::move(m.document);
    result.tables = m.tables;
    result.figures = m.figures;
    return result;
}

std::unique_ptr<geo::Atlas> load_atlas(const Project& project, const data::Dataset& ds, Diagnostics& d) {
    auto atlas = std::make_unique<geo::Atlas>();
    atlas->load((fs::path(project.root) / "data").string(), "data", ds, d);
    return atlas;
}

std::vector<model::DataDownload> data_downloads(const data::Dataset& ds) {
    std::vector<model::DataDownload> downloads;
    for (const auto& [name, bytes] : ds.raw_files) {
        // The observations as typed would carry the seed's 5,302 where the page prints 5,320.
        if (name == "observations.csv")
            downloads.push_back({name, "Reported figures as the pack prints them, with the source's value where it differs",
                                 calc::printed_observations_csv(calc::Figures(ds))});
        else
            downloads.push_back({name, name, bytes});
    }
    return downloads;
}

ModelResult build_model(const Project& project, const data::Dataset& ds, const PackOptions& options, Diagnostics& d) {
    ModelResult result;
    fs::path root(project.root);
    calc::Figures figures(ds);
    model::Document& doc = result.document;
    if (const data::Place* reserved = ds.place(narrative::kHerePlace))
        d.error(reserved->where, "the place code 'here' is reserved: in the content it stands for the pack's own place");

    // ---- metadata ----
    std::map<std::string, std::string> meta;
    std::map<std::string, Location> meta_at;
    const std::string cdir = project.content;   // "content" or "content/<doc>", as shown in messages
    const fs::path content = root / cdir;
    for (auto& row : read_content_csv(content / "document.csv", cdir + "/document.csv", {"key", "value"}, {}, d)) {
        const std::string& key = row["key"].first;
        if (std::find(kDocumentKeys.begin(), kDocumentKeys.end(), key) == kDocumentKeys.end() &&
            translation_suffix(key).empty()) {
            const std::string meant = nearest_name(key, kDocumentKeys);
            d.error(row["key"].second, "unknown key '" + key + "'" +
                                           (meant.empty() ? " (docs/content-format.md lists the keys)"
                                                          : ": did you mean '" + meant + "'?"));
            continue;
        }
        if (key == "accessibility_issue") {
            if (!row["value"].first.empty()) doc.meta.accessibility.issues.push_back(row["value"].first);
            continue;
        }
        meta[key] = row["value"].first;
        meta_at[key] = row["value"].second;
    }
    doc.meta.title = meta["title"];
    doc.meta.subtitle = meta["subtitle"];
    doc.meta.area = meta["area"];
    doc.meta.date = meta["date"];
    if (std::string why = date_problem(doc.meta.date, false); !doc.meta.date.empty() && !why.empty())
        d.error(meta_at["date"], "date " + why);
    doc.meta.version = meta["version"];
    doc.meta.author = meta["author"];
    doc.meta.subject = meta["subject"];
    doc.meta.keywords = meta["keywords"];
    if (!meta["language"].empty()) doc.meta.language = meta["language"];
    // ---- a bilingual document: languages,en-GB cy ----
    if (!meta["languages"].empty()) {
        for (const auto& tag : split(meta["languages"], ' '))
            if (!tag.empty()) result.languages.push_back(tag);
        for (const auto& tag : result.languages)
            if (const std::string why = language_tag_problem(tag); !why.empty())
                d.error(meta_at["languages"], "'" + tag + "' is not a language tag (BCP 47, such as 'cy' or 'en-GB'): " + why);
        if (meta["language"].empty()) doc.meta.language = result.languages.front();
        else if (result.languages.front() != doc.meta.language)
            d.error(meta_at["languages"], "the first of the languages is the document's own: '" + doc.meta.language +
                                              "' (its language row)");
        if (project.content != "content")
            d.error(meta_at["languages"], "languages belongs in content/document.csv: only the main document is bilingual");
    }
    for (const auto& [key, at] : meta_at)
        if (const std::string tag = translation_suffix(key); !tag.empty() &&
            std::find(result.languages.begin() + (result.languages.empty() ? 0 : 1), result.languages.end(), tag) ==
                result.languages.end())
            d.error(at, "'" + key + "' is for the language '" + tag + "', which is not one of the document's other languages (its languages row)");
    // Missing translations of the metadata, reported with the rest of the problems (after the
    // sections are read, so that every missing translation is listed at once).
    std::vector<std::pair<Location, std::string>> untranslated;
    auto report_untranslated = [&] {
        for (const auto& [at, message] : untranslated) d.error(at, message);
    };
    if (!options.language.empty()) {
        // The other language's metadata: every text the document gives, translated.
        for (const auto& key : kTranslatedKeys) {
            const std::string own = key + "_" + options.language;
            if (meta.count(own)) meta[key] = meta[own];
            else if (!meta[key].empty())
                untranslated.emplace_back(meta_at[key], "'" + key + "' has no translation into " + options.language +
                                                            ": add a row '" + own + "'");
        }
        doc.meta.title = meta["title"];
        doc.meta.subtitle = meta["subtitle"];
        doc.meta.area = meta["area"];
        doc.meta.author = meta["author"];
        doc.meta.subject = meta["subject"];
        doc.meta.keywords = meta["keywords"];
        doc.meta.language = options.language;
    }
    // Figures, dates and durations from here on are written in the document's words.
    const FormatLanguage words(doc.meta.language);
    doc.meta.organisation = meta["organisation"];
    doc.meta.logo = meta["logo"];
    if (!doc.meta.logo.empty() && (!inside_project(doc.meta.logo) || !fs::is_regular_file(root / "assets" / doc.meta.logo)))
        d.error(meta_at["logo"], "logo '" + doc.meta.logo + "' is not a file in the assets folder");
    if (doc.meta.title.empty()) d.error({cdir + "/document.csv", 0, 0}, "the document needs a 'title' row");
    read_accessibility(meta, meta_at, doc.meta.accessibility, d);
    narrative::MarkdownOptions md_options;
    md_options.allow_raw_html = meta["allow_raw_html"] == "yes";
    if (!meta["type"].empty()) {
        doc.type = meta["type"];
        if (doc.type != "evidence-pack" && doc.type != "committee-report" && doc.type != "case-studies")
            d.error(meta_at["type"], "unknown document type '" + doc.type +
                                         "' (use evidence-pack, committee-report or case-studies)");
    }
    if (!meta["each_place"].empty()) {
        const std::string v = meta["each_place"];
        if (v != "yes" && v != "no") d.error(meta_at["each_place"], "each_place must be yes or no");
        else if (project.content != "content") d.error(meta_at["each_place"], "each_place belongs in content/document.csv: only the main document is built per place");
        result.each_place = v == "yes";
    }
    bool numbered_paragraphs = doc.type == "committee-report";
    if (!meta["numbered_paragraphs"].empty()) {
        const std::string v = meta["numbered_paragraphs"];
        if (v != "yes" && v != "no") d.error(meta_at["numbered_paragraphs"], "numbered_paragraphs must be yes or no");
        numbered_paragraphs = v == "yes";
    }

    // ---- the pack's focus place: what `here` stands for ----
    result.focus = options.focus;
    if (result.focus.empty() && !meta["focus"].empty()) {
        result.focus = meta["focus"];
        if (!ds.place(result.focus)) d.error(meta_at["focus"], "unknown place '" + result.focus + "' (see data/places.csv)");
    }
    if (result.focus.empty()) {
        std::vector<std::string> subregions;
        for (const auto& pl : ds.places)
            if (pl.kind == "subregion") subregions.push_back(pl.code);
        if (subregions.size() == 1) result.focus = subregions.front();
    }

    // ---- sections ----
    std::vector<SectionEntry> entries;
    // Slugs are page names beside index.html and sources.html (and a committee report's own pages).
    std::map<std::string, std::string> slug_taken = {{"index", "the site's home page"}, {"sources", "the sources page"}, {"accessibility", "the accessibility statement"}};
    if (doc.type == "committee-report")
        for (const char* own : {"agenda-sheet", "recommendations", "background-papers"})
            slug_taken[own] = "the committee report's own pages";
    std::vector<std::string> section_columns = {"number", "packs"};
    for (size_t i = 1; i < result.languages.size(); ++i) section_columns.push_back("short_title_" + result.languages[i]);
    for (auto& row : read_content_csv(content / "sections.csv", cdir + "/sections.csv", {"file", "slug", "short_title"},
                                      section_columns, d)) {
        const auto& [slug, slug_at] = row["slug"];
        if (slug.empty() || slug[0] == '.' || slug.find_first_of("/\\: ") != std::string::npos) {
            d.error(slug_at, "the slug '" + slug + "' cannot be a page name: use letters, digits and dashes");
            continue;
        }
        if (auto [it, fresh] = slug_taken.try_emplace(slug, "line " + std::to_string(slug_at.line)); !fresh) {
            d.error(slug_at, "the slug '" + slug + "' is already used by " + it->second + "; give each section its own");
            continue;
        }
        SectionEntry e{row["file"].first, row["slug"].first, row["short_title"].first, row["number"].first, row["file"].second,
                       row.count("packs") && !row["packs"].first.empty() ? row["packs"].first : "all"};
        // In another language: its short title, else the section's own title.
        if (!options.language.empty())
            e.short_title = row.count("short_title_" + options.language) ? row["short_title_" + options.language].first : "";
        if (!inside_project(e.file)) {
            d.error(e.where, "'" + e.file + "' points outside the content folder");
            continue;
        }
        if (e.packs != "all" && e.packs != "main" && e.packs != "places") {
            d.error(row["packs"].second, "unknown packs value '" + e.packs + "' (use all, main or places)");
            continue;
        }
        if (e.packs == "places") result.place_sections = true;
        if (e.packs == (options.place_pack ? "main" : "places")) continue;   // not in this pack
        entries.push_back(e);
    }
    if (entries.empty() && !d.has_errors())
        d.error({cdir + "/sections.csv", 2, 1}, "no sections are listed: add a row per Markdown file (file,slug,short_title)");
    if (d.has_errors()) {
        report_untranslated();
        return result;
    }

    std::vector<std::pair<SectionEntry, std::string>> texts;
    std::map<std::string, narrative::Reference> refs;
    int table_count = 0, figure_count = 0;
    // The sections' text: in another language, from content/<language>/, the same files.
    const std::string text_dir = options.language.empty() ? cdir : cdir + "/" + options.language;
    for (const auto& e : entries) {
        std::string shown = text_dir + "/" + e.file;
        if (!fs::is_regular_file(root / text_dir / e.file)) {
            d.error(e.where, "section file '" + shown + "' does not exist" +
                                 (options.language.empty() ? "" : ": the " + options.language + " version lacks this section"));
            continue;
        }
        try {
            std::string text = data::read_file((root / text_dir / e.file).string(), shown);
            if (starts_with(text, "\xEF\xBB\xBF")) text.erase(0, 3);
            lone_cr_to_lf(text);   // old Mac line ends, so messages count lines as an editor does
            data::require_utf8(text, shown);   // throws, naming the line, column and likely encoding
            narrative::collect_references(text, shown, table_count, figure_count, refs, d);
            texts.push_back({e, std::move(text)});
        } catch (const Error& err) {
            d.add(err);
        }
    }

    narrative::Resolver resolver(figures, refs);
    resolver.set_focus(result.focus);
    narrative::DirectiveBuilder directives(figures);
    directives.set_focus(result.focus);
    std::unique_ptr<geo::Atlas> own_atlas;
    if (!options.atlas) own_atlas = load_atlas(project, ds, d);
    directives.set_atlas(options.atlas ? options.atlas : own_atlas.get());
    narrative::DirectiveHandler handler = [&](const std::string& kind, const std::string& body, const std::string& file,
                                              int line, Diagnostics& diags) {
        return directives.build(kind, body, file, line, diags);
    };
    narrative::FootnoteRegistry footnotes;
    std::set<std::string> anchors;
    for (auto& [e, text] : texts) {
        std::string shown = text_dir + "/" + e.file;
        set_stage("reading " + shown);
        std::string resolved = resolver.resolve_all(text, shown, d);
        model::Section s;
        s.slug = e.slug;
        s.short_title = e.short_title;
        s.number = e.number;
        bool too_deep = false;
        s.blocks = narrative::markdown_to_blocks(resolved, shown, md_options, footnotes, handler, d, &too_deep);
        if (too_deep) continue;   // its one error said why
        if (s.blocks.empty() || s.blocks.front().kind != model::BlockKind::Heading || s.blocks.front().level != 1) {
            d.error({shown, 1, 1}, "a section must start with a '# Title' heading");
            continue;
        }
        s.title = plain_text(s.blocks.front().runs);
        if (s.short_title.empty()) s.short_title = s.title;
        number_headings(s, anchors);
        // A case-studies document: every section after the introduction is one case study,
        // with its headings in the fixed order.
        if (doc.type == "case-studies" && &e != &texts.front().first) narrative::check_case_study(s, shown, d);
        if (numbered_paragraphs) number_paragraphs(s);
        collect_footnotes(s.blocks, s.footnotes);
        doc.sections.push_back(std::move(s));
    }

    // ---- a committee report's front matter: the agenda management sheet, the opening with
    // the recommendations, and the background papers at the end ----
    if (doc.type == "committee-report") {
        FrontMatterText text;
        text.plain = [&](const std::string& value, const Location& where) {
            return value.find("{{") == std::string::npos ? value : resolve_plain(resolver, value, where, d);
        };
        text.runs = [&](const std::string& value, const Location& where) {
            const std::string resolved = resolve_plain(resolver, value, where, d, true);
            Diagnostics nesting;
            bool too_deep = false;
            model::Blocks blocks =
                narrative::markdown_to_blocks(resolved, where.file, md_options, footnotes, handler, nesting, &too_deep);
            if (too_deep) {   // its place in the value would mislead: name the value's cell
                d.error(where, nesting.items().back().message);
                return model::Runs{};
            }
            for (const auto& item : nesting.items()) item.is_warning ? d.warning(item.where, item.message)
                                                                     : d.error(item.where, item.message);
            if (blocks.size() != 1 || blocks.front().kind != model::BlockKind::Paragraph) {
                d.error(where, "this must be one paragraph of text");
                return model::Runs{};
            }
            return blocks.front().runs;
        };
        doc.committee = read_committee_front(content, cdir, meta, meta_at, text, d);
        if (!d.has_errors()) {
            std::vector<model::Section> framed;
            framed.push_back(agenda_sheet_section(doc));
            framed.push_back(report_opening_section(doc));
            for (auto& s : doc.sections) framed.push_back(std::move(s));
            framed.push_back(background_papers_section(doc));
            doc.sections = std::move(framed);
            for (auto& s : doc.sections)
                if (s.slug == "agenda-sheet" || s.slug == "recommendations" || s.slug == "background-papers") {
                    number_headings(s, anchors);
                    collect_footnotes(s.blocks, s.footnotes);
                }
        }
    }
    {
        std::set<std::string> slugs;
        for (const auto& s : doc.sections)
            if (!slugs.insert(s.slug).second)
                d.error({cdir + "/sections.csv", 0, 0}, "two sections have the slug '" + s.slug +
                                                             "'" + (doc.committee ? " (agenda-sheet, recommendations and "
                                                                                    "background-papers are taken by "
                                                                                    "the committee report's own pages)"
                                                                                  : ""));
    }
    doc.footnotes = footnotes.finish(d);
    result.tables = table_count;
    result.figures = figure_count;

    // ---- key figures (labels and placeholders from content/key_figures.csv) ----
    fs::path kf = content / "key_figures.csv";
    if (fs::exists(kf)) {
        std::vector<std::string> label_columns;
        for (size_t i = 1; i < result.languages.size(); ++i) label_columns.push_back("label_" + result.languages[i]);
        for (auto& row : read_content_csv(kf, cdir + "/key_figures.csv", {"label", "value"}, label_columns, d)) {
            Diagnostics local;
            auto& [value, where] = row["value"];
            auto placeholders = narrative::scan_placeholders(value, where.file, local);
            std::string text = value;
            if (placeholders.size() == 1 && !local.has_errors()) {
                narrative::Placeholder p = placeholders.front();
                p.where = where;
                try {
                    text = narrative::resolved_plain_text(resolver.resolve(p));
                } catch (const Error& e) {
                    d.add(e);
                }
            } else {
                d.error(where, "a key figure's value must be exactly one placeholder such as {{ population @ csw }}");
            }
            std::string label = row["label"].first;
            if (!options.language.empty()) {
                const std::string column = "label_" + options.language;
                label = row.count(column) ? row[column].first : "";
                if (label.empty())
                    d.error(row["label"].second, "the key figure '" + row["label"].first + "' has no label in " +
                                                     options.language + ": fill in its '" + column + "' column");
            }
            doc.key_figures.push_back({label, text});
        }
    }

    // ---- a per-place pack names its place in its title (each PDF has a title of its own) ----
    if (options.place_pack)
        if (const data::Place* here = ds.place(result.focus)) doc.meta.edition = here->name;

    // ---- metadata may name the pack's place: area,{{ name here }} ----
    for (auto [key, field] : {std::pair{"title", &doc.meta.title}, {"subtitle", &doc.meta.subtitle}, {"area", &doc.meta.area},
                              {"author", &doc.meta.author}, {"subject", &doc.meta.subject}, {"keywords", &doc.meta.keywords}})
        if (field->find("{{") != std::string::npos) *field = resolve_plain(resolver, *field, meta_at[key], d);

    // ---- sources, downloads, audit ----
    // Every document lists only the sources of the figures it prints: a source no figure uses
    // is not one of its sources. (The main document also lists the audit of the source figures.)
    const bool main_document = project.content == "content";
    std::set<std::string> used = resolver.sources_used();
    for (const auto& s : doc.sections) collect_table_sources(s.blocks, used);
    for (const auto& s : ds.sources)
        if (used.count(s.code)) doc.sources.push_back({s.code, s.title, s.publisher, s.date, s.url});
    doc.downloads = options.downloads ? *options.downloads : data_downloads(ds);
    // The checks on the source figures are the project's: `evidencepack check` and the main
    // document list them.
    doc.lists_checks = main_document;
    if (main_document) {
        if (options.warnings) doc.warnings = *options.warnings;
        else
            for (const auto& f : calc::audit(figures))
                doc.warnings.push_back({to_string(f.where) + ": " + f.message, sentence_case(f.reader.empty() ? f.message : f.reader)});
    }

    report_untranslated();
    warn_without_accessibility_contact(doc, cdir, d);

    // ---- every character the PDF prints is in its fonts, else an error where it was typed ----
    if (!d.has_errors()) check_printable(doc, [&] { return source_texts(content, cdir, text_dir, texts, ds); }, d);
    return result;
}

}  // namespace ep::pipeline
