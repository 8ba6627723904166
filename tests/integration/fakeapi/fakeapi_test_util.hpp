// Helpers shared by the fake API server's integration tests: starting the
// server on the test data sets and reading Atom feeds with pugixml.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "support/fakeapi_process.hpp"
#include "support/loopback_http.hpp"

namespace scholard::testing {

inline std::string seed_dir() { return std::string(SCHOLARD_TEST_DATA) + "/seed"; }
inline std::string fakeapi_dir() { return std::string(SCHOLARD_TEST_DATA) + "/fakeapi"; }

// Starts the server on `fixtures` with extra args; the arXiv referee interval
// defaults to 0 s so tests that fire requests quickly see no violations.
inline std::unique_ptr<FakeApiProcess> start_fakeapi(const std::string& fixtures,
                                                     std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"--fixtures", fixtures};
  bool has_interval = false;
  for (const auto& arg : extra) has_interval = has_interval || arg == "--arxiv-interval";
  if (!has_interval) {
    args.push_back("--arxiv-interval");
    args.push_back("0s");
  }
  args.insert(args.end(), extra.begin(), extra.end());
  auto started = FakeApiProcess::start(args);
  EXPECT_TRUE(started.has_value()) << (started ? "" : started.error().message);
  return started ? std::move(*started) : nullptr;
}

struct Feed {
  bool parsed = false;
  std::string title;
  long total_results = -1;
  long items_per_page = -1;
  long start_index = -1;
  std::vector<std::string> entry_ids;  // <id> text of each entry, in order
  std::vector<std::string> summaries;  // <summary> text of each entry
};

inline Feed read_feed(const std::string& body) {
  Feed feed;
  pugi::xml_document doc;
  if (!doc.load_buffer(body.data(), body.size())) return feed;
  const pugi::xml_node root = doc.child("feed");
  if (!root) return feed;
  feed.parsed = true;
  feed.title = root.child_value("title");
  feed.total_results = root.child("opensearch:totalResults").text().as_int(-1);
  feed.items_per_page = root.child("opensearch:itemsPerPage").text().as_int(-1);
  feed.start_index = root.child("opensearch:startIndex").text().as_int(-1);
  for (const pugi::xml_node entry : root.children("entry")) {
    feed.entry_ids.emplace_back(entry.child_value("id"));
    feed.summaries.emplace_back(entry.child_value("summary"));
  }
  return feed;
}

inline std::string abs_id(std::string_view versioned) { return "http://arxiv.org/abs/" + std::string(versioned); }

}  // namespace scholard::testing
