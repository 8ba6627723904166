// TinySite: a researcher's folder holding a scholard.toml WITHOUT [store]
// (as `scholard import --write` writes it) and a page with markers, for the
// tests of where the store lives. Every TinySite of a test shares one fake
// HOME, so configs without [store] all meet in the same default state folder,
// as they do on a real machine.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "support/run_command.hpp"

namespace scholard::testing {

// A fresh folder under /tmp, removed with the object.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& tag) {
    static int counter = 0;
    m_path = std::filesystem::temp_directory_path() /
             ("scholard-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

// The environment every scholard of a test runs in: HOME in the scratch
// folder, no XDG_STATE_HOME / STATE_DIRECTORY / SCHOLARD_CONFIG from the
// machine running the tests.
inline std::map<std::string, std::string> isolated_env(const std::filesystem::path& home) {
  return {{"HOME", home.string()}, {"XDG_STATE_HOME", ""}, {"STATE_DIRECTORY", ""}, {"SCHOLARD_CONFIG", ""},
          {"XDG_CONFIG_HOME", ""}, {"JOURNAL_STREAM", ""}, {"SCHOLARD_S2_API_KEY", ""}, {"CREDENTIALS_DIRECTORY", ""}};
}

struct TinySiteSpec {
  std::vector<std::string> arxiv_ids{};  // the [[paper]] entries
  std::string base_url = "http://127.0.0.1:9";
  std::string store_path{};  // "" = no [store] table at all
};

class TinySite {
 public:
  TinySite(std::filesystem::path folder, std::filesystem::path home, TinySiteSpec spec)
      : m_folder(std::move(folder)), m_home(std::move(home)), m_spec(std::move(spec)) {
    std::filesystem::create_directories(m_folder);
    std::ofstream(page()) << "# Research\n\nSome words of mine.\n\n<!-- scholard:begin -->\n<!-- scholard:end -->\n\n"
                             "More words of mine.\n";
    write_config();
  }

  void write_config() const {
    std::string text =
        "[profile]\n"
        "name = \"Joe Benton\"\n"
        "contact = \"joe@example.net\"\n\n";
    if (!m_spec.store_path.empty()) text += "[store]\npath = \"" + m_spec.store_path + "\"\n\n";
    text +=
        "[sources.arxiv]\n"
        "base_url = \"" + m_spec.base_url + "/api/query\"\n"
        "min_interval = \"150ms\"\n\n"
        "[sources.crossref]\n"
        "base_url = \"" + m_spec.base_url + "\"\n\n"
        "[sources.semanticscholar]\n"
        "base_url = \"" + m_spec.base_url + "/graph/v1\"\n"
        "min_interval = \"150ms\"\n\n"
        "[[output]]\n"
        "format = \"markdown\"\n"
        "path = \"research.md\"\n";
    for (const auto& id : m_spec.arxiv_ids) text += "\n[[paper]]\narxiv = \"" + id + "\"\n";
    std::ofstream(config(), std::ios::trunc) << text;
  }

  void set_base_url(const std::string& url) {
    m_spec.base_url = url;
    write_config();
  }

  std::filesystem::path config() const { return m_folder / "scholard.toml"; }
  std::filesystem::path page() const { return m_folder / "research.md"; }
  std::filesystem::path state_dir() const { return m_home / ".local" / "state" / "scholard"; }

  CommandResult scholard(std::vector<std::string> args) const {
    args.insert(args.begin(), {SCHOLARD_BIN, "--config", config().string()});
    return run_command(args, isolated_env(m_home));
  }

 private:
  std::filesystem::path m_folder;
  std::filesystem::path m_home;
  TinySiteSpec m_spec;
};

// The files in `dir` whose names end in ".db" (the stores), sorted.
inline std::vector<std::string> store_files(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".db") names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace scholard::testing
