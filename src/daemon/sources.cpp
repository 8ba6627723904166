#include "daemon/sources.hpp"

#include <algorithm>
#include <stdexcept>

namespace scholard::daemon {

const SourceList& registry_source_list() {
  static const SourceList list = [] {
    SourceList l;
    for (const auto& e : fetchers::source_registry()) {
      l.push_back({std::string(e.name), std::string(e.display_name), e.kind});
    }
    return l;
  }();
  return list;
}

SourceList source_list(const std::vector<std::unique_ptr<fetchers::Source>>& sources) {
  SourceList l;
  l.reserve(sources.size());
  for (const auto& s : sources) l.push_back({std::string(s->name()), std::string(s->display_name()), s->kind()});
  return l;
}

const SourceInfo* find_source(const SourceList& list, std::string_view name) {
  const auto it = std::find_if(list.begin(), list.end(), [&](const SourceInfo& s) { return s.name == name; });
  return it == list.end() ? nullptr : &*it;
}

fetchers::SourceOptions source_options(const config::Config& cfg, std::string_view name) {
  fetchers::SourceOptions out;
  out.contact = cfg.profile.contact;
  if (auto s = config::source_settings(cfg.sources, name)) {
    out.base_url = s->base_url;
    out.min_interval = std::chrono::duration_cast<std::chrono::milliseconds>(s->min_interval);
    out.concurrency = s->concurrency;
    out.batch_size = s->batch_size;
    out.api_key = s->api_key;
  }
  return out;
}

bool source_enabled(const config::Config& cfg, std::string_view name) {
  const auto s = config::source_settings(cfg.sources, name);
  return !s || s->enabled;
}

std::vector<std::unique_ptr<fetchers::Source>> registry_sources(const config::Config& cfg, net::HttpClient& client) {
  std::vector<std::unique_ptr<fetchers::Source>> out;
  for (const auto& e : fetchers::source_registry()) {
    if (source_enabled(cfg, e.name)) out.push_back(e.make(client, source_options(cfg, e.name)));
  }
  return out;
}

namespace {

// The client of planning_sources: planning never sends a request.
class NoRequests final : public net::HttpClient {
 public:
  void get(net::Request request, net::ResponseHandler) override {
    throw std::logic_error("a source made for planning was asked to fetch " + request.url);
  }
};

}  // namespace

std::vector<std::unique_ptr<fetchers::Source>> planning_sources(const config::Config& cfg) {
  static NoRequests client;
  return registry_sources(cfg, client);
}

std::vector<const fetchers::Source*> source_pointers(const std::vector<std::unique_ptr<fetchers::Source>>& sources) {
  std::vector<const fetchers::Source*> out;
  out.reserve(sources.size());
  for (const auto& s : sources) out.push_back(s.get());
  return out;
}

net::ClientOptions client_options(const config::Config& cfg) {
  net::ClientOptions o;
  o.contact = cfg.profile.contact;
  for (const auto& e : fetchers::source_registry()) {
    o.policies.emplace(std::string(e.name), e.policy(source_options(cfg, e.name)));
    if (e.route_policy) o.policies.emplace(std::string(e.route_key), e.route_policy(source_options(cfg, e.name)));
  }
  return o;
}

}  // namespace scholard::daemon
