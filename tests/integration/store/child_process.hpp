// A child process with its stdout and stderr captured through pipes, for the
// store's crash and concurrency tests (header-only, tests only).
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace scholard::store::testing {

class Child {
 public:
  // Starts argv[0] with the given arguments. Throws on fork/pipe failure
  // (a broken test environment, not a test outcome).
  explicit Child(const std::vector<std::string>& argv) {
    int out[2], err[2];
    // O_CLOEXEC: a sibling spawned later must not inherit our pipe ends.
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    m_pid = ::fork();
    if (m_pid < 0) throw std::runtime_error("fork failed");
    if (m_pid == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::dup2(err[1], STDERR_FILENO);
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    m_out_fd = out[0];
    m_err_fd = err[0];
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() {
    if (m_pid > 0 && !m_reaped) {
      ::kill(m_pid, SIGKILL);
      wait();
    }
    if (m_out_fd >= 0) ::close(m_out_fd);
    if (m_err_fd >= 0) ::close(m_err_fd);
  }

  pid_t pid() const { return m_pid; }
  const std::string& out() const { return m_out; }
  const std::string& err() const { return m_err; }

  // Reads stdout until it holds the line `line`; false after `timeout`.
  bool wait_for_line(const std::string& line, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (m_out.find(line + "\n") == std::string::npos) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{m_out_fd, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      if (!read_some(m_out_fd, m_out)) return m_out.find(line + "\n") != std::string::npos;
    }
    return true;
  }

  void kill(int sig) { ::kill(m_pid, sig); }

  // Reaps the child and collects the rest of its output. Returns the exit
  // status, or -N when killed by signal N.
  int wait() {
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_reaped = true;
    while (read_some(m_out_fd, m_out)) {
    }
    while (read_some(m_err_fd, m_err)) {
    }
    return WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
  }

 private:
  static bool read_some(int fd, std::string& into) {
    char buf[4096];
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) return false;
    into.append(buf, static_cast<std::size_t>(n));
    return true;
  }

  pid_t m_pid = -1;
  int m_out_fd = -1;
  int m_err_fd = -1;
  bool m_reaped = false;
  std::string m_out;
  std::string m_err;
};

}  // namespace scholard::store::testing
