// Content hash of raw API responses, used to notice "same bytes as last time".
//
// FNV-1a, 64-bit, written here (no crypto library needed): it only has to tell
// one response of a paper from the next, not resist an adversary. Rendered as
// 16 lower-case hex digits, prefixed "fnv1a64:" so a future hash can coexist.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace scholard::store {

std::uint64_t fnv1a64(std::string_view bytes);

// "fnv1a64:cbf29ce484222325" for the empty input.
std::string response_hash(std::string_view bytes);

}  // namespace scholard::store
