#include "support/fakeapi_process.hpp"

#include <algorithm>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <simdjson.h>

#include "core/url.hpp"
#include "support/loopback_http.hpp"

extern char** environ;

#ifndef SCHOLARD_FAKEAPI_BIN
#error "SCHOLARD_FAKEAPI_BIN must name the scholard-fakeapi binary"
#endif

namespace scholard::testing {
namespace {

constexpr std::string_view k_listening = "listening on ";
constexpr auto k_kill_after = std::chrono::seconds(5);

std::string errno_text(std::string_view what) { return std::string(what) + ": " + std::strerror(errno); }

// Reads one line from `fd` within `timeout`. "" on timeout or EOF.
std::string read_line(int fd, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string line;
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return {};
    pollfd pfd{fd, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return {};
    char chunk[256];
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return {};
    line.append(chunk, static_cast<std::size_t>(n));
  }
  return line.substr(0, line.find('\n'));
}

core::Result<long> read_long(simdjson::ondemand::object object, std::string_view key) {
  std::int64_t value = 0;
  if (object.find_field_unordered(key).get_int64().get(value)) {
    return core::fail(core::ErrorCode::invalid_input, "stats: missing integer " + std::string(key));
  }
  return static_cast<long>(value);
}

}  // namespace

core::Result<FakeApiStats> parse_fakeapi_stats(std::string_view json) {
  FakeApiStats stats;
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(json);
  auto doc = parser.iterate(padded);
  simdjson::ondemand::object root, arxiv, crossref;
  simdjson::ondemand::array violations;
  if (doc.get_object().get(root) || root.find_field_unordered("arxiv").get_object().get(arxiv)) {
    return core::fail(core::ErrorCode::invalid_input, "stats: no arxiv object in " + std::string(json));
  }
  auto requests = read_long(arxiv, "requests");
  auto gap = read_long(arxiv, "min_gap_ms");
  auto in_flight = read_long(arxiv, "max_in_flight");
  if (!requests || !gap || !in_flight) return core::fail(core::ErrorCode::invalid_input, "stats: bad arxiv object");
  stats.arxiv = {*requests, *gap, *in_flight};
  if (root.find_field_unordered("crossref").get_object().get(crossref)) {
    return core::fail(core::ErrorCode::invalid_input, "stats: no crossref object");
  }
  requests = read_long(crossref, "requests");
  in_flight = read_long(crossref, "max_in_flight");
  if (!requests || !in_flight) return core::fail(core::ErrorCode::invalid_input, "stats: bad crossref object");
  stats.crossref = {*requests, *in_flight};
  simdjson::ondemand::object crossref_list;
  if (root.find_field_unordered("crossref_list").get_object().get(crossref_list)) {
    return core::fail(core::ErrorCode::invalid_input, "stats: no crossref_list object");
  }
  requests = read_long(crossref_list, "requests");
  in_flight = read_long(crossref_list, "max_in_flight");
  if (!requests || !in_flight) return core::fail(core::ErrorCode::invalid_input, "stats: bad crossref_list object");
  stats.crossref_list = {*requests, *in_flight};
  simdjson::ondemand::object s2;
  if (!root.find_field_unordered("semanticscholar").get_object().get(s2)) {
    auto& out = stats.semanticscholar;
    const std::pair<std::string_view, long*> fields[] = {
        {"requests", &out.requests}, {"min_gap_ms", &out.min_gap_ms}, {"max_in_flight", &out.max_in_flight},
        {"batch", &out.batch},       {"paper", &out.paper},           {"match", &out.match},
        {"with_key", &out.with_key}, {"without_key", &out.without_key}, {"rejected_key", &out.rejected_key}};
    for (const auto& [key, slot] : fields) {
      auto value = read_long(s2, key);
      if (!value) return core::fail(core::ErrorCode::invalid_input, "stats: bad semanticscholar object");
      *slot = *value;
    }
  }
  if (root.find_field_unordered("violations").get_array().get(violations)) {
    return core::fail(core::ErrorCode::invalid_input, "stats: no violations array");
  }
  for (auto item : violations) {
    std::string_view text;
    if (item.get_string().get(text)) return core::fail(core::ErrorCode::invalid_input, "stats: bad violation");
    stats.violations.emplace_back(text);
  }
  return stats;
}

std::string FakeApiProcess::binary_path() { return SCHOLARD_FAKEAPI_BIN; }

core::Result<std::unique_ptr<FakeApiProcess>> FakeApiProcess::start(const std::vector<std::string>& args,
                                                                    std::chrono::milliseconds timeout) {
  std::unique_ptr<FakeApiProcess> process(new FakeApiProcess());
  char log_template[] = "/tmp/scholard-fakeapi-XXXXXX";
  const int log_fd = ::mkstemp(log_template);
  if (log_fd < 0) return core::fail(core::ErrorCode::io, errno_text("mkstemp"));
  ::close(log_fd);
  process->m_log_path = log_template;

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return core::fail(core::ErrorCode::io, errno_text("pipe2"));
  process->m_stdout_fd = pipe_fds[0];

  const std::string binary = binary_path();
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  // Tests scale Semantic Scholar's interval down as they do arXiv's (configs
  // use 150 ms): a test of the S2 referee passes its own.
  static const std::string k_s2_interval_flag = "--s2-interval", k_s2_interval = "100ms";
  if (std::find(args.begin(), args.end(), k_s2_interval_flag) == args.end()) {
    argv.push_back(const_cast<char*>(k_s2_interval_flag.c_str()));
    argv.push_back(const_cast<char*>(k_s2_interval.c_str()));
  }
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, process->m_log_path.c_str(), O_WRONLY | O_APPEND, 0600);
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawned != 0) {
    return core::fail(core::ErrorCode::io, "posix_spawn " + binary + ": " + std::strerror(spawned));
  }
  process->m_pid = pid;

  const std::string line = read_line(process->m_stdout_fd, timeout);
  const auto colon = line.rfind(':');
  if (!line.starts_with(k_listening) || colon == std::string::npos) {
    process->stop();
    return core::fail(core::ErrorCode::transient,
                      "scholard-fakeapi did not report its port within " + std::to_string(timeout.count()) +
                          " ms (stdout: '" + line + "'); stderr:\n" + process->log());
  }
  const int port = std::atoi(line.c_str() + colon + 1);
  if (port <= 0 || port > 65535) return core::fail(core::ErrorCode::transient, "bad port line: " + line);
  process->m_port = static_cast<unsigned short>(port);
  return process;
}

