// The fake API server's pure pieces, tested directly (no process, no socket).
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "arxiv_feed.hpp"
#include "arxiv_route.hpp"
#include "faults.hpp"
#include "fixtures.hpp"
#include "options.hpp"
#include "referee.hpp"
#include "semanticscholar_catalog.hpp"
#include "semanticscholar_route.hpp"

namespace scholard::fakeapi {
namespace {

using namespace std::chrono_literals;

std::string read_data(const std::string& relative) {
  std::ifstream in(std::string(SCHOLARD_TEST_DATA) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(FaultSpec, ParsesRouteKindParamAndCount) {
  auto simple = parse_fault_spec("arxiv:reset");
  ASSERT_TRUE(simple.has_value()) << simple.error().message;
  EXPECT_EQ(simple->route, Route::arxiv);
  EXPECT_EQ(simple->kind, FaultKind::reset);
  EXPECT_TRUE(simple->param.empty());
  EXPECT_FALSE(simple->count.has_value());

  auto counted = parse_fault_spec("crossref:503:120x3");
  ASSERT_TRUE(counted.has_value());
  EXPECT_EQ(counted->kind, FaultKind::status_503);
  EXPECT_EQ(counted->param, "120");
  EXPECT_EQ(counted->count, 3);

  auto date = parse_fault_spec("arxiv:429:Wed, 21 Oct 2015 07:28:00 GMT");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(date->param, "Wed, 21 Oct 2015 07:28:00 GMT");

  auto no_param_count = parse_fault_spec("arxiv:truncatex2");
  ASSERT_TRUE(no_param_count.has_value());
  EXPECT_EQ(no_param_count->kind, FaultKind::truncate);
  EXPECT_EQ(no_param_count->count, 2);
}

TEST(FaultSpec, RejectsBadSpecs) {
  for (const char* spec : {"arxiv", "web:503", "arxiv:teapot", "arxiv:delay:soon", "arxiv:drip:0",
                           "crossref:errorfeed200", "arxiv:503x0", "arxiv:429:a\nb"}) {
    EXPECT_FALSE(parse_fault_spec(spec).has_value()) << spec;
  }
}

TEST(FaultQueue, CountedFaultsRunOutAndUncountedOnesStay) {
  FaultQueue queue;
  queue.add(*parse_fault_spec("arxiv:503x2"));
  queue.add(*parse_fault_spec("arxiv:reset"));
  EXPECT_FALSE(queue.take(Route::crossref).has_value());
  EXPECT_EQ(queue.take(Route::arxiv)->kind, FaultKind::status_503);
  EXPECT_EQ(queue.take(Route::arxiv)->kind, FaultKind::status_503);
  EXPECT_EQ(queue.take(Route::arxiv)->kind, FaultKind::reset);
  EXPECT_EQ(queue.take(Route::arxiv)->kind, FaultKind::reset);
  EXPECT_EQ(queue.pending(Route::arxiv), 1u);
  queue.clear();
  EXPECT_FALSE(queue.take(Route::arxiv).has_value());
}

TEST(LooseValidation, FollowsTheServersSubstringRule) {
  for (const char* id : {"2308.03686", "2308.03686v2", "0000.0000", "arXiv:2308.03686", "foo1234.5678bar",
                         "hep-th/9901001", "math.GT/0309136v1", "cond-mat/0207270v1"}) {
    EXPECT_TRUE(passes_loose_validation(id)) << id;
  }
  for (const char* id : {"abc", "1234.123", "12345.6789", "=1234.5678", ".1234.5678", "cond\xe2\x80\x94mat/0709123",
                         "hep-th/990100", ""}) {
    EXPECT_FALSE(passes_loose_validation(id)) << id;
  }
}

TEST(AuthorMatch, SurnameInitialAndPhraseForms) {
  EXPECT_TRUE(author_matches("Benton J", "Joe Benton"));
  EXPECT_TRUE(author_matches("Benton", "Joe Benton"));
  EXPECT_TRUE(author_matches("del maestro", "Adrian Del Maestro"));
  EXPECT_TRUE(author_matches("Del Maestro A", "A. Del Maestro"));
  EXPECT_TRUE(author_matches("De Bortoli V", "Valentin De Bortoli"));
  EXPECT_FALSE(author_matches("Benton X", "Joe Benton"));
  EXPECT_FALSE(author_matches("Bent", "Joe Benton"));
  EXPECT_FALSE(author_matches("J", "Joe Benton"));
}

TEST(AuthorQuery, AcceptsAuTermsJoinedByOrOnly) {
  EXPECT_EQ(parse_author_query("au:del_maestro"), std::vector<std::string>{"del maestro"});
  EXPECT_EQ(parse_author_query("au:\"Benton J\" OR au:Sachdev"),
            (std::vector<std::string>{"Benton J", "Sachdev"}));
  EXPECT_TRUE(parse_author_query("ti:diffusion").empty());
  EXPECT_TRUE(parse_author_query("au:x AND ti:y").empty());
}

TEST(Duration, ParsesUnits) {
  EXPECT_EQ(parse_duration("3s").value(), 3000ms);
  EXPECT_EQ(parse_duration("500ms").value(), 500ms);
  EXPECT_EQ(parse_duration("1.5s").value(), 1500ms);
  EXPECT_EQ(parse_duration("2").value(), 2000ms);
  EXPECT_EQ(parse_duration("0s").value(), 0ms);
  EXPECT_FALSE(parse_duration("soon").has_value());
  EXPECT_FALSE(parse_duration("3h").has_value());
  EXPECT_FALSE(parse_duration("").has_value());
}

TEST(FeedEntries, CutsEntriesOutOfBothFormatsAndSkipsErrors) {
  auto current = parse_feed_entries(read_data("fakeapi/arxiv/idlist-hep-ex_0406020v1-oldstyle-versioned.xml"));
  ASSERT_TRUE(current.has_value()) << current.error().message;
  ASSERT_EQ(current->size(), 1u);
  EXPECT_EQ((*current)[0].id, "hep-ex/0406020");
  EXPECT_EQ((*current)[0].version, 1);
  EXPECT_EQ((*current)[0].format, FeedFormat::current);
  EXPECT_EQ((*current)[0].xml.rfind("<entry>", 0), 0u);
  EXPECT_TRUE((*current)[0].xml.ends_with("</entry>"));

  auto legacy = parse_feed_entries(read_data("seed/arxiv-legacy/arxiv-2205.14987.xml"));
  ASSERT_TRUE(legacy.has_value());
  ASSERT_EQ(legacy->size(), 1u);
  EXPECT_EQ((*legacy)[0].format, FeedFormat::legacy);
  EXPECT_EQ((*legacy)[0].authors.size(), 6u);
  EXPECT_NE((*legacy)[0].xml.find("denoising\ndiffusion"), std::string::npos) << "text kept as-is";

  const std::string error_feed = build_error_feed(FeedFormat::current, {"incorrect id format for abc",
                                                                        error_url_for("incorrect id format for abc",
                                                                                      FeedFormat::current)},
                                                  std::chrono::system_clock::now());
  auto errors = parse_feed_entries(error_feed);
  ASSERT_TRUE(errors.has_value());
  EXPECT_TRUE(errors->empty());
  EXPECT_FALSE(parse_feed_entries("<feed><entry>").has_value());
}

TEST(CrossrefWorkFixture, ReadsTheTopLevelDoiNotAFunderDoi) {
  auto work = parse_work(read_data("fakeapi/crossref/work-10.1016_j.tcs.2015.06.001.json"));
  ASSERT_TRUE(work.has_value()) << work.error().message;
  EXPECT_EQ(work->doi, "10.1016/j.tcs.2015.06.001");
  EXPECT_EQ(work->orcids, std::vector<std::string>{"0000-0002-1007-7912"});
  EXPECT_EQ(work->message.front(), '{');
  EXPECT_FALSE(parse_work("{\"status\":\"ok\"}").has_value());
}

TEST(RefereeRules, GapsAndWindowsAreMeasuredFromTheGivenTimes) {
  RefereeRules rules;
  rules.arxiv_interval = 3000ms;
  rules.public_pool = PoolLimits{2, 1000ms, 1};
  Referee referee(rules);
  const auto t0 = std::chrono::steady_clock::time_point{} + 10s;
  const auto wall = std::chrono::system_clock::time_point{} + 1'700'000'000s;
  EXPECT_TRUE(referee.arxiv_started(t0, wall).empty());
  referee.arxiv_finished();
  const auto close = referee.arxiv_started(t0 + 1200ms, wall);
  referee.arxiv_finished();
  ASSERT_EQ(close.size(), 1u);
  EXPECT_EQ(close[0], "arxiv: requests 1.2 s apart (< 3 s) at 2023-11-14T22:13:20.000Z");
  EXPECT_TRUE(referee.arxiv_started(t0 + 4200ms, wall).empty());
  referee.arxiv_finished();
  EXPECT_EQ(referee.arxiv().min_gap_ms, 1200);

  EXPECT_TRUE(referee.crossref_started(t0, wall, Pool::public_pool).empty());
  referee.crossref_finished();
  EXPECT_TRUE(referee.crossref_started(t0 + 500ms, wall, Pool::public_pool).empty());
  referee.crossref_finished();
  EXPECT_EQ(referee.crossref_started(t0 + 900ms, wall, Pool::public_pool).size(), 1u);  // 3 within 1 s
  referee.crossref_finished();
  EXPECT_TRUE(referee.crossref_started(t0 + 2000ms, wall, Pool::public_pool).empty());
  referee.crossref_finished();
  EXPECT_EQ(referee.violations().size(), 2u);
}

// Lists are refereed apart from single works, against the list limits.
TEST(Referee, ListRouteHasItsOwnWindowAndSlots) {
  RefereeRules rules;  // polite: single 10/s, 3 in flight; lists 3/s, 1 in flight
  Referee referee(rules);
  const auto t0 = std::chrono::steady_clock::time_point{} + 10s;
  const auto wall = std::chrono::system_clock::time_point{} + 1'700'000'000s;
  const auto list = CrossrefRoute::list;
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(referee.crossref_started(t0 + i * 100ms, wall, Pool::polite, list).empty()) << i;
    referee.crossref_finished(list);
  }
  // Single works in the same second count against their own window only.
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(referee.crossref_started(t0 + 350ms, wall, Pool::polite).empty()) << i;
    referee.crossref_finished();
  }
  const auto fourth = referee.crossref_started(t0 + 400ms, wall, Pool::polite, list);
  ASSERT_EQ(fourth.size(), 1u);
  EXPECT_EQ(fourth[0], "crossref: 4 requests within 1 s (> x-rate-limit-limit 3, pool polite list) at 2023-11-14T22:13:20.000Z");
  const auto second = referee.crossref_started(t0 + 2000ms, wall, Pool::polite, list);  // the fourth is still open
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0], "crossref: 2 requests in flight (> x-concurrency-limit 1, pool polite list) at 2023-11-14T22:13:20.000Z");
  referee.crossref_finished(list);
  referee.crossref_finished(list);
  EXPECT_EQ(referee.crossref_list().requests, 5);
  EXPECT_EQ(referee.crossref_list().max_in_flight, 2);
  EXPECT_EQ(referee.crossref().requests, 10);  // both routes
}

