#include "render/academicpages.hpp"

#include <algorithm>
#include <charconv>
#include <functional>

#include "render/escape.hpp"
#include "render/names.hpp"

namespace scholard::render {
namespace {

constexpr std::string_view k_md = ".md";

// "2024-01-17" with unknown parts as 01; empty without a year.
class FileDate {
 public:
  explicit FileDate(const MergedPaper& p) {
    if (p.year <= 0 || p.year > 9999) return;
    const bool same_year = p.date.year == p.year;
    const int month = same_year && p.date.month > 0 ? p.date.month : 1;
    const int day = same_year && p.date.month > 0 && p.date.day > 0 ? p.date.day : 1;
    digits(0, 4, p.year);
    m_text[4] = '-';
    digits(5, 2, month % 100);
    m_text[7] = '-';
    digits(8, 2, day % 100);
    m_size = 10;
  }
  std::string_view view() const { return {m_text, m_size}; }

 private:
  // `n` (0 <= n < 10^width) as `width` digits, zero-padded, at m_text[at].
  void digits(std::size_t at, std::size_t width, int n) {
    for (std::size_t i = width; i-- > 0; n /= 10) m_text[at + i] = static_cast<char>('0' + n % 10);
  }
  char m_text[10] = {};
  std::size_t m_size = 0;
};

std::string_view category(PaperKind kind) {
  switch (kind) {
    case PaperKind::proceedings_paper: return "conferences";
    case PaperKind::chapter: return "books";
    case PaperKind::journal_article:
    case PaperKind::preprint:
    case PaperKind::other: return "manuscripts";
  }
  return "manuscripts";
}

// The file name without ".md"; `reserve` bytes are kept free for a "-N" suffix.
std::string file_stem(const MergedPaper& p, std::size_t reserve) {
  const FileDate date(p);
  std::string stem(date.view().empty() ? std::string_view("undated") : date.view());
  stem += '-';
  const std::size_t room = k_max_file_name - k_md.size() - stem.size() - reserve;
  std::string slug = ascii_slug(p.title, room);
  if (slug.empty()) slug = ascii_slug(p.citation_key, room);
  stem += slug.empty() ? std::string_view("paper") : std::string_view(slug);
  return stem;
}

void append_year(std::string& out, int year) {
  char buf[16];
  const auto end = std::to_chars(buf, buf + sizeof buf, year).ptr;
  out.append(buf, static_cast<std::size_t>(end - buf));
}

// academicpages' citation line is HTML: plain names, quoted title, <i>venue</i>;
// appended as the inside of a YAML double-quoted scalar. Every text goes
// through html_text, the rest is fixed ASCII without quotes or backslashes,
// so the line is clean and yaml_string only has to escape its backslashes:
// append_yaml_html_chars does both at once. `scratch` is a reused buffer.
void append_citation(std::string& out, const MergedPaper& p, const MarkdownOptions& options, std::string& scratch) {
  const AuthorCut cut = cut_authors(p.authors, p.max_authors.value_or(options.max_authors), p.authors_truncated);
  const std::size_t start = out.size();
  for (std::size_t i = 0; i < cut.shown; ++i) {
    if (i > 0) out += ", ";
    append_yaml_html_chars(out, p.authors[i].name);
  }
  if (cut.et_al) out += out.size() == start ? "et al." : " et al.";
  if (p.year > 0) {
    out += out.size() == start ? "(" : " (";
    append_year(out, p.year);
    out += ").";
  }
  out += out.size() == start ? "&quot;" : " &quot;";
  append_yaml_html_chars(out, p.title);
  out += ".&quot;";
  if (!p.venue.empty()) {
    out += " <i>";
    append_yaml_html_chars(out, p.venue);
    out += "</i>";
  }
  scratch.clear();
  append_publication_details(scratch, p);
  if (!scratch.empty()) {
    out += ", ";
    append_yaml_html_chars(out, scratch);
  }
  out += '.';
}

// yaml_string(html_text(value)) appended to `out`.
void append_yaml_html(std::string& out, std::string_view value) {
  out += '"';
  append_yaml_html_chars(out, value);
  out += '"';
}

// The file's text appended to `out`; `scratch` is a reused buffer.
void append_file_text(std::string& out, const MergedPaper& p, std::string_view stem, const MarkdownOptions& options,
                      std::string& scratch) {
  out += "---\n";
  out += k_generated_marker;
  out += " for ";
  append_clean_text(out, p.key.empty() ? p.citation_key : p.key);
  out += ": rewritten on every render, removed when the paper leaves the list\n";
  out += "title: ";
  append_yaml_html(out, p.title);
  out += "\ncollection: publications\ncategory: ";
  out += category(p.kind);
  out += "\npermalink: /publication/";
  out += stem;
  out += "\nexcerpt: \"\"\n";
  const FileDate date(p);
  if (!date.view().empty()) {
    out += "date: ";
    out += date.view();
    out += '\n';
  }
  out += "venue: ";
  append_yaml_html(out, p.venue);
  out += '\n';
  scratch.clear();
  append_markdown_url(scratch, p.url);
  if (!scratch.empty()) {
    out += "paperurl: ";
    append_yaml_string(out, scratch);
    out += '\n';
  }
  out += "citation: \"";
  append_citation(out, p, options, scratch);
  out += "\"\n---\n\n";
  append_markdown_entry(out, p, options);
  out += '\n';
}

// The stems taken so far, as views of the caller's names: open addressing
// in one array, not a std::unordered_set, which allocates a node per file
// to answer a question whose answer is almost always "no".
class StemSet {
 public:
  explicit StemSet(std::size_t expected) {
    std::size_t size = 16;
    while (size < 2 * expected) size *= 2;
    m_slots.resize(size);
  }

