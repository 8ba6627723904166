#include "fetchers/fetch_result.hpp"

#include <xxhash.h>
#if defined(__x86_64__) || defined(__i386__)
#include <xxh_x86dispatch.h>
#endif

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

namespace {

// XXH3's value does not depend on the vector code that computes it. On x86,
// libxxhash picks that code at run time (AVX2 or AVX-512 where the CPU has
// them) only through its _dispatch entry points: XXH3_64bits itself runs the
// SSE2 code the library was compiled for, half as fast on the long bodies
// hashed here (whole Crossref works).
std::uint64_t xxh3(std::string_view bytes) {
#if defined(__x86_64__) || defined(__i386__)
  return XXH3_64bits_dispatch(bytes.data(), bytes.size());
#else
  return XXH3_64bits(bytes.data(), bytes.size());
#endif
}

}  // namespace

std::string content_hash(std::string_view bytes) {
  std::uint64_t h = xxh3(bytes);
  static constexpr char k_hex[] = "0123456789abcdef";
  static constexpr std::string_view k_label = "xxh3:";
  std::string out(k_label.size() + 16, '0');
  k_label.copy(out.data(), k_label.size());
  for (std::size_t i = out.size(); i > k_label.size(); --i) {
    out[i - 1] = k_hex[h & 0xF];
    h >>= 4;
  }
  return out;
}

}  // namespace scholard::fetchers
