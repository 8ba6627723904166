#include "net/options.hpp"

namespace scholard::net {

using std::chrono::milliseconds;
using std::chrono::seconds;

HostPolicy arxiv_policy(milliseconds min_interval) {
  HostPolicy p;
  // 5 % on top. The interval counts from the moment the previous request was
  // sent (after its connect), so the margin only covers a request taking
  // longer to reach the server than the next one does (network jitter).
  p.limiter = {min_interval + min_interval / 20, 1, Adaptation::fixed};
  // Backoff scales with the interval: 30 s to 15 min at arXiv's 3 s, and
  // proportionally less against a test server whose interval is scaled down.
  p.retry = {4, min_interval * 10, min_interval * 300};
  p.reuse_connections = false;
  return p;
}

HostPolicy crossref_policy(int concurrency) {
  HostPolicy p;
  p.limiter = {milliseconds(0), concurrency < 1 ? 1 : concurrency, Adaptation::from_headers};
  p.retry = {4, seconds(1), seconds(60)};
  return p;
}

HostPolicy default_host_policy() {
  HostPolicy p;
  p.limiter = {seconds(1), 1, Adaptation::fixed};
  p.retry = {3, seconds(2), seconds(60)};
  return p;
}

}  // namespace scholard::net
