#include "pipeline/build_document.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "calc/figures.h"
#include "core/format.h"
#include "core/text.h"
#include "data/csv_reader.h"
#include "narrative/directives.h"
#include "narrative/markdown.h"
#include "narrative/resolve.h"

namespace ep::pipeline {

namespace fs = std::filesystem;

namespace {

struct SectionEntry {
    std::string file, slug, short_title, number;
    Location where;
    std::string packs;   // "all" (default), "main" (the project's own pack only), "places" (per-place packs only)
};

// Reads a content CSV with the given columns (all required unless listed in `optional`).
std::vector<std::map<std::string, std::pair<std::string, Location>>> read_content_csv(
    const fs::path& path, const std::string& shown, const std::vector<std::string>& required,
    const std::vector<std::string>& optional, Diagnostics& d) {
    std::vector<std::map<std::string, std::pair<std::string, Location>>> rows;
    try {
        auto t = data::read_csv(path.string(), shown);
        std::map<std::string, size_t> cols;
        for (size_t i = 0; i < t.header.size(); ++i) {
            bool known = std::find(required.begin(), required.end(), t.header[i]) != required.end() ||
                         std::find(optional.begin(), optional.end(), t.header[i]) != optional.end();
            if (!known) d.error(t.at(t.header_fields[i]), "unknown column '" + t.header[i] + "'");
            cols[t.header[i]] = i;
        }
        for (const auto& r : required)
            if (!cols.count(r)) {
                d.error({shown, 1, 1}, "missing column '" + r + "'");
                return rows;
            }
        for (const auto& row : t.rows) {
            std::map<std::string, std::pair<std::string, Location>> m;
            for (const auto& [name, i] : cols) m[name] = {trim(row.fields[i].text), t.at(row.fields[i])};
            rows.push_back(std::move(m));
        }
    } catch (const Error& e) {
        d.add(e);
    }
    return rows;
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

std::string strip_figure_marks(std::string s) {
    for (const char* mark : {narrative::kFigureOpen, narrative::kFigureClose}) {
        size_t at;
        while ((at = s.find(mark)) != std::string::npos) s.erase(at, 3);
    }
    return s;
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
        std::string anchor = base;
        for (int k = 2; anchors.count(anchor); ++k) anchor = base + "-" + std::to_string(k);
        anchors.insert(anchor);
        b.anchor = anchor;
    }
}

// `places: here; coventry; solihull` in a table or chart directive: `here` becomes the pack's
// focus place, and a place listed twice (the focus again) is kept only the first time.
std::string here_in_places(const std::string& body, const std::string& focus, const std::string& file, int line,
                           Diagnostics& d) {
    if (body.find(narrative::kHerePlace) == std::string::npos) return body;
    std::string out;
    int offset = 0;
    for (const auto& raw : split(body, '\n')) {
        std::string text = raw;
        std::string t = trim(raw);
        if (starts_with(t, "places:")) {
            std::vector<std::string> items;
            bool changed = false;
            for (const auto& item : split(t.substr(7), ';')) {
                std::string code = trim(item);
                if (code == narrative::kHerePlace) {
                    changed = true;
                    if (focus.empty()) {
                        d.error({file, line + offset, 1}, "'here' stands for the pack's own place, but this pack has none: add "
                                                          "a 'focus' row to content/document.csv");
                        continue;
                    }
                    code = focus;
                }
                if (std::find(items.begin(), items.end(), code) == items.end()) items.push_back(code);
                else changed = true;
            }
            if (changed) {
                text = "places: ";
                for (size_t i = 0; i < items.size(); ++i) text += (i ? "; " : "") + items[i];
            }
        }
        if (offset) out += '\n';
        out += text;
        ++offset;
    }
    return out;
}

// A metadata value with placeholders ("{{ name here }}") as plain text.
std::string resolve_plain(narrative::Resolver& resolver, const std::string& value, const Location& where, Diagnostics& d) {
    Diagnostics local;
    auto placeholders = narrative::scan_placeholders(value, where.file, local);
    std::string out;
    size_t pos = 0;
    for (auto p : placeholders) {
        out.append(value, pos, p.begin - pos);
        p.where = where;
        try {
            std::string text = strip_figure_marks(resolver.resolve(p));
            for (size_t i = 0; i < text.size(); ++i)   // undo escape_markdown
                if (!(text[i] == '\\' && i + 1 < text.size() && std::ispunct(static_cast<unsigned char>(text[i + 1]))))
                    out += text[i];
                else
                    out += text[++i];
        } catch (const Error& e) {
            d.add(e);
        }
        pos = p.end;
    }
    out.append(value, pos, std::string::npos);
    for (const auto& item : local.items()) d.error(where, item.message);
    return out;
}

long long to_epoch_date(const std::string& ymd) {
    // Days from civil (Howard Hinnant's algorithm), for a fixed PDF date from the content.
    if (ymd.size() != 10) return 0;
    int y = std::stoi(ymd.substr(0, 4)), m = std::stoi(ymd.substr(5, 2)), d = std::stoi(ymd.substr(8, 2));
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (era * 146097 + doe - 719468) * 86400;
}

}  // namespace

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
    for (auto& row : read_content_csv(root / "content/document.csv", "content/document.csv", {"key", "value"}, {}, d)) {
        meta[row["key"].first] = row["value"].first;
        meta_at[row["key"].first] = row["value"].second;
    }
    doc.meta.title = meta["title"];
    doc.meta.subtitle = meta["subtitle"];
    doc.meta.area = meta["area"];
    doc.meta.date = meta["date"];
    doc.meta.version = meta["version"];
    doc.meta.author = meta["author"];
    doc.meta.subject = meta["subject"];
    doc.meta.keywords = meta["keywords"];
    if (!meta["language"].empty()) doc.meta.language = meta["language"];
    doc.meta.organisation = meta["organisation"];
    doc.meta.logo = meta["logo"];
    if (!doc.meta.logo.empty() && (!inside_project(doc.meta.logo) || !fs::is_regular_file(root / "assets" / doc.meta.logo)))
        d.error(meta_at["logo"], "logo '" + doc.meta.logo + "' is not a file in the assets folder");
    if (doc.meta.title.empty()) d.error({"content/document.csv", 0, 0}, "the document needs a 'title' row");
    narrative::MarkdownOptions md_options;
    md_options.allow_raw_html = meta["allow_raw_html"] == "yes";

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
    for (auto& row : read_content_csv(root / "content/sections.csv", "content/sections.csv", {"file", "slug", "short_title"},
                                      {"number", "packs"}, d)) {
        SectionEntry e{row["file"].first, row["slug"].first, row["short_title"].first, row["number"].first, row["file"].second,
                       row.count("packs") && !row["packs"].first.empty() ? row["packs"].first : "all"};
        if (!inside_project(e.file)) {
            d.error(e.where, "'" + e.file + "' points outside the content folder");
            continue;
        }
        if (e.packs != "all" && e.packs != "main" && e.packs != "places") {
            d.error(row["packs"].second, "unknown packs value '" + e.packs + "' (use all, main or places)");
            continue;
        }
        if (e.packs == (options.place_pack ? "main" : "places")) continue;   // not in this pack
        entries.push_back(e);
    }
    if (entries.empty() && !d.has_errors())
        d.error({"content/sections.csv", 2, 1}, "no sections are listed: add a row per Markdown file (file,slug,short_title)");
    if (d.has_errors()) return result;

