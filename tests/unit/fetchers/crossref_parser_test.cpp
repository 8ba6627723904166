// parse_crossref_work / classify_crossref_response on every recorded Crossref
// response in tests/data/crossref, with exact mappings for the representative
// ones. Shapes no recording contains (group authors, id-type "arxiv"
// relations, 500/504 bodies) are built inline from the shapes docs/upstream-apis.md
// describes ("Answers and errors", "Works").
#include "fetchers/crossref_parser.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "fake_http.hpp"
#include "net/http_client.hpp"

namespace scholard::fetchers {
namespace {

using testing::data_dir;
using testing::read_data;
using testing::read_file;
using testing::recorded_status;

core::Record parse_ok(const std::string& relative) {
  auto r = parse_crossref_work(read_data(relative));
  EXPECT_TRUE(r.has_value()) << relative << ": " << (r ? "" : r.error().message);
  return r ? *r : core::Record{};
}

core::Author person(std::string given, std::string family, std::string sequence, std::vector<std::string> aff = {},
                    std::string orcid = {}) {
  core::Author a;
  a.name = given + " " + family;
  a.given = std::move(given);
  a.family = std::move(family);
  a.sequence = std::move(sequence);
  a.affiliations = std::move(aff);
  a.orcid = std::move(orcid);
  return a;
}

std::string work_envelope(const std::string& message) {
  return R"({"status":"ok","message-type":"work","message-version":"1.0.0","message":)" + message + "}";
}

TEST(CrossrefParser, EveryRecordedWorkParses) {
  int works = 0;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir() / "crossref")) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("work-") || entry.path().extension() != ".json") continue;
    auto r = parse_crossref_work(read_file(entry.path()));
    if (name.starts_with("work-agency-")) {  // a /works/{doi}/agency answer: not a work
      ASSERT_FALSE(r) << name;
      EXPECT_NE(r.error().message.find("work-agency"), std::string::npos);
      continue;
    }
    ++works;
    ASSERT_TRUE(r) << name << ": " << r.error().message;
    EXPECT_EQ(r->source, "crossref");
    EXPECT_FALSE(r->doi.empty()) << name;
    EXPECT_FALSE(r->title.empty()) << name;
    EXPECT_FALSE(r->type.empty()) << name;
    EXPECT_EQ(r->title.find('<'), std::string::npos) << name << ": " << r->title;
    EXPECT_EQ(r->title.find("&lt;"), std::string::npos) << name;
  }
  EXPECT_EQ(works, 35);
}

TEST(CrossrefParser, SeedJournalArticle) {
  core::Record want;
  want.source = "crossref";
  want.title = want.title_raw = "From denoising diffusions to denoising Markov models";
  want.summary =
      "Denoising diffusions are state-of-the-art generative models exhibiting remarkable empirical performance. "
      "They work by diffusing the data distribution into a Gaussian distribution and then learning to reverse this "
      "noising process to obtain synthetic datapoints.";
  const std::vector<std::string> ox = {"Department of Statistics, University of Oxford"};
  want.authors = {person("Joe", "Benton", "first", ox), person("Yuyang", "Shi", "additional", ox),
                  person("Valentin", "De Bortoli", "additional", {"Département d'informatique, École Normale Supérieure"}),
                  person("George", "Deligiannidis", "additional", ox), person("Arnaud", "Doucet", "additional", ox)};
  want.type = "journal-article";
  want.venue = "Journal of the Royal Statistical Society Series B: Statistical Methodology";
  want.publisher = "Oxford University Press (OUP)";
  want.volume = "86";
  want.issue = "2";
  want.pages = "286-301";
  want.published = {2024, 1, 17};
  want.published_print = {2024, 4, 11};
  want.published_online = {2024, 1, 17};
  want.doi = "10.1093/jrsssb/qkae005";
  want.url = "https://doi.org/10.1093/jrsssb/qkae005";
  EXPECT_EQ(parse_ok("crossref/seed/work-10.1093_jrsssb_qkae005.json"), want);
}

