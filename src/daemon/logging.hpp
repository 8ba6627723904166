// Logging setup: spdlog to stderr, shaped for where stderr goes.
//
// On a terminal or a pipe: "2026-11-23 13:10:46 warn  message".
// Under systemd (stderr is the journal stream named by $JOURNAL_STREAM): each
// line starts with a "<N>" syslog level prefix and carries no timestamp, since
// journald adds its own (docs/upstream-apis.md, "Logging to the journal").
#pragma once

#include <string_view>

#include <spdlog/common.h>

#include "core/result.hpp"

namespace scholard::daemon {

// "trace" | "debug" | "info" | "warn" | "error"; anything else is invalid_input.
core::Result<spdlog::level::level_enum> parse_log_level(std::string_view name);

// True when $JOURNAL_STREAM names the device:inode of file descriptor 2.
bool stderr_is_journal();

// terminal_color: the level in colour (green info, yellow warn, red error),
// for a terminal when the command line's --color/NO_COLOR rule says so.
enum class LogStyle { terminal, terminal_color, journal };

// Installs the default logger. `quiet` raises the level to warnings at least.
void setup_logging(spdlog::level::level_enum level, bool quiet, LogStyle style);

// The syslog priority journald expects for a spdlog level (trace/debug -> 7 ...).
int syslog_priority(spdlog::level::level_enum level);

}  // namespace scholard::daemon
