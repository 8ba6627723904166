// FakeApiProcess: runs the built scholard-fakeapi binary for a test.
//
// start() spawns it (posix_spawn) with the given arguments, reads the port
// from its first stdout line ("listening on 127.0.0.1:PORT") and fails
// cleanly, with the server's stderr in the message, if that line does not
// come within the timeout. The server's stderr (one line per request,
// "VIOLATION ..." lines) goes to a temporary file readable through log().
// Control requests use plain loopback HTTP (LoopbackClient), not libcurl.
// The destructor sends SIGTERM and reaps the process (SIGKILL after 5 s).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

#include "core/result.hpp"

namespace scholard::testing {

// GET /_control/stats, parsed.
struct FakeApiStats {
  struct Arxiv {
    long requests = 0;
    long min_gap_ms = -1;  // -1 with fewer than two requests
    long max_in_flight = 0;
  } arxiv;
  struct Crossref {
    long requests = 0;
    long max_in_flight = 0;
  } crossref;           // both Crossref routes
  Crossref crossref_list;  // the list route (/works?...) alone
  struct Semanticscholar {  // all 0 when the server reports no S2 object
    long requests = 0;
    long min_gap_ms = -1;
    long max_in_flight = 0;
    long batch = 0;  // requests per endpoint
    long paper = 0;
    long match = 0;
    long with_key = 0;  // requests that sent an x-api-key header (the key is never reported)
    long without_key = 0;
    long rejected_key = 0;  // answered 403 because the key was missing or not --s2-api-key
  } semanticscholar;
  std::vector<std::string> violations;
};

// Parses the stats JSON. On error: invalid_input.
core::Result<FakeApiStats> parse_fakeapi_stats(std::string_view json);

class FakeApiProcess {
 public:
  // The binary tests run (from the SCHOLARD_FAKEAPI_BIN compile definition).
  static std::string binary_path();

  // Starts the server. `args` are passed as they are (e.g. "--fixtures", dir).
  // On error (spawn failure, early exit, no port line in time): transient or
  // io, with what the server printed.
  static core::Result<std::unique_ptr<FakeApiProcess>> start(
      const std::vector<std::string>& args, std::chrono::milliseconds timeout = std::chrono::seconds(10));

  ~FakeApiProcess();
  FakeApiProcess(const FakeApiProcess&) = delete;
  FakeApiProcess& operator=(const FakeApiProcess&) = delete;

  unsigned short port() const { return m_port; }
  std::string base_url() const;  // "http://127.0.0.1:PORT"
  pid_t pid() const { return m_pid; }

  // POST /_control/fault. `count` 0 = until reset. On error: the server's reason.
  core::Result<void> set_fault(std::string_view route, std::string_view kind, std::string_view param = "",
                               int count = 0);
  // POST /_control/reset: clears faults and stats.
  core::Result<void> reset();
  // POST /_control/s2-fixtures: serve DIR/semanticscholar/ from now on (a
  // data set's "later" state, e.g. tests/data/seed-later). On error: the reason.
  core::Result<void> use_s2_fixtures(std::string_view dir);
  core::Result<std::string> stats_json();
  core::Result<FakeApiStats> stats();

  // SIGTERM, then waits (SIGKILL after 5 s). Returns the exit code, or
  // 128 + signal number when it was killed. Idempotent.
  core::Result<int> stop();

  // What the server wrote to stderr so far.
  std::string log() const;

 private:
  FakeApiProcess() = default;
  core::Result<std::string> control(std::string_view method, std::string target);

  pid_t m_pid = -1;
  int m_stdout_fd = -1;
  unsigned short m_port = 0;
  std::string m_log_path;
  int m_exit_status = -1;
};

}  // namespace scholard::testing
