// SeedSite: a throw-away copy of the example project for end-to-end tests.
//
//   ROOT/config/scholard.toml        config/scholard.example.toml, pointed at a
//                                    fake API server on loopback, arXiv's
//                                    interval scaled down, an optional hook
//   ROOT/examples/site/_pages/research.md   the example page (with markers)
//   ROOT/fixtures/{arxiv,crossref}/  a copy of tests/data/seed, editable
//   ROOT/var/scholard.db             the store (created by the first sync)
//
// Paths in the example config are relative to its folder, so the copy writes
// into ROOT/examples/site exactly as the real one writes into examples/site.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/fakeapi_process.hpp"
#include "support/run_command.hpp"

namespace scholard::testing {

struct SeedSiteOptions {
  std::string arxiv_interval = "150ms";   // config min_interval (arXiv retries start at 10x this)
  std::string referee_interval = "100ms"; // what the fake server's referee enforces
  std::vector<std::string> hook;           // argv; empty = none
  std::vector<std::string> server_args;    // extra scholard-fakeapi arguments
  // Further text replacements in the config, e.g. {"refresh = \"1d\"", "refresh = \"1s\""}.
  std::vector<std::pair<std::string, std::string>> config_edits;
  std::string s2_interval = "150ms";      // config min_interval of Semantic Scholar
  std::string s2_referee_interval = "100ms";  // what the referee enforces for it
};

class SeedSite {
 public:
  explicit SeedSite(SeedSiteOptions options = {});
  ~SeedSite();
  SeedSite(const SeedSite&) = delete;
  SeedSite& operator=(const SeedSite&) = delete;

  const std::filesystem::path& root() const { return m_root; }
  std::filesystem::path config() const { return m_root / "config" / "scholard.toml"; }
  std::filesystem::path site() const { return m_root / "examples" / "site"; }
  std::filesystem::path page() const { return site() / "_pages" / "research.md"; }
  std::filesystem::path fixtures() const { return m_root / "fixtures"; }
  std::filesystem::path store() const { return m_root / "var" / "scholard.db"; }
  // Every output file the example config writes (the academicpages folder's files expanded).
  std::vector<std::filesystem::path> output_files() const;

  // (Re)starts the fake API server on the fixtures and rewrites the config's
  // base URLs to it. Returns false (with the reason in `error`) on failure.
  // `port` 0 picks a free one; a previous port restarts the server in place
  // (the config keeps pointing at it).
  bool start_server(std::string& error, unsigned short port = 0);
  void stop_server();
  FakeApiProcess* server() { return m_server.get(); }

  // Runs `scholard --config CONFIG args...`.
  CommandResult scholard(std::vector<std::string> args, const std::map<std::string, std::string>& env = {}) const;

 private:
  void write_config(const std::string& base_url);
  SeedSiteOptions m_options;
  std::filesystem::path m_root;
  std::unique_ptr<FakeApiProcess> m_server;
};

// Reads a whole file ("" when missing).
std::string slurp_file(const std::filesystem::path& path);
// Replaces every occurrence of `from` in `text`; returns how many were replaced.
int replace_all(std::string& text, const std::string& from, const std::string& to);
// The paragraphs between the scholard markers of a page.
std::vector<std::string> marked_entries(const std::string& page);

}  // namespace scholard::testing
