// The status line `sync` keeps at the bottom of a terminal while a pass runs:
// per source its answers, failures, requests and what it waits for (with the
// seconds left), then an estimate of the time left from the sources' limits.
//
// One line, never wider than the terminal (a wrapped line could not be
// cleared with "\r\x1b[K"). Log lines go through StatusLine::wrap_logger's
// sink, which clears the line, writes the log line and draws the line again,
// so the two never share a row. Only used when stderr is a terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <spdlog/logger.h>

#include "core/clock.hpp"
#include "daemon/engine.hpp"

namespace scholard::cli {


// The line for `progress` at `now`, cut to `width` bytes (a whole UTF-8
// character at most) when wider; `command` leads it ("sync").
std::string format_status(const std::string& command, const daemon::Progress& progress, core::SteadyTime now,
                          std::size_t width);

// The estimated time until every source has sent what is planned, from the
// waits in progress and each source's limits; nullopt when no limit says.
std::optional<std::chrono::seconds> estimate_left(const daemon::Progress& progress, core::SteadyTime now);

class StatusLine : public std::enable_shared_from_this<StatusLine> {
 public:
  // Draws on file descriptor `fd` (2: stderr), `command` leading the line.
  StatusLine(int fd, std::string command);

  // New counts; drawn at once unless the line was drawn under 100 ms ago
  // (the next tick() draws them).
  void update(const daemon::Progress& progress);
  // Draws the line again (a countdown moves); call every 250 ms or so.
  void tick();
  // Clears the line for good: nothing is drawn after this.
  void finish();

  // Puts a sink in front of each of `logger`'s sinks that clears the line
  // before a log line and draws it again after; unwrap_logger undoes it.
  void wrap_logger(spdlog::logger& logger);
  void unwrap_logger(spdlog::logger& logger);

  // For the sink: around one log line.
  void before_log();
  void after_log();

 private:
  void draw_locked(core::SteadyTime now);
  void clear_locked();
  void write_locked(const std::string& bytes);
  std::size_t width() const;

  std::mutex m_mutex;
  int m_fd;
  std::string m_command;
  daemon::Progress m_progress;
  bool m_have_progress = false;
  bool m_drawn = false;  // the line is on the screen now
  bool m_finished = false;
  core::SteadyTime m_drawn_at{};
  std::vector<spdlog::sink_ptr> m_wrapped;  // the logger's sinks before wrap_logger
};

}  // namespace scholard::cli
