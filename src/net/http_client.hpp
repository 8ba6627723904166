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

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Sends `request`: a GET, or a POST when request.body is non-empty (the
  // name stays `get` because nearly every request is one). Limits, retries
  // and redirects apply alike; a redirect answered 301/302/303 is followed
  // with a GET (what browsers and libcurl do), 307/308 resend the body.
  virtual void get(Request request, ResponseHandler done) = 0;
};

}  // namespace scholard::net
