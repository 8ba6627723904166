#include "cli/import_compare.hpp"

#include <map>
#include <optional>

#include <spdlog/spdlog.h>

#include "config/config.hpp"
#include "config/edit.hpp"
#include "core/clock.hpp"
#include "daemon/engine.hpp"
#include "daemon/inputs.hpp"
#include "daemon/outputs.hpp"
#include "fetchers/registry.hpp"
#include "importer/compare.hpp"
#include "importer/import.hpp"
#include "importer/markdown_entry.hpp"
#include "net/asio.hpp"
#include "net/curl_client.hpp"
#include "render/markdown.hpp"
#include "store/store.hpp"

namespace scholard::cli {
namespace {
namespace fs = std::filesystem;

constexpr const char* k_may_change =
    "the first sync may change titles, author names, venues or pages where the sources say otherwise";

// The config with `fresh` appended, parsed as sync will parse it; its last
// fresh.size() papers are the fresh entries, in order.
core::Result<config::Config> config_with(const std::vector<importer::Proposal>& fresh, const CompareSetup& setup) {
  const std::string text = config::append_table(setup.config_text, importer::format_proposals(fresh, setup.source_name));
  auto cfg = config::parse_config(text, setup.config_path.string(), setup.config_path.parent_path());
  if (!cfg) return cfg;
  if (cfg->papers.size() < fresh.size()) {
    return core::fail(core::ErrorCode::invalid_input, "the proposed entries did not parse as papers");
  }
  cfg->papers.erase(cfg->papers.begin(), cfg->papers.end() - static_cast<std::ptrdiff_t>(fresh.size()));
  return cfg;
}

// The Markdown style of the page's own [[output]] (else the first Markdown one).
render::MarkdownOptions page_options(const config::Config& cfg, const fs::path& page) {
  render::MarkdownOptions o;
  const config::Output* chosen = nullptr;
  std::error_code ec;
  for (const auto& out : cfg.outputs) {
    if (out.format != config::OutputFormat::markdown) continue;
    if (chosen == nullptr) chosen = &out;
    if (fs::equivalent(out.path, page, ec)) {
      chosen = &out;
      break;
    }
  }
  if (chosen != nullptr) {
    o.max_authors = chosen->max_authors;
    o.et_al = chosen->et_al;
    o.range_dash = chosen->range_dash;
  }
  return o;
}

struct Fetched {
  std::optional<store::Store> store;
  std::vector<store::PaperDetail> stored;
  daemon::PassReport report;
  std::string error;  // set when nothing could be fetched
};

// One engine pass over `cfg`'s papers into an in-memory store.
Fetched fetch(const config::Config& cfg) {
  Fetched f;
  core::SystemClock clock;
  auto opened = store::Store::open(":memory:", clock);
  if (!opened) {
    f.error = opened.error().message;
    return f;
  }
  f.store.emplace(std::move(*opened));
  config::Config only_fetch = cfg;  // nothing but the answers: no output, hook or discovery
  only_fetch.outputs.clear();
  only_fetch.hook.on_change.clear();
  only_fetch.discover = config::Discover{};
  {
    // The engine logs what a sync does ("8 papers new in the configuration"),
    // which is not what an import does: its own report says what happened.
    const auto level = spdlog::default_logger()->level();
    if (level == spdlog::level::info) spdlog::default_logger()->set_level(spdlog::level::off);
    boost::asio::io_context io;
    net::CurlHttpClient client(io, daemon::client_options(only_fetch));
    daemon::Engine engine(io, *f.store, client, clock);
    daemon::PassOptions options;
    options.command = "import";
    engine.run_pass(std::move(only_fetch), std::move(options), [&f](daemon::PassReport r) { f.report = std::move(r); });
    io.run();
    spdlog::default_logger()->set_level(level);
  }
  if (!f.report.fatal.empty()) {
    f.error = f.report.fatal;
  } else if (!f.report.reached_any) {
    const auto lines = f.report.failure_lines();
    f.error = "no source could be reached (" + (lines.empty() ? std::string("no answer") : lines.front()) + ")";
  } else if (auto stored = f.store->all_papers(); stored) {
    f.stored = std::move(*stored);
  } else {
    f.error = stored.error().message;
  }
  return f;
}

// FieldSources names "config", a source, or nobody ("").
std::string source_name(const std::string& s) {
  if (s == "config") return "the config";
  if (s.empty()) return "the sources";
  return fetchers::display_name(s);
}

std::string field_source(const render::MergedPaper& m, const std::string& field) {
  const auto& s = m.sources;
  if (field == "title") return source_name(s.title);
  if (field == "venue") return source_name(s.venue);
  if (field == "year" || field == "month") return source_name(s.year);
  if (field == "volume") return source_name(s.volume);
  if (field == "issue") return source_name(s.issue);
  if (field == "pages") return source_name(s.pages);
  return source_name(s.authors);
}

// The merged papers of `cfg` by config position.
std::map<int, render::MergedPaper> merged_by_position(const config::Config& cfg, const std::vector<store::PaperDetail>& stored) {
  std::map<int, render::MergedPaper> out;
  for (auto& m : daemon::merged_papers(cfg, stored)) out.emplace(m.position, std::move(m));
  return out;
}

bool has_record(const std::vector<store::PaperDetail>& stored, const std::string& key) {
  for (const auto& d : stored) {
    if (d.key != key) continue;
    for (const auto& r : d.records) {
      if (r.record) return true;
    }
  }
  return false;
}

std::string where(const CompareSetup& setup, const importer::Proposal& p) {
  return setup.source_name + ":" + std::to_string(p.line) + " (" + p.label() + ")";
}

}  // namespace

CompareReport compare_with_sources(std::vector<importer::Proposal>& fresh, const CompareSetup& setup) {
  CompareReport out;
  if (fresh.empty()) return out;
  if (setup.offline) {
    out.lines.push_back("not compared with arXiv and Crossref (--offline): " + std::string(k_may_change));
    return out;
  }
  auto cfg = config_with(fresh, setup);
  if (!cfg) {
    out.lines.push_back("not compared with the sources: the config with these entries does not parse: " +
                        cfg.error().message);
    return out;
  }
  Fetched f = fetch(*cfg);
  if (!f.error.empty()) {
    out.lines.push_back("not compared with the sources: " + f.error + "; " + k_may_change);
    return out;
  }
  out.compared = true;
  const render::MarkdownOptions options = page_options(*cfg, setup.page);
  const auto keys = daemon::paper_keys(*cfg);
  auto merged = merged_by_position(*cfg, f.stored);
  std::vector<std::string> unanswered;
  for (std::size_t i = 0; i < fresh.size(); ++i) {
    importer::Proposal& page = fresh[i];
    if (!page.is_manual() && !has_record(f.stored, keys[i])) {
      unanswered.push_back(page.label());
      continue;
    }
    const auto& m = merged.at(static_cast<int>(i));
    const importer::Proposal synced = importer::parse_markdown_entry(render::render_markdown_entry(m, options), page.line);
    const auto differences = importer::compare_entries(page, synced);
    if (differences.empty()) continue;
    importer::keep_page_text(page, synced, differences, [&m](const std::string& field) { return field_source(m, field); });
    ++out.kept;
  }
  // The proof: the entries as now proposed, merged with the same answers.
  if (auto again = config_with(fresh, setup); again) {
    merged = merged_by_position(*again, f.stored);
    for (std::size_t i = 0; i < fresh.size(); ++i) {
      const importer::Proposal& page = fresh[i];
      if (!page.is_manual() && !has_record(f.stored, keys[i])) continue;
      const auto synced =
          importer::parse_markdown_entry(render::render_markdown_entry(merged.at(static_cast<int>(i)), options), page.line);
      for (const auto& d : importer::compare_entries(page, synced)) {
        out.lines.push_back(where(setup, page) + ": the first sync will still change the " + d.field + ": \"" + d.page +
                            "\" -> \"" + d.synced + "\"");
      }
    }
  }
  std::string summary = "compared with arXiv and Crossref: " + std::to_string(out.kept) + " of " +
                        std::to_string(fresh.size()) + " entries differ from the sources; the page's text is kept " +
                        "as overrides (each one's comment says why)";
  if (!unanswered.empty()) {
    std::string ids;
    for (const auto& id : unanswered) ids += (ids.empty() ? "" : ", ") + id;
    summary += "; not compared (no answer): " + ids + ", whose fields the first sync may change";
  }
  out.lines.insert(out.lines.begin(), summary);
  return out;
}

}  // namespace scholard::cli
