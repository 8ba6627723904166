#include "fetchers/registry.hpp"

#include <array>
#include <cstddef>
#include <utility>

#include "fetchers/arxiv_parser.hpp"
#include "fetchers/arxiv_source.hpp"
#include "fetchers/crossref_parser.hpp"
#include "fetchers/crossref_source.hpp"
#include "fetchers/semanticscholar_parser.hpp"
#include "fetchers/semanticscholar_source.hpp"

namespace scholard::fetchers {
namespace {

std::chrono::milliseconds arxiv_interval(const SourceOptions& s) {
  return s.min_interval > std::chrono::milliseconds(0) ? s.min_interval : k_arxiv_min_interval;
}

net::HostPolicy arxiv_entry_policy(const SourceOptions& s) { return arxiv_policy(arxiv_interval(s)); }

std::unique_ptr<Source> make_arxiv(net::HttpClient& client, const SourceOptions& s) {
  ArxivOptions o;
  if (!s.base_url.empty()) o.base_url = s.base_url;
  if (s.batch_size > 0) o.batch_size = static_cast<std::size_t>(s.batch_size);
  return std::make_unique<ArxivSource>(client, std::move(o), arxiv_interval(s));
}

net::HostPolicy crossref_entry_policy(const SourceOptions& s) {
  return crossref_policy(s.concurrency > 0 ? s.concurrency : k_crossref_concurrency);
}

net::HostPolicy crossref_list_entry_policy(const SourceOptions& s) {
  return crossref_list_policy(s.concurrency > 0 ? s.concurrency : k_crossref_concurrency);
}

std::unique_ptr<Source> make_crossref(net::HttpClient& client, const SourceOptions& s) {
  CrossrefOptions o;
  if (!s.base_url.empty()) o.base_url = s.base_url;
  o.mailto = s.contact;
  o.batch_size = static_cast<std::size_t>(s.batch_size > 0 ? s.batch_size : k_crossref_batch);
  return std::make_unique<CrossrefSource>(client, std::move(o));
}

std::chrono::milliseconds semanticscholar_interval(const SourceOptions& s) {
  return s.min_interval > std::chrono::milliseconds(0) ? s.min_interval : k_semanticscholar_min_interval;
}

net::HostPolicy semanticscholar_entry_policy(const SourceOptions& s) {
  return semanticscholar_policy(semanticscholar_interval(s));
}

std::unique_ptr<Source> make_semanticscholar(net::HttpClient& client, const SourceOptions& s) {
  SemanticScholarOptions o;
  if (!s.base_url.empty()) o.base_url = s.base_url;
  if (s.batch_size > 0) o.batch_size = static_cast<std::size_t>(s.batch_size);
  o.api_key = s.api_key;
  return std::make_unique<SemanticScholarSource>(client, std::move(o), semanticscholar_interval(s));
}

// clang-format off
constexpr std::array k_sources{
  //          name               display                  kind                              policy                  make            second route
  SourceEntry{k_arxiv_source,    k_arxiv_display_name,    core::SourceKind::preprint_server, &arxiv_entry_policy,    &make_arxiv},
  SourceEntry{k_crossref_source, k_crossref_display_name, core::SourceKind::doi_registry,    &crossref_entry_policy, &make_crossref, k_crossref_list_key, &crossref_list_entry_policy},
  SourceEntry{k_semanticscholar_source, k_semanticscholar_display_name, core::SourceKind::bibliographic_index,
              &semanticscholar_entry_policy, &make_semanticscholar},
};
// clang-format on

}  // namespace

std::span<const SourceEntry> source_registry() { return k_sources; }

const SourceEntry* find_source(std::string_view name) {
  for (const SourceEntry& e : k_sources) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

std::string display_name(std::string_view name) {
  const SourceEntry* e = find_source(name);
  return std::string(e ? e->display_name : name);
}

}  // namespace scholard::fetchers
