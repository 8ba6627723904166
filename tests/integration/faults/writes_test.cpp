// How outputs are written under faults, end to end through the real binary
// (issue 25, docs/reliability.md "Writing the outputs"):
//   - `render` takes the writer lock: while another process holds it, render
//     waits and writes nothing, then renders from the store as it is then;
//   - a full disk under an output names that output, the summary never says
//     "outputs unchanged", exit status 3 (a small tmpfs, when run as root);
//   - a kill between the renames of an academicpages update leaves every
//     paper in exactly one file (SCHOLARD_TEST_KILL_AFTER_RENAMES);
//   - answers are saved within about a second while another source stalls:
//     a SIGKILL 2.5 s in keeps the early answers;
//   - an output that is a symbolic link is written through to its target
//     (the link stays); a link inside the academicpages folder is left alone
//     and reported;
//   - a Markdown page path that is a folder says so.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "integration/faults/site_state.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The arXiv-only paper of the seed list (no DOI: Crossref is never asked).
const char* const k_arxiv_only = "2506.15740";

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// Waits up to `limit` for `pid`; its exit status, -1 when killed, -2 on timeout.
int wait_for(pid_t pid, std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::this_thread::sleep_for(20ms);
  }
  return -2;
}

// The key on a generated file's marker line, "" when none.
std::string key_of(const std::string& bytes) {
  const std::string marker = "---\n# scholard:generated for ";
  if (bytes.rfind(marker, 0) != 0) return "";
  const auto end = bytes.find(": rewritten", marker.size());
  return end == std::string::npos ? "" : bytes.substr(marker.size(), end - marker.size());
}

// name -> bytes of the visible files of a folder.
std::map<std::string, std::string> folder_files(const fs::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::directory_iterator(folder)) {
    const std::string name = e.path().filename().string();
    if (name.front() != '.') files[name] = slurp_file(e.path());
  }
  return files;
}

class Writes : public ::testing::Test {
 protected:
  void SetUp() override { start({}); }

  void start(SeedSiteOptions options) {
    options.arxiv_interval = "60ms";
    options.referee_interval = "30ms";
    m_site = std::make_unique<SeedSite>(std::move(options));
    std::string error;
    ASSERT_TRUE(m_site->start_server(error)) << error;
  }

  void first_sync() {
    auto first = m_site->scholard({"sync"});
    ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  }

  fs::path publications() const { return m_site->site() / "_publications"; }
  fs::path bibtex() const { return m_site->site() / "_bibliography" / "papers.bib"; }

  std::unique_ptr<SeedSite> m_site;
};

// Item 4: before, `render` took no lock and, racing a sync, wrote outputs
// from the store as it was when it started over the sync's newer ones.
TEST_F(Writes, RenderWaitsForTheWriterLockThenRendersTheStoreAsItIsThen) {
  first_sync();
  const std::string page = slurp_file(m_site->page());
  std::string stale = page;
  const auto begin = stale.find("<!-- scholard:begin -->");
  const auto end = stale.find("<!-- scholard:end -->");
  ASSERT_NE(begin, std::string::npos);
  ASSERT_NE(end, std::string::npos);
  stale.replace(begin, end - begin, "<!-- scholard:begin -->\nstale\n\n");
  write_text(m_site->page(), stale);

  // Held as another scholard holds it: an flock on "<db>.lock".
  const std::string lock_path = m_site->store().string() + ".lock";
  const int lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  ASSERT_GE(lock_fd, 0);
  ASSERT_EQ(::flock(lock_fd, LOCK_EX), 0);
  const auto log = m_site->root() / "render.log";
  const pid_t render =
      spawn_background({SCHOLARD_BIN, "--config", m_site->config().string(), "render"}, {}, log.string());
  ASSERT_GT(render, 0);
  std::this_thread::sleep_for(1500ms);
  const int early = wait_for(render, 10ms);
  EXPECT_EQ(early, -2) << "render ended while another process held the writer lock: " << slurp_file(log);
  EXPECT_TRUE(slurp_file(m_site->page()) == stale) << "render wrote while another process held the writer lock";

  ::close(lock_fd);  // releases the lock
  const int code = wait_for(render, 60s);
  if (code == -2) ::kill(render, SIGKILL), ::waitpid(render, nullptr, 0);
  EXPECT_EQ(code, 0) << slurp_file(log);
  EXPECT_TRUE(slurp_file(m_site->page()) == page) << "not rendered after the lock was released: " << slurp_file(log);
}

