// The small key/value and list CSVs under content/ (document.csv, sections.csv, ...).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostics.h"

namespace ep::pipeline {

// One row: column name -> (trimmed text, where the cell is).
using ContentRow = std::map<std::string, std::pair<std::string, Location>>;
using ContentRows = std::vector<ContentRow>;

// Reads a content CSV with the given columns (all required unless listed in `optional`);
// an unknown or missing column is an error in `d`. `shown` is the path as messages print it.
ContentRows read_content_csv(const std::filesystem::path& path, const std::string& shown,
                             const std::vector<std::string>& required, const std::vector<std::string>& optional,
                             Diagnostics& d);

}  // namespace ep::pipeline
