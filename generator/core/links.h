// The one link policy both writers follow: a page links only to web addresses (http, https),
// e-mail addresses (mailto) and anchors within the document (#id). Anything else (javascript:,
// data:, vbscript:, file:, a relative path) is an error where it is written, so the site and
// the PDF never differ in what they link to.
#pragma once

#include <string>
#include <string_view>

namespace ep {

// The longest address a link may have (bytes; a 300-character SharePoint link is common).
constexpr size_t max_link_length = 8000;

// "" when `url` may be linked, else a sentence saying why not and what to write instead.
std::string link_problem(std::string_view url);

// A source's address as a link: http(s) as written, "www.…" as http://www.…; "" if it is not
// a web address.
std::string web_address(std::string_view url);

}  // namespace ep
