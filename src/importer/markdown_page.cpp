#include "importer/markdown_page.hpp"

#include <cctype>
#include <optional>

#include "core/text.hpp"

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

struct Region {
  std::size_t first = 0;
  std::size_t last = 0;
  bool marked = false;
  int heading_line = 0;
};

core::Result<Region> find_region(std::string_view page, const std::vector<PageLine>& lines, std::string_view name) {
  const std::size_t b = page.find(k_begin_marker);
  const std::size_t e = page.find(k_end_marker);
  const std::string who(name);
  if (b != std::string_view::npos || e != std::string_view::npos) {
    if (b == std::string_view::npos || e == std::string_view::npos || e < b) {
      const std::size_t at = b == std::string_view::npos ? e : (e == std::string_view::npos ? b : e);
      return core::fail(core::ErrorCode::invalid_input,
                        who + ":" + std::to_string(line_index_at(lines, at) + 1) +
                            ": the scholard markers are unpaired or out of order; fix them by hand first");
    }
    return Region{line_index_at(lines, b) + 1, line_index_at(lines, e), true, 0};
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].heading == 0 || core::ascii_lower(lines[i].text).find("publication") == std::string::npos) continue;
    std::size_t j = i + 1;
    while (j < lines.size() && (lines[j].heading == 0 || lines[j].heading > lines[i].heading)) ++j;
    return Region{i + 1, j, false, static_cast<int>(i + 1)};
  }
  return Region{0, lines.size(), false, 0};
}

}  // namespace

core::Result<PublicationList> find_publication_list(std::string_view page, std::string_view name) {
  const std::vector<PageLine> lines = split_lines(page);
  auto region = find_region(page, lines, name);
  if (!region) return tl::unexpected(region.error());
  PublicationList list;
  list.already_marked = region->marked;
  list.heading_line = region->heading_line;
  std::vector<ListItem> pending;  // non-publication blocks since the last entry
  for (ListItem& item : blocks(lines, region->first, region->last)) {
    if (looks_like_publication(item.text)) {
      if (!list.entries.empty()) list.others.insert(list.others.end(), pending.begin(), pending.end());
      pending.clear();
      list.entries.push_back(std::move(item));
    } else {
      pending.push_back(std::move(item));
    }
  }
  if (list.entries.empty()) {
    std::string where = list.heading_line > 0 ? " under the heading on line " + std::to_string(list.heading_line) : "";
    return core::fail(core::ErrorCode::invalid_input,
                      std::string(name) + ": no publication list found" + where +
                          " (looked for paragraphs or list items with a link, or a year and a comma)");
  }
  list.begin = list.entries.front().begin;
  list.end = list.entries.back().end;
  return list;
}

std::string mark_list(std::string_view page, const PublicationList& list) {
  if (list.already_marked) return std::string(page);
  std::string out(page.substr(0, list.begin));
  out += k_begin_marker;
  out += '\n';
  out += page.substr(list.begin, list.end - list.begin);
  if (out.back() != '\n') out += '\n';
  out += k_end_marker;
  out += '\n';
  out += page.substr(list.end);
  return out;
}

}  // namespace scholard::importer
