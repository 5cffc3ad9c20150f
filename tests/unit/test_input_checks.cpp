// The checks that keep what a user typed from being published wrongly: the link policy both
// writers follow, dates, counts, and the "did you mean" hints.
#include <doctest/doctest.h>

#include "core/links.h"
#include "core/text.h"
#include "core/value.h"

using namespace ep;

TEST_CASE("links: only http, https, mailto and anchors") {
    CHECK(link_problem("https://example.org/a?b#c") == "");
    CHECK(link_problem("http://example.org") == "");
    CHECK(link_problem("mailto:pack@example.org") == "");
    CHECK(link_problem("#table-spend") == "");
    for (const char* bad : {"javascript:alert(1)", "JavaScript:alert(1)", "java\tscript:alert(1)", " javascript:x",
                            "data:text/html,x", "vbscript:msgbox", "file:///etc/passwd", "tel:123", "page.html",
                            "//evil.example", "https:", "#", ""})
        CHECK_MESSAGE(link_problem(bad) != "", bad);
    CHECK(link_problem("java\nscript:alert(1)").find("'javascript:'") != std::string::npos);
}

TEST_CASE("links: a source's web address") {
    CHECK(web_address("https://example.org/x") == "https://example.org/x");
    CHECK(web_address("www.idea.gov.uk/idk") == "http://www.idea.gov.uk/idk");
    CHECK(web_address("javascript:alert(1)") == "");
    CHECK(web_address("mailto:a@b.org") == "");
    CHECK(web_address("www.a b") == "");
}

TEST_CASE("dates: real ones only, with the form meant") {
    CHECK(date_problem("2010-02-19", false) == "");
    CHECK(date_problem("2008-02-29", false) == "");   // leap year
    CHECK(date_problem("2000-02-29", false) == "");
    CHECK(date_problem("1900-02-29", false) == "'1900-02-29' is not a date: February 1900 has 28 days");
    CHECK(date_problem("2010-02-30", false) == "'2010-02-30' is not a date: February 2010 has 28 days");
    CHECK(date_problem("2010-13", true) == "'2010-13' has no month 13 (use YYYY, YYYY-MM or YYYY-MM-DD)");
    CHECK(date_problem("2010", true) == "");
    CHECK(date_problem("2010", false) != "");
    CHECK(date_problem("19/02/2010", false) ==
          "'19/02/2010' is not a date (use YYYY-MM-DD); '19/02/2010' looks like day/month/year: write 2010-02-19");
    CHECK(date_problem("3.12.2009", true).find("write 2009-12-03") != std::string::npos);
    CHECK(date_problem("2009/10", true).find("day/month/year") == std::string::npos);
}

TEST_CASE("counts: whole numbers held exactly") {
    std::string why;
    CHECK(parse_value("1,234", Unit::Count, &why)->amount() == 1234);
    CHECK(parse_value("1.2 million", Unit::Count, &why)->amount() == 1200000);
    CHECK_FALSE(parse_value("1.234", Unit::Count, &why));
    CHECK(why.find("if 1,234 is meant, write 1,234") != std::string::npos);
    CHECK_FALSE(parse_value("12.5", Unit::Count, &why));
    CHECK(parse_value("12.5", Unit::Rate, &why));
    CHECK(parse_value("123456789012345", Unit::Count, &why));   // 15 digits: exact
    CHECK_FALSE(parse_value("1234567890123456", Unit::Count, &why));
    CHECK(why.find("16 significant digits") != std::string::npos);
    CHECK(parse_value("0.000000000000001234", Unit::Rate, &why));   // leading zeros are not significant
}

TEST_CASE("nearest name: the hint for a typo") {
    const std::vector<std::string> directives = {"table", "chart", "plan", "facts", "savings"};
    CHECK(nearest_name("tabel", directives) == "table");
    CHECK(nearest_name("Chrat", directives) == "chart");
    CHECK(nearest_name("python", directives) == "");
    CHECK(nearest_name("subtitel", {"title", "subtitle"}) == "subtitle");
    CHECK(nearest_name("ab", {"cd"}) == "");   // everything changed is no hint
}

TEST_CASE("lone CR line ends become LF, CRLF stays") {
    std::string s = "a\rb\r\nc\r";
    lone_cr_to_lf(s);
    CHECK(s == "a\nb\r\nc\n");
}
