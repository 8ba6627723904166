// JSON formatting of list / show / history / status. The shapes are a
// contract (docs/json-output.md): add keys freely, never rename or drop one
// without bumping k_json_version.
#include "store/json_writer.hpp"
#include "store/report.hpp"

namespace scholard::store {

namespace {

void time_field(JsonWriter& w, std::string_view key, const std::optional<core::SysTime>& t) {
  w.key(key);
  if (t) w.string(iso_utc(*t));
  else w.null();
}

void fetch_state(JsonWriter& w, const FetchState& s) {
  w.begin_object();
  w.field("outcome", to_string(s.outcome));
  w.field("failures", s.failures);
  w.field("last_error", s.last_error);
  time_field(w, "last_attempt", s.last_attempt);
  time_field(w, "last_success", s.last_success);
  time_field(w, "next_due", s.next_due);
  w.field("has_record", s.has_record);
  time_field(w, "fetched_at", s.fetched_at);
  w.field("raw_hash", s.raw_hash);
  w.field("etag", s.etag);
  w.field("last_modified", s.last_modified);
  w.end_object();
}

void string_array(JsonWriter& w, const std::vector<std::string>& items) {
  w.begin_array();
  for (const auto& s : items) w.string(s);
  w.end_array();
}

void authors(JsonWriter& w, const std::vector<core::Author>& list) {
  w.begin_array();
  for (const auto& a : list) {
    w.begin_object().field("name", a.name).field("given", a.given).field("family", a.family);
    w.field("orcid", a.orcid).field("sequence", a.sequence).key("affiliations");
    string_array(w, a.affiliations);
    w.end_object();
  }
  w.end_array();
}

void record(JsonWriter& w, const core::Record& r) {
  w.begin_object();
  w.field("title", r.title).field("title_raw", r.title_raw).field("summary", r.summary).key("authors");
  authors(w, r.authors);
  w.field("type", r.type).field("venue", r.venue).field("venue_short", r.venue_short);
  w.field("publisher", r.publisher).field("volume", r.volume).field("issue", r.issue).field("pages", r.pages);
  w.field("article_number", r.article_number).field("published", r.published.iso());
  w.field("updated", r.updated.iso()).field("published_print", r.published_print.iso());
  w.field("published_online", r.published_online.iso()).field("doi", r.doi).field("url", r.url);
  w.field("arxiv_id", r.arxiv_id).key("arxiv_version");
  if (r.arxiv_version > 0) w.number(r.arxiv_version);
  else w.null();
  w.field("journal_ref", r.journal_ref).field("comment", r.comment);
  w.field("primary_category", r.primary_category).key("categories");
  string_array(w, r.categories);
  w.key("relations").begin_array();
  for (const auto& x : r.relations) w.begin_object().field("type", x.type).field("id_type", x.id_type).field("id", x.id).end_object();
  w.end_array().key("updates").begin_array();
  for (const auto& u : r.updates) {
    w.begin_object().field("type", u.type).field("doi", u.doi).field("label", u.label);
    w.field("date", u.date.iso()).end_object();
  }
  w.end_array().end_object();
}

// {"<source>": X, ...} over sources_shown (every labelled source, then any
// other of `items`), each `each(item)` or null.
template <typename T, typename F>
void by_source(JsonWriter& w, const std::vector<T>& items, const SourceLabels& labels, F&& each) {
  std::vector<std::string> stored;
  stored.reserve(items.size());
  for (const auto& item : items) stored.push_back(item.source);
  w.begin_object();
  for (const auto& source : sources_shown(labels, std::move(stored))) {
    w.key(source);
    const T* found = nullptr;
    for (const auto& item : items) {
      if (item.source == source) found = &item;
    }
    if (found) each(*found);
    else w.null();
  }
  w.end_object();
}

std::string finish(JsonWriter& w) { return w.str() + "\n"; }

}  // namespace

std::string list_json(const std::vector<PaperSummary>& papers, const SourceLabels& labels) {
  JsonWriter w;
  w.begin_object().field("version", k_json_version).key("papers").begin_array();
  for (const auto& p : papers) {
    w.begin_object().field("key", p.key).field("arxiv", p.arxiv_id).field("doi", p.doi);
    w.field("title", p.title).field("venue", p.venue).key("year");
    if (p.year > 0) w.number(p.year);
    else w.null();
    w.field("position", p.position).field("removed", p.removed).key("sources");
    by_source(w, p.sources, labels, [&](const SourceState& s) { fetch_state(w, s.state); });
    w.end_object();
  }
  w.end_array().end_object();
  return finish(w);
}

std::string show_json(const PaperDetail& p, const SourceLabels& labels) {
  JsonWriter w;
  w.begin_object().field("version", k_json_version).field("key", p.key).field("arxiv", p.arxiv_id);
  w.field("doi", p.doi).field("config_title", p.config_title).field("position", p.position);
  time_field(w, "added_at", p.added_at);
  time_field(w, "removed_at", p.removed_at);
  w.key("sources");
  by_source(w, p.records, labels, [&](const StoredRecord& r) {
    w.begin_object().key("fetch");
    fetch_state(w, r.state);
    w.key("record");
    if (r.record) record(w, *r.record);
    else w.null();
    w.end_object();
  });
  w.end_object();
  return finish(w);
}

std::string history_json(const std::vector<HistoryEntry>& entries, const SourceLabels& labels) {
  JsonWriter w;
  w.begin_object().field("version", k_json_version).key("history").begin_array();
  for (const auto& e : entries) {
    w.begin_object().field("id", e.id).field("paper", e.paper_key).field("source", e.source);
    w.field("at", iso_utc(e.at)).field("kind", to_string(e.kind)).field("field", e.field);
    w.key("old").string(e.old_value).key("new").string(e.new_value);
    w.field("text", describe_change(e, labels)).end_object();
  }
  w.end_array().end_object();
  return finish(w);
}

std::string status_json(const StatusReport& s, const SourceLabels& labels) {
  JsonWriter w;
  w.begin_object().field("version", k_json_version).key("runs").begin_array();
  for (const auto& r : s.runs) {
    w.begin_object().field("id", r.id);
    time_field(w, "started_at", r.started_at);
    time_field(w, "ended_at", r.ended_at);
    w.field("command", r.command).key("requests").begin_object();
    std::vector<std::string> counted;
    for (const auto& [source, n] : r.summary.requests) counted.push_back(source);
    for (const auto& source : sources_shown(labels, std::move(counted))) {
      const auto it = r.summary.requests.find(source);
      w.field(source, it == r.summary.requests.end() ? 0 : it->second);
    }
    w.end_object();
    w.field("not_modified", r.summary.not_modified).field("papers_changed", r.summary.papers_changed);
    w.field("outputs_written", r.summary.outputs_written);
    w.field("outcome", to_string(r.summary.outcome));
    w.field("message", r.summary.message).end_object();
  }
  w.end_array().key("due").begin_array();
  for (const auto& d : s.due) {
    w.begin_object().field("paper", d.paper_key).field("source", d.source);
    time_field(w, "next_due", d.next_due);
    w.field("failures", d.failures).end_object();
  }
  w.end_array().field("due_total", static_cast<std::int64_t>(s.due_total));
  w.key("failing").begin_array();
  for (const auto& f : s.failing) {
    w.begin_object().field("paper", f.paper_key).field("source", f.source);
    w.field("failures", f.failures).field("outcome", to_string(f.outcome)).field("last_error", f.last_error);
    time_field(w, "last_attempt", f.last_attempt);
    w.end_object();
  }
  w.end_array().key("kept_text").begin_array();
  for (const auto& k : s.kept_text) {
    w.begin_object().field("paper", k.paper_key).field("source", k.source).field("field", k.field);
    w.field("source_value", k.source_value).field("kept", k.kept);
    time_field(w, "at", k.at);
    w.field("text", k.text).end_object();
  }
  w.end_array().key("store_failure");
  if (s.store_failure.empty()) {
    w.null();
  } else {
    w.begin_object().field("message", s.store_failure);
    time_field(w, "at", s.store_failure_at);
    w.end_object();
  }
  w.end_object();
  return finish(w);
}

}  // namespace scholard::store