  bool contains(std::string_view stem) const { return !m_slots[slot(stem)].empty(); }

  // `stem` (not empty, not yet in the set) must outlive the set.
  void insert(std::string_view stem) {
    if (2 * (m_size + 1) > m_slots.size()) grow();
    m_slots[slot(stem)] = stem;
    ++m_size;
  }

 private:
  // The slot holding `stem`, else the empty one where it would go.
  std::size_t slot(std::string_view stem) const {
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = std::hash<std::string_view>{}(stem) & mask;
    while (!m_slots[i].empty() && m_slots[i] != stem) i = (i + 1) & mask;
    return i;
  }

  void grow() {
    std::vector<std::string_view> old(m_slots.size() * 2);
    old.swap(m_slots);
    for (const std::string_view stem : old) {
      if (!stem.empty()) m_slots[slot(stem)] = stem;
    }
  }

  std::vector<std::string_view> m_slots;  // empty view: a free slot (stems never are empty)
  std::size_t m_size = 0;
};

}  // namespace

bool is_safe_file_name(std::string_view name) {
  if (name.empty() || name.size() > k_max_file_name || name.front() == '.') return false;
  if (name.find("..") != std::string_view::npos) return false;
  if (name.size() <= k_md.size() || name.substr(name.size() - k_md.size()) != k_md) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool has_generated_marker(std::string_view bytes) {
  if (bytes.substr(0, 4) != "---\n") return false;
  return bytes.substr(4, k_generated_marker.size()) == k_generated_marker;
}

std::string generated_key(std::string_view bytes) {
  if (!has_generated_marker(bytes)) return {};
  constexpr std::string_view k_for = " for ";
  constexpr std::string_view k_end = ": rewritten on every render";
  const std::size_t line_end = std::min(bytes.find('\n', 4), bytes.size());
  const std::string_view line = bytes.substr(4 + k_generated_marker.size(), line_end - 4 - k_generated_marker.size());
  if (line.substr(0, k_for.size()) != k_for) return {};
  const std::size_t end = line.rfind(k_end);
  if (end == std::string_view::npos || end <= k_for.size()) return {};
  return std::string(line.substr(k_for.size(), end - k_for.size()));
}

std::vector<GeneratedFile> render_academicpages(const std::vector<MergedPaper>& papers,
                                                const MarkdownOptions& options) {
  std::vector<GeneratedFile> files;
  files.reserve(papers.size());  // never reallocated: `used` views the names
  StemSet used(papers.size());  // stems: the names without ".md"
  // Each text is built in one reused buffer and copied out at its exact size:
  // appending to a fresh string grew (and copied) it a dozen times per file.
  std::string text;
  std::string scratch;
  for (const auto& p : papers) {
    if (p.hidden) continue;
    std::string stem = file_stem(p, 0);
    for (int n = 2; used.contains(stem); ++n) {
      const std::string suffix = "-" + std::to_string(n);
      stem = file_stem(p, suffix.size()) + suffix;
    }
    text.clear();
    append_file_text(text, p, stem, options, scratch);
    std::string name;
    name.reserve(stem.size() + k_md.size());
    name.append(stem).append(k_md);
    GeneratedFile& file = files.emplace_back(GeneratedFile{std::move(name), std::string(text)});
    used.insert(std::string_view(file.name).substr(0, stem.size()));
  }
  return files;
}

}  // namespace scholard::render
