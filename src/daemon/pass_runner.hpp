// How the daemon runs one pass: in its own process (EngineRunner) or in a
// short-lived child process (WorkerRunner, the default for `scholard daemon`).
//
// The service only needs what it logs and tells systemd: the exit status, the
// summary line, the failure lines, and whether discovery appended papers to
// the config file (so it reloads it).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "config/config.hpp"

namespace scholard::daemon {

struct PassOutcome {
  int exit_code = 0;                       // as `scholard sync` (0 ok, 1 partial, 2 config, 3 fatal)
  std::string summary;                     // "daemon: 16 papers, 1 request to arXiv, ..."
  std::vector<std::string> failure_lines;  // grouped failures, one per line
  int auto_accepted = 0;                   // papers discovery appended to the config file
};

using OutcomeHandler = std::function<void(PassOutcome)>;

class PassRunner {
 public:
  virtual ~PassRunner() = default;
  // True from start() until its handler has been called.
  virtual bool busy() const = 0;
  // Runs one pass with `cfg` (its `text` is the config file as it was
  // validated); calls `done` on the io_context once it is over.
  virtual void start(const config::Config& cfg, const std::string& text, OutcomeHandler done) = 0;
  // The daemon is leaving and the pass did not finish within its grace:
  // end it now (stored batches are committed; the rest is not stored).
  virtual void abandon() = 0;
};

}  // namespace scholard::daemon
