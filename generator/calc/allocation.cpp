#include "calc/allocation.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "calc/calculations.h"
#include "core/format.h"
#include "core/text.h"

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

namespace ep::calc {

std::vector<double> largest_remainder(const std::vector<double>& shares, double target) {
    std::vector<double> out(shares.size(), 0.0);
    if (target < 0 || std::floor(target) != target) throw std::invalid_argument("allocation: the amount to share must be whole units");
    double sum = 0;
    for (double s : shares) {
        if (s < 0) throw std::invalid_argument("allocation: a share is negative");
        sum += s;
    }
    if (target == 0) return out;
    if (sum <= 0) throw std::invalid_argument("allocation: there is nothing to share the amount by");
    std::vector<double> remainder(shares.size());
    double given = 0;
    for (size_t i = 0; i < shares.size(); ++i) {
        double quota = target * shares[i] / sum;
        out[i] = std::floor(quota);
        remainder[i] = quota - out[i];
        given += out[i];
    }
    long long left = std::llround(target - given);
    if (left < 0 || left > static_cast<long long>(shares.size()))
        throw std::logic_error("allocation: largest remainder left " + std::to_string(left) + " units");
    std::vector<size_t> order(shares.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return remainder[a] > remainder[b]; });
    for (long long k = 0; k < left; ++k) out[order[static_cast<size_t>(k)]] += 1;
    return out;
}

std::vector<AllocationLine> round_to_pounds(const std::vector<AllocationLine>& exact, const Money& total_pot) {
    if (exact.empty()) throw std::invalid_argument("allocation: no regions");
    if (total_pot.is_missing()) throw std::invalid_argument("allocation: the pot is missing (" + total_pot.missing_reason() + ")");
    double pot = round_to(total_pot.amount(), 0);
    double lump = round_to(exact.front().lump_sum.amount(), 0);
    double variable = pot - lump * static_cast<double>(exact.size());
    if (variable < 0) throw std::invalid_argument("allocation: the lump sums are more than the whole pot");
    std::vector<double> by_las, by_young;
    double sum_las = 0, sum_young = 0;
    for (const auto& line : exact) {
        by_las.push_back(line.by_authorities.amount());
        by_young.push_back(line.by_population.amount());
        sum_las += by_las.back();
        sum_young += by_young.back();
    }
    double las_column = sum_las + sum_young > 0 ? round_to(variable * sum_las / (sum_las + sum_young), 0) : 0;
    auto las = largest_remainder(by_las, las_column);
    auto young = largest_remainder(by_young, variable - las_column);
    std::vector<AllocationLine> out;
    for (size_t i = 0; i < exact.size(); ++i) {
        AllocationLine line;
        line.region = exact[i].region;
        line.lump_sum = Money::of(lump);
        line.by_authorities = Money::of(las[i]);
        line.by_population = Money::of(young[i]);
        line.total = Money::of(lump + las[i] + young[i]);
        out.push_back(line);
    }
    return out;
}

bool is_illustrative(const Figure& f) {
    return std::find(f.sources.begin(), f.sources.end(), kIllustrativeSource) != f.sources.end();
}

namespace {

void add_sources(std::vector<std::string>& into, const Figure& f) {
    for (const auto& s : f.sources)
        if (std::find(into.begin(), into.end(), s) == into.end()) into.push_back(s);
}

}  // namespace

