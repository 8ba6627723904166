// Atom feed text for the fake arXiv API: result feeds and error feeds in the
// current (2026) format or the legacy (pre-November-2025) one, and arXiv's
// LOOSE server-side id validation (docs/upstream-apis.md, "arXiv"). Pure: the
// caller passes the time the feed says it was generated.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "fixtures.hpp"

namespace scholard::fakeapi {

using WallTime = std::chrono::system_clock::time_point;

// The server's loose rule: a substring matching
// (?<![\d=\.])(?:arXiv:)?\d{4}\.\d{4,5}(v\d*)? anywhere, or the whole text
// matching the old-style pattern (archive(.SC)?/YYMMNNN(vN)?).
bool passes_loose_validation(std::string_view id);

struct FeedQuery {
  std::string search_query;  // as received (decoded)
  std::string id_list;       // as received (decoded)
  long start = 0;
  long max_results = 10;
  long total_results = 0;
};

// A result feed holding `entries` (already paged). Entries keep their own
// text; a current-format entry placed in a legacy feed gets the arxiv
// namespace declared on its <entry> so the document stays well-formed.
std::string build_feed(FeedFormat format, const FeedQuery& query,
                       const std::vector<const ArxivEntry*>& entries, WallTime now);

// An error feed with one entry: <title>Error</title>, <summary>message</summary>,
// <id>https://arxiv.org/api/errors#fragment</id> (`error_url` overrides the whole id/link).
// Legacy format uses http:// ids and the query title, as the old service did.
struct ErrorInfo {
  std::string message;
  std::string error_url;  // full URL of the entry id and link
};
std::string build_error_feed(FeedFormat format, const ErrorInfo& error, WallTime now);

// The error id URL arXiv derives from a message: spaces become underscores.
std::string error_url_for(std::string_view message, FeedFormat format);

// "https://arxiv.org/api/" + 27 characters derived from the query string
// (the real service uses base64(SHA-1); any stable hash serves a fake).
std::string feed_hash(std::string_view query);

// "2026-11-23T09:30:00Z" (current) / "2026-11-23T00:00:00-05:00" (legacy).
std::string feed_updated(FeedFormat format, WallTime now);

}  // namespace scholard::fakeapi
