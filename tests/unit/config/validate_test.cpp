// The rules beyond types: required keys, bounds, e-mail, polite arXiv
// interval, unique outputs, ids in the right keys, discover and hook sanity.
#include <string>

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "config_test_support.hpp"

namespace scholard::config {
namespace {

using testing::HasSubstr;

// The message of parsing `text`, which must fail.
std::string error_of(const std::string& text) {
  auto config = parse(text);
  EXPECT_FALSE(config) << "parsed without error:\n" << text;
  return config ? std::string() : config.error().message;
}

const std::string k_profile = "[profile]\nname = \"Joe Benton\"\ncontact = \"someone@example.org\"\n";
const std::string k_output = "[[output]]\nformat = \"markdown\"\npath = \"research.md\"\n";

TEST(ConfigValidation, ProfileNameAndContactAreRequired) {
  const std::string m = error_of(k_output);
  EXPECT_THAT(m, HasSubstr("test.toml: key `profile.name`: is required; write e.g. name = \"Joe Benton\""));
  EXPECT_THAT(m, HasSubstr("test.toml: key `profile.contact`: is required"));
  EXPECT_THAT(error_of("[profile]\nname = \"  \"\ncontact = \"a@b.org\"\n" + k_output),
              HasSubstr("test.toml:2: key `profile.name`: must not be empty"));
}

TEST(ConfigValidation, ContactMustLookLikeAnEmail) {
  const std::pair<const char*, const char*> cases[] = {
      {"someone", "exactly one '@'"},
      {"someone@localhost", "a domain such as example.org"},
      {"@example.org", "nothing before the '@'"},
      {"mailto:someone@example.org", "without \"mailto:\""},
      {"some one@example.org", "without spaces"},
      {"a@b@example.org", "exactly one '@'"},
      {"<someone@example.org>", "'<' does not belong"},
  };
  for (const auto& [contact, reason] : cases) {
    SCOPED_TRACE(contact);
    const std::string m =
        error_of("[profile]\nname = \"Joe Benton\"\ncontact = \"" + std::string(contact) + "\"\n" + k_output);
    EXPECT_THAT(m, HasSubstr("test.toml:3: key `profile.contact`: expected an e-mail address"));
    EXPECT_THAT(m, HasSubstr(reason));
  }
}

TEST(ConfigValidation, OrcidFormat) {
  EXPECT_THAT(error_of("[profile]\nname = \"J\"\ncontact = \"a@b.org\"\norcid = \"0000-0002-1825\"\n" + k_output),
              HasSubstr("test.toml:4: key `profile.orcid`: expected an ORCID iD such as"));
  auto ok = parse("[profile]\nname = \"J\"\ncontact = \"a@b.org\"\norcid = \"0000-0002-1694-233x\"\n" + k_output);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->profile.orcid, "0000-0002-1694-233X");
}

TEST(ConfigValidation, AtLeastOneOutputWithUniquePaths) {
  EXPECT_THAT(error_of(k_profile), HasSubstr("test.toml: key `output`: at least one [[output]] is required"));
  EXPECT_THAT(error_of(k_profile + "output = []\n"), HasSubstr("at least one [[output]] is required"));
  EXPECT_THAT(error_of(k_profile + "[output]\nformat = \"json\"\npath = \"a.json\"\n"),
              HasSubstr("test.toml:4: key `output`: expected tables, each written [[output]], found a table (written "
                        "[output] with single brackets)"));
  // The same file spelt two ways.
  const std::string m = error_of(k_profile + k_output + "[[output]]\nformat = \"bibtex\"\npath = \"./x/../research.md\"\n");
  EXPECT_THAT(m, HasSubstr("test.toml:9: key `output[2].path`: \"/srv/cfg/research.md\" is also the path of the "
                           "[[output]] at line 4"));
  EXPECT_THAT(error_of(k_profile + "[[output]]\nformat = \"json\"\n"),
              HasSubstr("test.toml:4: key `output[1].path`: is required"));
  EXPECT_THAT(error_of(k_profile + k_output + "max_authors = 0\n"),
              HasSubstr("test.toml:7: key `output[1].max_authors`: expected an integer from 1 to 100000, found 0"));
}

TEST(ConfigValidation, ArxivPolitenessAndBounds) {
  const std::string base = k_profile + k_output;
  EXPECT_THAT(error_of(base + "[sources.arxiv]\nmin_interval = \"500ms\"\n"),
              HasSubstr("test.toml:8: key `sources.arxiv.min_interval`: must be at least \"1s\""));
  EXPECT_THAT(error_of(base + "[sources.arxiv]\nbase_url = \"https://127.0.0.1/api\"\nmin_interval = \"500ms\"\n"),
              HasSubstr("must be at least \"1s\""));  // loopback, but not plain http
  for (const char* url : {"http://127.0.0.1:41234/api/query", "http://localhost:8080/api/query", "http://[::1]:9/q"}) {
    auto ok = parse(base + "[sources.arxiv]\nbase_url = \"" + url + "\"\nmin_interval = \"20ms\"\n");
    ASSERT_TRUE(ok) << url << ": " << ok.error().message;
    EXPECT_EQ(ok->sources.arxiv.min_interval, std::chrono::milliseconds{20});
  }
  EXPECT_THAT(error_of(base + "[sources.arxiv]\nbatch_size = 501\n"),
              HasSubstr("key `sources.arxiv.batch_size`: expected an integer from 1 to 500, found 501"));
  EXPECT_THAT(error_of(base + "[sources.arxiv]\nbatch_size = 0\n"), HasSubstr("from 1 to 500, found 0"));
  EXPECT_THAT(error_of(base + "[sources.crossref]\nconcurrency = 0\n"), HasSubstr("from 1 to 10, found 0"));
  EXPECT_THAT(error_of(base + "[sources.crossref]\nbatch = 101\n"),
              HasSubstr("key `sources.crossref.batch`: expected an integer from 1 to 100, found 101"));
  EXPECT_THAT(error_of(base + "[sources.crossref]\nbatch = 0\n"), HasSubstr("from 1 to 100, found 0"));
  auto one = parse(base + "[sources.crossref]\nbatch = 1\n");
  ASSERT_TRUE(one) << one.error().message;
  EXPECT_EQ(one->sources.crossref.batch, 1);
  EXPECT_THAT(error_of(base + "[sources.crossref]\nbase_url = \"ftp://api.crossref.org\"\n"),
              HasSubstr("key `sources.crossref.base_url`: expected an http:// or https:// address"));
  EXPECT_THAT(error_of(base + "[sources.arxv]\n"), HasSubstr("key `sources.arxv`: unknown key; did you mean `arxiv`?"));
}

TEST(ConfigValidation, ScheduleAndHook) {
  const std::string base = k_profile + k_output;
  EXPECT_THAT(error_of(base + "[schedule]\nrefresh = \"0s\"\n"),
              HasSubstr("key `schedule.refresh`: must be longer than zero"));
  EXPECT_THAT(error_of(base + "[hook]\non_change = [\"\", \"build\"]\n"),
              HasSubstr("key `hook.on_change`: the first element is the program to run"));
  EXPECT_THAT(error_of(base + "[hook]\non_change = [\"make\", 3]\n"),
              HasSubstr("test.toml:8: key `hook.on_change[2]`: expected a string, found an integer (3)"));
  EXPECT_THAT(error_of(base + "[hook]\ntimeout = \"0s\"\n"), HasSubstr("key `hook.timeout`: must be longer than zero"));
}

TEST(ConfigValidation, DiscoverNeedsSomethingToWatch) {
  const std::string base = k_profile + k_output;
  EXPECT_THAT(error_of(base + "[discover]\ninterval = \"1d\"\n"),
              HasSubstr("test.toml:7: key `discover`: has nothing to watch"));
  EXPECT_THAT(error_of(base + "[discover]\norcid = true\n"),
              HasSubstr("key `discover.orcid`: is true, but [profile] has no orcid"));
  auto ok = parse(base + "[discover]\narxiv_query = \"au:Benton_J\"\n");
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_TRUE(ok->discover.enabled);
  EXPECT_FALSE(ok->discover.orcid);
}

TEST(ConfigValidation, PaperIdsGoInTheRightKeys) {
  const std::string base = k_profile + k_output + "[[paper]]\n";
  EXPECT_THAT(error_of(base + "arxiv = \"10.1093/jrsssb/qkae005\"\n"),
              HasSubstr("test.toml:8: key `paper[1].arxiv`: \"10.1093/jrsssb/qkae005\" is a DOI, not an arXiv id; "
                        "write doi = \"10.1093/jrsssb/qkae005\""));
  EXPECT_THAT(error_of(base + "doi = \"2308.03686\"\n"),
              HasSubstr("it looks like an arXiv id: write arxiv = \"2308.03686\""));
  EXPECT_THAT(error_of(base + "arxiv = \"2308.03686\"\ndoi = \"10.48550/arXiv.2305.16860\"\n"),
              HasSubstr("key `paper[1].doi`: is arXiv's DOI for 2305.16860, but arxiv = \"2308.03686\""));
  EXPECT_THAT(error_of(base + "arxiv = \"1501.1234\"\n"),
              HasSubstr("test.toml:8: key `paper[1].arxiv`: '1501.1234' is not a valid arXiv id: ids from 1501 have 5 "
                        "digits after the dot, not 4"));
  EXPECT_THAT(error_of(base + "doi = \"10.abc/x\"\n"), HasSubstr("the prefix after '10.' must be digits"));
  // Accepted forms: a link or arXiv's DOI in `arxiv`; a resolver link in `doi`.
  auto ok = parse(base + "arxiv = \"https://doi.org/10.48550/arXiv.2308.03686\"\n[[paper]]\narxiv = "
                         "\"https://arxiv.org/pdf/2305.16860v2.pdf\"\n");
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->papers[0].key(), "2308.03686");
  EXPECT_EQ(ok->papers[1].arxiv->versioned(), "2305.16860v2");
}

