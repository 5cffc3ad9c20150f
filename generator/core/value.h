// Typed values. Every figure carries its unit, and "missing" (N/A, not reported, suppressed)
// is a state of its own: it propagates through arithmetic and is never read as zero.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ep {

enum class Unit { Money, Percent, Count, Rate, Ratio, Months, Weeks, Years, Rating };

std::optional<Unit> parse_unit(std::string_view name);
std::string unit_name(Unit unit);

enum class Polarity { Higher, Lower, None };   // which direction is better
std::optional<Polarity> parse_polarity(std::string_view name);

class Value {
public:
    Value() = default;
    static Value of(Unit unit, double amount, double rounding = 0.0);
    static Value missing(Unit unit, std::string reason = "N/A");
    static Value rating(std::string text);

    Unit unit() const { return unit_; }
    bool is_missing() const { return !amount_.has_value() && text_.empty(); }
    bool is_rating() const { return unit_ == Unit::Rating; }
    double amount() const { return *amount_; }          // only when !is_missing() && !is_rating()
    const std::string& missing_reason() const { return reason_; }
    const std::string& text() const { return text_; }   // rating text
    // Half the last typed digit ("£16.4m" -> 50,000): how far the true figure may be from
    // this one because of the source's rounding. 0 for computed values.
    double rounding() const { return rounding_; }
    // Decimals as typed for percentages ("6.7%" -> 1), so a reported figure prints as reported.
    int typed_decimals() const { return decimals_; }
    void set_typed_decimals(int d) { decimals_ = d; }

private:
    Unit unit_ = Unit::Count;
    std::optional<double> amount_;
    std::string reason_;
    std::string text_;
    double rounding_ = 0.0;
    int decimals_ = -1;   // -1: not typed (computed)
};

// Parses a cell as an officer would type it, for a measure measured in `expected`.
// Accepts "£1,064", "£16.4m", "£1.8 billion", "£750k", "6.7%", "1,475", "24 months", "5:1",
// "N/A", "not reported", "suppressed", blank (missing). On failure returns nullopt and sets
// `error` to a sentence, and `error_offset` to the byte offset in `text` of the problem.
std::optional<Value> parse_value(std::string_view text, Unit expected, std::string* error,
                                 size_t* error_offset = nullptr);

// A date as the data and document.csv hold it: "" when `text` is a real date in the ISO form
// (YYYY-MM-DD; with `partial` also YYYY and YYYY-MM), else a sentence saying why not, with the
// form likely meant ("19/02/2010" looks like day/month/year: write 2010-02-19).
std::string date_problem(std::string_view text, bool partial);

}  // namespace ep
