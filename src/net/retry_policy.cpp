#include "net/retry_policy.hpp"

#include <algorithm>
#include <memory>
#include <random>

namespace scholard::net {

using std::chrono::milliseconds;

milliseconds backoff_delay(const RetryPolicy& policy, int retry, double unit) {
  const auto floor = std::min(policy.initial_delay, policy.max_delay);
  // initial * 2^retry, saturating at max_delay without overflowing.
  auto ceiling = floor;
  for (int i = 0; i < retry && ceiling < policy.max_delay; ++i) {
    ceiling = ceiling.count() > policy.max_delay.count() / 2 ? policy.max_delay : ceiling * 2;
  }
  ceiling = std::min(std::max(ceiling, floor), policy.max_delay);
  const double u = std::clamp(unit, 0.0, 1.0);
  const double span = static_cast<double>((ceiling - floor).count());
  const auto jitter = static_cast<milliseconds::rep>(u * span);
  return floor + milliseconds(jitter);
}

RetryDecision decide_retry(const RetryPolicy& policy, Outcome outcome, int attempts_made,
                           std::optional<milliseconds> retry_after, const UnitRandom& random) {
  if (!is_retryable(outcome) || attempts_made >= policy.max_attempts) return {};
  if (retry_after && *retry_after > policy.max_delay) return {};  // not within this pass
  if (outcome == Outcome::rate_limited && !retry_after && !policy.retry_rate_limited_without_retry_after) return {};
  auto delay = backoff_delay(policy, attempts_made, random ? random() : 0.0);
  if (retry_after) delay = std::max(delay, *retry_after);
  return {RetryAction::retry, delay};
}

UnitRandom make_system_random() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  return [engine] {
    return std::uniform_real_distribution<double>(0.0, 1.0)(*engine);
  };
}

}  // namespace scholard::net
