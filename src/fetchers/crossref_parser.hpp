// The Crossref REST API's JSON → Records, and what an HTTP answer from
// /works/{doi} means. Pure: strings in, values out, no I/O, no clock.
//
// Parsing uses simdjson On-Demand with one parser per thread (reused across
// calls); the input is copied into a padded buffer first (one per thread too,
// reused), unless it is a std::string with simdjson's padding as spare
// capacity, as the net layer's bodies are; every string is copied out of the
// parser before the next document is parsed, so results never borrow from
// simdjson. Every field of a work is optional.
//
// Mapping of a `work` (docs/upstream-apis.md, "Works") into core::Record (source crossref):
//   title[0] (+ ": " + subtitle[0])  → title (markup stripped) / title_raw (raw)
//   author[] → authors (given/family, or `name` for organisations; ORCID bare;
//              sequence; affiliation[].name)
//   type, publisher, volume, issue, page, article-number → same-named fields
//   container-title[0] → venue, short-container-title[0] → venue_short
//   published / issued / published-print / published-online → dates
//              (published falls back to issued; year-only, year-month and
//              [[null]] date-parts are handled)
//   DOI (lower-cased) → doi, URL → url, abstract (JATS) → summary (plain)
//   relation{type: [{id-type, id}]} → relations; arXiv DOIs (10.48550/arXiv.X)
//              and id-type "arxiv" become {type, "arxiv", canonical arXiv id}
//   updated-by[] → updates (corrections, retractions of THIS work)
//   update-to[]  → relations {"update-to:<type>", "doi", DOI} (this work is a
//              notice about another one)
#pragma once

#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.hpp"
#include "core/result.hpp"

namespace scholard::fetchers {

// Crossref's source name: Record::source of every record parsed here, the
// registry's key (fetchers/registry.hpp) and the net policy key of Crossref's
// requests (Request::source), so its pool limits apply whatever the host.
inline constexpr std::string_view k_crossref_source = "crossref";

// Parses a singleton response {"status":"ok","message-type":"work","message":{…}}.
// Errors (invalid_input): not JSON, not an object, message-type other than
// "work", status other than "ok", or a malformed work.
core::Result<core::Record> parse_crossref_work(std::string_view json);

// Parses a list response ("message-type":"work-list") into its items, in order.
// Same errors as parse_crossref_work.
core::Result<std::vector<core::Record>> parse_crossref_work_list(std::string_view json);

// One work of a list answer: its Record and the content_hash of the item's
// own JSON text (what a single-work answer's raw_hash is to its body).
struct ListedWork {
  core::Record record;
  std::string raw_hash;
};

// Parses a list response into its items with their raw hashes, in order.
// Same errors as parse_crossref_work_list.
core::Result<std::vector<ListedWork>> parse_crossref_listed_works(std::string_view json);

// What an answer from GET /works?filter=doi:... (a batch) means, dispatching
// like classify_crossref_response, but no status means "not found" here: a
// list answers a DOI it does not know by leaving it out.
//   200 with the `work-list` envelope      → its works
//   200 with an HTML page                  → transient, "blocked" (a proxy or
//                                            a block page answered, not Crossref)
//   200 whose body is not the list JSON    → invalid_input
//   404 (the route itself is missing)      → transient
//   429                                    → rate_limited
//   400/other 4xx                          → permanent, with Crossref's message
//   5xx                                    → transient
core::Result<std::vector<ListedWork>> classify_crossref_list_response(long status, std::string_view body);

// What an answer from GET /works/{doi} means, dispatching on the status and
// then on the first non-space byte, never on Content-Type:
//   200 with the `work` envelope           → the Record
//   404 (plain text "Resource not found.", whatever the content type, or a
//        JSON resource-failure)            → not_found
//   429                                    → rate_limited
//   400/other 4xx (JSON validation-failure) → permanent, with Crossref's message
//   5xx (JSON exception, HTML gateway page) → transient
//   200 whose body is not the work JSON    → invalid_input
core::Result<core::Record> classify_crossref_response(long status, std::string_view body);

namespace detail {
// classify_crossref_response for a body followed in memory by
// `readable_after` more bytes of the same allocation: when they cover
// simdjson's padding, the body is parsed in place rather than copied first.
core::Result<core::Record> classify_crossref_body(long status, std::string_view body, std::size_t readable_after);
}  // namespace detail

// The same for a body held in a std::string (net::Response::body): its spare
// capacity is readable, so a body from the net layer, which keeps
// net::k_body_spare_capacity bytes of it, is not copied. (A template so that
// calls with a string literal still pick the string_view overload.)
template <typename String>
  requires std::same_as<String, std::string>
core::Result<core::Record> classify_crossref_response(long status, const String& body) {
  return detail::classify_crossref_body(status, body, body.capacity() - body.size());
}

}  // namespace scholard::fetchers
