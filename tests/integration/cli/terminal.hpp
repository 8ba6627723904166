// Running the real binary with stderr on a pseudo-terminal, as a person at a
// terminal sees it: what the program draws there (line clears, redraws) is
// read back byte for byte. Header-only: the cli tests' one binary shares it.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "support/run_command.hpp"

namespace scholard::testing {

struct TerminalRun {
  int exit_code = -1;
  std::string terminal;  // everything written to the terminal (its \n arrive as \r\n)
};

// Runs `argv` with stderr on a new pseudo-terminal of 200 columns (stdout
// and stdin /dev/null) and returns what it wrote there and its exit status.
inline TerminalRun run_on_terminal(const std::vector<std::string>& argv,
                                   const std::map<std::string, std::string>& env) {
  TerminalRun result;
  const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0) return result;
  const std::string slave_name = ::ptsname(master);
  const pid_t pid = ::fork();
  if (pid < 0) return result;
  if (pid == 0) {
    ::setsid();
    const int slave = ::open(slave_name.c_str(), O_RDWR);
    const int null_fd = ::open("/dev/null", O_RDWR);
    if (slave < 0 || null_fd < 0) ::_exit(126);
    winsize size{};
    size.ws_col = 200;
    size.ws_row = 50;
    ::ioctl(slave, TIOCSWINSZ, &size);
    ::dup2(null_fd, 0);
    ::dup2(null_fd, 1);
    ::dup2(slave, 2);
    exec_in_child(argv, env);
  }
  // Read until the child is gone and the terminal has nothing more (EIO once
  // the last slave descriptor is closed).
  char buf[4096];
  for (;;) {
    pollfd p{master, POLLIN, 0};
    if (::poll(&p, 1, 60'000) <= 0) break;
    const auto n = ::read(master, buf, sizeof buf);
    if (n <= 0) break;
    result.terminal.append(buf, static_cast<std::size_t>(n));
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(master);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace scholard::testing
