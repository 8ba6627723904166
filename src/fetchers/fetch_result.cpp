#include "fetchers/fetch_result.hpp"

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

std::string content_hash(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = k_hex[h & 0xF];
    h >>= 4;
  }
  return out;
}

}  // namespace scholard::fetchers
