// A third metadata source defined here, in the test, with its own name:
// it goes through plan -> fetch -> store -> merge -> render with no change to
// the engine, the store or the renderers (ARCHITECTURE.md, "Adding a
// source"). It is a DOI registry of its own ("toyreg") that answers
// GET http://toyreg.test/paper/DOI with a few lines of text.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/identifier.hpp"
#include "unit/daemon/engine_support.hpp"

namespace scholard::daemon {
namespace {

using ::testing::HasSubstr;
using testing::EngineFixture;

class ToySource final : public fetchers::Source {
 public:
  explicit ToySource(net::HttpClient& client) : m_client(client) {}

  std::string_view name() const override { return "toyreg"; }
  std::string_view display_name() const override { return "ToyReg"; }
  core::SourceKind kind() const override { return core::SourceKind::doi_registry; }
  std::chrono::milliseconds min_interval() const override { return std::chrono::milliseconds(0); }

  std::string query_id(const fetchers::PaperIds& ids) const override {
    return ids.doi.starts_with("10.5555/") ? ids.doi : std::string();
  }

  std::vector<std::vector<std::string>> batches(const std::vector<std::string>& ids) const override {
    std::vector<std::vector<std::string>> out;
    for (const auto& id : ids) out.push_back({id});
    return out;
  }

  void fetch(std::vector<fetchers::FetchItem> items, fetchers::BatchHandler on_batch,
             fetchers::DoneHandler on_done) override {
    auto state = std::make_shared<State>(State{std::move(on_batch), std::move(on_done), {}, items.size()});
    if (items.empty()) return state->on_done(state->stats);
    for (auto& item : items) {
      net::Request request;
      request.url = "http://toyreg.test/paper/" + item.id;
      request.source = "toyreg";
      ++state->stats.requests;
      m_client.get(std::move(request), [state, id = item.id](net::Response r) {
        ++state->stats.attempts;
        fetchers::FetchOutcome o;
        o.requested = id;
        if (r.outcome == net::Outcome::ok) {
          o.status = fetchers::FetchStatus::ok;
          o.record = parse(id, r.body);
        } else {
          o.status = r.status == 404 ? fetchers::FetchStatus::not_found : fetchers::FetchStatus::error;
          o.message = "toyreg.test: HTTP " + std::to_string(r.status);
        }
        state->stats.count(o);
        std::vector<fetchers::FetchOutcome> batch;
        batch.push_back(std::move(o));
        state->on_batch(std::move(batch));
        if (--state->left == 0) state->on_done(state->stats);
      });
    }
  }

 private:
  struct State {
    fetchers::BatchHandler on_batch;
    fetchers::DoneHandler on_done;
    fetchers::FetchStats stats;
    std::size_t left = 0;
  };

  // "title\nauthor; author\nvenue\nyear"
  static core::Record parse(const std::string& doi, const std::string& body) {
    const auto lines = core::split(body, '\n');
    core::Record r;
    r.source = "toyreg";
    r.type = "journal-article";
    r.doi = doi;
    r.title = std::string(lines.at(0));
    r.title_raw = r.title;
    for (const auto& name : core::split(lines.at(1), ';')) {
      core::Author a;
      a.name = std::string(core::trim(name));
      r.authors.push_back(std::move(a));
    }
    r.venue = std::string(lines.at(2));
    r.published = {std::stoi(std::string(lines.at(3))), 0, 0};
    return r;
  }

  net::HttpClient& m_client;
};

// arXiv from the registry, and the toy instead of the registry's DOI source.
std::vector<std::unique_ptr<fetchers::Source>> arxiv_and_toy(const config::Config& cfg, net::HttpClient& client) {
  std::vector<std::unique_ptr<fetchers::Source>> out;
  for (auto& s : registry_sources(cfg, client)) {
    if (s->name() == "arxiv") out.push_back(std::move(s));
  }
  out.push_back(std::make_unique<ToySource>(client));
  return out;
}

class ToySourceTest : public EngineFixture {
 protected:
  ToySourceTest() {
    on_request = [this](const net::Request& r) {
      if (r.url.starts_with("http://toyreg.test/paper/10.5555/toy.1")) {
        return testing::make_response(200, "Toys All the Way Down\nJoe Benton; Ada Toy\nJournal of Toys\n2025\n");
      }
      if (r.url.starts_with("http://toyreg.test/paper/10.5555/toy.2")) {
        return testing::make_response(200,
                                      "From Denoising Diffusions to Denoising Markov Models, Published\n"
                                      "Joe Benton; George Deligiannidis; Arnaud Doucet\nToy Letters\n2024\n");
      }
      if (r.url.starts_with("http://toyreg.test/")) return testing::make_response(404, "");
      return fake.answer(r);
    };
  }
};

TEST_F(ToySourceTest, GoesThroughPlanFetchStoreMergeAndRender) {
  const auto cfg = config_with(R"([[paper]]
doi = "10.5555/toy.1"

[[paper]]
arxiv = "2211.03595"
doi = "10.5555/toy.2"

[[paper]]
arxiv = "2305.16860"
)",
                               "[[output]]\nformat = \"json\"\npath = \"papers.json\"\n\n");
  const auto report = run(cfg, {}, arxiv_and_toy);
  EXPECT_EQ(report.exit_code(), 0) << report.summary_line("sync");
  EXPECT_EQ(report.requests_to("toyreg"), 2);
  EXPECT_EQ(report.requests_to("arxiv"), 1);
  EXPECT_THAT(report.summary_line("sync"), HasSubstr("1 request to arXiv, 2 to ToyReg"));

  // Stored under its own name, with its history.
  auto rec = store.record("10.5555/toy.1", "toyreg");
  ASSERT_TRUE(rec && *rec);
  EXPECT_EQ((*rec)->title, "Toys All the Way Down");
  auto history = store.history();
  ASSERT_TRUE(history);
  EXPECT_TRUE(std::any_of(history->begin(), history->end(), [](const store::HistoryEntry& e) {
    return e.source == "toyreg" && e.kind == store::HistoryKind::first_seen;
  }));
  auto overview = store.fetch_overview();
  ASSERT_TRUE(overview);
  EXPECT_TRUE(overview->at("10.5555/toy.1").by_source.count("toyreg"));

  // Merged and rendered: a registry's published record wins over the preprint.
  const std::string bib = read("papers.bib");
  EXPECT_THAT(bib, HasSubstr("Toys All the Way Down"));
  EXPECT_THAT(bib, HasSubstr("Journal of Toys"));
  EXPECT_THAT(bib, HasSubstr("Toy Letters"));
  EXPECT_THAT(bib, HasSubstr("Published"));
  const std::string json = read("papers.json");
  EXPECT_THAT(json, HasSubstr("\"toyreg\"")) << "the JSON output names the source of each field";

  // The next pass plans by the toy's own due state: nothing is due.
  client.requests.clear();
  const auto again = run(cfg, {}, arxiv_and_toy);
  EXPECT_TRUE(client.requests.empty()) << again.summary_line("sync");
  EXPECT_EQ(again.exit_code(), 0);
}

TEST_F(ToySourceTest, ItsNotFoundIsTheResearchersTypo) {
  const auto cfg = config_with("[[paper]]\ndoi = \"10.5555/toy.404\"\n");
  const auto report = run(cfg, {}, arxiv_and_toy);
  EXPECT_EQ(report.exit_code(), 1);
  ASSERT_EQ(report.render.notes.waiting.size(), 1u);
  EXPECT_EQ(report.render.notes.waiting[0].reason, "ToyReg does not know this DOI — typo?");
}

}  // namespace
}  // namespace scholard::daemon
