#include "store/hash.hpp"

#include <cstdio>

namespace scholard::store {

std::uint64_t fnv1a64(std::string_view bytes) {
  constexpr std::uint64_t k_offset = 0xcbf29ce484222325ULL;
  constexpr std::uint64_t k_prime = 0x100000001b3ULL;
  std::uint64_t h = k_offset;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= k_prime;
  }
  return h;
}

std::string response_hash(std::string_view bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "fnv1a64:%016llx", static_cast<unsigned long long>(fnv1a64(bytes)));
  return buf;
}

}  // namespace scholard::store
