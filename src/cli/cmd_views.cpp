// Read-only views of the store: `list`, `show`, `history`, `status`.
// They open the store read-only, so they never wait for a running sync.
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

// GCC 12 reports a null dereference inside CLI11's string split once a
// positional std::vector<std::string> option inlines it: a false positive in
// the library's header, silenced for that header only (as net/asio.hpp does).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop

#include "cli/commands.hpp"
#include "cli/config_loader.hpp"
#include "cli/store_access.hpp"
#include "cli/style.hpp"
#include "daemon/deferral.hpp"
#include "daemon/inputs.hpp"
#include "daemon/kept_text.hpp"
#include "daemon/outputs.hpp"
#include "daemon/plan.hpp"
#include "daemon/sources.hpp"
#include "render/merge.hpp"
#include "store/json_writer.hpp"
#include "store/report.hpp"

namespace scholard::cli {
namespace {

// How the views name the registry's sources ("arXiv"), in its order.
const store::SourceLabels& labels() {
  static const store::SourceLabels l = [] {
    store::SourceLabels out;
    for (const auto& s : daemon::registry_source_list()) out.push_back({s.name, s.display_name});
    return out;
  }();
  return l;
}

struct ViewArgs {
  bool json = false;
  std::string id;
};

struct ShowArgs {
  std::vector<std::string> ids;
  bool json = false;
};

// Runs `body` with the config and a read-only store; handles their errors.
template <typename Body>
int with_store(const Context& ctx, const config::Config& cfg, const char* command, Body body) {
  core::SystemClock clock;
  auto store = open_store_or_report(ctx, cfg, StoreUse::read, clock, command);
  if (!store) return k_exit_fatal;
  return body(cfg, *store, clock);
}

// Before the first sync there is no store to read. `list`, `status` and
// `history` then answer from an empty store in memory (never saved): in
// text, one "nothing synced yet" line; in JSON, the same document as for a
// store holding nothing fetched yet. With `listed`, that store holds the
// config's papers, each never fetched (list: sources null; status: due now).
enum class Unsynced { empty, listed };

template <typename Body>
int with_store_or_unsynced(const Context& ctx, const char* command, Unsynced contents, Body body) {
  auto cfg = load_config_or_report(ctx);
  if (!cfg) return k_exit_usage;
  core::SystemClock clock;
  if (!nothing_synced_yet(*cfg)) {
    auto store = open_store_or_report(ctx, *cfg, StoreUse::read, clock, command);
    if (!store) return k_exit_fatal;
    return body(*cfg, *store, clock, true);
  }
  auto memory = store::Store::open(":memory:", clock);
  if (memory && contents == Unsynced::listed) {
    if (auto ok = memory->reconcile_papers(daemon::store_papers(*cfg)); !ok) memory = tl::unexpected(ok.error());
  }
  if (!memory) {
    print_error(memory.error().message);
    return k_exit_fatal;
  }
  return body(*cfg, *memory, clock, false);
}

// The text views' answer before the first sync.
int say_nothing_synced(const config::Config& cfg) {
  const std::size_t n = cfg.papers.size();
  std::printf("nothing synced yet: %zu %s listed in %s, none fetched; `scholard sync` fetches %s (store: %s)\n", n,
              n == 1 ? "paper" : "papers", cfg.file.c_str(), n == 1 ? "it" : "them", effective_store_path(cfg).c_str());
  return k_exit_ok;
}

int report_error(const core::Error& e) {
  print_error(e.message);
  return e.code == core::ErrorCode::not_found || e.code == core::ErrorCode::invalid_input ? k_exit_usage : k_exit_fatal;
}

// The canonical key for an id typed by the user, or the text itself.
std::string canonical(const std::string& text) {
  auto id = core::parse_identifier(text);
  return id ? id->key() : text;
}

// "title   <- Crossref" lines: the merged record and where each field came from.
std::string merged_text(const render::MergedPaper& p) {
  std::string s = "merged (what the outputs show):\n";
  auto value_of = [&p](std::string_view field) -> std::string {
    if (field == "title") return p.title;
    if (field == "authors") {
      std::string a;
      for (const auto& au : p.authors) a += (a.empty() ? "" : ", ") + std::string(au.name) + (au.highlighted ? " (you)" : "");
      return a;
    }
    if (field == "venue") return p.venue;
    if (field == "year") return p.year ? std::to_string(p.year) : std::string();
    if (field == "volume") return p.volume;
    if (field == "issue") return p.issue;
    if (field == "pages") return p.pages;
    if (field == "url") return p.url;
    if (field == "doi") return p.doi;
    return {};
  };
  for (const auto& [field, source] : render::field_sources(p.sources)) {
    const std::string v = value_of(field);
    if (v.empty()) continue;
    char head[32];
    std::snprintf(head, sizeof head, "  %-8s", std::string(field).c_str());
    s += head + v + "  [" + (source.empty() ? std::string("none") : std::string(source)) + "]\n";
  }
  return s;
}

int run_show(const Context& ctx, const std::vector<std::string>& ids, bool json) {
  auto loaded = load_config_or_report(ctx);
  if (!loaded) return k_exit_usage;
  if (nothing_synced_yet(*loaded)) {
    // Like an id not in the store (exit 2), with the reason.
    std::fprintf(stderr, "scholard: nothing synced yet: %s has no record before the first `scholard sync` (store: %s)\n",
                 ids.front().c_str(), effective_store_path(*loaded).c_str());
    return k_exit_usage;
  }
  return with_store(ctx, *loaded, "show", [&](const config::Config& cfg, store::Store& st, const core::Clock&) {
    // Every id is looked up before anything is printed: one unknown id prints
    // nothing but the errors, so a script never reads a partial answer.
    std::vector<store::PaperDetail> details;
    bool missing = false;
    for (const auto& id : ids) {
      auto detail = st.show_paper(canonical(id));
      if (!detail) return report_error(detail.error());
      if (!*detail) {
        std::fprintf(stderr, "scholard: %s is not in the store (is it listed in %s and synced?)\n", id.c_str(),
                     cfg.file.c_str());
        missing = true;
        continue;
      }
      details.push_back(std::move(**detail));
    }
    if (missing) return static_cast<int>(k_exit_usage);
    if (json) {
      // One document per line (JSON Lines), in the order asked.
      for (const auto& d : details) std::fputs(store::show_json(d, labels()).c_str(), stdout);
      return static_cast<int>(k_exit_ok);
    }
    auto all = st.all_papers();
    std::vector<render::MergedPaper> merged;
    if (all) merged = daemon::merged_papers(cfg, *all);
    for (std::size_t i = 0; i < details.size(); ++i) {
      const auto& d = details[i];
      if (i > 0) std::fputs("\n", stdout);
      std::fputs(store::show_text(d, labels()).c_str(), stdout);
      for (const auto& m : merged) {
        if (m.key == d.key) std::fputs(("\n" + merged_text(m)).c_str(), stdout);
      }
    }
    return static_cast<int>(k_exit_ok);
  });
}

// The list's notes (daemon::PaperNotes) as `status` shows them; "" when none.
std::string notes_text(const daemon::PaperNotes& notes) {
  std::string out;
  if (!notes.waiting.empty()) {
    out += "Not on the page yet (left out of every output):\n";
    for (const auto& w : notes.waiting) out += "  " + w.key + ": " + w.reason + "\n";
  }
  daemon::PaperNotes doubtful = notes;
  doubtful.waiting.clear();
  const auto lines = doubtful.lines();
  if (!lines.empty()) out += "To check:\n";
  for (const auto& line : lines) out += "  " + line + "\n";
  return out;
}

// `json` (an object) with the members of `object` ("{...}") added before its
// closing brace: how `status --json` gains what the CLI, not the store, knows.
std::string with_members(std::string json, const std::string& object) {
  const auto close = json.rfind('}');
  if (close == std::string::npos || object.size() < 2) return json;
  json.insert(close, "," + object.substr(1, object.size() - 2));
  return json;
}

// `status --json` with the notes' three arrays added before its closing
// brace (docs/json-output.md): "waiting", "foreign_authors", "duplicates".
std::string with_notes_json(std::string json, const daemon::PaperNotes& notes) {
  store::JsonWriter w;
  w.begin_object().key("waiting").begin_array();
  for (const auto& p : notes.waiting) w.begin_object().field("paper", p.key).field("reason", p.reason).end_object();
  w.end_array().key("foreign_authors").begin_array();
  for (const auto& f : notes.foreign) {
    w.begin_object().field("paper", f.key).key("authors").begin_array();
    for (const auto& a : f.authors) w.string(a);
    w.end_array().field("author_count", static_cast<std::int64_t>(f.author_count)).end_object();
  }
  w.end_array().key("duplicates").begin_array();
  for (const auto& d : notes.duplicates) {
    w.begin_object().field("paper", d.key).field("same_as", d.kept_key).field("why", d.why).end_object();
  }
  w.end_array().end_object();
  return with_members(std::move(json), w.str());
}

// Sources deferred by their circuit breaker (daemon/deferral.hpp), in the
// registry's order.
struct Deferred {
  std::string source;
  std::string display_name;
  daemon::SourceDeferral deferral;
};

std::vector<Deferred> deferred_sources(store::Store& st, core::SysTime now) {
  std::vector<Deferred> out;
  for (const auto& s : daemon::registry_source_list()) {
    auto d = daemon::load_deferral(st, s.name);
    if (daemon::is_deferred(d, now)) out.push_back({s.name, s.display_name, std::move(*d)});
  }
  return out;
}

std::string deferred_text(const std::vector<Deferred>& deferred) {
  std::string out;
  if (!deferred.empty()) out += "Deferred (refused to serve; what the store holds from them is used):\n";
  for (const auto& d : deferred) {
    out += "  " + d.display_name + ": not asked before " + store::iso_utc(d.deferral.until) + " (" +
           std::to_string(d.deferral.refusals) + (d.deferral.refusals == 1 ? " refusal" : " refusals in a row") +
           "): " + d.deferral.reason + "\n";
  }
  return out;
}

// `status --json` with "deferred" added: [{"source", "until", "refusals", "reason"}].
std::string with_deferred_json(std::string json, const std::vector<Deferred>& deferred) {
  store::JsonWriter w;
  w.begin_object().key("deferred").begin_array();
  for (const auto& d : deferred) {
    w.begin_object().field("source", d.source).field("until", store::iso_utc(d.deferral.until));
    w.field("refusals", static_cast<std::int64_t>(d.deferral.refusals)).field("reason", d.deferral.reason).end_object();
  }
  w.end_array().end_object();
  return with_members(std::move(json), w.str());
}

// The source changes the config's overrides keep off the page, from the
// history (daemon/kept_text.hpp). Best effort: a store error leaves it empty.
std::vector<store::KeptText> kept_text(const config::Config& cfg, store::Store& st) {
  store::HistoryQuery q;
  q.limit = 5000;  // changes, newest first: far more than a list's overridden fields change in years
  auto history = st.history(q);
  if (!history) return {};
  std::map<std::pair<std::string, std::string>, std::optional<core::Record>> records;
  return daemon::kept_text_from_history(cfg, *history, [&](const std::string& key, const std::string& source) {
    auto [it, fresh] = records.try_emplace({key, source});
    if (fresh) {
      auto r = st.record(key, source);
      if (r && *r) it->second = std::move(**r);
    }
    return it->second ? &*it->second : nullptr;
  });
}

// What is due next, by the rule a sync pass plans with (daemon/plan.hpp):
// the first few into `status.due`, how many there are in all into `due_total`.
core::Result<void> next_due(const config::Config& cfg, store::Store& st, store::StatusReport& status) {
  constexpr std::size_t k_shown = 10;
  auto states = st.fetch_overview();
  if (!states) return tl::unexpected(states.error());
  const auto sources = daemon::planning_sources(cfg);
  const auto schedule = daemon::schedule_of(cfg, daemon::paper_keys(cfg), daemon::source_pointers(sources), *states);
  status.due = daemon::next_fetches(schedule, k_shown);
  status.due_total = schedule.size();
  return {};
}

// The list as the page shows it: each paper's title, venue and year from
// the merged record (the config's overrides first, a manual entry's own
// fields), in the config's order; papers no longer listed after them, as
// the store keeps them.
std::vector<store::PaperSummary> as_on_the_page(const config::Config& cfg, store::Store& st,
                                                std::vector<store::PaperSummary> papers) {
  auto all = st.all_papers();
  if (!all) return papers;  // the store's own summary is still the best there is
  std::map<std::string, std::size_t, std::less<>> order;
  for (const auto& m : daemon::merged_papers(cfg, *all)) {
    order.emplace(m.key, order.size());
    for (auto& p : papers) {
      if (p.key != m.key) continue;
      if (!m.title.empty()) p.title = m.title;
      if (!m.venue.empty()) p.venue = m.venue;
      if (m.year != 0) p.year = m.year;
    }
  }
  std::stable_sort(papers.begin(), papers.end(), [&order](const auto& a, const auto& b) {
    const auto ia = order.find(a.key);
    const auto ib = order.find(b.key);
    const std::size_t pa = ia == order.end() ? order.size() : ia->second;
    const std::size_t pb = ib == order.end() ? order.size() : ib->second;
    return pa < pb;
  });
  return papers;
}

}  // namespace

void add_list_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<ViewArgs>();
  auto* sub = app.add_subcommand("list", "every paper: ids, title, venue, year, last fetch, last error");
  sub->add_flag("--json", a->json, "stable JSON (docs/json-output.md)");
  ctx.on_run(sub, [&ctx, a] {
    return with_store_or_unsynced(ctx, "list", Unsynced::listed,
                                  [&](const config::Config& cfg, store::Store& st, const core::Clock&, bool synced) {
      if (!synced && !a->json) return say_nothing_synced(cfg);
      auto listed = st.list_papers();
      if (!listed) return report_error(listed.error());
      const auto papers = as_on_the_page(cfg, st, std::move(*listed));
      const auto text = a->json ? store::list_json(papers, labels()) : store::list_text(papers, labels());
      std::fputs(text.c_str(), stdout);
      return static_cast<int>(k_exit_ok);
    });
  });
}

