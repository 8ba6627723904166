// A short digest of some bytes: "xxh3:" and the 16 lower-case hex digits of
// their XXH3-64 value. Used to notice "same bytes as last time" (an API
// answer, the config file, the list of papers), never against an adversary.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace scholard::core {

// XXH3-64 of `bytes`, by the fastest code this CPU runs (the value does not
// depend on it).
std::uint64_t xxh3(std::string_view bytes);

// "xxh3:2d06800538d394c2" for the empty input.
std::string content_digest(std::string_view bytes);

}  // namespace scholard::core
