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

// The two built-in sources as the CLI labels them from the registry.
const SourceLabels k_labels{{"arxiv", "arXiv"}, {"crossref", "Crossref"}};

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
  EXPECT_EQ(describe_change(entry("arxiv", HistoryKind::changed, "arxiv_version", "2", "3"), k_labels), "arXiv v3");
  EXPECT_EQ(describe_change(entry("crossref", HistoryKind::changed, "venue", "arXiv preprint",
                                  "Transactions on Machine Learning Research"), k_labels),
            "venue: arXiv preprint -> Transactions on Machine Learning Research (Crossref)");
  EXPECT_EQ(describe_change(entry("crossref", HistoryKind::changed, "doi", "", "10.1/x"), k_labels),
            "doi: (none) -> 10.1/x (Crossref)");
  EXPECT_EQ(describe_change(entry("arxiv", HistoryKind::first_seen, "", "", "Error Bounds"), k_labels),
            "first seen on arXiv: Error Bounds");
  EXPECT_EQ(describe_change(entry("config", HistoryKind::added, "", "", ""), k_labels), "added to the config");
  EXPECT_EQ(describe_change(entry("config", HistoryKind::changed, "doi", "", "10.1/x"), k_labels), "config doi: (none) -> 10.1/x");
  auto fields = core::record_fields(arxiv_record());
  std::string authors;
  for (const auto& f : fields) {
    if (f.name == "authors") authors = f.value;
  }
  EXPECT_EQ(describe_change(entry("arxiv", HistoryKind::changed, "authors", "", authors), k_labels),
            "authors: (none) -> Joe Benton, George Deligiannidis, Arnaud Doucet (arXiv)");
}

TEST(Report, HistoryTextIsOneLinePerEntry) {
  std::vector<HistoryEntry> h{entry("arxiv", HistoryKind::changed, "arxiv_version", "2", "3"),
                              entry("arxiv", HistoryKind::first_seen, "", "", "Error Bounds")};
  EXPECT_EQ(history_text(h, k_labels),
            "2025-03-02  2305.16860  arXiv v3\n"
            "2025-03-02  2305.16860  first seen on arXiv: Error Bounds\n");
  EXPECT_EQ(history_text({}, k_labels), "no history yet\n");
}

TEST(Report, JsonStringsAreEscaped) {
  EXPECT_EQ(JsonWriter().string("a\"b\n\xff").str(), "\"a\\\"b\\n\xef\xbf\xbd\"");  // core::json_quote
  JsonWriter w;
  w.begin_object().field("a", "").field("b", 2).key("c").begin_array().number(1).boolean(false).null().end_array();
  w.end_object();
  EXPECT_EQ(w.str(), R"({"a":null,"b":2,"c":[1,false,null]})");
}

TEST(Report, ListJsonHasTheDocumentedShape) {
  PaperSummary p{"2305.16860", "2305.16860", "", "Error \"Bounds\"", "", 2023, 0, false, {}};
  FetchState st;
  st.outcome = StoredOutcome::ok;
  st.has_record = true;
  st.last_attempt = t0();
  st.last_success = t0();
  st.fetched_at = t0();
  st.raw_hash = "fnv1a64:00";
  p.sources.push_back({"arxiv", st});
  std::string json = list_json({p}, k_labels);
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
  FetchResult bad = failed_result("2211.03595", "arxiv", StoredOutcome::error, "HTTP 503");
  ASSERT_TRUE(store().write_fetches({ok_result("2211.03595", cr), bad}));
  auto run = store().begin_run("scholard sync");
  ASSERT_TRUE(store().finish_run(*run, {{{"arxiv", 1}, {"crossref", 1}}, 0, 1, 1, RunOutcome::partial, "1 failed"}));

  auto detail = **store().show_paper("2211.03595");
  std::string json = show_json(detail, k_labels);
  EXPECT_TRUE(parses(json)) << json;
  EXPECT_NE(json.find(R"("arxiv":{"fetch":{"outcome":"error","failures":1,"last_error":"HTTP 503")"), std::string::npos);
  EXPECT_NE(json.find(R"("authors":[{"name":"Joe Benton","given":"Joe","family":"Benton")"), std::string::npos);
  EXPECT_NE(json.find(R"("updates":[{"type":"correction","doi":"10.1093/jrsssb/qkae099","label":"Correction","date":"2024-06-01"}])"),
            std::string::npos);
  std::string text = show_text(detail, k_labels);
  EXPECT_NE(text.find("Crossref: ok"), std::string::npos) << text;
  EXPECT_NE(text.find("last error: HTTP 503"), std::string::npos) << text;
  EXPECT_NE(text.find("venue: Journal of the Royal Statistical Society"), std::string::npos) << text;

  EXPECT_TRUE(parses(history_json(*store().history(), k_labels)));
  auto status = *store().status();
  std::string sj = status_json(status, k_labels);
  EXPECT_TRUE(parses(sj)) << sj;
  EXPECT_NE(sj.find(R"("requests":{"arxiv":1,"crossref":1})"), std::string::npos);
  std::string st = status_text(status, t0(), k_labels);
  EXPECT_NE(st.find("partial: 1 request to arXiv, 1 to Crossref, 1 changed, 1 output written (1 failed)"),
            std::string::npos)
      << st;
  EXPECT_NE(st.find("2211.03595 (arXiv): 1 failure,"), std::string::npos) << st;
  std::string lt = list_text(*store().list_papers(), k_labels);
  EXPECT_NE(lt.find("2211.03595  2024  From denoising diffusions"), std::string::npos) << lt;
  EXPECT_TRUE(parses(list_json(*store().list_papers(), k_labels)));
}

