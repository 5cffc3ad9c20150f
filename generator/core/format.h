// The one place that turns values into text. Rounding rule (docs/rounding.md): round half away
// from zero, at the last printed digit, from the unrounded value.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"

namespace ep {

enum class Style {
    Auto,        // chosen by the unit
    Money,       // £877, £16.4m, £1.8 billion
    MoneyLong,   // £877, £16.4 million, £1.8 billion
    MoneyExact,  // £853,600,000
    Percent,     // 71%
    Percent1,    // 6.7%
    Count,       // 14,274
    Number,      // the bare number as the unit would print it, without unit marks
    Duration,    // 24 months
};

std::optional<Style> parse_style(std::string_view name);

// Formats `v` in `style`. Missing values print as their reason ("N/A", "not reported").
std::string format_value(const Value& v, Style style = Style::Auto);

// `v` as format_value prints it, unless that rounds money by a pound or more (£1,053,000 prints
// "£1.05m"): then every pound, so that arithmetic shown with it can be checked by hand.
std::string format_checkable(const Value& v);

// 14274.4 -> "14,274"; 1064 -> "1,064" (rounded to `decimals`).
std::string group_thousands(double amount, int decimals = 0);

// A value unrounded ("%.10g"), a rating as its text, missing as "".
std::string raw_number(const Value& v);

// The number a reader sees: `v` rounded as format_value prints it in `style` ("£16.4m" gives
// 16400000, "£877" 877), so that a download carries what the page prints. A rating is its text,
// missing "". A style whose text does not read back as a value (Number) gives `v` unrounded.
std::string printed_number(const Value& v, Style style = Style::Auto);

// "2010-02-19" -> "19 February 2010" ("19 Chwefror 2010" in Welsh: in `language`, else the
// thread's FormatLanguage); anything that is not such a date is returned as given.
std::string long_date(const std::string& iso, const std::string& language = {});

// The language whose words numbers and dates are written in: "£1.2 million" and "19 February
// 2010" in English (the default), "£1.2 miliwn" and "19 Chwefror 2010" in Welsh (any tag whose
// language is cy). Per thread, so that packs in two languages can be built side by side; set
// for the life of the object, then restored.
class FormatLanguage {
public:
    explicit FormatLanguage(const std::string& tag);
    ~FormatLanguage();
    FormatLanguage(const FormatLanguage&) = delete;
    FormatLanguage& operator=(const FormatLanguage&) = delete;
private:
    int previous_;
};

// A word or sentence the generator writes itself ("Contents", "Page", "Source"), in `language`
// ("" : the thread's FormatLanguage): Welsh for those with a Welsh text, else the English.
std::string term(const std::string& english, const std::string& language);

// Is the text being written Welsh? (`language`, "" : the thread's FormatLanguage.) For sentences
// the generator composes differently in Welsh, not word for word.
bool writing_welsh(const std::string& language = {});

// A difference between two percentages, in percentage points, to `decimals` places (none for a
// difference that rounds to zero): "13.7 percentage points", "1 percentage point", "0 percentage points".
std::string percentage_points(double amount, int decimals);

// Place names listed in running text. Normally "A", "A and B", "A, B and C"; when any name
// itself holds " and " or a comma ("Kensington and Chelsea"), every name is set off by a
// semicolon instead, so that each stays whole: "Bromley; Kensington and Chelsea".
std::string list_of_names(const std::vector<std::string>& names);

// Round half away from zero to `decimals` places.
double round_to(double amount, int decimals);

}  // namespace ep
