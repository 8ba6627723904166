// Collecting config problems so that one run reports all of them, each as
// "FILE:LINE: key `paper[3].venue`: what was expected, what was found", and
// the "did you mean" suggestions for misspelt keys. Pure, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scholard::config {

class Problems {
 public:
  explicit Problems(std::string source_name) : m_source(std::move(source_name)) {}

  // A problem with one key. `line` 0 means "no line" (a missing table); the
  // key path may be empty for problems about the whole file.
  void add(std::int64_t line, std::string_view key_path, std::string_view message);
  // A syntax error from the TOML parser: FILE:LINE:COLUMN: message.
  void add_syntax(std::int64_t line, std::int64_t column, std::string_view message);

  bool empty() const { return m_items.empty(); }
  std::size_t size() const { return m_items.size(); }
  // Every problem, one per line, ordered by line (stable for equal lines).
  std::string joined() const;

 private:
  struct Item {
    std::int64_t line;
    std::string text;
  };
  std::string m_source;
  std::vector<Item> m_items;
};

// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions),
// ASCII case-insensitive: "sorces" -> "sources" is 1, "intervall" -> "interval" 1.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The known key closest to `unknown` when it is close enough to be a likely
// typo (distance 1 for short keys, up to 2 for keys of 5+ characters, never
// more than a third of the key), else nullopt.
std::optional<std::string> closest_key(std::string_view unknown, const std::vector<std::string_view>& known);

}  // namespace scholard::config
