// `scholard pending [--json]`, `accept ID`, `reject ID`: the review queue of
// discovery (src/discovery/discovery.hpp). `pending` lists the candidates not
// listed in the config, best first, with their score and why; `accept`
// appends the paper to the config (comments kept, re-parsed, written
// atomically) and the next pass renders it; `reject` remembers the decision
// so the paper is never proposed again.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/config_loader.hpp"
#include "cli/store_access.hpp"
#include "cli/style.hpp"
#include "core/identifier.hpp"
#include "core/text.hpp"
#include "fetchers/registry.hpp"
#include "discovery/discovery.hpp"
#include "discovery/title_match.hpp"
#include "store/json_writer.hpp"
#include "store/report.hpp"

namespace scholard::cli {
namespace {

struct DiscoverArgs {
  bool json = false;
  std::string id;
};

bool listed_in(const config::Config& cfg, const store::Candidate& c) {
  for (const auto& p : cfg.papers) {
    if (p.arxiv && c.has_id(p.arxiv->id)) return true;
    if (p.doi && c.has_id(p.doi->value)) return true;
    if (!p.semanticscholar.empty() && c.key == p.semanticscholar) return true;
  }
  return false;
}

std::string pending_json(const std::vector<store::Candidate>& list) {
  store::JsonWriter w;
  w.begin_object().field("version", store::k_json_version).key("candidates").begin_array();
  for (const auto& c : list) {
    w.begin_object().field("id", c.key).field("arxiv_id", c.arxiv_id).field("doi", c.doi).field("title", c.title);
    w.key("authors").begin_array();
    for (const auto& a : c.authors) w.string(a);
    w.end_array().field("venue", c.venue).key("year");
    if (c.year > 0) w.number(c.year);
    else w.null();
    w.field("url", c.url).field("found_by", c.found_by).field("score", c.score).field("band", c.band);
    w.key("reasons").begin_array();
    for (const auto& r : c.reasons) w.string(r);
    w.end_array().field("first_seen", store::iso_utc(c.first_seen)).end_object();
  }
  w.end_array().end_object();
  return w.str() + "\n";
}

std::string authors_line(const std::vector<std::string>& authors) {
  if (authors.size() <= 8) return core::join(authors, ", ");
  std::vector<std::string> first(authors.begin(), authors.begin() + 6);
  return core::join(first, ", ") + ", ... (" + std::to_string(authors.size()) + " authors)";
}

std::string pending_text(const std::vector<store::Candidate>& list) {
  if (list.empty()) return "no papers waiting for review\n";
  std::string out = std::to_string(list.size()) + (list.size() == 1 ? " paper" : " papers") +
                    " found and not listed, best first (`scholard accept ID` lists one, "
                    "`scholard reject ID` never shows it again):\n";
  int n = 0;
  for (const auto& c : list) {
    char head[160];
    std::snprintf(head, sizeof head, "\n%2d. %s  %s, score %d", ++n, c.key.c_str(), c.band.c_str(), c.score);
    out += head;
    std::string where;
    for (const auto& name : core::split(c.found_by, '+')) {
      where += (where.empty() ? "" : " + ") + fetchers::display_name(name);
    }
    if (c.year > 0) where += ", " + std::to_string(c.year);
    out += "  (" + where + ")\n    " + c.title + "\n    " + authors_line(c.authors) + "\n";
    if (!c.venue.empty()) out += "    " + c.venue + "\n";
    out += "    why: " + core::join(c.reasons, "; ") + "\n";
  }
  return out;
}

int run_pending(const Context& ctx, const DiscoverArgs& a) {
  auto cfg = load_config_or_report(ctx);
  if (!cfg) return k_exit_usage;
  core::SystemClock clock;
  auto st = open_store_or_report(ctx, *cfg, StoreUse::read, clock, "pending");
  if (!st) return k_exit_fatal;
  auto all = st->candidates(store::CandidateState::pending);
  if (!all) {
    print_error(all.error().message);
    return k_exit_fatal;
  }
  std::vector<store::Candidate> shown;
  for (auto& c : *all) {
    if (!listed_in(*cfg, c)) shown.push_back(std::move(c));  // listed by hand since it was found
  }
  if (a.json) {
    std::fputs(pending_json(shown).c_str(), stdout);
    return k_exit_ok;
  }
  std::fputs(pending_text(shown).c_str(), stdout);
  // Title-match proposals come without [discover]; the hint is for an empty list.
  if (!cfg->discover.enabled && shown.empty()) {
    std::fputs("(discovery is off: add a [discover] table to the config)\n", stdout);
  }
  return k_exit_ok;
}

// A candidate's id as typed: an arXiv id or a DOI (`paper` set), or a
// Semantic Scholar corpus id (a title-match proposal for a manual entry).
struct CandidateId {
  std::string key;
  std::optional<core::Identifier> paper;
};

// The canonical key of a typed id, or nullopt after saying why it is invalid.
std::optional<CandidateId> parse_id_or_report(const std::string& text) {
  if (auto corpus = core::parse_corpus_id(text)) return CandidateId{*corpus, std::nullopt};
  auto id = core::parse_identifier(text);
  if (!id) {
    std::fprintf(stderr, "scholard: invalid id \"%s\": %s (or a Semantic Scholar CorpusId:<digits>)\n", text.c_str(),
                 id.error().message.c_str());
    return std::nullopt;
  }
  return CandidateId{id->key(), *id};
}

// Lists an accepted candidate: a paper is written into the config where it belongs; a corpus
// id is written into the manual entry it was matched to. The line written.
core::Result<int> list_accepted(const config::Config& cfg, const store::Candidate& c, core::SysTime now,
                                store::Store& st) {
  if (core::parse_corpus_id(c.key)) return discovery::track_manual_entry(cfg.file, c);
  // Placed among the listed papers by year (discovery/placement.hpp).
  auto stored = st.list_papers();
  return discovery::append_candidate_to_config(cfg.file, c, now, stored ? *stored : std::vector<store::PaperSummary>{});
}

enum class Decision { accept, reject };

int run_decide(const Context& ctx, const DiscoverArgs& a, Decision decision) {
  auto id = parse_id_or_report(a.id);
  if (!id) return k_exit_usage;
  auto cfg = load_config_or_report(ctx);
  if (!cfg) return k_exit_usage;
  core::SystemClock clock;
  const char* command = decision == Decision::accept ? "accept" : "reject";
  auto st = open_store_or_report(ctx, *cfg, StoreUse::write, clock, command);
  if (!st) return k_exit_fatal;
  auto found = st->find_candidate(id->key);
  if (!found) {
    print_error(found.error().message);
    return k_exit_fatal;
  }
  if (decision == Decision::reject) {
    store::Candidate c = found->value_or(store::Candidate{});
    if (!*found) {
      c.key = id->key;
      if (id->paper) (id->paper->kind == core::IdKind::arxiv ? c.arxiv_id : c.doi) = id->key;
    }
    if (auto ok = st->decide_candidate(c, store::CandidateState::rejected); !ok) {
      print_error(ok.error().message);
      return k_exit_fatal;
    }
    if (*found) std::printf("rejected %s \"%s\": it will not be proposed again\n", c.key.c_str(), c.title.c_str());
    else std::printf("%s was not proposed; it never will be\n", c.key.c_str());
    return k_exit_ok;
  }
  if (!*found && !id->paper) {
    std::fprintf(stderr, "scholard: %s is not a proposed title match (see `scholard pending`)\n", id->key.c_str());
    return k_exit_usage;
  }
  if (!*found) {
    std::fprintf(stderr, "scholard: %s is not a discovery candidate (see `scholard pending`); `scholard add %s` lists any paper\n",
                 id->key.c_str(), id->key.c_str());
    return k_exit_usage;
  }
  const store::Candidate& c = **found;
  auto line = list_accepted(*cfg, c, clock.now(), *st);
  if (!line) {
    print_error(line.error().message);
    return line.error().code == core::ErrorCode::invalid_input ? k_exit_usage : k_exit_fatal;
  }
  if (auto ok = st->decide_candidate(c, store::CandidateState::accepted); !ok) {
    print_error(ok.error().message);
    return k_exit_fatal;
  }
  if (!id->paper) {
    std::printf("accepted %s \"%s\": your manual entry at %s:%d is tracked by Semantic Scholar from the next "
                "`scholard sync`; its venue and year fill what the entry leaves out (the entry's own fields win)\n",
                c.key.c_str(), c.title.c_str(), cfg->file.c_str(), *line);
    return k_exit_ok;
  }
  std::printf("accepted %s \"%s\": added to %s:%d; the next `scholard sync` renders it\n", c.key.c_str(),
              c.title.c_str(), cfg->file.c_str(), *line);
  return k_exit_ok;
}

}  // namespace

void add_pending_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<DiscoverArgs>();
  auto* sub = app.add_subcommand("pending", "discovered papers not yet listed, best first, with why");
  sub->add_flag("--json", a->json, "stable JSON (docs/json-output.md)");
  ctx.on_run(sub, [&ctx, a] { return run_pending(ctx, *a); });
}

void add_accept_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<DiscoverArgs>();
  auto* sub = app.add_subcommand("accept", "list a discovered paper (appended to the config, comments kept), or track a manual entry a title match proposed");
  sub->add_option("ID", a->id, "the candidate's id as `scholard pending` shows it (an arXiv id, a DOI or CorpusId:<digits>)")->required();
  ctx.on_run(sub, [&ctx, a] { return run_decide(ctx, *a, Decision::accept); });
}

void add_reject_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<DiscoverArgs>();
  auto* sub = app.add_subcommand("reject", "never propose this discovered paper again");
  sub->add_option("ID", a->id, "the candidate's arXiv id, DOI or CorpusId:<digits>")->required();
  ctx.on_run(sub, [&ctx, a] { return run_decide(ctx, *a, Decision::reject); });
}

}  // namespace scholard::cli
