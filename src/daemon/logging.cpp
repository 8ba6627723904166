#include "daemon/logging.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <memory>
#include <string>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace scholard::daemon {
namespace {

// The "%*" flag: "<N>" for journald.
class SyslogPrefixFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    std::string prefix = "<" + std::to_string(syslog_priority(msg.level)) + ">";
    dest.append(prefix.data(), prefix.data() + prefix.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<SyslogPrefixFlag>(); }
};

}  // namespace

core::Result<spdlog::level::level_enum> parse_log_level(std::string_view name) {
  if (name == "trace") return spdlog::level::trace;
  if (name == "debug") return spdlog::level::debug;
  if (name == "info") return spdlog::level::info;
  if (name == "warn" || name == "warning") return spdlog::level::warn;
  if (name == "error") return spdlog::level::err;
  return core::fail(core::ErrorCode::invalid_input,
                    "unknown log level '" + std::string(name) + "' (expected trace, debug, info, warn or error)");
}

int syslog_priority(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
    case spdlog::level::debug: return 7;
    case spdlog::level::info: return 6;
    case spdlog::level::warn: return 4;
    case spdlog::level::err: return 3;
    case spdlog::level::critical: return 2;
    default: return 6;
  }
}

bool stderr_is_journal() {
  const char* env = std::getenv("JOURNAL_STREAM");
  if (env == nullptr) return false;
  struct stat st {};
  if (fstat(2, &st) != 0) return false;
  const std::string expected = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  return expected == env;
}

void setup_logging(spdlog::level::level_enum level, bool quiet, LogStyle style) {
  spdlog::sink_ptr sink;
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  if (style == LogStyle::journal) {
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    formatter->add_flag<SyslogPrefixFlag>('*').set_pattern("%*%v");
  } else if (style == LogStyle::terminal_color) {
    // The caller decided; spdlog's own test (isatty) would ignore --color.
    auto color_sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>(spdlog::color_mode::always);
    sink = color_sink;
    formatter->set_pattern("%Y-%m-%d %H:%M:%S %^%-5l%$ %v");
  } else {
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    formatter->set_pattern("%Y-%m-%d %H:%M:%S %-5l %v");
  }
  sink->set_formatter(std::move(formatter));
  auto logger = std::make_shared<spdlog::logger>("scholard", sink);
  if (quiet && level < spdlog::level::warn) level = spdlog::level::warn;
  logger->set_level(level);
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);
}

}  // namespace scholard::daemon
