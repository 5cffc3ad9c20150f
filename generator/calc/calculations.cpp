#include "calc/calculations.h"

#include <stdexcept>

namespace ep::calc {

namespace {

// The first missing value among the inputs, so its reason ("suppressed") is kept.
const Value* first_missing(const std::vector<const Value*>& vs) {
    for (const Value* v : vs)
        if (v->is_missing()) return v;
    return nullptr;
}

void require_numeric(const Value& v, const char* what) {
    if (v.is_rating()) throw std::invalid_argument(std::string(what) + ": a rating is not a number");
}

void require_same_unit(const Value& a, const Value& b, const char* what) {
    if (a.unit() != b.unit())
        throw std::invalid_argument(std::string(what) + ": cannot combine " + unit_name(a.unit()) + " with " +
                                    unit_name(b.unit()));
}

double as_factor(const Value& v) { return v.unit() == Unit::Percent ? v.amount() / 100.0 : v.amount(); }

}  // namespace

Money spend_per_head(const Money& spend, const Count& people) {
    if (auto r = missing_reason_of(spend, people)) return Money::missing(*r);
    if (people.amount() == 0) return Money::missing("N/A (no people)");
    return Money::of(spend.amount() / people.amount());
}

Count people_in(const Count& group, const Percentage& share) {
    if (auto r = missing_reason_of(group, share)) return Count::missing(*r);
    return Count::of(group.amount() * share.amount() / 100.0);
}

Money return_required(const Money& investment, const Ratio& ratio) {
    if (auto r = missing_reason_of(investment, ratio)) return Money::missing(*r);
    return Money::of(investment.amount() * ratio.amount());
}

Money savings_from_unit_costs(const Count& places, const Money& weekly_cost_per_place, double weeks) {
    return savings_from_unit_costs(places, weekly_cost_per_place, Weeks::of(weeks));
}

Money savings_from_unit_costs(const Count& places, const Money& weekly_cost_per_place, const Weeks& weeks) {
    if (auto r = missing_reason_of(places, weekly_cost_per_place, weeks)) return Money::missing(*r);
    return Money::of(places.amount() * weekly_cost_per_place.amount() * weeks.amount());
}

Money savings_from_switching(const Count& places_before, const Count& places_after, const Money& unit_cost_before,
                             const Money& unit_cost_after) {
    if (auto r = missing_reason_of(places_before, places_after, unit_cost_before, unit_cost_after))
        return Money::missing(*r);
    return Money::of((places_before.amount() - places_after.amount()) *
                     (unit_cost_before.amount() - unit_cost_after.amount()));
}

Money annual_from_monthly(const Money& per_month) {
    if (per_month.is_missing()) return per_month;
    return Money::of(per_month.amount() * 12.0);
}

Value per_head(const Value& amount, const Value& people) {
    auto spend = Money::from(amount);
    auto heads = Count::from(people);
    if (!spend) throw std::invalid_argument("per head: the amount must be money, not " + unit_name(amount.unit()));
    if (!heads) throw std::invalid_argument("per head: the divisor must be a count of people, not " + unit_name(people.unit()));
    return spend_per_head(*spend, *heads).to_value();
}

Value share(const Value& part, const Value& whole) {
    require_numeric(part, "share");
    require_numeric(whole, "share");
    require_same_unit(part, whole, "share");
    if (auto m = first_missing({&part, &whole})) return Value::missing(Unit::Percent, m->missing_reason());
    if (whole.amount() == 0) return Value::missing(Unit::Percent, "N/A (zero total)");
    return Value::of(Unit::Percent, 100.0 * part.amount() / whole.amount());
}

Value sum(const std::vector<Value>& parts) {
    if (parts.empty()) throw std::invalid_argument("sum: nothing to add");
    double total = 0;
    for (const auto& p : parts) {
        require_numeric(p, "sum");
        require_same_unit(parts.front(), p, "sum");
        if (p.is_missing()) return Value::missing(p.unit(), p.missing_reason());
        total += p.amount();
    }
    return Value::of(parts.front().unit(), total);
}

Value remainder(const Value& total, const std::vector<Value>& parts) {
    require_numeric(total, "remainder");
    if (total.is_missing()) return total;
    double left = total.amount();
    for (const auto& p : parts) {
        require_numeric(p, "remainder");
        require_same_unit(total, p, "remainder");
        if (p.is_missing()) return Value::missing(total.unit(), p.missing_reason());
        left -= p.amount();
    }
    return Value::of(total.unit(), left);
}

Value product(const std::vector<Value>& factors, Unit unit) {
    if (factors.empty()) throw std::invalid_argument("product: nothing to multiply");
    double result = 1;
    for (const auto& f : factors) {
        require_numeric(f, "product");
        if (f.is_missing()) return Value::missing(unit, f.missing_reason());
        result *= as_factor(f);
    }
    if (unit == Unit::Percent) result *= 100.0;
    return Value::of(unit, result);
}

Value difference(const Value& a, const Value& b) {
    require_numeric(a, "difference");
    require_numeric(b, "difference");
    require_same_unit(a, b, "difference");
    if (auto m = first_missing({&a, &b})) return Value::missing(a.unit(), m->missing_reason());
    return Value::of(a.unit(), a.amount() - b.amount());
}

Value ratio(const Value& a, const Value& b) {
    require_numeric(a, "ratio");
    require_numeric(b, "ratio");
    if (auto m = first_missing({&a, &b})) return Value::missing(Unit::Ratio, m->missing_reason());
    if (b.amount() == 0) return Value::missing(Unit::Ratio, "N/A (divide by zero)");
    return Value::of(Unit::Ratio, a.amount() / b.amount());
}

Value percent_difference(const Value& a, const Value& b) {
    require_numeric(a, "percent difference");
    require_numeric(b, "percent difference");
    require_same_unit(a, b, "percent difference");
    if (auto m = first_missing({&a, &b})) return Value::missing(Unit::Percent, m->missing_reason());
    if (b.amount() == 0) return Value::missing(Unit::Percent, "N/A (divide by zero)");
    return Value::of(Unit::Percent, 100.0 * (a.amount() - b.amount()) / b.amount());
}

namespace {

void require_count(const std::vector<Value>& inputs, size_t n, const char* what) {
    if (inputs.size() != n)
        throw std::invalid_argument(std::string(what) + " takes " + std::to_string(n) + " input" + (n == 1 ? "" : "s") +
                                    ", not " + std::to_string(inputs.size()));
}

// The input as quantity Q, or a sentence naming what it should have been.
template <typename Q>
Q typed(const Value& v, const char* what, const char* role) {
    auto q = Q::from(v);
    if (!q)
        throw std::invalid_argument(std::string(what) + ": " + role + " must be " + unit_name(Q::unit) + ", not " +
                                    unit_name(v.unit()));
    return *q;
}

}  // namespace

Value placement_savings(const std::vector<Value>& in) {
    const char* what = "placement_savings";
    require_count(in, 3, what);
    return savings_from_unit_costs(typed<Count>(in[0], what, "the places saved"),
                                   typed<Money>(in[1], what, "the saving per place per week"),
                                   typed<Weeks>(in[2], what, "the time saved per place"))
        .to_value();
}

Value switch_savings(const std::vector<Value>& in) {
    const char* what = "switch_savings";
    require_count(in, 4, what);
    return savings_from_switching(typed<Count>(in[0], what, "the places before"),
                                  typed<Count>(in[1], what, "the places after"),
                                  typed<Money>(in[2], what, "the unit cost before"),
                                  typed<Money>(in[3], what, "the unit cost after"))
        .to_value();
}

Value annual_from_monthly(const std::vector<Value>& in) {
    const char* what = "annual_from_monthly";
    require_count(in, 1, what);
    return annual_from_monthly(typed<Money>(in[0], what, "the monthly amount")).to_value();
}

}  // namespace ep::calc
