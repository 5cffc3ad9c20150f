// Errors and warnings that point at a place in an input file. Every problem a user can cause
// is reported as "file:line:column: error: sentence", so an officer can find and fix it.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace ep {

struct Location {
    std::string file;   // path as the user would type it, relative to the project root
    int line = 0;       // 1-based; 0 when not known
    int column = 0;     // 1-based; 0 when not known
};

std::string to_string(const Location& loc);

struct Diagnostic {
    Location where;
    std::string message;
    bool is_warning = false;
};

std::string to_string(const Diagnostic& d);

// A single fatal problem, thrown where collecting more problems makes no sense.
class Error : public std::runtime_error {
public:
    Error(Location where, const std::string& message);
    const Location& where() const { return where_; }
    const std::string& message() const { return message_; }
private:
    Location where_;
    std::string message_;
};

// Collects every problem in a run, so the user sees them all at once.
class Diagnostics {
public:
    void error(Location where, std::string message);
    void warning(Location where, std::string message);
    void add(const Error& e) { error(e.where(), e.message()); }
    bool has_errors() const { return errors_ > 0; }
    int error_count() const { return errors_; }
    int warning_count() const { return static_cast<int>(items_.size()) - errors_; }
    const std::vector<Diagnostic>& items() const { return items_; }
private:
    std::vector<Diagnostic> items_;
    int errors_ = 0;
};

}  // namespace ep
