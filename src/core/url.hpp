// URL pieces every layer needs without a URL parser: percent-encoding both
// ways and the host a URL names. Pure; the network layer's own reading of a
// URL (scheme, port, loopback, redirects) is net/url.hpp.
#pragma once

#include <string>
#include <string_view>

namespace scholard::core {

// `text` with every byte but RFC 3986's unreserved ones (A-Z a-z 0-9 - . _ ~)
// written as %XX (upper-case hex): safe as a query value or a path segment.
std::string percent_encode(std::string_view text);

// Decodes %XX sequences (used on URLs before id extraction). A '%' not
// followed by two hex digits is kept as it is.
std::string percent_decode(std::string_view text);

// The host of `url` as written, with its port if it names one
// ("127.0.0.1:8080"): what follows "scheme://" (or the start, when there is no
// scheme) up to the first '/', '?' or '#', without a "user@" part. Not
// lower-cased and not validated; "" when there is nothing there.
std::string host_of(std::string_view url);

}  // namespace scholard::core
