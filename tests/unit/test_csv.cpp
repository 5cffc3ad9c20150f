#include <doctest/doctest.h>

#include "data/csv_reader.h"

using namespace ep;
using ep::data::parse_csv;

namespace {
std::string error_of(const std::string& bytes) {
    try {
        parse_csv(bytes, "data/x.csv");
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("fields remember their line and column") {
    auto t = parse_csv("a,b\n1,\"two, with comma\"\n3,\"multi\nline\"\n", "data/x.csv");
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].fields[1].text == "two, with comma");
    CHECK(t.rows[0].fields[1].line == 2);
    CHECK(t.rows[0].fields[1].column == 3);
    CHECK(t.rows[1].fields[1].text == "multi\nline");
    CHECK(t.rows[1].line == 3);
}

TEST_CASE("a byte-order mark and CRLF line ends are accepted") {
    auto t = parse_csv("\xEF\xBB\xBF" "code,name\r\ncov,Coventry\r\n", "data/x.csv");
    CHECK(t.header[0] == "code");
    REQUIRE(t.rows.size() == 1);
    CHECK(t.rows[0].fields[1].text == "Coventry");
    CHECK(t.rows[0].fields[1].column == 5);
}

TEST_CASE("columns count characters, not bytes") {
    auto t = parse_csv("a,b\n£5,x\n", "data/x.csv");
    CHECK(t.rows[0].fields[1].column == 4);
}

TEST_CASE("malformed files give one clear error with file, line and column") {
    CHECK(error_of("a,b\n1,2,3\n") == "data/x.csv:2:5: error: this row has 3 fields but the header has 2");
    CHECK(error_of("a,b\n1\n") == "data/x.csv:2:1: error: this row has 1 fields but the header has 2");
    CHECK(error_of("a,b\n1,\"open\n") == "data/x.csv:2:3: error: a quoted field is never closed: a double quote is missing");
    CHECK(error_of("").find("data/x.csv:1:1: error: the file is empty") == 0);
    std::string w1252 = error_of("a,b\nx,\xA3" "5\n");
    CHECK(w1252.find("data/x.csv:2:3: error: the file is not UTF-8") == 0);
    CHECK(w1252.find("Windows-1252") != std::string::npos);
    // UTF-8 gone wrong is named as such, at its first byte (columns count characters).
    CHECK(error_of("a,b\n\u0175,\xC0\xAF\n") ==
          "data/x.csv:2:3: error: the file is not UTF-8 (byte 0xC0, an over-long form of a character); save it as UTF-8 "
          "('CSV UTF-8' in Excel) and try again");
    CHECK(error_of("a,b\nx,y\xED\xA0\xBD\xED\xB8\x80\n").find("data/x.csv:2:4: error: the file is not UTF-8 (byte 0xED, a "
                                                            "UTF-16 surrogate written as UTF-8 (CESU-8))") == 0);
    CHECK(error_of("a,b\nx,\xF4\x90\x80\x80\n").find("data/x.csv:2:3: error: the file is not UTF-8 (byte 0xF4") == 0);   // > U+10FFFF
    CHECK(error_of("a,b\nx,\xE2\x82").find("data/x.csv:2:3: error: the file is not UTF-8 (byte 0xE2") == 0);    // cut short
    // A quote inside an unquoted field is an ordinary character (csv-spectrum's
    // location_coordinates); text after a quoted field's closing quote is an error.
    CHECK(ep::data::parse_csv("a,b\n1,x\"y\n", "data/x.csv").rows.at(0).fields.at(1).text == "x\"y");
    CHECK(error_of("a,b\n1,\"x\"y\n").find("data/x.csv:2:6: error: text after the closing double quote") == 0);
    CHECK(error_of(std::string("a,b\n1,\0\n", 8)).find("data/x.csv:2:3: error: the file holds the control character 0x00") == 0);
}
