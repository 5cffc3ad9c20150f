#include "core/links.h"

#include "core/text.h"

namespace ep {

namespace {

// A scheme ends at the first ':' that comes before any '/', '?' or '#' ("" if none).
std::string scheme_of(std::string_view url) {
    const size_t colon = url.find(':');
    if (colon == std::string_view::npos || url.find_first_of("/?#") < colon) return "";
    return to_lower(url.substr(0, colon));
}

// Browsers drop tabs, line breaks and leading control characters and spaces from an address
// before reading its scheme ("java\tscript:" is javascript:), so the policy looks at it the same way.
std::string as_browsers_read(std::string_view url) {
    std::string out;
    for (unsigned char c : url)
        if (c != '\t' && c != '\n' && c != '\r' && !(out.empty() && c <= 0x20)) out += static_cast<char>(c);
    return out;
}

}  // namespace

std::string link_problem(std::string_view raw) {
    const std::string url = as_browsers_read(raw);
    if (url.empty()) return "the link has no address";
    // Servers refuse far shorter addresses, and a PDF string holds at most 65,535 bytes.
    if (url.size() > max_link_length)
        return "the link's address is " + std::to_string(url.size()) + " characters long; a link may be at most " +
               std::to_string(max_link_length) + " (check that it was pasted whole, and only once)";
    if (url[0] == '#') return url.size() > 1 ? "" : "the link '#' names no anchor";
    const std::string scheme = scheme_of(url);
    if (scheme == "http" || scheme == "https") {
        if (url.compare(scheme.size(), 3, "://") != 0 || url.size() == scheme.size() + 3)
            return "'" + url + "' is not a web address (write " + scheme + "://host/...)";
        return "";
    }
    if (scheme == "mailto") return url.size() > 7 ? "" : "the mailto: link has no address";
    const std::string allowed = "links may go to http:// or https:// addresses, mailto: and anchors in the document (#id)";
    if (scheme.empty()) {
        if (starts_with(to_lower(url), "www.")) return "'" + url + "' has no scheme: write http://" + url + " or https://" + url;
        return "'" + url + "' is a relative address, which the PDF cannot follow; " + allowed;
    }
    return "'" + scheme + ":' links are not allowed (" + url.substr(0, 40) + (url.size() > 40 ? "..." : "") + "); " + allowed;
}

std::string web_address(std::string_view raw) {
    const std::string url = as_browsers_read(raw);
    const std::string scheme = scheme_of(url);
    if ((scheme == "http" || scheme == "https") && link_problem(url).empty()) return url;
    if (scheme.empty() && starts_with(to_lower(url), "www.") && url.find(' ') == std::string::npos && url.size() > 4)
        return "http://" + url;
    return "";
}

}  // namespace ep
