// What a fetch reports per paper, shared by every fetcher.
//
// A fetcher answers every requested id exactly once with a FetchOutcome:
// ok (with the parsed Record), not_modified (the server said 304 to our
// validators), not_found (the source does not know the id: an answer, not a
// failure), invalid (the id is malformed or the server rejected it; retrying
// will not help) or error (transport, server or parse failure; `transient`
// says whether retrying later may help). Outcomes arrive in groups through a
// BatchHandler so the engine can store each group in one transaction; the
// DoneHandler runs once, last, with the statistics of the whole fetch.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.hpp"

namespace scholard::fetchers {

enum class FetchStatus { ok, not_modified, not_found, invalid, error };

std::string_view to_string(FetchStatus s);

// HTTP validators from the response, kept so a later request can be conditional.
struct Validators {
  std::string etag;
  std::string last_modified;
  friend bool operator==(const Validators&, const Validators&) = default;
};

struct FetchOutcome {
  std::string requested;  // the id exactly as the caller passed it
  FetchStatus status = FetchStatus::error;
  core::Record record;    // set when status == ok
  std::string raw_hash;   // ok: hash of the raw entry/body the record came from
  Validators validators;  // ok / not_modified: what the server sent
  std::string message;    // invalid / error / not_found: why, for logs and `status`
  bool transient = false; // error: retrying later may succeed
  // error only: the source refused to serve us at all, which is no fault of
  // this paper: a 429/503 without a usable Retry-After (a busy shared pool),
  // a 403 (an API key refused), an HTML page from a JSON API (blocked), or
  // "not asked" because an earlier request of the same fetch was refused.
  // The engine then defers the whole source (its circuit breaker) instead of
  // counting a failure against the paper.
  bool source_refused = false;
};

struct FetchStats {
  int requests = 0;      // HTTP requests issued through the HttpClient
  int attempts = 0;      // requests on the wire, the client's retries included
  int ok = 0;
  int not_modified = 0;
  int not_found = 0;
  int invalid = 0;
  int errors = 0;

  void count(const FetchOutcome& o);
};

using BatchHandler = std::function<void(std::vector<FetchOutcome>)>;
using DoneHandler = std::function<void(const FetchStats&)>;

// What a lookup by title found (Source::match_title): `outcome` (requested =
// the title) is ok with the best match's record, not_found when there is no
// match, or an error as for a fetch (source_refused included); `match_score`
// is the source's own score of the match (ok only; its scale is the source's).
struct TitleMatch {
  FetchOutcome outcome;
  double match_score = 0;
};
using TitleMatchHandler = std::function<void(TitleMatch)>;

// A stable hash of raw response bytes, labelled with its algorithm:
// "xxh3:" and the 64-bit XXH3 hash (xxHash, seed 0) as 16 lower-case hex
// digits. Stored as a FetchOutcome's raw_hash and shown by `scholard show`;
// nothing compares it to decide anything. Hashes stored by older versions
// (16 bare hex digits, FNV-1a) stay until the paper's next successful fetch.
std::string content_hash(std::string_view bytes);

}  // namespace scholard::fetchers