FakeApiProcess::~FakeApiProcess() {
  stop();
  if (m_stdout_fd >= 0) ::close(m_stdout_fd);
  if (!m_log_path.empty()) ::unlink(m_log_path.c_str());
}

std::string FakeApiProcess::base_url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

core::Result<int> FakeApiProcess::stop() {
  if (m_pid <= 0) return m_exit_status;
  ::kill(m_pid, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + k_kill_after;
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(m_pid, &status, WNOHANG);
    if (done == m_pid) break;
    if (done < 0 && errno != EINTR) {
      m_pid = -1;
      return core::fail(core::ErrorCode::io, errno_text("waitpid"));
    }
    if (std::chrono::steady_clock::now() > deadline) ::kill(m_pid, SIGKILL);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  m_pid = -1;
  m_exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return m_exit_status;
}

std::string FakeApiProcess::log() const {
  std::ifstream in(m_log_path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

core::Result<std::string> FakeApiProcess::control(std::string_view method, std::string target) {
  LoopbackClient client(m_port);
  HttpExchange ex = client.request({std::string(method), std::move(target), {}, {}, false});
  if (!ex.complete) return core::fail(core::ErrorCode::transient, "control request failed: " + ex.error);
  if (ex.status != 200) {
    return core::fail(core::ErrorCode::invalid_input,
                      "control request answered " + std::to_string(ex.status) + ": " + ex.body);
  }
  return ex.body;
}

core::Result<void> FakeApiProcess::set_fault(std::string_view route, std::string_view kind, std::string_view param,
                                             int count) {
  std::string target = "/_control/fault?route=" + core::percent_encode(route) + "&kind=" + core::percent_encode(kind);
  if (!param.empty()) target += "&param=" + core::percent_encode(param);
  if (count > 0) target += "&count=" + std::to_string(count);
  auto answer = control("POST", std::move(target));
  if (!answer) return tl::unexpected(answer.error());
  return {};
}

core::Result<void> FakeApiProcess::reset() {
  auto answer = control("POST", "/_control/reset");
  if (!answer) return tl::unexpected(answer.error());
  return {};
}

core::Result<void> FakeApiProcess::use_s2_fixtures(std::string_view dir) {
  auto answer = control("POST", "/_control/s2-fixtures?dir=" + core::percent_encode(dir));
  if (!answer) return tl::unexpected(answer.error());
  return {};
}

core::Result<std::string> FakeApiProcess::stats_json() { return control("GET", "/_control/stats"); }

core::Result<FakeApiStats> FakeApiProcess::stats() {
  auto json = stats_json();
  if (!json) return tl::unexpected(json.error());
  return parse_fakeapi_stats(*json);
}

}  // namespace scholard::testing
