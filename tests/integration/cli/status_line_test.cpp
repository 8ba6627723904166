// `sync`'s status line on a terminal (issue 26): the real binary against the
// fake API server, its stderr on a pseudo-terminal this test reads. The line
// is cleared before every log line and drawn again after, counts per source,
// and counts a wait down; on a pipe there is no status line at all.
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/seed_site.hpp"
#include "terminal.hpp"

namespace scholard::testing {
namespace {
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* k_clear = "\r\x1b[K";

// What was drawn between two line clears, in order.
std::vector<std::string> segments(const std::string& terminal) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (;;) {
    const auto at = terminal.find(k_clear, from);
    out.push_back(terminal.substr(from, at == std::string::npos ? std::string::npos : at - from));
    if (at == std::string::npos) return out;
    from = at + std::char_traits<char>::length(k_clear);
  }
}

bool is_status(const std::string& segment) { return segment.rfind("sync: ", 0) == 0; }

// The level may come in colour (a terminal: --color=auto).
const std::regex k_log_line(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (\x1b\[[0-9;]*m)?(trace|debug|info |warn |error))");

TEST(StatusLine, ClearedBeforeEachLogLineCountsPerSourceAndCountsAWaitDown) {
  // arXiv's first answer is a 503 asking to wait 3 s: the pass waits that
  // long for its retry, and the line must show it, second by second.
  SeedSiteOptions options;
  options.server_args = {"--fault", "arxiv:503:3x1"};
  SeedSite site(options);
  std::string error;
  ASSERT_TRUE(site.start_server(error)) << error;
  // Debug logging: a log line for every answer, so log lines and the status
  // line interleave all through the pass.
  auto run = run_on_terminal({SCHOLARD_BIN, "--config", site.config().string(), "--log-level", "debug", "sync"}, {});
  ASSERT_EQ(run.exit_code, 0) << run.terminal;

  const auto parts = segments(run.terminal);
  int statuses = 0;
  int redrawn_after_log = 0;
  std::set<int> waits;
  bool arxiv_counts = false;
  bool crossref_counts = false;
  bool eta = false;
  const std::regex arxiv(R"(; arXiv \d+/\d+ answered, \d+ requests?)");
  const std::regex crossref(R"(; Crossref \d+/\d+ answered, \d+ requests?)");
  const std::regex waiting(R"(arXiv [^;]*waiting (\d+) s \((backoff|server asked to wait)\))");
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (!is_status(part)) {
      // Anything else starts a row of its own: a log line, or nothing.
      // (The first part comes before any line was drawn: nothing to clear.)
      if (i > 0 && std::regex_search(part, k_log_line)) {
        EXPECT_TRUE(std::regex_search(part, std::regex(R"(^\d{4}-)"))) << "a log line shares a row: " << part;
        if (i + 1 < parts.size() && is_status(parts[i + 1])) ++redrawn_after_log;
      }
      continue;
    }
    ++statuses;
    // The status line never runs into a log line, nor wraps.
    EXPECT_EQ(part.find('\n'), std::string::npos) << "status line not cleared before: " << part;
    EXPECT_FALSE(std::regex_search(part, k_log_line)) << part;
    EXPECT_LE(part.size(), 199u) << part;
    arxiv_counts = arxiv_counts || std::regex_search(part, arxiv);
    crossref_counts = crossref_counts || std::regex_search(part, crossref);
    eta = eta || part.find(" left") != std::string::npos;
    std::smatch m;
    if (std::regex_search(part, m, waiting)) waits.insert(std::stoi(m[1].str()));
  }
  EXPECT_GT(statuses, 5) << run.terminal;
  EXPECT_GT(redrawn_after_log, 0) << "the line is drawn again after a log line:\n" << run.terminal;
  EXPECT_TRUE(arxiv_counts) << run.terminal;
  EXPECT_TRUE(crossref_counts) << run.terminal;
  EXPECT_TRUE(eta) << run.terminal;
  // The 3 s wait counted down: 3, 2, 1 (at least two of them seen).
  EXPECT_GE(waits.size(), 2u) << run.terminal;
  EXPECT_TRUE(waits.count(3) || waits.count(2)) << run.terminal;
  // The line is gone at the end: the last thing drawn is a clear or a
  // message of its own row, never a status line.
  ASSERT_FALSE(parts.empty());
  EXPECT_FALSE(is_status(parts.back())) << parts.back();
}

TEST(StatusLine, NoneWhenStderrIsAPipe) {
  SeedSiteOptions options;
  options.server_args = {"--fault", "arxiv:503:1x1"};
  SeedSite site(options);
  std::string error;
  ASSERT_TRUE(site.start_server(error)) << error;
  auto run = site.scholard({"--log-level", "debug", "sync"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, Not(HasSubstr("\x1b[K")));
  EXPECT_THAT(run.err, Not(HasSubstr("\r")));
  EXPECT_THAT(run.err, Not(HasSubstr(" answered")));
  EXPECT_THAT(run.err, HasSubstr("debug"));  // the log lines themselves are there
}

}  // namespace
}  // namespace scholard::testing
