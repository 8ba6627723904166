// The merge's ranking table decides which record gives a field, by the
// role its source's kind and the record's type give it, never by the
// source's name: a toy third source merges and renders with no change to
// render.
#include "render/ranking.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "render/bibtex.hpp"
#include "render/json.hpp"
#include "render/markdown.hpp"
#include "render/merge.hpp"
#include "unit/render/sample_papers.hpp"

namespace scholard::render {
namespace {

using testing::arxiv_record;
using testing::crossref_record;
using testing::person;
using testing::sample_profile;

MergedPaper merge_one(const PaperInput& in) { return merge_paper(in, NameMatcher(sample_profile())); }

std::vector<Role> roles(RankedField field) {
  const auto r = ranking(field);
  return {r.begin(), r.end()};
}

// A DOI registry's record under another source's name.
core::Record registry_record(std::string source, std::string type, std::string title, std::string venue,
                             core::PartialDate published, std::string doi) {
  core::Record r = crossref_record(std::move(type), title, title, {person("Joe", "Benton"), person("Ann", "Example")},
                                   std::move(venue), published, std::move(doi));
  r.source = std::move(source);
  return r;
}

core::Record preprint() {
  return arxiv_record("2401.00001", "Nearly $d$-Linear Bounds", {"Joe Benton", "Ann Example"}, {2023, 1, 2},
                      {2024, 2, 3}, "stat.ML");
}

TEST(Ranking, RolesComeFromTheKindAndTheType) {
  core::Record r;
  r.type = "preprint";
  EXPECT_EQ(role_of(core::SourceKind::preprint_server, r), Role::preprint);
  r.type = "journal-article";
  EXPECT_EQ(role_of(core::SourceKind::doi_registry, r), Role::publication);
  r.type = "";  // a registry that says nothing of the type: the published version
  EXPECT_EQ(role_of(core::SourceKind::doi_registry, r), Role::publication);
  r.type = "posted-content";
  EXPECT_EQ(role_of(core::SourceKind::doi_registry, r), Role::registered_preprint);
  r.type = "posted-content";  // a preprint server's record is a preprint whatever its type says
  EXPECT_EQ(role_of(core::SourceKind::preprint_server, r), Role::preprint);
}

TEST(Ranking, TheTableRanksThePublishedVersionFirst) {
  const std::vector<Role> published_first = {Role::publication, Role::preprint, Role::registered_preprint,
                                             Role::indexed};
  for (const RankedField f : {RankedField::title, RankedField::authors, RankedField::doi}) {
    EXPECT_EQ(roles(f), published_first) << to_string(f);
  }
  // Where the paper was published: a registry's record of it, else an index's word, before the preprint's.
  const std::vector<Role> venue_order = {Role::publication, Role::indexed, Role::preprint, Role::registered_preprint};
  for (const RankedField f : {RankedField::venue, RankedField::year}) {
    EXPECT_EQ(roles(f), venue_order) << to_string(f);
  }
  EXPECT_EQ(roles(RankedField::link), (std::vector<Role>{Role::publication, Role::preprint, Role::registered_preprint}));
  for (const RankedField f : {RankedField::volume, RankedField::issue, RankedField::pages}) {
    EXPECT_EQ(roles(f), (std::vector<Role>{Role::publication, Role::indexed})) << to_string(f);
  }
  EXPECT_EQ(roles(RankedField::first_version), (std::vector<Role>{Role::preprint, Role::registered_preprint}));
  EXPECT_EQ(roles(RankedField::arxiv_id),
            (std::vector<Role>{Role::preprint, Role::publication, Role::registered_preprint, Role::indexed}));
}

TEST(Ranking, APublishedRecordBeatsThePreprintServerAndAPostedOneLosesToIt) {
  PaperInput in{"2401.00001", 0, "2401.00001", "", {}, {}};
  // Input order puts the losers first: the table, not the order, decides.
  testing::add_record(in, core::SourceKind::doi_registry,
                      registry_record("crossref", "posted-content", "Posted Title", "SSRN", {2023, 3, 1}, "10.2139/x"));
  testing::add_arxiv(in, preprint());
  testing::add_record(
      in, core::SourceKind::doi_registry,
      registry_record("toyreg", "journal-article", "Published Title", "Journal of Toys", {2025, 4, 5}, "10.1/pub"));
  auto p = merge_one(in);
  EXPECT_EQ(p.title, "Published Title");
  EXPECT_EQ(p.sources.title, "toyreg");
  EXPECT_EQ(p.venue, "Journal of Toys");
  EXPECT_EQ(p.year, 2025);
  EXPECT_EQ(p.first_version_year, 2023);  // the preprint server's v1
  EXPECT_EQ(p.doi, "10.1/pub");
  EXPECT_EQ(p.url, "https://doi.org/10.1/pub");
  EXPECT_EQ(p.sources.url, "toyreg");
  EXPECT_TRUE(p.published);
  EXPECT_EQ(p.kind, PaperKind::journal_article);

  // Without the published version the preprint server's record wins ...
  in.records.pop_back();
  p = merge_one(in);
  EXPECT_EQ(p.title, "Nearly d-Linear Bounds");
  EXPECT_EQ(p.title_tex, "Nearly $d$-Linear Bounds");
  EXPECT_EQ(p.sources.title, "arxiv");
  EXPECT_EQ(p.venue, "arXiv preprint arXiv:2401.00001");
  EXPECT_EQ(p.sources.venue, "arxiv");
  EXPECT_EQ(p.year, 2023);
  EXPECT_EQ(p.doi, "10.2139/x");  // no other DOI: the registered preprint's
  EXPECT_EQ(p.sources.doi, "crossref");
  EXPECT_EQ(p.url, "https://arxiv.org/abs/2401.00001");
  EXPECT_FALSE(p.published);

  // ... and without it, the registered preprint.
  in.records.pop_back();
  p = merge_one(in);
  EXPECT_EQ(p.title, "Posted Title");
  EXPECT_EQ(p.sources.title, "crossref");
  EXPECT_EQ(p.sources.authors, "crossref");
  EXPECT_EQ(p.year, 2023);
  EXPECT_EQ(p.sources.year, "crossref");
}

TEST(Ranking, OfTwoRecordsOfOneRoleTheFirstInInputOrderWins) {
  PaperInput in{"10.1/a", 0, "", "10.1/a", {}, {}};
  auto first = registry_record("crossref", "journal-article", "First", "", {2024, 1, 1}, "10.1/a");
  first.volume = "7";
  testing::add_crossref(in, first);
  auto second = registry_record("toyreg", "journal-article", "Second", "Journal of Toys", {2023, 1, 1}, "10.1/a");
  second.volume = "8";
  second.issue = "2";
  testing::add_record(in, core::SourceKind::doi_registry, second);
  const auto p = merge_one(in);
  EXPECT_EQ(p.title, "First");
  EXPECT_EQ(p.sources.title, "crossref");
  EXPECT_EQ(p.year, 2024);
  EXPECT_EQ(p.volume, "7");
  // A field the first does not have comes from the next of the same role.
  EXPECT_EQ(p.venue, "Journal of Toys");
  EXPECT_EQ(p.sources.venue, "toyreg");
  EXPECT_EQ(p.issue, "2");
  EXPECT_EQ(p.sources.issue, "toyreg");
}

TEST(Ranking, TheConfigAlwaysComesFirst) {
  PaperInput in{"2401.00001", 0, "2401.00001", "10.1/pub", {}, {}};
  testing::add_arxiv(in, preprint());
  testing::add_record(
      in, core::SourceKind::doi_registry,
      registry_record("toyreg", "journal-article", "Published Title", "Journal of Toys", {2025, 4, 5}, "10.1/pub"));
  in.overrides.title = "Mine";
  in.overrides.venue = "My Venue";
  in.overrides.year = 2020;
  in.overrides.volume = "1";
  const auto p = merge_one(in);
  for (const auto& [field, source] : field_sources(p.sources)) {
    if (field == "title" || field == "venue" || field == "year" || field == "volume" || field == "doi") {
      EXPECT_EQ(source, "config") << field;
    }
  }
  EXPECT_EQ(p.sources.authors, "toyreg");
}

TEST(Ranking, AFieldNoRecordHasHasNoSource) {
  PaperInput in{"10.2139/x", 0, "", "", {}, {}};
  auto posted = registry_record("crossref", "posted-content", "Posted Title", "", {2023, 3, 1}, "10.2139/x");
  posted.authors.clear();
  testing::add_crossref(in, posted);
  const auto p = merge_one(in);
  EXPECT_TRUE(p.authors.empty());
  EXPECT_EQ(p.sources.authors, "");  // before issue 20 a registered preprint was named even without authors
  EXPECT_EQ(p.sources.venue, "");
  EXPECT_EQ(p.sources.title, "crossref");
}

// Every output the toy source's paper feeds.
std::string outputs(const std::vector<MergedPaper>& papers) {
  return render_markdown(papers, {}) + render_bibtex(papers, {MathStyle::keep, true}) + render_csl_json(papers, {}) +
         render_json_data(papers, {15, MathStyle::keep});
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

// A toy third source, "toyreg", of kind doi_registry: render knows nothing
// of it, and it renders as Crossref's record would, its name in the fields'
// sources.
TEST(ToySource, AloneAndBesideArxivItMergesAndRendersLikeAnyRegistry) {
  auto toy = registry_record("toyreg", "journal-article", "Toy <i>Models</i> of Things", "Journal of Toys",
                             {2025, 4, 5}, "10.1/toy");
  toy.title = "Toy Models of Things";
  toy.volume = "3";
  toy.pages = "10-20";
  PaperInput alone{"10.1/toy", 0, "", "10.1/toy", {}, {}};
  testing::add_record(alone, core::SourceKind::doi_registry, toy);
  PaperInput beside{"2401.00001", 1, "2401.00001", "", {}, {}};
  testing::add_arxiv(beside, preprint());
  testing::add_record(beside, core::SourceKind::doi_registry, toy);
  const auto papers = merge_papers({alone, beside}, sample_profile());
  ASSERT_EQ(papers.size(), 2u);
  for (const auto& p : papers) {
    EXPECT_EQ(p.title, "Toy Models of Things") << p.key;
    EXPECT_EQ(p.sources.title, "toyreg") << p.key;
    EXPECT_EQ(p.title_emphasis.size(), 1u) << p.key;  // the registry's markup
    EXPECT_EQ(p.venue, "Journal of Toys") << p.key;
    EXPECT_EQ(p.year, 2025) << p.key;
    EXPECT_EQ(p.pages, "10–20") << p.key;
    EXPECT_EQ(p.sources.pages, "toyreg") << p.key;
    EXPECT_EQ(p.url, "https://doi.org/10.1/toy") << p.key;
    EXPECT_TRUE(p.published) << p.key;
    EXPECT_TRUE(p.authors[0].highlighted) << p.key;
  }
  const auto& with_arxiv = papers[0].key == "2401.00001" ? papers[0] : papers[1];
  EXPECT_EQ(with_arxiv.first_version_year, 2023);
  // The year shown (2025), not v1's: the two listings now share a base key, second in config order.
  EXPECT_EQ(with_arxiv.citation_key, "benton2025toyb");
  EXPECT_EQ(with_arxiv.primary_category, "stat.ML");

  const std::string out = outputs(papers);
  EXPECT_NE(out.find("_Models_"), std::string::npos);                     // Markdown: the registry's emphasis
  EXPECT_NE(out.find("journal = {Journal of Toys}"), std::string::npos);  // BibTeX
  EXPECT_NE(out.find("\"title\": \"toyreg\""), std::string::npos);        // JSON: the source by name
  EXPECT_EQ(out.find("crossref"), std::string::npos);

  // The same record under Crossref's name renders the same bytes but for the name.
  auto as_crossref = [&](PaperInput in) {
    for (auto& r : in.records) {
      if (r.record.source == "toyreg") r.record.source = "crossref";
    }
    return in;
  };
  const std::string crossref_out = outputs(merge_papers({as_crossref(alone), as_crossref(beside)}, sample_profile()));
  EXPECT_EQ(replaced(out, "\"toyreg\"", "\"crossref\""), crossref_out);
}

}  // namespace
}  // namespace scholard::render
