// Discovery's pure part: listed detection (ids, preprint/published pairs,
// titles), scoring, bands and homonym rejection.
#include <gtest/gtest.h>

#include "discovery/discovery_score.hpp"

namespace scholard::discovery {
namespace {

core::Author author(std::string name, std::string orcid = {}) {
  core::Author a;
  a.name = std::move(name);
  a.orcid = std::move(orcid);
  return a;
}

core::Record arxiv(std::string id, std::string title, std::vector<std::string> names, std::vector<std::string> cats,
                   std::string doi = {}) {
  core::Record r;
  r.source = "arxiv";
  r.arxiv_id = std::move(id);
  r.title = std::move(title);
  for (auto& n : names) r.authors.push_back(author(std::move(n)));
  r.primary_category = cats.empty() ? std::string() : cats.front();
  r.categories = std::move(cats);
  r.doi = std::move(doi);
  r.published = {2024, 1, 1};
  return r;
}

core::Record crossref(std::string doi, std::string title, std::vector<core::Author> authors,
                      std::vector<core::Relation> relations = {}) {
  core::Record r;
  r.source = "crossref";
  r.doi = std::move(doi);
  r.title = std::move(title);
  r.type = "journal-article";
  r.authors = std::move(authors);
  r.relations = std::move(relations);
  r.venue = "Journal of Examples";
  r.published = {2025, 2, 0};
  return r;
}

config::Config researcher_config() {
  config::Config cfg;
  cfg.profile.name = "Joe Benton";
  cfg.profile.aliases = {"Joseph Benton", "J. Benton"};
  cfg.profile.orcid = "0000-0002-1825-0097";
  config::Paper listed_arxiv;
  listed_arxiv.arxiv = core::ArxivId{"2305.16860", 0, false};
  config::Paper listed_doi;
  listed_doi.doi = core::Doi{"10.1093/jrsssb/qkae005"};
  config::Paper manual;
  manual.title = "Many-shot Jailbreaking";
  manual.authors = {"Cem Anil", "Esin Durmus", "Joe Benton", "others"};
  cfg.papers = {listed_arxiv, listed_doi, manual};
  return cfg;
}

// The store's view of the listed papers: what arXiv said about 2305.16860 and
// what Crossref said about the JRSSB paper (with its arXiv preprint).
std::vector<store::PaperDetail> stored_records() {
  store::PaperDetail flow;
  flow.key = "2305.16860";
  flow.records.push_back({"arxiv", {},
                          arxiv("2305.16860", "Error Bounds for Flow Matching Methods",
                                {"Joe Benton", "George Deligiannidis", "Arnaud Doucet"}, {"stat.ML", "cs.LG"})});
  store::PaperDetail jrssb;
  jrssb.key = "10.1093/jrsssb/qkae005";
  jrssb.records.push_back(
      {"crossref", {},
       crossref("10.1093/jrsssb/qkae005", "From denoising diffusions to denoising Markov models",
                {author("Joe Benton"), author("Yuyang Shi"), author("Valentin De Bortoli"), author("Arnaud Doucet")},
                {{"has-preprint", "arxiv", "2211.03595"}})});
  return {flow, jrssb};
}

class Scoring : public ::testing::Test {
 protected:
  config::Config cfg = researcher_config();
  Researcher me = researcher_of(cfg.profile);
  ListedPapers listed = listed_papers(cfg, stored_records(), me);

