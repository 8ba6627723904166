#include "core/result.hpp"

namespace scholard::core {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::not_found: return "not found";
    case ErrorCode::invalid_input: return "invalid input";
    case ErrorCode::transient: return "transient error";
    case ErrorCode::rate_limited: return "rate limited";
    case ErrorCode::permanent: return "permanent error";
    case ErrorCode::io: return "I/O error";
    case ErrorCode::busy: return "busy";
    case ErrorCode::unsupported: return "unsupported";
  }
  return "error";
}

}  // namespace scholard::core
