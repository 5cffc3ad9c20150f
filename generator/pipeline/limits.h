// The per-build safety net (docs/limits.md): a memory and a time limit, watched on a thread of
// their own, and the message for an allocation the system refused. Over a limit the build's
// other threads are stopped where they are, the staged output is removed and one error naming
// what the build was working on (core/stage.h) goes to standard error, then the process exits
// with 1: the previous output is untouched; never an abort, never a build without end.
#pragma once

#include <atomic>
#include <filesystem>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

namespace ep::pipeline {

struct BuildLimits {
    long memory_mb = 1024;   // resident memory of the whole process; 0: no limit
    long seconds = 600;      // wall-clock time of one build; 0: no limit
};

// "error: the build ran out of memory while reading content/detail.md": for a std::bad_alloc
// or std::length_error caught on the way out (`reason` says which).
std::string out_of_memory_message(const std::string& reason);

class Watchdog {
public:
    Watchdog(const BuildLimits& limits, std::ostream& err);
    ~Watchdog();
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

    // The staged output folder, removed if a limit ends the build.
    void set_staging(const std::filesystem::path& staged);
    // The staged output is about to be swapped in: from here on the limits no longer end the
    // build (a swap ended half-way would leave neither output whole).
    void committing();

private:
    void watch();
    void stop_build(const std::string& why);

    BuildLimits limits_;
    std::ostream& err_;
    std::mutex mutex_;   // guards staged_ and committed_
    std::filesystem::path staged_;
    bool committed_ = false;
    std::atomic<bool> done_{false};
    std::thread thread_;
};

// The resident memory of this process in MB (Linux: /proc/self/statm), 0 if unknown.
long resident_mb();

}  // namespace ep::pipeline
