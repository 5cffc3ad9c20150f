// Fuzz target: the narrative parsers on one Markdown file: placeholder scanning and resolving
// (against the corpus's base data), directive bodies, cross-references and Markdown to blocks
// with the real table/chart builder. Problems must come back as diagnostics or ep::Error.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>

#include "core/diagnostics.h"
#include "narrative/directives.h"
#include "narrative/markdown.h"
#include "narrative/placeholder.h"
#include "narrative/resolve.h"

#include "base_data.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
    const fuzz::BaseData& d = fuzz::base_data();
    std::string text(reinterpret_cast<const char*>(bytes), size);
    const std::string file = "content/fuzz.md";
    ep::Diagnostics diags;

    ep::narrative::scan_placeholders(text, file, diags);
    ep::narrative::parse_directive_body("table", text, file, 1, diags);
    ep::narrative::parse_directive_body("chart", text, file, 1, diags);

    int tables = 0, figures = 0;
    std::map<std::string, ep::narrative::Reference> refs;
    ep::narrative::collect_references(text, file, tables, figures, refs, diags);

    ep::narrative::Resolver resolver(*d.figures, refs);
    std::string resolved = resolver.resolve_all(text, file, diags);

    ep::narrative::DirectiveBuilder builder(*d.figures);
    ep::narrative::DirectiveHandler handler = [&](const std::string& kind, const std::string& body,
                                                  const std::string& f, int line, ep::Diagnostics& dg) {
        return builder.build(kind, body, f, line, dg);
    };
    ep::narrative::FootnoteRegistry footnotes;
    for (bool raw : {false, true}) {
        ep::narrative::MarkdownOptions options;
        options.allow_raw_html = raw;
        ep::narrative::markdown_to_blocks(resolved, file, options, footnotes, handler, diags);
    }
    footnotes.finish(diags);
    for (const auto& item : diags.items())
        if (item.where.file != file) {   // every problem names the file
            std::fprintf(stderr, "diagnostic without the file: %s\n", ep::to_string(item).c_str());
            __builtin_trap();
        }
    return 0;
}
