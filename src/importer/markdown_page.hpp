// Finding the publication list in an existing Markdown page, and putting the
// scholard markers around it.
//
// The list is, in order of preference:
//   1. the block already between `<!-- scholard:begin -->` / `<!-- scholard:end -->`;
//   2. the paragraphs / list items after a heading that says "Publications"
//      ("## Publications", "# Selected publications"), up to the next heading
//      of the same or a higher level;
//   3. the whole file, when it is a plain list.
// Front matter, HTML comments and Liquid blocks (`{% ... %}`, `{{ ... }}`,
// `{% comment %}...{% endcomment %}`) are skipped. Only blocks that look like
// publications (a link, or a year and a comma) count; the span to mark runs
// from the first such block to the last. Pure: no I/O.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace scholard::importer {

// The same markers as render/output_file.hpp (a unit test checks they agree;
// the importer sits below render and does not link it).
inline constexpr std::string_view k_begin_marker = "<!-- scholard:begin -->";
inline constexpr std::string_view k_end_marker = "<!-- scholard:end -->";

// One paragraph or list item; `text` is its lines joined by '\n', without a
// list marker ("- ", "1. ").
struct ListItem {
  int line = 0;            // 1-based line of its first line
  std::size_t begin = 0;   // start of its first line
  std::size_t end = 0;     // one past the newline of its last line
  std::string text;
};

struct PublicationList {
  std::vector<ListItem> entries;  // blocks that look like publications
  std::vector<ListItem> others;   // other blocks between the first and last entry
  std::size_t begin = 0;          // start of the first entry's line
  std::size_t end = 0;            // one past the last entry's newline (or the page's end)
  bool already_marked = false;    // the list is the block between scholard markers
  int heading_line = 0;           // 0 when there is no heading (marked block or whole file)
};

// The publication list of `page`. Errors (invalid_input, naming `name`): no
// block that looks like a publication; only one of the two markers, or the
// end marker before the begin marker.
core::Result<PublicationList> find_publication_list(std::string_view page, std::string_view name);

// `page` with the markers put around the list: the begin marker on its own line
// right before the first entry, the end marker on its own line right after
// the last. The page itself when the list is already marked.
std::string mark_list(std::string_view page, const PublicationList& list);

}  // namespace scholard::importer
