// Where the config and the store are looked for, with the environment and
// the file system injected.
#include "config/paths.hpp"

#include <unistd.h>

#include <fstream>
#include <set>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace scholard::config {
namespace {

using testing::HasSubstr;

// A file system holding exactly `files`.
FileExists files(std::set<std::string> existing) {
  return [existing = std::move(existing)](const std::filesystem::path& p) { return existing.count(p.string()) > 0; };
}

Environment env_with(std::map<std::string, std::string, std::less<>> vars) {
  Environment env;
  env.variables = std::move(vars);
  env.cwd = "/work/cwd";
  return env;
}

TEST(ConfigLookup, FollowsTheDocumentedOrder) {
  const Environment env = env_with({{"HOME", "/home/u"}, {"SCHOLARD_CONFIG", "/env/s.toml"}});
  const std::set<std::string> all = {"/given/c.toml", "/env/s.toml", "/work/cwd/scholard.toml",
                                     "/home/u/.config/scholard/scholard.toml", "/etc/scholard/scholard.toml"};
  EXPECT_EQ(find_config_path("/given/c.toml", env, files(all)).value(), "/given/c.toml");
  EXPECT_EQ(find_config_path("", env, files(all)).value(), "/env/s.toml");
  const Environment no_env_var = env_with({{"HOME", "/home/u"}});
  EXPECT_EQ(find_config_path("", no_env_var, files(all)).value(), "/work/cwd/scholard.toml");
  EXPECT_EQ(find_config_path("", no_env_var,
                             files({"/home/u/.config/scholard/scholard.toml", "/etc/scholard/scholard.toml"}))
                .value(),
            "/home/u/.config/scholard/scholard.toml");
  EXPECT_EQ(find_config_path("", no_env_var, files({"/etc/scholard/scholard.toml"})).value(),
            "/etc/scholard/scholard.toml");
}

TEST(ConfigLookup, XdgConfigHomeReplacesDotConfig) {
  const Environment env = env_with({{"HOME", "/home/u"}, {"XDG_CONFIG_HOME", "/xdg"}});
  EXPECT_EQ(find_config_path("", env, files({"/xdg/scholard/scholard.toml", "/home/u/.config/scholard/scholard.toml"}))
                .value(),
            "/xdg/scholard/scholard.toml");
  // A relative XDG_CONFIG_HOME is ignored (XDG spec): back to $HOME/.config.
  const Environment relative = env_with({{"HOME", "/home/u"}, {"XDG_CONFIG_HOME", "xdg"}});
  EXPECT_EQ(find_config_path("", relative, files({"/home/u/.config/scholard/scholard.toml"})).value(),
            "/home/u/.config/scholard/scholard.toml");
}

TEST(ConfigLookup, RelativePathsAreTakenAgainstTheWorkingDirectory) {
  const Environment env = env_with({{"SCHOLARD_CONFIG", "conf/s.toml"}});
  EXPECT_EQ(find_config_path("../other/c.toml", env, files({"/work/other/c.toml"})).value(), "/work/other/c.toml");
  EXPECT_EQ(find_config_path("", env, files({"/work/cwd/conf/s.toml"})).value(), "/work/cwd/conf/s.toml");
}

TEST(ConfigLookup, MissingExplicitFilesDoNotFallBack) {
  const Environment env = env_with({{"SCHOLARD_CONFIG", "/env/s.toml"}});
  auto given = find_config_path("/given/c.toml", env, files({"/work/cwd/scholard.toml"}));
  ASSERT_FALSE(given);
  EXPECT_EQ(given.error().code, core::ErrorCode::not_found);
  EXPECT_THAT(given.error().message, HasSubstr("/given/c.toml (given with --config) does not exist"));
  auto from_env = find_config_path("", env, files({"/work/cwd/scholard.toml"}));
  ASSERT_FALSE(from_env);
  EXPECT_THAT(from_env.error().message, HasSubstr("/env/s.toml (named by $SCHOLARD_CONFIG) does not exist"));
}

TEST(ConfigLookup, NothingFoundListsEveryPlaceLooked) {
  auto none = find_config_path("", env_with({{"HOME", "/home/u"}, {"SCHOLARD_CONFIG", ""}}), files({}));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, core::ErrorCode::not_found);
  EXPECT_EQ(none.error().message,
            "no config file found; give one with --config or $SCHOLARD_CONFIG, or create one of:\n"
            "  /work/cwd/scholard.toml and in each folder above it\n"
            "  /home/u/.config/scholard/scholard.toml\n"
            "  /etc/scholard/scholard.toml");
}

