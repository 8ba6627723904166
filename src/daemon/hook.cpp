#include "daemon/hook.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string_view>

extern char** environ;  // NOLINT: POSIX declares it nowhere else

namespace scholard::daemon {
namespace {

using core::ErrorCode;
using core::fail;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// How often the wait loop looks at the child while its output is quiet.
constexpr milliseconds k_tick{20};

// Variables of our own service that must not leak into the hook.
constexpr std::array<std::string_view, 3> k_private_vars{"NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"};

// Keeps the last `cap` bytes written to it.
class TailBuffer {
 public:
  explicit TailBuffer(std::size_t cap) : m_cap(cap) {}
  void append(const char* data, std::size_t n) {
    m_total += n;
    m_data.append(data, n);
    // Trim lazily (at twice the cap) so appends stay amortised O(n).
    if (m_data.size() > 2 * m_cap + 65536) m_data.erase(0, m_data.size() - m_cap);
  }
  std::size_t total() const { return m_total; }
  // The tail, starting at a UTF-8 character boundary when it was cut.
  std::string take() {
    if (m_data.size() <= m_cap) return std::move(m_data);
    std::size_t start = m_data.size() - m_cap;
    const std::size_t limit = std::min(m_data.size(), start + 3);
    while (start < limit && (static_cast<unsigned char>(m_data[start]) & 0xC0u) == 0x80u) ++start;
    return m_data.substr(start);
  }

 private:
  std::size_t m_cap;
  std::size_t m_total = 0;
  std::string m_data;
};

// Owns a descriptor; closes it once.
class Fd {
 public:
  explicit Fd(int fd = -1) : m_fd(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return m_fd; }
  void reset() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
  }

 private:
  int m_fd;
};

// Signals the hook's process group; the process itself if the group is gone
// (it always exists while the leader lives, so this is only a safety net
// against a wait loop that could otherwise never end).
void signal_group(pid_t pid, int sig) {
  if (::kill(-pid, sig) != 0 && errno == ESRCH) ::kill(pid, sig);
}

bool is_private_var(std::string_view entry, const std::vector<EnvVar>& extra_env) {
  const auto eq = entry.find('=');
  const std::string_view key = entry.substr(0, eq);
  if (std::find(k_private_vars.begin(), k_private_vars.end(), key) != k_private_vars.end()) return true;
  return std::any_of(extra_env.begin(), extra_env.end(), [&](const EnvVar& v) { return v.first == key; });
}

std::vector<std::string> child_environment(const std::vector<EnvVar>& extra_env) {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    if (!is_private_var(*e, extra_env)) env.emplace_back(*e);
  }
  for (const auto& [key, value] : extra_env) env.push_back(key + "=" + value);
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

core::Result<void> validate(const std::vector<std::string>& argv, const std::vector<EnvVar>& extra_env,
                            const std::filesystem::path& working_dir) {
  if (argv.empty() || argv.front().empty()) return fail(ErrorCode::invalid_input, "hook: empty command");
  auto has_nul = [](const std::string& s) { return s.find('\0') != std::string::npos; };
  if (std::any_of(argv.begin(), argv.end(), has_nul)) {
    return fail(ErrorCode::invalid_input, "hook `" + argv.front() + "`: an argument contains a NUL byte");
  }
  for (const auto& [key, value] : extra_env) {
    if (key.empty() || key.find('=') != std::string::npos || has_nul(key) || has_nul(value)) {
      return fail(ErrorCode::invalid_input, "hook: invalid environment variable name `" + key + "`");
    }
  }
  std::error_code ec;
  if (!working_dir.empty() && !std::filesystem::is_directory(working_dir, ec)) {
    return fail(ErrorCode::io, "hook `" + argv.front() + "`: working directory " + working_dir.string() +
                                   " is not a directory");
  }
  return {};
}

core::Error spawn_error(const std::string& program, int err) {
  const bool has_slash = program.find('/') != std::string::npos;
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return {ErrorCode::not_found, "hook program `" + program + "` " +
                                        (has_slash ? "does not exist" : "was not found in $PATH")};
    case EACCES:
    case EPERM:
    case ENOEXEC:
      return {ErrorCode::permanent, "hook program `" + program + "` cannot be executed: " + std::strerror(err)};
    default:
      return {ErrorCode::io, "hook program `" + program + "`: spawn failed: " + std::strerror(err)};
  }
}

