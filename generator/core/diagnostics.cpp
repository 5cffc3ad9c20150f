#include "core/diagnostics.h"

namespace ep {

std::string to_string(const Location& loc) {
    std::string s = loc.file.empty() ? std::string("<input>") : loc.file;
    if (loc.line > 0) {
        s += ":" + std::to_string(loc.line);
        if (loc.column > 0) s += ":" + std::to_string(loc.column);
    }
    return s;
}

std::string to_string(const Diagnostic& d) {
    return to_string(d.where) + (d.is_warning ? ": warning: " : ": error: ") + d.message;
}

Error::Error(Location where, const std::string& message)
    : std::runtime_error(to_string(Location(where)) + ": error: " + message),
      where_(std::move(where)), message_(message) {}

void Diagnostics::error(Location where, std::string message) {
    items_.push_back({std::move(where), std::move(message), false});
    ++errors_;
}

void Diagnostics::warning(Location where, std::string message) {
    items_.push_back({std::move(where), std::move(message), true});
}

}  // namespace ep
