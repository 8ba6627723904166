// Configuration and statistics of the libcurl client.
//
// ClientOptions is plain data: the engine fills it from the config
// ([profile] contact, [sources.*]); tests shrink the intervals to
// milliseconds. Policies are keyed by Request::source (a source's name, e.g.
// "arxiv") or, for requests without a source, by the URL's host name.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <string>

#include "net/rate_limiter.hpp"
#include "net/retry_policy.hpp"

namespace scholard::net {

struct HostPolicy {
  LimiterPolicy limiter;
  RetryPolicy retry;
  // Keep connections alive between requests. Off for arXiv: with seconds
  // between requests reuse saves little, and when a server drops a kept-alive
  // connection libcurl re-sends the request at once on a new one, breaking the
  // "one request every 3 s" rule.
  bool reuse_connections = true;
};

// A source's own policy (arXiv's one request every 3 s, Crossref's adaptive
// pool) is part of what that source is: it comes from the source registry
// (fetchers/registry.hpp), so a new source brings its policy with no change here.

// Any other host: one request at a time, 1 s apart.
HostPolicy default_host_policy();

inline constexpr std::size_t k_default_max_body_bytes = 16u * 1024u * 1024u;

struct ClientOptions {
  std::string contact;  // mailto: in the User-Agent; empty = none
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(15)};
  std::chrono::milliseconds total_timeout{std::chrono::minutes(5)};  // big pages take minutes
  std::size_t max_body_bytes = k_default_max_body_bytes;
  int max_redirects = 5;
  HostPolicy fallback = default_host_policy();
  std::map<std::string, HostPolicy, std::less<>> policies;  // by source name or host
  UnitRandom random;  // jitter source; empty = make_system_random()
};

// What the client did for one policy key, for the engine's summary line.
struct HostStats {
  long requests = 0;      // HTTP requests sent: attempts, retries and redirect hops
  long not_modified = 0;  // answers 304
  long retries = 0;       // attempts beyond the first
  std::chrono::milliseconds limiter_wait{0};  // summed time requests sat queued by the limiter
};

using ClientStats = std::map<std::string, HostStats, std::less<>>;

}  // namespace scholard::net
