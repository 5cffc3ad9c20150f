// The project's input folders (data/, content/, templates/, assets/) hold only files of the
// project: a symbolic link is followed only when what it points to is inside the project folder,
// so a link to /etc/passwd (or to a folder holding it) is never read or published.
#pragma once

#include <filesystem>
#include <string>

#include "core/diagnostics.h"

namespace ep::pipeline {

// Walks the input folders of the project at `root`: an error for each symbolic link that leads
// outside the project or to a folder holding it, and for anything that is neither a file nor a
// folder (a named pipe would hang the build, a device would be read as data).
void check_inputs_inside(const std::string& root, Diagnostics& d);

// Is `inner` the folder `outer` or somewhere under it? Both absolute, links resolved.
bool path_within(const std::filesystem::path& inner, const std::filesystem::path& outer);

}  // namespace ep::pipeline
