// Scenario models ("the cost of failure"): a cohort × the share of it in each outcome × the
// unit cost of that outcome, per scenario. The inputs are labelled assumptions with sources;
// reported totals stay reported figures, and the two are shown side by side, never tuned.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calc/figures.h"
#include "core/quantity.h"

namespace ep::calc {

struct ScenarioOutcome {
    std::string outcome;
    Count people;       // cohort × share
    Money cost;         // people × unit cost
    const data::ScenarioLine* line = nullptr;
};

struct ScenarioResult {
    std::string model, scenario;
    Count cohort;
    std::vector<ScenarioOutcome> outcomes;
    Money total;        // missing if any input is missing
};

// The cost of one outcome: cohort × share × unit cost.
Money outcome_cost(const Count& cohort, const Percentage& share, const Money& unit_cost);

// Every scenario of `model`, in the order they first appear in data/scenarios.csv.
std::vector<ScenarioResult> run_scenarios(const Figures& figures, const std::string& model, std::string* why);

// Lowest and highest total across the scenarios (missing if any total is missing).
std::pair<Money, Money> scenario_range(const std::vector<ScenarioResult>& results);

}  // namespace ep::calc
