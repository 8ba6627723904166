// Text and JSON formatting of the query results.
#include "store/report.hpp"

#include <simdjson.h>

#include <gtest/gtest.h>

#include "store/json_writer.hpp"
#include "store_test_util.hpp"

namespace scholard::store {
namespace {

using namespace testing;

HistoryEntry entry(std::string source, HistoryKind kind, std::string field, std::string old_value,
                   std::string new_value) {
  return HistoryEntry{1, "2305.16860", std::move(source), t0(), kind, std::move(field), std::move(old_value),
                      std::move(new_value)};
}

bool parses(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  return parser.parse(json).get(doc) == simdjson::SUCCESS;
}

TEST(Report, TimesAreIsoUtc) {
  EXPECT_EQ(iso_utc(t0()), "2025-03-02T10:00:00Z");
  EXPECT_EQ(iso_utc(t0() + std::chrono::milliseconds(1999)), "2025-03-02T10:00:01Z");
  EXPECT_EQ(iso_day(t0()), "2025-03-02");
}

TEST(Report, DescribesChangesTheWayHistoryPrintsThem) {
  EXPECT_EQ(describe_change(entry("arxiv", HistoryKind::changed, "arxiv_version", "2", "3")), "arXiv v3");
  EXPECT_EQ(describe_change(entry("crossref", HistoryKind::changed, "venue", "arXiv preprint",
                                  "Transactions on Machine Learning Research")),
            "venue: arXiv preprint -> Transactions on Machine Learning Research (Crossref)");
  EXPECT_EQ(describe_change(entry("crossref", HistoryKind::changed, "doi", "", "10.1/x")),
            "doi: (none) -> 10.1/x (Crossref)");
  EXPECT_EQ(describe_change(entry("arxiv", HistoryKind::first_seen, "", "", "Error Bounds")),
            "first seen on arXiv: Error Bounds");
  EXPECT_EQ(describe_change(entry("config", HistoryKind::added, "", "", "")), "added to the config");
  EXPECT_EQ(describe_change(entry("config", HistoryKind::changed, "doi", "", "10.1/x")), "config doi: (none) -> 10.1/x");
  auto fields = core::record_fields(arxiv_record());
  std::string authors;
  for (const auto& f : fields) {
    if (f.name == "authors") authors = f.value;
  }
  EXPECT_EQ(describe_change(entry("arxiv", HistoryKind::changed, "authors", "", authors)),
            "authors: (none) -> Joe Benton, George Deligiannidis, Arnaud Doucet (arXiv)");
}

TEST(Report, HistoryTextIsOneLinePerEntry) {
  std::vector<HistoryEntry> h{entry("arxiv", HistoryKind::changed, "arxiv_version", "2", "3"),
                              entry("arxiv", HistoryKind::first_seen, "", "", "Error Bounds")};
  EXPECT_EQ(history_text(h),
            "2025-03-02  2305.16860  arXiv v3\n"
            "2025-03-02  2305.16860  first seen on arXiv: Error Bounds\n");
  EXPECT_EQ(history_text({}), "no history yet\n");
}

TEST(Report, JsonStringsAreEscaped) {
  EXPECT_EQ(json_quote("a\"b\\c\n\t\x01"), "\"a\\\"b\\\\c\\n\\t\\u0001\"");
  EXPECT_EQ(json_quote("Jöe"), "\"Jöe\"");
  EXPECT_EQ(json_quote("bad\xff"), "\"bad\xef\xbf\xbd\"");
  JsonWriter w;
  w.begin_object().field("a", "").field("b", 2).key("c").begin_array().number(1).boolean(false).null().end_array();
  w.end_object();
  EXPECT_EQ(w.str(), R"({"a":null,"b":2,"c":[1,false,null]})");
}

TEST(Report, ListJsonHasTheDocumentedShape) {
  PaperSummary p{"2305.16860", "2305.16860", "", "Error \"Bounds\"", "", 2023, 0, false, {}};
  FetchState st;
  st.outcome = FetchOutcome::ok;
  st.has_record = true;
  st.last_attempt = t0();
  st.last_success = t0();
  st.fetched_at = t0();
  st.raw_hash = "fnv1a64:00";
  p.sources.push_back({core::SourceKind::arxiv, st});
  std::string json = list_json({p});
  EXPECT_EQ(json,
            R"({"version":1,"papers":[{"key":"2305.16860","arxiv":"2305.16860","doi":null,)"
            R"("title":"Error \"Bounds\"","venue":null,"year":2023,"position":0,"removed":false,)"
            R"("sources":{"arxiv":{"outcome":"ok","failures":0,"last_error":null,)"
            R"("last_attempt":"2025-03-02T10:00:00Z","last_success":"2025-03-02T10:00:00Z","next_due":null,)"
            R"("has_record":true,"fetched_at":"2025-03-02T10:00:00Z","raw_hash":"fnv1a64:00","etag":null,)"
            R"("last_modified":null},"crossref":null}}]})"
            "\n");
  EXPECT_TRUE(parses(json));
}

TEST_F(StoreTest, ShowHistoryStatusJsonParseAndTextMentionsEssentials) {
  ASSERT_TRUE(store().reconcile_papers({paper("2211.03595", "2211.03595", "10.1093/jrsssb/qkae005", 0)}));
  core::Record cr = crossref_record();
  cr.relations = {{"has-preprint", "doi", "10.48550/arxiv.2211.03595"}};
  cr.updates = {{"correction", "10.1093/jrsssb/qkae099", "Correction", {2024, 6, 1}}};
  FetchResult bad = failed_result("2211.03595", core::SourceKind::arxiv, FetchOutcome::error, "HTTP 503");
  ASSERT_TRUE(store().write_fetches({ok_result("2211.03595", cr), bad}));
  auto run = store().begin_run("scholard sync");
  ASSERT_TRUE(store().finish_run(*run, {1, 1, 0, 1, 1, RunOutcome::partial, "1 failed"}));

  auto detail = **store().show_paper("2211.03595");
  std::string json = show_json(detail);
  EXPECT_TRUE(parses(json)) << json;
  EXPECT_NE(json.find(R"("arxiv":{"fetch":{"outcome":"error","failures":1,"last_error":"HTTP 503")"), std::string::npos);
  EXPECT_NE(json.find(R"("authors":[{"name":"Joe Benton","given":"Joe","family":"Benton")"), std::string::npos);
  EXPECT_NE(json.find(R"("updates":[{"type":"correction","doi":"10.1093/jrsssb/qkae099","label":"Correction","date":"2024-06-01"}])"),
            std::string::npos);
  std::string text = show_text(detail);
  EXPECT_NE(text.find("Crossref: ok"), std::string::npos) << text;
  EXPECT_NE(text.find("last error: HTTP 503"), std::string::npos) << text;
  EXPECT_NE(text.find("venue: Journal of the Royal Statistical Society"), std::string::npos) << text;

  EXPECT_TRUE(parses(history_json(*store().history())));
  auto status = *store().status();
  std::string sj = status_json(status);
  EXPECT_TRUE(parses(sj)) << sj;
  EXPECT_NE(sj.find(R"("requests":{"arxiv":1,"crossref":1})"), std::string::npos);
  std::string st = status_text(status, t0());
  EXPECT_NE(st.find("partial: 1 requests to arXiv, 1 to Crossref, 1 changed, 1 outputs written (1 failed)"),
            std::string::npos)
      << st;
  EXPECT_NE(st.find("2211.03595 (arXiv): 1 failures"), std::string::npos) << st;
  std::string lt = list_text(*store().list_papers());
  EXPECT_NE(lt.find("2211.03595  2024  From denoising diffusions"), std::string::npos) << lt;
  EXPECT_TRUE(parses(list_json(*store().list_papers())));
}

}  // namespace
}  // namespace scholard::store