TEST(ConfigValidation, PaperOverrides) {
  const std::string base = k_profile + k_output + "[[paper]]\narxiv = \"2210.06226\"\n";
  EXPECT_THAT(error_of(base + "authors = [\"others\", \"Joe Benton\"]\n"),
              HasSubstr("key `paper[1].authors`: \"others\" (meaning et al.) may only be the last element"));
  EXPECT_THAT(error_of(base + "authors = [\"Joe Benton\"]\nequal_contribution = [\"Yuyang Shi\"]\n"),
              HasSubstr("key `paper[1].equal_contribution`: \"Yuyang Shi\" is not one of this paper's authors"));
  EXPECT_THAT(error_of(base + "year = 24\n"), HasSubstr("key `paper[1].year`: expected an integer from 1000 to 9999"));
  EXPECT_THAT(error_of(base + "url = \"www.jmlr.org/papers/v24\"\n"),
              HasSubstr("key `paper[1].url`: expected an http:// or https:// address"));
  EXPECT_THAT(error_of(base + "max_authors = 0\n"), HasSubstr("key `paper[1].max_authors`: expected an integer from 1"));
  EXPECT_THAT(error_of(base + "pages = 1.5\n"),
              HasSubstr("key `paper[1].pages`: expected a string or an integer such as \"1-83\", found a float"));
  // Accents and case are folded when matching equal_contribution to authors.
  auto ok = parse(base + "authors = [\"Kamélia Daudel\", \"Joe Benton\"]\nequal_contribution = [\"kamelia daudel\"]\n");
  ASSERT_TRUE(ok) << ok.error().message;
}

}  // namespace
}  // namespace scholard::config