// The formatting knows no source: a toy source stored beside the labelled
// ones shows under its own name, after them; labelled sources keep their
// JSON keys (null / 0 when absent), in the labels' order.
TEST(Report, AnUnlabelledSourceIsShownByNameAfterTheLabelledOnes) {
  FetchState st;
  st.outcome = StoredOutcome::not_found;
  st.failures = 2;
  PaperSummary p{"2305.16860", "2305.16860", "", "T", "", 0, 0, false, {}};
  p.sources.push_back({"toy", st});
  const std::string json = list_json({p}, k_labels);
  EXPECT_NE(json.find(R"("sources":{"arxiv":null,"crossref":null,"toy":{"outcome":"not_found","failures":2,)"),
            std::string::npos)
      << json;
  EXPECT_TRUE(parses(json));
  EXPECT_NE(list_text({p}, k_labels).find("    toy: not_found (2 failures)"), std::string::npos);
  // Labels decide the display names and the order of the keys.
  const SourceLabels reversed{{"toy", "Toy Index"}, {"arxiv", "arXiv"}};
  EXPECT_NE(list_json({p}, reversed).find(R"("sources":{"toy":{"outcome")"), std::string::npos);
  EXPECT_NE(list_text({p}, reversed).find("    Toy Index: not_found"), std::string::npos);

  StatusReport status;
  RunInfo run;
  run.started_at = t0();
  run.ended_at = t0();
  run.command = "scholard sync";
  run.summary.requests = {{"toy", 4}, {"arxiv", 2}};
  status.runs.push_back(run);
  status.due.push_back({"2305.16860", "toy", std::nullopt, 0});
  status.failing.push_back({"2305.16860", "toy", 2, StoredOutcome::not_found, "not found", t0()});
  const std::string sj = status_json(status, k_labels);
  EXPECT_TRUE(parses(sj)) << sj;
  EXPECT_NE(sj.find(R"("requests":{"arxiv":2,"crossref":0,"toy":4})"), std::string::npos) << sj;
  EXPECT_NE(sj.find(R"("due":[{"paper":"2305.16860","source":"toy","next_due":null,"failures":0}])"), std::string::npos)
      << sj;
  const std::string text = status_text(status, t0(), k_labels);
  EXPECT_NE(text.find("ok: 2 requests to arXiv, 0 to Crossref, 4 to toy, 0 changed"), std::string::npos) << text;
  EXPECT_NE(text.find("2305.16860 (toy)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("2305.16860 (toy): 2 failures"), std::string::npos) << text;
  EXPECT_EQ(describe_change(entry("toy", HistoryKind::first_seen, "", "", "T"), k_labels), "first seen on toy: T");
  EXPECT_EQ(source_display(k_labels, "config"), "config");
  EXPECT_EQ(sources_shown(k_labels, {"toy", "arxiv", "aaa", "toy"}),
            (std::vector<std::string>{"arxiv", "crossref", "aaa", "toy"}));
}

TEST(Report, StatusSaysHowManyMoreAreDueAndListsWholeTitles) {
  StatusReport status;
  status.due.push_back({"2305.16860", "arxiv", std::nullopt, 0});
  status.due.push_back({"2210.01892", "arxiv", std::nullopt, 0});
  status.due_total = 2;
  EXPECT_EQ(status_text(status, t0(), k_labels).find("more\n"), std::string::npos);
  status.due_total = 7;
  const std::string text = status_text(status, t0(), k_labels);
  EXPECT_NE(text.find("2210.01892 (arXiv)\n  and 5 more\nFailing:"), std::string::npos) << text;
  EXPECT_NE(status_json(status, k_labels).find(R"("due_total":7)"), std::string::npos);

  PaperSummary p;
  p.key = "2501.18837";
  p.year = 2025;
  p.title = "Constitutional Classifiers: Defending against Universal Jailbreaks across Thousands of Hours of Red Teaming";
  EXPECT_NE(list_text({p}, k_labels).find(p.title + "\n"), std::string::npos);
}

}  // namespace
}  // namespace scholard::store
