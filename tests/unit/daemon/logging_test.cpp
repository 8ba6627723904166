#include "daemon/logging.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

namespace scholard::daemon {
namespace {

// What `body` writes to stderr (file descriptor 2), through a temp file.
std::string captured_stderr(const std::function<void()>& body) {
  char path[] = "/tmp/scholard-log-XXXXXX";
  const int fd = ::mkstemp(path);
  if (fd < 0) return "mkstemp failed";
  const int saved = ::dup(2);
  ::dup2(fd, 2);
  body();
  ::dup2(saved, 2);
  ::close(saved);
  ::close(fd);
  std::string text;
  if (FILE* f = std::fopen(path, "r")) {
    char buf[512];
    while (std::fgets(buf, sizeof buf, f)) text += buf;
    std::fclose(f);
  }
  std::remove(path);
  return text;
}


TEST(Logging, ParsesLevels) {
  EXPECT_EQ(*parse_log_level("debug"), spdlog::level::debug);
  EXPECT_EQ(*parse_log_level("warn"), spdlog::level::warn);
  auto bad = parse_log_level("loud");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("trace, debug, info, warn or error"), std::string::npos);
}

TEST(Logging, SyslogPriorities) {
  EXPECT_EQ(syslog_priority(spdlog::level::debug), 7);
  EXPECT_EQ(syslog_priority(spdlog::level::info), 6);
  EXPECT_EQ(syslog_priority(spdlog::level::warn), 4);
  EXPECT_EQ(syslog_priority(spdlog::level::err), 3);
}

TEST(Logging, JournalDetectedOnlyWhenJournalStreamMatchesStderr) {
  ::unsetenv("JOURNAL_STREAM");
  EXPECT_FALSE(stderr_is_journal());
  struct stat st {};
  ASSERT_EQ(::fstat(2, &st), 0);
  const std::string match = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  ::setenv("JOURNAL_STREAM", match.c_str(), 1);
  EXPECT_TRUE(stderr_is_journal());
  ::setenv("JOURNAL_STREAM", "1:2", 1);
  EXPECT_FALSE(stderr_is_journal());
  ::unsetenv("JOURNAL_STREAM");
}

// On a terminal that gets colour, the level is coloured and the rest is as
// in the plain terminal style.
TEST(Logging, TerminalColorStyleColoursTheLevelOnly) {
  const std::string text = captured_stderr([] {
    setup_logging(spdlog::level::info, false, LogStyle::terminal_color);
    spdlog::error("store locked");
    spdlog::default_logger()->flush();
    setup_logging(spdlog::level::info, false, LogStyle::terminal);
    spdlog::error("plain again");
    spdlog::default_logger()->flush();
  });
  const auto first_end = text.find('\n');
  ASSERT_NE(first_end, std::string::npos) << text;
  const std::string coloured = text.substr(0, first_end);
  EXPECT_NE(coloured.find("\033["), std::string::npos) << coloured;
  EXPECT_NE(coloured.find("error"), std::string::npos) << coloured;
  EXPECT_NE(coloured.find("\033[m store locked"), std::string::npos) << coloured;
  EXPECT_EQ(text.substr(first_end + 1).find('\033'), std::string::npos) << text;
  EXPECT_NE(text.find("error plain again"), std::string::npos) << text;
}

// Journal lines carry "<N>" and no timestamp; terminal lines carry a timestamp.
TEST(Logging, JournalStyleLinesHavePriorityPrefixAndNoTimestamp) {
  const std::string text = captured_stderr([] {
    setup_logging(spdlog::level::info, false, LogStyle::journal);
    spdlog::warn("arXiv answered 429");
    spdlog::debug("hidden at info level");
    setup_logging(spdlog::level::debug, true, LogStyle::terminal);
    spdlog::info("hidden when quiet");
    spdlog::error("store locked");
    spdlog::default_logger()->flush();
  });
  EXPECT_NE(text.find("<4>arXiv answered 429\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("hidden"), std::string::npos) << text;
  EXPECT_NE(text.find("error store locked"), std::string::npos) << text;
  EXPECT_EQ(text.find("<3>"), std::string::npos) << text;
}

}  // namespace
}  // namespace scholard::daemon
