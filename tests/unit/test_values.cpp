#include <doctest/doctest.h>

#include "core/format.h"
#include "core/value.h"

using namespace ep;

namespace {
Value parse_ok(const char* text, Unit unit) {
    std::string why;
    auto v = parse_value(text, unit, &why);
    INFO(text << ": " << why);
    REQUIRE(v.has_value());
    return *v;
}
std::string parse_error(const char* text, Unit unit, size_t* offset = nullptr) {
    std::string why;
    auto v = parse_value(text, unit, &why, offset);
    CHECK_FALSE(v.has_value());
    return why;
}
}  // namespace

TEST_CASE("cells typed as officers paste them") {
    CHECK(parse_ok("£1,064", Unit::Money).amount() == doctest::Approx(1064));
    CHECK(parse_ok("£16.4m", Unit::Money).amount() == doctest::Approx(16.4e6));
    CHECK(parse_ok("£1.8 billion", Unit::Money).amount() == doctest::Approx(1.8e9));
    CHECK(parse_ok("£853.6 million", Unit::Money).amount() == doctest::Approx(853.6e6));
    CHECK(parse_ok("£750k", Unit::Money).amount() == doctest::Approx(750e3));
    CHECK(parse_ok("6.7%", Unit::Percent).amount() == doctest::Approx(6.7));
    CHECK(parse_ok("1,475", Unit::Count).amount() == doctest::Approx(1475));
    CHECK(parse_ok("24 months", Unit::Months).amount() == doctest::Approx(24));
    CHECK(parse_ok("  £877  ", Unit::Money).amount() == doctest::Approx(877));
    CHECK(parse_ok("5:1", Unit::Ratio).amount() == doctest::Approx(5));
}

TEST_CASE("missing is its own state, never zero") {
    for (const char* text : {"N/A", "n/a", "", "  ", "not reported", "suppressed"}) {
        Value v = parse_ok(text, Unit::Percent);
        CHECK(v.is_missing());
    }
    CHECK(format_value(parse_ok("N/A", Unit::Count)) == "N/A");
    CHECK(format_value(parse_ok("suppressed", Unit::Count)) == "suppressed");
}

TEST_CASE("rounding of a reported figure is remembered") {
    CHECK(parse_ok("£16.4m", Unit::Money).rounding() == doctest::Approx(50000));
    CHECK(parse_ok("71%", Unit::Percent).rounding() == doctest::Approx(0.5));
    CHECK(parse_ok("14,400", Unit::Count).rounding() == doctest::Approx(0.5));
}

TEST_CASE("bad cells and wrong units are rejected with a reason and a column") {
    size_t offset = 99;
    CHECK(parse_error("£12x", Unit::Money, &offset).find("money suffix") != std::string::npos);
    CHECK(offset == 4);
    CHECK(parse_error("6.7%", Unit::Money).find("percent but the measure is measured in money") != std::string::npos);
    CHECK(parse_error("£5", Unit::Percent).find("money but the measure is measured in percent") != std::string::npos);
    CHECK(parse_error("1,47,5", Unit::Count).find("groups of three") != std::string::npos);
    CHECK(parse_error("lots", Unit::Count).find("expected a number") != std::string::npos);
    CHECK(parse_error("24", Unit::Months).find("count but the measure is measured in months") != std::string::npos);
}

TEST_CASE("one formatting module owns rounding and style") {
    CHECK(format_value(Value::of(Unit::Money, 876.9)) == "£877");
    CHECK(format_value(Value::of(Unit::Money, 16.4e6)) == "£16.4m");
    CHECK(format_value(Value::of(Unit::Money, 9e6)) == "£9m");
    CHECK(format_value(Value::of(Unit::Money, 3.75e6)) == "£3.75m");
    CHECK(format_value(Value::of(Unit::Money, 1.053e6)) == "£1.05m");
    CHECK(format_value(Value::of(Unit::Money, 853.6e6)) == "£853.6m");
    CHECK(format_value(Value::of(Unit::Money, 14.84e6)) == "£14.8m");
    CHECK(format_value(Value::of(Unit::Money, 1.8e9)) == "£1.8 billion");
    CHECK(format_value(Value::of(Unit::Money, 16.4e6), Style::MoneyLong) == "£16.4 million");
    CHECK(format_value(Value::of(Unit::Money, 853.6e6), Style::MoneyExact) == "£853,600,000");
    CHECK(format_value(Value::of(Unit::Percent, 70.75), Style::Percent) == "71%");
    CHECK(format_value(Value::of(Unit::Percent, 6.66), Style::Percent1) == "6.7%");
    CHECK(format_value(Value::of(Unit::Count, 14274.0)) == "14,274");
    CHECK(format_value(Value::of(Unit::Months, 24)) == "24 months");
    CHECK(format_value(Value::of(Unit::Ratio, 5)) == "5:1");
    CHECK(format_value(Value::of(Unit::Money, -100)) == "-£100");
    // half away from zero
    CHECK(round_to(2.5, 0) == 3);
    CHECK(round_to(-2.5, 0) == -3);
    CHECK(round_to(0.125, 2) == doctest::Approx(0.13));
    // a percentage keeps the decimals it was typed with
    CHECK(format_value(parse_ok("53.9%", Unit::Percent)) == "53.9%");
    CHECK(format_value(parse_ok("40%", Unit::Percent)) == "40%");
}

TEST_CASE("numbers and dates in Welsh (FormatLanguage), and back to English after") {
    {
        const FormatLanguage welsh("cy");
        CHECK(format_value(Value::of(Unit::Money, 1.2e6), Style::MoneyLong) == "£1.2 miliwn");
        CHECK(format_value(Value::of(Unit::Money, 1.8e9)) == "£1.8 biliwn");
        CHECK(format_value(Value::of(Unit::Money, 16.4e6)) == "£16.4m");
        CHECK(format_value(Value::of(Unit::Months, 24)) == "24 mis");
        CHECK(format_value(Value::of(Unit::Years, 1)) == "1 flwyddyn");
        CHECK(format_value(Value::of(Unit::Years, 3)) == "3 blynedd");
        CHECK(long_date("2010-02-19") == "19 Chwefror 2010");
        CHECK(long_date("2010-02-19", "en-GB") == "19 February 2010");   // a language named wins
        // what a Welsh page prints reads back as the same figure (the downloads carry it)
        CHECK(printed_number(Value::of(Unit::Money, 1234567), Style::MoneyLong) == "1230000");
        {
            const FormatLanguage english("en-GB");
            CHECK(long_date("2010-12-01") == "1 December 2010");
        }
        CHECK(long_date("2010-12-01") == "1 Rhagfyr 2010");
    }
    CHECK(format_value(Value::of(Unit::Money, 1.2e6), Style::MoneyLong) == "£1.2 million");
    CHECK(long_date("2010-02-19", "cy-GB") == "19 Chwefror 2010");
    CHECK(long_date("2010-02-19") == "19 February 2010");
}

TEST_CASE("the generator's own words in Welsh (term)") {
    CHECK(term("Contents", "cy") == "Cynnwys");
    CHECK(term("Page", "cy-GB") == "Tudalen");
    CHECK(term("Contents", "en-GB") == "Contents");
    CHECK(term("Contents", "ga") == "Contents");          // no Irish words: the English
    CHECK(term("Not a listed phrase", "cy") == "Not a listed phrase");
    CHECK(term("Table", "") == "Table");                  // the thread's language: English by default
    const FormatLanguage welsh("cy");
    CHECK(term("Table", "") == "Tabl");
}
