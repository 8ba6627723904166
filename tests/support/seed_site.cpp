#include "support/seed_site.hpp"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

namespace scholard::testing {
namespace fs = std::filesystem;

std::string slurp_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int replace_all(std::string& text, const std::string& from, const std::string& to) {
  int n = 0;
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
    ++n;
  }
  return n;
}

std::vector<std::string> marked_entries(const std::string& page) {
  const std::string begin = "<!-- scholard:begin -->\n";
  const auto b = page.find(begin);
  const auto e = page.find("<!-- scholard:end -->");
  std::vector<std::string> entries;
  if (b == std::string::npos || e == std::string::npos || e < b) return entries;
  std::istringstream block(page.substr(b + begin.size(), e - b - begin.size()));
  std::string line;
  while (std::getline(block, line)) {
    if (!line.empty()) entries.push_back(line);
  }
  return entries;
}

SeedSite::SeedSite(SeedSiteOptions options) : m_options(std::move(options)) {
  static std::atomic<int> counter{0};
  m_root = fs::temp_directory_path() /
           ("scholard-site-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(m_root);
  fs::create_directories(m_root / "config");
  fs::create_directories(site() / "_pages");
  fs::copy_file(fs::path(SCHOLARD_SOURCE_DIR) / "examples/site/_pages/research.md", page());
  fs::create_directories(fixtures());
  fs::copy(fs::path(SCHOLARD_TEST_DATA) / "seed" / "arxiv", fixtures() / "arxiv", fs::copy_options::recursive);
  fs::copy(fs::path(SCHOLARD_TEST_DATA) / "seed" / "crossref", fixtures() / "crossref", fs::copy_options::recursive);
  fs::copy(fs::path(SCHOLARD_TEST_DATA) / "seed" / "semanticscholar", fixtures() / "semanticscholar",
           fs::copy_options::recursive);
  write_config("http://127.0.0.1:9");  // a closed port until a server runs
}

SeedSite::~SeedSite() {
  m_server.reset();
  std::error_code ec;
  fs::remove_all(m_root, ec);
}

void SeedSite::write_config(const std::string& base_url) {
  std::string text = slurp_file(fs::path(SCHOLARD_SOURCE_DIR) / "config/scholard.example.toml");
  replace_all(text, "\"https://export.arxiv.org/api/query\"", "\"" + base_url + "/api/query\"");
  replace_all(text, "\"https://api.crossref.org\"", "\"" + base_url + "\"");
  replace_all(text, "\"https://api.semanticscholar.org/graph/v1\"", "\"" + base_url + "/graph/v1\"");
  replace_all(text, "min_interval = \"1s\"", "min_interval = \"" + m_options.s2_interval + "\"");
  replace_all(text, "min_interval = \"3s\"", "min_interval = \"" + m_options.arxiv_interval + "\"");
  for (const auto& [from, to] : m_options.config_edits) replace_all(text, from, to);
  if (!m_options.hook.empty()) {
    std::string argv = "[";
    for (std::size_t i = 0; i < m_options.hook.size(); ++i) argv += (i ? ", \"" : "\"") + m_options.hook[i] + "\"";
    replace_all(text, "on_change = []", "on_change = " + argv + "]");
  }
  std::ofstream(config(), std::ios::binary | std::ios::trunc) << text;
}

bool SeedSite::start_server(std::string& error, unsigned short port) {
  m_server.reset();
  std::vector<std::string> args = {"--fixtures", fixtures().string(), "--port", std::to_string(port), "--arxiv-interval",
                                   m_options.referee_interval, "--s2-interval", m_options.s2_referee_interval};
  args.insert(args.end(), m_options.server_args.begin(), m_options.server_args.end());
  auto server = FakeApiProcess::start(args);
  if (!server) {
    error = server.error().message;
    return false;
  }
  m_server = std::move(*server);
  write_config(m_server->base_url());
  return true;
}

void SeedSite::stop_server() {
  if (m_server) (void)m_server->stop();
}

std::vector<fs::path> SeedSite::output_files() const {
  std::vector<fs::path> files = {page(), site() / "_bibliography" / "papers.bib", site() / "_data" / "publications.json"};
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(site() / "_publications", ec)) files.push_back(e.path());
  return files;
}

CommandResult SeedSite::scholard(std::vector<std::string> args, const std::map<std::string, std::string>& env) const {
  args.insert(args.begin(), {SCHOLARD_BIN, "--config", config().string()});
  return run_command(args, env);
}

}  // namespace scholard::testing
