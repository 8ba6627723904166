// HttpClient: the seam between scholard and the network.
//
// Fetchers build Requests and receive Responses whose `outcome` already
// classifies what happened (ok, not modified, not found, rate limited,
// transient, permanent). Rate limiting per host and retries happen behind
// this interface, so fetchers contain no timing logic and tests can plug in
// a recording fake that answers from fixtures.
//
// Threading: `get` may be called only from the thread running the
// io_context the client was built with; `done` is invoked on that thread,
// exactly once per request, never from inside `get` itself.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"

namespace scholard::net {

enum class Outcome {
  ok,            // 2xx with a complete body
  not_modified,  // 304 after we sent validators
  not_found,     // 404
  rate_limited,  // 429, or 503 (retry_after set when the server sent Retry-After)
  transient,     // timeout, connection reset, DNS failure, 5xx, truncated body
  permanent,     // other 4xx, oversize body, refused redirect, TLS failure
};

std::string_view to_string(Outcome o);

// Response::body, as the client fills it, keeps at least this many bytes of
// spare capacity after its end: a parser that reads a little past the end of
// its input (simdjson reads up to 64 bytes) can then parse the body in place
// instead of copying it into a padded buffer first.
inline constexpr std::size_t k_body_spare_capacity = 64;

struct Request {
  std::string url;
  // Which rate-limit policy and queue governs this request ("arxiv",
  // "crossref", ...); empty means the URL's host name.
  std::string source;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  std::string etag;           // sent as If-None-Match when non-empty
  std::string last_modified;  // sent as If-Modified-Since when non-empty
  // A non-empty body makes the request a POST carrying these bytes, sent
  // again on every retry; empty = a GET. `content_type` is sent as
  // Content-Type with a body ("application/json"); ignored without one.
  std::string body;
  std::string content_type;
};

struct Response {
  Outcome outcome = Outcome::transient;
  long status = 0;  // HTTP status of the last attempt; 0 when no response
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in order
  std::string etag;
  std::string last_modified;
  std::optional<std::chrono::milliseconds> retry_after;
  std::string error;  // for non-ok outcomes: what went wrong, naming the host
  int attempts = 1;   // attempts made for this Request, retries included (redirect hops
                      // are not attempts); 0 when none was made (bad URL, host refusing)

  // The first header of that (lower-case) name, or "".
  std::string_view header(std::string_view lower_name) const {
    for (const auto& [k, v] : headers) {
      if (k == lower_name) return v;
    }
    return {};
  }
};

using ResponseHandler = std::function<void(Response)>;

// Why a lane's next request has to wait.
enum class WaitReason {
  none,          // nothing to wait for (requests in flight, or none queued)
  rate_limit,    // the lane's spacing or window
  server_asked,  // a server's Retry-After pauses the lane
  backoff,       // a failed request waits out its retry delay
};

std::string_view to_string(WaitReason reason);

// What one lane of a client (one policy key: Request::source, else the host)
// is doing, for whoever shows a long run's progress.
struct LaneActivity {
  std::string key;
  long requests = 0;  // sent since the observer was set: attempts, retries, redirect hops
  long retries = 0;   // of those, attempts beyond a request's first
  int in_flight = 0;
  std::size_t queued = 0;  // accepted, not started yet
  int backing_off = 0;     // requests waiting out a retry delay
  // Set when nothing is in flight and the next request waits for a time.
  WaitReason waiting = WaitReason::none;
  std::optional<core::SteadyTime> until;  // when that wait ends (steady clock)
  // The least time between two sends the lane's limits allow now (spacing,
  // or the window's span over its limit); 0 when neither limits it.
  std::chrono::milliseconds per_request{0};
};

// Called on the io thread with a lane's activity whenever it changes.
using ActivityObserver = std::function<void(const LaneActivity&)>;

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Sends `request`: a GET, or a POST when request.body is non-empty (the
  // name stays `get` because nearly every request is one). Limits, retries
  // and redirects apply alike; a redirect answered 301/302/303 is followed
  // with a GET (what browsers and libcurl do), 307/308 resend the body.
  virtual void get(Request request, ResponseHandler done) = 0;
  // Replaces the activity observer (empty: none). Counts in LaneActivity
  // start from this call. The default is a client with nothing to report.
  virtual void observe(ActivityObserver observer) { (void)observer; }
};

}  // namespace scholard::net
