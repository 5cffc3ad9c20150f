// The bands of a map (```chart type: map, key `classes`): how a measure's figures are put into
// classes for colouring.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/value.h"
#include "model/document.h"
#include "narrative/directives.h"

namespace ep::narrative {

// A map's bands are told apart by colour and by pattern; there are five patterns.
inline constexpr int kMaxMapBands = 5;

struct MapClasses {
    // Quantiles: bands of about equal numbers of places (ties in one band). Breaks: fixed
    // bands between the figures given. (Significance bands, against a comparator's confidence
    // interval, are the next scheme: see parse_map_classes.)
    enum class Scheme { Quantiles, Breaks };
    Scheme scheme = Scheme::Quantiles;
    int count = 0;                // quantiles: bands asked for; 0: as many as there are figures, up to 5
    std::vector<double> breaks;   // breaks: where each band after the first starts, ascending
};

// `classes: quantiles`, `quantiles 4`, `breaks £900; £1,000` (figures in the measure's unit).
// nullopt with `why` set when the value is none of these.
std::optional<MapClasses> parse_map_classes(const DirectiveField& f, Unit unit, std::string* why);

struct MapBanding {
    std::vector<int> band_of;            // per point: its band (lowest first), -1 without a figure
    std::vector<model::MapBand> bands;   // labelled with the figures as printed ("£822 to £958")
    std::string title;                   // how the bands were made, for the legend
};

// Puts the points' figures into bands.
MapBanding band_values(const std::vector<model::ChartPoint>& points, const MapClasses& classes, Unit unit);

}  // namespace ep::narrative
