// URLs as the network layer sees them: which host a request goes to (the key of
// its rate limiter and the name in error messages), whether that host is the
// loopback interface, and the rule deciding which redirects are followed.
// All functions are pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scholard::net {

struct UrlParts {
  std::string scheme;  // lower-cased, e.g. "https"
  std::string host;    // lower-cased, IPv6 literals without brackets ("::1")
  std::optional<int> port;
};

// Splits an absolute URL "scheme://[userinfo@]host[:port][/path...]".
// Errors: invalid_input when there is no scheme, no host, or a bad port.
core::Result<UrlParts> parse_url(std::string_view url);

// The lower-cased host of `url`, or "" when the URL cannot be parsed.
std::string url_host(std::string_view url);

// True for 127.0.0.0/8, ::1 (with or without brackets) and "localhost".
bool is_loopback_host(std::string_view host);

enum class RedirectVerdict { follow, refuse };

struct RedirectDecision {
  RedirectVerdict verdict = RedirectVerdict::refuse;
  std::string reason;  // why a redirect was refused; empty when followed
};

// Whether to follow a redirect to `target_url` after `hops_done` redirects of
// the same request: only to https, or to http on a loopback host, and never
// more than `max_hops` times. Never fails; refusals carry their reason.
RedirectDecision decide_redirect(std::string_view target_url, int hops_done, int max_hops);

}  // namespace scholard::net
