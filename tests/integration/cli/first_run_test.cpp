// The first minutes with the real binary (issue 19, point 6): before the
// first sync the views answer "nothing synced yet" (exit 0, valid JSON) and
// create no store; a second writer says at once, on a terminal, whom it is
// waiting for.
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include "support/fakeapi_process.hpp"
#include "support/seed_site.hpp"
#include "terminal.hpp"
#include "tiny_site.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

// Parses `json`; the document must be an object whose "version" is 1.
::testing::AssertionResult versioned_json(const std::string& json, simdjson::dom::parser& parser,
                                          simdjson::dom::object& out) {
  if (parser.parse(json).get(out) != simdjson::SUCCESS) return ::testing::AssertionFailure() << "not JSON: " << json;
  std::int64_t version = 0;
  if (out["version"].get(version) != simdjson::SUCCESS || version != 1) {
    return ::testing::AssertionFailure() << "no \"version\": 1 in " << json;
  }
  return ::testing::AssertionSuccess();
}

TEST(FirstRun, TheViewsAnswerNothingSyncedYetAndCreateNoStore) {
  ScratchDir dir("first-run");
  const TinySite site(dir.path() / "site", dir.path() / "home", {{"2506.15740", "2505.05410"}});
  const std::string config = site.config().string();

  for (const char* view : {"list", "status", "history"}) {
    auto r = site.scholard({view});
    EXPECT_EQ(r.exit_code, 0) << view << ": " << r.err;
    EXPECT_THAT(r.out, HasSubstr("nothing synced yet: 2 papers listed in " + config + ", none fetched"));
    EXPECT_THAT(r.out, HasSubstr("(store: " + site.state_dir().string() + "/site-"));
  }

  simdjson::dom::parser parser;
  simdjson::dom::object doc;
  auto list = site.scholard({"list", "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  ASSERT_TRUE(versioned_json(list.out, parser, doc));
  simdjson::dom::array papers;
  ASSERT_EQ(doc["papers"].get(papers), simdjson::SUCCESS);
  ASSERT_EQ(papers.size(), 2u);  // the listed papers, never fetched
  for (auto paper : papers) {
    EXPECT_TRUE(paper["sources"]["arxiv"].is_null());
    EXPECT_TRUE(paper["sources"]["crossref"].is_null());
  }

  auto status = site.scholard({"status", "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  ASSERT_TRUE(versioned_json(status.out, parser, doc));
  simdjson::dom::array runs;
  ASSERT_EQ(doc["runs"].get(runs), simdjson::SUCCESS);
  EXPECT_EQ(runs.size(), 0u);

  for (const std::string& id : {std::string(), std::string("2506.15740")}) {
    std::vector<std::string> args = {"history", "--json"};
    if (!id.empty()) args.push_back(id);
    auto history = site.scholard(args);
    ASSERT_EQ(history.exit_code, 0) << history.err;
    ASSERT_TRUE(versioned_json(history.out, parser, doc));
    simdjson::dom::array entries;
    ASSERT_EQ(doc["history"].get(entries), simdjson::SUCCESS);
    EXPECT_EQ(entries.size(), 0u);
  }

  // A paper cannot be shown before it was fetched (exit 2, as an id not in
  // the store); nothing is exported (an empty bibliography is never written).
  auto show = site.scholard({"show", "2506.15740"});
  EXPECT_EQ(show.exit_code, 2);
  EXPECT_THAT(show.err, HasSubstr("nothing synced yet: 2506.15740 has no record before the first `scholard sync`"));
  const fs::path bib = dir.path() / "papers.bib";
  auto exported = site.scholard({"export", "--format", "bibtex", "-o", bib.string()});
  EXPECT_EQ(exported.exit_code, 3);
  EXPECT_THAT(exported.err, HasSubstr("nothing synced yet"));
  EXPECT_FALSE(fs::exists(bib));

  // None of that created a store (or its folder).
  EXPECT_FALSE(fs::exists(site.state_dir()));
}

TEST(SecondWriter, SaysAtOnceWhomItWaitsForThenProceeds) {
  // The first sync's one arXiv request takes 4 s: it holds the writer lock
  // all that time.
  SeedSiteOptions options;
  options.server_args = {"--fault", "arxiv:delay:4000x1"};
  SeedSite site(options);
  std::string error;
  ASSERT_TRUE(site.start_server(error)) << error;
  const std::string log = (site.root() / "first.log").string();
  const pid_t first = spawn_background({SCHOLARD_BIN, "--config", site.config().string(), "sync"}, {}, log);
  ASSERT_GT(first, 0);

  // Wait until the first sync's pass holds the lock (its pid in the lock file).
  const fs::path lock = site.store().string() + ".lock";
  const std::string first_pid = std::to_string(first);
  bool held = false;
  for (int i = 0; i < 200 && !held; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    held = slurp_file(lock).rfind(first_pid + "\t", 0) == 0 && site.server()->log().find("/api/query") != std::string::npos;
  }
  ASSERT_TRUE(held) << slurp_file(lock) << site.server()->log();

  const auto start = std::chrono::steady_clock::now();
  auto second = run_on_terminal({SCHOLARD_BIN, "--config", site.config().string(), "sync"}, {});
  const auto took = std::chrono::steady_clock::now() - start;
  int status = 0;
  ::waitpid(first, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << slurp_file(log);

  EXPECT_THAT(second.terminal, HasSubstr("waiting for pid " + first_pid + " (`scholard sync`) to finish..."));
  EXPECT_EQ(second.exit_code, 0) << second.terminal;  // it waited, then did its pass
  EXPECT_GT(took, std::chrono::seconds(1));  // it did wait for the first one
  EXPECT_LT(took, std::chrono::seconds(25));
}

}  // namespace
}  // namespace scholard::testing
