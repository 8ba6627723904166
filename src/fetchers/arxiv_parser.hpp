// The arXiv API's Atom feed → Records. Pure: a string in, values out, no I/O.
//
// Accepts every format arXiv has served (docs/upstream-apis.md, "The Atom
// feed" and "Errors"): the current
// serializer (namespaces on <feed>, `Z` times, one-line titles), its
// 2025-11 variant (entry <link>s with only href) and the legacy Perl output
// (xmlns repeated on each element, -04:00 offsets, hard-wrapped titles and
// summaries, rel="self" feed link). Elements are matched by namespace URI,
// never by prefix, and in any order.
//
// XML safety: pugixml is used with parse_default — no DTD processing; only
// the five predefined entities and numeric character references are
// expanded; pugixml has no code that loads external entities, so a hostile
// DOCTYPE cannot read files or reach the network (tested).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.hpp"
#include "core/result.hpp"

namespace scholard::fetchers {

// arXiv's source name: Record::source of every record parsed here, the
// registry's key (fetchers/registry.hpp) and the net policy key of arXiv's
// requests (Request::source), so its rate rule applies whatever the host.
inline constexpr std::string_view k_arxiv_source = "arxiv";

inline constexpr std::string_view k_atom_ns = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view k_arxiv_ns = "http://arxiv.org/schemas/atom";
inline constexpr std::string_view k_opensearch_ns = "http://a9.com/-/spec/opensearch/1.1/";

// The Atom error feed (HTTP 400/500, or 200 from the legacy service).
struct ArxivFeedError {
  std::string message;       // the entry's <summary>, e.g. "incorrect id format for abc"
  std::string offending_id;  // "abc" from "incorrect id format for abc"; empty otherwise
  std::string error_url;     // the entry's <id>, e.g. https://arxiv.org/api/errors#...
};

struct ArxivEntry {
  core::Record record;
  std::string raw_hash;  // content_hash of the <entry> element's bytes as received, from
                         // its start tag to its end tag, straight from the response body
};

struct ArxivFeed {
  long total_results = 0;
  long items_per_page = 0;
  long start_index = 0;
  std::vector<ArxivEntry> entries;   // in feed order (not request order)
  std::optional<ArxivFeedError> error;
  int skipped_empty_entries = 0;     // legacy placeholders for missing ids
  std::vector<std::string> warnings; // entries skipped because their <id> is unusable
};

// Parses a response body. Errors (invalid_input): empty body, not XML (an
// HTML deny page, garbage, a truncated body), or XML whose root is not an Atom
// <feed>. An error feed is NOT an error value: it parses, with `error` set.
core::Result<ArxivFeed> parse_arxiv_feed(std::string_view xml);

// The UTC calendar date of an RFC 3339 timestamp ("2007-06-25T23:09:59-04:00"
// is 2007-06-26), or of a bare "YYYY-MM-DD". invalid_input otherwise.
core::Result<core::PartialDate> utc_date_of(std::string_view timestamp);

// The id named by an arXiv error message ("incorrect id format for X" → "X"),
// or "" when the message names none.
std::string offending_id_of(std::string_view message);

}  // namespace scholard::fetchers
