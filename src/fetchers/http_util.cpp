#include "fetchers/http_util.hpp"

namespace scholard::fetchers {

std::string host_of(std::string_view url) {
  auto scheme = url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  return std::string(rest);
}

std::string describe_failure(const net::Response& response, std::string_view host) {
  if (!response.error.empty()) return response.error;
  if (response.status != 0) return std::string(host) + ": HTTP " + std::to_string(response.status);
  return std::string(host) + ": no response";
}

bool is_transient(net::Outcome outcome) {
  return outcome == net::Outcome::transient || outcome == net::Outcome::rate_limited;
}

std::string percent_encode(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
                            u == '-' || u == '.' || u == '_' || u == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(k_hex[u >> 4]);
      out.push_back(k_hex[u & 0xF]);
    }
  }
  return out;
}

}  // namespace scholard::fetchers
