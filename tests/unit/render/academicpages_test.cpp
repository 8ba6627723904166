#include "render/academicpages.hpp"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "render/merge.hpp"
#include "render/output_file.hpp"
#include "unit/render/sample_papers.hpp"

namespace scholard::render {
namespace {
namespace fs = std::filesystem;

MergedPaper titled(std::string title) {
  MergedPaper p;
  p.key = "k";
  p.title = std::move(title);
  p.year = 2024;
  p.date = {2024, 3, 0};
  return p;
}

TEST(AcademicPages, OneFilePerVisiblePaperWithFrontMatter) {
  auto files = render_academicpages(merge_papers(testing::sample_inputs(), testing::sample_profile()), {});
  ASSERT_EQ(files.size(), 6u);
  EXPECT_EQ(files[1].name, "2024-01-17-the-e-coli-genome-friends.md");
  const std::string& f = files[1].bytes;
  EXPECT_TRUE(has_generated_marker(f));
  EXPECT_NE(f.find("\ntitle: \"The E. coli genome &amp; friends\"\n"), std::string::npos) << f;
  EXPECT_NE(f.find("\ncollection: publications\ncategory: manuscripts\n"), std::string::npos);
  EXPECT_NE(f.find("\npermalink: /publication/2024-01-17-the-e-coli-genome-friends\n"), std::string::npos);
  EXPECT_NE(f.find("\ndate: 2024-01-17\n"), std::string::npos);
  EXPECT_NE(f.find("\nvenue: \"Journal of Examples\"\n"), std::string::npos);
  EXPECT_NE(f.find("\npaperurl: \"https://doi.org/10.1000/jex.2024.1\"\n"), std::string::npos);
  EXPECT_NE(f.find("\ncitation: \"Jo Bentham, Yuyang Shi, Valentin De Bortoli (2024). &quot;The E. coli genome "
                   "&amp; friends.&quot; <i>Journal of Examples</i>, 86(2):286–301.\"\n"),
            std::string::npos)
      << f;
  for (const auto& file : files) EXPECT_TRUE(is_safe_file_name(file.name)) << file.name;
}

TEST(AcademicPages, CategoriesFollowTheKind) {
  auto files = render_academicpages(merge_papers(testing::sample_inputs(), testing::sample_profile()), {});
  int conferences = 0;
  for (const auto& f : files) conferences += f.bytes.find("\ncategory: conferences\n") != std::string::npos;
  EXPECT_EQ(conferences, 2);  // the ICML paper and the ICLR override
}

TEST(AcademicPages, HostileTitlesGiveSafeSlugs) {
  std::vector<MergedPaper> papers = {titled("../../etc/passwd"), titled("/etc/passwd"),
                                     titled(std::string("nul\0byte", 8)), titled(".hidden"), titled(""),
                                     titled(std::string(300, 'x')), titled("Ünïcödé — ☃ «title»")};
  auto files = render_academicpages(papers, {});
  ASSERT_EQ(files.size(), papers.size());
  for (const auto& f : files) {
    EXPECT_TRUE(is_safe_file_name(f.name)) << f.name;
    EXPECT_LE(f.name.size(), 100u);
    EXPECT_EQ(f.name.find('/'), std::string::npos);
    EXPECT_EQ(f.name.find(".."), std::string::npos);
    EXPECT_EQ(f.name.find('\0'), std::string::npos);
    EXPECT_EQ(fs::path(f.name).filename().string(), f.name);
  }
  EXPECT_EQ(files[0].name, "2024-03-01-etc-passwd.md");
  EXPECT_EQ(files[1].name, "2024-03-01-etc-passwd-2.md");  // collision
  EXPECT_EQ(files[2].name, "2024-03-01-nul-byte.md");
  EXPECT_EQ(files[4].name, "2024-03-01-paper.md");
  EXPECT_EQ(files[6].name, "2024-03-01-unicode-title.md");
}

TEST(AcademicPages, SafeFileNames) {
  EXPECT_TRUE(is_safe_file_name("2024-01-01-x.md"));
  EXPECT_FALSE(is_safe_file_name("../x.md"));
  EXPECT_FALSE(is_safe_file_name("a/b.md"));
  EXPECT_FALSE(is_safe_file_name(".x.md"));
  EXPECT_FALSE(is_safe_file_name("x.txt"));
  EXPECT_FALSE(is_safe_file_name(std::string("a\0b.md", 6)));
  EXPECT_FALSE(is_safe_file_name(std::string(101, 'a') + ".md"));
}

class Folder : public ::testing::Test {
 protected:
  void SetUp() override {
    m_root = fs::temp_directory_path() / ("scholard-ap-" + std::to_string(::getpid()) + "-" +
                                          ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_root);
    fs::create_directories(m_root / "pubs");
  }
  void TearDown() override { fs::remove_all(m_root); }
  void put(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }
  fs::path m_root;
};

TEST_F(Folder, SyncWritesThenLeavesUnchangedFilesAlone) {
  auto files = render_academicpages(merge_papers(testing::sample_inputs(), testing::sample_profile()), {});
  auto first = sync_publication_folder(m_root / "pubs", files);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->written.size(), 6u);
  auto second = sync_publication_folder(m_root / "pubs", files);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->written.size(), 0u);
  EXPECT_EQ(second->unchanged.size(), 6u);
  EXPECT_TRUE(second->removed.empty());
}

