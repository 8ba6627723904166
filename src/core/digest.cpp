#include "core/digest.hpp"

#include <xxhash.h>
#if defined(__x86_64__) || defined(__i386__)
#include <xxh_x86dispatch.h>
#endif

namespace scholard::core {

// On x86, libxxhash picks its vector code at run time (AVX2 or AVX-512 where
// the CPU has them) only through its _dispatch entry points: XXH3_64bits
// itself runs the SSE2 code the library was compiled for, slower on long
// inputs (whole registry records, a long list's config).
std::uint64_t xxh3(std::string_view bytes) {
#if defined(__x86_64__) || defined(__i386__)
  return XXH3_64bits_dispatch(bytes.data(), bytes.size());
#else
  return XXH3_64bits(bytes.data(), bytes.size());
#endif
}

std::string content_digest(std::string_view bytes) {
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

}  // namespace scholard::core
