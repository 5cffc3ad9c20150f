#include "calc/allocation.h"

#include <cmath>
#include <stdexcept>

#include "calc/calculations.h"

namespace ep::calc {

std::vector<AllocationLine> allocate_by_formula(const Money& total_pot, const Money& lump_sum_per_region,
                                                const Percentage& weight_authorities,
                                                const Percentage& weight_population,
                                                const std::vector<RegionInput>& regions) {
    if (regions.empty()) throw std::invalid_argument("allocation: no regions");
    if (auto r = missing_reason_of(total_pot, lump_sum_per_region, weight_authorities, weight_population))
        throw std::invalid_argument("allocation: an input is missing (" + *r + ")");
    if (std::fabs(weight_authorities.amount() + weight_population.amount() - 100.0) > 1e-9)
        throw std::invalid_argument("allocation: the two weights must add up to 100%");
    double lumps = lump_sum_per_region.amount() * static_cast<double>(regions.size());
    double variable = total_pot.amount() - lumps;
    if (variable < 0) throw std::invalid_argument("allocation: the lump sums are more than the whole pot");
    double all_las = 0, all_young = 0;
    for (const auto& r : regions) {
        if (r.authorities.is_missing() || r.population_0_19.is_missing())
            throw std::invalid_argument("allocation: an input for " + r.region + " is missing");
        all_las += r.authorities.amount();
        all_young += r.population_0_19.amount();
    }
    if (all_las <= 0 || all_young <= 0) throw std::invalid_argument("allocation: no authorities or no population");
    std::vector<AllocationLine> out;
    for (const auto& r : regions) {
        AllocationLine line;
        line.region = r.region;
        line.lump_sum = lump_sum_per_region;
        line.by_authorities = Money::of(variable * weight_authorities.amount() / 100.0 * r.authorities.amount() / all_las);
        line.by_population = Money::of(variable * weight_population.amount() / 100.0 * r.population_0_19.amount() / all_young);
        line.total = Money::of(line.lump_sum.amount() + line.by_authorities.amount() + line.by_population.amount());
        out.push_back(line);
    }
    return out;
}

}  // namespace ep::calc
