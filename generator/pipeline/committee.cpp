#include "pipeline/committee.h"

#include "core/format.h"
#include "core/value.h"
#include "core/text.h"
#include "pipeline/content_csv.h"

namespace ep::pipeline {

namespace fs = std::filesystem;

namespace {

// "yes" / "no" cells (consulted, selected); anything else is an error at the cell.
bool yes_no(const std::pair<std::string, Location>& cell, const std::string& column, Diagnostics& d) {
    const std::string v = to_lower(cell.first);
    if (v == "yes") return true;
    if (v == "no" || v.empty()) return false;
    d.error(cell.second, "'" + cell.first + "' in column '" + column + "' must be yes or no");
    return false;
}

model::Run bold(std::string text) {
    model::Run r = model::text_run(std::move(text));
    r.bold = true;
    return r;
}

model::TableCell cell(std::string text, bool header = false) {
    model::TableCell c;
    c.runs = {model::text_run(std::move(text))};
    c.header = header;
    return c;
}

model::TableCell cell(model::Runs runs) {
    model::TableCell c;
    c.runs = std::move(runs);
    return c;
}

// An unnumbered table (number 0: not "Table N", not in the list of tables).
model::Block table_block(model::Table t) {
    model::Block b;
    b.kind = model::BlockKind::Table;
    b.table = std::move(t);
    return b;
}

model::Runs contact_runs(const model::CommitteeContact& c) {
    model::Runs runs = {bold(c.name)};
    std::string rest;
    if (!c.role.empty()) rest += ", " + c.role;
    if (!c.phone.empty()) rest += ", tel. " + c.phone;
    if (!c.email.empty()) rest += ", ";
    runs.push_back(model::text_run(rest));
    if (!c.email.empty()) {
        model::Run mail = model::text_run(c.email);
        mail.link = "mailto:" + c.email;
        runs.push_back(mail);
    }
    return runs;
}

}  // namespace

model::CommitteeFront read_committee_front(const fs::path& content, const std::string& cdir,
                                           const std::map<std::string, std::string>& meta,
                                           const std::map<std::string, Location>& meta_at,
                                           const FrontMatterText& text, Diagnostics& d) {
    model::CommitteeFront f;
    // What is missing is reported at the row that made this a committee report.
    const auto type_at = meta_at.find("type");
    const Location sheet = type_at != meta_at.end() ? type_at->second : Location{cdir + "/document.csv", 1, 1};
    auto key = [&](const std::string& k, bool required) -> std::string {
        auto it = meta.find(k);
        if (it == meta.end() || it->second.empty()) {
            if (required)
                d.error(sheet, "a committee report needs a '" + k + "' row (see docs/content-format.md, committee reports)");
            return "";
        }
        return text.plain(it->second, meta_at.at(k));
    };
    f.committee = key("committee", true);
    f.meeting_date = key("meeting_date", true);
    if (std::string why = date_problem(f.meeting_date, false); !f.meeting_date.empty() && !why.empty())
        d.error(meta_at.at("meeting_date"), "meeting_date " + why);
    f.report_of = key("report_of", true);
    f.summary = key("summary", true);
    f.agenda_item = key("agenda_item", false);
    f.budget_policy_framework = key("budget_policy_framework", false);
    f.final_decision = key("final_decision", false);
    f.recommendation_intro = key("recommendation_intro", false);

    auto file = [&](const std::string& name, bool required) -> std::pair<fs::path, std::string> {
        const fs::path p = content / name;
        if (!fs::exists(p)) {
            if (required) d.error(sheet, "a committee report needs " + cdir + "/" + name);
            return {};
        }
        return {p, cdir + "/" + name};
    };
    if (auto [p, shown] = file("contacts.csv", true); !p.empty()) {
        for (auto& row : read_content_csv(p, shown, {"name", "role", "phone", "email"}, {}, d)) {
            if (row["name"].first.empty()) d.error(row["name"].second, "a contact needs a name");
            f.contacts.push_back({row["name"].first, row["role"].first, row["phone"].first, row["email"].first});
        }
        if (f.contacts.empty()) d.error({shown, 2, 1}, "name at least one contact (name,role,phone,email)");
    }
    if (auto [p, shown] = file("recommendations.csv", true); !p.empty()) {
        for (auto& row : read_content_csv(p, shown, {"text"}, {}, d)) {
            if (row["text"].first.empty()) d.error(row["text"].second, "a recommendation needs its text");
            else f.recommendations.push_back(text.runs(row["text"].first, row["text"].second));
        }
        if (f.recommendations.empty()) d.error({shown, 2, 1}, "list at least one recommendation (a row per recommendation)");
    }
    if (auto [p, shown] = file("consultation.csv", false); !p.empty())
        for (auto& row : read_content_csv(p, shown, {"consultee", "consulted", "detail"}, {}, d))
            f.consultation.push_back({row["consultee"].first, yes_no(row["consulted"], "consulted", d),
                                      text.plain(row["detail"].first, row["detail"].second)});
    if (auto [p, shown] = file("next_steps.csv", false); !p.empty())
        for (auto& row : read_content_csv(p, shown, {"step", "selected", "detail"}, {}, d))
            f.next_steps.push_back({row["step"].first, yes_no(row["selected"], "selected", d),
                                    text.plain(row["detail"].first, row["detail"].second)});
    if (auto [p, shown] = file("background_papers.csv", false); !p.empty())
        for (auto& row : read_content_csv(p, shown, {"paper", "detail"}, {}, d)) {
            std::string paper = text.plain(row["paper"].first, row["paper"].second);
            const std::string detail = text.plain(row["detail"].first, row["detail"].second);
            if (!detail.empty()) paper += " (" + detail + ")";
            f.background_papers.push_back(paper);
        }
    return f;
}

model::Section agenda_sheet_section(const model::Document& doc) {
    const model::CommitteeFront& f = *doc.committee;
    model::Section s;
    s.slug = "agenda-sheet";
    s.title = s.short_title = "Agenda management sheet";
    s.blocks.push_back(model::heading_block(1, s.title));

    model::Table sheet;
    sheet.id = "agenda-sheet-details";
    sheet.caption = "The report";
    sheet.align = {model::Align::Left, model::Align::Left};
    auto row = [&](const std::string& label, model::TableCell value) {
        sheet.body.push_back({cell(label, true), std::move(value)});
    };
    row("Name of committee", cell(f.committee));
    row("Date of committee", cell(long_date(f.meeting_date)));
    if (!f.agenda_item.empty()) row("Agenda item", cell(f.agenda_item));
    row("Report title", cell(doc.meta.title));
    row("Summary", cell(f.summary));
    for (size_t i = 0; i < f.contacts.size(); ++i)
        row(i == 0 ? "For further information please contact" : "Or contact", cell(contact_runs(f.contacts[i])));
    if (!f.budget_policy_framework.empty())
        row("Would the recommended decision be contrary to the Budget and Policy Framework?",
            cell(f.budget_policy_framework));
    std::string papers;
    for (const auto& p : f.background_papers) papers += (papers.empty() ? "" : "; ") + p;
    row("Background papers", cell(papers.empty() ? "None" : papers));
    s.blocks.push_back(table_block(std::move(sheet)));

    if (!f.consultation.empty()) {
        model::Table t;
        t.id = "agenda-sheet-consultation";
        t.caption = "Consultation already undertaken";
        t.head = {{cell("Consultee", true), cell("Consulted", true), cell("Details", true)}};
        t.align = {model::Align::Left, model::Align::Left, model::Align::Left};
        for (const auto& c : f.consultation)
            t.body.push_back({cell(c.consultee, true), cell(c.consulted ? "Yes" : "No"), cell(c.detail)});
        s.blocks.push_back(table_block(std::move(t)));
    }
    if (!f.final_decision.empty()) s.blocks.push_back(model::paragraph_block({bold("Final decision: "), model::text_run(f.final_decision)}));
    if (!f.next_steps.empty()) {
        model::Table t;
        t.id = "agenda-sheet-next-steps";
        t.caption = "Suggested next steps";
        t.head = {{cell("Next step", true), cell("Suggested", true), cell("Details", true)}};
        t.align = {model::Align::Left, model::Align::Left, model::Align::Left};
        for (const auto& n : f.next_steps)
            t.body.push_back({cell(n.step, true), cell(n.selected ? "Yes" : "No"), cell(n.detail)});
        s.blocks.push_back(table_block(std::move(t)));
    }
    return s;
}

model::Section report_opening_section(const model::Document& doc) {
    const model::CommitteeFront& f = *doc.committee;
    model::Section s;
    s.slug = "recommendations";
    s.title = doc.meta.title;
    s.short_title = f.recommendations.size() == 1 ? "Recommendation" : "Recommendations";
    s.blocks.push_back(model::heading_block(1, doc.meta.title));
    s.blocks.push_back(model::paragraph_block({model::text_run(f.committee + " \u2013 " + long_date(f.meeting_date))}));
    s.blocks.push_back(model::paragraph_block({bold("Report of the " + f.report_of)}));
    s.blocks.push_back(model::heading_block(2, s.short_title));
    if (!f.recommendation_intro.empty()) s.blocks.push_back(model::paragraph_block({model::text_run(f.recommendation_intro)}));
    model::Block list;
    list.kind = model::BlockKind::List;
    list.ordered = f.recommendations.size() > 1;
    for (const auto& r : f.recommendations) list.items.push_back({{model::paragraph_block(r)}});
    s.blocks.push_back(std::move(list));
    return s;
}

model::Section background_papers_section(const model::Document& doc) {
    const model::CommitteeFront& f = *doc.committee;
    model::Section s;
    s.slug = "background-papers";
    s.title = s.short_title = "Background papers";
    s.blocks.push_back(model::heading_block(1, s.title));
    if (f.background_papers.empty()) {
        s.blocks.push_back(model::paragraph_block({model::text_run("None.")}));
        return s;
    }
    model::Block list;
    list.kind = model::BlockKind::List;
    for (const auto& p : f.background_papers) list.items.push_back({{model::paragraph_block({model::text_run(p)})}});
    s.blocks.push_back(std::move(list));
    return s;
}

void number_paragraphs(model::Section& s) {
    if (s.number.empty()) return;
    int k = 0;
    bool after_heading = false;
    for (auto& b : s.blocks) {
        if (b.kind == model::BlockKind::Heading && b.level == 2) {
            b.number = s.number + "." + std::to_string(++k);
            after_heading = true;
            continue;
        }
        if (b.kind == model::BlockKind::Paragraph && !after_heading) b.number = s.number + "." + std::to_string(++k);
        if (b.kind != model::BlockKind::Heading) after_heading = false;
    }
}

}  // namespace ep::pipeline
