// answer_key: the paper an answer belongs to, from the id a fetcher was given.
#include "daemon/answers.hpp"

#include <gtest/gtest.h>

namespace scholard::daemon {
namespace {

const KeyOfId k_arxiv = {{"2305.16860", "flow-bounds"}, {"hep-th/9901001", "old-style"}};
const KeyOfId k_doi = {{"10.1111/rssb.12345", "jrssb-paper"}};

TEST(AnswerKey, FindsTheCanonicalIdAsAsked) {
  const std::string* key = answer_key(k_arxiv, "2305.16860");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(*key, "flow-bounds");
  key = answer_key(k_doi, "10.1111/rssb.12345");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(*key, "jrssb-paper");
}

TEST(AnswerKey, CanonicalisesTheRequestedSpelling) {
  // A versioned arXiv id, an old-style one, a DOI in upper case and as a URL.
  EXPECT_EQ(*answer_key(k_arxiv, "2305.16860v3"), "flow-bounds");
  EXPECT_EQ(*answer_key(k_arxiv, "hep-th/9901001v2"), "old-style");
  EXPECT_EQ(*answer_key(k_doi, "10.1111/RSSB.12345"), "jrssb-paper");
  EXPECT_EQ(*answer_key(k_doi, "https://doi.org/10.1111/rssb.12345"), "jrssb-paper");
}

TEST(AnswerKey, AnIdNobodyAskedForHasNoKey) {
  EXPECT_EQ(answer_key(k_arxiv, "2401.00001"), nullptr);
  EXPECT_EQ(answer_key(k_doi, "10.1111/rssb.99999"), nullptr);
  // Each source has its own map: an arXiv id is no DOI.
  EXPECT_EQ(answer_key(k_doi, "2305.16860"), nullptr);
}

TEST(AnswerKey, AnUnparsableIdIsLookedUpAsGiven) {
  const KeyOfId odd = {{"not an id", "manual"}};
  ASSERT_NE(answer_key(odd, "not an id"), nullptr);
  EXPECT_EQ(*answer_key(odd, "not an id"), "manual");
  EXPECT_EQ(answer_key(odd, "still not"), nullptr);
}

}  // namespace
}  // namespace scholard::daemon
