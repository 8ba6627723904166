// placeholder_contact_warning (config.hpp): the example's contact address left
// in place. See docs/user-guide.md ("Your contact address").
#include <array>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "core/text.hpp"

namespace scholard::config {
namespace {

// The example config's own address (config/scholard.example.toml).
constexpr std::string_view k_example_contact = "scholard-demo@example.org";

bool ends_with_label(std::string_view domain, std::string_view suffix) {
  if (domain == suffix) return true;
  return domain.size() > suffix.size() && domain.ends_with(suffix) && domain[domain.size() - suffix.size() - 1] == '.';
}

// Domains reserved for documentation and testing (RFC 2606, RFC 6761): mail
// sent there reaches nobody.
bool reserved_domain(std::string_view domain) {
  constexpr std::array<std::string_view, 4> k_second_level = {"example.org", "example.com", "example.net",
                                                              "localhost"};
  constexpr std::array<std::string_view, 3> k_top_level = {"example", "invalid", "test"};
  for (auto d : k_second_level) {
    if (ends_with_label(domain, d)) return true;
  }
  for (auto tld : k_top_level) {
    if (ends_with_label(domain, tld)) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> placeholder_contact_warning(const Config& config) {
  const std::string contact = core::ascii_lower(config.profile.contact);
  const auto at = contact.rfind('@');
  if (at == std::string::npos) return std::nullopt;
  if (contact != k_example_contact && !reserved_domain(std::string_view(contact).substr(at + 1))) return std::nullopt;
  std::string where = config.file.empty() ? std::string("config") : config.file.string();
  if (config.profile.contact_line > 0) where += ":" + std::to_string(config.profile.contact_line);
  return where + ": profile.contact \"" + config.profile.contact +
         "\" is a placeholder: Crossref asks for a real contact address (it is sent as mailto: so that "
         "Crossref can reach you before blocking traffic); set [profile] contact to your own e-mail";
}

}  // namespace scholard::config
