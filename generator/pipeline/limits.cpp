#include "pipeline/limits.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>

#include "core/stage.h"
#include "pipeline/output_folder.h"

namespace ep::pipeline {

namespace {

// A record of getdents64: the folder reads below use the system call directly, as opendir
// allocates, and a parked thread may hold the allocator's lock.
struct LinuxDirent64 {
    unsigned long long d_ino;
    long long d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[1];
};

// Stopping the build: every other thread is sent a signal whose handler never returns, so no
// writer can put a file back into the staged folder while it is removed.
std::atomic<int> g_parked{0};

extern "C" void park_thread(int) {
    g_parked.fetch_add(1);
    for (;;) pause();
}

void park_other_threads() {
    struct sigaction sa {};
    sa.sa_handler = park_thread;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR2, &sa, nullptr);
    const long self = syscall(SYS_gettid);
    long sent[1024];   // no allocation here (see remove_tree)
    int count = 0;
    for (int round = 0; round < 3; ++round) {   // again, for a thread started meanwhile
        const int fd = open("/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) return;
        alignas(8) char buf[4096];
        for (long n; (n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0;)
            for (long at = 0; at < n;) {
                const auto* d = reinterpret_cast<const LinuxDirent64*>(buf + at);
                at += d->d_reclen;
                const long tid = std::strtol(d->d_name, nullptr, 10);
                if (tid <= 0 || tid == self || std::find(sent, sent + count, tid) != sent + count || count == 1024)
                    continue;
                if (syscall(SYS_tgkill, getpid(), tid, SIGUSR2) == 0) sent[count++] = tid;
            }
        close(fd);
        for (int wait = 0; wait < 100 && g_parked.load() < count; ++wait) usleep(2000);
    }
}

// Removes `name` (in the folder `parent`) and all it holds with system calls only (nothing
// here may allocate, see above).
void remove_tree(int parent, const char* name) {
    if (unlinkat(parent, name, 0) == 0) return;
    const int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return;
    for (bool removed = true; removed;) {   // until a pass over the folder finds nothing left
        removed = false;
        lseek(fd, 0, SEEK_SET);
        alignas(8) char buf[4096];
        for (long n; (n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0;)
            for (long at = 0; at < n;) {
                const auto* d = reinterpret_cast<const LinuxDirent64*>(buf + at);
                at += d->d_reclen;
                if (std::strcmp(d->d_name, ".") == 0 || std::strcmp(d->d_name, "..") == 0) continue;
                remove_tree(fd, d->d_name);
                removed = true;
            }
    }
    close(fd);
    unlinkat(parent, name, AT_REMOVEDIR);
}

void write_all(const std::string& text) {
    for (size_t at = 0; at < text.size();) {
        const ssize_t n = write(STDERR_FILENO, text.data() + at, text.size() - at);
        if (n <= 0) return;
        at += static_cast<size_t>(n);
    }
}

std::string while_stage() {
    const std::string stage = current_stage();
    return stage.empty() ? "" : " while " + stage;
}

}  // namespace

std::string out_of_memory_message(const std::string& reason) {
    return "error: the build ran out of memory" + while_stage() + " (" + reason +
           "); the input named may be too large, see docs/limits.md";
}

long resident_mb() {
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return 0;
    long size = 0, resident = 0;
    const int got = std::fscanf(f, "%ld %ld", &size, &resident);
    std::fclose(f);
    if (got != 2) return 0;
    return resident * (sysconf(_SC_PAGESIZE) / 1024) / 1024;
}

Watchdog::Watchdog(const BuildLimits& limits, std::ostream& err) : limits_(limits), err_(err) {
    if (limits_.memory_mb > 0 || limits_.seconds > 0) thread_ = std::thread([this] { watch(); });
}

Watchdog::~Watchdog() {
    done_ = true;
    if (thread_.joinable()) thread_.join();
}

void Watchdog::committing() {
    std::lock_guard<std::mutex> lock(mutex_);
    committed_ = true;
}

void Watchdog::set_staging(const std::filesystem::path& staged) {
    std::lock_guard<std::mutex> lock(mutex_);
    staged_ = staged;
}

// Polls every 20 ms, the first time at once (a build of a small project is over in 20 ms, so
// a limit it already passes at the start must still be seen): a build grows by a few MB in
// that time at most, so the limit is overshot by little; an allocation too large for the
// system is a std::bad_alloc instead.
void Watchdog::watch() {
    const auto start = std::chrono::steady_clock::now();
    for (bool first = true; !done_; first = false) {
        if (!first) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (limits_.memory_mb > 0) {
            const long mb = resident_mb();
            if (mb > limits_.memory_mb)
                return stop_build("the build needed more than " + std::to_string(limits_.memory_mb) + " MB of memory" +
                           while_stage() + " (--max-memory; see docs/limits.md)");
        }
        if (limits_.seconds > 0 && std::chrono::steady_clock::now() - start > std::chrono::seconds(limits_.seconds))
            return stop_build("the build took more than " + std::to_string(limits_.seconds) + " s" + while_stage() +
                       " (--max-seconds; see docs/limits.md)");
    }
}

// Other threads are still running: the process ends here, without unwinding them. A build
// that finished or started swapping its output in meanwhile is left to finish.
void Watchdog::stop_build(const std::string& why) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (done_ || committed_) return;
    // Everything that allocates is done before the other threads are parked.
    const std::string message = "error: " + why + "\nnothing was written and the previous output is unchanged.\n";
    const std::string staged = staged_.string();
    err_.flush();
    park_other_threads();
    if (!staged.empty()) remove_tree(AT_FDCWD, staged.c_str());
    write_all(message);
    std::_Exit(1);
}

}  // namespace ep::pipeline
