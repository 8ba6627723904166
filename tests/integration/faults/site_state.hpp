// What a SeedSite looks like from the outside, for the reliability suites
// (faults, crash, security): the output files (bytes + mtime) and the store's
// view of every paper as `scholard show KEY --json` prints it, split per
// source into the kept record and the fetch state (times left out, since a
// forced pass moves them even when nothing else changes).
//
// Header-only so the three integration binaries share it without a library.
#pragma once

#include <sys/stat.h>

#include <map>
#include <string>
#include <vector>

#include <simdjson.h>

#include "support/seed_site.hpp"

namespace scholard::testing {

struct OutputSnapshot {
  std::map<std::string, std::string> bytes;      // path -> content
  std::map<std::string, long long> mtime_ns;     // path -> st_mtim in ns
};

inline OutputSnapshot snapshot_outputs(const SeedSite& site) {
  OutputSnapshot s;
  for (const auto& f : site.output_files()) {
    struct stat st {};
    if (::stat(f.c_str(), &st) != 0) continue;
    s.bytes[f.string()] = slurp_file(f);
    s.mtime_ns[f.string()] = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  }
  return s;
}

// One paper from one source: the record (minified JSON, "null" when none) and
// the fetch state without its time fields.
struct SourceState {
  std::string record;
  std::string fetch;
  friend bool operator==(const SourceState&, const SourceState&) = default;
};

// paper key -> source name ("arxiv" / "crossref") -> state. A source the paper
// was never fetched from is absent.
using StoreView = std::map<std::string, std::map<std::string, SourceState>>;

inline bool is_time_field(std::string_view key) {
  return key == "last_attempt" || key == "last_success" || key == "next_due" || key == "fetched_at";
}

inline std::string fetch_without_times(simdjson::dom::element fetch) {
  simdjson::dom::object obj;
  if (fetch.get_object().get(obj) != simdjson::SUCCESS) return simdjson::minify(fetch);
  std::string out;
  for (auto field : obj) {
    if (is_time_field(field.key)) continue;
    out += std::string(field.key) + "=" + simdjson::minify(field.value) + ";";
  }
  return out;
}

// Parses one `show --json` document into `view[key]`. Returns "" or what went wrong.
inline std::string add_show_json(const std::string& key, const std::string& json, StoreView& view) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json).get(doc) != simdjson::SUCCESS) return "show " + key + ": not JSON: " + json;
  std::string_view shown_key;
  if (doc["key"].get_string().get(shown_key) != simdjson::SUCCESS || shown_key != key) {
    return "show " + key + ": the document is for another key: " + json;
  }
  simdjson::dom::object sources;
  if (doc["sources"].get_object().get(sources) != simdjson::SUCCESS) return "show " + key + ": no sources";
  auto& paper = view[key];
  for (auto field : sources) {
    if (field.value.is_null()) continue;
    SourceState s;
    simdjson::dom::element record, fetch;
    s.record = field.value["record"].get(record) == simdjson::SUCCESS ? simdjson::minify(record) : "missing";
    s.fetch = field.value["fetch"].get(fetch) == simdjson::SUCCESS ? fetch_without_times(fetch) : "missing";
    paper[std::string(field.key)] = std::move(s);
  }
  return "";
}

// Every listed paper's state, through `scholard list --json` and one
// `show KEY... --json` (one document per line, in the order asked).
// Returns "" or what went wrong.
inline std::string read_store_view(const SeedSite& site, StoreView& view) {
  auto list = site.scholard({"list", "--json"});
  if (list.exit_code != 0) return "list --json failed: " + list.err;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(list.out).get(doc) != simdjson::SUCCESS) return "list --json: not JSON: " + list.out;
  simdjson::dom::array papers;
  if (doc["papers"].get_array().get(papers) != simdjson::SUCCESS) return "list --json: no papers";
  std::vector<std::string> args{"show"};
  for (auto p : papers) {
    std::string_view key;
    if (p["key"].get_string().get(key) == simdjson::SUCCESS) args.emplace_back(key);
  }
  if (args.size() == 1) return "";
  const std::vector<std::string> keys(args.begin() + 1, args.end());
  args.emplace_back("--json");
  auto show = site.scholard(args);
  if (show.exit_code != 0) return "show --json failed: " + show.err;
  std::size_t start = 0;
  for (const auto& key : keys) {
    const auto end = show.out.find('\n', start);
    if (end == std::string::npos) return "show --json: no line for " + key + " in: " + show.out;
    if (auto e = add_show_json(key, show.out.substr(start, end - start), view); !e.empty()) return e;
    start = end + 1;
  }
  if (start != show.out.size()) return "show --json: more lines than keys: " + show.out.substr(start);
  return "";
}

}  // namespace scholard::testing