std::optional<AllocationResult> run_allocation(const Figures& figures, const std::string& name, std::string* why) {
    const auto& ds = figures.dataset();
    const data::AllocationRule* rule = ds.allocation_rule(name);
    if (!rule) {
        std::string known;
        for (const auto& a : ds.allocation_rules) known += (known.empty() ? "" : ", ") + a.name;
        *why = "unknown allocation '" + name + "' (" +
               (known.empty() ? std::string("there is no data/allocations.csv") : "data/allocations.csv defines: " + known) + ")";
        return std::nullopt;
    }
    const std::string defined_at = " (allocation '" + name + "' is defined at " + to_string(rule->where) + ")";
    // One input figure; its absence, or a missing value, stops the allocation with one sentence.
    auto read = [&](const data::InputRef& in, const std::string& place, const std::string& what) -> std::optional<Figure> {
        std::string reason;
        auto f = figures.get(in.measure, place, in.period, &reason);
        const data::Place* p = ds.place(place);
        std::string who = p ? p->name : place;
        if (!f) {
            *why = "allocation '" + name + "' needs " + what + " for " + who + ": " + reason + defined_at;
            return std::nullopt;
        }
        if (f->value.is_missing()) {
            *why = "allocation '" + name + "' needs " + what + " for " + who + ", but " + in.measure + " for " + f->period +
                   " is '" + f->value.missing_reason() + "'" + defined_at;
            return std::nullopt;
        }
        return f;
    };
    AllocationResult r;
    r.rule = rule;
    auto pot = read(rule->pot, rule->pot.place.value_or(""), "the pot (" + rule->pot.measure + ")");
    if (!pot) return std::nullopt;
    auto lump = read(rule->lump_sum, rule->lump_sum.place.value_or(""), "the lump sum (" + rule->lump_sum.measure + ")");
    if (!lump) return std::nullopt;
    auto wa = read(rule->weight_authorities, rule->weight_authorities.place.value_or(""),
                   "the weight on authorities (" + rule->weight_authorities.measure + ")");
    if (!wa) return std::nullopt;
    auto wp = read(rule->weight_population, rule->weight_population.place.value_or(""),
                   "the weight on population (" + rule->weight_population.measure + ")");
    if (!wp) return std::nullopt;
    r.pot = *pot;
    r.lump_sum = *lump;
    r.weight_authorities = *wa;
    r.weight_population = *wp;
    for (const Figure* f : {&r.pot, &r.lump_sum, &r.weight_authorities, &r.weight_population}) add_sources(r.sources, *f);
    std::vector<RegionInput> inputs;
    double all_las = 0, all_young = 0;
    for (const auto& code : rule->recipients) {
        AllocationRow row;
        row.place = code;
        row.name = ds.place(code) ? ds.place(code)->name : code;
        auto las = read(rule->authorities, code, "its number of authorities (" + rule->authorities.measure + ")");
        if (!las) return std::nullopt;
        auto young = read(rule->population, code, "its population (" + rule->population.measure + ")");
        if (!young) return std::nullopt;
        row.authorities = *las;
        row.population = *young;
        add_sources(r.sources, row.authorities);
        add_sources(r.sources, row.population);
        all_las += las->value.amount();
        all_young += young->value.amount();
        auto las_count = Count::from(las->value), young_count = Count::from(young->value);
        if (!las_count || !young_count) {
            *why = "allocation '" + name + "': the inputs for " + row.name + " must be counts" + defined_at;
            return std::nullopt;
        }
        inputs.push_back({code, *las_count, *young_count});
        r.rows.push_back(std::move(row));
    }
    auto pot_money = Money::from(r.pot.value), lump_money = Money::from(r.lump_sum.value);
    auto wa_percent = Percentage::from(r.weight_authorities.value), wp_percent = Percentage::from(r.weight_population.value);
    if (!pot_money || !lump_money || !wa_percent || !wp_percent) {
        *why = "allocation '" + name + "': the pot and lump sum must be money and the weights percentages" + defined_at;
        return std::nullopt;
    }
    try {
        auto exact = allocate_by_formula(*pot_money, *lump_money, *wa_percent, *wp_percent, inputs);
        auto rounded = round_to_pounds(exact, *pot_money);
        double lumps = 0, las = 0, young = 0, total = 0;
        for (size_t i = 0; i < r.rows.size(); ++i) {
            r.rows[i].exact = exact[i];
            r.rows[i].rounded = rounded[i];
            lumps += rounded[i].lump_sum.amount();
            las += rounded[i].by_authorities.amount();
            young += rounded[i].by_population.amount();
            total += rounded[i].total.amount();
        }
        r.total = {"", Money::of(lumps), Money::of(las), Money::of(young), Money::of(total)};
        r.variable = Money::of(las + young);
    } catch (const std::invalid_argument& e) {
        std::string message = e.what();
        if (starts_with(message, "allocation: ")) message = message.substr(12);
        *why = "allocation '" + name + "' cannot be worked out: " + message + defined_at;
        return std::nullopt;
    }
    r.total_authorities = Count::of(all_las);
    r.total_population = Count::of(all_young);
    return r;
}

}  // namespace ep::calc
