// Issue 19, point 2: the first sync after `import --write` changes nothing the
// researcher wrote, and a later change of an overridden field by a source is
// reported once (the sync summary) and listed by `status`, while the page
// keeps the researcher's text. The real binary against the fake API server
// on the seed fixtures (tests/data/seed).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/fakeapi_process.hpp"
#include "support/run_command.hpp"
#include "support/seed_site.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;

const std::string k_bin = SCHOLARD_BIN;

void spit(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary | std::ios::trunc) << text; }

// An entry with whitespace collapsed and single-star emphasis written as
// underscores: the only differences the comparison forgives.
std::string normalised(const std::string& entry) {
  std::string out;
  for (std::size_t i = 0; i < entry.size(); ++i) {
    const char c = entry[i];
    if (c == '\\' && i + 1 < entry.size()) {
      out += c;
      out += entry[++i];
    } else if (c == '*' && i + 1 < entry.size() && entry[i + 1] == '*') {
      out += "**";
      ++i;
    } else if (c == '*') {
      out += '_';
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The paragraphs between "## Publications" and the next HTML comment.
std::vector<std::string> page_entries(const std::string& page) {
  const auto b = page.find("## Publications\n");
  const auto e = page.find("<!-- ## Talks");
  std::vector<std::string> entries;
  std::string current;
  std::istringstream in(page.substr(b + 16, e - b - 16));
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) {
      if (!current.empty()) entries.push_back(current);
      current.clear();
    } else if (line.rfind("<!--", 0) != 0) {
      current += (current.empty() ? "" : "\n") + line;
    }
  }
  if (!current.empty()) entries.push_back(current);
  return entries;
}

class ImportKeepsPage : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() / ("scholard-keep-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir / "fixtures");
    fs::copy(fs::path(SCHOLARD_TEST_DATA) / "seed" / "arxiv", m_dir / "fixtures" / "arxiv", fs::copy_options::recursive);
    fs::copy(fs::path(SCHOLARD_TEST_DATA) / "seed" / "crossref", m_dir / "fixtures" / "crossref",
             fs::copy_options::recursive);
    for (const char* f : {"research-2024.md", "research-2025.md"}) {
      fs::copy_file(fs::path(SCHOLARD_TEST_DATA) / "import" / f, m_dir / f);
    }
    auto server = FakeApiProcess::start(
        {"--fixtures", (m_dir / "fixtures").string(), "--port", "0", "--arxiv-interval", "100ms"});
    ASSERT_TRUE(server) << server.error().message;
    m_server = std::move(*server);
  }
  void TearDown() override {
    m_server.reset();
    fs::remove_all(m_dir);
  }

  // A config pointed at the fake server that writes `page`, with no papers yet.
  void write_config(const std::string& page) {
    const std::string url = m_server->base_url();
    spit(m_dir / "scholard.toml", "[profile]\nname = \"Joe Benton\"\ncontact = \"tester@example.org\"\n\n"
                                  "[store]\npath = \"scholard.db\"\n\n"
                                  "[sources.arxiv]\nbase_url = \"" + url + "/api/query\"\nmin_interval = \"150ms\"\n\n"
                                  "[sources.crossref]\nbase_url = \"" + url + "\"\n\n"
                                  "[sources.semanticscholar]\nbase_url = \"" + url + "/graph/v1\"\n"
                                  "min_interval = \"150ms\"\n\n"
                                  "[[output]]\nformat = \"markdown\"\npath = \"" + page + "\"\n");
  }

  // The same port again, so the config still points at it.
  void restart_server() {
    const std::string port = std::to_string(m_server->port());
    m_server.reset();
    auto server = FakeApiProcess::start(
        {"--fixtures", (m_dir / "fixtures").string(), "--port", port, "--arxiv-interval", "100ms"});
    ASSERT_TRUE(server) << server.error().message;
    m_server = std::move(*server);
  }

  CommandResult scholard(std::vector<std::string> args) {
    args.insert(args.begin(), {k_bin, "--config", (m_dir / "scholard.toml").string()});
    return run_command(args, {{"HOME", m_dir.string()}, {"SCHOLARD_CONFIG", ""}}, m_dir.string());
  }

  // import --write, then sync: every entry as the page wrote it (a list cut
  // "Name, et al." is imported with et_al = ", et al."). `same_bytes`: the
  // page writes every venue as the style does (research-2025.md sets some in
  // *asterisks*, which the style writes _so_, so its bytes change).
  void import_and_sync(const std::string& page, std::size_t entries, bool same_bytes = true) {
    write_config(page);
    const std::string before = slurp_file(m_dir / page);
    auto imported = scholard({"import", page, "--write"});
    ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
    EXPECT_NE(imported.out.find("# compared with arXiv and Crossref: "), std::string::npos) << imported.out;
    EXPECT_EQ(imported.out.find("the first sync will still change"), std::string::npos) << imported.out;
    const std::string marked = slurp_file(m_dir / page);
    auto synced = scholard({"sync"});
    ASSERT_EQ(synced.exit_code, 0) << synced.out << synced.err;
    const std::string after = slurp_file(m_dir / page);
    // The markers sit where the sync writes them (a blank line before the
    // end marker): the first sync rewrites nothing the import marked.
    if (same_bytes) {
      EXPECT_EQ(after, marked) << "the first sync changed the marked page";
    }
    const auto want = page_entries(before);
    const auto got = marked_entries(after);
    ASSERT_EQ(want.size(), entries);
    ASSERT_EQ(got.size(), want.size()) << after;
    for (std::size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(normalised(got[i]), normalised(want[i])) << "entry " << i + 1;
    }
    // Outside the markers nothing moved: the page is the old one plus two marker lines.
    std::string unmarked = after;
    replace_all(unmarked, "<!-- scholard:begin -->\n", "");
    replace_all(unmarked, "<!-- scholard:end -->\n", "");
    const auto block_of = [](const std::string& text) { return text.substr(0, text.find("## Publications")); };
    EXPECT_EQ(block_of(unmarked), block_of(before));
    EXPECT_EQ(unmarked.substr(unmarked.find("<!-- ## Talks")), before.substr(before.find("<!-- ## Talks")));
  }

  fs::path m_dir;
  std::unique_ptr<FakeApiProcess> m_server;
};

