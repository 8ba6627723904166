#include "importer/markdown_page.hpp"

#include <cctype>
#include <optional>

#include "core/text.hpp"
#include "importer/paper_shape.hpp"

namespace scholard::importer {
namespace {

struct PageLine {
  std::size_t begin = 0;
  std::size_t end = 0;     // one past its newline
  std::string_view text;   // without the newline
  bool ignored = false;    // front matter, HTML comment, Liquid
  int heading = 0;         // ATX heading level, 0 when not a heading
};

int heading_level(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  std::size_t hashes = 0;
  while (i + hashes < line.size() && line[i + hashes] == '#') ++hashes;
  if (hashes == 0 || hashes > 6) return 0;
  const std::size_t after = i + hashes;
  if (after < line.size() && line[after] != ' ' && line[after] != '\t') return 0;
  return static_cast<int>(hashes);
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Marks front matter, HTML comments and Liquid tags/blocks as ignored.
void mark_ignored(std::vector<PageLine>& lines) {
  std::size_t i = 0;
  if (!lines.empty() && core::trim(lines[0].text) == "---") {
    std::size_t j = 1;
    while (j < lines.size() && core::trim(lines[j].text) != "---") ++j;
    if (j < lines.size()) {
      for (std::size_t k = 0; k <= j; ++k) lines[k].ignored = true;
      i = j + 1;
    }
  }
  std::string_view closing;  // what ends the block we are in ("" = none)
  for (; i < lines.size(); ++i) {
    PageLine& l = lines[i];
    const std::string_view t = core::trim(l.text);
    if (!closing.empty()) {
      l.ignored = true;
      if (t.find(closing) != std::string_view::npos) closing = {};
      continue;
    }
    if (starts_with(t, "<!--")) {
      l.ignored = true;
      if (t.find("-->", 4) == std::string_view::npos) closing = "-->";
    } else if (starts_with(t, "{%") || starts_with(t, "{{")) {
      l.ignored = true;
      const std::string compact = core::collapse_whitespace(t);
      if (starts_with(compact, "{% comment") && compact.find("endcomment") == std::string::npos) closing = "endcomment";
      if (starts_with(compact, "{% raw") && compact.find("endraw") == std::string::npos) closing = "endraw";
    }
    if (!l.ignored) l.heading = heading_level(l.text);
  }
}

std::vector<PageLine> split_lines(std::string_view page) {
  std::vector<PageLine> lines;
  std::size_t pos = 0;
  while (pos < page.size()) {
    std::size_t nl = page.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? page.size() : nl + 1;
    std::string_view text = page.substr(pos, (nl == std::string_view::npos ? page.size() : nl) - pos);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    lines.push_back(PageLine{pos, end, text});
    pos = end;
  }
  mark_ignored(lines);
  return lines;
}

// The text after a list marker ("- ", "* ", "+ ", "12. "), or nullopt.
std::optional<std::string_view> list_item_body(std::string_view line) {
  std::string_view t = core::trim(line);
  if (t.size() >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') return core::trim(t.substr(2));
  std::size_t digits = 0;
  while (digits < t.size() && std::isdigit(static_cast<unsigned char>(t[digits])) != 0) ++digits;
  if (digits > 0 && digits + 1 < t.size() && (t[digits] == '.' || t[digits] == ')') && t[digits + 1] == ' ') {
    return core::trim(t.substr(digits + 2));
  }
  return std::nullopt;
}

bool has_year(std::string_view text) {
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    const bool digits = std::isdigit(static_cast<unsigned char>(text[i])) && std::isdigit(static_cast<unsigned char>(text[i + 1])) &&
                        std::isdigit(static_cast<unsigned char>(text[i + 2])) && std::isdigit(static_cast<unsigned char>(text[i + 3]));
    if (digits && (text.substr(i, 2) == "19" || text.substr(i, 2) == "20")) return true;
  }
  return false;
}

// Between markers the user placed, the loose test: a link, or a year and a comma.
bool looks_like_publication(std::string_view text) {
  return text.find("](") != std::string_view::npos || (has_year(text) && text.find(',') != std::string_view::npos);
}

// Paragraphs and list items of lines [first, last).
std::vector<ListItem> blocks(const std::vector<PageLine>& lines, std::size_t first, std::size_t last) {
  std::vector<ListItem> out;
  bool open = false;
  for (std::size_t i = first; i < last; ++i) {
    const PageLine& l = lines[i];
    if (l.ignored || l.heading > 0 || core::trim(l.text).empty()) {
      open = false;
      continue;
    }
    auto item = list_item_body(l.text);
    if (open && !item) {
      out.back().text += '\n';
      out.back().text += core::trim(l.text);
      out.back().end = l.end;
      continue;
    }
    out.push_back(ListItem{static_cast<int>(i + 1), l.begin, l.end, std::string(item ? *item : core::trim(l.text))});
    open = true;
  }
  return out;
}

std::size_t line_index_at(const std::vector<PageLine>& lines, std::size_t offset) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (offset < lines[i].end) return i;
  }
  return lines.size();
}

// Where the scholard markers put the list: lines [first, last).
struct Region {
  std::size_t first = 0;
  std::size_t last = 0;
};

// The region between the markers, nullopt when the page has none. Error when
// only one is there or they are out of order.
core::Result<std::optional<Region>> marked_region(std::string_view page, const std::vector<PageLine>& lines,
                                                  std::string_view name) {
  const std::size_t b = page.find(k_begin_marker);
  const std::size_t e = page.find(k_end_marker);
  if (b == std::string_view::npos && e == std::string_view::npos) return std::optional<Region>();
  if (b == std::string_view::npos || e == std::string_view::npos || e < b) {
    const std::size_t at = b == std::string_view::npos ? e : (e == std::string_view::npos ? b : e);
    return core::fail(core::ErrorCode::invalid_input,
                      std::string(name) + ":" + std::to_string(line_index_at(lines, at) + 1) +
                          ": the scholard markers are unpaired or out of order; fix them by hand first");
  }
  return std::optional<Region>(Region{line_index_at(lines, b) + 1, line_index_at(lines, e)});
}

// The user drew the list's bounds: every block between the markers that has
// a link, or a year and a comma, is an entry (a plain-title list a user
// marked by hand included); the others are reported.
core::Result<PublicationList> list_between_markers(const std::vector<PageLine>& lines, const Region& region,
                                                   std::string_view name) {
  PublicationList list;
  list.already_marked = true;
  std::vector<ListItem> pending;  // non-publication blocks since the last entry
  for (ListItem& item : blocks(lines, region.first, region.last)) {
    if (looks_like_publication(item.text)) {
      if (!list.entries.empty()) list.others.insert(list.others.end(), pending.begin(), pending.end());
      pending.clear();
      list.entries.push_back(std::move(item));
    } else {
      pending.push_back(std::move(item));
    }
  }
  if (list.entries.empty()) {
    return core::fail(core::ErrorCode::invalid_input,
                      "no publication list found in " + std::string(name) +
                          ": nothing between the scholard markers (line " + std::to_string(region.first) +
                          ") has a link, or a year and a comma");
  }
  list.begin = list.entries.front().begin;
  list.end = list.entries.back().end;
  return list;
}

// Line ranges [first, last) under a heading that says "publication", with the heading's 1-based line.
struct Section {
  std::size_t first = 0;
  std::size_t last = 0;
  int heading_line = 0;
};

std::vector<Section> publication_sections(const std::vector<PageLine>& lines) {
  std::vector<Section> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].heading == 0 || core::ascii_lower(lines[i].text).find("publication") == std::string::npos) continue;
    std::size_t j = i + 1;
    while (j < lines.size() && (lines[j].heading == 0 || lines[j].heading > lines[i].heading)) ++j;
    out.push_back(Section{i + 1, j, static_cast<int>(i + 1)});
  }
  return out;
}

