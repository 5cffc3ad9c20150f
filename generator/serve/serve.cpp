#include "serve/serve.h"

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "core/text.h"
#include "html/site_files.h"
#include "serve/files.h"

namespace ep::serve {

namespace fs = std::filesystem;

namespace {

// What the pages are told: the number of the last good build and, after a failed build, its
// problems. Shared by the watcher (which writes it) and every open page's event stream.
class BuildState {
public:
    void record(int status, std::vector<Problem> problems) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (status == 0) {
                ++generation_;
                problems_.clear();
            } else {
                problems_ = std::move(problems);
            }
            ++version_;
        }
        changed_.notify_all();
    }
    unsigned long generation() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return generation_;
    }
    // The state as JSON once it differs from `*seen` (or at once the first time), or "" when
    // `wait` passed or the server stops.
    std::string next(unsigned long* seen, std::chrono::milliseconds wait, const std::atomic<bool>& stopping) {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait_for(lock, wait, [&] { return stopping || version_ != *seen; });
        if (stopping || version_ == *seen) return "";
        *seen = version_;
        return state_json(generation_, problems_);
    }
    void wake_all() {
        // Under the lock: a stream between its check and its wait still hears it.
        { std::lock_guard<std::mutex> lock(mutex_); }
        changed_.notify_all();
    }

private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    unsigned long generation_ = 0;   // good builds so far
    unsigned long version_ = 0;      // builds so far, good or not
    std::vector<Problem> problems_;
};

bool is_loopback(const std::string& host) {
    return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// The page for an address with no file: it carries the script too, so it becomes the page as
// soon as a build writes it (or shows why the build failed).
std::string not_found_page(const std::string& path, unsigned long generation) {
    return with_live_reload("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>"
                            "<body><main><h1>Not found</h1><p>No page at <code>" + html_escape(path) +
                            "</code> in the last good build. <a href=\"/\">The pack's first page</a>.</p></main>\n</body></html>\n",
                            generation);
}

void answer_get(const fs::path& out_dir, const BuildState& state, const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Content-Type-Options", "nosniff");
    const Lookup found = look_up(out_dir, req.path);
    switch (found.kind) {
        case Lookup::Kind::bad_request:
            res.status = 400;
            res.set_content("400 bad request: that path may not be asked for\n", "text/plain; charset=utf-8");
            return;
        case Lookup::Kind::redirect:
            res.status = 301;
            res.set_header("Location", found.location);
            return;
        case Lookup::Kind::not_found:
            res.status = 404;
            res.set_content(not_found_page(req.path, state.generation()), "text/html; charset=utf-8");
            return;
        case Lookup::Kind::file:
            break;
    }
    const std::string type = content_type_for(found.file);
    std::string body = html::read_file(found.file.string());
    if (type.rfind("text/html", 0) == 0) body = with_live_reload(std::move(body), state.generation());
    res.status = 200;
    res.set_content(std::move(body), type);
}

}  // namespace

int run_serve(const pipeline::RunOptions& build, const ServeOptions& serve, std::ostream& out, std::ostream& err,
              const volatile std::sig_atomic_t* stop) {
    const fs::path root = fs::absolute(build.root);
    const fs::path out_dir = fs::absolute(build.out.empty() ? root / "out" : fs::path(build.out)).lexically_normal();
    if (!is_loopback(serve.host))
        err << "evidencepack: warning: serving on " << serve.host
            << ", not on this computer alone: anyone who can reach it can read the draft pack\n";

    httplib::Server server;
    // Every open page holds one connection for its events: room for many tabs.
    server.new_task_queue = [] { return new httplib::ThreadPool(32); };
    server.set_payload_max_length(64 * 1024);
    // An idle connection is let go after a second, so Ctrl-C does not wait for it.
    server.set_keep_alive_timeout(1);
    BuildState state;
    std::atomic<bool> stopping{false};

    server.Get("/__evidencepack/live.js", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        res.set_content(kLiveReloadScript, "text/javascript; charset=utf-8");
    });
    server.Get("/__evidencepack/events", [&](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        auto seen = std::make_shared<unsigned long>(~0UL);
        res.set_chunked_content_provider("text/event-stream", [&state, &stopping, seen](size_t, httplib::DataSink& sink) {
            // Block until the next build (a comment now and then finds closed connections).
            const std::string json = state.next(seen.get(), std::chrono::seconds(15), stopping);
            if (stopping) {
                sink.done();
                return false;
            }
            const std::string message = json.empty() ? std::string(": still here\n\n") : "event: state\ndata: " + json + "\n\n";
            return sink.write(message.data(), message.size());
        });
    });
    server.Get(".*", [&](const httplib::Request& req, httplib::Response& res) { answer_get(out_dir, state, req, res); });

    int port = serve.port;
    if (port == 0) {
        port = server.bind_to_any_port(serve.host);
        if (port < 0) port = 0;
    } else if (!server.bind_to_port(serve.host, port)) {
        port = 0;
    }
    if (port == 0) {
        err << "evidencepack: cannot serve on " << serve.host << ":" << serve.port
            << " (is another server using that port? choose another with --port N, or --port 0 for any free one)\n";
        return 2;
    }
    std::thread listener([&] { server.listen_after_bind(); });

    const std::string host_in_url = serve.host.find(':') != std::string::npos ? "[" + serve.host + "]" : serve.host;
    int first_status = -1;
    const int status = pipeline::run_watch(build, out, err, stop, [&](int build_status, const std::string& errors) {
        state.record(build_status, read_problems(errors, root));
        if (first_status != -1) return;
        first_status = build_status;
        if (build_status == 2) return;   // an output folder it may not write: run_watch stops
        out << "Serving " << out_dir.string() << " at http://" << host_in_url << ":" << port
            << "/ (live reload on; Ctrl-C to stop)\n" << std::flush;
    });

    stopping = true;
    state.wake_all();
    server.stop();
    listener.join();
    if (status == 2 && first_status == 2) return 2;
    out << "Stopped.\n" << std::flush;
    return 0;
}

}  // namespace ep::serve
