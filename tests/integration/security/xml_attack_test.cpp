// Hostile XML: entity expansion (billion laughs, quadratic blow-up), external
// entities (XXE, external DTD, parameter entities) and NUL character
// references, fed to the arXiv parser and served to the real binary as an
// arXiv answer. Each must stay inert: small (bounded in bytes, not time), and
// nothing from outside the document (no /etc/passwd) in any record.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "fetchers/arxiv_parser.hpp"
#include "integration/security/canned_server.hpp"
#include "support/seed_site.hpp"

extern char** environ;

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;

const fs::path k_data = fs::path(SCHOLARD_TEST_DATA) / "security";

long max_rss_kb() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// Whatever the parser kept must not be an expansion or a file's contents.
void expect_inert(const core::Record& r) {
  for (const std::string* text : {&r.title, &r.summary}) {
    EXPECT_EQ(text->find("lollol"), std::string::npos) << text->substr(0, 200);
    EXPECT_EQ(text->find("root:"), std::string::npos) << text->substr(0, 200);
    EXPECT_EQ(text->find("xxxxxxxxxx"), std::string::npos) << text->substr(0, 200);
    EXPECT_EQ(text->find('\0'), std::string::npos);
    EXPECT_LT(text->size(), 20000u);
  }
}

class XmlAttack : public ::testing::TestWithParam<const char*> {};

// pugixml expands no entity a DOCTYPE declares and reads no external one:
// each document parses into its one entry with the references left out. The
// bound is on bytes (the record's text, the parse's peak memory), not time:
// expanded, billion laughs is 3 GB and the blow-up 200 MB.
TEST_P(XmlAttack, ParserKeepsEntitiesInertAndSmall) {
  const std::string xml = slurp_file(k_data / GetParam());
  ASSERT_FALSE(xml.empty()) << GetParam();
  const long rss_before = max_rss_kb();
  auto feed = fetchers::parse_arxiv_feed(xml);
  EXPECT_LT(max_rss_kb() - rss_before, 64L * 1024) << "kB of peak memory added by one parse";
  ASSERT_TRUE(feed) << feed.error().message;
  ASSERT_EQ(feed->entries.size(), 1u);
  for (const auto& e : feed->entries) expect_inert(e.record);
}

INSTANTIATE_TEST_SUITE_P(Documents, XmlAttack,
                         ::testing::Values("billion-laughs.xml", "quadratic-blowup.xml", "xxe.xml", "external-dtd.xml"),
                         [](const auto& param_info) {
                           std::string n = param_info.param;
                           std::string out;
                           for (char c : n.substr(0, n.find('.'))) out += (c == '-') ? '_' : c;
                           return out;
                         });

TEST(XmlCharacterReferences, NulNeverReachesARecord) {
  std::string xml = slurp_file(k_data / "xxe.xml");
  // No DOCTYPE this time: just character references XML forbids.
  const auto feed_at = xml.find("<feed");
  ASSERT_NE(feed_at, std::string::npos);
  xml = xml.substr(feed_at);
  ASSERT_EQ(replace_all(xml, "External &xxe; &remote;", "Nul&#0;byte &#x0; and &#xD800; surrogate"), 1);
  ASSERT_EQ(replace_all(xml, "<summary>&xxe;</summary>", "<summary>s</summary>"), 1);
  auto feed = fetchers::parse_arxiv_feed(xml);
  ASSERT_TRUE(feed) << feed.error().message;
  ASSERT_EQ(feed->entries.size(), 1u);
  EXPECT_NE(feed->entries[0].record.title.find("Nul"), std::string::npos) << feed->entries[0].record.title;
  for (const auto& e : feed->entries) expect_inert(e.record);
}

struct Measured {
  int exit_code = -1;
  long max_rss_kb = 0;
  std::string err;
};

// Runs argv with stdout/stderr to files and returns its exit code and peak RSS.
Measured run_measured(const std::vector<std::string>& args, const fs::path& scratch) {
  std::vector<std::string> copy = args;
  std::vector<char*> argv;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string err_path = (scratch / "measured.err").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = -1;
  Measured m;
  if (::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0) {
    int status = 0;
    rusage u{};
    ::wait4(pid, &status, 0, &u);
    m.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    m.max_rss_kb = u.ru_maxrss;
  }
  posix_spawn_file_actions_destroy(&actions);
  m.err = slurp_file(err_path);
  return m;
}

// Points the config's arXiv base URL at `url` (Crossref stays on the closed port).
void point_arxiv_at(const SeedSite& site, const std::string& url) {
  std::string text = slurp_file(site.config());
  ASSERT_EQ(replace_all(text, "\"http://127.0.0.1:9/api/query\"", "\"" + url + "\""), 1);
  std::ofstream(site.config(), std::ios::binary | std::ios::trunc) << text;
}

class HostileFeed : public ::testing::TestWithParam<const char*> {};

TEST_P(HostileFeed, SyncStaysSmallAndStoresNothingExpanded) {
  CannedServer server(CannedServer::response(200, "application/atom+xml; charset=utf-8", slurp_file(k_data / GetParam())));
  ASSERT_NE(server.port(), 0);
  SeedSite site;
  point_arxiv_at(site, server.base_url() + "/api/query");
  const auto r = run_measured({SCHOLARD_BIN, "--config", site.config().string(), "sync", "--only", "arXiv:2305.16860"},
                              site.root());
  EXPECT_GE(server.requests(), 1);
  EXPECT_LT(r.max_rss_kb, 256L * 1024) << "scholard's peak RSS in kB";
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.exit_code << ": " << r.err;
  const auto show = site.scholard({"show", "2305.16860", "--json"});
  EXPECT_EQ(show.out.find("lollol"), std::string::npos);
  EXPECT_EQ(show.out.find("root:"), std::string::npos);
  const std::string page = slurp_file(site.page());
  EXPECT_EQ(page.find("lollol"), std::string::npos);
  EXPECT_EQ(page.find("root:"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Documents, HostileFeed, ::testing::Values("billion-laughs.xml", "xxe.xml"),
                         [](const auto& param_info) {
                           return std::string(param_info.param).substr(0, 3) == "xxe" ? "Xxe" : "BillionLaughs";
                         });

}  // namespace
}  // namespace scholard::testing
