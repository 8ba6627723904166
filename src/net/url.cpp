#include "net/url.hpp"

#include <charconv>

#include "core/text.hpp"

namespace scholard::net {
namespace {

// Returns the authority part ("user@host:port") of `rest`, which starts after "://".
std::string_view authority_of(std::string_view rest) {
  const auto end = rest.find_first_of("/?#");
  return end == std::string_view::npos ? rest : rest.substr(0, end);
}

core::Result<std::optional<int>> parse_port(std::string_view digits, std::string_view url) {
  if (digits.empty()) return std::optional<int>{};
  int port = 0;
  const auto* first = digits.data();
  const auto* last = digits.data() + digits.size();
  const auto [ptr, ec] = std::from_chars(first, last, port);
  if (ec != std::errc{} || ptr != last || port <= 0 || port > 65535) {
    return core::fail(core::ErrorCode::invalid_input, "bad port in URL: " + std::string(url));
  }
  return std::optional<int>{port};
}

bool is_ipv4_loopback(std::string_view host) {
  // 127.x.y.z: four dot-separated decimal octets, the first one 127.
  const auto parts = core::split(host, '.');
  if (parts.size() != 4 || parts[0] != "127") return false;
  for (const auto part : parts) {
    int value = -1;
    const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec != std::errc{} || ptr != part.data() + part.size() || value < 0 || value > 255) {
      return false;
    }
  }
  return true;
}

}  // namespace

core::Result<UrlParts> parse_url(std::string_view url) {
  const auto sep = url.find("://");
  if (sep == std::string_view::npos || sep == 0) {
    return core::fail(core::ErrorCode::invalid_input, "not an absolute URL: " + std::string(url));
  }
  UrlParts parts;
  parts.scheme = core::ascii_lower(url.substr(0, sep));
  auto authority = authority_of(url.substr(sep + 3));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  std::string_view host;
  std::string_view port_digits;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) {
      return core::fail(core::ErrorCode::invalid_input, "unterminated IPv6 host in URL: " + std::string(url));
    }
    host = authority.substr(1, close - 1);
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        return core::fail(core::ErrorCode::invalid_input, "bad host in URL: " + std::string(url));
      }
      port_digits = after.substr(1);
    }
  } else {
    const auto colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) port_digits = authority.substr(colon + 1);
  }
  if (host.empty()) {
    return core::fail(core::ErrorCode::invalid_input, "URL without a host: " + std::string(url));
  }
  auto port = parse_port(port_digits, url);
  if (!port) return tl::unexpected(port.error());
  parts.host = core::ascii_lower(host);
  parts.port = *port;
  return parts;
}

std::string url_host(std::string_view url) {
  auto parts = parse_url(url);
  return parts ? parts->host : std::string{};
}

bool is_loopback_host(std::string_view host) {
  std::string lower = core::ascii_lower(host);
  if (lower.size() >= 2 && lower.front() == '[' && lower.back() == ']') {
    lower = lower.substr(1, lower.size() - 2);
  }
  if (!lower.empty() && lower.back() == '.') lower.pop_back();
  return lower == "localhost" || lower == "::1" || is_ipv4_loopback(lower);
}

RedirectDecision decide_redirect(std::string_view target_url, int hops_done, int max_hops) {
  if (hops_done >= max_hops) {
    return {RedirectVerdict::refuse, "too many redirects (more than " + std::to_string(max_hops) + ")"};
  }
  auto target = parse_url(target_url);
  if (!target) {
    return {RedirectVerdict::refuse, "not a usable URL"};
  }
  if (target->scheme == "https") return {RedirectVerdict::follow, {}};
  if (target->scheme == "http" && is_loopback_host(target->host)) return {RedirectVerdict::follow, {}};
  if (target->scheme == "http") {
    return {RedirectVerdict::refuse, "insecure http://" + target->host + ", only https is followed"};
  }
  return {RedirectVerdict::refuse, "unsupported scheme " + target->scheme + "://"};
}

}  // namespace scholard::net
