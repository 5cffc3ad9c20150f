// The templates and assets compiled into the program (the same ones `evidencepack new` writes),
// for a project that has no templates/ or assets/ folder of its own: such a project (the
// examples/ folders, a pack of data and content alone) builds with the shipped look.
#pragma once

#include <filesystem>
#include <string>

namespace ep::pipeline {

// The project's own `folder` ("templates" or "assets") when it has one, else a folder holding
// the built-in files of that name, written once per run into a private temporary folder that
// is removed when the program ends.
std::filesystem::path templates_or_builtin(const std::filesystem::path& root, const std::string& folder);

}  // namespace ep::pipeline
