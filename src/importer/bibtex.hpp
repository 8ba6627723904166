// A BibTeX reader: entries with their fields, as BibTeX itself sees them.
//
// Handles `@string` macros (and the month macros jan..dec), `#`
// concatenation, braced values with nested braces, quoted values (braces
// inside them protect quotes), bare numbers, `@comment` / `@preamble`, entries
// delimited by braces or parentheses, field names in any case, and text
// between entries (ignored, as BibTeX does; `%` lines too). Values keep their
// TeX (inner braces, accents): callers decode with core::latex_to_text.
//
// Syntax errors stop the read with invalid_input "NAME:LINE: ..." naming the
// entry: an unbalanced brace, a missing comma between fields, an unterminated
// quoted string, a field without `=` or without a value. A brace or string
// left open is caught at the next line that starts a new `@entry{`, so the
// line reported is where it was opened, not the end of the file. Pure.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace scholard::importer {

struct BibEntry {
  std::string type;  // lower-cased: "article", "inproceedings", "misc"
  std::string key;   // the citation key as written
  int line = 0;      // 1-based line of its '@'
  std::vector<std::pair<std::string, std::string>> fields;  // lower-cased names, macros expanded

  // The field's value, or "" when the entry has no such field.
  std::string field(std::string_view name) const;
  bool has(std::string_view name) const;
};

// Every entry of `text` in order (@string/@comment/@preamble not included).
// `name` prefixes error messages (usually the file name).
core::Result<std::vector<BibEntry>> parse_bibtex(std::string_view text, std::string_view name);

// Splits an author field on " and " outside braces and turns "Last, First"
// (and "von Last, Jr, First") into "First Last". TeX is left in place.
std::vector<std::string> split_bibtex_names(std::string_view authors);

}  // namespace scholard::importer
