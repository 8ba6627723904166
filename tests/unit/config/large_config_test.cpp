// Configs of thousands of papers, as the benchmarks load (docs/benchmarks.md):
// the file is read whole, every paper comes through, and duplicates are found
// however far apart they are listed. Correctness only; no test times anything.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "config_test_support.hpp"

namespace scholard::config {
namespace {

using testing::HasSubstr;

// k_minimal (one paper, 2308.03686 on line 9) followed by `n` more, in turn
// arXiv-only, arXiv + DOI, DOI-only (as scripts/bench-fixtures.sh mixes them),
// four lines each: the [[paper]] header of paper k (from 0) is on
// paper_line(k), and text appended after them starts with paper_line(n) - 1.
std::string many_papers(int n) {
  std::string text(k_minimal);
  for (int k = 0; k < n; ++k) {
    const std::string arxiv = "arxiv = \"2601." + std::to_string(10000 + k) + "\"\n";
    const std::string doi = "doi = \"10.5555/Scholard-Bench." + std::to_string(k) + "\"\n";
    text += "\n[[paper]]\n";
    text += k % 3 == 0 ? arxiv + "# arXiv only\n" : k % 3 == 1 ? arxiv + doi : doi + "# DOI only\n";
  }
  return text;
}

int paper_line(int k) { return 12 + 4 * k; }

// A file under the test's temp folder, removed with it.
class TempFile {
 public:
  explicit TempFile(const std::string& text)
      : m_path(std::filesystem::temp_directory_path() /
               ("scholard-large-config-" + std::to_string(::getpid()) + ".toml")) {
    std::ofstream(m_path, std::ios::binary) << text;
  }
  ~TempFile() { std::filesystem::remove(m_path); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

TEST(LargeConfig, EveryPaperIsReadInOrder) {
  auto config = parse(many_papers(3000));
  ASSERT_TRUE(config) << config.error().message.substr(0, 2000);
  ASSERT_EQ(config->papers.size(), 3001u);
  EXPECT_EQ(config->papers[1].arxiv->id, "2601.10000");
  EXPECT_FALSE(config->papers[1].doi);
  EXPECT_EQ(config->papers[2].doi->value, "10.5555/scholard-bench.1");
  EXPECT_FALSE(config->papers[3].arxiv);
  EXPECT_EQ(config->papers[2999].arxiv->id, "2601.12998");
  EXPECT_EQ(config->papers[3000].doi->value, "10.5555/scholard-bench.2999");
  EXPECT_FALSE(config->papers[3000].arxiv);
  EXPECT_EQ(config->papers[3000].line, paper_line(2999));
}

TEST(LargeConfig, DuplicatesFarApartNameTheFirstListing) {
  std::string text = many_papers(3000);
  // Paper 3002 repeats paper 2's DOI (written differently); 3003 and 3004 both
  // repeat the first paper's arXiv id.
  text += "\n[[paper]]\ndoi = \"https://doi.org/10.5555/scholard-bench.1\"\n";
  text += "\n[[paper]]\narxiv = \"arXiv:2308.03686v2\"\n";
  text += "\n[[paper]]\narxiv = \"2308.03686\"\n";
  auto config = parse(text);
  ASSERT_FALSE(config);
  const std::vector<std::string> lines = split_lines(config.error().message);
  ASSERT_EQ(lines.size(), 3u) << config.error().message;
  const int first = paper_line(3000);
  EXPECT_EQ(lines[0], "test.toml:" + std::to_string(first) + ": key `paper[3002]`: line " + std::to_string(first) +
                          " repeats DOI 10.5555/scholard-bench.1 already listed at line " +
                          std::to_string(paper_line(1)) + "; list each paper once");
  EXPECT_EQ(lines[1], "test.toml:" + std::to_string(first + 3) + ": key `paper[3003]`: line " +
                          std::to_string(first + 3) + " repeats arXiv 2308.03686 already listed at line 9; "
                          "list each paper once");
  EXPECT_THAT(lines[2], HasSubstr("key `paper[3004]`: line " + std::to_string(first + 6) +
                                  " repeats arXiv 2308.03686 already listed at line 9"));
}

TEST(LargeConfig, TypoInOnePaperAmongThousandsIsFound) {
  std::string text = many_papers(2000);
  text += "\n[[paper]]\narxiv = \"2308.16811\"\ntitel = \"x\"\n";
  auto config = parse(text);
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message, "test.toml:" + std::to_string(paper_line(2000) + 2) +
                                        ": key `paper[2002].titel`: unknown key; did you mean `title`?");
}

TEST(LargeConfig, SnapshotHoldsEveryByteOfTheFile) {
  // Larger than any read buffer, and not a multiple of one.
  const std::string text = many_papers(5000) + "# the last line has no newline";
  ASSERT_GT(text.size(), 100000u);
  TempFile file(text);
  auto snapshot = load_config_snapshot(file.path(), test_env());
  ASSERT_TRUE(snapshot) << snapshot.error().message.substr(0, 2000);
  EXPECT_EQ(snapshot->file.text, text);
  EXPECT_EQ(snapshot->file.path, file.path());
  EXPECT_EQ(snapshot->config.papers.size(), 5001u);
  EXPECT_EQ(snapshot->config.file, file.path());
}

TEST(LargeConfig, EmptyFileReadsAsEmptyText) {
  TempFile file("");
  auto read = read_config_file(file.path(), test_env());
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->text, "");
}

}  // namespace
}  // namespace scholard::config