TEST(CrossrefParser, ProceedingsArticleWithYearOnlyDates) {
  core::Record want;
  want.source = "crossref";
  want.title = want.title_raw = "Performance evaluation and tuning of BioPig for genomic analysis";
  want.authors = {person("Lizhen", "Shi", "first"), person("Zhong", "Wang", "additional"),
                  person("Weikuan", "Yu", "additional"), person("Xiandong", "Meng", "additional")};
  want.type = "proceedings-article";
  want.venue = "Proceedings of the 2015 International Workshop on Data-Intensive Scalable Computing Systems - DISCS '15";
  want.publisher = "ACM Press";
  want.published = {2015, 0, 0};
  want.published_print = {2015, 0, 0};
  want.doi = "10.1145/2831244.2831252";
  want.url = "http://dx.doi.org/10.1145/2831244.2831252";
  EXPECT_EQ(parse_ok("crossref/work-10.1145_2831244.2831252-proceedings-article.json"), want);
}

TEST(CrossrefParser, BookChaptersFromAList) {
  auto list = parse_crossref_work_list(read_data("crossref/list-works-rows2-book-chapters.json"));
  ASSERT_TRUE(list) << list.error().message;
  ASSERT_EQ(list->size(), 2u);
  const core::Record& r = (*list)[0];
  EXPECT_EQ(r.type, "book-chapter");
  EXPECT_EQ(r.title, "Soziale Innovation");
  EXPECT_EQ(r.venue, "Handbuch Innovationsforschung");
  EXPECT_EQ(r.publisher, "Springer Fachmedien Wiesbaden");
  EXPECT_EQ(r.pages, "1-17");
  EXPECT_EQ(r.doi, "10.1007/978-3-658-17671-6_18-1");
  EXPECT_EQ(r.published, (core::PartialDate{2018, 11, 3}));
  EXPECT_EQ(r.published_print, (core::PartialDate{2019, 0, 0}));
  EXPECT_EQ(r.authors, (std::vector<core::Author>{person("Jürgen", "Howaldt", "first"), person("Michael", "Schwarz", "additional")}));
  EXPECT_EQ((*list)[1].title, "Loot Crates");
  EXPECT_EQ((*list)[1].published, (core::PartialDate{2024, 0, 0}));
  EXPECT_FALSE(parse_crossref_work(read_data("crossref/list-works-rows2-book-chapters.json")));
}

TEST(CrossrefParser, PostedContentIsPreprintOf) {
  const core::Record r = parse_ok("crossref/work-10.1101_2024.04.01.587366-posted-content-preprint-is-preprint-of.json");
  EXPECT_EQ(r.type, "posted-content");
  EXPECT_EQ(r.title, "High-throughput screening of human genetic variants by pooled prime editing");
  EXPECT_EQ(r.publisher, "Cold Spring Harbor Laboratory");
  EXPECT_EQ(r.venue, "");
  EXPECT_EQ(r.published, (core::PartialDate{2024, 4, 1}));
  EXPECT_EQ(r.relations, (std::vector<core::Relation>{{"is-preprint-of", "doi", "10.1016/j.xgen.2025.100814"}}));
  ASSERT_EQ(r.authors.size(), 6u);
  EXPECT_EQ(r.authors[5], person("Gregory M.", "Findlay", "additional", {}, "0000-0002-7767-8608"));
}

TEST(CrossrefParser, HasPreprintRelation) {
  const core::Record r = parse_ok("crossref/work-10.3389_fgene.2017.00147.json");
  EXPECT_EQ(r.relations, (std::vector<core::Relation>{{"has-preprint", "doi", "10.1101/171108"}}));
  EXPECT_EQ(r.venue_short, "Front. Genet.");
  EXPECT_EQ(r.authors[0].name, "Josef Pánek");
}

TEST(CrossrefParser, UpdatedByCorrectionAndUpdateToNewVersion) {
  const core::Record pone = parse_ok("crossref/work-10.1371_journal.pone.0033693.json");
  EXPECT_EQ(pone.updates, (std::vector<core::UpdateNotice>{{"correction", "10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda",
                                                             "Correction", {2012, 5, 8}}}));
  EXPECT_EQ(pone.pages, "e33693");
  EXPECT_EQ(pone.venue_short, "PLoS ONE");
  const core::Record f1000 = parse_ok("crossref/work-10.12688_f1000research.161261.2-f1000.json");
  EXPECT_TRUE(f1000.updates.empty());
  EXPECT_EQ(f1000.relations, (std::vector<core::Relation>{{"has-version", "doi", "10.12688/f1000research.161261.1"},
                                                          {"update-to:new_version", "doi", "10.12688/f1000research.161261.1"}}));
}

