// Value checks shared by the section readers (declared in sections.hpp).
#include <algorithm>
#include <string>

#include "config/sections.hpp"
#include "core/text.hpp"

namespace scholard::config {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The host part of an http(s) URL ("" when there is none), brackets kept for IPv6.
std::string_view url_host(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() == '[') return rest.substr(0, rest.find(']') + 1);
  return rest.substr(0, rest.find(':'));
}

}  // namespace

std::optional<int> bounded_int(TableReader& r, std::string_view key, std::string_view example, int lo, int hi) {
  auto value = r.integer(key, example);
  if (!value) return std::nullopt;
  if (*value < lo || *value > hi) {
    r.problem(key, "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi) + ", found " +
                       std::to_string(*value));
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

std::optional<std::string> url_problem(std::string_view url) {
  std::string lower = core::ascii_lower(url);
  if (lower.rfind("http://", 0) != 0 && lower.rfind("https://", 0) != 0) {
    return "expected an http:// or https:// address, found \"" + std::string(url) + "\"";
  }
  if (url_host(url).empty()) return "the address \"" + std::string(url) + "\" has no host";
  if (std::any_of(url.begin(), url.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20; })) {
    return "the address \"" + std::string(url) + "\" contains spaces or control characters";
  }
  return std::nullopt;
}

bool is_loopback_http(std::string_view url) {
  if (core::ascii_lower(url.substr(0, 7)) != "http://") return false;
  const std::string host = core::ascii_lower(url_host(url));
  return host == "localhost" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

std::optional<std::string> email_problem(std::string_view text) {
  if (text.empty()) return "it is empty";
  if (core::ascii_lower(text.substr(0, 7)) == "mailto:") return "write the bare address, without \"mailto:\"";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return "it may only hold printable ASCII without spaces (it goes into an HTTP header)";
    if (std::string_view("<>()[],;:\"\\").find(c) != std::string_view::npos) {
      return std::string("the character '") + c + "' does not belong in an e-mail address";
    }
  }
  const auto at = text.find('@');
  if (at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos) {
    return "an e-mail address has exactly one '@'";
  }
  std::string_view local = text.substr(0, at);
  std::string_view domain = text.substr(at + 1);
  if (local.empty()) return "nothing before the '@'";
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return "the part after '@' must be a domain such as example.org";
  }
  return std::nullopt;
}

std::optional<std::string> normalise_orcid(std::string_view text) {
  std::string_view id = core::trim(text);
  for (std::string_view prefix : {"https://orcid.org/", "http://orcid.org/", "orcid.org/"}) {
    if (core::ascii_lower(id.substr(0, prefix.size())) == prefix) id.remove_prefix(prefix.size());
  }
  if (id.size() != 19) return std::nullopt;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool ok = (i % 5 == 4) ? c == '-' : (is_digit(c) || (i == 18 && (c == 'X' || c == 'x')));
    if (!ok) return std::nullopt;
  }
  std::string out(id);
  if (out.back() == 'x') out.back() = 'X';
  return out;
}

}  // namespace scholard::config
