// Two sites never share a store (issue 19, point 5), with the real binary
// against the fake API server: configs without [store] in two folders get a
// store each; a store records its config and refuses another one (exit 3)
// unless --adopt-store; the old shared default store is adopted, in place,
// by the first config that writes to it; `check` opens the store for real.
#include <filesystem>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "store/owner.hpp"
#include "store/store.hpp"
#include "support/fakeapi_process.hpp"
#include "support/seed_site.hpp"
#include "tiny_site.hpp"

namespace scholard::testing {
namespace {
namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

// The seed fixtures hold both sites' papers (tests/data/seed/PROVENANCE.md).
const std::vector<std::string> k_alpha_papers = {"2506.15740", "2505.05410"};
const std::vector<std::string> k_beta_papers = {"2210.01892", "2305.16860"};

class StoreIdentity : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = FakeApiProcess::start({"--fixtures", std::string(SCHOLARD_TEST_DATA) + "/seed", "--port", "0",
                                         "--arxiv-interval", "100ms"});
    ASSERT_TRUE(server) << server.error().message;
    m_server = std::move(*server);
  }

  TinySite site(const std::string& name, const std::vector<std::string>& papers, const std::string& store = "") {
    return TinySite(m_dir.path() / "sites" / name, home(), {papers, m_server->base_url(), store});
  }
  fs::path home() const { return m_dir.path() / "home"; }
  fs::path state_dir() const { return home() / ".local" / "state" / "scholard"; }

  ScratchDir m_dir{"store-identity"};
  std::unique_ptr<FakeApiProcess> m_server;
};

TEST_F(StoreIdentity, TwoSitesWithoutAStoreSectionNeverSeeEachOthersPapers) {
  const TinySite alpha = site("alpha", k_alpha_papers);
  const TinySite beta = site("beta", k_beta_papers);
  auto a = alpha.scholard({"sync"});
  ASSERT_EQ(a.exit_code, 0) << a.out << a.err;
  auto b = beta.scholard({"sync"});
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  // The first sync of beta does not mark alpha's papers "no longer listed".
  EXPECT_THAT(b.out + b.err, Not(HasSubstr("removed")));

  // Two stores, each named after its site's folder.
  const auto stores = store_files(state_dir());
  ASSERT_EQ(stores.size(), 2u) << ::testing::PrintToString(stores);
  EXPECT_THAT(stores[0], ::testing::StartsWith("alpha-"));
  EXPECT_THAT(stores[1], ::testing::StartsWith("beta-"));

  // A second round: each still syncs against its own papers only.
  ASSERT_EQ(alpha.scholard({"sync", "--force"}).exit_code, 0);
  for (const auto& [s, mine, theirs] :
       {std::tuple{&alpha, k_alpha_papers, k_beta_papers}, std::tuple{&beta, k_beta_papers, k_alpha_papers}}) {
    for (const char* view : {"list", "status", "history"}) {
      auto r = s->scholard({view, "--json"});
      ASSERT_EQ(r.exit_code, 0) << view << ": " << r.err;
      for (const auto& id : theirs) EXPECT_THAT(r.out, Not(HasSubstr(id))) << view;
    }
    auto list = s->scholard({"list", "--json"});
    for (const auto& id : mine) EXPECT_THAT(list.out, HasSubstr("\"" + id + "\"")) << list.out;
    auto history = s->scholard({"history", "--json"});
    EXPECT_THAT(history.out, Not(HasSubstr("\"removed\""))) << history.out;
    const std::string page = slurp_file(s->page());
    EXPECT_THAT(page, Not(HasSubstr(theirs[0])));
    EXPECT_THAT(page, HasSubstr(mine[0]));
  }
}

TEST_F(StoreIdentity, AStoreOfAnotherConfigIsRefusedUntilAdopted) {
  const std::string shared = (m_dir.path() / "shared" / "scholard.db").string();
  const TinySite alpha = site("alpha", k_alpha_papers, shared);
  const TinySite beta = site("beta", k_beta_papers, shared);
  ASSERT_EQ(alpha.scholard({"sync"}).exit_code, 0);
  const std::string alpha_path = fs::canonical(alpha.config()).string();
  const std::string beta_path = fs::canonical(beta.config()).string();
  const auto refused = AllOf(HasSubstr("store " + shared + " belongs to the config " + alpha_path),
                             HasSubstr("not to " + beta_path), HasSubstr("scholard --adopt-store sync"));

  const std::vector<std::vector<std::string>> commands = {{"sync"},    {"list"},
                                                          {"status", "--json"},
                                                          {"history"}, {"show", "2506.15740"},
                                                          {"export", "--format", "json"}};
  for (const auto& args : commands) {
    auto r = beta.scholard(args);
    EXPECT_EQ(r.exit_code, 3) << args[0] << ": " << r.out << r.err;
    EXPECT_THAT(r.err, refused) << args[0];
    EXPECT_THAT(r.out, Not(HasSubstr("2506.15740"))) << args[0];  // nothing of alpha's is shown
  }
  auto check = beta.scholard({"check"});
  EXPECT_EQ(check.exit_code, 2) << check.out << check.err;
  EXPECT_THAT(check.out, AllOf(HasSubstr("FAIL"), refused));
  // Refusing changed nothing: alpha still syncs.
  ASSERT_EQ(alpha.scholard({"sync"}).exit_code, 0);

  // beta replaces alpha: --adopt-store (after the command, too) takes the store over.
  auto adopt = beta.scholard({"sync", "--adopt-store"});
  ASSERT_EQ(adopt.exit_code, 0) << adopt.out << adopt.err;
  EXPECT_THAT(adopt.err, HasSubstr("now belongs to " + beta_path + " (--adopt-store)"));
  EXPECT_EQ(beta.scholard({"list"}).exit_code, 0);
  auto old = alpha.scholard({"sync"});
  EXPECT_EQ(old.exit_code, 3);
  EXPECT_THAT(old.err, HasSubstr("belongs to the config " + beta_path + ", not to " + alpha_path));
  auto help = alpha.scholard({"--help"});
  EXPECT_THAT(help.out, HasSubstr("--adopt-store"));
}