TEST(FaultSpec, SemanticScholarRouteAndItsOwnKinds) {
  auto alias = parse_fault_spec("s2:429x2");
  ASSERT_TRUE(alias.has_value()) << alias.error().message;
  EXPECT_EQ(alias->route, Route::semanticscholar);
  EXPECT_EQ(alias->kind, FaultKind::status_429);
  EXPECT_TRUE(alias->param.empty()) << "no Retry-After unless given";
  EXPECT_EQ(alias->count, 2);
  auto forbidden = parse_fault_spec("semanticscholar:403");
  ASSERT_TRUE(forbidden.has_value());
  EXPECT_EQ(forbidden->kind, FaultKind::status_403);
  EXPECT_EQ(to_string(forbidden->route), "semanticscholar");
  for (const char* spec : {"arxiv:403", "crossref:403", "s2:errorfeed200", "s2:rejectid:2308.03686"}) {
    EXPECT_FALSE(parse_fault_spec(spec).has_value()) << spec;
  }
  FaultQueue queue;
  queue.add(*alias);
  EXPECT_FALSE(queue.take(Route::crossref).has_value());
  EXPECT_EQ(queue.pending(Route::semanticscholar), 1u);
  EXPECT_EQ(queue.take(Route::semanticscholar)->kind, FaultKind::status_429);
}

