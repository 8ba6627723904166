#include "render/academicpages.hpp"

#include <set>

#include "render/escape.hpp"
#include "render/names.hpp"

namespace scholard::render {
namespace {

constexpr std::string_view k_md = ".md";

std::string two_digits(int n) {
  std::string s = std::to_string(n % 100);
  return s.size() == 1 ? "0" + s : s;
}

// "2024-01-17" with unknown parts as 01; "" without a year.
std::string file_date(const MergedPaper& p) {
  if (p.year <= 0 || p.year > 9999) return "";
  const bool same_year = p.date.year == p.year;
  const int month = same_year && p.date.month > 0 ? p.date.month : 1;
  const int day = same_year && p.date.month > 0 && p.date.day > 0 ? p.date.day : 1;
  std::string year = std::to_string(p.year);
  year.insert(0, 4 - year.size(), '0');
  return year + "-" + two_digits(month) + "-" + two_digits(day);
}

std::string category(PaperKind kind) {
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
  const std::string date = file_date(p);
  const std::string prefix = (date.empty() ? std::string("undated") : date) + "-";
  const std::size_t room = k_max_file_name - k_md.size() - prefix.size() - reserve;
  std::string slug = ascii_slug(p.title, room);
  if (slug.empty()) slug = ascii_slug(p.citation_key, room);
  if (slug.empty()) slug = "paper";
  return prefix + slug;
}

// academicpages' citation line is HTML: plain names, quoted title, <i>venue</i>.
std::string citation(const MergedPaper& p, const MarkdownOptions& options) {
  const AuthorCut cut = cut_authors(p.authors, p.max_authors.value_or(options.max_authors), p.authors_truncated);
  std::string out;
  for (std::size_t i = 0; i < cut.shown; ++i) out += (i ? ", " : "") + html_text(p.authors[i].name);
  if (cut.et_al) out += out.empty() ? "et al." : " et al.";
  if (p.year > 0) out += (out.empty() ? "(" : " (") + std::to_string(p.year) + ").";
  out += (out.empty() ? "&quot;" : " &quot;") + html_text(p.title) + ".&quot;";
  if (!p.venue.empty()) out += " <i>" + html_text(p.venue) + "</i>";
  const std::string details = publication_details(p);
  if (!details.empty()) out += ", " + html_text(details);
  out += ".";
  return out;
}

std::string file_bytes(const MergedPaper& p, const std::string& stem, const MarkdownOptions& options) {
  std::string out = "---\n";
  out += std::string(k_generated_marker) + " for " + clean_text(p.key.empty() ? p.citation_key : p.key) +
         ": rewritten on every render, removed when the paper leaves the list\n";
  out += "title: " + yaml_string(html_text(p.title)) + "\n";
  out += "collection: publications\n";
  out += "category: " + category(p.kind) + "\n";
  out += "permalink: /publication/" + stem + "\n";
  out += "excerpt: \"\"\n";
  const std::string date = file_date(p);
  if (!date.empty()) out += "date: " + date + "\n";
  out += "venue: " + yaml_string(html_text(p.venue)) + "\n";
  const std::string url = markdown_url(p.url);
  if (!url.empty()) out += "paperurl: " + yaml_string(url) + "\n";
  out += "citation: " + yaml_string(citation(p, options)) + "\n";
  out += "---\n\n";
  out += render_markdown_entry(p, options) + "\n";
  return out;
}

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

std::vector<GeneratedFile> render_academicpages(const std::vector<MergedPaper>& papers,
                                                const MarkdownOptions& options) {
  std::vector<GeneratedFile> files;
  std::set<std::string> used;
  for (const auto& p : papers) {
    if (p.hidden) continue;
    std::string stem = file_stem(p, 0);
    for (int n = 2; used.count(stem) != 0; ++n) {
      const std::string suffix = "-" + std::to_string(n);
      stem = file_stem(p, suffix.size()) + suffix;
    }
    used.insert(stem);
    files.push_back({stem + std::string(k_md), file_bytes(p, stem, options)});
  }
  return files;
}

}  // namespace scholard::render
