// What --watch and serve look at: the project's input files, and a way to sleep until one of
// them may have changed.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>

namespace ep::pipeline {

// Every file under data/, content/, templates/ and assets/ with its time and size.
using Snapshot = std::map<std::string, std::pair<std::filesystem::file_time_type, std::uintmax_t>>;

Snapshot snapshot(const std::filesystem::path& root);

// "content/neets.md", or "content/neets.md and 2 more files"; "" when nothing changed.
std::string changes(const Snapshot& before, const Snapshot& after);

// Wakes as soon as the kernel reports a change under the input folders (inotify), or after
// `timeout` when it cannot (inotify unavailable, or out of watches): the caller compares
// snapshots either way, so a missed event costs at most one timeout.
class InputWaker {
public:
    explicit InputWaker(std::filesystem::path root);
    ~InputWaker();
    InputWaker(const InputWaker&) = delete;
    InputWaker& operator=(const InputWaker&) = delete;

    // True if something may have changed (an event), false after the timeout.
    bool wait(std::chrono::milliseconds timeout);
    // Watches every folder under the inputs again (after folders were added or removed).
    void rewatch();

private:
    std::filesystem::path root_;
    int fd_ = -1;
};

}  // namespace ep::pipeline
