// Writing JSON text by hand (the store's reports, the fetchers' request
// bodies, the fake API server's answers). Pure. The renderers' JSON outputs
// clean their text first and escape it their own way (render/escape.hpp).
#pragma once

#include <string>
#include <string_view>

namespace scholard::core {

// `s` as a quoted JSON string (RFC 8259): '"' and '\\' escaped, \n \r \t \b \f
// by name, other controls as \u00xx. When `s` is not valid UTF-8 every byte
// from 0x80 up becomes U+FFFD, so the output always parses.
std::string json_quote(std::string_view s);

}  // namespace scholard::core
