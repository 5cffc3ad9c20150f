// Allocation by formula (seed 004): a flat lump sum per region plus a variable sum split by
// weights between the regions' share of local authorities and of young people aged 0-19.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calc/figures.h"
#include "core/quantity.h"

namespace ep::calc {

struct RegionInput {
    std::string region;
    Count authorities;
    Count population_0_19;
};

struct AllocationLine {
    std::string region;
    Money lump_sum, by_authorities, by_population, total;
};

// total_pot = regions × lump_sum + variable pot; the variable pot is split `weight_authorities`
// by number of authorities and `weight_population` by population (weights must add to 100%).
// Throws std::invalid_argument when the inputs cannot make an allocation (weights, pot too small).
std::vector<AllocationLine> allocate_by_formula(const Money& total_pot, const Money& lump_sum_per_region,
                                                const Percentage& weight_authorities,
                                                const Percentage& weight_population,
                                                const std::vector<RegionInput>& regions);

// Whole pounds that add up (docs/rounding.md): the pot and the lump sum are rounded to the pound;
// what is left is split between the two variable columns in the weights' proportion, and each
// column is shared among the regions by the largest-remainder method, in proportion to the
// unrounded amounts. Each row's total is the sum of its rounded parts, so rows and columns both
// add up to the rounded pot exactly. Throws std::invalid_argument as allocate_by_formula does.
std::vector<AllocationLine> round_to_pounds(const std::vector<AllocationLine>& exact, const Money& total_pot);

// `target` whole units shared in proportion to `shares` (none negative) by the largest-remainder
// (Hamilton) method: everyone gets the whole part of their quota, and the units left over go to
// the largest fractional parts, ties to the earlier share. The result adds up to `target`.
std::vector<double> largest_remainder(const std::vector<double>& shares, double target);

// The source code that marks a figure as an assumption made for a worked example, not a
// published figure (data/sources.csv); tables say which of their inputs carry it.
inline constexpr const char* kIllustrativeSource = "illustrative";
bool is_illustrative(const Figure& f);

// One recipient of an allocation rule run on the data.
struct AllocationRow {
    std::string place, name;
    Figure authorities, population;   // the inputs, as read
    AllocationLine exact;             // unrounded
    AllocationLine rounded;           // whole pounds
};

// An allocation rule (data/allocations.csv) worked through on the data.
struct AllocationResult {
    const data::AllocationRule* rule = nullptr;
    Figure pot, lump_sum, weight_authorities, weight_population;
    std::vector<AllocationRow> rows;
    AllocationLine total;                 // column sums of the rounded rows; total.total is the pot
    Money variable;                       // what is left of the pot after the lump sums (rounded)
    Count total_authorities, total_population;
    std::vector<std::string> sources;     // every source behind the inputs, first use first
};

// Reads the rule's inputs and runs allocate_by_formula and round_to_pounds. nullopt with `why`
// set (one sentence) when the rule is unknown, an input has no figure or is missing (e.g. "not
// reported"), or the formula cannot be applied (weights, a pot smaller than the lump sums).
std::optional<AllocationResult> run_allocation(const Figures& figures, const std::string& name, std::string* why);

}  // namespace ep::calc
