#include "core/language.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

#include "core/text.h"

namespace ep {

namespace {

bool all_of(std::string_view s, int (*test)(int)) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) { return test(static_cast<unsigned char>(c)) != 0; });
}
bool alpha(std::string_view s) { return all_of(s, std::isalpha); }
bool digits(std::string_view s) { return all_of(s, std::isdigit); }
bool alnum(std::string_view s) { return all_of(s, std::isalnum); }

// Private use ("x-..."): one or more subtags of 1 to 8 letters or digits.
std::string private_use_problem(const std::vector<std::string>& parts, size_t from) {
    if (from >= parts.size()) return "'x' must be followed by a private-use subtag";
    for (size_t i = from; i < parts.size(); ++i)
        if (parts[i].size() > 8 || !alnum(parts[i])) return "private-use subtag '" + parts[i] + "' is not 1 to 8 letters or digits";
    return "";
}

}  // namespace

std::string language_tag_problem(std::string_view tag) {
    if (tag.empty()) return "the language tag is empty";
    const std::vector<std::string> parts = split(tag, '-');
    for (const auto& p : parts)
        if (p.empty()) return "a language tag has no empty parts (two hyphens, or one at an end)";
    for (const auto& p : parts)
        if (!alnum(p)) return "a language tag holds only letters, digits and hyphens";
    size_t i = 0;
    if (to_lower(parts[0]) == "x") return private_use_problem(parts, 1);
    const std::string& language = parts[i++];
    if (!alpha(language) || language.size() < 2 || language.size() > 8 || language.size() == 4)
        return "'" + language + "' is not a language subtag (2 or 3 letters, such as 'cy' or 'en')";
    // Up to three extended language subtags (3 letters) after a 2- or 3-letter language.
    for (int ext = 0; ext < 3 && language.size() <= 3 && i < parts.size() && parts[i].size() == 3 && alpha(parts[i]); ++ext) ++i;
    if (i < parts.size() && parts[i].size() == 4 && alpha(parts[i])) ++i;   // script: Latn
    if (i < parts.size() && ((parts[i].size() == 2 && alpha(parts[i])) || (parts[i].size() == 3 && digits(parts[i]))))
        ++i;   // region: GB, 419
    std::set<std::string> variants;
    while (i < parts.size()) {
        const std::string& v = parts[i];
        const bool variant = (v.size() >= 5 && v.size() <= 8) || (v.size() == 4 && std::isdigit(static_cast<unsigned char>(v[0])));
        if (!variant) break;
        if (!variants.insert(to_lower(v)).second) return "variant '" + v + "' is repeated";
        ++i;
    }
    std::set<std::string> singletons;
    while (i < parts.size()) {
        const std::string s = to_lower(parts[i]);
        if (s.size() != 1) return "'" + parts[i] + "' is out of place in a language tag (language, script, region, variants)";
        if (s == "x") return private_use_problem(parts, i + 1);
        if (!singletons.insert(s).second) return "extension '" + s + "' is repeated";
        size_t n = 0;
        for (++i; i < parts.size() && parts[i].size() >= 2 && parts[i].size() <= 8; ++i) ++n;
        if (n == 0) return "extension '" + s + "' must be followed by a subtag of 2 to 8 letters or digits";
    }
    return "";
}

std::string language_own_name(const std::string& tag) {
    static const std::pair<const char*, const char*> names[] = {
        {"cy", "Cymraeg"}, {"en", "English"}, {"ga", "Gaeilge"}, {"gd", "G\u00e0idhlig"}, {"kw", "Kernewek"},
        {"fr", "Fran\u00e7ais"}, {"de", "Deutsch"}, {"es", "Espa\u00f1ol"}, {"pl", "Polski"}};
    const std::string primary = to_lower(tag.substr(0, tag.find('-')));
    for (const auto& [code, name] : names)
        if (primary == code) return name;
    return tag;
}

}  // namespace ep