// Consecutive paper-like blocks [first, last) of `all`: only blank lines
// between them, so marking them puts no heading, comment or other text
// inside the markers.
struct Run {
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t size() const { return last - first; }
};

bool only_blank_between(std::string_view page, const ListItem& a, const ListItem& b) {
  return core::trim(page.substr(a.end, b.begin - a.end)).empty();
}

std::vector<Run> paper_runs(std::string_view page, const std::vector<ListItem>& all, const std::vector<bool>& paper) {
  std::vector<Run> runs;
  for (std::size_t k = 0; k < all.size(); ++k) {
    if (!paper[k]) continue;
    const bool extends = !runs.empty() && runs.back().last == k && only_blank_between(page, all[k - 1], all[k]);
    if (extends) {
      runs.back().last = k + 1;
    } else {
      runs.push_back(Run{k, k + 1});
    }
  }
  return runs;
}

// The section holding the whole run, or nullptr.
const Section* section_of(const std::vector<Section>& sections, const std::vector<ListItem>& all, const Run& run) {
  for (const Section& s : sections) {
    const auto first = static_cast<std::size_t>(all[run.first].line - 1);
    const auto last = static_cast<std::size_t>(all[run.last - 1].line - 1);
    if (first >= s.first && last < s.last) return &s;
  }
  return nullptr;
}

