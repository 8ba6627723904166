#include "daemon/worker_runner.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <string_view>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/write.hpp>
#pragma GCC diagnostic pop
#include <spdlog/spdlog.h>

#include "net/asio.hpp"

extern char** environ;

namespace scholard::daemon {
namespace {
namespace asio = boost::asio;

constexpr int k_report_fd = 3;

// A descriptor above the ones the child gets (0-3), close-on-exec, so that
// dup2 onto 0 or 3 always really copies it. -1 stays -1.
int high_fd(int fd) {
  if (fd < 0 || fd > k_report_fd) return fd;
  const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, k_report_fd + 1);
  ::close(fd);
  return moved;
}

struct Pipe {
  int read = -1;
  int write = -1;
  bool open() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return false;
    read = high_fd(fds[0]);
    write = high_fd(fds[1]);
    return read >= 0 && write >= 0;
  }
  void close_all() {
    if (read >= 0) ::close(read);
    if (write >= 0) ::close(write);
    read = write = -1;
  }
};

// The supervisor's environment minus what only the main process may use.
std::vector<std::string> child_environment() {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    const std::string_view entry(*e);
    if (entry.rfind("NOTIFY_SOCKET=", 0) == 0 || entry.rfind("WATCHDOG_USEC=", 0) == 0 ||
        entry.rfind("WATCHDOG_PID=", 0) == 0) {
      continue;
    }
    env.emplace_back(entry);
  }
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// posix_spawn of `argv` with stdin <- config_read, fd 3 <- report_write, its
// own process group, default signal dispositions and an empty mask.
// Returns the pid, or -errno.
pid_t spawn_worker(std::vector<std::string> argv, int config_read, int report_write) {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  int rc = posix_spawn_file_actions_adddup2(&actions, config_read, STDIN_FILENO);
  if (rc == 0) rc = posix_spawn_file_actions_adddup2(&actions, report_write, k_report_fd);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int s : {SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD}) sigaddset(&defaults, s);
  sigset_t empty;
  sigemptyset(&empty);
  if (rc == 0) rc = posix_spawnattr_setsigdefault(&attr, &defaults);
  if (rc == 0) rc = posix_spawnattr_setsigmask(&attr, &empty);
  if (rc == 0) rc = posix_spawnattr_setpgroup(&attr, 0);
  if (rc == 0) {
    rc = posix_spawnattr_setflags(&attr, static_cast<short>(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK |
                                                            POSIX_SPAWN_SETPGROUP));
  }
  pid_t pid = -1;
  if (rc == 0) {
    auto env = child_environment();
    auto c_argv = c_strings(argv);
    auto c_env = c_strings(env);
    rc = ::posix_spawn(&pid, c_argv[0], &actions, &attr, c_argv.data(), c_env.data());
  }
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  return rc == 0 ? pid : -rc;
}

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

}  // namespace

std::vector<std::string> worker_argv(const WorkerCommand& command, const std::filesystem::path& config_file,
                                     pid_t parent) {
  std::vector<std::string> argv{command.scholard.string(), "--config", config_file.string()};
  argv.insert(argv.end(), command.global_args.begin(), command.global_args.end());
  argv.insert(argv.end(), {"daemon-pass", "--parent", std::to_string(parent), "--store", command.store.string()});
  return argv;
}

std::string report_text(const PassOutcome& outcome) {
  std::string out = "summary\t" + one_line(outcome.summary) + "\n";
  for (const auto& f : outcome.failure_lines) out += "failure\t" + one_line(f) + "\n";
  if (outcome.auto_accepted > 0) out += "accepted\t" + std::to_string(outcome.auto_accepted) + "\n";
  return out;
}

PassOutcome outcome_from_report(const std::string& report, int wait_status) {
  PassOutcome outcome;
  std::istringstream lines(report);
  std::string line;
  while (std::getline(lines, line)) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const auto kind = std::string_view(line).substr(0, tab);
    std::string value = line.substr(tab + 1);
    if (kind == "summary") outcome.summary = std::move(value);
    else if (kind == "failure") outcome.failure_lines.push_back(std::move(value));
    else if (kind == "accepted") outcome.auto_accepted = std::atoi(value.c_str());
  }
  if (WIFEXITED(wait_status)) {
    outcome.exit_code = WEXITSTATUS(wait_status);
    if (outcome.summary.empty()) {
      outcome.summary = "daemon: the pass ended with exit status " + std::to_string(outcome.exit_code) +
                        " before it could report (see the lines above)";
    }
  } else {
    outcome.exit_code = 3;
    const int sig = WIFSIGNALED(wait_status) ? WTERMSIG(wait_status) : 0;
    outcome.summary = "daemon: the pass was killed by signal " + std::to_string(sig) + " (" + strsignal(sig) +
                      "); what it stored before is kept";
  }
  return outcome;
}

// Declared here, not in the header: its Asio members would make every
// includer of worker_runner.hpp compile Boost.Asio.
class WorkerRunner final : public PassRunner {
 public:
  WorkerRunner(boost::asio::io_context& io, WorkerCommand command);
  ~WorkerRunner() override;  // kills a child still running

  bool busy() const override { return m_pid > 0; }
  void start(const config::Config& cfg, const std::string& text, OutcomeHandler done) override;
  // Kills the child's process group and reaps it.
  void abandon() override;

