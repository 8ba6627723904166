// The report a pass child sends its supervisor (worker_runner.hpp), and the
// child's command line.
#include <sys/wait.h>

#include <csignal>

#include <gtest/gtest.h>

#include "daemon/worker_runner.hpp"

namespace scholard::daemon {
namespace {

// A wait status as waitpid() reports it.
int exited(int code) { return (code & 0xff) << 8; }

TEST(WorkerReport, RoundTripsTheOutcome) {
  PassOutcome in;
  in.exit_code = 1;
  in.summary = "daemon: 16 papers, 1 request to arXiv, 1 to Crossref, 0 changed, 1 paper failed";
  in.failure_lines = {"arXiv: export.arxiv.org: timed out\nafter 30 s: 1 paper (2305.16860)", "Crossref: 404: 1 paper"};
  in.auto_accepted = 2;
  const auto text = report_text(in);
  EXPECT_EQ(text.find("timed out\n"), std::string::npos) << "a line break inside a line must not split it";
  const auto out = outcome_from_report(text, exited(1));
  EXPECT_EQ(out.exit_code, 1);
  EXPECT_EQ(out.summary, in.summary);
  ASSERT_EQ(out.failure_lines.size(), 2u);
  EXPECT_EQ(out.failure_lines[0], "arXiv: export.arxiv.org: timed out after 30 s: 1 paper (2305.16860)");
  EXPECT_EQ(out.auto_accepted, 2);
}

TEST(WorkerReport, ExitStatusComesFromTheProcessNotTheText) {
  PassOutcome in;
  in.exit_code = 0;
  in.summary = "daemon: 3 papers";
  EXPECT_EQ(outcome_from_report(report_text(in), exited(3)).exit_code, 3);
}

TEST(WorkerReport, AChildThatDiedBeforeReportingIsExplained) {
  const auto silent = outcome_from_report("", exited(3));
  EXPECT_EQ(silent.exit_code, 3);
  EXPECT_NE(silent.summary.find("exit status 3"), std::string::npos) << silent.summary;

  const auto killed = outcome_from_report("summary\tdaemon: half", SIGKILL);  // WIFSIGNALED
  EXPECT_EQ(killed.exit_code, 3);
  EXPECT_NE(killed.summary.find("signal 9"), std::string::npos) << killed.summary;
}

TEST(WorkerReport, IgnoresLinesItDoesNotKnow) {
  const auto out = outcome_from_report("noise\nfuture\tfield\nsummary\tdaemon: ok\n", exited(0));
  EXPECT_EQ(out.summary, "daemon: ok");
  EXPECT_TRUE(out.failure_lines.empty());
  EXPECT_EQ(out.auto_accepted, 0);
}

TEST(WorkerArgv, NamesConfigStoreAndParent) {
  WorkerCommand command;
  command.scholard = "/usr/bin/scholard";
  command.global_args = {"--log-level", "debug"};
  command.store = "/var/lib/scholard/scholard.db";
  const auto argv = worker_argv(command, "/etc/scholard/scholard.toml", 42);
  const std::vector<std::string> expected{"/usr/bin/scholard", "--config", "/etc/scholard/scholard.toml",
                                          "--log-level", "debug", "daemon-pass", "--parent", "42",
                                          "--store", "/var/lib/scholard/scholard.db"};
  EXPECT_EQ(argv, expected);
}

}  // namespace
}  // namespace scholard::daemon
