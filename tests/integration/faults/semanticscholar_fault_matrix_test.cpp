// The fault matrix for Semantic Scholar, end to end (the arXiv/Crossref one is
// fault_matrix_test.cpp): the real scholard binary against the fake API
// server on the seed researcher's fixtures. After a good first sync the fault
// is set for good on the S2 route and `scholard sync --force` runs.
//  - A server that fails (5xx JSON, an HTML gateway page, a reset, a cut or
//    broken or empty or oversize body, a body mislabelled gzip): exit 1, a
//    message naming Semantic Scholar, at most the retry policy's 3 attempts.
//  - A server that refuses to serve (429/503 without Retry-After, 403, an
//    HTML page with 200): exit 0, "Semantic Scholar refused", one request,
//    the source deferred.
// Either way every paper keeps every record it had, the other sources'
// states are untouched and every output stays byte-identical with its mtime;
// a lifted failure leaves nothing behind.
#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "integration/faults/site_state.hpp"

namespace scholard::testing {
namespace {

enum class Expect {
  failure,  // exit 1, "scholard: Semantic Scholar: " on stderr
  refusal,  // exit 0, "Semantic Scholar refused", deferred
};

struct S2Fault {
  std::string kind;
  std::string param;
  Expect expect = Expect::failure;
  std::string name;
};

[[maybe_unused]] void PrintTo(const S2Fault& c, std::ostream* os) { *os << c.name; }

std::vector<S2Fault> s2_cases() {
  return {
      {"500", "", Expect::failure, "ServerErrorJson"},
      {"504html", "", Expect::failure, "GatewayTimeoutHtml"},
      {"reset", "", Expect::failure, "Reset"},
      {"truncate", "", Expect::failure, "Truncated"},
      {"malformed", "", Expect::failure, "MalformedJson"},
      {"empty", "", Expect::failure, "EmptyBody"},
      {"oversize", "", Expect::failure, "Oversize17MiB"},
      {"gzipplain", "", Expect::failure, "PlainBodyLabelledGzip"},
      {"429", "", Expect::refusal, "TooManyRequestsNoRetryAfter"},
      {"503", "", Expect::refusal, "UnavailableNoRetryAfter"},
      {"403", "", Expect::refusal, "ForbiddenKey"},
      {"html200", "", Expect::refusal, "HtmlWith200"},
  };
}

class S2FaultMatrix : public ::testing::TestWithParam<S2Fault> {
 protected:
  void SetUp() override {
    m_site = std::make_unique<SeedSite>(SeedSiteOptions{"60ms", "30ms", {}, {}, {}});
    std::string error;
    ASSERT_TRUE(m_site->start_server(error)) << error;
    auto first = m_site->scholard({"sync"});
    ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  }
  std::unique_ptr<SeedSite> m_site;
};

TEST_P(S2FaultMatrix, PassEndsKeepsRecordsAndLeavesOutputsByteIdentical) {
  const S2Fault& c = GetParam();
  const OutputSnapshot outputs_before = snapshot_outputs(*m_site);
  StoreView before;
  ASSERT_EQ(read_store_view(*m_site, before), "");
  int s2_records = 0;
  for (const auto& [key, sources] : before) s2_records += static_cast<int>(sources.count("semanticscholar"));
  ASSERT_GT(s2_records, 10) << "the first sync stored S2's records";
  ASSERT_TRUE(m_site->server()->reset());
  ASSERT_TRUE(m_site->server()->set_fault("semanticscholar", c.kind, c.param));

  const auto start = std::chrono::steady_clock::now();
  const auto r = m_site->scholard({"sync", "--force"});
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took, std::chrono::seconds(60));
  if (c.expect == Expect::failure) {
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.err.find("scholard: Semantic Scholar: "), std::string::npos) << r.err;
  } else {
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.err.find("Semantic Scholar refused"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("Semantic Scholar deferred"), std::string::npos) << r.out;
  }

  StoreView after;
  ASSERT_EQ(read_store_view(*m_site, after), "");
  ASSERT_EQ(after.size(), before.size());
  for (const auto& [key, sources] : before) {
    for (const auto& [source, state] : sources) {
      ASSERT_EQ(after[key].count(source), 1u) << key << " lost its " << source << " state";
      EXPECT_EQ(after[key][source].record, state.record) << key << " / " << source;
      if (source != "semanticscholar") {
        EXPECT_EQ(after[key][source].fetch, state.fetch) << key << " / " << source;
      }
    }
  }
  const OutputSnapshot outputs_after = snapshot_outputs(*m_site);
  EXPECT_EQ(outputs_after.bytes, outputs_before.bytes);
  EXPECT_EQ(outputs_after.mtime_ns, outputs_before.mtime_ns);

  auto stats = m_site->server()->stats();
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_TRUE(stats->violations.empty()) << stats->violations.front();
  // One batch holds every paper; the policy makes at most 3 attempts, and a
  // refusal is not asked again within the pass.
  EXPECT_LE(stats->semanticscholar.requests, c.expect == Expect::refusal ? 1 : 3);
  EXPECT_GE(stats->semanticscholar.requests, 1);

  if (c.expect == Expect::refusal) return;  // deferred: the next passes do not ask (semanticscholar_sync_test.cpp)
  ASSERT_TRUE(m_site->server()->reset());
  const auto again = m_site->scholard({"sync", "--force"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  const OutputSnapshot recovered = snapshot_outputs(*m_site);
  EXPECT_EQ(recovered.bytes, outputs_before.bytes);
  EXPECT_EQ(recovered.mtime_ns, outputs_before.mtime_ns);
}

INSTANTIATE_TEST_SUITE_P(Faults, S2FaultMatrix, ::testing::ValuesIn(s2_cases()),
                         [](const ::testing::TestParamInfo<S2Fault>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace scholard::testing
