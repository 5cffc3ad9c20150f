// `evidencepack serve`: build, serve the output over HTTP on loopback, rebuild on every change
// to the inputs and tell each open page to reload itself (or show the build's errors).
#pragma once

#include <csignal>
#include <iosfwd>
#include <string>

#include "pipeline/run.h"

namespace ep::serve {

struct ServeOptions {
    std::string host = "127.0.0.1";   // loopback unless asked: a draft is not for the network
    int port = 8000;                  // 0: any free port
};

// Builds once, then serves the output folder until `*stop` becomes non-zero (Ctrl-C).
// Returns 0 after a clean stop, 2 when the address cannot be used, or the first build's 2
// (an output folder it may not write).
int run_serve(const pipeline::RunOptions& build, const ServeOptions& serve, std::ostream& out, std::ostream& err,
              const volatile std::sig_atomic_t* stop);

}  // namespace ep::serve
