#include "pdf/text_layout.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "core/text.h"
#include "core/word_break.h"

namespace ep::pdf {

namespace {

// The text of a paragraph cut into words, kept flat: one buffer holds every run's text (UTF-8),
// each atom is a range of it in one style, each word a range of atoms. Line breaking
// runs for every paragraph, table cell and caption, and a vector and strings per word made it
// one of the largest costs of a build (docs/performance.md).
struct Atom {
    const Attrs* attrs = nullptr;   // into Words::styles
    std::uint32_t begin = 0, end = 0;   // in Words::text
    float width = 0;
};

// A word is an unbreakable sequence of styled atoms (e.g. "**bold**," is two atoms).
struct Word {
    std::uint32_t first = 0, count = 0;   // its atoms, in Words::atoms
    float width = 0;
    float space_before = 0;   // width of the space separating it from the previous word
    const Attrs* space_attrs = nullptr;
    std::vector<int> footnotes;
};

struct Words {
    std::vector<Attrs> styles;   // one per run; atoms point into it, so it is never resized
    std::string text;
    std::vector<Atom> atoms;
    std::vector<Word> list;
    std::string_view text_of(const Atom& a) const { return std::string_view(text).substr(a.begin, a.end - a.begin); }
};

Attrs attrs_for(const model::Run& run, const TextStyle& st) {
    Attrs a;
    a.face = face_for(run.bold || st.bold, run.italic || st.italic, run.code);
    a.size = run.code ? st.size * 0.92f : st.size;
    a.color = st.color;
    a.strike = run.strike;
    a.lang = run.lang;
    if (!run.link.empty()) {
        a.link = run.link;
        a.color = style::link;
        a.underline = true;
    }
    if (run.footnote > 0) {
        // A superscript mark linking to its note at the foot of the page.
        a.size = st.size * style::superscript_scale;
        a.rise = st.size * style::superscript_rise;
        a.link = "#fn-" + std::to_string(run.footnote);
        a.underline = false;
    }
    return a;
}

bool is_space(char32_t c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

char32_t first_code_point(std::string_view s) {
    size_t at = 0;
    return next_code_point(s, at);
}

char32_t last_code_point(std::string_view s) {
    size_t at = previous_code_point_start(s, s.size());
    return next_code_point(s, at);
}

bool same_style(const Attrs* a, const Attrs* b) { return a == b || (a && b && *a == *b); }

Words split_words(const model::Runs& runs, const TextStyle& st, const FontSet& fonts,
                  const std::vector<int>& run_refs = {}) {
    Words w;
    w.styles.reserve(runs.size());
    size_t length = 0;
    for (size_t r = 0; r < runs.size(); ++r) {
        w.styles.push_back(attrs_for(runs[r], st));
        if (r < run_refs.size()) w.styles.back().ref = run_refs[r];
        length += runs[r].text.size();
    }
    w.text.reserve(length);
    w.atoms.reserve(length / 5 + 1);
    w.list.reserve(length / 5 + 1);
    Word current;
    current.first = 0;
    bool pending_space = false;
    const Attrs* space_attrs = nullptr;
    auto finish_word = [&] {
        if (current.count > 0) w.list.push_back(std::move(current));
        current = Word{};
        current.first = static_cast<std::uint32_t>(w.atoms.size());
    };
    for (size_t r = 0; r < runs.size(); ++r) {
        const Attrs* a = &w.styles[r];
        const std::string& text = runs[r].text;
        Atom* atom = nullptr;   // the atom this run is adding to
        for (size_t i = 0; i < text.size();) {
            const size_t from = i;
            const char32_t c = next_code_point(text, i);
            if (is_space(c)) {
                finish_word();
                atom = nullptr;
                pending_space = true;
                space_attrs = a;
                continue;
            }
            if (current.count == 0 && pending_space && !w.list.empty()) {
                current.space_before = fonts.char_width(space_attrs->face, space_attrs->size, ' ');
                current.space_attrs = space_attrs;
            }
            pending_space = false;
            if (!atom) {
                // The run's first character in this word: it continues the word's last atom if
                // the styles are the same (one piece of text, kerned across the runs' join).
                if (current.count > 0 && same_style(w.atoms.back().attrs, a)) {
                    atom = &w.atoms.back();
                } else {
                    const auto at = static_cast<std::uint32_t>(w.text.size());
                    w.atoms.push_back({a, at, at, 0});
                    ++current.count;
                    atom = &w.atoms.back();
                }
            }
            // An atom is drawn as one piece of text, so its neighbouring characters are kerned.
            const float cw = fonts.char_width(a->face, a->size, c) +
                             (atom->end == atom->begin ? 0.0f : fonts.kern(a->face, a->size, last_code_point(w.text), c));
            w.text.append(text, from, i - from);
            atom->end = static_cast<std::uint32_t>(w.text.size());
            atom->width += cw;
            current.width += cw;
        }
        if (runs[r].footnote > 0) {
            // Record the mark on the word that holds it, so pagination knows which line cites it.
            if (current.count > 0) current.footnotes.push_back(runs[r].footnote);
            else if (!w.list.empty()) w.list.back().footnotes.push_back(runs[r].footnote);
        }
    }
    finish_word();
    return w;
}

// Breaks `original`, a word wider than `room`, into pieces that each fit, at the points
// core/word_break.h chooses (after a slash, before a %2F escape, ...). The pieces come back in
// order, each with atoms of its own (ranges of the same text, in the same styles); a piece is
// kerned inside each of its atoms, as the word was. Footnote marks go with the last piece.
// Linear in the word's length: every character is measured twice, once to choose the breaks
// and once to set the pieces.
std::vector<Word> split_word(Words& w, const Word& original, float room, const FontSet& fonts) {
    const std::uint32_t begin = w.atoms[original.first].begin;
    const std::uint32_t end = w.atoms[original.first + original.count - 1].end;
    const std::string_view text = std::string_view(w.text).substr(begin, end - begin);
    // The atoms of one word are consecutive ranges of the text; `k` follows the characters.
    std::uint32_t k = 0;
    auto advance = [&](size_t at, char32_t prev, char32_t c) -> double {
        while (w.atoms[original.first + k].end <= begin + at) ++k;
        const Atom& atom = w.atoms[original.first + k];
        float cw = fonts.char_width(atom.attrs->face, atom.attrs->size, c);
        if (prev != 0 && begin + at > atom.begin) cw += fonts.kern(atom.attrs->face, atom.attrs->size, prev, c);
        return cw;
    };
    std::vector<size_t> cuts = break_word(text, room, advance).starts;
    cuts.push_back(text.size());
    std::vector<Word> pieces;
    pieces.reserve(cuts.size());
    std::uint32_t from = begin;
    k = 0;
    for (const size_t cut : cuts) {
        const std::uint32_t to = begin + static_cast<std::uint32_t>(cut);
        Word piece;
        piece.first = static_cast<std::uint32_t>(w.atoms.size());
        for (std::uint32_t i = from; i < to;) {
            while (w.atoms[original.first + k].end <= i) ++k;
            const Atom atom = w.atoms[original.first + k];   // a copy: push_back may move the atoms
            Atom part{atom.attrs, i, std::min(to, atom.end), 0};
            char32_t prev = 0;
            for (size_t at = part.begin; at < part.end;) {
                const char32_t c = next_code_point(w.text, at);
                part.width += fonts.char_width(atom.attrs->face, atom.attrs->size, c) +
                              (prev == 0 ? 0.0f : fonts.kern(atom.attrs->face, atom.attrs->size, prev, c));
                prev = c;
            }
            piece.width += part.width;
            w.atoms.push_back(part);
            ++piece.count;
            i = part.end;
        }
        pieces.push_back(std::move(piece));
        from = to;
    }
    pieces.front().space_before = original.space_before;
    pieces.front().space_attrs = original.space_attrs;
    pieces.back().footnotes = original.footnotes;   // marks sit at the end of a word
    return pieces;
}

void append_word(Line& line, const Words& w, const Word& word, bool first, const FontSet& fonts) {
    float x = line.width;
    bool gap = false;   // the word space is a gap between fragments, not a character
    const Atom* atoms = w.atoms.data() + word.first;
    if (!first) {
        x += word.space_before;
        // Keep the space inside the previous fragment when the styles match on both sides, so
        // text extraction sees a real space character.
        if (!line.fragments.empty() && word.count > 0 && word.space_attrs &&
            line.fragments.back().attrs == *word.space_attrs && same_style(atoms[0].attrs, word.space_attrs)) {
            line.fragments.back().text += ' ';
            line.fragments.back().width += word.space_before;
        } else {
            gap = true;
        }
    }
    for (std::uint32_t k = 0; k < word.count; ++k) {
        const Atom& atom = atoms[k];
        const std::string_view text = w.text_of(atom);
        Fragment* last = line.fragments.empty() ? nullptr : &line.fragments.back();
        if (last && last->attrs == *atom.attrs && last->x + last->width >= x - 0.01f) {
            // Joined into one piece of text: kerned where the two meet (never after a space).
            const float k_adj = last->text.empty() || text.empty()
                                    ? 0.0f
                                    : fonts.kern(atom.attrs->face, atom.attrs->size, last_code_point(last->text),
                                                 first_code_point(text));
            last->text += text;
            last->width += k_adj + atom.width;
            x += k_adj;
        } else {
            line.fragments.push_back({*atom.attrs, std::string(text), x, atom.width});
            line.fragments.back().space_before = gap;
        }
        gap = false;
        x += atom.width;
    }
    line.width = x;
    line.footnotes.insert(line.footnotes.end(), word.footnotes.begin(), word.footnotes.end());
}

}  // namespace

std::vector<Line> break_lines(const model::Runs& runs, const TextStyle& st, float width, const FontSet& fonts,
                              const std::vector<int>& run_refs) {
    Words words = split_words(runs, st, fonts, run_refs);
    std::vector<Line> lines;
    Line line;
    bool line_empty = true;
    for (size_t i = 0; i < words.list.size();) {
        const Word& word = words.list[i];
        const float needed = (line_empty ? 0 : word.space_before) + word.width;
        if (line.width + needed <= width + 0.01f) {
            append_word(line, words, word, line_empty, fonts);
            line_empty = false;
            ++i;
        } else if (!line_empty) {
            line.soft_break = true;   // words are only ever separated by white space
            lines.push_back(std::move(line));
            line = Line{};
            line_empty = true;
        } else {
            // A word wider than the whole line (a long URL, a code name): break it. Every piece
            // but the last fills a line of its own; the last is set like any word, so the words
            // after it may share its line.
            std::vector<Word> pieces = split_word(words, words.list[i], width, fonts);
            for (size_t p = 0; p < pieces.size(); ++p) {
                if (p + 1 == pieces.size() && pieces[p].width <= width + 0.01f) {
                    words.list[i] = std::move(pieces[p]);
                    break;
                }
                append_word(line, words, pieces[p], true, fonts);
                lines.push_back(std::move(line));
                line = Line{};
                if (p + 1 == pieces.size()) ++i;   // one character wider than the line: on its own
            }
        }
    }
    if (!line_empty) lines.push_back(std::move(line));
    return lines;
}

bool justify_line(Line& line, float width, float max_stretch) {
    int spaces = 0;
    for (const Fragment& f : line.fragments)
        spaces += (f.space_before ? 1 : 0) + static_cast<int>(std::count(f.text.begin(), f.text.end(), ' '));
    const float extra = width - line.width;
    if (spaces == 0 || extra <= 0) return false;
    const float each = extra / static_cast<float>(spaces);
    if (each > max_stretch) return false;
    int before = 0;   // word spaces to the left of the fragment
    for (Fragment& f : line.fragments) {
        if (f.space_before) ++before;
        const int inside = static_cast<int>(std::count(f.text.begin(), f.text.end(), ' '));
        f.x += static_cast<float>(before) * each;
        f.width += static_cast<float>(inside) * each;
        f.word_spacing = inside > 0 ? each : 0.0f;
        before += inside;
    }
    line.width = width;
    return true;
}

void justify_paragraph(std::vector<Line>& lines, float width, float size) {
    for (size_t i = 0; i + 1 < lines.size(); ++i) justify_line(lines[i], width, style::justify_max_stretch * size);
}

WidthRange measure_runs(const model::Runs& runs, const TextStyle& st, const FontSet& fonts) {
    WidthRange r;
    for (const Word& w : split_words(runs, st, fonts).list) {
        r.min = std::max(r.min, w.width);
        r.max += w.space_before + w.width;
    }
    return r;
}

void emit_line(Box& box, const Line& line, float x, float baseline) {
    const size_t first_piece = box.text.size();
    for (const Fragment& f : line.fragments) {
        // A word space set as a gap (the styles either side differ) is still a space in the text.
        if (f.space_before && box.text.size() > first_piece) box.text.back().space_after = true;
        const float fx = x + f.x;
        const float y = baseline + f.attrs.rise;
        box.text.push_back({fx, y, f.attrs.face, f.attrs.size, f.attrs.color, f.text, f.width});
        TextPiece& piece = box.text.back();
        piece.word_spacing = f.word_spacing;
        piece.lang = f.attrs.lang;
        piece.space_after = line.soft_break && &f == &line.fragments.back();
        if (f.attrs.underline)
            box.rules.push_back({fx, baseline - 1.6f, fx + f.width, baseline - 1.6f, 0.45f, f.attrs.color});
        if (f.attrs.strike) {
            const float sy = y + f.attrs.size * 0.28f;
            box.rules.push_back({fx, sy, fx + f.width, sy, 0.6f, f.attrs.color});
        }
        if (!f.attrs.link.empty()) {
            const Rect r{fx, baseline - f.attrs.size * 0.3f, f.width, f.attrs.size * 1.2f + f.attrs.rise};
            LinkArea* last = box.links.empty() ? nullptr : &box.links.back();
            // Merge with the previous area of the same link on this line (a link spanning words
            // of different styles) so it is one click target.
            if (last && last->target == f.attrs.link && std::abs(last->rect.y - r.y) < 0.5f &&
                r.x - last->rect.right() < 4.0f) {
                last->rect.w = r.right() - last->rect.x;
                last->rect.h = std::max(last->rect.h, r.h);
            } else {
                box.links.push_back({r, f.attrs.link});
            }
            piece.link = static_cast<int>(box.links.size()) - 1;
        }
    }
}

float first_baseline(float top, float size, float leading) { return top - (leading - size) / 2 - size * 0.80f; }

model::Runs plain_runs(const std::string& text, bool bold, bool italic) {
    model::Run r;
    r.text = text;
    r.bold = bold;
    r.italic = italic;
    return {r};
}

std::string plain_text(const model::Runs& runs) {
    std::string s;
    for (const auto& r : runs) s += r.text;
    return s;
}

}  // namespace ep::pdf
