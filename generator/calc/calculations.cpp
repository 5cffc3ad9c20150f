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
    if (auto r = missing_reason_of(places, weekly_cost_per_place)) return Money::missing(*r);
    return Money::of(places.amount() * weekly_cost_per_place.amount() * weeks);
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

}  // namespace ep::calc
