#include "pdf/text_layout.h"

#include <algorithm>

#include "core/text.h"

namespace ep::pdf {

namespace {

// A word is an unbreakable sequence of styled atoms (e.g. "**bold**," is two atoms).
struct Atom {
    Attrs attrs;
    std::string text;
    float width = 0;
};

struct Word {
    std::vector<Atom> atoms;
    float width = 0;
    float space_before = 0;   // width of the space separating it from the previous word
    Attrs space_attrs;
    std::vector<int> footnotes;
};

Attrs attrs_for(const model::Run& run, const TextStyle& st) {
    Attrs a;
    a.face = face_for(run.bold || st.bold, run.italic || st.italic, run.code);
    a.size = run.code ? st.size * 0.92f : st.size;
    a.color = st.color;
    a.strike = run.strike;
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

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

std::vector<Word> split_words(const model::Runs& runs, const TextStyle& st, const FontSet& fonts,
                              const std::vector<int>& run_refs = {}) {
    std::vector<Word> words;
    Word current;
    bool pending_space = false;
    Attrs space_attrs;
    auto finish_word = [&] {
        if (!current.atoms.empty()) words.push_back(std::move(current));
        current = Word{};
    };
    for (size_t r = 0; r < runs.size(); ++r) {
        const model::Run& run = runs[r];
        Attrs a = attrs_for(run, st);
        if (r < run_refs.size()) a.ref = run_refs[r];
        const std::string text = utf8_to_cp1252(run.text);
        for (char c : text) {
            if (is_space(c)) {
                finish_word();
                pending_space = true;
                space_attrs = a;
                continue;
            }
            if (current.atoms.empty() && pending_space && !words.empty()) {
                current.space_before = fonts.char_width(space_attrs.face, space_attrs.size, ' ');
                current.space_attrs = space_attrs;
            }
            pending_space = false;
            if (current.atoms.empty() || !(current.atoms.back().attrs == a)) current.atoms.push_back({a, "", 0});
            Atom& atom = current.atoms.back();
            // An atom is drawn as one piece of text, so its neighbouring characters are kerned.
            const float w = fonts.char_width(a.face, a.size, static_cast<unsigned char>(c)) +
                            (atom.text.empty() ? 0.0f : fonts.kern(a.face, a.size, atom.text.back(), c));
            current.atoms.back().text += c;
            current.atoms.back().width += w;
            current.width += w;
        }
        if (run.footnote > 0) {
            // Record the mark on the word that holds it, so pagination knows which line cites it.
            if (!current.atoms.empty()) current.footnotes.push_back(run.footnote);
            else if (!words.empty()) words.back().footnotes.push_back(run.footnote);
        }
    }
    finish_word();
    return words;
}

// Splits `word` so that its first part fits in `room`; the rest is returned. At least one
// character always goes in the first part so breaking terminates.
Word split_word(Word& word, float room, const FontSet& fonts) {
    Word head;
    head.space_before = word.space_before;
    head.space_attrs = word.space_attrs;
    Word tail;
    float used = 0;
    bool full = false;
    // The width `c` adds at the end of `into`: its advance, and its kerning with the character
    // before it when both are in the same piece of text.
    auto added = [&fonts](const Word& into, const Atom& atom, char c) {
        float w = fonts.char_width(atom.attrs.face, atom.attrs.size, static_cast<unsigned char>(c));
        if (!into.atoms.empty() && into.atoms.back().attrs == atom.attrs && !into.atoms.back().text.empty())
            w += fonts.kern(atom.attrs.face, atom.attrs.size, into.atoms.back().text.back(), c);
        return w;
    };
    for (const Atom& atom : word.atoms) {
        for (char c : atom.text) {
            Word& into = (!full && (used + added(head, atom, c) <= room || head.width == 0)) ? head : tail;
            if (&into == &tail) full = true;
            const float w = added(into, atom, c);
            if (into.atoms.empty() || !(into.atoms.back().attrs == atom.attrs))
                into.atoms.push_back({atom.attrs, "", 0});
            into.atoms.back().text += c;
            into.atoms.back().width += w;
            into.width += w;
            if (&into == &head) used += w;
        }
    }
    tail.footnotes = word.footnotes;  // marks sit at the end of a word
    word = std::move(tail);
    return head;
}

void append_word(Line& line, const Word& word, bool first, const FontSet& fonts) {
    float x = line.width;
    bool gap = false;   // the word space is a gap between fragments, not a character
    if (!first) {
        x += word.space_before;
        // Keep the space inside the previous fragment when the styles match on both sides, so
        // text extraction sees a real space character.
        if (!line.fragments.empty() && !word.atoms.empty() && line.fragments.back().attrs == word.space_attrs &&
            word.atoms.front().attrs == word.space_attrs) {
            line.fragments.back().text += ' ';
            line.fragments.back().width += word.space_before;
        } else {
            gap = true;
        }
    }
    for (const Atom& atom : word.atoms) {
        Fragment* last = line.fragments.empty() ? nullptr : &line.fragments.back();
        if (last && last->attrs == atom.attrs && last->x + last->width >= x - 0.01f) {
            // Joined into one piece of text: kerned where the two meet (never after a space).
            const float k = last->text.empty() || atom.text.empty()
                                ? 0.0f
                                : fonts.kern(atom.attrs.face, atom.attrs.size, last->text.back(), atom.text.front());
            last->text += atom.text;
            last->width += k + atom.width;
            x += k;
        } else {
            line.fragments.push_back({atom.attrs, atom.text, x, atom.width});
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
    std::vector<Word> words = split_words(runs, st, fonts, run_refs);
    std::vector<Line> lines;
    Line line;
    bool line_empty = true;
    for (size_t i = 0; i < words.size();) {
        Word& word = words[i];
        const float needed = (line_empty ? 0 : word.space_before) + word.width;
        if (line.width + needed <= width + 0.01f) {
            append_word(line, word, line_empty, fonts);
            line_empty = false;
            ++i;
        } else if (!line_empty) {
            lines.push_back(std::move(line));
            line = Line{};
            line_empty = true;
        } else {
            // A word wider than the whole line (a long URL, a code name): break it.
            Word head = split_word(word, width, fonts);
            append_word(line, head, true, fonts);
            lines.push_back(std::move(line));
            line = Line{};
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
    for (const Word& w : split_words(runs, st, fonts)) {
        r.min = std::max(r.min, w.width);
        r.max += w.space_before + w.width;
    }
    return r;
}

void emit_line(Box& box, const Line& line, float x, float baseline) {
    for (const Fragment& f : line.fragments) {
        const float fx = x + f.x;
        const float y = baseline + f.attrs.rise;
        box.text.push_back({fx, y, f.attrs.face, f.attrs.size, f.attrs.color, f.text, f.width});
        TextPiece& piece = box.text.back();
        piece.word_spacing = f.word_spacing;
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
