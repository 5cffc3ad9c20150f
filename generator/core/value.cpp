#include "core/value.h"

#include <cmath>
#include <cstdlib>

#include "core/text.h"

namespace ep {

namespace {
struct UnitName { Unit unit; const char* name; };
constexpr UnitName kUnits[] = {
    {Unit::Money, "money"}, {Unit::Percent, "percent"}, {Unit::Count, "count"},
    {Unit::Rate, "rate"},   {Unit::Ratio, "ratio"},     {Unit::Months, "months"},
    {Unit::Weeks, "weeks"}, {Unit::Years, "years"},     {Unit::Rating, "rating"},
};
}  // namespace

std::optional<Unit> parse_unit(std::string_view name) {
    for (const auto& u : kUnits)
        if (name == u.name) return u.unit;
    return std::nullopt;
}

std::string unit_name(Unit unit) {
    for (const auto& u : kUnits)
        if (u.unit == unit) return u.name;
    return "?";
}

std::optional<Polarity> parse_polarity(std::string_view name) {
    if (name == "higher") return Polarity::Higher;
    if (name == "lower") return Polarity::Lower;
    if (name == "none" || name.empty()) return Polarity::None;
    return std::nullopt;
}

Value Value::of(Unit unit, double amount, double rounding) {
    Value v;
    v.unit_ = unit;
    v.amount_ = amount;
    v.rounding_ = rounding;
    return v;
}

Value Value::missing(Unit unit, std::string reason) {
    Value v;
    v.unit_ = unit;
    v.reason_ = reason.empty() ? "N/A" : std::move(reason);
    return v;
}

Value Value::rating(std::string text) {
    Value v;
    v.unit_ = Unit::Rating;
    v.text_ = std::move(text);
    return v;
}

namespace {

// What a typed number looks like once its unit marks are stripped.
struct Number {
    double value = 0;
    int decimals = 0;
    size_t end = 0;       // offset just past the number
};

// Reads "1,064" / "16.4" / "0.02" at the start of s. Commas must group thousands.
std::optional<Number> read_number(std::string_view s, size_t start, std::string* error) {
    size_t i = start;
    bool negative = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
        negative = s[i] == '-';
        ++i;
    }
    std::string digits;
    int group = -1;          // digits since the last comma; -1 before any comma
    bool seen_digit = false, seen_point = false;
    int decimals = 0;
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            digits += c;
            seen_digit = true;
            if (seen_point) ++decimals;
            else if (group >= 0) ++group;
        } else if (c == ',' && !seen_point && seen_digit) {
            if (group >= 0 && group != 3) break;
            group = 0;
        } else if (c == '.' && !seen_point) {
            seen_point = true;
            digits += '.';
        } else {
            break;
        }
    }
    if (!seen_digit) {
        *error = "expected a number";
        return std::nullopt;
    }
    if (group >= 0 && group != 3) {
        *error = "a comma must separate groups of three digits";
        return std::nullopt;
    }
    Number n;
    n.value = std::strtod(digits.c_str(), nullptr) * (negative ? -1 : 1);
    n.decimals = decimals;
    n.end = i;
    return n;
}

bool is_missing_word(const std::string& lower, std::string* reason) {
    if (lower.empty() || lower == "n/a" || lower == "na") {
        *reason = "N/A";
        return true;
    }
    if (lower == "not reported" || lower == "suppressed" || lower == "not available") {
        *reason = lower;
        return true;
    }
    return false;
}

// The unit a typed cell shows by its marks (£, %, "months"), if any.
std::optional<Unit> unit_shown(std::string_view prefix, std::string_view suffix) {
    if (prefix == "£") return Unit::Money;
    std::string s = to_lower(trim(suffix));
    if (s == "%") return Unit::Percent;
    if (s == "months" || s == "month") return Unit::Months;
    if (s == "weeks" || s == "week") return Unit::Weeks;
    if (s == "years" || s == "year") return Unit::Years;
    if (s == ":1") return Unit::Ratio;
    return std::nullopt;
}

double scale_of(std::string_view suffix, bool* ok) {
    std::string s = to_lower(trim(suffix));
    *ok = true;
    if (s.empty()) return 1;
    if (s == "k" || s == "thousand") return 1e3;
    if (s == "m" || s == "million") return 1e6;
    if (s == "bn" || s == "billion") return 1e9;
    *ok = false;
    return 1;
}

}  // namespace

std::optional<Value> parse_value(std::string_view raw, Unit expected, std::string* error,
                                 size_t* error_offset) {
    size_t lead = 0;
    while (lead < raw.size() && (raw[lead] == ' ' || raw[lead] == '\t')) ++lead;
    std::string text = trim(raw);
    auto fail = [&](const std::string& msg, size_t at) -> std::optional<Value> {
        *error = msg;
        if (error_offset) *error_offset = lead + at;
        return std::nullopt;
    };
    std::string reason;
    if (is_missing_word(to_lower(text), &reason)) return Value::missing(expected, reason);
    if (expected == Unit::Rating) return Value::rating(text);

    size_t pos = 0;
    std::string prefix;
    bool negative_money = false;   // "-£12.1m", as spreadsheets write a negative amount
    if (starts_with(text, "-£")) {
        negative_money = true;
        pos = 1;
    }
    if (starts_with(std::string_view(text).substr(pos), "£")) {
        prefix = "£";
        pos += 2;   // "£" is two bytes in UTF-8
    }
    if (negative_money && (pos >= text.size() || text[pos] == '-' || text[pos] == '+'))
        return fail("expected a number in '" + text + "'", pos);
    std::string why;
    auto number = read_number(text, pos, &why);
    if (!number) return fail(why + " in '" + text + "'", pos);
    std::string_view suffix = std::string_view(text).substr(number->end);

    double scale = 1;
    auto shown = unit_shown(prefix, suffix);
    if (prefix == "£") {
        bool ok = false;
        scale = scale_of(suffix, &ok);
        if (!ok) return fail("'" + std::string(trim(suffix)) + "' is not a money suffix (use k, m, million, bn or billion)", number->end);
    } else if (!shown) {
        bool ok = false;
        scale = scale_of(suffix, &ok);   // counts may be written "1.2 million"
        if (!ok) return fail("unexpected '" + std::string(trim(suffix)) + "' after the number", number->end);
        if (scale != 1 && expected != Unit::Count)
            return fail("a scale word such as 'million' only goes with money or counts", number->end);
        shown = (expected == Unit::Rate || expected == Unit::Ratio || expected == Unit::Count)
                    ? expected : Unit::Count;
        if (expected == Unit::Ratio) shown = Unit::Ratio;
    }
    if (*shown != expected)
        return fail("'" + text + "' is " + unit_name(*shown) + " but the measure is measured in " +
                        unit_name(expected),
                    0);
    double amount = number->value * scale * (negative_money ? -1 : 1);
    double rounding = 0.5 * std::pow(10.0, -number->decimals) * scale;
    Value v = Value::of(expected, amount, rounding);
    v.set_typed_decimals(number->decimals);
    return v;
}

}  // namespace ep