  Score score_of(FoundPaper p) { return score_paper(p, me, listed); }
};

TEST(InitialsKey, FamilyNameAndFirstInitialAfterFolding) {
  EXPECT_EQ(initials_key("Arnaud Doucet"), "doucet a");
  EXPECT_EQ(initials_key("A. Doucet"), "doucet a");
  EXPECT_EQ(initials_key("Valentin De Bortoli"), "bortoli v");
  EXPECT_EQ(initials_key("Jöe Bentón"), "benton j");
  EXPECT_EQ(initials_key("Anthropic"), "anthropic");
  EXPECT_EQ(initials_key("  "), "");
}

TEST_F(Scoring, ListedPapersKnowIdsCoauthorsAndCategoriesButNotTheResearcher) {
  EXPECT_TRUE(listed.ids.count("2305.16860"));
  EXPECT_TRUE(listed.ids.count("10.1093/jrsssb/qkae005"));
  EXPECT_TRUE(listed.ids.count("2211.03595"));  // from the Crossref record's has-preprint
  EXPECT_TRUE(listed.coauthor_names.count("doucet a"));
  EXPECT_EQ(listed.coauthor_papers.at("doucet a"), 2);
  EXPECT_TRUE(listed.coauthor_names.count("anil c"));  // a manual entry's authors count too
  EXPECT_FALSE(listed.coauthor_names.count("benton j"));
  EXPECT_FALSE(listed.coauthor_names.count("others"));
  EXPECT_EQ(listed.categories, (std::set<std::string>{"stat.ML", "cs.LG"}));
}

TEST_F(Scoring, ListedByArxivIdDoiOrTitle) {
  EXPECT_TRUE(is_listed({arxiv("2305.16860", "Error Bounds", {"Joe Benton"}, {}), {}}, listed));
  EXPECT_TRUE(is_listed({{}, crossref("10.1093/JRSSSB/qkae005", "X", {})}, listed));
  EXPECT_TRUE(is_listed({arxiv("2406.00001", "Many-Shot  Jailbreaking", {"Cem Anil"}, {}), {}}, listed));
  EXPECT_FALSE(is_listed({arxiv("2406.00002", "A New Paper", {"Joe Benton"}, {}), {}}, listed));
  // A short generic title never matches by title alone.
  cfg.papers[2].title = "Errata";
  auto short_title = listed_papers(cfg, {}, me);
  EXPECT_FALSE(is_listed({arxiv("2406.00003", "Errata", {"Joe Benton"}, {}), {}}, short_title));
}

TEST_F(Scoring, PreprintPublishedPairsCountAsListed) {
  // An arXiv record whose DOI (its published version) is listed.
  EXPECT_TRUE(is_listed({arxiv("2211.99999", "Markov", {"Joe Benton"}, {}, "10.1093/jrsssb/qkae005"), {}}, listed));
  // The listed JRSSB paper's preprint, found by the arXiv search.
  EXPECT_TRUE(is_listed({arxiv("2211.03595", "From Denoising Diffusions", {"Joe Benton"}, {}), {}}, listed));
  // A Crossref work whose has-preprint names a listed arXiv id.
  EXPECT_TRUE(is_listed({{}, crossref("10.5555/published", "Flow", {}, {{"has-preprint", "arxiv", "2305.16860"}})},
                        listed));
  // A Crossref-registered preprint whose is-preprint-of names a listed DOI.
  EXPECT_TRUE(is_listed(
      {{}, crossref("10.5555/preprint", "P", {}, {{"is-preprint-of", "doi", "10.1093/jrsssb/qkae005"}})}, listed));
  // Other relation types (citations, reviews) do not make it the same paper.
  EXPECT_FALSE(
      is_listed({{}, crossref("10.5555/review", "R", {}, {{"references", "doi", "10.1093/jrsssb/qkae005"}})}, listed));
}

TEST_F(Scoring, TheResearchersUnlistedPaperIsLikelyWithReasons) {
  const Score s = score_of({arxiv("2409.99101", "Discrete", {"Joe Benton", "George Deligiannidis", "A. Doucet"},
                                  {"stat.ML", "math.PR"}),
                            {}});
  EXPECT_EQ(s.points, k_exact_name_points + 2 * k_coauthor_points + k_category_points);
  EXPECT_EQ(s.band, Band::likely);
  EXPECT_EQ(s.reasons, (std::vector<std::string>{"name matches (Joe Benton)",
                                                 "2 co-authors shared with your papers (A. Doucet, George Deligiannidis)",
                                                 "category stat.ML"}));
}

TEST_F(Scoring, OrcidMatchMakesACrossrefOnlyWorkLikely) {
  const Score s = score_of({{}, crossref("10.5555/x", "T", {author("Joe Benton", "0000-0002-1825-0097"), author("Hannah Lee")})});
  EXPECT_EQ(s.points, k_orcid_match_points + k_exact_name_points);
  EXPECT_EQ(s.band, Band::likely);
  EXPECT_EQ(s.reasons.front(), "ORCID matches");
}

TEST_F(Scoring, HomonymsAreNeverLikely) {
  // Same spelling as an alias, another field, strangers as co-authors.
  const Score same_name = score_of({arxiv("2311.99201", "Higgs", {"M. Okafor", "J. Benton", "L. Schneider"},
                                          {"hep-ph", "hep-ex"}),
                                    {}});
  EXPECT_EQ(same_name.points, k_exact_name_points);
  EXPECT_EQ(same_name.band, Band::unlikely);
  EXPECT_EQ(same_name.reasons.back(), "no co-author or category in common with your papers");
  // Only the initial agrees.
  const Score initial = score_of({arxiv("2405.99202", "Dwarfs", {"Jessica Benton", "Rafael Alvarez"}, {"astro-ph.GA"}), {}});
  EXPECT_EQ(initial.points, k_initial_name_points);
  EXPECT_EQ(initial.band, Band::unlikely);
  // Someone of that name with another ORCID, even in a shared category.
  const Score other_orcid = score_of(
      {arxiv("2407.00001", "ML", {"Joe Benton"}, {"cs.LG"}),
       crossref("10.5555/other", "ML", {author("Joe Benton", "0000-0001-5109-3700")})});
  EXPECT_EQ(other_orcid.points, 0);  // 20 + 10 - 40, floored at 0
  EXPECT_EQ(other_orcid.reasons.front(), "Joe Benton has ORCID 0000-0001-5109-3700, not yours");
  EXPECT_LT(same_name.points, k_possible_score);
}

TEST_F(Scoring, CoauthorAndCategoryPointsAreCapped) {
  config::Paper many;
  many.title = "Many Authors Paper";
  many.authors = {"Joe Benton", "Aa One", "Bb Two", "Cc Three", "Dd Four", "Ee Five"};
  cfg.papers.push_back(many);
  listed = listed_papers(cfg, stored_records(), me);
  const Score s = score_of({arxiv("2501.00001", "New", {"Joe Benton", "Aa One", "Bb Two", "Cc Three", "Dd Four", "Ee Five"},
                                  {"stat.ML", "cs.LG", "stat.ML"}),
                            {}});
  EXPECT_EQ(s.points, k_exact_name_points + k_max_coauthor_points + k_max_category_points);
  EXPECT_NE(s.reasons[1].find("5 co-authors shared with your papers ("), std::string::npos);
  EXPECT_NE(s.reasons[1].find(", ...)"), std::string::npos);
  EXPECT_EQ(s.reasons[2], "categories stat.ML, cs.LG");
  EXPECT_GE(s.points, k_auto_accept_score);
}

TEST(Bands, Thresholds) {
  EXPECT_EQ(band_of(k_likely_score), Band::likely);
  EXPECT_EQ(band_of(k_likely_score - 1), Band::possible);
  EXPECT_EQ(band_of(k_possible_score), Band::possible);
  EXPECT_EQ(band_of(k_possible_score - 1), Band::unlikely);
  EXPECT_EQ(to_string(Band::unlikely), "unlikely");
}

TEST(MergeFound, CrossrefWorksJoinTheirArxivRecord) {
  const auto found = merge_found(
      {arxiv("2409.00001", "A", {"Joe Benton"}, {"cs.LG"}, "10.5555/a"), arxiv("2409.00002", "B", {"Joe Benton"}, {})},
      {crossref("10.5555/a", "A", {}),                                                    // same DOI
       crossref("10.5555/b", "B", {}, {{"has-preprint", "arxiv", "2409.00002"}}),          // relation
       crossref("10.5555/c", "C", {}),                                                    // Crossref only
       [] {
         auto review = crossref("10.5555/review", "Review of A", {});
         review.type = "peer-review";
         return review;
       }()});
  ASSERT_EQ(found.size(), 3u);
  EXPECT_TRUE(found[0].crossref && found[0].crossref->doi == "10.5555/a");
  EXPECT_TRUE(found[1].crossref && found[1].crossref->doi == "10.5555/b");
  EXPECT_EQ(found[2].key(), "10.5555/c");
  EXPECT_EQ(found[1].key(), "2409.00002");
  const auto c = to_candidate(found[1], {});
  EXPECT_EQ(c.arxiv_id, "2409.00002");
  EXPECT_EQ(c.doi, "10.5555/b");
  EXPECT_EQ(c.found_by, "arxiv+crossref");
  EXPECT_EQ(c.year, 2025);  // the published version's year
  EXPECT_EQ(c.url, "https://arxiv.org/abs/2409.00002");
}

}  // namespace
}  // namespace scholard::discovery