void add_show_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<ShowArgs>();
  auto* sub = app.add_subcommand("show", "the merged record and which source gave each field");
  sub->add_option("ID", a->ids, "arXiv ids or DOIs (one or more)")->required();
  sub->add_flag("--json", a->json, "stable JSON, one document per ID and line (docs/json-output.md)");
  ctx.on_run(sub, [&ctx, a] { return run_show(ctx, a->ids, a->json); });
}

void add_history_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<ViewArgs>();
  auto* sub = app.add_subcommand("history", "what changed, when (title, venue, version, DOI ...)");
  sub->add_option("ID", a->id, "only this paper (arXiv id or DOI)");
  sub->add_flag("--json", a->json, "stable JSON (docs/json-output.md)");
  ctx.on_run(sub, [&ctx, a] {
    return with_store_or_unsynced(ctx, "history", Unsynced::empty,
                                  [&](const config::Config& cfg, store::Store& st, const core::Clock&, bool synced) {
      if (!synced && !a->json) return say_nothing_synced(cfg);
      if (!synced) {
        std::fputs(store::history_json({}, labels()).c_str(), stdout);
        return static_cast<int>(k_exit_ok);
      }
      store::HistoryQuery q;
      if (!a->id.empty()) q.paper = canonical(a->id);
      auto entries = st.history(q);
      if (!entries) return report_error(entries.error());
      const auto text = a->json ? store::history_json(*entries, labels()) : store::history_text(*entries, labels());
      std::fputs(text.c_str(), stdout);
      return static_cast<int>(k_exit_ok);
    });
  });
}

void add_status_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<ViewArgs>();
  auto* sub = app.add_subcommand("status", "last runs, what is due next, failing papers");
  sub->add_flag("--json", a->json, "stable JSON (docs/json-output.md)");
  ctx.on_run(sub, [&ctx, a] {
    return with_store_or_unsynced(
        ctx, "status", Unsynced::listed,
        [&](const config::Config& cfg, store::Store& st, const core::Clock& clock, bool synced) {
      if (!synced && !a->json) return say_nothing_synced(cfg);
      auto status = st.status();
      if (!status) return report_error(status.error());
      if (auto due = next_due(cfg, st, *status); !due) return report_error(due.error());
      status->kept_text = kept_text(cfg, st);
      auto all = st.all_papers();
      if (!all) return report_error(all.error());
      const auto notes = daemon::published_papers(cfg, *all).notes;
      const auto deferred = deferred_sources(st, clock.now());
      std::fputs((a->json ? with_deferred_json(with_notes_json(store::status_json(*status, labels()), notes), deferred)
                          : store::status_text(*status, clock.now(), labels()) + deferred_text(deferred) +
                                notes_text(notes))
                     .c_str(),
                 stdout);
      return static_cast<int>(k_exit_ok);
    });
  });
}

}  // namespace scholard::cli
