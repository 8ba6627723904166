#include "discovery/discovery.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <utility>

#include <spdlog/spdlog.h>

#include "config/edit.hpp"
#include "core/identifier.hpp"
#include "core/text.hpp"
#include "discovery/discovery_score.hpp"
#include "discovery/placement.hpp"
#include "fetchers/arxiv_search.hpp"
#include "fetchers/crossref_list.hpp"
#include "render/output_file.hpp"

namespace scholard::discovery {
namespace {

std::int64_t unix_seconds(core::SysTime t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// "2026-03-01" for a wall-clock time (UTC).
std::string iso_date(core::SysTime t) {
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

bool due(store::Store& store, const char* meta_key, const config::Config& cfg, core::SysTime now) {
  auto last = store.get_meta(meta_key);
  if (!last || !*last) return true;
  try {
    const auto at = core::SysTime{std::chrono::seconds(std::stoll(**last))};
    return now - at >= cfg.discover.interval;
  } catch (const std::exception&) {
    return true;  // unreadable: search again, and overwrite it
  }
}

// One discovery in progress; kept alive by the handlers it gives the client.
class DiscoveryRun : public std::enable_shared_from_this<DiscoveryRun> {
 public:
  DiscoveryRun(store::Store& store, net::HttpClient& client, const config::Config& cfg, DiscoveryPlan plan,
               core::SysTime now, DiscoveryHandler done)
      : m_store(store), m_client(client), m_cfg(cfg), m_plan(plan), m_now(now), m_done(std::move(done)) {}

  void start();

 private:
  void search_finished();
  void evaluate();
  std::vector<store::Candidate> unlisted_candidates(const std::vector<FoundPaper>& found, const ListedPapers& listed);
  void drop_listed_pending(const ListedPapers& listed);
  void auto_accept(const std::vector<store::Candidate>& candidates);
  void error(std::string message);

  store::Store& m_store;
  net::HttpClient& m_client;
  config::Config m_cfg;
  DiscoveryPlan m_plan;
  core::SysTime m_now;
  DiscoveryHandler m_done;
  DiscoveryReport m_report;
  std::vector<core::Record> m_arxiv;
  std::vector<core::Record> m_crossref;
  int m_waiting = 0;
};

void DiscoveryRun::start() {
  m_report.ran = true;
  m_waiting = 1;  // held until both searches are started
  auto self = shared_from_this();
  if (m_plan.arxiv) {
    ++m_waiting;
    fetchers::ArxivSearchOptions o;
    o.base_url = m_cfg.sources.arxiv.base_url;
    o.query = m_cfg.discover.arxiv_query;
    fetchers::search_arxiv(m_client, o, [self](fetchers::SearchResult r) {
      self->m_report.requests["arxiv"] += r.attempts;
      if (!r.error.empty()) self->error("arXiv search: " + r.error);
      else if (auto ok = self->m_store.set_meta(k_discover_arxiv_meta, std::to_string(unix_seconds(self->m_now))); !ok)
        self->error("store: " + ok.error().message);
      self->m_arxiv = std::move(r.records);  // a partial result is still worth scoring
      self->search_finished();
    });
  }
  if (m_plan.crossref) {
    ++m_waiting;
    fetchers::CrossrefListOptions o;
    o.base_url = m_cfg.sources.crossref.base_url;
    o.mailto = m_cfg.profile.contact;
    o.orcid = m_cfg.profile.orcid;
    fetchers::list_crossref_works(m_client, o, [self](fetchers::WorkListResult r) {
      self->m_report.requests["crossref"] += r.attempts;
      if (!r.error.empty()) self->error("Crossref ORCID works: " + r.error);
      else if (auto ok = self->m_store.set_meta(k_discover_crossref_meta, std::to_string(unix_seconds(self->m_now))); !ok)
        self->error("store: " + ok.error().message);
      self->m_crossref = std::move(r.records);
      self->search_finished();
    });
  }
  search_finished();
}

void DiscoveryRun::error(std::string message) {
  spdlog::warn("discovery: {}", message);
  m_report.errors.push_back(std::move(message));
}

void DiscoveryRun::search_finished() {
  if (--m_waiting > 0) return;
  evaluate();
  auto done = std::move(m_done);
  if (done) done(std::move(m_report));
}

void DiscoveryRun::evaluate() {
  auto stored = m_store.all_papers();
  if (!stored) return error("store: " + stored.error().message);
  const Researcher me = researcher_of(m_cfg.profile);
  const ListedPapers listed = listed_papers(m_cfg, *stored, me);
  const auto found = merge_found(m_arxiv, m_crossref);
  m_report.found = static_cast<int>(found.size());
  const auto candidates = unlisted_candidates(found, listed);
  auto saved = m_store.save_candidates(candidates);
  if (!saved) return error("store: " + saved.error().message);
  for (const auto& c : candidates) {
    if (std::find(saved->added.begin(), saved->added.end(), c.key) == saved->added.end()) continue;
    if (c.band == to_string(Band::unlikely)) {
      ++m_report.new_unlikely;
      spdlog::debug("discovery: {} \"{}\" is unlikely yours (score {}: {})", c.key, c.title, c.score,
                    core::join(c.reasons, "; "));
      continue;
    }
    m_report.new_candidates.push_back(c.key);
    spdlog::info("discovery: new candidate {} \"{}\" ({}, score {}: {})", c.key, c.title, c.band, c.score,
                 core::join(c.reasons, "; "));
  }
  drop_listed_pending(listed);
  if (m_cfg.discover.auto_accept) auto_accept(candidates);
  spdlog::info("discovery: {} found, {} listed, {} decided before, {} (scholard pending), {} unlikely", m_report.found,
               m_report.listed, m_report.decided, core::plural(m_report.new_candidates.size(), "new candidate", "new candidates"),
               m_report.new_unlikely);
}

std::vector<store::Candidate> DiscoveryRun::unlisted_candidates(const std::vector<FoundPaper>& found,
                                                                const ListedPapers& listed) {
  std::vector<store::Candidate> decided;
  for (auto state : {store::CandidateState::accepted, store::CandidateState::rejected}) {
    if (auto some = m_store.candidates(state)) decided.insert(decided.end(), some->begin(), some->end());
    else error("store: " + some.error().message);
  }
  const Researcher me = researcher_of(m_cfg.profile);
  std::vector<store::Candidate> out;
  for (const auto& paper : found) {
    if (is_listed(paper, listed)) {
      ++m_report.listed;
      continue;
    }
    const auto ids = paper.ids();
    const bool was_decided = std::any_of(decided.begin(), decided.end(), [&](const store::Candidate& c) {
      return std::any_of(ids.begin(), ids.end(), [&](const std::string& id) { return c.has_id(id); });
    });
    // Accepted or rejected before, maybe under another of its ids (its
    // preprint or published version): the decision stands.
    if (was_decided) {
      ++m_report.decided;
      continue;
    }
    out.push_back(to_candidate(paper, score_paper(paper, me, listed)));
  }
  return out;
}

void DiscoveryRun::drop_listed_pending(const ListedPapers& listed) {
  auto pending = m_store.candidates(store::CandidateState::pending);
  if (!pending) return error("store: " + pending.error().message);
  std::vector<std::string> now_listed;
  for (const auto& c : *pending) {
    if (listed.ids.count(c.key) || listed.ids.count(c.arxiv_id) || listed.ids.count(c.doi)) now_listed.push_back(c.key);
  }
  if (auto dropped = m_store.drop_pending_candidates(now_listed); !dropped) error("store: " + dropped.error().message);
}

void DiscoveryRun::auto_accept(const std::vector<store::Candidate>& candidates) {
  for (const auto& found : candidates) {
    auto stored = m_store.find_candidate(found.key);
    if (!stored || !*stored || (*stored)->state != store::CandidateState::pending) continue;
    const store::Candidate& c = **stored;
    if (c.score < k_auto_accept_score) continue;
    auto listed = m_store.list_papers();  // the years the config leaves to the sources
    auto line = append_candidate_to_config(m_cfg.file, c, m_now, listed ? *listed : std::vector<store::PaperSummary>{});
    if (!line) {
      error("auto_accept " + c.key + ": " + line.error().message);
      continue;
    }
    if (auto ok = m_store.decide_candidate(c, store::CandidateState::accepted); !ok) {
      error("store: " + ok.error().message);
      continue;
    }
    m_report.auto_accepted.push_back(c.key);
    spdlog::info("discovery: auto_accept: listed {} \"{}\" (score {}: {}) at {}:{}; the next pass renders it", c.key,
                 c.title, c.score, core::join(c.reasons, "; "), m_cfg.file.string(), *line);
  }
}

}  // namespace

DiscoveryPlan discovery_due(store::Store& store, const config::Config& cfg, core::SysTime now, bool force) {
  DiscoveryPlan plan;
  if (!cfg.discover.enabled) return plan;
  const bool want_arxiv = !cfg.discover.arxiv_query.empty();
  const bool want_crossref = cfg.discover.orcid && !cfg.profile.orcid.empty();
  plan.arxiv = want_arxiv && (force || due(store, k_discover_arxiv_meta, cfg, now));
  plan.crossref = want_crossref && (force || due(store, k_discover_crossref_meta, cfg, now));
  return plan;
}

void run_discovery(store::Store& store, net::HttpClient& client, const config::Config& cfg, DiscoveryPlan plan,
                   core::SysTime now, DiscoveryHandler done) {
  auto run = std::make_shared<DiscoveryRun>(store, client, cfg, plan, now, std::move(done));
  run->start();
}

core::Result<ConfigText> read_config_for_edit(const std::filesystem::path& config_file) {
  auto text = render::read_file(config_file);
  if (!text) return tl::unexpected(text.error());
  auto cfg = config::parse_config(*text, config_file.string(), config_file.parent_path(),
                                  config::Environment::from_process());
  if (!cfg) return core::fail(core::ErrorCode::invalid_input, "the config does not parse:\n" + cfg.error().message);
  return ConfigText{std::move(*text), std::move(*cfg)};
}

core::Result<config::Config> write_config_edit(const std::filesystem::path& config_file, const std::string& edited,
                                               const std::string& change) {
  auto check = config::parse_config(edited, config_file.string(), config_file.parent_path(),
                                    config::Environment::from_process());
  if (!check) {
    return core::fail(core::ErrorCode::invalid_input,
                      "the config would not parse after " + change + "; nothing written:\n" + check.error().message);
  }
  if (auto w = render::write_if_changed(config_file, edited); !w) return tl::unexpected(w.error());
  return std::move(*check);
}

core::Result<int> append_candidate_to_config(const std::filesystem::path& config_file,
                                             const store::Candidate& candidate, core::SysTime now,
                                             const std::vector<store::PaperSummary>& stored) {
  auto current = read_config_for_edit(config_file);
  if (!current) return tl::unexpected(current.error());
  for (const auto& p : current->cfg.papers) {
    if ((p.arxiv && p.arxiv->id == candidate.arxiv_id) || (p.doi && p.doi->value == candidate.doi)) {
      return core::fail(core::ErrorCode::invalid_input,
                        candidate.key + " is already listed at " + config_file.string() + ":" + std::to_string(p.line));
    }
  }
  config::PaperTable table;
  table.comments.push_back("Found by scholard discovery on " + iso_date(now) + ": " + candidate.title);
  table.arxiv = candidate.arxiv_id;
  const auto doi = core::parse_doi(candidate.doi);
  // arXiv's own DOI names the same id; a publisher's DOI merges the published version in.
  if (doi && (candidate.arxiv_id.empty() || !core::arxiv_id_from_doi(*doi))) table.doi = doi->value;
  if (table.arxiv.empty() && table.doi.empty()) {
    return core::fail(core::ErrorCode::invalid_input, candidate.key + " has neither an arXiv id nor a DOI");
  }
  const std::string formatted = config::format_paper_table(table);
  const auto before = place_before(listed_papers(current->cfg, stored), candidate.year,
                                   arxiv_month(candidate.arxiv_id, candidate.year));
  std::string edited;
  if (before) {
    auto placed = config::insert_table(current->text, *before, config::Place::before, formatted);
    if (!placed) return tl::unexpected(placed.error());
    edited = std::move(*placed);
  } else {
    edited = config::append_table(current->text, formatted);
  }
  auto written = write_config_edit(config_file, edited, "adding " + candidate.key);
  if (!written) return tl::unexpected(written.error());
  for (const config::Paper& p : written->papers) {
    if ((!table.arxiv.empty() && p.arxiv && p.arxiv->id == table.arxiv) || (table.arxiv.empty() && p.doi && p.doi->value == table.doi)) {
      return p.line;
    }
  }
  return written->papers.back().line;
}

}  // namespace scholard::discovery
