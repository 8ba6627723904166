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

bool failed_despite_status(const net::Response& response) {
  const bool accepted = response.outcome == net::Outcome::ok || response.outcome == net::Outcome::not_modified;
  return !accepted && response.status >= 200 && response.status < 400;
}

std::string answered_for_other(std::string_view source, const std::vector<std::string>& answered,
                               std::string_view asked) {
  constexpr std::size_t k_named = 3;
  std::string ids;
  for (std::size_t i = 0; i < answered.size() && i < k_named; ++i) {
    if (i > 0) ids += ", ";
    ids += answered[i];
  }
  if (answered.size() > k_named) ids += " and " + std::to_string(answered.size() - k_named) + " more";
  if (ids.empty()) ids = "a paper without an id";
  return std::string(source) + " answered for " + ids + " when asked for " + std::string(asked);
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
