// Named calculations on typed values. Missing inputs give a missing result (never zero), and
// units are checked: these functions are where arithmetic lives, and nowhere else.
#pragma once

#include <string>
#include <vector>

#include "core/value.h"

namespace ep::calc {

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

}  // namespace ep::calc
