#include "render/output_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

namespace scholard::render {
namespace {
namespace fs = std::filesystem;

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() / ("scholard-render-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }
  fs::path m_dir;
};

const char* k_page =
    "---\ntitle: Research\n---\n\n## Publications\n\n<!-- scholard:begin -->\nold list\n<!-- scholard:end -->\n\nfooter\n";

TEST(MarkedBlock, ReplacesOnlyBetweenMarkers) {
  auto out = replace_marked_block(k_page, "new entry one.\n\nnew entry two.", "research.md");
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(*out,
            "---\ntitle: Research\n---\n\n## Publications\n\n<!-- scholard:begin -->\nnew entry one.\n\nnew entry "
            "two.\n\n<!-- scholard:end -->\n\nfooter\n");
}

TEST(MarkedBlock, MissingMarkersAreErrorsThatSayWhatToDo) {
  auto none = replace_marked_block("# Papers\n\n- a\n", "x", "site/research.md");
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("site/research.md"), std::string::npos);
  EXPECT_NE(none.error().message.find("scholard:begin"), std::string::npos);

  auto no_end = replace_marked_block("a\n<!-- scholard:begin -->\nb\n", "x", "p.md");
  ASSERT_FALSE(no_end);
  EXPECT_NE(no_end.error().message.find("p.md:2"), std::string::npos);

  auto reversed = replace_marked_block("<!-- scholard:end -->\n<!-- scholard:begin -->\n", "x", "p.md");
  ASSERT_FALSE(reversed);
  EXPECT_NE(reversed.error().message.find("before"), std::string::npos);

  auto twice = replace_marked_block(std::string(k_page) + k_page, "x", "p.md");
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("more than once"), std::string::npos);
}

TEST_F(TempDir, WriteIfChangedLeavesIdenticalFileUntouched) {
  const fs::path file = m_dir / "out.md";
  ASSERT_EQ(*write_if_changed(file, "hello\n"), WriteResult::written);
  const auto before = fs::last_write_time(file);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(*write_if_changed(file, "hello\n"), WriteResult::unchanged);
  EXPECT_EQ(fs::last_write_time(file), before);
  ASSERT_EQ(*write_if_changed(file, "hello again\n"), WriteResult::written);
  EXPECT_EQ(*read_file(file), "hello again\n");
}

TEST_F(TempDir, WriteIfChangedCreatesFoldersKeepsModeAndLeavesNoTemporaries) {
  const fs::path file = m_dir / "a" / "b" / "papers.bib";
  ASSERT_TRUE(write_if_changed(file, "@article{x}\n"));
  ::chmod(file.c_str(), 0600);
  ASSERT_TRUE(write_if_changed(file, "@article{y}\n"));
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(file.parent_path())) ++entries;
  EXPECT_EQ(entries, 1);
}

TEST_F(TempDir, FailedWriteKeepsTheOldFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores folder permissions";
  const fs::path file = m_dir / "ro" / "out.md";
  ASSERT_TRUE(write_if_changed(file, "old\n"));
  ::chmod(file.parent_path().c_str(), 0555);
  auto r = write_if_changed(file, "new\n");
  ::chmod(file.parent_path().c_str(), 0755);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::io);
  EXPECT_EQ(*read_file(file), "old\n");
}

// Works as root too: renaming a file over a non-empty folder always fails.
TEST_F(TempDir, FailedRenameCleansUpAndKeepsWhatWasThere) {
  const fs::path target = m_dir / "taken";
  fs::create_directories(target);
  std::ofstream(target / "keep.txt") << "keep";
  auto r = write_if_changed(target, "new\n");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::io);
  EXPECT_NE(r.error().message.find("rename failed"), std::string::npos);
  EXPECT_EQ(*read_file(target / "keep.txt"), "keep");
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(m_dir)) ++entries;
  EXPECT_EQ(entries, 1);
}

