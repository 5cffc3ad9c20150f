// Line breaking remembered while one document is laid out. The layout runs two or more
// passes (the contents' page numbers and cross-references need the previous pass), and the
// keep-with-next rule breaks the paragraph after a heading once to measure it and again to set
// it; without this every paragraph was broken three to four times (a third of a build).
#pragma once

#include <vector>

#include "model/document.h"
#include "pdf/fonts.h"
#include "pdf/text_layout.h"

namespace ep::pdf {

// While a LineCacheScope lives on this thread, cached_break_lines returns what break_lines
// returned for the same inputs earlier in the scope, and remembers new results. break_lines
// is a pure function of its arguments, so the result is the same either way. lay_out_document
// opens one scope per document; each thread of a many-pack build has its own.
class LineCacheScope {
public:
    LineCacheScope();
    ~LineCacheScope();
    LineCacheScope(const LineCacheScope&) = delete;
    LineCacheScope& operator=(const LineCacheScope&) = delete;

private:
    bool owner_ = false;
};

// break_lines, remembered (see above). Outside a scope it simply calls break_lines. The cache
// turns itself off (and every call goes to break_lines) if TextStyle or model::Run gain a
// field it does not compare.
std::vector<Line> cached_break_lines(const model::Runs& runs, const TextStyle& style, float width,
                                     const FontSet& fonts, const std::vector<int>& run_refs = {});

// Whether the cache can be used with the TextStyle and model::Run this program was built with.
bool line_cache_enabled();

// How many lines cached_break_lines would return, without copying them.
size_t cached_line_count(const model::Runs& runs, const TextStyle& style, float width, const FontSet& fonts);

}  // namespace ep::pdf
