// When a title match is a proposal (title_match.hpp): the same folded title,
// the researcher among the authors, a corpus id to track it by; and the
// recorded S2 answer for the seed's manual entry makes the proposal the
// pending list shows.
#include "discovery/title_match.hpp"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "fetchers/semanticscholar_parser.hpp"

namespace scholard::discovery {
namespace {

config::Paper manual_entry(std::string title) {
  config::Paper p;
  p.title = std::move(title);
  p.line = 138;
  return p;
}

config::Profile joe() {
  config::Profile p;
  p.name = "Joe Benton";
  return p;
}

// The recorded match answer for "Many-shot Jailbreaking", wrapped as S2's
// /paper/search/match wraps a paper.
fetchers::TitleMatch recorded_match() {
  std::ifstream in(std::string(SCHOLARD_TEST_DATA) + "/seed/semanticscholar/paper-many-shot-jailbreaking.json");
  std::ostringstream body;
  body << in.rdbuf();
  auto paper = fetchers::parse_semanticscholar_paper(body.str());
  EXPECT_TRUE(paper) << paper.error().message;
  fetchers::TitleMatch m;
  m.outcome.status = fetchers::FetchStatus::ok;
  m.outcome.requested = "Many-shot Jailbreaking";
  if (paper) m.outcome.record = paper->record;
  m.match_score = 181.4;
  return m;
}

TEST(TitleMatch, TheSeedEntryIsProposedWithWhereItWasPublished) {
  const auto v = judge_title_match(manual_entry("Many-shot  jailbreaking"), joe(), recorded_match(), "Semantic Scholar");
  ASSERT_TRUE(v.proposal) << v.why_not;
  const store::Candidate& c = *v.proposal;
  EXPECT_EQ(c.key, "CorpusId:269085201");
  EXPECT_EQ(c.arxiv_id, "");
  EXPECT_EQ(c.doi, "");
  EXPECT_EQ(c.year, 2024);
  EXPECT_EQ(c.found_by, "semanticscholar");
  ASSERT_FALSE(c.reasons.empty());
  EXPECT_EQ(c.reasons.front(),
            "Many-shot  jailbreaking: Semantic Scholar has it at NeurIPS 2024; accept to track it");
  EXPECT_EQ(c.reasons.back(), "its authors include Joe Benton");
}

TEST(TitleMatch, AnotherTitleOrAnotherPersonsPaperIsNotProposed) {
  auto other_title = judge_title_match(manual_entry("Many-shot Jailbreaking II"), joe(), recorded_match(), "S2");
  EXPECT_FALSE(other_title.proposal);
  EXPECT_NE(other_title.why_not.find("title differs"), std::string::npos) << other_title.why_not;

  config::Profile someone;
  someone.name = "Ada Lovelace";
  auto not_mine = judge_title_match(manual_entry("Many-shot Jailbreaking"), someone, recorded_match(), "S2");
  EXPECT_FALSE(not_mine.proposal);
  EXPECT_NE(not_mine.why_not.find("do not include Ada Lovelace"), std::string::npos) << not_mine.why_not;

  fetchers::TitleMatch none;
  none.outcome.status = fetchers::FetchStatus::not_found;
  EXPECT_FALSE(judge_title_match(manual_entry("Many-shot Jailbreaking"), joe(), none, "S2").proposal);

  auto no_corpus = recorded_match();
  no_corpus.outcome.record.relations.clear();
  auto v = judge_title_match(manual_entry("Many-shot Jailbreaking"), joe(), no_corpus, "S2");
  EXPECT_FALSE(v.proposal);
  EXPECT_NE(v.why_not.find("no corpus id"), std::string::npos) << v.why_not;
}

TEST(TitleMatch, AnAliasCounts) {
  config::Profile p;
  p.name = "Joseph Benton";
  p.aliases = {"Joe Benton"};
  EXPECT_TRUE(judge_title_match(manual_entry("Many-shot Jailbreaking"), p, recorded_match(), "S2").proposal);
}

}  // namespace
}  // namespace scholard::discovery
