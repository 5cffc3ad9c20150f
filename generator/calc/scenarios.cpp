#include "calc/scenarios.h"

#include <algorithm>

#include "calc/calculations.h"

namespace ep::calc {

Money outcome_cost(const Count& cohort, const Percentage& share, const Money& unit_cost) {
    Count people = people_in(cohort, share);
    if (auto r = missing_reason_of(people, unit_cost)) return Money::missing(*r);
    return Money::of(people.amount() * unit_cost.amount());
}

std::vector<ScenarioResult> run_scenarios(const Figures& figures, const std::string& model, std::string* why) {
    const auto& ds = figures.dataset();
    std::vector<ScenarioResult> results;
    for (const auto& line : ds.scenario_lines) {
        if (line.model != model) continue;
        auto it = std::find_if(results.begin(), results.end(),
                               [&](const ScenarioResult& r) { return r.scenario == line.scenario; });
        if (it == results.end()) {
            std::string inner;
            auto cohort = figures.get(line.cohort.measure, *line.cohort.place, line.cohort.period, &inner);
            if (!cohort) {
                *why = "scenario model '" + model + "': " + inner;
                return {};
            }
            results.push_back({model, line.scenario, *Count::from(cohort->value), {}, Money::of(0)});
            it = std::prev(results.end());
        }
        auto share = *Percentage::from(line.share);
        auto unit_cost = *Money::from(line.unit_cost);
        ScenarioOutcome o{line.outcome, people_in(it->cohort, share), outcome_cost(it->cohort, share, unit_cost), &line};
        if (o.cost.is_missing()) it->total = Money::missing(o.cost.missing_reason());
        else if (!it->total.is_missing()) it->total = Money::of(it->total.amount() + o.cost.amount());
        it->outcomes.push_back(std::move(o));
    }
    if (results.empty()) *why = "no scenario model called '" + model + "' in data/scenarios.csv";
    return results;
}

std::pair<Money, Money> scenario_range(const std::vector<ScenarioResult>& results) {
    if (results.empty()) return {Money::missing(), Money::missing()};
    double lo = 0, hi = 0;
    for (size_t i = 0; i < results.size(); ++i) {
        const Money& t = results[i].total;
        if (t.is_missing()) return {Money::missing(t.missing_reason()), Money::missing(t.missing_reason())};
        lo = i == 0 ? t.amount() : std::min(lo, t.amount());
        hi = i == 0 ? t.amount() : std::max(hi, t.amount());
    }
    return {Money::of(lo), Money::of(hi)};
}

}  // namespace ep::calc
