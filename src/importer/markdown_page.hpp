// Finding the publication list in an existing Markdown page, and putting the
// scholard markers around it.
//
// The next `sync` replaces everything between the markers, so what is marked
// must be the papers and nothing else. The list is:
//   1. when the page has the markers, the block between them (the user drew
//      the bounds: every paragraph or list item there with a link, or a year
//      and a comma, is an entry);
//   2. otherwise the longest run of consecutive paragraphs / list items that
//      look like papers (importer/paper_shape.hpp), with only blank lines
//      between them: no heading, comment or other text inside. A run under a
//      heading that says "Publications" wins over a longer one elsewhere.
// No such run: an error that says why and how to place the markers by hand.
// Front matter, HTML comments and Liquid blocks (`{% ... %}`, `{{ ... }}`,
// `{% comment %}...{% endcomment %}`) are never entries. Pure: no I/O.
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

// Another run of paper-like blocks, shorter than (or outside the section of) the list.
struct OtherRun {
  int line = 0;            // 1-based line of its first block
  std::size_t count = 0;   // blocks in it
};

struct PublicationList {
  std::vector<ListItem> entries;  // blocks that look like publications
  std::vector<ListItem> others;   // marked pages: other blocks between the first and last entry
  std::vector<OtherRun> other_runs;  // unmarked pages: runs not taken
  std::size_t begin = 0;          // start of the first entry's line
  std::size_t end = 0;            // one past the last entry's newline (or the page's end)
  bool already_marked = false;    // the list is the block between scholard markers
  int heading_line = 0;           // the "Publications" heading above the run; 0 when none
};

// The publication list of `page`. Errors (invalid_input, naming `name`): no
// run of paper-like blocks (the message says what the nearest block lacks and
// how to place the markers by hand); markers around nothing that looks like a
// publication; only one of the two markers, or the end marker before the
// begin marker.
core::Result<PublicationList> find_publication_list(std::string_view page, std::string_view name);

// `page` with the markers put around the list: the begin marker on its own line
// right before the first entry, the end marker on its own line after the last
// entry and one empty line (the page's own when it has one there), which is
// how every sync writes the list. The page itself when the list is already
// marked.
std::string mark_list(std::string_view page, const PublicationList& list);

}  // namespace scholard::importer
