// Named calculations on typed values. Missing inputs give a missing result (never zero), and
// units are checked: these functions are where arithmetic lives, and nowhere else.
#pragma once

#include <string>
#include <vector>

#include "core/quantity.h"
#include "core/value.h"

namespace ep::calc {

// ---- typed calculations: the signature says what goes in and what comes out -------------

// spend ÷ people -> money per head (or per child, for a child population).
Money spend_per_head(const Money& spend, const Count& people);
// part ÷ whole -> percentage of the whole.
template <Unit U>
Percentage share_of(const Quantity<U>& part, const Quantity<U>& whole) {
    if (auto r = missing_reason_of(part, whole)) return Percentage::missing(*r);
    if (whole.amount() == 0) return Percentage::missing("N/A (zero total)");
    return Percentage::of(100.0 * part.amount() / whole.amount());
}
// How many people a percentage of a group is (97,600 pupils × 65% = 63,440).
Count people_in(const Count& group, const Percentage& share);
// What an investment must return at a given ratio (5:1 on £750k = £3.75m).
Money return_required(const Money& investment, const Ratio& ratio);
// Savings from unit costs: places × cost per place per week × weeks.
Money savings_from_unit_costs(const Count& places, const Money& weekly_cost_per_place, double weeks);
Money savings_from_unit_costs(const Count& places, const Money& weekly_cost_per_place, const Weeks& weeks);
// Savings from placing children with a cheaper provider: the places that move (places before
// − places after) × what each costs less (unit cost before − unit cost after).
// (130 − 110) × (£42,000 − £11,000) = £620,000. Negative when the volume or the price grew.
Money savings_from_switching(const Count& places_before, const Count& places_after, const Money& unit_cost_before,
                             const Money& unit_cost_after);
// A monthly amount over a year: £30,000 a month -> £360,000 a year.
Money annual_from_monthly(const Money& per_month);

// ---- untyped entry points for derivations declared in data/derived.csv --------------------
// They check the units at run time (throwing std::invalid_argument with a sentence) and then
// use the typed functions above where the signature is fixed.

// spend ÷ people -> money per head (or per child, for a child population).
Value per_head(const Value& amount, const Value& people);
// part ÷ whole -> percent.
Value share(const Value& part, const Value& whole);
// a + b + ... (same unit).
Value sum(const std::vector<Value>& parts);
// total − a − b ... (same unit): what is left of a total once the named parts are taken off.
Value remainder(const Value& total, const std::vector<Value>& parts);
// a × b × ... ; a percentage counts as a fraction. The result takes `unit`.
Value product(const std::vector<Value>& factors, Unit unit);
// a − b (same unit).
Value difference(const Value& a, const Value& b);
// a ÷ b -> ratio.
Value ratio(const Value& a, const Value& b);
// (a − b) ÷ b -> percent ("87% more than Warwickshire").
Value percent_difference(const Value& a, const Value& b);
// Case-study savings (docs/data-format.md), each through the typed function above:
// placement_savings: places; saving per place per week; weeks -> money.
Value placement_savings(const std::vector<Value>& inputs);
// switch_savings: places before; places after; unit cost before; unit cost after -> money.
Value switch_savings(const std::vector<Value>& inputs);
// annual_from_monthly: money a month -> money a year.
Value annual_from_monthly(const std::vector<Value>& inputs);

}  // namespace ep::calc
