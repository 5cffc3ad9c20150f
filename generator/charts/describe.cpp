#include "charts/chart.h"

namespace ep::charts {

namespace {

std::string value_text(const model::ChartPoint& p) {
    if (!p.value) return "N/A";
    return p.label.empty() ? tick_label(*p.value, "") : p.label;
}

// "Coventry £1,064; Solihull £958" for one series across the categories.
std::string across(const model::Chart& c, const model::ChartSeries& s, const char* between) {
    std::string out;
    for (size_t k = 0; k < c.categories.size(); ++k) {
        if (k) out += between;
        out += c.categories[k] + " " + (k < s.points.size() ? value_text(s.points[k]) : "N/A");
    }
    return out;
}

}  // namespace

std::string describe_data(const model::Figure& f) {
    const model::Chart& c = f.chart;
    if (c.series.empty() || c.categories.empty()) return f.summary;
    // A map's summary says what its bands and outline are, which the figures alone do not:
    // it comes first, then each place's figure and band.
    if (c.type == model::ChartType::Map) {
        std::string out = f.summary.empty() ? "" : f.summary + " ";
        const auto& s = c.series.front();
        for (size_t k = 0; k < c.categories.size(); ++k) {
            const std::string value = k < s.points.size() ? value_text(s.points[k]) : "N/A";
            out += (k ? "; " : "") + c.categories[k] + " " + value;
            const int band = k < c.band_of.size() ? c.band_of[k] : -1;
            // The band, unless it says no more than the figure (a band of one place).
            if (band >= 0 && static_cast<size_t>(band) < c.bands.size() && c.bands[static_cast<size_t>(band)].label != value)
                out += " (band " + c.bands[static_cast<size_t>(band)].label + ")";
        }
        return out + ".";
    }
    if (c.series.size() == 1) return across(c, c.series.front(), "; ") + ".";
    std::string out;
    for (size_t si = 0; si < c.series.size(); ++si) {
        const auto& s = c.series[si];
        out += (si ? ". " : "") + (s.name.empty() ? std::string("Series ") + std::to_string(si + 1) : s.name) + ": " +
               across(c, s, ", ");
    }
    return out + ".";
}

}  // namespace ep::charts
