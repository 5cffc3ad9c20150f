#include "pipeline/content_csv.h"

#include <algorithm>

#include "core/text.h"
#include "data/csv_reader.h"

namespace ep::pipeline {

ContentRows read_content_csv(const std::filesystem::path& path, const std::string& shown,
                             const std::vector<std::string>& required, const std::vector<std::string>& optional,
                             Diagnostics& d) {
    ContentRows rows;
    try {
        auto t = data::read_csv(path.string(), shown);
        std::map<std::string, size_t> cols;
        for (size_t i = 0; i < t.header.size(); ++i) {
            bool known = std::find(required.begin(), required.end(), t.header[i]) != required.end() ||
                         std::find(optional.begin(), optional.end(), t.header[i]) != optional.end();
            if (!known) d.error(t.at(t.header_fields[i]), "unknown column '" + t.header[i] + "'");
            cols[t.header[i]] = i;
        }
        for (const auto& r : required)
            if (!cols.count(r)) {
                d.error({shown, 1, 1}, "missing column '" + r + "'");
                return rows;
            }
        for (const auto& row : t.rows) {
            std::map<std::string, std::pair<std::string, Location>> m;
            for (const auto& [name, i] : cols) m[name] = {trim(row.fields[i].text), t.at(row.fields[i])};
            rows.push_back(std::move(m));
        }
    } catch (const Error& e) {
        d.add(e);
    }
    return rows;
}

}  // namespace ep::pipeline