TEST(S2Catalog, FindsPapersByEveryIdFormOfTheSeedSet) {
  auto catalog = S2Catalog::load(std::string(SCHOLARD_TEST_DATA) + "/seed/semanticscholar", false);
  ASSERT_TRUE(catalog.has_value()) << catalog.error().message;
  EXPECT_EQ(catalog->size(), 16u);
  const S2Paper* paper = catalog->find("ARXIV:2211.03595");
  ASSERT_NE(paper, nullptr);
  EXPECT_EQ(paper->doi, "10.1093/jrsssb/qkae005");
  EXPECT_EQ(catalog->find("arxiv:2211.03595"), paper);
  EXPECT_EQ(catalog->find("DOI:10.1093/JRSSSB/qkae005"), paper);
  EXPECT_EQ(catalog->find("10.1093/jrsssb/qkae005"), paper);
  EXPECT_EQ(catalog->find("CorpusId:" + paper->corpus_id), paper);
  std::string upper = paper->paper_id;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(catalog->find(upper), paper);
  for (const char* unknown : {"ARXIV:2211.03595v2", "MAG:1", "CorpusId:", "ARXIV:", "2211.03595", ""}) {
    EXPECT_EQ(catalog->find(unknown), nullptr) << unknown;
  }
  EXPECT_EQ(catalog->match_title("  from denoising DIFFUSIONS to denoising markov models "), paper);
  EXPECT_EQ(catalog->match_title("From Denoising Diffusions"), nullptr);
  EXPECT_FALSE(S2Catalog::load(std::string(SCHOLARD_TEST_DATA) + "/nowhere", false).has_value());
  EXPECT_EQ(S2Catalog::load(std::string(SCHOLARD_TEST_DATA) + "/nowhere", true)->size(), 0u);
}

