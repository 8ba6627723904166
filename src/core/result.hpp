// Result<T>: the value-or-error type every layer returns instead of throwing.
//
// Errors are values. `ErrorCode` says what the caller can do about it:
// not_found is an answer, not a failure (leveldb's rule); transient and
// rate_limited may succeed if retried later; everything else will not.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace scholard::core {

enum class ErrorCode {
  not_found,      // the thing asked for does not exist (an id unknown to a source)
  invalid_input,  // malformed input: a bad id, a bad config value, an unparsable response
  transient,      // timeout, reset, 5xx, truncated body: retrying may help
  rate_limited,   // 429/503 from a server: retry after its Retry-After
  permanent,      // other 4xx, refused redirect, TLS failure: retrying will not help
  io,             // a local file or database operation failed
  busy,           // another process holds a lock we need
  unsupported,    // e.g. a database written by a newer scholard
};

std::string_view to_string(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::permanent;
  std::string message;

  Error() = default;
  Error(ErrorCode c, std::string m) : code(c), message(std::move(m)) {}
};

template <typename T>
using Result = tl::expected<T, Error>;

// Shorthand for `return fail(ErrorCode::io, "...")` inside functions returning Result<T>.
inline tl::unexpected<Error> fail(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}

}  // namespace scholard::core
