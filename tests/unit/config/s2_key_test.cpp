// [sources.semanticscholar]'s API key: where it is read from, and a clear
// problem for every way a named key file can be wrong. The key itself is
// never part of a message.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "unit/config/config_test_support.hpp"

namespace scholard::config {
namespace {

namespace fs = std::filesystem;

class S2Key : public ::testing::Test {
 protected:
  S2Key() {
    dir = fs::temp_directory_path() / ("scholard-s2key-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "folder");
  }
  ~S2Key() override { fs::remove_all(dir); }
  std::string with_file(const fs::path& file) const {
    return std::string(k_minimal) + "\n[sources.semanticscholar]\napi_key_file = \"" + file.string() + "\"\n";
  }
  fs::path dir;
};

TEST_F(S2Key, ReadFromTheFileTheEnvironmentOrTheCredentialInThatOrder) {
  std::ofstream(dir / "key") << "  file-key-123 \nsecond line ignored\n";
  Environment env = test_env();
  env.variables["SCHOLARD_S2_API_KEY"] = "env-key";
  auto from_file = parse(with_file(dir / "key"), env);
  ASSERT_TRUE(from_file) << from_file.error().message;
  EXPECT_EQ(from_file->sources.semanticscholar.api_key, "file-key-123");
  EXPECT_EQ(from_file->sources.semanticscholar.api_key_origin, ApiKeyOrigin::file);

  auto from_env = parse(k_minimal, env);
  ASSERT_TRUE(from_env);
  EXPECT_EQ(from_env->sources.semanticscholar.api_key, "env-key");

  std::ofstream(dir / "semanticscholar-api-key") << "credential-key\n";
  Environment systemd = test_env();
  systemd.variables["CREDENTIALS_DIRECTORY"] = dir.string();
  auto from_credential = parse(k_minimal, systemd);
  ASSERT_TRUE(from_credential);
  EXPECT_EQ(from_credential->sources.semanticscholar.api_key, "credential-key");
  EXPECT_EQ(from_credential->sources.semanticscholar.api_key_origin, ApiKeyOrigin::credential);

  auto none = parse(k_minimal);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->sources.semanticscholar.api_key.empty());
}

TEST_F(S2Key, AMissingEmptyOrFolderKeyFileIsAProblemNamingIt) {
  std::ofstream(dir / "empty");
  const auto missing = parse(with_file(dir / "nope"));
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find((dir / "nope").string() + " cannot be read (No such file or directory)"),
            std::string::npos)
      << missing.error().message;
  const auto empty = parse(with_file(dir / "empty"));
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message.find("is empty (the key goes on its first line)"), std::string::npos)
      << empty.error().message;
  const auto folder = parse(with_file(dir / "folder"));
  ASSERT_FALSE(folder);
  EXPECT_NE(folder.error().message.find("is a folder, not a file holding the key"), std::string::npos)
      << folder.error().message;
}

TEST_F(S2Key, AKeyInTheConfigTextIsRefusedWithoutRepeatingIt) {
  const auto r = parse(std::string(k_minimal) + "\n[sources.semanticscholar]\napi_key = \"secret-in-text-42\"\n");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("a key does not belong in the config text"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find("secret-in-text-42"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace scholard::config
