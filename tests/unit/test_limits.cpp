// The build's safety net (pipeline/limits.h): over the memory or time limit the process ends
// with exit 1 and one error naming the stage, and the staged output folder is gone. Each case
// runs in a child process, as the watchdog ends the process it watches.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "core/stage.h"
#include "pipeline/limits.h"

namespace fs = std::filesystem;
using namespace ep;

namespace {

struct Ended {
    int status = -1;      // exit status, or -1 if the child was not ended by exit()
    std::string stderr_text;
};

// Runs `body` in a child whose standard error goes to a file; the child must not return.
template <class Body>
Ended in_child(Body body) {
    const fs::path log = fs::temp_directory_path() / ("ep-limits-" + std::to_string(getpid()) + ".log");
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fd, STDERR_FILENO);
        body();
        _exit(99);   // the watchdog did not end it
    }
    int status = 0;
    waitpid(pid, &status, 0);
    Ended e;
    if (WIFEXITED(status)) e.status = WEXITSTATUS(status);
    std::ifstream in(log);
    std::stringstream ss;
    ss << in.rdbuf();
    e.stderr_text = ss.str();
    fs::remove(log);
    return e;
}

fs::path staged_folder(const char* name) {
    const fs::path dir = fs::temp_directory_path() / (std::string(name) + std::to_string(getpid()));
    fs::create_directories(dir / "site" / "deeper");
    std::ofstream(dir / "evidence-pack.pdf") << "half written";
    std::ofstream(dir / "site" / "deeper" / "page.html") << "<p>";
    return dir;
}

}  // namespace

TEST_CASE("limits: a build over its time limit ends with one error naming the stage; the staged output is removed") {
    const fs::path staged = staged_folder("ep-limits-time-");
    Ended e = in_child([&] {
        set_stage("reading content/slow.md");
        std::ostringstream unused;
        pipeline::Watchdog dog({0, 1}, unused);
        dog.set_staging(staged);
        std::thread busy([] { for (;;) std::this_thread::sleep_for(std::chrono::milliseconds(1)); });
        std::this_thread::sleep_for(std::chrono::seconds(10));
    });
    CHECK(e.status == 1);
    CHECK(e.stderr_text == "error: the build took more than 1 s while reading content/slow.md (--max-seconds; see "
                           "docs/limits.md)\nnothing was written and the previous output is unchanged.\n");
    CHECK_FALSE(fs::exists(staged));
    fs::remove_all(staged);
}

TEST_CASE("limits: memory past the limit ends the build; under it, and once the output is being swapped in, it does not") {
    const fs::path staged = staged_folder("ep-limits-memory-");
    Ended e = in_child([&] {
        set_stage("laying out and writing out/evidence-pack.pdf");
        std::ostringstream unused;
        pipeline::Watchdog dog({pipeline::resident_mb() + 64, 0}, unused);
        dog.set_staging(staged);
        std::vector<std::vector<char>> grown;
        for (int i = 0; i < 64; ++i) {   // up to 512 MB, touched so that it is resident
            grown.emplace_back(8 << 20, 'x');
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        std::this_thread::sleep_for(std::chrono::seconds(5));
    });
    CHECK(e.status == 1);
    CHECK(e.stderr_text.rfind("error: the build needed more than ", 0) == 0);
    CHECK(e.stderr_text.find(" MB of memory while laying out and writing out/evidence-pack.pdf (--max-memory") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(staged));

    const fs::path kept = staged_folder("ep-limits-committed-");
    Ended committed = in_child([&] {
        std::ostringstream unused;
        pipeline::Watchdog dog({0, 1}, unused);
        dog.set_staging(kept);
        dog.committing();
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        std::_Exit(0);
    });
    CHECK(committed.status == 0);
    CHECK(committed.stderr_text.empty());
    CHECK(fs::exists(kept / "site" / "deeper" / "page.html"));
    fs::remove_all(kept);
    fs::remove_all(staged);
}

TEST_CASE("limits: the message for an allocation the system refused names the stage") {
    set_stage("reading content/detail.md");
    CHECK(pipeline::out_of_memory_message("no memory left for an allocation") ==
          "error: the build ran out of memory while reading content/detail.md (no memory left for an allocation); "
          "the input named may be too large, see docs/limits.md");
    set_stage("");
}
