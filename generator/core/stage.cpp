#include "core/stage.h"

#include <mutex>

namespace ep {

namespace {

std::mutex& stage_mutex() {
    static std::mutex m;
    return m;
}

std::string& stage_text() {
    static std::string s;
    return s;
}

}  // namespace

void set_stage(std::string what) {
    std::lock_guard<std::mutex> lock(stage_mutex());
    stage_text() = std::move(what);
}

std::string current_stage() {
    std::lock_guard<std::mutex> lock(stage_mutex());
    return stage_text();
}

}  // namespace ep
