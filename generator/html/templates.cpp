#include "html/templates.h"

#include "core/diagnostics.h"
#include "core/text.h"
#include "html/site_files.h"

namespace ep::html {

namespace {

mustache::mustache compile(const Template& t) {
    mustache::mustache m{t.text};
    if (!m.is_valid()) throw Error(Location{t.path, 0, 0}, "template is not valid Mustache: " + m.error_message());
    m.set_custom_escape([](const std::string& s) { return html_escape(s); });
    return m;
}

}  // namespace

Template load_template(const std::string& templates_dir, const std::string& name) {
    Template t;
    t.path = join_path(templates_dir, name);
    if (!file_exists(t.path)) throw Error(Location{t.path, 0, 0}, "missing template " + t.path);
    t.text = read_file(t.path);
    compile(t);  // parse now, so a bad template fails before any output
    return t;
}

std::string render_template(const Template& t, const mustache::data& data) {
    mustache::mustache m = compile(t);
    std::string out = m.render(data);
    if (!m.is_valid()) throw Error(Location{t.path, 0, 0}, "cannot render template: " + m.error_message());
    return out;
}

}  // namespace ep::html