TEST_F(Folder, SyncRemovesOnlyFilesItMarked) {
  const fs::path dir = m_root / "pubs";
  const std::string marked = "---\n# scholard:generated for old: ...\ntitle: \"Old\"\n---\n";
  put(dir / "2020-01-01-old.md", marked);                            // ours, paper gone: removed
  put(dir / "2019-01-01-mine.md", "---\ntitle: \"Hand-written\"\n---\n");  // user's: kept
  put(dir / "notes.txt", marked);                                     // not a .md: kept
  fs::create_directories(m_root / "outside");
  put(m_root / "outside" / "victim.md", marked);
  fs::create_symlink(m_root / "outside" / "victim.md", dir / "2018-01-01-link.md");  // symlink: never followed
  fs::create_directories(dir / "sub");
  put(dir / "sub" / "2017-01-01-deep.md", marked);  // below the folder: untouched
  put(dir / "2024-01-01-new.md", "---\ntitle: \"User file in the way\"\n---\n");

  std::vector<GeneratedFile> files = {{"2024-02-02-kept.md", "---\n# scholard:generated for k\n---\n"},
                                      {"2024-01-01-new.md", "---\n# scholard:generated for n\n---\n"}};
  auto sync = sync_publication_folder(dir, files);
  ASSERT_TRUE(sync) << sync.error().message;
  EXPECT_EQ(sync->removed, std::vector<std::string>{"2020-01-01-old.md"});
  EXPECT_EQ(sync->written, std::vector<std::string>{"2024-02-02-kept.md"});
  EXPECT_EQ(sync->skipped, std::vector<std::string>{"2024-01-01-new.md"});
  EXPECT_FALSE(fs::exists(dir / "2020-01-01-old.md"));
  EXPECT_TRUE(fs::exists(dir / "2019-01-01-mine.md"));
  EXPECT_TRUE(fs::exists(dir / "notes.txt"));
  EXPECT_TRUE(fs::is_symlink(dir / "2018-01-01-link.md"));
  EXPECT_TRUE(fs::exists(m_root / "outside" / "victim.md"));
  EXPECT_TRUE(fs::exists(dir / "sub" / "2017-01-01-deep.md"));
  EXPECT_EQ(*read_file(dir / "2024-01-01-new.md"), "---\ntitle: \"User file in the way\"\n---\n");
}

TEST(AcademicPages, GeneratedKeyIsTheMarkerLinesKey) {
  const std::pair<const char*, const char*> cases[] = {
      {"---\n# scholard:generated for 2305.16860: rewritten on every render, removed ...\n", "2305.16860"},
      {"---\n# scholard:generated for 10.1093/x:y: rewritten on every render\ntitle: x\n", "10.1093/x:y"},
      {"---\n# scholard:generated for k\n---\n", ""},  // no key: an old marker line
      {"---\ntitle: \"Hand-written\"\n---\n", ""},
  };
  for (const auto& [bytes, key] : cases) EXPECT_EQ(generated_key(bytes), key) << bytes;
  auto files = render_academicpages(merge_papers(testing::sample_inputs(), testing::sample_profile()), {});
  ASSERT_FALSE(files.empty());
  EXPECT_FALSE(generated_key(files.front().bytes).empty()) << files.front().bytes;
}

// A paper whose file changes name: the old file is moved to the new name (one
// file for the paper at every moment), not removed after the new one is written.
TEST_F(Folder, ARenamedPapersOldFileIsMovedToItsNewName) {
  const fs::path dir = m_root / "pubs";
  const std::string old_text = "---\n# scholard:generated for 2401.00001: rewritten on every render\ntitle: \"A\"\n---\n";
  const std::string new_text = "---\n# scholard:generated for 2401.00001: rewritten on every render\ntitle: \"B\"\n---\n";
  put(dir / "2024-01-01-a.md", old_text);
  ::chmod((dir / "2024-01-01-a.md").c_str(), 0640);
  struct stat before {};
  ASSERT_EQ(::stat((dir / "2024-01-01-a.md").c_str(), &before), 0);
  auto sync = sync_publication_folder(dir, {{"2024-01-01-b.md", new_text}});
  ASSERT_TRUE(sync) << sync.error().message;
  EXPECT_EQ(sync->written, std::vector<std::string>{"2024-01-01-b.md"});
  EXPECT_TRUE(sync->removed.empty()) << "moved, not removed";
  EXPECT_FALSE(fs::exists(dir / "2024-01-01-a.md"));
  EXPECT_EQ(*read_file(dir / "2024-01-01-b.md"), new_text);
  struct stat after {};
  ASSERT_EQ(::stat((dir / "2024-01-01-b.md").c_str(), &after), 0);
  EXPECT_EQ(after.st_mode & 0777, 0640u) << "the old file's mode is kept";
}

TEST_F(Folder, UnsafeNamesAreRefusedBeforeAnyWrite) {
  for (const std::string& bad : std::vector<std::string>{"../escape.md", "/etc/passwd", std::string("a\0.md", 5), "sub/x.md"}) {
    auto sync = sync_publication_folder(m_root / "pubs", {{"2024-01-01-ok.md", "x"}, {bad, "x"}});
    ASSERT_FALSE(sync) << bad;
    EXPECT_EQ(sync.error().code, core::ErrorCode::invalid_input);
  }
  EXPECT_TRUE(fs::is_empty(m_root / "pubs"));
  EXPECT_FALSE(fs::exists(m_root / "escape.md"));
}

}  // namespace
}  // namespace scholard::render