// The start of a block's text, cut at a word boundary (never inside a UTF-8 sequence).
std::string excerpt(std::string_view text) {
  constexpr std::size_t k_max = 48;
  const std::string flat = core::collapse_whitespace(text);
  if (flat.size() <= k_max) return flat;
  std::size_t cut = flat.rfind(' ', k_max);
  if (cut == std::string::npos || cut < k_max / 2) {
    cut = k_max;
    while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) --cut;
  }
  return flat.substr(0, cut) + "...";
}

std::string no_list_message(std::string_view name, const std::vector<ListItem>& all,
                            const std::vector<PaperShape>& shapes) {
  std::string msg = "no publication list found in " + std::string(name) +
                    ": no paragraph or list item looks like a paper (a linked or quoted title, authors, and a "
                    "venue/year or an arXiv id/DOI)";
  std::size_t nearest = all.size();
  for (std::size_t k = 0; k < all.size(); ++k) {
    if (shapes[k].parts() >= 2 && (nearest == all.size() || shapes[k].parts() > shapes[nearest].parts())) nearest = k;
  }
  if (nearest < all.size()) {
    msg += "\n  nearest: " + std::string(name) + ":" + std::to_string(all[nearest].line) + " (\"" +
           excerpt(all[nearest].text) + "\") has " + shapes[nearest].missing();
  }
  msg += "\nTo mark the list by hand, put these two lines, each on a line of its own, around it and run the import "
         "again:\n  ";
  msg += k_begin_marker;
  msg += "\n  (the list)\n  ";
  msg += k_end_marker;
  msg += "\n`sync` replaces everything between them and nothing else.";
  return msg;
}

// The longest run of paper-like blocks, preferring one under a "Publications" heading.
core::Result<PublicationList> longest_paper_run(std::string_view page, const std::vector<PageLine>& lines,
                                                std::string_view name) {
  std::vector<ListItem> all = blocks(lines, 0, lines.size());
  std::vector<PaperShape> shapes;
  std::vector<bool> paper;
  for (const ListItem& item : all) {
    shapes.push_back(paper_shape(item.text));
    paper.push_back(shapes.back().is_paper());
  }
  const std::vector<Run> runs = paper_runs(page, all, paper);
  if (runs.empty()) return core::fail(core::ErrorCode::invalid_input, no_list_message(name, all, shapes));
  const std::vector<Section> sections = publication_sections(lines);
  std::size_t best = 0;
  const Section* best_section = section_of(sections, all, runs[0]);
  for (std::size_t r = 1; r < runs.size(); ++r) {
    const Section* section = section_of(sections, all, runs[r]);
    const bool better = (section != nullptr && best_section == nullptr) ||
                        ((section != nullptr) == (best_section != nullptr) && runs[r].size() > runs[best].size());
    if (better) {
      best = r;
      best_section = section;
    }
  }
  PublicationList list;
  list.heading_line = best_section != nullptr ? best_section->heading_line : 0;
  for (std::size_t k = runs[best].first; k < runs[best].last; ++k) list.entries.push_back(std::move(all[k]));
  for (std::size_t r = 0; r < runs.size(); ++r) {
    if (r != best) list.other_runs.push_back(OtherRun{all[runs[r].first].line, runs[r].size()});
  }
  list.begin = list.entries.front().begin;
  list.end = list.entries.back().end;
  return list;
}

}  // namespace

core::Result<PublicationList> find_publication_list(std::string_view page, std::string_view name) {
  const std::vector<PageLine> lines = split_lines(page);
  auto marked = marked_region(page, lines, name);
  if (!marked) return tl::unexpected(marked.error());
  if (*marked) return list_between_markers(lines, **marked, name);
  return longest_paper_run(page, lines, name);
}

std::string mark_list(std::string_view page, const PublicationList& list) {
  if (list.already_marked) return std::string(page);
  std::string out(page.substr(0, list.begin));
  out += k_begin_marker;
  out += '\n';
  out += page.substr(list.begin, list.end - list.begin);
  if (out.back() != '\n') out += '\n';
  // A blank line before the end marker, as every sync writes it
  // (render::replace_marked_block: Markdown would otherwise fold the marker
  // into the last entry's paragraph), so the first sync changes nothing
  // here: the page's own empty line after the list when it has one, else a
  // new one inside the markers.
  std::size_t rest = list.end;
  if (rest < page.size() && page[rest] == '\n') ++rest;
  out += '\n';
  out += k_end_marker;
  out += '\n';
  out += page.substr(rest);
  return out;
}

}  // namespace scholard::importer