// Item 5 (outputs): a full file system under one output.
TEST_F(Writes, AFullDiskUnderAnOutputNamesItAndIsNeverOutputsUnchanged) {
  if (::geteuid() != 0) GTEST_SKIP() << "mounting a small tmpfs needs root; run as root to test a full disk";
  first_sync();
  const fs::path folder = bibtex().parent_path();
  if (::mount("tmpfs", folder.c_str(), "tmpfs", 0, "size=64k") != 0) {
    GTEST_SKIP() << "cannot mount a tmpfs on " << folder << " (" << std::strerror(errno)
                 << "): no CAP_SYS_ADMIN in this container";
  }
  struct Unmount {
    fs::path at;
    ~Unmount() { ::umount2(at.c_str(), MNT_DETACH); }
  } unmount{folder};
  {  // fill it: the page of papers.bib cannot be allocated any more
    std::ofstream filler(folder / "filler", std::ios::binary);
    const std::string block(4096, 'x');
    for (int i = 0; i < 64 && filler; ++i) filler << block << std::flush;
  }

  for (const std::vector<std::string>& args : {std::vector<std::string>{"render"}, {"sync", "--force"}}) {
    auto r = m_site->scholard(args);
    SCOPED_TRACE(args.front());
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
    EXPECT_NE(r.err.find(bibtex().string()), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find("outputs unchanged"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("papers.bib not written"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(bibtex())) << "a partial file was left";
  }
}

// Item 6: a paper whose file name changes (here: a title pinned in the
// config), killed after each rename of the folder's update in turn.
TEST_F(Writes, AKillBetweenThePublicationRenamesLeavesEveryPaperInOneFile) {
  first_sync();
  const auto old_files = folder_files(publications());
  std::string config = slurp_file(m_site->config());
  ASSERT_EQ(replace_all(config, "arxiv = \"2506.15740\"",
                        "arxiv = \"2506.15740\"\ntitle = \"A Renamed Paper for the Crash Test\""),
            1);
  write_text(m_site->config(), config);

  bool completed = false;
  for (int kill_after = 1; kill_after <= 8 && !completed; ++kill_after) {
    SCOPED_TRACE("killed after rename " + std::to_string(kill_after));
    fs::remove_all(publications());
    fs::create_directories(publications());
    for (const auto& [name, bytes] : old_files) write_text(publications() / name, bytes);

    auto r = m_site->scholard({"render"}, {{"SCHOLARD_TEST_KILL_AFTER_RENAMES", std::to_string(kill_after)}});
    completed = r.exit_code == 0;
    // The hook must stop the first render (its first rename is the move).
    if (kill_after == 1) {
      EXPECT_EQ(r.exit_code, -1) << "SCHOLARD_TEST_KILL_AFTER_RENAMES=1 did not kill the render";
    }
    if (!completed) {
      ASSERT_EQ(r.exit_code, -1) << "neither killed nor done: " << r.out << r.err;
    }

    std::map<std::string, std::vector<std::string>> files_of_key;
    for (const auto& [name, bytes] : folder_files(publications())) files_of_key[key_of(bytes)].push_back(name);
    for (const auto& [key, names] : files_of_key) {
      EXPECT_FALSE(key.empty()) << names.front() << ": no scholard marker";
      EXPECT_EQ(names.size(), 1u) << key << " is listed " << names.size() << " times: " << names.front() << ", "
                                  << names.back();
    }
    EXPECT_EQ(files_of_key.size(), old_files.size()) << "a paper went missing";
  }
  EXPECT_TRUE(completed) << "render never completed";
  const auto now = folder_files(publications());
  bool renamed = false;
  for (const auto& [name, bytes] : now) renamed |= name.find("renamed-paper") != std::string::npos;
  EXPECT_TRUE(renamed) << "the paper's new file is missing";
}

// Item 7: arXiv answers at once; Crossref and Semantic Scholar stall for a
// minute. Before, the answers waited for the next one to be saved.
TEST_F(Writes, AnswersAreSavedWithinASecondWhileOtherSourcesStall) {
  SeedSiteOptions options;
  options.server_args = {"--fault", "crossref:delay:60000", "--fault", "s2:delay:60000"};
  start(std::move(options));
  const auto log = m_site->root() / "sync.log";
  const pid_t sync = spawn_background({SCHOLARD_BIN, "--config", m_site->config().string(), "sync"}, {}, log.string());
  ASSERT_GT(sync, 0);
  std::this_thread::sleep_for(2500ms);
  ::kill(sync, SIGKILL);
  ::waitpid(sync, nullptr, 0);

  auto show = m_site->scholard({"show", k_arxiv_only, "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.out << show.err << slurp_file(log);
  StoreView view;
  ASSERT_EQ(add_show_json(k_arxiv_only, show.out, view), "");
  ASSERT_TRUE(view[k_arxiv_only].count("arxiv")) << show.out;
  const auto& record = view[k_arxiv_only]["arxiv"].record;
  EXPECT_NE(record, "null") << "the arXiv answer received in the first second was lost: " << show.out;
  EXPECT_NE(record, "missing") << show.out;
}

// Item 9: the page and the BibTeX file are links to files elsewhere.
TEST_F(Writes, AnOutputThatIsASymlinkIsWrittenThroughToItsTarget) {
  first_sync();
  const fs::path elsewhere = m_site->root() / "elsewhere";
  fs::create_directories(elsewhere);
  const std::string page = slurp_file(m_site->page());
  const std::string bib = slurp_file(bibtex());
  std::string stale = page;
  ASSERT_EQ(replace_all(stale, "<!-- scholard:begin -->", "<!-- scholard:begin -->\nstale\n"), 1);
  write_text(elsewhere / "research.md", stale);
  write_text(elsewhere / "papers.bib", "stale\n");
  fs::remove(m_site->page());
  fs::remove(bibtex());
  fs::create_symlink(elsewhere / "research.md", m_site->page());          // absolute
  fs::create_symlink("../../../elsewhere/papers.bib", bibtex());           // relative to its folder

  auto r = m_site->scholard({"render"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(fs::is_symlink(m_site->page())) << "the page's link was replaced by a file";
  EXPECT_TRUE(fs::is_symlink(bibtex())) << "the BibTeX link was replaced by a file";
  EXPECT_TRUE(slurp_file(elsewhere / "research.md") == page) << "the page's target was not rendered";
  EXPECT_TRUE(slurp_file(elsewhere / "papers.bib") == bib) << "the BibTeX file's target was not rendered";
  for (const auto& e : fs::directory_iterator(elsewhere)) {
    EXPECT_EQ(e.path().filename().string().find(".scholard-"), std::string::npos) << "left behind: " << e.path();
  }
}

TEST_F(Writes, ALinkInThePublicationFolderIsLeftAloneAndReported) {
  first_sync();
  const auto files = folder_files(publications());
  ASSERT_FALSE(files.empty());
  const std::string name = files.begin()->first;
  const fs::path outside = m_site->root() / "outside.md";
  write_text(outside, "not scholard's\n");
  fs::remove(publications() / name);
  fs::create_symlink(outside, publications() / name);

  auto r = m_site->scholard({"render"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(fs::is_symlink(publications() / name));
  EXPECT_EQ(slurp_file(outside), "not scholard's\n");
  EXPECT_NE(r.err.find((publications() / name).string() + ": not written by scholard; left alone"), std::string::npos)
      << r.err;
}

// Item 10: a folder where the page should be.
TEST_F(Writes, AMarkdownPathThatIsAFolderSaysSo) {
  first_sync();
  fs::remove(m_site->page());
  fs::create_directories(m_site->page());
  auto r = m_site->scholard({"render"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find(m_site->page().string() + ": is a folder, expected a Markdown file"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("no `<!-- scholard:begin -->` marker"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::exists(bibtex()));
}

}  // namespace
}  // namespace scholard::testing