TEST(CrossrefParser, NoAuthorsAndNullDateParts) {
  const core::Record r = parse_ok("crossref/work-10.1007_12080.1874-1746-type-journal.json");
  EXPECT_EQ(r.type, "journal");
  EXPECT_EQ(r.title, "Theoretical Ecology");
  EXPECT_TRUE(r.authors.empty());
  EXPECT_TRUE(r.published.empty());  // issued: {"date-parts": [[null]]}
  EXPECT_EQ(r.doi, "10.1007/12080.1874-1746");
}

TEST(CrossrefParser, FamilyNameOnlyAndGluedItalics) {
  const core::Record r = parse_ok("crossref/work-10.1101_2023.07.06.547934-biorxiv-family-name-only.json");
  EXPECT_EQ(r.title,
            "Exploring G-quadruplex structure in PRCC-TFE3 fusion Oncogene: Plausible use as anti cancer therapy for "
            "translocation Renal cell carcinoma (tRCC)");
  EXPECT_EQ(r.title_raw,
            "Exploring G-quadruplex structure in<i>PRCC-TFE3</i>fusion Oncogene: Plausible use as anti cancer therapy "
            "for translocation Renal cell carcinoma (tRCC)");
  ASSERT_EQ(r.authors.size(), 2u);
  EXPECT_EQ(r.authors[0].name, "Neha");
  EXPECT_EQ(r.authors[0].given, "");
  EXPECT_EQ(r.authors[0].family, "Neha");
  EXPECT_EQ(r.authors[0].orcid, "0000-0002-5719-6572");
}

TEST(CrossrefParser, PrettyPrintedItalicTitle) {
  const core::Record r = parse_ok("crossref/work-10.1136_jclinpath-2020-206745-title-markup-i.json");
  EXPECT_EQ(r.title, "Construction of a reference material panel for detecting KRAS/NRAS/EGFR/BRAF/MET mutations in plasma ctDNA");
  EXPECT_TRUE(r.title_raw.starts_with("Construction of a reference material panel for detecting\n                    <i>KRAS</i>"));
}

TEST(CrossrefParser, EntityEncodedHtmlTitles) {
  EXPECT_EQ(parse_ok("crossref/work-10.1590_scielopreprints.15155-scielo-preprints-title-encoded-html.json").title,
            "Análise de Rede da “Confederação do Equador”: Origens do Federalismo no Brasil a partir de O Typhis de "
            "Frei Caneca");
  EXPECT_EQ(parse_ok("crossref/work-10.20944_preprints202202.0061.v4-preprintsorg-title-containing-encoded-html-empty.json").title,
            "Key Points in HIV Infection Pathology");
  const core::Record r = parse_ok("crossref/work-10.20944_preprints202601.1190.v1-preprintsorg-title-encoded-html.json");
  EXPECT_EQ(r.title,
            "Hyperbolic EM Symmetry and Metrological Closure of Vacuum Impedance with Links to Topological Response in "
            "Metals and Alloys");
  EXPECT_TRUE(r.title_raw.starts_with("&lt;span class=\"word\"&gt;Hyperbolic"));
}

TEST(CrossrefParser, SubscriptsAndSmallCapsInAList) {
  auto sub = parse_crossref_work_list(read_data("crossref/list-works-sample5-sub-markup.json"));
  ASSERT_TRUE(sub) << sub.error().message;
  bool seen = false;
  for (const core::Record& r : *sub) {
    if (r.doi != "10.1002/zaac.19271660112") continue;
    seen = true;
    EXPECT_EQ(r.title, "Eigenschaftszusammenhänge der spezifischen Wärmen cp – Cv im flüssigen Zustande");
  }
  EXPECT_TRUE(seen);
  auto scp = parse_crossref_work_list(read_data("crossref/list-works-query-ecology-author-boettiger.json"));
  ASSERT_TRUE(scp) << scp.error().message;
  std::vector<std::string> titles;
  for (const core::Record& r : *scp) titles.push_back(r.title);
  EXPECT_NE(std::find(titles.begin(), titles.end(), "The role of AI in ecology’s computational carbon footprint"), titles.end());
  EXPECT_NE(std::find(titles.begin(), titles.end(),
                      "A Shiny r app to solve the problem of when to stop managing or surveying species under imperfect detection"),
            titles.end());
}