TEST(ConfigLookup, WalksUpFromTheWorkingDirectoryBeforeXdgAndEtc) {
  Environment env = env_with({{"HOME", "/home/u"}});
  env.cwd = "/home/u/site/_pages/deep";
  const std::set<std::string> some = {"/home/u/site/scholard.toml", "/home/u/scholard.toml",
                                      "/home/u/.config/scholard/scholard.toml", "/etc/scholard/scholard.toml"};
  // The nearest one wins, as git finds the nearest .git.
  EXPECT_EQ(find_config_path("", env, files(some)).value(), "/home/u/site/scholard.toml");
  EXPECT_EQ(find_config_path("", env, files({"/scholard.toml", "/etc/scholard/scholard.toml"})).value(),
            "/scholard.toml");
  EXPECT_EQ(find_config_path("", env, files({"/home/u/.config/scholard/scholard.toml"})).value(),
            "/home/u/.config/scholard/scholard.toml");
}

TEST(ConfigLookup, AFolderStandsForItsScholardToml) {
  Environment env = env_with({{"SCHOLARD_CONFIG", "/env"}});
  EXPECT_EQ(find_config_path("site", env, files({"/work/cwd/site/scholard.toml"})).value(),
            "/work/cwd/site/scholard.toml");
  EXPECT_EQ(find_config_path("/given/", env, files({"/given/scholard.toml"})).value(), "/given/scholard.toml");
  EXPECT_EQ(find_config_path("", env, files({"/env/scholard.toml"})).value(), "/env/scholard.toml");
  auto missing = find_config_path("/empty", env, files({}));
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().message,
              HasSubstr("/empty (given with --config) does not exist, nor does /empty/scholard.toml"));
}

TEST(StorePath, FolderFollowsSystemdThenXdgThenHome) {
  EXPECT_EQ(default_store_dir(env_with({{"STATE_DIRECTORY", "/var/lib/scholard"}, {"HOME", "/h"}})).value(),
            "/var/lib/scholard");
  EXPECT_EQ(default_store_dir(env_with({{"STATE_DIRECTORY", "/var/lib/a:/var/lib/b"}})).value(), "/var/lib/a");
  EXPECT_EQ(default_store_dir(env_with({{"XDG_STATE_HOME", "/xdg/state"}, {"HOME", "/h"}})).value(),
            "/xdg/state/scholard");
  EXPECT_EQ(default_store_dir(env_with({{"XDG_STATE_HOME", "relative"}, {"HOME", "/h"}})).value(),
            "/h/.local/state/scholard");
  EXPECT_EQ(default_store_dir(env_with({{"HOME", "/h"}, {"STATE_DIRECTORY", ""}})).value(), "/h/.local/state/scholard");
  auto none = default_store_dir(env_with({}));
  ASSERT_FALSE(none);
  EXPECT_THAT(none.error().message, HasSubstr("set [store] path"));
  EXPECT_FALSE(default_store_path(env_with({}), "/s/scholard.toml"));
  EXPECT_FALSE(legacy_store_path(env_with({})));
}

TEST(StorePath, EachConfigFileGetsItsOwnDefaultStore) {
  const Environment env = env_with({{"HOME", "/h"}});
  auto a = default_store_path(env, "/h/sites/alpha/scholard.toml").value();
  auto b = default_store_path(env, "/h/sites/beta/scholard.toml").value();
  auto a_again = default_store_path(env, "/h/sites/alpha/scholard.toml").value();
  EXPECT_NE(a, b);
  EXPECT_EQ(a, a_again);  // stable: the same file always finds its store
  EXPECT_EQ(a.parent_path(), "/h/.local/state/scholard");
  EXPECT_THAT(a.filename().string(), testing::MatchesRegex("alpha-[0-9a-f]{12}\\.db"));
  EXPECT_THAT(b.filename().string(), testing::MatchesRegex("beta-[0-9a-f]{12}\\.db"));
  // The old shared default is one file for every config.
  EXPECT_EQ(legacy_store_path(env).value(), "/h/.local/state/scholard/scholard.db");
  EXPECT_EQ(default_store_path(env_with({{"STATE_DIRECTORY", "/var/lib/scholard"}}), "/etc/scholard/scholard.toml")
                .value()
                .parent_path(),
            "/var/lib/scholard");
}

