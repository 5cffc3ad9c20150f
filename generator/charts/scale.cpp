// Axis scales: "nice" 1-2-5 ticks and tick/value labels by unit.
#include <cmath>
#include <cstdio>
#include <string>

#include "charts/chart.h"
#include "charts/layout.h"

namespace ep::charts {

namespace {

// Removes float noise such as 0.30000000000000004 from a tick value.
double clean(double v) {
    if (v == 0) return 0;
    double mag = std::pow(10.0, std::floor(std::log10(std::fabs(v))) - 10);
    double r = std::round(v / mag) * mag;
    return r == 0 ? 0 : r;   // no "-0"
}

// Smallest 1-2-5 step giving at most `intervals` intervals over [lo, hi].
double nice_step(double lo, double hi, int intervals) {
    double raw = (hi - lo) / intervals;
    double decade = std::pow(10.0, std::floor(std::log10(raw)));
    for (int k = 0; k < 3; ++k) {
        for (double m : {1.0, 2.0, 5.0}) {
            double step = m * decade * std::pow(10.0, k);
            double n = std::ceil(hi / step - 1e-9) - std::floor(lo / step + 1e-9);
            if (n <= intervals) return step;
        }
    }
    return 10 * decade;
}

// "1234567.5" -> "1,234,567.5" with at most `decimals` decimals, trailing zeros removed.
std::string group_digits(double v, int decimals, bool keep_zeros = false) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v));
    std::string s = buf;
    std::string frac;
    auto dot = s.find('.');
    if (dot != std::string::npos) {
        frac = s.substr(dot + 1);
        s = s.substr(0, dot);
        if (!keep_zeros) {
            while (!frac.empty() && frac.back() == '0') frac.pop_back();
        }
    }
    std::string out;
    int n = static_cast<int>(s.size());
    for (int i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += ',';
        out += s[i];
    }
    if (!frac.empty()) out += "." + frac;
    return out;
}

int decimals_for(double a) { return (a != 0 && a < 0.1) ? 4 : 2; }

std::string money_label(double a) {
    if (a >= 1e9) return "£" + group_digits(a / 1e9, 2) + "bn";
    if (a >= 1e6) return "£" + group_digits(a / 1e6, 2) + "m";
    bool whole = std::fabs(a - std::round(a)) < 1e-9;
    return "£" + group_digits(a, whole ? 0 : 2, !whole);
}

std::string count_label(double a) {
    if (a >= 1e9) return group_digits(a / 1e9, 2) + "bn";
    if (a >= 1e6) return group_digits(a / 1e6, 2) + "m";
    return group_digits(a, decimals_for(a));
}

}  // namespace

Ticks nice_ticks(double lo, double hi, int max_ticks) {
    if (lo > hi) std::swap(lo, hi);
    if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
    if (lo == hi) {                      // single value (or all zero): span from zero
        if (hi > 0) lo = 0;
        else if (lo < 0) hi = 0;
        else hi = 1;
    }
    int intervals = std::max(1, max_ticks - 1);
    Ticks t;
    t.step = nice_step(lo, hi, intervals);
    long first = static_cast<long>(std::floor(lo / t.step + 1e-9));
    long last = static_cast<long>(std::ceil(hi / t.step - 1e-9));
    t.lo = clean(first * t.step);
    t.hi = clean(last * t.step);
    for (long i = first; i <= last; ++i) t.values.push_back(clean(i * t.step));
    return t;
}

std::string tick_label(double value, const std::string& unit) {
    value = clean(value);
    std::string sign = value < 0 ? "-" : "";
    double a = std::fabs(value);
    if (unit == "money" || unit == "gbp" || unit == "pounds") return sign + money_label(a);
    if (unit == "percent" || unit == "%") return sign + group_digits(a, decimals_for(a)) + "%";
    if (unit == "count") return sign + count_label(a);
    return sign + group_digits(a, decimals_for(a));
}

std::string value_label(double value, const std::string& unit) { return tick_label(value, unit); }

std::string point_label(const model::ChartPoint& p, const std::string& unit) {
    if (!p.value) return "N/A";
    if (!p.label.empty()) return p.label;
    return value_label(*p.value, unit);
}

}  // namespace ep::charts
