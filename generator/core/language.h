// Language tags (BCP 47, RFC 5646): the shape of a tag, as the narrative's language spans and
// document.csv's `language` and `languages` keys are checked.
#pragma once

#include <string>
#include <string_view>

namespace ep {

// "" if `tag` has the shape of a BCP 47 language tag ("cy", "en-GB", "sr-Latn-RS",
// "de-CH-1996", "x-private"); otherwise why not, in a few words for an error message.
// Only the shape is checked (subtag lengths and order), not the IANA registry.
std::string language_tag_problem(std::string_view tag);

// The language's name in itself, for a link to a page in it: "cy" -> "Cymraeg", "en-GB" ->
// "English"; the tag itself for a language not listed.
std::string language_own_name(const std::string& tag);

}  // namespace ep