    std::vector<std::pair<SectionEntry, std::string>> texts;
    std::map<std::string, narrative::Reference> refs;
    int table_count = 0, figure_count = 0;
    for (const auto& e : entries) {
        std::string shown = "content/" + e.file;
        if (!fs::is_regular_file(root / "content" / e.file)) {
            d.error(e.where, "section file '" + shown + "' does not exist");
            continue;
        }
        try {
            std::string text = data::read_file((root / "content" / e.file).string(), shown);
            if (starts_with(text, "\xEF\xBB\xBF")) text.erase(0, 3);
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
    narrative::DirectiveHandler handler = [&](const std::string& kind, const std::string& body, const std::string& file,
                                              int line, Diagnostics& diags) {
        return directives.build(kind, here_in_places(body, result.focus, file, line, diags), file, line, diags);
    };
    narrative::FootnoteRegistry footnotes;
    std::set<std::string> anchors;
    for (auto& [e, text] : texts) {
        std::string shown = "content/" + e.file;
        std::string resolved = resolver.resolve_all(text, shown, d);
        model::Section s;
        s.slug = e.slug;
        s.short_title = e.short_title;
        s.number = e.number;
        s.blocks = narrative::markdown_to_blocks(resolved, shown, md_options, footnotes, handler, d);
        if (s.blocks.empty() || s.blocks.front().kind != model::BlockKind::Heading || s.blocks.front().level != 1) {
            d.error({shown, 1, 1}, "a section must start with a '# Title' heading");
            continue;
        }
        s.title = plain_text(s.blocks.front().runs);
        if (s.short_title.empty()) s.short_title = s.title;
        number_headings(s, anchors);
        collect_footnotes(s.blocks, s.footnotes);
        doc.sections.push_back(std::move(s));
    }
    doc.footnotes = footnotes.finish(d);
    result.tables = table_count;
    result.figures = figure_count;

    // ---- key figures (labels and placeholders from content/key_figures.csv) ----
    fs::path kf = root / "content/key_figures.csv";
    if (fs::exists(kf)) {
        for (auto& row : read_content_csv(kf, "content/key_figures.csv", {"label", "value"}, {}, d)) {
            Diagnostics local;
            auto& [value, where] = row["value"];
            auto placeholders = narrative::scan_placeholders(value, where.file, local);
            std::string text = value;
            if (placeholders.size() == 1 && !local.has_errors()) {
                narrative::Placeholder p = placeholders.front();
                p.where = where;
                try {
                    text = strip_figure_marks(resolver.resolve(p));
                    for (const char* esc : {"\\"}) {
                        size_t at;
                        while ((at = text.find(esc)) != std::string::npos) text.erase(at, 1);
                    }
                } catch (const Error& e) {
                    d.add(e);
                }
            } else {
                d.error(where, "a key figure's value must be exactly one placeholder such as {{ population @ csw }}");
            }
            doc.key_figures.push_back({row["label"].first, text});
        }
    }

    // ---- metadata may name the pack's place: area,{{ name here }} ----
    for (auto [key, field] : {std::pair{"title", &doc.meta.title}, {"subtitle", &doc.meta.subtitle}, {"area", &doc.meta.area},
                              {"author", &doc.meta.author}, {"subject", &doc.meta.subject}, {"keywords", &doc.meta.keywords}})
        if (field->find("{{") != std::string::npos) *field = resolve_plain(resolver, *field, meta_at[key], d);

    // ---- sources, downloads, audit ----
    for (const auto& s : ds.sources) doc.sources.push_back({s.code, s.title, s.publisher, s.date, s.url});
    for (const auto& [name, bytes] : ds.raw_files) doc.downloads.push_back({name, name, bytes});
    if (options.warnings) doc.warnings = *options.warnings;
    else
        for (const auto& f : calc::audit(figures)) doc.warnings.push_back(to_string(f.where) + ": " + f.message);
    (void)to_epoch_date;
    return result;
}

}  // namespace ep::pipeline
