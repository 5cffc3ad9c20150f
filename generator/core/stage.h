// What the build is working on ("reading content/detail.md", "laying out out/evidence-pack.pdf"),
// so that running out of memory or time can be reported naming the input, not as an abort.
#pragma once

#include <string>

namespace ep {

// Records the current stage for the whole process (the last thread to set it wins; the
// per-place packs name their place). Cheap: a lock and a string copy.
void set_stage(std::string what);
std::string current_stage();   // "" before anything was set

}  // namespace ep
