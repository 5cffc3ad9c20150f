#include "core/word_break.h"

#include "core/text.h"

namespace ep {

namespace {

bool is_break_punct(char32_t c) { return c == '/' || c == '-' || c == '_' || c == '.'; }

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// A character that belongs with the one before it (a line never starts with one).
bool joins_previous(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F) || (c >= 0xFE00 && c <= 0xFE0F) ||
           (c >= 0xE0100 && c <= 0xE01EF) || (c >= 0x1F3FB && c <= 0x1F3FF) || c == 0x200D;
}

}  // namespace

BreakKind break_before(std::string_view word, size_t at) {
    if (at == 0 || at >= word.size() || (static_cast<unsigned char>(word[at]) & 0xC0) == 0x80) return BreakKind::None;
    size_t i = at;
    const char32_t c = next_code_point(word, i);
    size_t p = previous_code_point_start(word, at);
    const char32_t prev = next_code_point(word, p);
    if (joins_previous(c) || prev == 0x200D) return BreakKind::None;
    if (is_break_punct(prev) && !is_break_punct(c)) return BreakKind::Preferred;
    if (c == '%' && at + 2 < word.size() && is_hex(word[at + 1]) && is_hex(word[at + 2]) && !is_break_punct(prev))
        return BreakKind::Preferred;
    return BreakKind::Anywhere;
}

WordPieces break_word(std::string_view word, double room, const CharAdvance& advance) {
    WordPieces out;
    // A place the current piece could end: the byte it would start the next piece at, the
    // piece's width before it, and what the character there gains (or loses) by starting a
    // piece, where it has no kerning with the character before it.
    struct Cut {
        size_t at = 0;
        double before = 0, first_gain = 0;
        bool set = false;
    };
    Cut preferred, any;
    size_t piece = 0;   // byte where the current piece starts
    double width = 0;
    char32_t prev = 0;
    auto start_at = [&](const Cut& cut) {
        out.starts.push_back(cut.at);
        piece = cut.at;
        width = width - cut.before + cut.first_gain;
        // Cuts at or before the new start are used up; one after it is measured from there.
        for (Cut* c : {&preferred, &any}) {
            if (!c->set) continue;
            if (c->at <= cut.at) c->set = false;
            else c->before = c->before - cut.before + cut.first_gain;
        }
    };
    for (size_t i = 0; i < word.size();) {
        const size_t at = i;
        const char32_t c = next_code_point(word, i);
        const double alone = advance(at, 0, c);
        const double kerned = at == piece ? alone : advance(at, prev, c);
        out.measured += at == piece ? 1 : 2;
        if (at > piece) {
            const BreakKind kind = break_before(word, at);
            const Cut here{at, width, alone - kerned, true};
            if (kind != BreakKind::None) any = here;
            if (kind == BreakKind::Preferred) preferred = here;
            width += kerned;
            while (width > room && piece < at) {
                if (preferred.set && preferred.before >= room / 2) start_at(preferred);
                else if (any.set) start_at(any);
                else start_at(Cut{at, width - kerned, alone - kerned, true});   // inside a cluster: last resort
                // A character that alone is wider than the room stays on a piece of its own.
            }
        } else {
            width += kerned;
        }
        prev = c;
    }
    return out;
}

}  // namespace ep