// posix_spawn attributes and file actions, destroyed on scope exit.
struct SpawnSetup {
  posix_spawn_file_actions_t actions{};
  posix_spawnattr_t attr{};
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
};

// Fills `s`: stdin /dev/null, stdout+stderr the pipe, no other descriptor,
// own process group, default signal handling. Returns 0 or an errno value.
int prepare(SpawnSetup& s, int pipe_write, const std::filesystem::path& working_dir) {
  int rc = posix_spawn_file_actions_addopen(&s.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  if (rc == 0) rc = posix_spawn_file_actions_adddup2(&s.actions, pipe_write, STDOUT_FILENO);
  if (rc == 0) rc = posix_spawn_file_actions_adddup2(&s.actions, pipe_write, STDERR_FILENO);
  // Only 0, 1 and 2 reach the hook, whatever we inherited without O_CLOEXEC.
  if (rc == 0) rc = posix_spawn_file_actions_addclosefrom_np(&s.actions, STDERR_FILENO + 1);
  if (rc == 0 && !working_dir.empty()) rc = posix_spawn_file_actions_addchdir_np(&s.actions, working_dir.c_str());
  sigset_t none;
  sigset_t all;
  sigemptyset(&none);
  sigfillset(&all);
  sigdelset(&all, SIGKILL);
  sigdelset(&all, SIGSTOP);
  const short flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
  if (rc == 0) rc = posix_spawnattr_setflags(&s.attr, flags);
  if (rc == 0) rc = posix_spawnattr_setpgroup(&s.attr, 0);
  if (rc == 0) rc = posix_spawnattr_setsigmask(&s.attr, &none);
  if (rc == 0) rc = posix_spawnattr_setsigdefault(&s.attr, &all);
  return rc;
}

// Waits for the spawned child, reading its output and enforcing the deadline.
class Supervisor {
 public:
  Supervisor(pid_t pid, int out_fd, milliseconds timeout, const HookLimits& limits, Clock::time_point start)
      : m_pid(pid), m_out(out_fd), m_limits(limits), m_start(start), m_deadline(start + timeout),
        m_tail(limits.output_cap) {}

  HookResult run() {
    while (!finished()) {
      enforce_deadline();
      read_or_wait(next_wait());
    }
    return reap();
  }

 private:
  bool finished() {
    if (!m_exited_at) {
      siginfo_t info{};
      // WNOWAIT: the child stays a zombie, so its process group id cannot be
      // reused before reap() has signalled the group.
      if (::waitid(P_PID, static_cast<id_t>(m_pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == m_pid) {
        m_exited_at = Clock::now();
      }
    }
    if (!m_exited_at) return false;
    return !m_reading || Clock::now() >= *m_exited_at + m_limits.drain;
  }

  void enforce_deadline() {
    if (m_exited_at) return;
    const auto now = Clock::now();
    if (!m_term_sent && now >= m_deadline) {
      m_timed_out = true;
      m_term_sent = now;
      signal_group(m_pid, SIGTERM);
    } else if (m_term_sent && !m_kill_sent && now >= *m_term_sent + m_limits.grace) {
      m_kill_sent = true;
      signal_group(m_pid, SIGKILL);
    }
  }

  milliseconds next_wait() const {
    if (m_exited_at) return k_tick;
    const auto now = Clock::now();
    auto next = m_term_sent ? *m_term_sent + m_limits.grace : m_deadline;
    if (m_kill_sent) next = now + k_tick;
    auto wait = std::chrono::duration_cast<milliseconds>(next - now) + milliseconds{1};
    return std::clamp(wait, milliseconds{1}, k_tick);
  }

  void read_or_wait(milliseconds wait) {
    pollfd p{m_out, POLLIN, 0};
    const int n = ::poll(m_reading ? &p : nullptr, m_reading ? 1u : 0u, static_cast<int>(wait.count()));
    if (n <= 0 || !m_reading) return;  // timeout, EINTR (retried by the loop) or nothing to read
    std::array<char, 65536> buf{};
    const ssize_t got = ::read(m_out, buf.data(), buf.size());
    if (got > 0) {
      m_tail.append(buf.data(), static_cast<std::size_t>(got));
    } else if (got == 0 || errno != EINTR) {
      m_reading = false;  // EOF: every writer closed the pipe
    }
  }

  HookResult reap() {
    // After a timeout nothing of the hook may survive: stragglers in its group go too.
    if (m_timed_out) signal_group(m_pid, SIGKILL);
    int status = 0;
    while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    HookResult r;
    r.timed_out = m_timed_out;
    r.duration = std::chrono::duration_cast<milliseconds>(*m_exited_at - m_start);
    if (WIFSIGNALED(status)) {
      r.ending = HookEnding::signalled;
      r.signal = WTERMSIG(status);
    } else {
      r.exit_status = WEXITSTATUS(status);
    }
    r.output_bytes = m_tail.total();
    r.output_tail = m_tail.take();
    return r;
  }

  pid_t m_pid;
  int m_out;
  HookLimits m_limits;
  Clock::time_point m_start;
  Clock::time_point m_deadline;
  TailBuffer m_tail;
  bool m_reading = true;
  bool m_timed_out = false;
  bool m_kill_sent = false;
  std::optional<Clock::time_point> m_term_sent;
  std::optional<Clock::time_point> m_exited_at;
};

}  // namespace

core::Result<HookResult> run_hook(const std::vector<std::string>& argv, milliseconds timeout,
                                  const std::vector<EnvVar>& extra_env, const std::filesystem::path& working_dir,
                                  const HookLimits& limits) {
  if (auto ok = validate(argv, extra_env, working_dir); !ok) return tl::unexpected(ok.error());
  std::vector<std::string> args = argv;
  std::vector<std::string> env = child_environment(extra_env);
  std::vector<char*> c_args = c_strings(args);
  std::vector<char*> c_env = c_strings(env);

  int fds[2] = {-1, -1};
  if (::pipe2(fds, O_CLOEXEC) != 0) return tl::unexpected(spawn_error(argv.front(), errno));
  Fd read_end(fds[0]);
  Fd write_end(fds[1]);

  SpawnSetup setup;
  if (int rc = prepare(setup, write_end.get(), working_dir); rc != 0) {
    return tl::unexpected(spawn_error(argv.front(), rc));
  }
  const auto start = Clock::now();
  pid_t pid = -1;
  const int rc = ::posix_spawnp(&pid, c_args[0], &setup.actions, &setup.attr, c_args.data(), c_env.data());
  write_end.reset();  // the child holds the only write end now: EOF when it (and its children) close it
  if (rc != 0) return tl::unexpected(spawn_error(argv.front(), rc));
  return Supervisor(pid, read_end.get(), timeout, limits, start).run();
}

std::string HookResult::describe() const {
  std::string out;
  if (ending == HookEnding::exited) {
    out = "exited with status " + std::to_string(exit_status);
  } else {
    const char* abbrev = ::sigabbrev_np(signal);
    out = "killed by signal " + std::to_string(signal);
    if (abbrev != nullptr) out += std::string(" (SIG") + abbrev + ")";
  }
  if (timed_out) out += " after timing out";
  return out;
}

std::vector<EnvVar> hook_environment(const std::vector<std::filesystem::path>& changed_outputs,
                                     const std::filesystem::path& config_path) {
  std::string joined;
  for (const auto& path : changed_outputs) {
    if (!joined.empty()) joined += '\n';
    joined += path.string();
  }
  std::vector<EnvVar> env{{"SCHOLARD_CHANGED_OUTPUTS", joined},
                          {"SCHOLARD_CHANGED_COUNT", std::to_string(changed_outputs.size())}};
  if (!config_path.empty()) env.emplace_back("SCHOLARD_CONFIG", config_path.string());
  return env;
}

}  // namespace scholard::daemon
