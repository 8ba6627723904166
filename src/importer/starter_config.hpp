// The config `scholard import --write` creates when there is none: the header
// sections of config/scholard.example.toml (embedded at build time), with the
// profile name taken from the imported page and one markdown [[output]]
// pointing at that page. Papers are appended after it like in any config.
#pragma once

#include <string>
#include <string_view>

namespace scholard::importer {

// The bytes of config/scholard.example.toml at build time.
std::string_view example_config_text();

// A new config text from `example` (normally example_config_text()): its
// [profile] (name set to `profile_name`, aliases commented out),
// [sources.arxiv], [sources.crossref], [sources.semanticscholar], [schedule] and [hook] tables with their
// comments, and its first [[output]] with `path` set to `page_path` (relative
// to the config's folder) and its range_dash commented out. Tables missing from `example` are left out; the
// caller parses the result before writing it. Ends with a newline.
std::string starter_config(std::string_view example, std::string_view profile_name, std::string_view page_path,
                           std::string_view imported_from);

// `table_text` with the value of `key` replaced by `toml_value` (a TOML
// literal such as "\"x\"" or "3"); a trailing comment keeps its column when
// it can. Unchanged when the key is not there.
std::string replace_value(std::string_view table_text, std::string_view key, std::string_view toml_value);

}  // namespace scholard::importer
