// Distinct types for money, percentages, counts, rates and ratios. A calculation states in its
// signature what it takes and gives (money ÷ people = money per head), so the compiler rejects
// adding pounds to people. Each quantity may be missing, with a reason, and missing propagates.
#pragma once

#include <optional>
#include <string>

#include "core/value.h"

namespace ep {

template <Unit U>
class Quantity {
public:
    static constexpr Unit unit = U;
    static Quantity of(double amount) {
        Quantity q;
        q.amount_ = amount;
        return q;
    }
    static Quantity missing(std::string reason = "N/A") {
        Quantity q;
        q.reason_ = std::move(reason);
        return q;
    }
    // nullopt if `v` is not of this unit (a programming or data error the caller reports).
    static std::optional<Quantity> from(const Value& v) {
        if (v.unit() != U || v.is_rating()) return std::nullopt;
        return v.is_missing() ? missing(v.missing_reason()) : of(v.amount());
    }
    bool is_missing() const { return !amount_.has_value(); }
    double amount() const { return *amount_; }
    const std::string& missing_reason() const { return reason_; }
    Value to_value() const { return is_missing() ? Value::missing(U, reason_) : Value::of(U, *amount_); }

private:
    std::optional<double> amount_;
    std::string reason_;
};

using Money = Quantity<Unit::Money>;
using Percentage = Quantity<Unit::Percent>;   // in percentage points: 71 means 71%
using Count = Quantity<Unit::Count>;
using Rate = Quantity<Unit::Rate>;
using Ratio = Quantity<Unit::Ratio>;
using Weeks = Quantity<Unit::Weeks>;
using Months = Quantity<Unit::Months>;

// The reason to carry forward when any of the inputs is missing, or nullopt.
template <typename... Qs>
std::optional<std::string> missing_reason_of(const Qs&... qs) {
    std::optional<std::string> reason;
    ((reason = (!reason && qs.is_missing()) ? std::optional<std::string>(qs.missing_reason()) : reason), ...);
    return reason;
}

}  // namespace ep
