// placeholder_contact_warning: the example's address and reserved example
// domains are warned about, with the file and line of the key; real ones not.
#include <string>

#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace scholard::config {
namespace {

std::optional<std::string> warning_for(const std::string& contact) {
  std::string text(k_minimal);
  const std::string from = "someone@example.org";
  text.replace(text.find(from), from.size(), contact);
  auto cfg = parse(text);
  EXPECT_TRUE(cfg) << (cfg ? "" : cfg.error().message);
  if (!cfg) return std::nullopt;
  cfg->file = "/srv/cfg/test.toml";
  return placeholder_contact_warning(*cfg);
}

TEST(PlaceholderContact, TheExampleAddressIsWarnedAboutWithFileAndLine) {
  auto w = warning_for("scholard-demo@example.org");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->rfind("/srv/cfg/test.toml:3: profile.contact \"scholard-demo@example.org\" is a placeholder: ", 0), 0u)
      << *w;
  EXPECT_NE(w->find("Crossref asks for a real contact address"), std::string::npos) << *w;
}

TEST(PlaceholderContact, ReservedExampleDomainsAreWarnedAbout) {
  for (const char* contact : {"someone@example.org", "a@EXAMPLE.COM", "me@mail.example.net", "x@lab.example",
                              "x@host.invalid", "x@uni.test", "root@localhost.localdomain.test"}) {
    EXPECT_TRUE(warning_for(contact)) << contact;
  }
}

TEST(PlaceholderContact, RealAddressesAreNot) {
  for (const char* contact : {"joe.benton@stats.ox.ac.uk", "me@myexample.org", "a@example.org.uk", "x@testing.io",
                              "someone@notexample.com"}) {
    EXPECT_FALSE(warning_for(contact)) << contact << ": " << warning_for(contact).value_or("");
  }
}

}  // namespace
}  // namespace scholard::config
