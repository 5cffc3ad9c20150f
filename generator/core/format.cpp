#include "core/format.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <string>

namespace ep {

std::optional<Style> parse_style(std::string_view name) {
    struct Named { const char* name; Style style; };
    static const Named styles[] = {
        {"auto", Style::Auto},         {"money", Style::Money},       {"money_long", Style::MoneyLong},
        {"money_exact", Style::MoneyExact}, {"percent", Style::Percent}, {"percent1", Style::Percent1},
        {"count", Style::Count},       {"number", Style::Number},     {"duration", Style::Duration},
    };
    for (const auto& s : styles)
        if (name == s.name) return s.style;
    return std::nullopt;
}

double round_to(double amount, int decimals) {
    double f = std::pow(10.0, decimals);
    double scaled = amount * f;
    // A tiny nudge keeps 0.125 -> 0.13 despite binary representation (0.12499999...).
    double r = std::floor(std::fabs(scaled) + 0.5 + 1e-9);
    return std::copysign(r, scaled) / f;
}

std::string group_thousands(double amount, int decimals) {
    double r = round_to(amount, decimals);
    bool negative = r < 0;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(r));
    std::string s(buf);
    size_t point = s.find('.');
    std::string whole = s.substr(0, point == std::string::npos ? s.size() : point);
    std::string frac = point == std::string::npos ? "" : s.substr(point);
    std::string grouped;
    for (size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
    }
    return (negative ? "-" : "") + grouped + frac;
}

namespace {

// 16.4 -> "16.4", 9.0 -> "9": one decimal, dropped when it is zero.
std::string one_decimal(double amount) {
    double r = round_to(amount, 1);
    if (std::fabs(r - std::round(r)) < 1e-9) return group_thousands(r, 0);
    return group_thousands(r, 1);
}

// The words of each language numbers and dates are written in (FormatLanguage).
struct Words {
    const char* million;
    const char* billion;
    const char* month_one;
    const char* months;
    const char* week_one;
    const char* weeks;
    const char* year_one;
    const char* years;
    const char* month_names[12];
};

const Words kWords[] = {
    {" million", " billion", " month", " months", " week", " weeks", " year", " years",
     {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
      "December"}},
    // Welsh: a noun after a number stays singular ("24 mis").
    {" miliwn", " biliwn", " mis", " mis", " wythnos", " wythnos", " flwyddyn", " blynedd",
     {"Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd",
      "Rhagfyr"}},
};

thread_local int language_in_use = 0;   // index into kWords

const Words& words() { return kWords[language_in_use]; }

// Millions and billions: one decimal from 10 up ("£16.4m", "£853.6m"), two below 10 so three
// significant figures survive ("£3.75m", "£1.05m"); trailing zeros dropped ("£9m").
std::string scaled(double amount) {
    int decimals = round_to(amount, 1) >= 10 ? 1 : 2;
    std::string s = group_thousands(amount, decimals);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

std::string money(double amount, bool long_form) {
    std::string sign = amount < 0 ? "-" : "";
    double a = std::fabs(amount);
    if (round_to(a / 1e9, 2) >= 1.0) return sign + "£" + scaled(a / 1e9) + words().billion;
    if (round_to(a / 1e6, 2) >= 1.0)
        return sign + "£" + scaled(a / 1e6) + (long_form ? words().million : "m");
    if (a < 10 && std::fabs(a - std::round(a)) > 1e-9) return sign + "£" + group_thousands(a, 2);
    return sign + "£" + group_thousands(a, 0);
}

std::string duration_word(Unit u, double amount) {
    bool one = std::fabs(amount - 1) < 1e-9;
    switch (u) {
        case Unit::Months: return one ? words().month_one : words().months;
        case Unit::Weeks: return one ? words().week_one : words().weeks;
        case Unit::Years: return one ? words().year_one : words().years;
        default: return "";
    }
}

int percent_decimals(const Value& v) {
    return v.typed_decimals() >= 0 ? v.typed_decimals() : 0;
}

}  // namespace

std::string format_value(const Value& v, Style style) {
    if (v.is_rating()) return v.text();
    if (v.is_missing()) return v.missing_reason();
    double a = v.amount();
    switch (style) {
        case Style::Money: return money(a, false);
        case Style::MoneyLong: return money(a, true);
        case Style::MoneyExact: return "£" + group_thousands(a, 0);
        case Style::Percent: return group_thousands(a, 0) + "%";
        case Style::Percent1: return group_thousands(a, 1) + "%";
        case Style::Count: return group_thousands(a, 0);
        case Style::Duration: return one_decimal(a) + duration_word(v.unit(), a);
        case Style::Number:
            if (v.unit() == Unit::Percent) return group_thousands(a, percent_decimals(v));
            if (v.unit() == Unit::Rate || v.unit() == Unit::Ratio) return one_decimal(a);
            return group_thousands(a, 0);
        case Style::Auto: break;
    }
    switch (v.unit()) {
        case Unit::Money: return money(a, false);
        case Unit::Percent: return group_thousands(a, percent_decimals(v)) + "%";
        case Unit::Count: return group_thousands(a, 0);
        case Unit::Rate: return group_thousands(a, v.typed_decimals() >= 0 ? v.typed_decimals() : 2);
        case Unit::Ratio: return one_decimal(a) + ":1";
        case Unit::Months:
        case Unit::Weeks:
        case Unit::Years: return one_decimal(a) + duration_word(v.unit(), a);
        case Unit::Rating: return v.text();
    }
    return "?";
}

std::string percentage_points(double amount, int decimals) {
    const int d = std::fabs(round_to(amount, decimals)) < 1e-9 ? 0 : decimals;
    const std::string n = group_thousands(amount, d);
    const bool one = std::fabs(std::fabs(round_to(amount, d)) - 1.0) < 1e-9;
    return n + (one ? " percentage point" : " percentage points");
}

std::string list_of_names(const std::vector<std::string>& names) {
    bool compound = false;
    for (const auto& n : names) compound = compound || n.find(" and ") != std::string::npos || n.find(',') != std::string::npos;
    std::string s;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i > 0) s += compound ? "; " : i + 1 == names.size() ? " and " : ", ";
        s += names[i];
    }
    return s;
}

