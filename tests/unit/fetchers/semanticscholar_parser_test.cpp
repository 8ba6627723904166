// Semantic Scholar's JSON → Records against real recorded answers
// (tests/data/semanticscholar/), the venue rule, DBLP years, JMLR pages and
// the venue table.
#include "fetchers/semanticscholar_parser.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "fake_http.hpp"
#include "fetchers/semanticscholar_venues.hpp"

namespace scholard::fetchers {
namespace {

using testing::read_data;

std::string s2_data(const std::string& name) { return read_data("semanticscholar/" + name); }

core::Record parse_one(const std::string& file) {
  auto p = parse_semanticscholar_paper(s2_data(file));
  EXPECT_TRUE(p) << (p ? "" : p.error().message);
  return p ? p->record : core::Record{};
}

bool has_relation(const core::Record& r, const std::string& id_type, const std::string& id) {
  return std::find(r.relations.begin(), r.relations.end(), core::Relation{"indexed-as", id_type, id}) !=
         r.relations.end();
}

TEST(S2Parser, BatchAnswersInOrderWithNullForUnknownIds) {
  auto batch = parse_semanticscholar_batch(s2_data("paper-batch-4ids-first-null-not-found.json"));
  ASSERT_TRUE(batch) << batch.error().message;
  ASSERT_EQ(batch->size(), 4u);
  EXPECT_FALSE((*batch)[0].has_value());
  for (std::size_t i = 1; i < 4; ++i) {
    ASSERT_TRUE((*batch)[i].has_value()) << i;
    EXPECT_EQ((*batch)[i]->record.source, "semanticscholar");
    EXPECT_EQ((*batch)[i]->raw_hash.rfind("xxh3:", 0), 0u);
  }
  const core::Record& r = (*batch)[1]->record;
  EXPECT_EQ(r.title, "How Much Should We Trust Differences-in-Differences Estimates?");
  EXPECT_EQ(r.doi, "10.2139/ssrn.288970");
  EXPECT_EQ(r.url, "https://www.semanticscholar.org/paper/c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce");
  ASSERT_EQ(r.authors.size(), 3u);
  EXPECT_EQ(r.authors[0].name, "Marianne Bertrand");
  EXPECT_TRUE(r.authors[0].given.empty());
  EXPECT_TRUE(r.authors[0].family.empty());
  // venue "" and no publicationVenue, but journal.name: published there, and
  // with neither arXiv id nor DBLP key S2's date is the venue's.
  EXPECT_EQ(r.venue, "Experimental & Empirical Studies eJournal");
  EXPECT_EQ(r.venue_short, "");
  EXPECT_EQ(r.type, "journal-article");
  EXPECT_EQ(r.published.iso(), "2001-10-01");
  EXPECT_TRUE(has_relation(r, "semanticscholar", "c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce"));
  // And the corpus id (externalIds.CorpusId) a manual entry is tracked by.
  EXPECT_TRUE(has_relation(r, "semanticscholar-corpus", "CorpusId:470667"));
  EXPECT_EQ(r.relations.size(), 2u);
  EXPECT_NE((*batch)[1]->raw_hash, (*batch)[2]->raw_hash);
}

TEST(S2Parser, JournalVersionOfAnArxivPaperTakesTheTableNameAndTheDblpYear) {
  const core::Record r = parse_one("paper-DOI-10.1038_s42256-024-00832-8-published-journal-with-arxiv.json");
  EXPECT_EQ(r.title, "Augmenting large language models with chemistry tools");
  EXPECT_EQ(r.arxiv_id, "2304.05376");
  EXPECT_EQ(r.doi, "10.1038/s42256-024-00832-8");
  // venue "Nat. Mac. Intell." (abbreviated) vs journal.name: the table's full name.
  EXPECT_EQ(r.venue, "Nature Machine Intelligence");
  EXPECT_EQ(r.type, "journal-article");
  // year 2023 / publicationDate 2023-04-11 are arXiv's; the DBLP key says 2024.
  EXPECT_EQ(r.published.iso(), "2024");
  EXPECT_EQ(r.volume, "6");
  EXPECT_EQ(r.issue, "");
  EXPECT_EQ(r.pages, "525-535");
  EXPECT_TRUE(has_relation(r, "dblp", "journals/natmi/BranCSBWS24"));
  EXPECT_TRUE(has_relation(r, "semanticscholar", "354dcdebf3f8b5feeed5c62090e0bc1f0c28db06"));
  ASSERT_EQ(r.authors.size(), 6u);
  EXPECT_EQ(r.authors[0].name, "Andr\xC3\xA9s M Bran");
}

TEST(S2Parser, PreprintOnlyHasNoVenueYearOrVolume) {
  const core::Record r = parse_one("paper-DOI-10.48550_arxiv.2312.07559-preprint-only.json");
  EXPECT_EQ(r.type, "preprint");
  EXPECT_EQ(r.arxiv_id, "2312.07559");
  EXPECT_EQ(r.doi, "");  // arXiv's own DOI is not a venue's
  EXPECT_EQ(r.venue, "");
  EXPECT_EQ(r.venue_short, "");
  EXPECT_TRUE(r.published.empty());
  EXPECT_EQ(r.volume, "");
  EXPECT_EQ(r.pages, "");
  EXPECT_TRUE(has_relation(r, "dblp", "journals/corr/abs-2312-07559"));
}

TEST(S2Parser, EmptyVenueWithJournalNameIsThatJournal) {
  const core::Record r = parse_one("paper-DOI-10.1063_1.4938384-venue-empty-journal-set.json");
  EXPECT_EQ(r.venue, "Journal of Applied Physics");
  EXPECT_EQ(r.type, "journal-article");
  EXPECT_EQ(r.volume, "118");
  EXPECT_EQ(r.pages, "235306");
  EXPECT_EQ(r.published.iso(), "2015-12-21");
  EXPECT_EQ(r.doi, "10.1063/1.4938384");
}

TEST(S2Parser, NoAuthorsAndJournalNamePreferredToVenue) {
  const core::Record r = parse_one("paper-DOI-10.1007_s40278-023-41815-2-no-authors.json");
  EXPECT_TRUE(r.authors.empty());
  EXPECT_EQ(r.venue, "Reactions Weekly");  // journal.name before `venue` ("Reactions weekly")
  EXPECT_EQ(r.pages, "145-145");
  EXPECT_EQ(r.volume, "1962");
}

TEST(S2Parser, TitleMatchGivesThePaperAndItsScore) {
  auto m = parse_semanticscholar_match(s2_data("paper-search-match-attention-is-all-you-need.json"));
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_DOUBLE_EQ(m->match_score, 133.32033);
  const core::Record& r = m->paper.record;
  EXPECT_EQ(r.title, "Attention is All you Need");
  EXPECT_EQ(r.arxiv_id, "1706.03762");
  ASSERT_EQ(r.authors.size(), 8u);
  // S2 says "Neural Information Processing Systems" but its only DBLP key is
  // the CoRR one: no evidence of the venue edition, so not published here.
  EXPECT_EQ(r.type, "preprint");
  EXPECT_EQ(r.venue, "");

  auto titled = parse_semanticscholar_match(s2_data("paper-search-match-title-200.json"));
  ASSERT_TRUE(titled);
  EXPECT_EQ(titled->paper.record.title, "Mining association rules between sets of items in large databases");
  EXPECT_FALSE(parse_semanticscholar_match(s2_data("paper-search-match-404-title-match-not-found.json")));
}

const core::Record* by_dblp(const std::vector<S2Paper>& papers, const std::string& key) {
  for (const S2Paper& p : papers) {
    if (has_relation(p.record, "dblp", key)) return &p.record;
  }
  return nullptr;
}

TEST(S2Parser, EveryRecordOfAHundredRecordSearchParsesAndResolvesSensibly) {
  auto papers = parse_semanticscholar_list(s2_data("paper-search-turing-all-fields-100-2026-03.json"));
  ASSERT_TRUE(papers) << papers.error().message;
  ASSERT_EQ(papers->size(), 100u);
  int published = 0;
  for (const S2Paper& p : *papers) {
    const core::Record& r = p.record;
    EXPECT_EQ(r.source, "semanticscholar");
    EXPECT_FALSE(r.title.empty());
    if (r.type == "preprint") {
      EXPECT_TRUE(r.venue.empty() && r.volume.empty() && r.pages.empty() && r.published.empty()) << r.title;
      continue;
    }
    ++published;
    EXPECT_TRUE(r.type == "journal-article" || r.type == "proceedings-article") << r.type;
    EXPECT_FALSE(r.venue.empty()) << r.title;
    EXPECT_FALSE(is_preprint_venue_name(r.venue)) << r.venue;
    EXPECT_EQ(r.venue.find("&amp;"), std::string::npos) << r.venue;
    EXPECT_EQ(r.volume.rfind("abs/", 0), std::string::npos) << r.volume;
    EXPECT_EQ(r.pages.find('\n'), std::string::npos) << r.pages;
  }
  EXPECT_GT(published, 50);

  const core::Record* iclr = by_dblp(*papers, "conf/iclr/PerezMB19");
  ASSERT_NE(iclr, nullptr);
  EXPECT_EQ(iclr->venue, "International Conference on Learning Representations");
  EXPECT_EQ(iclr->venue_short, "ICLR");
  EXPECT_EQ(iclr->type, "proceedings-article");
  EXPECT_EQ(iclr->published.iso(), "2019");
  EXPECT_EQ(iclr->volume, "");  // journal {ArXiv, abs/1901.03429} is arXiv's
  EXPECT_TRUE(has_relation(*iclr, "semanticscholar-venue", "939c6e1d-0d17-4d6e-8a82-66d960df0e40"));

  const core::Record* jmlr = by_dblp(*papers, "journals/jmlr/PerezBM21");
  ASSERT_NE(jmlr, nullptr);
  EXPECT_EQ(jmlr->venue, "Journal of Machine Learning Research");
  EXPECT_EQ(jmlr->venue_short, "JMLR");
  EXPECT_EQ(jmlr->type, "journal-article");
  EXPECT_EQ(jmlr->published.iso(), "2021");
  EXPECT_EQ(jmlr->volume, "22");
  EXPECT_EQ(jmlr->issue, "75");
  EXPECT_EQ(jmlr->pages, "1-35");

  const core::Record* nips = by_dblp(*papers, "conf/nips/ChungS21");
  ASSERT_NE(nips, nullptr);
  EXPECT_EQ(nips->venue, "Advances in Neural Information Processing Systems");
  EXPECT_EQ(nips->venue_short, "NeurIPS");
  EXPECT_EQ(nips->type, "proceedings-article");
  EXPECT_EQ(nips->published.iso(), "2021");
  EXPECT_EQ(nips->pages, "28431-28441");

  // NeurIPS named, but DBLP knows only the CoRR preprint: not published.
  const core::Record* nips_corr = by_dblp(*papers, "journals/corr/abs-2107-13163");
  ASSERT_NE(nips_corr, nullptr);
  EXPECT_EQ(nips_corr->type, "preprint");

  const core::Record* facct = by_dblp(*papers, "conf/fat/JonesRT025");
  ASSERT_NE(facct, nullptr);
  EXPECT_EQ(facct->venue, "Conference on Fairness, Accountability, and Transparency");
  EXPECT_EQ(facct->published.iso(), "2025");

  // "Physical review. E", volume "107 1-1": the issue follows the volume.
  const auto pre = std::find_if(papers->begin(), papers->end(),
                                [](const S2Paper& p) { return p.record.pages == "014216"; });
  ASSERT_NE(pre, papers->end());
  EXPECT_EQ(pre->record.venue, "Physical Review E");
  EXPECT_EQ(pre->record.volume, "107");
  EXPECT_EQ(pre->record.issue, "1-1");
  EXPECT_EQ(pre->record.published.iso(), "2023-01-01");  // no arXiv id, no DBLP key
}

TEST(S2Parser, DblpKeysGiveTheVenueYear) {
  EXPECT_EQ(dblp_venue_year("conf/iclr/BentonBDD24"), 2024);
  EXPECT_EQ(dblp_venue_year("journals/jmlr/PerezBM21"), 2021);
  EXPECT_EQ(dblp_venue_year("journals/tmlr/BoizardHHC25"), 2025);
  EXPECT_EQ(dblp_venue_year("conf/aips/000115"), 2015);
  EXPECT_EQ(dblp_venue_year("conf/nips/SmithJ22a"), 2022);  // disambiguation suffix
  EXPECT_EQ(dblp_venue_year("journals/neco/Sejnowski98"), 1998);
  EXPECT_EQ(dblp_venue_year("journals/corr/abs-2312-07559"), 0);
  EXPECT_EQ(dblp_venue_year("journals/corr/VaswaniSPUJGKP17"), 0);
  EXPECT_EQ(dblp_venue_year("conf/x/NoYear"), 0);
  EXPECT_EQ(dblp_venue_year(""), 0);
  EXPECT_EQ(dblp_venue_year("7"), 0);
}

S2Fields arxiv_paper() {
  S2Fields f;
  f.paper_id = "abc";
  f.title = "A <i>title</i>";
  f.arxiv = "2308.03686";
  f.year = 2023;
  f.publication_date = "2023-08-07";
  f.journal_name = "ArXiv";
  f.journal_volume = "abs/2308.03686";
  return f;
}

TEST(S2Parser, JmlrArticleNumberPagesBecomeIssueAndPages) {
  S2Fields f = arxiv_paper();
  f.venue = "Journal of machine learning research";
  f.venue_type = "journal";
  f.journal_name = "J. Mach. Learn. Res.";
  f.journal_volume = "24";
  f.journal_pages = "243:1-243:83";
  f.dblp = "journals/jmlr/ChenAB23";
  const core::Record r = semanticscholar_record(f);
  EXPECT_EQ(r.venue, "Journal of Machine Learning Research");
  EXPECT_EQ(r.volume, "24");
  EXPECT_EQ(r.issue, "243");
  EXPECT_EQ(r.pages, "1-83");
  EXPECT_EQ(r.published.iso(), "2023");
  EXPECT_EQ(r.title, "A title");
  EXPECT_EQ(r.title_raw, "A <i>title</i>");
}

TEST(S2Parser, VenueYearNeverComesFromTheArxivDate) {
  S2Fields f = arxiv_paper();
  f.venue = "Trans. Mach. Learn. Res.";  // TMLR by name: no id confirmed
  f.publication_types = {"JournalArticle"};
  const core::Record no_dblp = semanticscholar_record(f);
  EXPECT_EQ(no_dblp.venue, "Transactions on Machine Learning Research");
  EXPECT_EQ(no_dblp.venue_short, "TMLR");
  EXPECT_EQ(no_dblp.type, "journal-article");
  EXPECT_TRUE(no_dblp.published.empty());  // S2's 2023 is the arXiv v1 year
  EXPECT_EQ(no_dblp.volume, "");           // journal is arXiv's

  f.dblp = "journals/tmlr/BoizardHHC24";
  EXPECT_EQ(semanticscholar_record(f).published.iso(), "2024");
}

TEST(S2Parser, ConferenceTypeFromVenueTypeThenPublicationTypesThenTable) {
  S2Fields f = arxiv_paper();
  f.dblp = "conf/iclr/BentonBDD24";
  f.venue = "International Conference on Learning Representations";
  f.venue_id = "939c6e1d-0d17-4d6e-8a82-66d960df0e40";
  EXPECT_EQ(semanticscholar_record(f).type, "proceedings-article");  // by the table
  f.venue_type = "journal";
  EXPECT_EQ(semanticscholar_record(f).type, "journal-article");      // S2's type wins
  S2Fields g = arxiv_paper();
  g.venue = "Some Workshop on Things";
  g.dblp = "conf/things/X24";
  g.publication_types = {"JournalArticle", "Conference"};
  const core::Record r = semanticscholar_record(g);
  EXPECT_EQ(r.type, "proceedings-article");
  EXPECT_EQ(r.venue, "Some Workshop on Things");  // unknown: as S2 wrote it
  EXPECT_EQ(r.venue_short, "");
}

TEST(S2Parser, PreprintServersAreNoVenue) {
  for (const char* name : {"arXiv.org", "ArXiv", "arXiv: Learning", "medRxiv", "bioRxiv"}) {
    S2Fields f = arxiv_paper();
    f.venue = name;
    f.journal_name.clear();
    f.journal_volume.clear();
    EXPECT_EQ(semanticscholar_record(f).type, "preprint") << name;
  }
  S2Fields by_id = arxiv_paper();
  by_id.venue_id = std::string(k_s2_arxiv_venue_id);
  by_id.venue_name = "Something Else";
  EXPECT_EQ(semanticscholar_record(by_id).type, "preprint");
}

TEST(S2Venues, FoundByIdThenByAnyName) {
  const std::string_view none[] = {""};
  const S2Venue* iclr = find_s2_venue("939c6e1d-0d17-4d6e-8a82-66d960df0e40", none);
  ASSERT_NE(iclr, nullptr);
  EXPECT_EQ(iclr->short_name, "ICLR");
  const auto name_of = [](std::string_view name) {
    const std::string_view names[] = {name};
    const S2Venue* v = find_s2_venue("", names);
    return v ? std::string(v->name) : std::string("(none)");
  };
  EXPECT_EQ(name_of("Neural Information Processing Systems"), "Advances in Neural Information Processing Systems");
  EXPECT_EQ(name_of("NIPS"), "Advances in Neural Information Processing Systems");
  EXPECT_EQ(name_of("Journal of machine learning research"), "Journal of Machine Learning Research");
  EXPECT_EQ(name_of("J. Mach. Learn. Res."), "Journal of Machine Learning Research");
  EXPECT_EQ(name_of("J Mach Learn Res"), "Journal of Machine Learning Research");
  EXPECT_EQ(name_of("Nat. Mac. Intell."), "Nature Machine Intelligence");
  EXPECT_EQ(name_of("ICML"), "International Conference on Machine Learning");
  EXPECT_EQ(name_of("Trans. Mach. Learn. Res."), "Transactions on Machine Learning Research");
  EXPECT_EQ(name_of("Nature"), "(none)");
  EXPECT_EQ(name_of(""), "(none)");
  // An unknown id falls back to the names.
  const std::string_view names[] = {"unknown", "EMNLP"};
  const S2Venue* emnlp = find_s2_venue("00000000-0000-0000-0000-000000000000", names);
  ASSERT_NE(emnlp, nullptr);
  EXPECT_EQ(emnlp->short_name, "EMNLP");
}

TEST(S2Venues, TableIsWellFormed) {
  for (const S2Venue& v : s2_venues()) {
    EXPECT_FALSE(v.name.empty());
    // Every id is unique, every name finds its own entry.
    const std::string_view names[] = {v.name};
    EXPECT_EQ(find_s2_venue("", names), &v) << v.name;
    if (!v.s2_id.empty()) {
      EXPECT_EQ(find_s2_venue(v.s2_id, {}), &v) << v.s2_id;
    }
  }
  EXPECT_TRUE(is_preprint_venue_name("arXiv.org"));
  EXPECT_TRUE(is_preprint_venue_name("arXiv: Optics"));
  EXPECT_FALSE(is_preprint_venue_name("Nature"));
}

TEST(S2Parser, ErrorBodiesAndMalformedInput) {
  EXPECT_EQ(semanticscholar_error_message(s2_data("paper-400-unrecognized-fields.json")),
            "Unrecognized or unsupported fields: [unknown]");
  EXPECT_EQ(semanticscholar_error_message(s2_data("paper-batch-403-forbidden-bad-api-key.json")), "Forbidden");
  EXPECT_EQ(semanticscholar_error_message("<html>nope</html>"), "");
  EXPECT_FALSE(parse_semanticscholar_batch("{"));
  EXPECT_FALSE(parse_semanticscholar_batch("{}"));
  EXPECT_FALSE(parse_semanticscholar_batch("[1]"));
  EXPECT_FALSE(parse_semanticscholar_batch("<html></html>"));
  EXPECT_FALSE(parse_semanticscholar_list("[]"));
  auto empty = parse_semanticscholar_batch("[]");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
  // Fields of the wrong type are absent, not errors.
  auto odd = parse_semanticscholar_batch(R"([{"title": 7, "authors": {"x": 1}, "externalIds": [], "year": "x"}, null])");
  ASSERT_TRUE(odd) << odd.error().message;
  ASSERT_EQ(odd->size(), 2u);
  EXPECT_EQ((*odd)[0]->record.type, "preprint");
}

}  // namespace
}  // namespace scholard::fetchers