TEST(S2Catalog, KeepsFieldsRawInFileOrderAndRefusesBadObjects) {
  const std::string text = read_data("seed/semanticscholar/paper-2210.06226.json");
  auto paper = parse_s2_paper(text);
  ASSERT_TRUE(paper.has_value()) << paper.error().message;
  ASSERT_GE(paper->fields.size(), 3u);
  EXPECT_EQ(paper->fields[0].first, "paperId");
  EXPECT_EQ(paper->fields[1].first, "externalIds");
  std::string rebuilt = "{";
  for (const auto& [key, raw] : paper->fields) rebuilt += (rebuilt.size() > 1 ? ", \"" : "\"") + key + "\": " + raw;
  EXPECT_EQ(rebuilt + "}", text);
  for (const char* bad : {"", "[]", "{\"title\": \"x\"}", "{\"paperId\": \"abc\", \"title\": \"x\"}",
                          "{\"paperId\": \"0000000000000000000000000000000000000000\"}",
                          "{\"paperId\": \"0000000000000000000000000000000000000000\", \"title\": \"x\"} {}",
                          "{\"paperId\": \"0000000000000000000000000000000000000000\", \"title\": tru}"}) {
    EXPECT_FALSE(parse_s2_paper(bad).has_value()) << bad;
  }
}

TEST(S2Endpoints, PathsAreSortedIntoEndpoints) {
  EXPECT_EQ(s2_endpoint("/graph/v1/paper/batch"), S2Endpoint::batch);
  EXPECT_EQ(s2_endpoint("/graph/v1/paper/search/match"), S2Endpoint::match);
  EXPECT_EQ(s2_endpoint("/graph/v1/paper/DOI:10.1093/jrsssb/qkae005"), S2Endpoint::paper);
  EXPECT_EQ(s2_endpoint("/graph/v1/paper/search"), S2Endpoint::other);
  EXPECT_EQ(s2_endpoint("/graph/v1/paper/"), S2Endpoint::other);
  EXPECT_TRUE(is_semanticscholar_path("/graph/v1"));
  EXPECT_FALSE(is_semanticscholar_path("/graph/v10/paper/batch"));
  EXPECT_FALSE(is_semanticscholar_path("/api/query"));
}

TEST(RefereeRules, SemanticScholarSpacingAndOverlap) {
  RefereeRules rules;
  rules.s2_interval = 1000ms;
  Referee referee(rules);
  const auto t0 = std::chrono::steady_clock::time_point{} + 10s;
  const auto wall = std::chrono::system_clock::time_point{} + 1'700'000'000s;
  EXPECT_TRUE(referee.semanticscholar_started(t0, wall, S2Endpoint::batch, {true, false}).empty());
  const auto overlap = referee.semanticscholar_started(t0 + 1500ms, wall, S2Endpoint::paper, {false, true});
  ASSERT_EQ(overlap.size(), 1u);
  EXPECT_EQ(overlap[0], "semanticscholar: 2 requests in flight at once (> 1) at 2023-11-14T22:13:20.000Z");
  referee.semanticscholar_finished();
  referee.semanticscholar_finished();
  const auto close = referee.semanticscholar_started(t0 + 1750ms, wall, S2Endpoint::match, {false, false});
  referee.semanticscholar_finished();
  ASSERT_EQ(close.size(), 1u);
  EXPECT_EQ(close[0], "semanticscholar: requests 0.25 s apart (< 1 s) at 2023-11-14T22:13:20.000Z");
  EXPECT_EQ(referee.semanticscholar().requests, 3);
  EXPECT_EQ(referee.semanticscholar().min_gap_ms, 250);
  EXPECT_EQ(referee.semanticscholar_counts().with_key, 1);
  EXPECT_EQ(referee.semanticscholar_counts().without_key, 2);
  EXPECT_EQ(referee.semanticscholar_counts().rejected_key, 1);
  EXPECT_EQ(referee.arxiv().requests, 0);
}

}  // namespace
}  // namespace scholard::fakeapi
