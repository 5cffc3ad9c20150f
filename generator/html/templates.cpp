#include "html/templates.h"

#include <memory>

#include "core/diagnostics.h"
#include "core/text.h"
#include "html/site_files.h"

namespace ep::html {

namespace {

// Built in place: a parsed kainjow::mustache holds pointers into itself, so it must not be
// copied or moved after parsing.
std::shared_ptr<mustache::mustache> compile(const Template& t) {
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
