// The source registry: every entry builds a source that is what the entry
// says, names are valid and unique, and the settings reach the source and
// its net policy.
#include "fetchers/registry.hpp"

#include <gtest/gtest.h>

#include <set>

#include "fake_http.hpp"

namespace scholard::fetchers {
namespace {

using testing::FakeHttpClient;
using testing::make_response;

net::Response refuse(const net::Request&) { return make_response(500, ""); }

TEST(Registry, EveryEntryMakesTheSourceItNames) {
  FakeHttpClient client{refuse};
  ASSERT_FALSE(source_registry().empty());
  for (const SourceEntry& entry : source_registry()) {
    auto source = entry.make(client, SourceOptions{});
    ASSERT_NE(source, nullptr) << entry.name;
    EXPECT_EQ(source->name(), entry.name);
    EXPECT_EQ(source->display_name(), entry.display_name);
    EXPECT_EQ(source->kind(), entry.kind) << entry.name;
    const net::HostPolicy policy = entry.policy(SourceOptions{});
    EXPECT_GE(policy.limiter.max_in_flight, 1) << entry.name;
  }
  EXPECT_TRUE(client.requests.empty());  // building a source asks nobody
}

// The HttpClient picks a request's policy by Request::source: each source's
// requests must carry its registry name (or its second route's key), or its
// policy would not apply.
TEST(Registry, RequestsCarryTheSourceNameTheirPolicyIsKeyedBy) {
  const PaperIds paper{"2301.00001", "10.1093/jrsssb/qkae005", "A title"};
  for (const SourceEntry& entry : source_registry()) {
    FakeHttpClient client{refuse};
    auto source = entry.make(client, SourceOptions{});
    const std::string id = source->query_id(paper);
    ASSERT_FALSE(id.empty()) << entry.name << " answers for a paper with an arXiv id and a DOI";
    int done = 0;
    source->fetch({{id, {}}}, nullptr, [&](const FetchStats&) { ++done; });
    client.run();
    EXPECT_EQ(done, 1) << entry.name;
    ASSERT_FALSE(client.requests.empty()) << entry.name;
    for (const net::Request& r : client.requests) {
      EXPECT_TRUE(r.source == entry.name || (!entry.route_key.empty() && r.source == entry.route_key)) << r.source;
    }
  }
}

TEST(Registry, NamesAreSourceNamesAndUnique) {
  std::set<std::string_view> names;
  std::set<std::string_view> display_names;
  for (const SourceEntry& entry : source_registry()) {
    EXPECT_TRUE(core::is_source_name(entry.name)) << entry.name;
    EXPECT_TRUE(names.insert(entry.name).second) << "twice: " << entry.name;
    EXPECT_FALSE(entry.display_name.empty()) << entry.name;
    EXPECT_TRUE(display_names.insert(entry.display_name).second) << "twice: " << entry.display_name;
  }
}

TEST(Registry, TheBuiltInSourcesInOrder) {
  std::vector<std::string_view> names;
  for (const SourceEntry& entry : source_registry()) names.push_back(entry.name);
  EXPECT_EQ(names, (std::vector<std::string_view>{"arxiv", "crossref", "semanticscholar"}));
}

TEST(Registry, FindSourceAndDisplayName) {
  const SourceEntry* arxiv = find_source("arxiv");
  ASSERT_NE(arxiv, nullptr);
  EXPECT_EQ(arxiv->kind, core::SourceKind::preprint_server);
  const SourceEntry* crossref = find_source("crossref");
  ASSERT_NE(crossref, nullptr);
  EXPECT_EQ(crossref->kind, core::SourceKind::doi_registry);
  EXPECT_EQ(find_source("semantic_scholar"), nullptr);
  EXPECT_EQ(find_source("Crossref"), nullptr);  // names are exact
  EXPECT_EQ(find_source(""), nullptr);
  EXPECT_EQ(display_name("arxiv"), "arXiv");
  EXPECT_EQ(display_name("crossref"), "Crossref");
  EXPECT_EQ(display_name("semanticscholar"), "Semantic Scholar");
  const SourceEntry* s2 = find_source("semanticscholar");
  ASSERT_NE(s2, nullptr);
  EXPECT_EQ(s2->kind, core::SourceKind::bibliographic_index);
  EXPECT_EQ(display_name("newer_source"), "newer_source");  // unknown: the name itself
}

TEST(Registry, ArxivTakesItsIntervalBaseUrlAndBatchSizeFromTheSettings) {
  const SourceEntry* arxiv = find_source("arxiv");
  ASSERT_NE(arxiv, nullptr);
  FakeHttpClient client{refuse};

  // Defaults: arXiv's 3 s (plus 5 %), one connection, not kept alive.
  const net::HostPolicy standard = arxiv->policy(SourceOptions{});
  EXPECT_EQ(standard.limiter.min_interval, std::chrono::milliseconds(3150));
  EXPECT_EQ(standard.limiter.max_in_flight, 1);
  EXPECT_FALSE(standard.reuse_connections);
  EXPECT_EQ(arxiv->make(client, SourceOptions{})->min_interval(), std::chrono::milliseconds(3000));

  SourceOptions s;
  s.base_url = "http://127.0.0.1:9/api/query";
  s.min_interval = std::chrono::milliseconds(200);
  s.batch_size = 2;
  s.concurrency = 7;  // not arXiv's: one connection whatever is asked
  const net::HostPolicy fast = arxiv->policy(s);
  EXPECT_EQ(fast.limiter.min_interval, std::chrono::milliseconds(210));
  EXPECT_EQ(fast.limiter.max_in_flight, 1);
  EXPECT_EQ(fast.retry.initial_delay, std::chrono::milliseconds(2000));
  auto source = arxiv->make(client, s);
  EXPECT_EQ(source->min_interval(), std::chrono::milliseconds(200));
  EXPECT_EQ(source->batches({"2301.00001", "2301.00002", "2301.00003"}).size(), 2u);  // batch_size 2

  bool done = false;
  source->fetch({{"2301.00001", {}}}, nullptr, [&](const FetchStats&) { done = true; });
  client.run();
  EXPECT_TRUE(done);
  ASSERT_EQ(client.requests.size(), 1u);
  EXPECT_EQ(client.requests[0].url, "http://127.0.0.1:9/api/query?id_list=2301.00001&max_results=2");
}

TEST(Registry, CrossrefTakesConcurrencyBaseUrlAndTheContactAsMailto) {
  const SourceEntry* crossref = find_source("crossref");
  ASSERT_NE(crossref, nullptr);
  EXPECT_EQ(crossref->policy(SourceOptions{}).limiter.max_in_flight, 3);
  EXPECT_EQ(crossref->policy(SourceOptions{}).limiter.adaptation, net::Adaptation::from_headers);
  SourceOptions s;
  s.base_url = "http://127.0.0.1:9/";
  s.contact = "someone@example.org";
  s.concurrency = 5;
  EXPECT_EQ(crossref->policy(s).limiter.max_in_flight, 5);

  FakeHttpClient client{refuse};
  auto source = crossref->make(client, s);
  EXPECT_EQ(source->min_interval(), std::chrono::milliseconds(0));
  bool done = false;
  source->fetch({{"10.1093/jrsssb/qkae005", {}}}, nullptr, [&](const FetchStats&) { done = true; });
  client.run();
  EXPECT_TRUE(done);
  ASSERT_EQ(client.requests.size(), 1u);
  EXPECT_EQ(client.requests[0].url, "http://127.0.0.1:9/works/10.1093%2Fjrsssb%2Fqkae005?mailto=someone%40example.org");
}

TEST(Registry, CrossrefBatchesByDefaultUnderItsListRoutesOwnPolicy) {
  const SourceEntry* crossref = find_source("crossref");
  ASSERT_NE(crossref, nullptr);
  EXPECT_EQ(crossref->route_key, "crossref-list");
  ASSERT_NE(crossref->route_policy, nullptr);
  SourceOptions s;
  s.concurrency = 2;
  EXPECT_EQ(crossref->route_policy(s).limiter.max_in_flight, 2);
  EXPECT_EQ(crossref->route_policy(s).limiter.adaptation, net::Adaptation::from_headers);
  EXPECT_EQ(find_source("arxiv")->route_policy, nullptr);

  std::vector<std::string> dois;
  for (int i = 0; i < 120; ++i) dois.push_back("10.5555/scholard-bench." + std::to_string(i));
  FakeHttpClient client{refuse};
  EXPECT_EQ(crossref->make(client, SourceOptions{})->batches(dois).size(), 3u);  // 50 a list by default
  s.batch_size = 1;
  EXPECT_EQ(crossref->make(client, s)->batches(dois).size(), 120u);  // one request per DOI, as before
  s.batch_size = 100;
  auto source = crossref->make(client, s);
  EXPECT_EQ(source->batches(dois).size(), 2u);
  std::vector<FetchItem> items;
  for (const auto& d : dois) items.push_back({d, {}});
  source->fetch(std::move(items), nullptr, nullptr);
  client.run();
  ASSERT_EQ(client.requests.size(), 2u);
  for (const net::Request& r : client.requests) EXPECT_EQ(r.source, "crossref-list");
}

TEST(Registry, SemanticScholarTakesItsIntervalBaseUrlBatchSizeAndKey) {
  const SourceEntry* s2 = find_source("semanticscholar");
  ASSERT_NE(s2, nullptr);
  FakeHttpClient client{refuse};

  // Defaults: 1 s (plus 5 %), one in flight, fresh connections, a busy 429 not retried.
  const net::HostPolicy standard = s2->policy(SourceOptions{});
  EXPECT_EQ(standard.limiter.min_interval, std::chrono::milliseconds(1050));
  EXPECT_EQ(standard.limiter.max_in_flight, 1);
  EXPECT_EQ(standard.retry.max_attempts, 3);
  EXPECT_FALSE(standard.retry.retry_rate_limited_without_retry_after);
  EXPECT_EQ(s2->make(client, SourceOptions{})->min_interval(), std::chrono::milliseconds(1000));

  SourceOptions s;
  s.base_url = "http://127.0.0.1:9/graph/v1/";
  s.min_interval = std::chrono::milliseconds(200);
  s.batch_size = 2;
  s.api_key = "k3y-for-test";
  EXPECT_EQ(s2->policy(s).limiter.min_interval, std::chrono::milliseconds(210));
  auto source = s2->make(client, s);
  EXPECT_EQ(source->min_interval(), std::chrono::milliseconds(200));
  EXPECT_EQ(source->batches({"ARXIV:2301.00001", "ARXIV:2301.00002", "DOI:10.1093/jrsssb/qkae005"}).size(), 2u);

  bool done = false;
  source->fetch({{"ARXIV:2301.00001", {}}}, nullptr, [&](const FetchStats&) { done = true; });
  client.run();
  EXPECT_TRUE(done);
  ASSERT_EQ(client.requests.size(), 1u);
  EXPECT_EQ(client.requests[0].url.rfind("http://127.0.0.1:9/graph/v1/paper/batch?fields=", 0), 0u);
  EXPECT_EQ(client.requests[0].body, R"({"ids":["ARXIV:2301.00001"]})");
  const auto& headers = client.requests[0].headers;
  EXPECT_NE(std::find(headers.begin(), headers.end(), std::pair<std::string, std::string>{"x-api-key", "k3y-for-test"}),
            headers.end());
}

}  // namespace
}  // namespace scholard::fetchers
