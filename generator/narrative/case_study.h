// Case-study documents (type case-studies): the shape every case study must have, checked on
// the built model. The ```facts and ```savings directives that case studies use are built by
// DirectiveBuilder (narrative/directives.h), in case_study.cpp.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "model/document.h"

namespace ep::narrative {

// The level-2 headings of a case study, in the order they must come.
const std::vector<std::string>& case_study_headings();

// Checks one case study (one section of a case-studies document; the document's first section
// is its introduction and is not checked): its level-2 headings must be exactly those of
// case_study_headings(), in that order (compared ignoring case). A missing, repeated, unknown or
// out-of-order heading is an error at `file`:line:column of the heading concerned; a missing
// heading is reported at the heading it belongs before (or at the end of the study). `file` is
// the section's file as shown in messages ("content/case-studies/braintree.md").
void check_case_study(const model::Section& section, const std::string& file, Diagnostics& diags);

}  // namespace ep::narrative
