#include "html/templates.h"

#include <memory>

#include "core/diagnostics.h"
#include "core/text.h"
#include "html/site_files.h"

namespace ep::html {

namespace {

// Sections ({{#name}} and {{^name}}) nested deeper than this are an error at the opening tag
// that goes over: kainjow::mustache renders a nested section by recursing into it, and with
// each level copying its context 100,000 levels took the build past 2 GB (docs/limits.md).
constexpr int kMaxTemplateNesting = 100;

void check_nesting(const Template& t) {
    std::string open = "{{", close = "}}";   // a {{=<% %>=}} tag changes them
    int depth = 0;
    for (size_t at = 0; (at = t.text.find(open, at)) != std::string::npos;) {
        const size_t end = t.text.find(close, at + open.size());
        if (end == std::string::npos) return;   // unclosed: the parser says so
        const std::string tag = trim(t.text.substr(at + open.size(), end - at - open.size()));
        if (!tag.empty() && (tag[0] == '#' || tag[0] == '^') && ++depth > kMaxTemplateNesting) {
            int line = 1, column = 1;
            for (size_t i = 0; i < at; ++i) {
                if (t.text[i] == '\n') {
                    ++line;
                    column = 1;
                } else if ((static_cast<unsigned char>(t.text[i]) & 0xC0) != 0x80) {
                    ++column;
                }
            }
            throw Error(Location{t.path, line, column}, "template sections are nested more than " +
                                                            std::to_string(kMaxTemplateNesting) + " deep here");
        }
        if (!tag.empty() && tag[0] == '/') --depth;
        const size_t next = end + close.size();
        if (tag.size() > 2 && tag.front() == '=' && tag.back() == '=') {
            const std::string inner = trim(tag.substr(1, tag.size() - 2));
            const size_t space = inner.find_first_of(" \t");
            if (space != std::string::npos) {
                open = inner.substr(0, space);
                close = trim(inner.substr(space));
            }
        }
        at = next;
    }
}

// Built in place: a parsed kainjow::mustache holds pointers into itself, so it must not be
// copied or moved after parsing.
std::shared_ptr<mustache::mustache> compile(const Template& t) {
    check_nesting(t);
    auto m = std::make_shared<mustache::mustache>(t.text);
    if (!m->is_valid()) throw Error(Location{t.path, 0, 0}, "template is not valid Mustache: " + m->error_message());
    m->set_custom_escape([](const std::string& s) { return html_escape(s); });
    return m;
}

}  // namespace

Template load_template(const std::string& templates_dir, const std::string& name) {
    Template t;
    t.path = join_path(templates_dir, name);
    if (!file_exists(t.path)) throw Error(Location{t.path, 0, 0}, "missing template " + t.path);
    t.text = read_file(t.path);
    // Parse now, so a bad template fails before any output, and only once.
    t.compiled = compile(t);
    return t;
}

Template builtin_template(const std::string& name, const char* text) {
    Template t;
    t.path = "(the built-in " + name + ")";
    t.text = text;
    t.compiled = compile(t);
    return t;
}

std::string render_template(const Template& t, const mustache::data& data) {
    const std::shared_ptr<mustache::mustache> m_ptr = t.compiled ? t.compiled : compile(t);   // compile: a Template
                                                                                            // not made by load_template
    mustache::mustache& m = *m_ptr;
    std::string out = m.render(data);
    if (!m.is_valid()) throw Error(Location{t.path, 0, 0}, "cannot render template: " + m.error_message());
    return out;
}

}  // namespace ep::html