TEST_F(StoreIdentity, TheOldSharedDefaultStoreIsAdoptedInPlaceByTheFirstConfig) {
  const TinySite alpha = site("alpha", k_alpha_papers);
  const TinySite beta = site("beta", k_beta_papers);
  // What an older scholard left: ~/.local/state/scholard/scholard.db, no owner.
  const fs::path legacy = state_dir() / "scholard.db";
  {
    core::SystemClock clock;
    auto old = store::Store::open(legacy.string(), clock);
    ASSERT_TRUE(old) << old.error().message;
    ASSERT_TRUE(old->reconcile_papers({{"2506.15740", "2506.15740", "", "", 0}, {"2505.05410", "2505.05410", "", "", 1}}));
  }
  // Reading says what will happen, and records nothing.
  auto list = alpha.scholard({"list"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.err, HasSubstr("made by an older scholard; the next `scholard sync`"));
  EXPECT_EQ(store::read_store_owner(legacy.string()).value(), std::nullopt);

  auto sync = alpha.scholard({"sync"});
  ASSERT_EQ(sync.exit_code, 0) << sync.out << sync.err;
  const std::string alpha_path = fs::canonical(alpha.config()).string();
  EXPECT_THAT(sync.err, HasSubstr("note: store " + legacy.string() + " was made by an older scholard"));
  EXPECT_THAT(sync.err, HasSubstr("it now belongs to " + alpha_path));
  EXPECT_EQ(store::read_store_owner(legacy.string()).value(), alpha_path);
  EXPECT_EQ(store_files(state_dir()), std::vector<std::string>{"scholard.db"});  // used in place, not copied
  // Said once: the next sync has nothing to note.
  auto again = alpha.scholard({"sync"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_THAT(again.err, Not(HasSubstr("note:")));

  // Another config gets a store of its own and leaves alpha's alone.
  ASSERT_EQ(beta.scholard({"sync"}).exit_code, 0);
  EXPECT_EQ(store_files(state_dir()).size(), 2u);
  auto alpha_list = alpha.scholard({"list", "--json"});
  EXPECT_THAT(alpha_list.out, AllOf(HasSubstr("2506.15740"), Not(HasSubstr("2210.01892"))));
  auto check = alpha.scholard({"check"});
  EXPECT_EQ(check.exit_code, 0) << check.out;
  EXPECT_THAT(check.out, HasSubstr("store " + legacy.string()));
}

TEST_F(StoreIdentity, CheckOpensTheStoreForReal) {
  // Nothing yet: says where it will be and creates nothing.
  const TinySite fresh = site("fresh", k_alpha_papers);
  auto ok = fresh.scholard({"check"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_THAT(ok.out, HasSubstr("will be created at " + state_dir().string() + "/fresh-"));
  EXPECT_FALSE(fs::exists(state_dir()));

  // A file that is not a store.
  const fs::path garbage = m_dir.path() / "garbage.db";
  std::ofstream(garbage) << "these are not the bytes of a SQLite database, whatever the name says\n";
  const TinySite bad = site("bad", k_alpha_papers, garbage.string());
  auto g = bad.scholard({"check"});
  EXPECT_EQ(g.exit_code, 2) << g.out << g.err;
  EXPECT_THAT(g.out, AllOf(HasSubstr("FAIL"), HasSubstr(garbage.string() + " is not a scholard store")));

  // A path that cannot be created.
  const TinySite proc = site("proc", k_alpha_papers, "/proc/x/s.db");
  auto p = proc.scholard({"check"});
  EXPECT_EQ(p.exit_code, 2) << p.out << p.err;
  EXPECT_THAT(p.out, AllOf(HasSubstr("FAIL"), HasSubstr("cannot create /proc/x in /proc")));

  // A folder where the store file should be.
  fs::create_directories(m_dir.path() / "a-folder.db");
  const TinySite folder = site("folder", k_alpha_papers, (m_dir.path() / "a-folder.db").string());
  EXPECT_EQ(folder.scholard({"check"}).exit_code, 2);

  // A good store of this config.
  ASSERT_EQ(fresh.scholard({"sync"}).exit_code, 0);
  auto good = fresh.scholard({"check"});
  EXPECT_EQ(good.exit_code, 0) << good.out;
  EXPECT_THAT(good.out, HasSubstr("exists, is writable and belongs to this config"));
}

}  // namespace
}  // namespace scholard::testing
