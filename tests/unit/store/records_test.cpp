// write_fetches: records, per-field change detection, history, fetch state.
#include <map>

#include <gtest/gtest.h>

#include "store_test_util.hpp"

namespace scholard::store {
namespace {

using namespace testing;

class RecordsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    auto r = store().reconcile_papers({paper("2305.16860", "2305.16860", "", 0),
                                       paper("10.1093/jrsssb/qkae005", "", "10.1093/jrsssb/qkae005", 1)});
    ASSERT_TRUE(r) << r.error().message;
    m_base_history = history_count();  // the "added" entries
  }
  std::vector<HistoryEntry> record_history() {
    std::vector<HistoryEntry> out;
    auto all = store().history();
    for (auto& e : *all) {
      if (e.source != "config") out.push_back(e);
    }
    return out;
  }
  const std::string k_key = "2305.16860";
  std::int64_t m_base_history = 0;
};

TEST_F(RecordsTest, FirstFetchStoresRecordAndOneFirstSeenEntry) {
  auto changes = store().write_fetches({ok_result(k_key, arxiv_record())});
  ASSERT_TRUE(changes) << changes.error().message;
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_TRUE((*changes)[0].first_seen);
  EXPECT_TRUE((*changes)[0].fields.empty());
  auto rec = store().record(k_key, "arxiv");
  ASSERT_TRUE(rec && *rec);
  EXPECT_EQ(**rec, arxiv_record());
  auto h = record_history();
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].kind, HistoryKind::first_seen);
  EXPECT_EQ(h[0].source, "arxiv");
  EXPECT_EQ(h[0].new_value, "Error Bounds for Flow Matching Methods");
  EXPECT_EQ(h[0].at, t0());
}

TEST_F(RecordsTest, SameRecordTwiceAddsNoHistory) {
  ASSERT_TRUE(store().write_fetches({ok_result(k_key, arxiv_record())}));
  auto before = history_count();
  m_clock.advance(std::chrono::hours(24));
  auto again = store().write_fetches({ok_result(k_key, arxiv_record())});
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty());
  EXPECT_EQ(history_count(), before);
  // ...but the fetch itself is recorded.
  auto st = store().fetch_state(k_key, "arxiv");
  EXPECT_EQ((*st)->last_success, t0() + std::chrono::hours(24));
}

TEST_F(RecordsTest, ChangeDetectionLogsExactlyTheChangedFields) {
  ASSERT_TRUE(store().write_fetches({ok_result(k_key, arxiv_record(2))}));
  m_clock.advance(std::chrono::hours(48));
  core::Record v3 = arxiv_record(3);
  v3.title = "Error Bounds for Flow Matching Methods (revised)";
  v3.url = arxiv_record(2).url;  // keep the URL: only title and version change
  auto changes = store().write_fetches({ok_result(k_key, v3)});
  ASSERT_TRUE(changes);
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_FALSE((*changes)[0].first_seen);
  EXPECT_EQ((*changes)[0].fields, (std::vector<std::string>{"title", "arxiv_version"}));
  auto h = record_history();  // newest first
  ASSERT_EQ(h.size(), 3u);
  std::map<std::string, HistoryEntry> by_field;
  for (int i = 0; i < 2; ++i) by_field[h[static_cast<std::size_t>(i)].field] = h[static_cast<std::size_t>(i)];
  EXPECT_EQ(by_field["arxiv_version"].old_value, "2");
  EXPECT_EQ(by_field["arxiv_version"].new_value, "3");
  EXPECT_EQ(by_field["title"].old_value, "Error Bounds for Flow Matching Methods");
  EXPECT_EQ(by_field["title"].new_value, "Error Bounds for Flow Matching Methods (revised)");
  EXPECT_EQ(by_field["title"].at, t0() + std::chrono::hours(48));
  EXPECT_EQ(h[2].kind, HistoryKind::first_seen);
  EXPECT_EQ(**store().record(k_key, "arxiv"), v3);
}

TEST_F(RecordsTest, FieldThatBecomesEmptyIsLoggedAndCleared) {
  ASSERT_TRUE(store().write_fetches({ok_result(k_key, arxiv_record())}));
  core::Record r = arxiv_record();
  r.categories.clear();
  auto changes = store().write_fetches({ok_result(k_key, r)});
  ASSERT_EQ((*changes)[0].fields, std::vector<std::string>{"categories"});
  EXPECT_EQ(record_history()[0].new_value, "");
  EXPECT_TRUE((**store().record(k_key, "arxiv")).categories.empty());
}

