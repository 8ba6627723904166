// The fake Semantic Scholar routes (/graph/v1/paper/batch, /paper/{id},
// /paper/search/match) seen from a plain HTTP client, on the seed set.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <simdjson.h>

#include "fakeapi_test_util.hpp"

namespace scholard::testing {
namespace {

constexpr std::string_view k_batch = "/graph/v1/paper/batch";
constexpr std::string_view k_fields = "fields=externalIds,publicationVenue,url,title,venue,year,"
                                      "publicationTypes,publicationDate,journal,authors";

std::string read_data(const std::string& relative) {
  std::ifstream in(std::string(SCHOLARD_TEST_DATA) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A recorded body without the newline the fixture file may end with.
std::string recorded_body(const std::string& name) {
  std::string body = read_data("semanticscholar/" + name);
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.pop_back();
  return body;
}

// The string at `pointer` (a JSON pointer) of each element of a batch answer;
// "null" for a null element, "" when absent.
std::vector<std::string> strings_at(const std::string& body, std::string_view pointer) {
  simdjson::dom::parser parser;
  simdjson::dom::array array;
  std::vector<std::string> out;
  if (parser.parse(body).get_array().get(array)) return {"<not an array>"};
  for (const simdjson::dom::element item : array) {
    std::string_view text;
    if (item.is_null()) out.emplace_back("null");
    else if (item.at_pointer(pointer).get_string().get(text)) out.emplace_back();
    else out.emplace_back(text);
  }
  return out;
}

std::string string_at(const std::string& body, std::string_view pointer) {
  simdjson::dom::parser parser;
  std::string_view text;
  if (parser.parse(body).at_pointer(pointer).get_string().get(text)) return {};
  return std::string(text);
}

std::string batch_body(const std::vector<std::string>& ids) {
  std::string body = R"({"ids":[)";
  for (std::size_t i = 0; i < ids.size(); ++i) body += (i > 0 ? ",\"" : "\"") + ids[i] + "\"";
  return body + "]}";
}

class SemanticScholarRoute : public ::testing::Test {
 protected:
  void SetUp() override {
    m_server = start_fakeapi(seed_dir(), {"--s2-interval", "0s"});
    ASSERT_NE(m_server, nullptr);
    m_client = std::make_unique<LoopbackClient>(m_server->port());
  }
  HttpExchange batch(const std::vector<std::string>& ids, std::string_view fields = k_fields) {
    return m_client->post(std::string(k_batch) + "?" + std::string(fields), batch_body(ids),
                          {{"Content-Type", "application/json"}});
  }
  std::unique_ptr<FakeApiProcess> m_server;
  std::unique_ptr<LoopbackClient> m_client;
};

TEST_F(SemanticScholarRoute, BatchAnswersInRequestOrderWithNullForUnknownIds) {
  const auto ex = batch({"ARXIV:2205.14987", "ARXIV:9999.99999", "DOI:10.1093/JRSSSB/QKAE005", "arXiv:2308.03686",
                         "10.1093/jrsssb/qkae005", "MAG:123"});
  ASSERT_TRUE(ex.complete) << ex.error;
  EXPECT_EQ(ex.status, 200u);
  EXPECT_EQ(ex.header("content-type"), "application/json");
  EXPECT_EQ(strings_at(ex.body, "/externalIds/ArXiv"),
            (std::vector<std::string>{"2205.14987", "null", "2211.03595", "2308.03686", "2211.03595", "null"}));
  EXPECT_EQ(ex.body.rfind("[{\"paperId\": \"", 0), 0u) << "the API's own separators";
  EXPECT_NE(ex.body.find("}, null, {"), std::string::npos);
}

TEST_F(SemanticScholarRoute, PaperIdAndCorpusIdFindTheSamePaper) {
  const auto by_arxiv = m_client->get("/graph/v1/paper/ARXIV:2308.03686?fields=externalIds");
  ASSERT_EQ(by_arxiv.status, 200u);
  const std::string paper_id = string_at(by_arxiv.body, "/paperId");
  ASSERT_EQ(paper_id.size(), 40u);
  simdjson::dom::parser parser;
  std::int64_t corpus = 0;
  ASSERT_FALSE(parser.parse(by_arxiv.body).at_pointer("/externalIds/CorpusId").get_int64().get(corpus));
  const auto ex = batch({paper_id, "CorpusId:" + std::to_string(corpus), "CorpusId:1"}, "fields=title");
  EXPECT_EQ(strings_at(ex.body, "/paperId"), (std::vector<std::string>{paper_id, paper_id, "null"}));
}

TEST_F(SemanticScholarRoute, TheSeedBatchGivesEveryPaperItsVenue) {
  const std::vector<std::string> ids{"ARXIV:2308.03686", "ARXIV:2305.16860", "ARXIV:2205.14987", "ARXIV:2210.06226",
                                     "DOI:10.1093/jrsssb/qkae005", "ARXIV:2507.14417", "ARXIV:2210.01892"};
  const auto ex = batch(ids);
  ASSERT_EQ(ex.status, 200u);
  EXPECT_EQ(strings_at(ex.body, "/externalIds/DBLP"),
            (std::vector<std::string>{"conf/iclr/BentonBDD24", "journals/tmlr/BentonDD24", "conf/nips/CampbellBBRDD22",
                                      "journals/jmlr/DaudelBSD23", "journals/corr/abs-2211-03595", "",
                                      "journals/corr/abs-2210-01892"}));
  EXPECT_EQ(strings_at(ex.body, "/publicationVenue/name"),
            (std::vector<std::string>{"International Conference on Learning Representations",
                                      "Transactions on Machine Learning Research",
                                      "Neural Information Processing Systems", "Journal of machine learning research",
                                      "Journal of the Royal Statistical Society Series B: Statistical Methodology",
                                      "arXiv.org", "arXiv.org"}));
  EXPECT_EQ(strings_at(ex.body, "/publicationDate")[0], "2023-08-07") << "the first arXiv version's date";
  EXPECT_EQ(strings_at(ex.body, "/journal/pages")[3], "243:1-243:83");
}

TEST_F(SemanticScholarRoute, EveryFixtureFieldRequestedGivesTheFileByteForByte) {
  const auto ex = m_client->get("/graph/v1/paper/ARXIV:2210.06226?" + std::string(k_fields));
  ASSERT_EQ(ex.status, 200u);
  EXPECT_EQ(ex.body, read_data("seed/semanticscholar/paper-2210.06226.json"));
}

TEST_F(SemanticScholarRoute, FieldsSelectWhatIsSentAndPaperIdAlwaysComes) {
  const auto venue = m_client->get("/graph/v1/paper/ARXIV:2305.16860?fields=venue,authors.name");
  ASSERT_EQ(venue.status, 200u);
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  ASSERT_FALSE(parser.parse(venue.body).get_object().get(object));
  std::vector<std::string> keys;
  for (const auto field : object) keys.emplace_back(field.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"paperId", "venue", "authors"}));
  const auto plain = m_client->get("/graph/v1/paper/ARXIV:2305.16860");
  EXPECT_EQ(string_at(plain.body, "/title"), "Error Bounds for Flow Matching Methods") << "default: paperId, title";
  EXPECT_EQ(plain.body.find("venue"), std::string::npos);
}

TEST_F(SemanticScholarRoute, UnknownFieldsGetTheRecorded400) {
  const auto single = m_client->get("/graph/v1/paper/ARXIV:2305.16860?fields=unknown");
  EXPECT_EQ(single.status, 400u);
  EXPECT_EQ(single.body, recorded_body("paper-400-unrecognized-fields.json"));
  const auto in_batch = batch({"ARXIV:2305.16860"}, "fields=title,unknown");
  EXPECT_EQ(in_batch.status, 400u);
  EXPECT_EQ(in_batch.body, recorded_body("paper-400-unrecognized-fields.json"));
}

TEST_F(SemanticScholarRoute, UnknownPaperIsTheRecorded404) {
  const auto zero = m_client->get("/graph/v1/paper/0?fields=title");
  EXPECT_EQ(zero.status, 404u);
  EXPECT_EQ(zero.body, recorded_body("paper-0-404-not-found.json"));
  const auto doi = m_client->get("/graph/v1/paper/DOI:10.1101%2F2024.04.01.587366");
  EXPECT_EQ(doi.status, 404u);
  EXPECT_EQ(doi.body, recorded_body("paper-DOI-10.1101_2024.04.01.587366-404-not-found.json"));
}

TEST_F(SemanticScholarRoute, DoiInThePathMatchesRawEncodedAndInAnyCase) {
  for (const std::string target : {"/graph/v1/paper/DOI:10.1093/jrsssb/qkae005",
                                   "/graph/v1/paper/doi:10.1093%2FJRSSSB%2Fqkae005",
                                   "/graph/v1/paper/10.1093/jrsssb/qkae005"}) {
    const auto ex = m_client->get(target + "?fields=externalIds");
    EXPECT_EQ(ex.status, 200u) << target;
    EXPECT_EQ(string_at(ex.body, "/externalIds/DOI"), "10.1093/jrsssb/qkae005") << target;
  }
}

TEST_F(SemanticScholarRoute, TitleMatchIsCaseAndSpaceInsensitiveElseTheRecorded404) {
  const auto ex = m_client->get("/graph/v1/paper/search/match?query=many-shot++JAILBREAKING&fields=title,venue");
  ASSERT_EQ(ex.status, 200u);
  EXPECT_EQ(string_at(ex.body, "/data/0/title"), "Many-shot Jailbreaking");
  EXPECT_EQ(string_at(ex.body, "/data/0/venue"), "Neural Information Processing Systems");
  simdjson::dom::parser parser;
  double score = 0;
  EXPECT_FALSE(parser.parse(ex.body).at_pointer("/data/0/matchScore").get_double().get(score));
  EXPECT_GT(score, 0.0);
  const auto miss = m_client->get("/graph/v1/paper/search/match?query=Many-shot&fields=title");
  EXPECT_EQ(miss.status, 404u);
  EXPECT_EQ(miss.body, recorded_body("paper-search-match-404-title-match-not-found.json"));
}

TEST_F(SemanticScholarRoute, BadBatchBodiesAndTooManyIdsAre400) {
  for (const std::string body : {"", "ids=ARXIV:2308.03686", R"({"ids":"ARXIV:2308.03686"})", R"({"ids":[1]})",
                                 R"({"id":[]})", R"({"ids":["x"]} trailing)"}) {
    const auto ex = m_client->post(std::string(k_batch) + "?fields=title", body);
    EXPECT_EQ(ex.status, 400u) << body;
    EXPECT_FALSE(string_at(ex.body, "/error").empty()) << body;
  }
  std::vector<std::string> many(501, "ARXIV:2308.03686");
  EXPECT_EQ(batch(many).status, 400u);
  many.pop_back();
  const auto five_hundred = batch(many, "fields=title");
  EXPECT_EQ(five_hundred.status, 200u);
  EXPECT_EQ(strings_at(five_hundred.body, "/title").size(), 500u);
  EXPECT_EQ(batch({}).body, "[]");
}

TEST_F(SemanticScholarRoute, WrongMethodsAndUnknownPaths) {
  EXPECT_EQ(m_client->get(std::string(k_batch)).status, 405u);
  EXPECT_EQ(m_client->post("/graph/v1/paper/ARXIV:2308.03686", "{}").status, 405u);
  EXPECT_EQ(m_client->get("/graph/v1/author/1723755/papers").status, 404u);
  EXPECT_EQ(m_client->get("/graph/v1/paper/search?query=turing").status, 404u);
}

TEST_F(SemanticScholarRoute, ControlSwitchesToTheLaterSet) {
  const std::string target = "/graph/v1/paper/ARXIV:2507.14417?fields=venue,externalIds";
  EXPECT_EQ(string_at(m_client->get(target).body, "/venue"), "arXiv.org");
  ASSERT_TRUE(m_server->use_s2_fixtures(std::string(SCHOLARD_TEST_DATA) + "/seed-later").has_value());
  const auto later = m_client->get(target);
  EXPECT_EQ(string_at(later.body, "/venue"), "Trans. Mach. Learn. Res.");
  EXPECT_EQ(string_at(later.body, "/externalIds/DBLP"), "journals/tmlr/GemaHCAGFSPMAM25");
  EXPECT_FALSE(m_server->use_s2_fixtures(std::string(SCHOLARD_TEST_DATA) + "/arxiv").has_value())
      << "a set without semanticscholar/";
  EXPECT_EQ(string_at(m_client->get(target).body, "/venue"), "Trans. Mach. Learn. Res.") << "kept on error";
}

TEST(SemanticScholarFixtures, SeedAndLaterDifferOnlyInTheTmlrPreprint) {
  namespace fs = std::filesystem;
  const fs::path seed = fs::path(SCHOLARD_TEST_DATA) / "seed/semanticscholar";
  std::vector<std::string> names;
  for (const auto& item : fs::directory_iterator(seed)) {
    if (item.path().extension() == ".json") names.push_back(item.path().filename().string());
  }
  EXPECT_EQ(names.size(), 16u) << "15 arXiv papers of the seed config and the manual entry";
  for (const auto& name : names) {
    const bool same = read_data("seed/semanticscholar/" + name) == read_data("seed-later/semanticscholar/" + name);
    EXPECT_EQ(same, name != "paper-2507.14417.json") << name;
  }
}

}  // namespace
}  // namespace scholard::testing
