#include "discovery/title_match.hpp"

#include <algorithm>
#include <memory>
#include <utility>

#include <spdlog/spdlog.h>

#include "config/edit.hpp"
#include "core/identifier.hpp"
#include "core/text.hpp"
#include "discovery/discovery.hpp"
#include "discovery/discovery_score.hpp"

namespace scholard::discovery {
namespace {

std::string folded_title(std::string_view title) { return core::fold_for_match(core::collapse_whitespace(title)); }

// The index's corpus id of a matched record ("CorpusId:N"), "" when it gave none.
std::string corpus_id_of(const core::Record& r) {
  for (const auto& rel : r.relations) {
    if (rel.type == "indexed-as" && rel.id_type == "semanticscholar-corpus") return rel.id;
  }
  return {};
}

// The first author whose folded name is the researcher's name or an alias.
std::optional<std::string> researcher_among(const core::Record& r, const Researcher& me) {
  for (const auto& a : r.authors) {
    if (me.names.count(core::fold_for_match(a.name))) return a.name;
  }
  return std::nullopt;
}

// "NeurIPS 2024": where the index says the paper was published.
std::string where_published(const core::Record& r) {
  std::string venue = r.venue_short.empty() ? r.venue : r.venue_short;
  if (venue.empty()) return {};
  if (!r.published.empty()) venue += " " + std::to_string(r.published.year);
  return venue;
}

// One pass's title matches in progress, one request at a time; kept alive by
// the handler it gives the source.
class TitleMatchRun : public std::enable_shared_from_this<TitleMatchRun> {
 public:
  TitleMatchRun(store::Store& store, fetchers::Source& source, const config::Config& cfg,
                std::vector<ManualEntry> entries, TitleMatchDone done)
      : m_store(store), m_source(source), m_cfg(cfg), m_entries(std::move(entries)), m_done(std::move(done)) {}

  void next() {
    if (m_next >= m_entries.size() || !m_report.refusal.empty()) return finish();
    const ManualEntry& entry = m_entries[m_next++];
    ++m_report.requests;
    m_source.match_title(entry.paper->title, [self = shared_from_this(), entry](fetchers::TitleMatch match) {
      self->answered(entry, match);
      self->next();
    });
  }

 private:
  void answered(const ManualEntry& entry, const fetchers::TitleMatch& match) {
    const auto& outcome = match.outcome;
    if (outcome.status == fetchers::FetchStatus::error) {
      if (outcome.source_refused) m_report.refusal = outcome.message;
      else m_report.errors.push_back(entry.key + ": " + outcome.message);
      spdlog::warn("{}: title match by {} failed: {}", entry.key, m_source.display_name(), outcome.message);
      return;  // not marked: asked again next pass
    }
    MatchVerdict verdict = judge_title_match(*entry.paper, m_cfg.profile, match, m_source.display_name());
    std::string note = "no match";
    if (verdict.proposal) {
      auto saved = m_store.save_candidates({*verdict.proposal});
      if (!saved) {
        m_report.errors.push_back("store: " + saved.error().message);
        return;
      }
      note = "proposed " + verdict.proposal->key;
      if (!saved->added.empty()) {
        m_report.proposed.push_back(verdict.proposal->key);
        spdlog::info("{} (scholard pending)", verdict.proposal->reasons.front());
      }
    } else {
      note = verdict.why_not;
      spdlog::info("{}: {} title match: {}", entry.key, m_source.display_name(), verdict.why_not);
    }
    if (auto ok = m_store.set_meta(k_title_match_meta_prefix + entry.key, note); !ok) {
      m_report.errors.push_back("store: " + ok.error().message);
    }
  }

  void finish() {
    auto done = std::move(m_done);
    if (done) done(std::move(m_report));
  }

