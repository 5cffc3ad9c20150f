// Internal to the HTML writer: loading and rendering the Mustache templates.
#pragma once

#include <memory>
#include <string>

#include <kainjow/mustache.hpp>

namespace ep::html {

namespace mustache = kainjow::mustache;

struct Template {
    std::string path;   // for error messages
    std::string text;
    // Parsed once by load_template and used for every page (parsing again per page was ~4 %
    // of a build). Rendering does not change it, but one Template must not be rendered by
    // two threads at once: each site loads its own.
    std::shared_ptr<mustache::mustache> compiled;
};

// Reads and parses templates_dir/name; throws ep::Error naming the path if it is missing
// or is not valid Mustache, so a broken install fails before any page is written.
Template load_template(const std::string& templates_dir, const std::string& name);

// A template compiled into the generator, used when the project has no file of that name
// (a publisher who wants other wording adds templates/<name>).
Template builtin_template(const std::string& name, const char* text);

// The accessibility statement's wording (html/accessibility_template.cpp).
extern const char* const kAccessibilityTemplate;

// Renders with ep::html_escape for {{ }} so templates and C++ fragments escape alike.
std::string render_template(const Template& t, const mustache::data& data);

}  // namespace ep::html
