// The sources a run of scholard asks: built from the registry
// (fetchers/registry.hpp) and the config's [sources.NAME] tables, or given by
// a test (a toy source goes through the same engine). Everything above the
// fetchers handles sources by name through this list; where a decision
// depends on what a source is, it switches over its core::SourceKind.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "core/record.hpp"
#include "fetchers/registry.hpp"
#include "fetchers/source.hpp"
#include "net/http_client.hpp"
#include "net/options.hpp"

namespace scholard::daemon {

// What the layers above the fetchers need to know of a source.
struct SourceInfo {
  std::string name;          // as the store keeps it ("arxiv")
  std::string display_name;  // for people ("arXiv")
  core::SourceKind kind = core::SourceKind::doi_registry;
};

// In the order records are handed to the merge (the registry's order).
using SourceList = std::vector<SourceInfo>;

// The registry's sources.
const SourceList& registry_source_list();
// The sources of a pass, in their order.
SourceList source_list(const std::vector<std::unique_ptr<fetchers::Source>>& sources);
// nullptr when `name` is not in `list` (a record of a source this binary
// does not know: kept in the store, left out of the outputs).
const SourceInfo* find_source(const SourceList& list, std::string_view name);

// How the fetchers' source called `entry.name` is set up for `cfg`: its
// [sources.NAME] table and the profile's contact.
fetchers::SourceOptions source_options(const config::Config& cfg, std::string_view name);

// False when the config turns the source off ([sources.NAME] enabled = false).
bool source_enabled(const config::Config& cfg, std::string_view name);

// Makes the sources a pass asks. The default makes every registry source
// the config does not turn off.
using SourceFactory =
    std::function<std::vector<std::unique_ptr<fetchers::Source>>(const config::Config&, net::HttpClient&)>;
std::vector<std::unique_ptr<fetchers::Source>> registry_sources(const config::Config& cfg, net::HttpClient& client);

// The registry's sources for planning only (`scholard status`: which paper
// each source can answer for): they are never asked to fetch, and a fetch
// through them throws std::logic_error.
std::vector<std::unique_ptr<fetchers::Source>> planning_sources(const config::Config& cfg);
std::vector<const fetchers::Source*> source_pointers(const std::vector<std::unique_ptr<fetchers::Source>>& sources);

// The HTTP client options for a configuration: the contact for the
// User-Agent and each registry source's limits (its HostPolicy).
net::ClientOptions client_options(const config::Config& cfg);

}  // namespace scholard::daemon
