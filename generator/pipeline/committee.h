// Committee reports (documents of type committee-report): the front matter read from
// content/<doc>/, and the parts of the report made from it — the agenda management sheet, the
// report's opening with its recommendations, and the background papers — plus the numbered
// paragraphs ("2.3") committee papers use.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>

#include "core/diagnostics.h"
#include "model/document.h"

namespace ep::pipeline {

// How the front matter's text becomes model text (placeholders resolved; `runs` also reads
// inline Markdown such as **bold** and links).
struct FrontMatterText {
    std::function<std::string(const std::string&, const Location&)> plain;
    std::function<model::Runs(const std::string&, const Location&)> runs;
};

// Reads the front matter: the committee keys of document.csv (`meta`, `meta_at`), and
// contacts.csv, recommendations.csv (both required), consultation.csv, next_steps.csv and
// background_papers.csv (optional) in `content`, shown in messages as `cdir`/<file>.
model::CommitteeFront read_committee_front(const std::filesystem::path& content, const std::string& cdir,
                                           const std::map<std::string, std::string>& meta,
                                           const std::map<std::string, Location>& meta_at,
                                           const FrontMatterText& text, Diagnostics& d);

// The sections a committee report prints around its own: the agenda management sheet and the
// report's opening (title, committee and date, whose report, the recommendations) before, the
// background papers after. Headings get their anchors later, with the other sections'.
model::Section agenda_sheet_section(const model::Document& doc);
model::Section report_opening_section(const model::Document& doc);
model::Section background_papers_section(const model::Document& doc);

// Numbers a numbered section's level-2 headings and top-level paragraphs "N.1", "N.2", ... in
// one sequence, as committee papers do; a paragraph straight after a numbered heading belongs to
// that heading and takes no number of its own.
void number_paragraphs(model::Section& s);

}  // namespace ep::pipeline
