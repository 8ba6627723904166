// Internal to src/config: typed, position-aware access to one TOML table.
//
// Each getter marks its key as known and returns nullopt both when the key is
// absent and when its value has the wrong type; in the latter case it has
// already recorded a problem ("expected a string such as \"3s\", found an
// integer (3)") at the key's line. finish() reports every key never asked for
// as unknown, with a "did you mean" from the known keys.
//
// Keys are kept as views until finish(): pass string literals (every caller
// does), or text that outlives the reader.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "config/diagnostics.hpp"
#include "config/duration.hpp"

namespace scholard::config {

// "a string (\"abc\")", "an integer (3)", "a table", ... for error messages.
std::string describe_found(const toml::node& node);

// What toml++'s parse error at `line`:`column` of `text` means, in the words
// a person editing the file needs: a string that runs into the end of its
// line is "missing closing quote", a key or table defined twice names the
// line that defined it first. Any other error: `description` unchanged.
std::string explain_syntax_error(std::string_view text, std::int64_t line, std::int64_t column,
                                 std::string_view description);

class TableReader {
 public:
  // `path` is the key path of the table itself ("" for the root, "sources.arxiv", "paper[3]").
  TableReader(const toml::table& table, std::string path, Problems& problems);

  std::optional<std::string> string(std::string_view key, std::string_view example);
  std::optional<std::int64_t> integer(std::string_view key, std::string_view example);
  std::optional<bool> boolean(std::string_view key);
  std::optional<Duration> duration(std::string_view key, std::string_view example);
  // A string, or an integer taken as its decimal text (volume = 24).
  std::optional<std::string> text_or_integer(std::string_view key, std::string_view example);
  // An array of strings; each bad element is reported at its own line.
  std::optional<std::vector<std::string>> strings(std::string_view key, std::string_view example);
  // A sub-table ([sources.arxiv] or an inline table).
  const toml::table* table(std::string_view key);
  // An array of tables ([[paper]]); `header` is how the user should write it.
  const toml::array* tables(std::string_view key, std::string_view header);

  // True when the table holds `key` (whatever its type). Does not mark it known.
  bool has(std::string_view key) const { return m_table.contains(key); }

  // Reports keys that no getter asked for. Call once, after all getters.
  void finish();

  // The full key path of `key` in this table ("sources.arxiv.min_interval");
  // the table's own path when `key` is empty.
  std::string path(std::string_view key) const;
  // The line of `key` when present, else the table's own line.
  std::int64_t line(std::string_view key) const;
  // The table's own line (its [header]); 0 for the root or an absent table.
  std::int64_t line() const { return m_table.source().begin.line; }
  // Records a problem about `key` at its line.
  void problem(std::string_view key, std::string_view message);
  Problems& problems() { return m_problems; }

 private:
  const toml::node* node(std::string_view key);
  void wrong_type(std::string_view key, const toml::node& found, std::string_view expected);

  const toml::table& m_table;
  std::string m_path;
  Problems& m_problems;
  // Views of the keys asked for (string literals): a [[paper]] reader asks
  // for ~20 keys per paper, so copying each one would add up on a long list.
  std::vector<std::string_view> m_known;
};

}  // namespace scholard::config