TEST_F(RecordsTest, FailureKeepsLastGoodRecordAndCountsUp) {
  FetchResult good = ok_result(k_key, arxiv_record(), "fnv1a64:aa");
  good.etag = "\"v1\"";
  good.last_modified = "Sun, 02 Mar 2025 10:00:00 GMT";
  good.next_due = t0() + std::chrono::hours(24);
  ASSERT_TRUE(store().write_fetches({good}));
  auto after_ok = history_count();

  m_clock.advance(std::chrono::hours(24));
  auto bad = failed_result(k_key, "arxiv", StoredOutcome::error, "HTTP 503 Service Unavailable");
  bad.next_due = m_clock.now() + std::chrono::minutes(30);
  ASSERT_TRUE(store().write_fetches({bad}));
  m_clock.advance(std::chrono::hours(1));
  ASSERT_TRUE(store().write_fetches({failed_result(k_key, "arxiv", StoredOutcome::invalid, "")}));

  EXPECT_EQ(**store().record(k_key, "arxiv"), arxiv_record());
  EXPECT_EQ(history_count(), after_ok);  // failures are state, not history
  auto st = **store().fetch_state(k_key, "arxiv");
  EXPECT_EQ(st.outcome, StoredOutcome::invalid);
  EXPECT_EQ(st.failures, 2);
  EXPECT_EQ(st.last_error, "invalid response");
  EXPECT_TRUE(st.has_record);
  EXPECT_EQ(st.raw_hash, "fnv1a64:aa");
  EXPECT_EQ(st.fetched_at, t0());
  EXPECT_EQ(st.last_success, t0());
  EXPECT_EQ(st.last_attempt, t0() + std::chrono::hours(25));
  EXPECT_EQ(st.etag, "\"v1\"");
  EXPECT_EQ(st.last_modified, "Sun, 02 Mar 2025 10:00:00 GMT");
  EXPECT_FALSE(st.next_due);

  m_clock.advance(std::chrono::hours(1));
  ASSERT_TRUE(store().write_fetches({ok_result(k_key, arxiv_record(), "fnv1a64:bb")}));
  st = **store().fetch_state(k_key, "arxiv");
  EXPECT_EQ(st.outcome, StoredOutcome::ok);
  EXPECT_EQ(st.failures, 0);
  EXPECT_EQ(st.last_error, "");
  EXPECT_EQ(st.raw_hash, "fnv1a64:bb");
  EXPECT_EQ(st.etag, "");  // the new response sent no validators
}

TEST_F(RecordsTest, NotModifiedMovesOnlyTheState) {
  FetchResult good = ok_result(k_key, arxiv_record(), "fnv1a64:aa");
  good.etag = "\"v1\"";
  ASSERT_TRUE(store().write_fetches({good}));
  ASSERT_TRUE(store().write_fetches({failed_result(k_key, "arxiv", StoredOutcome::error, "timeout")}));
  m_clock.advance(std::chrono::hours(2));
  FetchResult nm;
  nm.paper_key = k_key;
  nm.source = "arxiv";
  nm.outcome = StoredOutcome::not_modified;
  nm.etag = "\"v1b\"";
  ASSERT_TRUE(store().write_fetches({nm}));
  auto st = **store().fetch_state(k_key, "arxiv");
  EXPECT_EQ(st.outcome, StoredOutcome::not_modified);
  EXPECT_EQ(st.failures, 0);
  EXPECT_EQ(st.last_success, t0() + std::chrono::hours(2));
  EXPECT_EQ(st.fetched_at, t0());
  EXPECT_EQ(st.etag, "\"v1b\"");
  EXPECT_EQ(**store().record(k_key, "arxiv"), arxiv_record());
}

TEST_F(RecordsTest, NotFoundWithoutRecordKeepsNoRecord) {
  const std::string doi = "10.1093/jrsssb/qkae005";
  ASSERT_TRUE(store().write_fetches({failed_result(doi, "crossref", StoredOutcome::not_found, "")}));
  auto st = **store().fetch_state(doi, "crossref");
  EXPECT_EQ(st.outcome, StoredOutcome::not_found);
  EXPECT_EQ(st.last_error, "not found");
  EXPECT_FALSE(st.has_record);
  EXPECT_FALSE(*store().record(doi, "crossref"));
}

