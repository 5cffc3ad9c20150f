#include "core/value.h"

#include <cmath>
#include <cstdio>
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
    int significant = 0;  // digits typed, leading zeros aside
    bool grouped = false; // thousands written with commas
    size_t end = 0;       // offset just past the number
};

// A double holds 15 significant decimal digits exactly; a figure typed with more would be
// printed with other digits than typed.
constexpr int kMaxSignificantDigits = 15;

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
    n.grouped = group >= 0;
    for (char c : digits)
        if (c >= '1' && c <= '9') ++n.significant;
        else if (c == '0' && n.significant > 0) ++n.significant;
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
    // and the Welsh words, so that a figure as a Welsh page prints it reads back
    if (s == "months" || s == "month" || s == "mis") return Unit::Months;
    if (s == "weeks" || s == "week" || s == "wythnos") return Unit::Weeks;
    if (s == "years" || s == "year" || s == "blynedd" || s == "flwyddyn") return Unit::Years;
    if (s == ":1") return Unit::Ratio;
    return std::nullopt;
}

double scale_of(std::string_view suffix, bool* ok) {
    std::string s = to_lower(trim(suffix));
    *ok = true;
    if (s.empty()) return 1;
    if (s == "k" || s == "thousand") return 1e3;
    if (s == "m" || s == "million" || s == "miliwn") return 1e6;   // miliwn, biliwn: as Welsh pages print them
    if (s == "bn" || s == "billion" || s == "biliwn") return 1e9;
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
    if (number->significant > kMaxSignificantDigits)
        return fail("'" + text + "' has " + std::to_string(number->significant) + " significant digits; figures are held to " +
                        std::to_string(kMaxSignificantDigits) + ", so it would be printed with other digits: check it",
                    pos);
    double amount = number->value * scale * (negative_money ? -1 : 1);
    if (expected == Unit::Count && amount != std::floor(amount)) {
        std::string hint = "round it, or give the measure a unit such as rate";
        if (number->decimals == 3 && !number->grouped && scale == 1) {
            const std::string thousands = text.substr(pos, number->end - pos - 4) + "," + text.substr(number->end - 3, 3);
            hint = "if " + thousands + " is meant, write " + thousands + " (a '.' is always a decimal point here, never "
                   "a thousands separator)";
        }
        return fail("'" + text + "' has decimals, but a count is a whole number; " + hint, pos);
    }
    double rounding = 0.5 * std::pow(10.0, -number->decimals) * scale;
    Value v = Value::of(expected, amount, rounding);
    v.set_typed_decimals(number->decimals);
    return v;
}

namespace {

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

int days_in_month(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return days[month - 1] + (month == 2 && leap ? 1 : 0);
}

const char* const kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

// "03/12/2009", "3.12.2009", "03-12-2009": day, month and year as British forms write them.
std::string day_month_year_hint(std::string_view s) {
    for (char sep : {'/', '.', '-'}) {
        const size_t a = s.find(sep), b = a == std::string_view::npos ? a : s.find(sep, a + 1);
        if (b == std::string_view::npos || s.find(sep, b + 1) != std::string_view::npos) continue;
        const std::string_view day = s.substr(0, a), month = s.substr(a + 1, b - a - 1), year = s.substr(b + 1);
        if (!all_digits(day) || !all_digits(month) || year.size() != 4 || !all_digits(year) || day.size() > 2 ||
            month.size() > 2)
            continue;
        const int d = std::stoi(std::string(day)), m = std::stoi(std::string(month));
        if (m < 1 || m > 12 || d < 1 || d > 31) continue;
        char iso[16];
        std::snprintf(iso, sizeof iso, "%s-%02d-%02d", std::string(year).c_str(), m, d);
        return "; '" + std::string(s) + "' looks like day/month/year: write " + iso;
    }
    return "";
}

}  // namespace

std::string date_problem(std::string_view s, bool partial) {
    const std::string forms = partial ? "YYYY, YYYY-MM or YYYY-MM-DD" : "YYYY-MM-DD";
    const std::string text(s);
    const bool iso_shape = (s.size() == 4 && all_digits(s)) ||
                           (s.size() == 7 && all_digits(s.substr(0, 4)) && s[4] == '-' && all_digits(s.substr(5, 2))) ||
                           (s.size() == 10 && all_digits(s.substr(0, 4)) && s[4] == '-' && all_digits(s.substr(5, 2)) &&
                            s[7] == '-' && all_digits(s.substr(8, 2)));
    if (!iso_shape || (!partial && s.size() != 10))
        return "'" + text + "' is not a date (use " + forms + ")" + day_month_year_hint(s);
    const int year = std::stoi(text.substr(0, 4));
    if (s.size() == 4) return "";
    const int month = std::stoi(text.substr(5, 2));
    if (month < 1 || month > 12) return "'" + text + "' has no month " + std::to_string(month) + " (use " + forms + ")";
    if (s.size() == 7) return "";
    const int day = std::stoi(text.substr(8, 2));
    if (day < 1 || day > days_in_month(year, month))
        return "'" + text + "' is not a date: " + kMonthNames[month - 1] + " " + std::to_string(year) + " has " +
               std::to_string(days_in_month(year, month)) + " days";
    return "";
}

}  // namespace ep
