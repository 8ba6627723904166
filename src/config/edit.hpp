// Text edits of a config file that keep the user's comments and formatting.
//
// `scholard add`, `remove` and `import --write` never re-serialise the TOML
// (so the user's comments survive, as docs/user-guide.md, "Your papers",
// promises). This module finds where each table lies in the text,
// formats a new [[paper]] table, appends it, or cuts one table out; every
// byte outside the edited span stays as it was. Callers re-parse the result
// with parse_config before writing it.
//
// All functions are pure. They understand enough TOML to be safe: table
// headers are only recognised at the top level, never inside a multi-line
// string or a multi-line array.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace scholard::config {

// Where one table ([name] or [[name]]) lies in the text. Byte offsets; `end`
// is one past the newline of its last line (or the text's end).
struct TableSpan {
  std::string name;            // "profile", "sources.arxiv", "paper" (without brackets)
  bool array = false;          // written [[name]]
  int header_line = 0;         // 1-based line of the header
  int first_line = 0;          // first line of the comments directly above (or the header)
  int last_line = 0;           // its last key line, or a comment directly after it
  std::size_t begin = 0;       // start of first_line
  std::size_t header_begin = 0;  // start of header_line
  std::size_t end = 0;         // one past last_line's newline
};

// Every table of the text, in order. A table owns the comment lines directly
// above its header (no blank line between), its keys with the comments among
// them, and comment lines directly after its last key unless they run straight
// into the next header (then they are that header's). Never fails.
std::vector<TableSpan> find_tables(std::string_view text);

// The table whose header is on `header_line`.
// Error: not_found when no table header is on that line.
core::Result<TableSpan> table_at_line(std::string_view text, int header_line);

// A [[paper]] table to write. Empty strings / unset optionals are left out;
// keys are written in the order of the fields below, except `key`, which
// follows the ids.
struct PaperTable {
  std::vector<std::string> comments;  // written as "# ..." lines above the header
  std::string arxiv;
  std::string doi;
  std::string title;
  std::vector<std::string> authors;  // a last "others" means et al.
  std::string venue;
  std::optional<int> year;
  std::string volume;
  std::string issue;
  std::string pages;
  std::optional<int> month;  // written as its name: month = "February"
  std::vector<std::pair<std::string, std::string>> author_names;  // an inline table
  std::string url;
  std::optional<int> max_authors;
  std::vector<std::string> equal_contribution;
  bool selected = false;  // al-folio's fields
  std::string abbr;
  std::string pdf;
  std::string code;
  std::string key;  // the citation key (key = "benton2024nearly")
  std::string et_al;
  std::vector<std::pair<std::string, std::string>> al_folio = {};  // al_folio.hpp's fields, in its order
  std::optional<bool> bibtex_show = {};
  bool abstract = false;
};

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string toml_quote(std::string_view text);

// The table as text, ending with a newline. Long author lists wrap.
std::string format_paper_table(const PaperTable& paper);

// `text` with `table` appended after one blank line (a missing final newline
// is added first). Appending to "" gives `table` alone.
std::string append_table(std::string_view text, std::string_view table);

// `text` with `table` written just before the table at `header_line` (and
// the comments it owns: find_tables), or just after it, separated by one
// blank line; every other byte stays. Error: not_found when no table header
// is on that line.
enum class Place { before, after };
core::Result<std::string> insert_table(std::string_view text, int header_line, Place place, std::string_view table);

// `text` without the table at `header_line` (see find_tables for what it
// owns) and without one blank line next to it, so that removing a table just
// appended with append_table gives the original text back.
// Error: not_found when no table header is on that line.
core::Result<std::string> remove_table(std::string_view text, int header_line);

// `text` with `key_line` (such as `semanticscholar = "CorpusId:1"`) added as
// its own line directly under the header of the table at `header_line`;
// every other byte stays. Error: not_found when no table header is on that line.
core::Result<std::string> insert_key_line(std::string_view text, int header_line, std::string_view key_line);

// The 1-based line of byte `offset`.
int line_of(std::string_view text, std::size_t offset);

}  // namespace scholard::config