TEST_F(ImportKeepsPage, Research2024EveryEntryAsWritten) {
  import_and_sync("research-2024.md", 8);
  const std::string config = slurp_file(m_dir / "scholard.toml");
  EXPECT_NE(config.find("title = \"From Denoising Diffusions to Denoising Markov Models\""), std::string::npos) << config;
  EXPECT_NE(config.find("month = \"February\""), std::string::npos);
  EXPECT_NE(config.find("pages = \"286−301\""), std::string::npos);
  EXPECT_NE(config.find("venue = \"arXiv preprint, arXiv:2210.01892\""), std::string::npos);
}

TEST_F(ImportKeepsPage, Research2025EveryEntryAsWritten) {
  import_and_sync("research-2025.md", 16, false);
  // 2507.11473 and 2501.18837 write "Dan Hendrycks, et al.": the page's comma is kept.
  const std::string config = slurp_file(m_dir / "scholard.toml");
  EXPECT_NE(config.find("author_names = { \"Marvin Li\" = \"Meihua Li\" }"), std::string::npos) << config;
  EXPECT_NE(config.find("et_al = \", et al.\""), std::string::npos);
  EXPECT_NE(config.find("title = \"When Do Universal Image Jailbreaks Transfer Between Vision-Language Models?\""),
            std::string::npos);
}

TEST_F(ImportKeepsPage, OfflineSaysThatNothingWasCompared) {
  write_config("research-2024.md");
  auto r = scholard({"import", "research-2024.md", "--offline"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("# not compared with arXiv and Crossref (--offline): the first sync may change"),
            std::string::npos)
      << r.out;
  m_server.reset();  // nobody answers: the import still proposes, and says so
  r = scholard({"import", "research-2024.md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("# not compared with the sources: no source could be reached"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[[paper]]"), std::string::npos);
}

TEST_F(ImportKeepsPage, ASourceChangeUnderAnOverrideIsReportedOnce) {
  import_and_sync("research-2024.md", 8);
  const fs::path work = m_dir / "fixtures" / "crossref" / "work-10.1093_jrsssb_qkae005.json";
  std::string json = slurp_file(work);
  ASSERT_EQ(replace_all(json, "From denoising diffusions to denoising Markov models",
                        "From denoising diffusions to denoising Markov processes"),
            1);
  ASSERT_EQ(replace_all(json, "\"page\":\"286-301\"", "\"page\":\"286-302\""), 1);
  spit(work, json);
  restart_server();  // it reads the fixtures when it starts
  const std::string page_before = slurp_file(m_dir / "research-2024.md");

  auto first = scholard({"sync", "--force"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const std::string title_notice =
      "10.1093/jrsssb/qkae005: Crossref now says title \"From denoising diffusions to denoising Markov processes\"; "
      "your page keeps \"From Denoising Diffusions to Denoising Markov Models\"";
  const std::string pages_notice = "10.1093/jrsssb/qkae005: Crossref now says pages \"286-302\"; your page keeps \"286−301\"";
  EXPECT_NE(first.out.find("2 source changes not shown (your text kept): "), std::string::npos) << first.out;
  EXPECT_NE(first.out.find(title_notice), std::string::npos) << first.out;
  EXPECT_NE(first.out.find(pages_notice), std::string::npos) << first.out;
  EXPECT_EQ(slurp_file(m_dir / "research-2024.md"), page_before);

  auto second = scholard({"sync", "--force"});
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_EQ(second.out.find("now says"), std::string::npos) << second.out;
  EXPECT_EQ(slurp_file(m_dir / "research-2024.md"), page_before);

  auto status = scholard({"status"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("Your text kept over a source's change:\n"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find(title_notice + "\n"), std::string::npos) << status.out;
  auto json_status = scholard({"status", "--json"});
  ASSERT_EQ(json_status.exit_code, 0) << json_status.err;
  EXPECT_NE(json_status.out.find("\"kept_text\":[{\"paper\":\"10.1093/jrsssb/qkae005\",\"source\":\"crossref\""),
            std::string::npos)
      << json_status.out;
  EXPECT_NE(json_status.out.find("\"source_value\":\"286-302\",\"kept\":\"286−301\""), std::string::npos)
      << json_status.out;
}

}  // namespace
}  // namespace scholard::testing