std::string format_checkable(const Value& v) {
    std::string text = format_value(v);
    if (v.unit() != Unit::Money || v.is_missing()) return text;
    std::string why;
    const auto printed = parse_value(text, Unit::Money, &why);
    if (printed && std::fabs(printed->amount() - v.amount()) < 1.0) return text;
    return format_value(v, Style::MoneyExact);
}

std::string raw_number(const Value& v) {
    if (v.is_rating()) return v.text();
    if (v.is_missing()) return "";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v.amount());
    return buf;
}

std::string printed_number(const Value& v, Style style) {
    if (v.is_rating() || v.is_missing()) return raw_number(v);
    std::string why;
    const auto printed = parse_value(format_value(v, style), v.unit(), &why);
    // A style without unit marks (Number) or a negative figure does not read back: unrounded then.
    return printed && !printed->is_missing() ? raw_number(*printed) : raw_number(v);
}

namespace {
int words_of(const std::string& tag) { return tag == "cy" || tag.rfind("cy-", 0) == 0 ? 1 : 0; }
}  // namespace

FormatLanguage::FormatLanguage(const std::string& tag) : previous_(language_in_use) { language_in_use = words_of(tag); }

FormatLanguage::~FormatLanguage() { language_in_use = previous_; }

std::string term(const std::string& english, const std::string& language) {
    static const std::map<std::string, std::string> welsh = {
        {"Table", "Tabl"},
        {"Figure", "Ffigur"},
        {"Source", "Ffynhonnell"},
        {"Sources", "Ffynonellau"},
        {"Contents", "Cynnwys"},
        {"Version", "Fersiwn"},
        {"Page", "Tudalen"},
        {"of", "o"},
        {"page", "tudalen"},
        {"pages", "tudalen"},   // a noun after a number stays singular
        {"Checks on the source figures", "Gwiriadau ar ffigurau\u2019r ffynonellau"},
        {"Where the figures in this publication come from, and the checks made on them.",
         "O ble y daw\u2019r ffigurau yn y cyhoeddiad hwn, a\u2019r gwiriadau a wnaed arnynt."},
        {"Where the figures in this publication come from.", "O ble y daw\u2019r ffigurau yn y cyhoeddiad hwn."},
        {"Used in", "Fe\u2019i defnyddir yn"},
        {"Measure", "Mesur"},
        {"Show the data", "Dangos y data"},
        {"Data for figure", "Data ar gyfer ffigur"},
        {"for figure", "ar gyfer ffigur"},
        {"Download this table as CSV", "Lawrlwytho\u2019r tabl hwn fel CSV"},
        {"Download this figure's data as CSV", "Lawrlwytho data\u2019r ffigur hwn fel CSV"},
        {"The generator checks the published source figures against each other. No disagreements were found.",
         "Mae\u2019r generadur yn gwirio ffigurau cyhoeddedig y ffynonellau yn erbyn ei gilydd. Ni chafwyd unrhyw "
         "anghysondebau."},
        {"The generator checks the published source figures against each other. These checks found:",
         "Mae\u2019r generadur yn gwirio ffigurau cyhoeddedig y ffynonellau yn erbyn ei gilydd. Dyma a gafwyd:"},
        // the site's own words (templates: {{t.<key>}}, html/site_writer.cpp)
        {"Skip to main content", "Neidio i\u2019r prif gynnwys"},
        {"Breadcrumb", "Briwsion bara"},
        {"Home", "Hafan"},
        {"Previous and next pages", "Tudalennau blaenorol a nesaf"},
        {"Previous", "Blaenorol"},
        {"Next", "Nesaf"},
        {" page", ""},   // "Blaenorol" alone: Welsh puts the noun first ("tudalen flaenorol")
        {"Sources and data", "Ffynonellau a data"},
        {"Accessibility", "Hygyrchedd"},
        {"Accessibility statement", "Datganiad hygyrchedd"},
        {"Download the PDF", "Lawrlwytho\u2019r PDF"},
        {"Published by", "Cyhoeddwyd gan"},
        {"on", "ar"},
        {"Produced with", "Cynhyrchwyd gyda"},
        {"Area", "Ardal"},
        {"Published", "Cyhoeddwyd"},
        {"Key figures", "Ffigurau allweddol"},
        {"The whole publication as one A4 document, for printing or reading offline.", "Y cyhoeddiad cyfan fel un ddogfen A4, i\u2019w argraffu neu i\u2019w ddarllen all-lein."},
        {"Notes", "Nodiadau"},
        {"Note", "Nodyn"},
        {"Back to text", "Yn \u00f4l i\u2019r testun"},
        {" for note ", " ar gyfer nodyn "},
        {"Where the figures in this publication come from", "O ble y daw\u2019r ffigurau yn y cyhoeddiad hwn"},
        {", the data behind them, and the checks made on it", ", y data y tu \u00f4l iddynt, a\u2019r gwiriadau a wnaed arnynt"},
        {" and the data behind them", " a\u2019r data y tu \u00f4l iddynt"},
        {"No sources are listed.", "Nid oes ffynonellau wedi\u2019u rhestru."},
        {"Data downloads", "Data i\u2019w lawrlwytho"},
        {"All files are comma-separated values (CSV) in UTF-8, which open in any spreadsheet program.", "Mae pob ffeil yn werthoedd wedi\u2019u gwahanu gan goma (CSV) yn UTF-8, sy\u2019n agor mewn unrhyw raglen taenlen."},
        {"Tables and figures", "Tablau a ffigurau"},
    };
    if ((language.empty() ? language_in_use : words_of(language)) != 1) return english;
    const auto it = welsh.find(english);
    return it == welsh.end() ? english : it->second;
}

bool writing_welsh(const std::string& language) { return (language.empty() ? language_in_use : words_of(language)) == 1; }

std::string long_date(const std::string& iso, const std::string& language) {
    const char* const* months = (language.empty() ? words() : kWords[words_of(language)]).month_names;
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return iso;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (iso[i] < '0' || iso[i] > '9') return iso;
    const int m = std::stoi(iso.substr(5, 2)), d = std::stoi(iso.substr(8, 2));
    if (m < 1 || m > 12 || d < 1 || d > 31) return iso;
    return std::to_string(d) + " " + months[m - 1] + " " + iso.substr(0, 4);
}

}  // namespace ep
