// The ```table directive with `allocation: name`: an allocation rule from data/allocations.csv
// worked through (calc/allocation.h) as a table, one row per recipient with its inputs, its
// lump sum, its two variable shares and its total, in whole pounds that add up to the pot.
#pragma once

#include <string>
#include <vector>

#include "calc/figures.h"
#include "model/document.h"
#include "narrative/directives.h"

namespace ep::narrative {

// Fills `t` (already numbered and captioned) from the rule named by the `allocation` field, adds
// the inputs line to the caption and the sources behind the inputs to `sources`. Throws ep::Error
// at the offending field: an unknown allocation, an input with no figure or a missing one, a key
// that cannot go with `allocation`.
model::Table allocation_table(const calc::Figures& figures, const DirectiveFields& f, model::Table t,
                              std::vector<std::string>& sources);

}  // namespace ep::narrative
