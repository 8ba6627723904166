#include "net/classify.hpp"

namespace scholard::net {
namespace {

// Control characters of a Location are not echoed into logs, and a long one
// is cut: the start says where it pointed.
std::string printable_location(std::string_view location) {
  constexpr std::size_t k_max = 200;
  std::string out;
  for (const char c : location.substr(0, k_max)) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7F ? '?' : c);
  }
  if (location.size() > k_max) out += "...";
  return out;
}

// "HOST: HTTP 302 redirect to LOCATION <what>", or without a Location.
std::string redirect_message(const AttemptFacts& f, std::string_view what) {
  std::string out = f.host + ": HTTP " + std::to_string(f.status) + " redirect ";
  out += f.location.empty() ? std::string("without a Location ") : "to " + printable_location(f.location) + " ";
  return out + std::string(what);
}

Classification transport_failure(const AttemptFacts& f) {
  const auto with_detail = [&](std::string what) {
    if (!f.detail.empty()) what += " (" + f.detail + ")";
    return f.host + ": " + what;
  };
  switch (f.error) {
    case TransportError::timeout:
      return {Outcome::transient, with_detail("timed out")};
    case TransportError::resolve:
      return {Outcome::transient, f.host + ": could not resolve host (no network?)"};
    case TransportError::connect:
      return {Outcome::transient, with_detail("could not connect")};
    case TransportError::reset:
      return {Outcome::transient, with_detail("connection reset or closed without an answer")};
    case TransportError::truncated:
      return {Outcome::transient, with_detail("truncated response body")};
    case TransportError::bad_encoding: {
      // Typically a plain body labelled gzip by a server or proxy: the body
      // arrived whole, but cannot be read as what its header says it is.
      const std::string label = f.content_encoding.empty() ? "a Content-Encoding" : "Content-Encoding " + f.content_encoding;
      return {Outcome::transient, with_detail("body labelled " + label + " is not in that encoding")};
    }
    case TransportError::oversize:
      return {Outcome::permanent, f.host + ": response larger than the limit of " +
                                      std::to_string(f.max_body_bytes) + " bytes, refused"};
    case TransportError::tls:
      return {Outcome::permanent, with_detail("TLS failure")};
    case TransportError::refused_redirect:
      return {Outcome::permanent, redirect_message(f, "refused (" + f.detail + ")")};
    case TransportError::bad_url:
      return {Outcome::permanent, with_detail("unusable URL")};
    case TransportError::other:
    case TransportError::none:
      break;
  }
  return {Outcome::transient, with_detail("transfer failed")};
}

std::string status_message(const AttemptFacts& f, std::string_view what) {
  return f.host + ": HTTP " + std::to_string(f.status) + " (" + std::string(what) + ")";
}

}  // namespace

Classification classify(const AttemptFacts& f) {
  if (f.error != TransportError::none) return transport_failure(f);
  const long s = f.status;
  if (s >= 200 && s < 300) return {Outcome::ok, {}};
  if (s == 304) return {Outcome::not_modified, {}};
  if (s == 404) return {Outcome::not_found, status_message(f, "not found")};
  if (s == 429 || s == 503) {
    std::string what = s == 429 ? "too many requests" : "service unavailable";
    if (f.retry_after) what += ", retry after " + std::to_string(f.retry_after->count()) + " ms";
    return {Outcome::rate_limited, status_message(f, what)};
  }
  if (s >= 500 && s < 600) return {Outcome::transient, status_message(f, "server error")};
  if (s >= 300 && s < 400) return {Outcome::permanent, redirect_message(f, "not followed")};
  if (s == 0) return {Outcome::transient, f.host + ": no HTTP response"};
  return {Outcome::permanent, status_message(f, "refused")};
}

}  // namespace scholard::net