  store::Store& m_store;
  fetchers::Source& m_source;
  const config::Config& m_cfg;
  std::vector<ManualEntry> m_entries;
  std::size_t m_next = 0;
  TitleMatchReport m_report;
  TitleMatchDone m_done;
};

}  // namespace

std::vector<ManualEntry> title_matches_due(store::Store& store, const config::Config& cfg,
                                           const std::vector<std::string>& keys, std::size_t limit) {
  std::vector<ManualEntry> out;
  for (std::size_t i = 0; i < cfg.papers.size() && i < keys.size() && out.size() < limit; ++i) {
    const config::Paper& p = cfg.papers[i];
    if (!p.is_manual() || p.hidden || !p.semanticscholar.empty() || p.title.empty()) continue;
    auto asked = store.get_meta(k_title_match_meta_prefix + keys[i]);
    if (asked && *asked) continue;
    out.push_back({keys[i], &p});
  }
  return out;
}

MatchVerdict judge_title_match(const config::Paper& entry, const config::Profile& profile,
                               const fetchers::TitleMatch& match, std::string_view source_display_name) {
  MatchVerdict v;
  const auto& outcome = match.outcome;
  if (outcome.status != fetchers::FetchStatus::ok) {
    v.why_not = "no match";
    return v;
  }
  const core::Record& r = outcome.record;
  if (folded_title(r.title) != folded_title(entry.title)) {
    v.why_not = "the best match's title differs (\"" + r.title + "\")";
    return v;
  }
  const auto me = researcher_among(r, researcher_of(profile));
  if (!me) {
    v.why_not = "\"" + r.title + "\" matches, but its authors do not include " + profile.name;
    return v;
  }
  const std::string corpus = corpus_id_of(r);
  if (corpus.empty()) {
    v.why_not = "\"" + r.title + "\" matches, but " + std::string(source_display_name) + " gave no corpus id";
    return v;
  }
  const std::string where = where_published(r);
  store::Candidate c;
  c.key = corpus;
  c.title = r.title;
  for (const auto& a : r.authors) c.authors.push_back(a.name);
  c.venue = r.venue;
  c.year = r.published.year;
  c.url = r.url;
  c.found_by = std::string(outcome.record.source);
  c.score = 100;
  c.band = to_string(Band::likely);
  c.reasons.push_back(entry.title + ": " + std::string(source_display_name) +
                      (where.empty() ? " has it" : " has it at " + where) + "; accept to track it");
  c.reasons.push_back("same title as your manual entry (line " + std::to_string(entry.line) + ")");
  c.reasons.push_back("its authors include " + *me);
  v.proposal = std::move(c);
  return v;
}

void run_title_matches(store::Store& store, fetchers::Source& source, const config::Config& cfg,
                       std::vector<ManualEntry> entries, TitleMatchDone done) {
  auto run = std::make_shared<TitleMatchRun>(store, source, cfg, std::move(entries), std::move(done));
  run->next();
}

core::Result<int> track_manual_entry(const std::filesystem::path& config_file, const store::Candidate& candidate) {
  auto corpus = core::parse_corpus_id(candidate.key);
  if (!corpus) return tl::unexpected(corpus.error());
  auto current = read_config_for_edit(config_file);
  if (!current) return tl::unexpected(current.error());
  const std::string wanted = folded_title(candidate.title);
  const config::Paper* entry = nullptr;
  for (const auto& p : current->cfg.papers) {
    if (p.semanticscholar == *corpus) {
      return core::fail(core::ErrorCode::invalid_input,
                        *corpus + " is already tracked at " + config_file.string() + ":" + std::to_string(p.line));
    }
    if (entry == nullptr && p.is_manual() && p.semanticscholar.empty() && folded_title(p.title) == wanted) entry = &p;
  }
  if (entry == nullptr) {
    return core::fail(core::ErrorCode::invalid_input, "no manual entry titled \"" + candidate.title + "\" in " +
                                                          config_file.string() + " (was it renamed or removed?)");
  }
  auto edited = config::insert_key_line(current->text, entry->line, "semanticscholar = " + config::toml_quote(*corpus));
  if (!edited) return tl::unexpected(edited.error());
  if (auto written = write_config_edit(config_file, *edited, "tracking " + *corpus); !written) {
    return tl::unexpected(written.error());
  }
  return entry->line;
}

}  // namespace scholard::discovery
