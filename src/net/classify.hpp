// Classification of one finished HTTP attempt into an Outcome and a message
// that names the host. Pure and curl-free: the libcurl glue maps its CURLcode
// to a TransportError first, so the rules are unit-tested without a network.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "net/http_client.hpp"

namespace scholard::net {

// What went wrong below HTTP, if anything.
enum class TransportError {
  none,
  timeout,           // connect or total timeout
  resolve,           // DNS failure
  connect,           // connection refused / unreachable
  reset,             // connection reset, nothing or garbage received, send failure
  truncated,         // fewer body bytes than announced
  bad_encoding,      // a body that is not in the Content-Encoding it is labelled with
  oversize,          // body larger than the cap
  tls,               // certificate or handshake failure
  refused_redirect,  // a redirect our policy refuses
  bad_url,           // malformed URL or unsupported scheme
  other,             // anything else libcurl reports
};

struct AttemptFacts {
  std::string host;               // for messages
  TransportError error = TransportError::none;
  std::string detail;             // libcurl's message, or the refusal reason
  long status = 0;                // HTTP status, 0 when none was received
  std::string location;           // a 3xx answer's Location (absolute), "" when none
  std::string content_encoding;   // the answer's Content-Encoding header, "" when none
  std::size_t max_body_bytes = 0; // the cap, for the oversize message
  std::optional<std::chrono::milliseconds> retry_after;
};

struct Classification {
  Outcome outcome = Outcome::transient;
  std::string error;  // empty for ok / not_modified
};

// Transport errors win over any status; otherwise: 2xx ok, 304 not_modified,
// 404 not_found, 429/503 rate_limited, other 5xx transient, anything else
// (other 4xx, unfollowed 3xx, 1xx) permanent. A redirect's message names its
// status and where it pointed; a body in the wrong encoding names the
// encoding it was labelled with.
Classification classify(const AttemptFacts& facts);

}  // namespace scholard::net