TEST(CrossrefParser, TitleAndSubtitleFirstOfEach) {
  const core::Record r = parse_ok("crossref/work-10.1007_s00120-007-1345-2-multiple-titles.json");
  EXPECT_EQ(r.title, "Penisverletzung durch eine Moulinette: Folge einer autoerotischen Selbstverstümmelung");
  EXPECT_EQ(r.published, (core::PartialDate{2007, 7, 0}));
  EXPECT_EQ(r.published_online, (core::PartialDate{2007, 7, 8}));
  EXPECT_EQ(r.venue_short, "Urologe");
}

TEST(CrossrefParser, GroupAuthorArxivRelationsAndRetraction) {
  // Shapes of docs/upstream-apis.md ("Works") that no recording here contains.
  const std::string json = work_envelope(R"({
    "DOI":"10.5555/ABC.1","type":"journal-article","title":["A &amp; B"],"subtitle":["<i>x</i>"],
    "author":[{"name":"Concrete Technology Associates","sequence":"first","affiliation":[]},
              {"given":"Ann","family":"Lee","sequence":"additional","ORCID":"http://orcid.org/0000-0002-1825-0097",
               "affiliation":[{"name":"Uni &amp; Co"}]}],
    "volume":12,"article-number":"e5",
    "issued":{"date-parts":[[2020,5]]},
    "relation":{"has-preprint":[{"id-type":"doi","id":"10.48550/arXiv.2302.04668","asserted-by":"object"},
                                {"id-type":"arxiv","id":"arXiv:2601.00001","asserted-by":"object"},
                                {"id-type":"arxiv","id":"2302.04668v2","asserted-by":"object"}],
                "is-identical-to":[{"id-type":"uri","id":"https://example.org/x"}]},
    "updated-by":[{"DOI":"10.5555/RETRACT","type":"retraction","label":"Retraction","source":"retraction-watch",
                   "updated":{"date-parts":[[2021]]}}],
    "unknown-field":{"nested":[1,2,{"a":null}]}})");
  auto r = parse_crossref_work(json);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->title, "A & B: x");
  EXPECT_EQ(r->title_raw, "A &amp; B: <i>x</i>");
  ASSERT_EQ(r->authors.size(), 2u);
  EXPECT_EQ(r->authors[0].name, "Concrete Technology Associates");
  EXPECT_EQ(r->authors[0].given, "");
  EXPECT_EQ(r->authors[0].sequence, "first");
  EXPECT_EQ(r->authors[1], person("Ann", "Lee", "additional", {"Uni & Co"}, "0000-0002-1825-0097"));
  EXPECT_EQ(r->volume, "12");
  EXPECT_EQ(r->article_number, "e5");
  EXPECT_EQ(r->published, (core::PartialDate{2020, 5, 0}));
  EXPECT_EQ(r->doi, "10.5555/abc.1");
  EXPECT_EQ(r->relations, (std::vector<core::Relation>{{"has-preprint", "arxiv", "2302.04668"},
                                                      {"has-preprint", "arxiv", "2601.00001"},
                                                      {"has-preprint", "arxiv", "2302.04668"},
                                                      {"is-identical-to", "uri", "https://example.org/x"}}));
  EXPECT_EQ(r->updates, (std::vector<core::UpdateNotice>{{"retraction", "10.5555/retract", "Retraction", {2021, 0, 0}}}));
}

TEST(CrossrefParser, MalformedBodiesAreErrorValues) {
  for (const std::string& body : {std::string(""), std::string("Resource not found."), std::string("{"),
                                  std::string("[]"), std::string(R"({"status":"ok","message-type":"work"})"),
                                  std::string(R"({"status":"ok","message-type":"work","message":{"title":["x"]}} trailing)"),
                                  std::string(R"({"status":"failed","message-type":"work","message":{}})"),
                                  std::string(R"({"status":"ok","message-type":"work","message":{"title":["unterminated]}})")}) {
    auto r = parse_crossref_work(body);
    ASSERT_FALSE(r) << body;
    EXPECT_EQ(r.error().code, core::ErrorCode::invalid_input) << body;
  }
}

