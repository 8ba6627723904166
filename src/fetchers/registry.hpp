// The built-in metadata sources, in one table (after ccache's storage
// backends): for each, its name, the name shown to people, its kind, the net
// policy its requests go under, and how to build it. Nothing else in the
// program lists the sources: the engine, the store and the renderers take
// whatever this table holds, keyed by name.
//
// The table's order is the sources' order wherever one is needed (the
// engine fetches in it, records are handed to the merge in it).
//
// Adding a source: its fetcher and parser files, a `Source` implementation
// (source.hpp), one row here, its config keys, its place in the field ranking
// (render/ranking.cpp) and docs/sources.md: ARCHITECTURE.md, "Adding a source".
#pragma once

#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/record.hpp"
#include "fetchers/source.hpp"
#include "net/http_client.hpp"
#include "net/options.hpp"

namespace scholard::fetchers {

// What a source is made with: its config table's settings and the profile's
// contact (daemon/sources.hpp builds it from config::SourceSettings);
// 0 / "" = the source's default.
struct SourceOptions {
  std::string base_url;                        // the API's address
  std::string contact;                         // the profile's contact (Crossref's mailto)
  std::chrono::milliseconds min_interval{0};   // between requests (arXiv: 3 s)
  int concurrency = 0;                         // requests in flight (Crossref: 3)
  int batch_size = 0;                          // ids per request (arXiv: 100, Crossref: 50)
  std::string api_key;                         // sent by sources that take one (Semantic Scholar); "" = none
};

struct SourceEntry {
  std::string_view name;          // core::is_source_name; Record::source, store, config, JSON
  std::string_view display_name;  // for people: logs, `status`, `show`
  core::SourceKind kind;
  // The policy the HttpClient applies to requests whose Request::source is `name`.
  net::HostPolicy (*policy)(const SourceOptions&);
  // A source fetching through `client`, which must outlive it and its fetches.
  std::unique_ptr<Source> (*make)(net::HttpClient& client, const SourceOptions&);
  // A second route of the source with limits of its own (Crossref's lists):
  // the Request::source its requests carry and their policy; none when empty.
  std::string_view route_key = {};
  net::HostPolicy (*route_policy)(const SourceOptions&) = nullptr;
};

// Every built-in source, in the program's order of sources.
std::span<const SourceEntry> source_registry();

// The entry of that name, or nullptr when no built-in source has it.
const SourceEntry* find_source(std::string_view name);

// The registry's display name for `name` ("arXiv" for "arxiv"), else `name`
// itself (a source a newer scholard wrote into the store).
std::string display_name(std::string_view name);

}  // namespace scholard::fetchers
