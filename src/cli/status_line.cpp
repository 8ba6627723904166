#include "cli/status_line.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include <spdlog/sinks/sink.h>

#include "core/text.hpp"

namespace scholard::cli {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr auto k_min_redraw = milliseconds(100);
constexpr const char* k_clear = "\r\x1b[K";

// Whole seconds left until `until`, rounded up, at least 1: a wait about to
// end still shows.
long seconds_left(core::SteadyTime until, core::SteadyTime now) {
  const auto left = std::chrono::ceil<seconds>(until - now).count();
  return std::max<long>(1, static_cast<long>(left));
}

std::string duration_text(seconds s) {
  const long n = static_cast<long>(s.count());
  if (n < 90) return std::to_string(n) + " s";
  return std::to_string((n + 30) / 60) + " min";
}

std::string source_text(const daemon::SourceProgress& s, core::SteadyTime now) {
  std::string out = s.display_name;
  if (s.due > 0) out += " " + std::to_string(s.answered) + "/" + std::to_string(s.due) + " answered";
  if (s.failed > 0) out += ", " + std::to_string(s.failed) + " failed";
  out += (s.due > 0 ? ", " : " ") + core::plural(s.requests, "request", "requests");
  if (s.waiting != net::WaitReason::none && s.until) {
    out += ", waiting " + std::to_string(seconds_left(*s.until, now)) + " s (" +
           std::string(net::to_string(s.waiting)) + ")";
  } else if (s.backing_off > 0) {
    out += ", " + std::to_string(s.backing_off) + " to retry";
  }
  return out;
}

// Cuts `text` to at most `width` bytes without splitting a UTF-8 character.
std::string cut(std::string text, std::size_t width) {
  if (text.size() <= width) return text;
  std::size_t end = width;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

// Clears the status line around each log line of the sink it wraps.
class StatusLineSink final : public spdlog::sinks::sink {
 public:
  StatusLineSink(spdlog::sink_ptr inner, std::shared_ptr<StatusLine> line)
      : m_inner(std::move(inner)), m_line(std::move(line)) {}
  void log(const spdlog::details::log_msg& msg) override {
    m_line->before_log();
    // Drawn again (and the line's lock let go) even when the sink throws.
    struct Redraw {
      StatusLine& line;
      ~Redraw() { line.after_log(); }
    } redraw{*m_line};
    m_inner->log(msg);
    m_inner->flush();
  }
  void flush() override { m_inner->flush(); }
  void set_pattern(const std::string& pattern) override { m_inner->set_pattern(pattern); }
  void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override {
    m_inner->set_formatter(std::move(formatter));
  }

 private:
  spdlog::sink_ptr m_inner;
  std::shared_ptr<StatusLine> m_line;
};

}  // namespace

std::optional<seconds> estimate_left(const daemon::Progress& progress, core::SteadyTime now) {
  std::optional<milliseconds> longest;
  for (const auto& s : progress.sources) {
    milliseconds left{0};
    bool known = false;
    if (s.waiting != net::WaitReason::none && s.until && *s.until > now) {
      left += std::chrono::duration_cast<milliseconds>(*s.until - now);
      known = true;
    }
    if (s.requests_left > 0 && s.per_request > milliseconds(0)) {
      left += s.per_request * s.requests_left;
      known = true;
    }
    if (known && (!longest || left > *longest)) longest = left;
  }
  if (!longest) return std::nullopt;
  return std::chrono::ceil<seconds>(*longest);
}

std::string format_status(const std::string& command, const daemon::Progress& progress, core::SteadyTime now,
                          std::size_t width) {
  std::string out = command + ": " + std::to_string(progress.done) + "/" + std::to_string(progress.due);
  if (progress.failed > 0) out += " (" + core::plural(progress.failed, "failure", "failures") + ")";
  for (const auto& s : progress.sources) {
    if (s.due == 0 && s.requests == 0) continue;
    out += "; " + source_text(s, now);
  }
  if (const auto left = estimate_left(progress, now); left && left->count() > 0) {
    out += "; about " + duration_text(*left) + " left";
  }
  return cut(std::move(out), width);
}

StatusLine::StatusLine(int fd, std::string command) : m_fd(fd), m_command(std::move(command)) {}

void StatusLine::update(const daemon::Progress& progress) {
  std::lock_guard lock(m_mutex);
  m_progress = progress;
  m_have_progress = true;
  const auto now = std::chrono::steady_clock::now();
  if (m_drawn && now - m_drawn_at < k_min_redraw) return;
  draw_locked(now);
}

void StatusLine::tick() {
  std::lock_guard lock(m_mutex);
  draw_locked(std::chrono::steady_clock::now());
}

void StatusLine::finish() {
  std::lock_guard lock(m_mutex);
  clear_locked();
  m_finished = true;
}

void StatusLine::before_log() {
  m_mutex.lock();  // held until after_log: nothing draws between
  clear_locked();
}

void StatusLine::after_log() {
  draw_locked(std::chrono::steady_clock::now());
  m_mutex.unlock();
}

void StatusLine::wrap_logger(spdlog::logger& logger) {
  m_wrapped = logger.sinks();
  for (auto& sink : logger.sinks()) sink = std::make_shared<StatusLineSink>(sink, shared_from_this());
}

void StatusLine::unwrap_logger(spdlog::logger& logger) {
  if (m_wrapped.empty()) return;
  logger.sinks() = std::move(m_wrapped);
  m_wrapped.clear();
}

void StatusLine::draw_locked(core::SteadyTime now) {
  if (m_finished || !m_have_progress) return;
  write_locked(k_clear + format_status(m_command, m_progress, now, width()));
  m_drawn = true;
  m_drawn_at = now;
}

void StatusLine::clear_locked() {
  if (!m_drawn) return;
  write_locked(k_clear);
  m_drawn = false;
}

void StatusLine::write_locked(const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::write(m_fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // a terminal gone away: the line is only a courtesy
    done += static_cast<std::size_t>(n);
  }
}

// One column short of the terminal's width: a line filling the last column
// leaves the cursor in a state terminals disagree on.
std::size_t StatusLine::width() const {
  winsize size{};
  if (::ioctl(m_fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 1) return static_cast<std::size_t>(size.ws_col) - 1;
  return 79;
}

}  // namespace scholard::cli
