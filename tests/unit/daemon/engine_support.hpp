// What the engine's unit tests share: an engine on an in-memory store, a
// FakeClock, a scripted Random and the recording fake HTTP client
// (tests/support/fake_http.hpp) answering from the seed researcher's
// responses (tests/data/seed). Nothing opens a socket.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/text.hpp"
#include "daemon/engine.hpp"
#include "net/asio.hpp"
#include "store/store.hpp"
#include "support/fake_http.hpp"

namespace scholard::daemon::testing {

using scholard::fetchers::testing::FakeHttpClient;
using scholard::fetchers::testing::make_response;
using scholard::fetchers::testing::read_data;

// Draws the same value every time: retry delays are exactly predictable.
class FixedRandom final : public Random {
 public:
  explicit FixedRandom(double u) : m_u(u) {}
  double next_unit() override { return m_u; }

 private:
  double m_u;
};

// The id_list of an arXiv query URL, split.
inline std::vector<std::string> arxiv_ids_of(const std::string& url) {
  const auto at = url.find("id_list=");
  if (at == std::string::npos) return {};
  auto end = url.find('&', at);
  std::string list = url.substr(at + 8, end == std::string::npos ? std::string::npos : end - at - 8);
  std::vector<std::string> ids;
  for (auto& part : core::split(list, ',')) {
    std::string id(part);
    // %2F in old-style ids
    for (auto pos = id.find("%2F"); pos != std::string::npos; pos = id.find("%2F")) id.replace(pos, 3, "/");
    if (!id.empty()) ids.push_back(id);
  }
  return ids;
}

// One Atom entry for `id`: the seed entry of 2211.03595 with the id (and,
// for any id but that one, the title) replaced; with `doi`, the entry names
// its published version's DOI as arXiv does (<arxiv:doi>).
inline std::string arxiv_entry(const std::string& id, const std::string& doi = {}) {
  static const std::string feed = read_data("seed/arxiv/arxiv-2211.03595.xml");
  const auto begin = feed.find("<entry>");
  const auto end = feed.find("</entry>") + 8;
  std::string entry = feed.substr(begin, end - begin);
  if (id != "2211.03595") {
    for (auto pos = entry.find("2211.03595"); pos != std::string::npos; pos = entry.find("2211.03595", pos)) {
      entry.replace(pos, 10, id);
      pos += id.size();
    }
    const auto t0 = entry.find("<title>") + 7;
    entry.replace(t0, entry.find("</title>") - t0, "Paper " + id);
  }
  if (!doi.empty()) {
    entry.insert(entry.rfind("</entry>"), "  <arxiv:doi>" + doi + "</arxiv:doi>\n  ");
  }
  return entry;
}

inline std::string arxiv_feed(const std::vector<std::string>& entries) {
  std::string out =
      "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\" "
      "xmlns:arxiv=\"http://arxiv.org/schemas/atom\" xmlns=\"http://www.w3.org/2005/Atom\">\n"
      "  <id>https://arxiv.org/api/test</id>\n  <title>arXiv Query</title>\n"
      "  <updated>2026-11-23T09:30:00Z</updated>\n"
      "  <opensearch:itemsPerPage>" +
      std::to_string(entries.size()) + "</opensearch:itemsPerPage>\n  <opensearch:totalResults>" +
      std::to_string(entries.size()) + "</opensearch:totalResults>\n  <opensearch:startIndex>0</opensearch:startIndex>\n";
  for (const auto& e : entries) out += "  " + e + "\n";
  return out + "</feed>\n";
}

// A fake arXiv and Crossref: every arXiv id answers (with a DOI for those in
// `arxiv_dois`); the JRSSB DOI answers from its seed record, with an ETag.
struct FakeSources {
  std::map<std::string, std::string> arxiv_dois;  // arXiv id -> the DOI its record names
  bool unreachable = false;                       // every request fails in transport
  bool arxiv_down = false;                        // arXiv answers 503
  std::string crossref_etag = "\"jrssb-v1\"";
  int crossref_not_modified = 0;                  // 304s sent