 private:
  void wait_for_exit();
  void read_report();
  void finish(int wait_status);
  void close_pipes();

  boost::asio::io_context& m_io;
  WorkerCommand m_command;
  boost::asio::signal_set m_sigchld;
  boost::asio::posix::stream_descriptor m_report;     // read end of the child's fd 3
  boost::asio::posix::stream_descriptor m_config_in;  // write end of the child's stdin
  std::string m_text;                                  // the config bytes being written
  std::string m_report_bytes;
  std::array<char, 4096> m_buffer{};
  pid_t m_pid = -1;
  OutcomeHandler m_done;
};

RunnerFactory worker_runner_factory(WorkerCommand command) {
  return [command = std::move(command)](asio::io_context& io, store::Store&, const core::Clock&) {
    return std::unique_ptr<PassRunner>(std::make_unique<WorkerRunner>(io, command));
  };
}

WorkerRunner::WorkerRunner(asio::io_context& io, WorkerCommand command)
    : m_io(io), m_command(std::move(command)), m_sigchld(io, SIGCHLD), m_report(io), m_config_in(io) {
  // Writing the config to a child that died early must fail with EPIPE, not
  // end the daemon.
  ::signal(SIGPIPE, SIG_IGN);
}

WorkerRunner::~WorkerRunner() {
  if (m_pid > 0) abandon();
}

void WorkerRunner::start(const config::Config& cfg, const std::string& text, OutcomeHandler done) {
  m_done = std::move(done);
  Pipe config_pipe;
  Pipe report_pipe;
  if (!config_pipe.open() || !report_pipe.open()) {
    const int err = errno;
    config_pipe.close_all();
    report_pipe.close_all();
    PassOutcome failed;
    failed.exit_code = 3;
    failed.summary = std::string("daemon: cannot start a pass: pipe: ") + std::strerror(err);
    asio::post(m_io, [this, failed = std::move(failed)]() mutable {
      auto handler = std::move(m_done);
      handler(std::move(failed));
    });
    return;
  }
  const pid_t pid = spawn_worker(worker_argv(m_command, cfg.file, ::getpid()), config_pipe.read, report_pipe.write);
  ::close(config_pipe.read);
  ::close(report_pipe.write);
  if (pid < 0) {
    ::close(config_pipe.write);
    ::close(report_pipe.read);
    PassOutcome failed;
    failed.exit_code = 3;
    failed.summary = "daemon: cannot start " + m_command.scholard.string() + ": " + std::strerror(static_cast<int>(-pid));
    asio::post(m_io, [this, failed = std::move(failed)]() mutable {
      auto handler = std::move(m_done);
      handler(std::move(failed));
    });
    return;
  }
  m_pid = pid;
  spdlog::debug("daemon: pass started in process {}", pid);
  m_report_bytes.clear();
  m_report.assign(report_pipe.read);
  m_config_in.assign(config_pipe.write);
  m_text = text;
  asio::async_write(m_config_in, asio::buffer(m_text), [this](const boost::system::error_code& ec, std::size_t) {
    // EPIPE: the child is gone; its exit status tells why.
    if (ec && ec != asio::error::operation_aborted) spdlog::debug("daemon: config to the pass: {}", ec.message());
    boost::system::error_code ignored;
    m_config_in.close(ignored);
  });
  read_report();
  wait_for_exit();
}

void WorkerRunner::read_report() {
  m_report.async_read_some(asio::buffer(m_buffer), [this](const boost::system::error_code& ec, std::size_t n) {
    if (ec) return;  // EOF, or closed by finish()
    m_report_bytes.append(m_buffer.data(), n);
    read_report();
  });
}

void WorkerRunner::wait_for_exit() {
  m_sigchld.async_wait([this](const boost::system::error_code& ec, int) {
    if (ec || m_pid <= 0) return;
    int status = 0;
    const pid_t reaped = ::waitpid(m_pid, &status, WNOHANG);
    if (reaped == 0) return wait_for_exit();  // another child, or a stray signal
    if (reaped < 0) status = 0;
    finish(status);
  });
}

void WorkerRunner::finish(int wait_status) {
  m_pid = -1;
  // What the child wrote before it exited is still in the pipe: read it all.
  boost::system::error_code ec;
  m_report.non_blocking(true, ec);
  while (!ec) {
    const std::size_t n = m_report.read_some(asio::buffer(m_buffer), ec);
    m_report_bytes.append(m_buffer.data(), n);
  }
  close_pipes();
  auto outcome = outcome_from_report(m_report_bytes, wait_status);
  auto handler = std::move(m_done);
  // After the read handlers cancelled by close_pipes() have run.
  asio::post(m_io, [handler = std::move(handler), outcome = std::move(outcome)]() mutable { handler(std::move(outcome)); });
}

void WorkerRunner::close_pipes() {
  boost::system::error_code ignored;
  m_report.close(ignored);
  m_config_in.close(ignored);
}

void WorkerRunner::abandon() {
  if (m_pid <= 0) return;
  spdlog::warn("daemon: abandoning the pass in flight (process {})", m_pid);
  ::kill(-m_pid, SIGKILL);  // the pass and its hook
  ::kill(m_pid, SIGKILL);
  ::waitpid(m_pid, nullptr, 0);
  m_pid = -1;
  m_sigchld.cancel();
  close_pipes();
}

}  // namespace scholard::daemon