TEST_F(RecordsTest, SourcesAreKeptApart) {
  const std::string doi = "10.1093/jrsssb/qkae005";
  ASSERT_TRUE(store().write_fetches({ok_result(k_key, arxiv_record()), ok_result(doi, crossref_record())}));
  EXPECT_EQ(**store().record(doi, "crossref"), crossref_record());
  EXPECT_FALSE(*store().record(doi, "arxiv"));
  EXPECT_FALSE(*store().fetch_state(k_key, "crossref"));
}

TEST_F(RecordsTest, BadItemRollsBackTheWholeBatch) {
  auto r = store().write_fetches({ok_result(k_key, arxiv_record()), ok_result("9999.99999", arxiv_record())});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::invalid_input);
  EXPECT_NE(r.error().message.find("9999.99999"), std::string::npos);
  EXPECT_FALSE(*store().record(k_key, "arxiv"));
  EXPECT_FALSE(*store().fetch_state(k_key, "arxiv"));
  EXPECT_EQ(history_count(), m_base_history);
}

TEST_F(RecordsTest, MalformedResultsAreRejected) {
  FetchResult no_record = ok_result(k_key, arxiv_record());
  no_record.record.reset();
  EXPECT_EQ(store().write_fetches({no_record}).error().code, core::ErrorCode::invalid_input);
  FetchResult wrong_source = ok_result(k_key, arxiv_record());
  wrong_source.source = "crossref";
  EXPECT_EQ(store().write_fetches({wrong_source}).error().code, core::ErrorCode::invalid_input);
  FetchResult never = failed_result(k_key, "arxiv", StoredOutcome::never, "");
  EXPECT_EQ(store().write_fetches({never}).error().code, core::ErrorCode::invalid_input);
}

// The store keeps any source name, but only names (core::is_source_name):
// a bad one refuses the whole batch.
TEST_F(RecordsTest, ASourceThatIsNotASourceNameRefusesTheBatch) {
  for (const char* bad : {"", "Crossref", "config", "ar xiv", "9lives", "arxiv;"}) {
    core::Record r = arxiv_record();
    r.source = bad;
    auto written = store().write_fetches({ok_result(k_key, arxiv_record()), ok_result(k_key, r)});
    ASSERT_FALSE(written) << bad;
    EXPECT_EQ(written.error().code, core::ErrorCode::invalid_input) << bad;
    EXPECT_NE(written.error().message.find("not a source name"), std::string::npos) << written.error().message;
    auto failed = store().write_fetches({failed_result(k_key, bad, StoredOutcome::error, "HTTP 500")});
    ASSERT_FALSE(failed) << bad;
    EXPECT_EQ(failed.error().code, core::ErrorCode::invalid_input) << bad;
  }
  EXPECT_FALSE(*store().fetch_state(k_key, "arxiv"));  // the good item of each batch was rolled back
  EXPECT_EQ(history_count(), m_base_history);
  EXPECT_EQ(*store().database().query_int("SELECT count(*) FROM sources"), 0);
}

// A source the store has never heard of is kept like the built-in ones: its
// record, fetch state and history round-trip under its name (schema 7 has
// no list of sources).
TEST_F(RecordsTest, AToySourceIsStoredLikeAnyOther) {
  core::Record toy = crossref_record();
  toy.source = "toy_index";
  FetchResult ok = ok_result(k_key, toy);
  ok.etag = "\"v1\"";
  auto changes = store().write_fetches({ok});
  ASSERT_TRUE(changes) << changes.error().message;
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ(changes->front().source, "toy_index");
  EXPECT_TRUE(changes->front().first_seen);
  EXPECT_EQ(**store().record(k_key, "toy_index"), toy);
  EXPECT_EQ((*store().fetch_state(k_key, "toy_index"))->etag, "\"v1\"");
  auto h = store().history({k_key, 1});
  ASSERT_TRUE(h && h->size() == 1u);
  EXPECT_EQ(h->front().source, "toy_index");
  toy.venue = "Another Venue";
  changes = store().write_fetches({ok_result(k_key, toy)});
  ASSERT_TRUE(changes) << changes.error().message;
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ(changes->front().fields, std::vector<std::string>{"venue"});
}

TEST_F(RecordsTest, UnicodeAndControlCharactersRoundTrip) {
  core::Record r = arxiv_record();
  r.title = "Dénoising “diffusions” — ß\ttab\nnewline 'quote' \\ back";
  r.authors.push_back({"Jöe Bęnton", "Jöe", "Bęnton", "", "", {"Uni\tversity\n2"}});
  ASSERT_TRUE(store().write_fetches({ok_result(k_key, r)}));
  EXPECT_EQ(**store().record(k_key, "arxiv"), r);
}

}  // namespace
}  // namespace scholard::store
