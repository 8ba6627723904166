// A manual entry Semantic Scholar knows (issue 21): the real scholard binary
// against the fake API server on the seed researcher's answers. "Many-shot
// Jailbreaking" has no arXiv id and no DOI; S2's title match finds it at
// NeurIPS 2024 (tests/data/seed/semanticscholar/paper-many-shot-jailbreaking.json).
//  - The first sync asks one title match and proposes the paper in
//    `pending`; nothing on the page or in the config changes, and no later
//    sync asks again.
//  - `accept CorpusId:...` writes the corpus id into the entry (one line, every
//    other byte kept); the next sync asks S2 for it by that id and the page
//    shows the venue S2 gives, for an entry that leaves venue and year out.
#include <gtest/gtest.h>

#include <filesystem>

#include "integration/faults/site_state.hpp"
#include "support/seed_site.hpp"

namespace scholard::testing {
namespace {

constexpr const char* k_corpus_id = "CorpusId:269085201";
constexpr const char* k_tracked_line = "semanticscholar = \"CorpusId:269085201\"\n";

std::string many_shot_entry(const std::string& page) {
  for (const auto& e : marked_entries(page)) {
    if (e.find("Many-shot Jailbreaking") != std::string::npos) return e;
  }
  return {};
}

std::string without(std::string text, const std::string& piece) {
  if (const auto at = text.find(piece); at != std::string::npos) text.erase(at, piece.size());
  return text;
}

TEST(TitleMatch, ProposesTheManualEntryOnceAndChangesNothing) {
  SeedSite site;
  std::string error;
  ASSERT_TRUE(site.start_server(error)) << error;
  const std::string config_before = slurp_file(site.config());
  const auto r = site.scholard({"sync"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("1 title match proposed (scholard pending)"), std::string::npos) << r.out;
  auto stats = site.server()->stats();
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->semanticscholar.match, 1);
  EXPECT_EQ(stats->semanticscholar.batch, 1);
  EXPECT_EQ(slurp_file(site.config()), config_before) << "never applied silently";
  const std::string entry = many_shot_entry(slurp_file(site.page()));
  EXPECT_NE(entry.find("_Advances in Neural Information Processing Systems_, 2024"), std::string::npos)
      << "the entry as written: " << entry;

  const auto pending = site.scholard({"pending"});
  EXPECT_EQ(pending.exit_code, 0) << pending.err;
  EXPECT_NE(pending.out.find(k_corpus_id), std::string::npos) << pending.out;
  EXPECT_NE(pending.out.find("Many-shot Jailbreaking: Semantic Scholar has it at NeurIPS 2024; accept to track it"),
            std::string::npos)
      << pending.out;
  EXPECT_EQ(pending.out.find("discovery is off"), std::string::npos) << "a proposal needs no [discover]";
  const auto json = site.scholard({"pending", "--json"});
  EXPECT_NE(json.out.find(R"("id":"CorpusId:269085201")"), std::string::npos) << json.out;

  const auto again = site.scholard({"sync", "--force"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  stats = site.server()->stats();
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->semanticscholar.match, 1) << "one title match per entry, ever";

  const auto rejected = site.scholard({"reject", "corpusid:269085201"});
  EXPECT_EQ(rejected.exit_code, 0) << rejected.err;
  EXPECT_NE(site.scholard({"pending"}).out.find("no papers waiting for review"), std::string::npos);
}

TEST(TitleMatch, AcceptTracksTheEntryAndSemanticScholarGivesItsVenue) {
  SeedSiteOptions options;
  // The researcher leaves venue and year to Semantic Scholar.
  options.config_edits = {
      {"venue   = \"Advances in Neural Information Processing Systems\"\nyear    = 2024\n", ""}};
  SeedSite site(options);
  std::string error;
  ASSERT_TRUE(site.start_server(error)) << error;
  ASSERT_EQ(site.scholard({"sync"}).exit_code, 0);
  EXPECT_EQ(many_shot_entry(slurp_file(site.page())).find("Neural Information"), std::string::npos);

  const std::string config_before = slurp_file(site.config());
  const auto accepted = site.scholard({"accept", k_corpus_id});
  ASSERT_EQ(accepted.exit_code, 0) << accepted.out << accepted.err;
  EXPECT_NE(accepted.out.find("tracked by Semantic Scholar"), std::string::npos) << accepted.out;
  const std::string config_after = slurp_file(site.config());
  EXPECT_NE(config_after.find("[[paper]]\n" + std::string(k_tracked_line)), std::string::npos) << config_after;
  EXPECT_EQ(without(config_after, k_tracked_line), config_before) << "one line added, every other byte kept";

  const auto r = site.scholard({"sync"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string entry = many_shot_entry(slurp_file(site.page()));
  EXPECT_NE(entry.find("_Advances in Neural Information Processing Systems_, 2024"), std::string::npos) << entry;
  EXPECT_NE(entry.find("Cem Anil"), std::string::npos) << "the entry's own authors: " << entry;
  EXPECT_NE(site.scholard({"pending"}).out.find("no papers waiting for review"), std::string::npos);

  const auto twice = site.scholard({"accept", k_corpus_id});
  EXPECT_NE(twice.exit_code, 0) << twice.out;
}

}  // namespace
}  // namespace scholard::testing