  net::Response answer(const net::Request& r) {
    if (unreachable) {
      net::Response resp;
      resp.outcome = net::Outcome::transient;
      resp.error = "test.invalid: could not resolve host (no network?)";
      return resp;
    }
    if (r.url.find("id_list=") != std::string::npos) {
      if (arxiv_down) return make_response(503, "");
      std::vector<std::string> entries;
      for (const auto& id : arxiv_ids_of(r.url)) {
        auto doi = arxiv_dois.find(id);
        entries.push_back(arxiv_entry(id, doi == arxiv_dois.end() ? std::string() : doi->second));
      }
      return make_response(200, arxiv_feed(entries), "application/atom+xml");
    }
    if (r.url.find("/works?filter=") != std::string::npos) {
      // A batch (list request): the JRSSB work when it is asked for; a DOI it
      // does not know is left out, as Crossref does (then asked singly).
      std::string items;
      if (r.url.find("doi:10.1093%2Fjrsssb%2Fqkae005") != std::string::npos) {
        const std::string work = read_data("seed/crossref/work-10.1093_jrsssb_qkae005.json");
        const auto at = work.find("\"message\":{") + 10;
        items = work.substr(at, work.rfind('}') - at);
      }
      return make_response(200,
                           R"({"status":"ok","message-type":"work-list","message-version":"1.0.0","message":{"items":[)" +
                               items + "]}}",
                           "application/json");
    }
    if (r.url.find("/works/10.1093%2Fjrsssb%2Fqkae005") != std::string::npos) {
      if (!r.etag.empty() && r.etag == crossref_etag) {
        ++crossref_not_modified;
        return make_response(304, "");
      }
      auto resp = make_response(200, read_data("seed/crossref/work-10.1093_jrsssb_qkae005.json"), "application/json");
      resp.etag = crossref_etag;
      resp.headers.emplace_back("etag", crossref_etag);
      return resp;
    }
    return make_response(404, "Resource not found.", "text/plain");
  }
};

inline config::Config parse(const std::string& text, const std::filesystem::path& dir) {
  config::Environment env;
  env.variables = {{"HOME", dir.string()}};
  env.cwd = dir;
  auto cfg = config::parse_config(text, (dir / "scholard.toml").string(), dir, env);
  EXPECT_TRUE(cfg) << cfg.error().message;
  return cfg ? *cfg : config::Config{};
}

// An engine, its in-memory store and its fake network, driven by hand: a
// pass runs the io_context and the fake client in turn until it reports.
class EngineFixture : public ::testing::Test {
 protected:
  EngineFixture()
      : client([this](const net::Request& r) { return on_request ? on_request(r) : fake.answer(r); }),
        store(*store::Store::open(":memory:", clock)) {
    dir = std::filesystem::temp_directory_path() /
          ("scholard-engine-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~EngineFixture() override { std::filesystem::remove_all(dir); }

  // `papers`: [[paper]] tables; a bibtex output papers.bib. Semantic Scholar
  // is off unless `s2` says (semanticscholar_engine_test.cpp asks it).
  config::Config config_with(const std::string& papers, const std::string& extra = {}, bool s2 = false) {
    return parse("[profile]\nname = \"Joe Benton\"\ncontact = \"tester@university.edu\"\n\n"
                 "[sources.arxiv]\nbase_url = \"http://arxiv.test/api/query\"\nbatch_size = " +
                     std::to_string(batch_size) +
                     "\n\n[sources.crossref]\nbase_url = \"http://crossref.test\"\n\n"
                     "[sources.semanticscholar]\nbase_url = \"http://s2.test/graph/v1\"\nenabled = " +
                     (s2 ? "true" : "false") + "\n\n"
                     "[[output]]\nformat = \"bibtex\"\npath = \"papers.bib\"\n\n" +
                     extra + papers,
                 dir);
  }

  PassReport run(const config::Config& cfg, PassOptions options = {}, SourceFactory sources = registry_sources) {
    Engine engine(io, store, client, clock, std::move(sources), &random);
    std::optional<PassReport> out;
    engine.run_pass(cfg, std::move(options), [&](PassReport r) { out = std::move(r); });
    for (int turn = 0; !out && turn < 1000; ++turn) {
      io.restart();
      io.run();
      client.run();
    }
    EXPECT_TRUE(out.has_value()) << "the pass never finished";
    // The next pass of a test comes later than arXiv's interval (3 s): no
    // wait across passes (the engine keeps it in the store's meta).
    clock.advance(k_between_passes);
    return out ? std::move(*out) : PassReport{};
  }

  std::vector<std::string> urls_with(const std::string& part) const {
    std::vector<std::string> out;
    for (const auto& r : client.requests) {
      if (r.url.find(part) != std::string::npos) out.push_back(r.url);
    }
    return out;
  }

  std::string read(const std::string& name) const {
    return scholard::fetchers::testing::read_file(dir / name);
  }

  static constexpr auto k_between_passes = std::chrono::seconds(5);
  int batch_size = 100;
  FakeSources fake;
  std::function<net::Response(const net::Request&)> on_request;  // replaces fake.answer when set
  boost::asio::io_context io;
  core::FakeClock clock;
  FixedRandom random{0.0};
  FakeHttpClient client;
  store::Store store;
  std::filesystem::path dir;
};

}  // namespace scholard::daemon::testing
