// Pagination: the free space on the current page, footnotes at its foot, page breaks.
#include <algorithm>

#include "pdf/composer.h"

namespace ep::pdf {

namespace {
constexpr float note_rule_gap = 12.0f;   // space above the notes holding the short rule
constexpr float note_gap = 2.0f;         // between two notes
constexpr float note_number_width = 12.0f;
const TextStyle note_style{style::footnote_size, style::footnote_leading};
}  // namespace

void Composer::new_page() {
    if (!out_.pages.empty()) finish_page();
    out_.pages.emplace_back();
    out_.pages.back().running_title = running_title_;
    y_ = style::text_top;
    pending_gap_ = 0;
    fresh_ = true;
    page_notes_.clear();
}

// Sets the footnotes cited on this page at its foot, above the bottom margin.
void Composer::finish_page() {
    if (page_notes_.empty()) return;
    const float area_top = style::text_bottom + notes_area({});
    Box rule;
    rule.role = Role::FootnoteRule;
    rule.rect = {style::text_left, area_top - 5, 40 * style::mm, 0.5f};
    rule.rules.push_back({style::text_left, area_top - 5, style::text_left + 40 * style::mm, area_top - 5, 0.5f,
                          style::muted});
    out_.pages.back().boxes.push_back(std::move(rule));
    float top = area_top - note_rule_gap;
    for (int n : page_notes_) {
        const auto& lines = note_lines(n);
        const float h = note_height(n);
        Box box;
        box.role = Role::Footnote;
        box.anchor = "fn-" + std::to_string(n);
        // A Note, attached by the paint pass after the reference mark that first cites it.
        box.node = add_node("Note", -1);
        out_.structure[static_cast<size_t>(box.node)].id = box.anchor;
        box.rect = {style::text_left, top - h, style::text_width, h};
        float baseline = first_baseline(top, style::footnote_size, style::footnote_leading);
        box.text.push_back({style::text_left, baseline, Face::Regular, style::footnote_size, style::ink,
                            std::to_string(n), fonts_.width(Face::Regular, style::footnote_size, std::to_string(n))});
        box.text.back().space_after = true;   // the note reads "3 Source ...", not "3Source ..."
        for (const Line& line : lines) {
            emit_line(box, line, style::text_left + note_number_width, baseline);
            baseline -= style::footnote_leading;
        }
        out_.destinations[box.anchor] = {static_cast<int>(out_.pages.size()) - 1, top + 2};
        out_.pages.back().boxes.push_back(std::move(box));
        top -= h + note_gap;
    }
}

const std::vector<Line>& Composer::note_lines(int number) {
    auto it = note_cache_.find(number);
    if (it != note_cache_.end()) return it->second;
    model::Runs runs;
    if (number >= 1 && number <= static_cast<int>(doc_.footnotes.size())) runs = doc_.footnotes[number - 1].runs;
    auto lines = break_lines(runs, note_style, style::text_width - note_number_width, fonts_);
    if (lines.empty()) lines.emplace_back();
    return note_cache_[number] = std::move(lines);
}

float Composer::note_height(int number) const {
    auto* self = const_cast<Composer*>(this);  // the cache is filled lazily
    return static_cast<float>(self->note_lines(number).size()) * style::footnote_leading;
}

// Height of the footnote area if `extra` notes joined those already on the page.
float Composer::notes_area(const std::vector<int>& extra) const {
    float h = 0;
    int count = 0;
    auto add = [&](int n) {
        h += note_height(n);
        ++count;
    };
    for (int n : page_notes_) add(n);
    for (int n : extra)
        if (!noted_.count(n) && std::find(page_notes_.begin(), page_notes_.end(), n) == page_notes_.end()) add(n);
    if (count == 0) return 0;
    return note_rule_gap + h + note_gap * static_cast<float>(count - 1) + 6.0f;
}

float Composer::room() const { return y_ - (fresh_ ? 0 : pending_gap_) - style::text_bottom - notes_area({}); }

bool Composer::fits(float h, const std::vector<int>& notes) const {
    const float gap = fresh_ ? 0 : pending_gap_;
    return y_ - gap - h >= style::text_bottom + notes_area(notes) - 0.01f;
}

void Composer::ensure(float h, const std::vector<int>& notes) {
    if (!fits(h, notes) && !fresh_) new_page();
}

float Composer::take(float h, const std::vector<int>& notes) {
    if (!fresh_) y_ -= pending_gap_;
    pending_gap_ = 0;
    for (int n : notes) {
        if (noted_.count(n)) continue;
        noted_.insert(n);
        page_notes_.push_back(n);
    }
    const float top = y_;
    y_ -= h;
    fresh_ = false;
    return top;
}

void Composer::space(float h) { pending_gap_ = std::max(pending_gap_, h); }

int Composer::lines_that_fit(const std::vector<Line>& lines, size_t from, float leading) const {
    std::vector<int> notes;
    int count = 0;
    for (size_t i = from; i < lines.size(); ++i) {
        notes.insert(notes.end(), lines[i].footnotes.begin(), lines[i].footnotes.end());
        if (!fits(leading * static_cast<float>(count + 1), notes)) break;
        ++count;
    }
    return count;
}

void Composer::add_box(Box box) {
    if (box.block_id == 0) box.block_id = current_block_;
    out_.pages.back().boxes.push_back(std::move(box));
}

}  // namespace ep::pdf
