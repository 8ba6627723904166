#include "fetchers/http_util.hpp"

#include <utility>

namespace scholard::fetchers {

FetchOutcome make_outcome(FetchStatus status, std::string message, bool transient, bool source_refused) {
  FetchOutcome o;
  o.status = status;
  o.message = std::move(message);
  o.transient = transient;
  o.source_refused = source_refused;
  return o;
}

std::string describe_failure(const net::Response& response, std::string_view host) {
  if (!response.error.empty()) return response.error;
  if (response.status != 0) return std::string(host) + ": HTTP " + std::to_string(response.status);
  return std::string(host) + ": no response";
}

bool failed_despite_status(const net::Response& response) {
  const bool accepted = response.outcome == net::Outcome::ok || response.outcome == net::Outcome::not_modified;
  return !accepted && response.status >= 200 && response.status < 400;
}

std::string answered_for_other(std::string_view source, const std::vector<std::string>& answered,
                               std::string_view asked) {
  constexpr std::size_t k_named = 3;
  std::string ids;
  for (std::size_t i = 0; i < answered.size() && i < k_named; ++i) {
    if (i > 0) ids += ", ";
    ids += answered[i];
  }
  if (answered.size() > k_named) ids += " and " + std::to_string(answered.size() - k_named) + " more";
  if (ids.empty()) ids = "a paper without an id";
  return std::string(source) + " answered for " + ids + " when asked for " + std::string(asked);
}

}  // namespace scholard::fetchers
