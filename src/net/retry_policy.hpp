// Retry policy: which outcomes are worth another attempt and how long to wait
// before it. Pure: randomness is injected, so tests pin the jitter.
//
// Backoff is exponential with full jitter above a floor: before retry n
// (n = 1 for the second attempt) the delay is uniform in
// [initial_delay, min(max_delay, initial_delay * 2^n)]. The floor keeps the
// first retry of a host like arXiv at least `initial_delay` (30 s in
// production) away; the jitter keeps many clients from retrying in step.
// A Retry-After from the server is a lower bound; if it asks for more than
// max_delay the request gives up for this pass and stays rate_limited.
// A source whose server says "too busy" without any Retry-After (Semantic
// Scholar's shared pool: 429 with no hint of when) turns off
// `retry_rate_limited_without_retry_after`: such an answer then gives up at
// once, so the pass ends quickly and the source is asked again on a later
// pass; a Retry-After within max_delay is still waited for.
#pragma once

#include <chrono>
#include <functional>
#include <optional>

#include "net/http_client.hpp"

namespace scholard::net {

struct RetryPolicy {
  int max_attempts = 4;  // attempts in total, the first included; 1 = never retry
  std::chrono::milliseconds initial_delay{1000};
  std::chrono::milliseconds max_delay{60000};
  // false: a rate_limited answer (429/503) without Retry-After is not
  // retried within the pass (transient failures still are).
  bool retry_rate_limited_without_retry_after = true;
};

// Returns a number uniformly distributed in [0, 1).
using UnitRandom = std::function<double()>;

enum class RetryAction { retry, give_up };

struct RetryDecision {
  RetryAction action = RetryAction::give_up;
  std::chrono::milliseconds delay{0};  // wait before the next attempt (retry only)
};

// True for outcomes another attempt may change: transient and rate_limited.
// Inline: the fetchers use it and link only net's headers.
inline bool is_retryable(Outcome outcome) { return outcome == Outcome::transient || outcome == Outcome::rate_limited; }

// The jittered delay before retry number `retry` (>= 1), for `unit` in [0, 1).
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, double unit);

// Whether to try again after `attempts_made` attempts ended in `outcome`,
// with the server's Retry-After (if any). Never fails.
RetryDecision decide_retry(const RetryPolicy& policy, Outcome outcome, int attempts_made,
                           std::optional<std::chrono::milliseconds> retry_after,
                           const UnitRandom& random);

// A UnitRandom backed by a std::mt19937_64 seeded from std::random_device.
UnitRandom make_system_random();

}  // namespace scholard::net