TEST(CrossrefClassify, EveryRecordedErrorFile) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir() / "crossref")) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("error-") || name.ends_with(".headers.txt")) continue;
    ++files;
    const long status = recorded_status(entry.path().string() + ".headers.txt");
    auto r = classify_crossref_response(status, read_file(entry.path()));
    ASSERT_FALSE(r) << name;
    if (status == 404) {
      EXPECT_EQ(r.error().code, core::ErrorCode::not_found) << name;
      const bool json = name.ends_with(".json");
      EXPECT_NE(r.error().message.find(json ? "Cursor specified but it is invalid" : "Resource not found."),
                std::string::npos) << r.error().message;
    } else {
      EXPECT_EQ(status, 400) << name;
      EXPECT_EQ(r.error().code, core::ErrorCode::permanent) << name;
      EXPECT_NE(r.error().message.find("HTTP 400 validation-failure: "), std::string::npos) << r.error().message;
    }
  }
  EXPECT_EQ(files, 9);
  auto q = classify_crossref_response(400, read_data("crossref/error-400-validation-failure-works-doi-with-query.json"));
  EXPECT_EQ(q.error().message,
            "Crossref: HTTP 400 validation-failure: This route does not support field query parameters");
}

TEST(CrossrefClassify, RecordedWorkWithItsStatusIsOk) {
  const auto path = data_dir() / "crossref/work-10.1371_journal.pone.0033693.json";
  auto r = classify_crossref_response(recorded_status(path.string() + ".headers.txt"), read_file(path));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->doi, "10.1371/journal.pone.0033693");
}

// `body` in a std::string whose spare capacity holds junk: what a body read
// in place (spare capacity >= the padding) has after its end.
std::string with_junk_after(const std::string& body, char junk) {
  std::string s = body + std::string(net::k_body_spare_capacity + 8, junk);
  s.resize(body.size());  // keeps the capacity and, after the terminating '\0', the junk
  return s;
}

// A body with spare capacity is parsed in place, one without is copied
// first: the answers are the same, whatever follows the body in memory.
TEST(CrossrefClassify, InPlaceAndCopiedBodiesGiveTheSameAnswer) {
  int works = 0;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir() / "crossref")) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("work-") || entry.path().extension() != ".json") continue;
    const std::string body = read_file(entry.path());
    for (const std::string& text : {body, body + "\n  \n", body.substr(0, body.size() / 2)}) {
      const auto copied = classify_crossref_response(200, std::string_view(text));
      for (char junk : {'\0', '"', '1', '}', ' ', 'x'}) {
        const std::string padded = with_junk_after(text, junk);
        ASSERT_GE(padded.capacity() - padded.size(), net::k_body_spare_capacity);
        const auto in_place = classify_crossref_response(200, padded);
        ASSERT_EQ(in_place.has_value(), copied.has_value()) << name;
        if (copied) EXPECT_TRUE(*in_place == *copied) << name;
        else EXPECT_EQ(in_place.error().message, copied.error().message) << name;
      }
    }
    ++works;
  }
  EXPECT_GT(works, 10);
}

TEST(CrossrefClassify, ShapesWithoutRecordings) {
  auto server = classify_crossref_response(
      500, R"({"status":"error","message-type":"exception","message":{"name":"class java.lang.NullPointerException","description":"java.lang.NullPointerException"}})");
  EXPECT_EQ(server.error().code, core::ErrorCode::transient);
  EXPECT_NE(server.error().message.find("HTTP 500 exception"), std::string::npos);
  auto gateway = classify_crossref_response(
      504, "<html><body><h1>504 Gateway Time-out</h1>\nThe server didn't respond in time.\n</body></html>");
  EXPECT_EQ(gateway.error().code, core::ErrorCode::transient);
  EXPECT_NE(gateway.error().message.find("HTML page: 504 Gateway Time-out"), std::string::npos) << gateway.error().message;
  auto limited = classify_crossref_response(
      429, "<html><body><h1>429 Too Many Requests</h1>\nYou have sent too many requests.\n</body></html>");
  EXPECT_EQ(limited.error().code, core::ErrorCode::rate_limited);
  auto html200 = classify_crossref_response(200, "  <!DOCTYPE html><html><body>Maintenance</body></html>");
  EXPECT_EQ(html200.error().code, core::ErrorCode::invalid_input);
  auto agency = classify_crossref_response(200, read_data("crossref/work-agency-10.1126_science.169.3946.635.json"));
  EXPECT_EQ(agency.error().code, core::ErrorCode::invalid_input);
  auto plain404 = classify_crossref_response(404, "Resource not found.");
  EXPECT_EQ(plain404.error().code, core::ErrorCode::not_found);
  EXPECT_EQ(plain404.error().message, "Crossref: HTTP 404: Resource not found.");
}

}  // namespace
}  // namespace scholard::fetchers
