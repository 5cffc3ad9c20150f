// Allocation by formula (seed 004): a flat lump sum per region plus a variable sum split by
// weights between the regions' share of local authorities and of young people aged 0-19.
#pragma once

#include <string>
#include <vector>

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

}  // namespace ep::calc
