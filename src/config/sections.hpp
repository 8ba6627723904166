// Internal to src/config: readers for each part of the config file. Each one
// fills its part of Config from the root table and records every problem it
// finds in the reader's Problems; none stops at the first problem.
#pragma once

#include <filesystem>

#include "config/config.hpp"
#include "config/toml_reader.hpp"

namespace scholard::config {

struct ParseContext {
  std::filesystem::path base_dir;  // relative paths are resolved against it
  const Environment& env;          // for the default store path
  std::filesystem::path config_file;  // absolute: the default store and its owner derive from it
};

void read_profile(TableReader& root, Profile& out);
void read_store(TableReader& root, const ParseContext& ctx, StoreConfig& out);
void read_sources(TableReader& root, const ParseContext& ctx, Sources& out);
void read_venues(TableReader& root, std::vector<VenueName>& out);
void read_schedule(TableReader& root, Schedule& out);
void read_outputs(TableReader& root, const ParseContext& ctx, std::vector<Output>& out);
void read_discover(TableReader& root, const Profile& profile, Discover& out);
void read_hook(TableReader& root, Hook& out);
void read_papers(TableReader& root, std::vector<Paper>& out);

// Checks shared by the readers.
// An integer value of `key` within [lo, hi], else a problem naming the range.
std::optional<int> bounded_int(TableReader& r, std::string_view key, std::string_view example, int lo, int hi);
// "http://" or "https://" followed by a host; the reason when not.
std::optional<std::string> url_problem(std::string_view url);
// A plain-http URL whose host is 127.0.0.1 (any 127.x), localhost or [::1].
bool is_loopback_http(std::string_view url);
// The reason `text` does not look like an e-mail address, or nullopt.
std::optional<std::string> email_problem(std::string_view text);
// The bare ORCID iD ("0000-0002-1825-0097") from `text` (a bare iD or an
// https://orcid.org/ URL), or nullopt when it is not one.
std::optional<std::string> normalise_orcid(std::string_view text);

}  // namespace scholard::config
