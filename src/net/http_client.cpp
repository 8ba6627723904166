#include "net/http_client.hpp"

namespace scholard::net {

std::string_view to_string(Outcome o) {
  switch (o) {
    case Outcome::ok: return "ok";
    case Outcome::not_modified: return "not modified";
    case Outcome::not_found: return "not found";
    case Outcome::rate_limited: return "rate limited";
    case Outcome::transient: return "transient failure";
    case Outcome::permanent: return "permanent failure";
  }
  return "unknown";
}

std::string_view to_string(WaitReason reason) {
  switch (reason) {
    case WaitReason::none: return "none";
    case WaitReason::rate_limit: return "rate limit";
    case WaitReason::server_asked: return "server asked to wait";
    case WaitReason::backoff: return "backoff";
  }
  return "unknown";
}

}  // namespace scholard::net
