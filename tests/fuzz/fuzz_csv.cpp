// Fuzz target: the CSV reader and the cell parser. Every field of a parsed file goes through
// parse_value for every unit, and so does the whole input as one cell. ep::Error is the
// expected way to reject input; anything else (a crash, another exception, UB, a leak) is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/value.h"
#include "data/csv_reader.h"

namespace {

constexpr ep::Unit kUnits[] = {ep::Unit::Money, ep::Unit::Percent, ep::Unit::Count, ep::Unit::Rate, ep::Unit::Ratio,
                               ep::Unit::Months, ep::Unit::Weeks, ep::Unit::Years, ep::Unit::Rating};

void parse_cell(const std::string& text) {
    for (ep::Unit u : kUnits) {
        std::string why;
        size_t offset = 0;
        auto v = ep::parse_value(text, u, &why, &offset);
        if (!v) {
            // The reported offset must point inside the cell (it becomes a column number).
            if (offset > text.size()) __builtin_trap();
            if (why.empty()) __builtin_trap();
        } else if (!v->is_missing() && !v->is_rating()) {
            volatile double a = v->amount();
            (void)a;
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string input(reinterpret_cast<const char*>(data), size);
    if (size <= 64) parse_cell(input);
    try {
        ep::data::CsvTable t = ep::data::parse_csv(input, "data/fuzz.csv");
        for (const auto& row : t.rows) {
            if (row.fields.size() != t.header.size()) __builtin_trap();   // ragged rows are rejected
            for (const auto& f : row.fields) {
                if (f.line < 1 || f.column < 1) __builtin_trap();
                parse_cell(f.text);
            }
        }
    } catch (const ep::Error& e) {
        if (e.where().file != "data/fuzz.csv") __builtin_trap();
    }
    return 0;
}
