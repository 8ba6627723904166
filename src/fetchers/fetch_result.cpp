#include "fetchers/fetch_result.hpp"

#include "core/digest.hpp"

namespace scholard::fetchers {

std::string_view to_string(FetchStatus s) {
  switch (s) {
    case FetchStatus::ok: return "ok";
    case FetchStatus::not_modified: return "not modified";
    case FetchStatus::not_found: return "not found";
    case FetchStatus::invalid: return "invalid";
    case FetchStatus::error: return "error";
  }
  return "unknown";
}

void FetchStats::count(const FetchOutcome& o) {
  switch (o.status) {
    case FetchStatus::ok: ++ok; break;
    case FetchStatus::not_modified: ++not_modified; break;
    case FetchStatus::not_found: ++not_found; break;
    case FetchStatus::invalid: ++invalid; break;
    case FetchStatus::error: ++errors; break;
  }
}

std::string content_hash(std::string_view bytes) { return core::content_digest(bytes); }

}  // namespace scholard::fetchers