// The link stays; its target (through a chain, relative links resolved
// from the link's folder) is replaced, its temporary made in its own folder.
TEST_F(TempDir, WriteIfChangedWritesThroughALinkChainToItsTarget) {
  fs::create_directories(m_dir / "real");
  fs::create_directories(m_dir / "site");
  std::ofstream(m_dir / "real" / "page.md") << "old\n";
  ::chmod((m_dir / "real" / "page.md").c_str(), 0600);
  fs::create_symlink("../real/page.md", m_dir / "site" / "hop.md");
  fs::create_symlink(m_dir / "site" / "hop.md", m_dir / "site" / "page.md");
  auto r = write_if_changed(m_dir / "site" / "page.md", "new\n");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, WriteResult::written);
  EXPECT_TRUE(fs::is_symlink(m_dir / "site" / "page.md"));
  EXPECT_TRUE(fs::is_symlink(m_dir / "site" / "hop.md"));
  EXPECT_EQ(*read_file(m_dir / "real" / "page.md"), "new\n");
  struct stat st {};
  ASSERT_EQ(::stat((m_dir / "real" / "page.md").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(*write_if_changed(m_dir / "site" / "page.md", "new\n"), WriteResult::unchanged);

  fs::create_symlink("loop-b", m_dir / "loop-a");
  fs::create_symlink("loop-a", m_dir / "loop-b");
  auto loop = write_if_changed(m_dir / "loop-a", "x");
  ASSERT_FALSE(loop);
  EXPECT_NE(loop.error().message.find("too many levels of symbolic links"), std::string::npos);
}

TEST_F(TempDir, ReadingAFolderSaysItIsOne) {
  auto r = read_file(m_dir);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("is a folder, expected a file"), std::string::npos) << r.error().message;
}

TEST_F(TempDir, StaleTemporariesOfAKilledWriterAreRemoved) {
  const fs::path file = m_dir / "research.md";
  const fs::path stale = m_dir / ".research.md.scholard-AbC123";
  const fs::path fresh = m_dir / ".research.md.scholard-XyZ789";
  const fs::path other = m_dir / ".papers.bib.scholard-AbC123";
  for (const auto& p : {stale, fresh, other}) std::ofstream(p) << "half";
  const auto old = fs::file_time_type::clock::now() - std::chrono::minutes(5);
  fs::last_write_time(stale, old);
  fs::last_write_time(other, old);
  ASSERT_TRUE(write_if_changed(file, "new\n"));
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(fresh));  // may belong to a writer still at work
  EXPECT_TRUE(fs::exists(other));  // another output's, cleaned when that one is written
}

TEST_F(TempDir, FolderSweepRemovesEveryOutputsStaleTemporariesOnly) {
  const fs::path stale_a = m_dir / ".2024-01-01-a.md.scholard-AbC123";
  const fs::path stale_b = m_dir / ".papers.bib.scholard-QwE456";
  const fs::path fresh = m_dir / ".2024-01-01-b.md.scholard-XyZ789";
  const fs::path user = m_dir / ".scholard-notes";  // not a temporary name
  for (const auto& p : {stale_a, stale_b, fresh, user}) std::ofstream(p) << "x";
  const auto old = fs::file_time_type::clock::now() - std::chrono::minutes(5);
  for (const auto& p : {stale_a, stale_b, user}) fs::last_write_time(p, old);
  sweep_stale_temporaries(m_dir);
  EXPECT_FALSE(fs::exists(stale_a));
  EXPECT_FALSE(fs::exists(stale_b));
  EXPECT_TRUE(fs::exists(fresh));
  EXPECT_TRUE(fs::exists(user));
}

TEST_F(TempDir, CheckWritable) {
  EXPECT_TRUE(check_writable(m_dir / "new" / "deeper" / "file.md"));
  fs::create_directories(m_dir / "adir");
  auto r = check_writable(m_dir / "adir");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("not a regular file"), std::string::npos);
}

TEST_F(TempDir, ReadFileMissingIsNotFound) {
  auto r = read_file(m_dir / "nope");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::not_found);
}

}  // namespace
}  // namespace scholard::render
