#include "pipeline/input_watch.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <thread>
#include <vector>

namespace ep::pipeline {

namespace fs = std::filesystem;

namespace {
constexpr const char* kInputFolders[] = {"data", "content", "templates", "assets"};
}

Snapshot snapshot(const fs::path& root) {
    Snapshot s;
    for (const char* dir : kInputFolders) {
        std::error_code ec;
        fs::recursive_directory_iterator it(root / dir, fs::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            std::error_code fe;
            if (!it->is_regular_file(fe)) continue;
            auto t = it->last_write_time(fe);
            auto size = it->file_size(fe);
            if (!fe) s[fs::relative(it->path(), root, fe).generic_string()] = {t, size};
        }
    }
    return s;
}

std::string changes(const Snapshot& before, const Snapshot& after) {
    std::vector<std::string> changed;
    for (const auto& [path, stamp] : after) {
        auto it = before.find(path);
        if (it == before.end() || it->second != stamp) changed.push_back(path);
    }
    for (const auto& [path, stamp] : before)
        if (!after.count(path)) changed.push_back(path + " (removed)");
    if (changed.empty()) return "";
    std::string text = changed.front();
    if (changed.size() > 1)
        text += " and " + std::to_string(changed.size() - 1) + (changed.size() == 2 ? " more file" : " more files");
    return text;
}

InputWaker::InputWaker(fs::path root) : root_(std::move(root)) {
    fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    rewatch();
}

InputWaker::~InputWaker() {
    if (fd_ >= 0) close(fd_);
}

void InputWaker::rewatch() {
    if (fd_ < 0) return;
    // A fresh descriptor drops the watches of folders that went away.
    close(fd_);
    fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd_ < 0) return;
    constexpr uint32_t kEvents = IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
                                 IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF;
    // The project folder too: an input folder created or replaced as a whole.
    inotify_add_watch(fd_, root_.c_str(), kEvents | IN_ONLYDIR);
    for (const char* dir : kInputFolders) {
        std::error_code ec;
        if (!fs::is_directory(root_ / dir, ec)) continue;
        inotify_add_watch(fd_, (root_ / dir).c_str(), kEvents | IN_ONLYDIR);
        fs::recursive_directory_iterator it(root_ / dir, fs::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            std::error_code de;
            if (it->is_directory(de) && !de) inotify_add_watch(fd_, it->path().c_str(), kEvents | IN_ONLYDIR);
        }
    }
}

bool InputWaker::wait(std::chrono::milliseconds timeout) {
    if (fd_ < 0) {
        std::this_thread::sleep_for(timeout);
        return false;
    }
    pollfd p{fd_, POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(timeout.count()));
    if (ready <= 0) return false;
    // Drain what is queued: the snapshot says what changed.
    alignas(inotify_event) char buffer[16384];
    while (read(fd_, buffer, sizeof buffer) > 0) {
    }
    return true;
}

}  // namespace ep::pipeline