TEST(StorePath, NamesAreReadableAndSafe) {
  const auto name = [](const char* identity) { return default_store_name(identity); };
  EXPECT_THAT(name("/etc/scholard/scholard.toml"), testing::MatchesRegex("scholard-[0-9a-f]{12}\\.db"));
  EXPECT_THAT(name("/h/site/lab.toml"), testing::MatchesRegex("site-lab-[0-9a-f]{12}\\.db"));
  EXPECT_THAT(name("/scholard.toml"), testing::MatchesRegex("scholard-[0-9a-f]{12}\\.db"));
  EXPECT_THAT(name("/h/.hidden/scholard.toml"), testing::MatchesRegex("hidden-[0-9a-f]{12}\\.db"));
  EXPECT_THAT(name("/h/my site (old)/scholard.toml"), testing::MatchesRegex("my_site__old_-[0-9a-f]{12}\\.db"));
  EXPECT_THAT(name("/h/\xc3\xa9t\xc3\xa9/scholard.toml"), testing::MatchesRegex("__t__-[0-9a-f]{12}\\.db"));
  const std::string long_name = name(("/h/" + std::string(200, 'x') + "/scholard.toml").c_str());
  EXPECT_EQ(long_name.size(), 40u + 1 + 12 + 3);
  // Two folders whose labels coincide still get two stores.
  EXPECT_NE(name("/a/site/scholard.toml"), name("/b/site/scholard.toml"));
}

TEST(StorePath, ConfigIdentityResolvesSymlinks) {
  const auto dir = std::filesystem::temp_directory_path() / ("scholard-paths-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "real");
  { std::ofstream(dir / "real" / "scholard.toml") << "#\n"; }
  std::filesystem::create_directory_symlink(dir / "real", dir / "link");
  const auto real = std::filesystem::canonical(dir / "real" / "scholard.toml");
  EXPECT_EQ(config_identity(dir / "link" / "scholard.toml"), real);
  EXPECT_EQ(config_identity(dir / "link" / ".." / "real" / "scholard.toml"), real);
  // A path the file system cannot resolve stays as written, normalised.
  EXPECT_EQ(config_identity("/no/such/dir/../x.toml"), "/no/such/x.toml");
  std::filesystem::remove_all(dir);
}

TEST(StorePath, ConfigUsesTheInjectedEnvironment) {
  auto systemd = parse(k_minimal, env_with({{"STATE_DIRECTORY", "/var/lib/scholard"}}));
  ASSERT_TRUE(systemd) << systemd.error().message;
  EXPECT_EQ(systemd->store.path, "/var/lib/scholard/" + default_store_name("/srv/cfg/test.toml"));
  EXPECT_EQ(systemd->store.legacy_path, "/var/lib/scholard/scholard.db");
  EXPECT_EQ(systemd->store.owner, "/srv/cfg/test.toml");
  auto none = parse(k_minimal, env_with({}));
  ASSERT_FALSE(none);
  EXPECT_THAT(none.error().message, HasSubstr("test.toml: key `store.path`: no default store path"));
}

TEST(StorePath, AnExplicitPathHasNoLegacyFallbackButAnOwner) {
  auto config = parse(std::string(k_minimal) + "[store]\npath = \"../var/s.db\"\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->store.path, "/srv/var/s.db");
  EXPECT_TRUE(config->store.legacy_path.empty());
  EXPECT_EQ(config->store.owner, "/srv/cfg/test.toml");
}

TEST(RelativePaths, AreResolvedAgainstTheConfigFolder) {
  auto config = parse(std::string(k_minimal) +
                      "[store]\npath = \"../var/scholard.db\"\n"
                      "[[output]]\nformat = \"bibtex\"\npath = \"/abs/papers.bib\"\n"
                      "[[output]]\nformat = \"json\"\npath = \"out//./data/p.json\"\ntemplate = \"../t/e.mustache\"\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->store.path, "/srv/var/scholard.db");
  EXPECT_EQ(config->outputs[0].path, "/srv/cfg/site/research.md");
  EXPECT_EQ(config->outputs[1].path, "/abs/papers.bib");
  EXPECT_EQ(config->outputs[2].path, "/srv/cfg/out/data/p.json");
  EXPECT_EQ(config->outputs[2].template_path, std::filesystem::path("/srv/t/e.mustache"));
  EXPECT_EQ(resolve_path("/a/b", "c/../d"), "/a/b/d");
  EXPECT_EQ(resolve_path("/a/b", "../d"), "/a/d");
  EXPECT_EQ(resolve_path("/a/b", "/e/./f"), "/e/f");
}

TEST(Environment, EmptyValuesCountAsUnset) {
  const Environment env = env_with({{"HOME", ""}, {"XDG_STATE_HOME", "/x"}});
  EXPECT_FALSE(env.get("HOME"));
  EXPECT_FALSE(env.get("STATE_DIRECTORY"));
  EXPECT_EQ(env.get("XDG_STATE_HOME"), "/x");
}

}  // namespace
}  // namespace scholard::config
