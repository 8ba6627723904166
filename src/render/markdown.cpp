#include "render/markdown.hpp"

#include <charconv>

#include "core/month.hpp"
#include "render/escape.hpp"
#include "render/names.hpp"

namespace scholard::render {

namespace {

void append_title(std::string& out, const MergedPaper& paper, MathStyle math) {
  if (math == MathStyle::keep) {
    const std::string with_math = title_with_math(paper);
    if (with_math != paper.title) return append_markdown_text(out, with_math);
  }
  const std::string_view title = paper.title;
  std::size_t at = 0;
  for (const Span& span : paper.title_emphasis) {
    if (span.begin < at || span.end > title.size() || span.begin >= span.end) continue;
    append_markdown_text(out, title.substr(at, span.begin - at));
    out += '_';
    append_markdown_text(out, title.substr(span.begin, span.end - span.begin));
    out += '_';
    at = span.end;
  }
  append_markdown_text(out, title.substr(at));
}

// The et-al text without the final period the author list's own period
// stands for: " et al", ", et al", " and others".
std::string_view et_al_text(const MergedPaper& paper, const MarkdownOptions& options) {
  std::string_view text = !paper.et_al.empty() ? std::string_view(paper.et_al) : std::string_view(options.et_al);
  if (text.empty()) text = " et al";
  if (text.ends_with('.')) text.remove_suffix(1);
  return text;
}

void append_authors(std::string& out, const MergedPaper& paper, const MarkdownOptions& options) {
  const int max = paper.max_authors.value_or(options.max_authors);
  const AuthorCut cut = cut_authors(paper.authors, max, paper.authors_truncated);
  const std::size_t start = out.size();
  for (std::size_t i = 0; i < cut.shown; ++i) {
    const MergedAuthor& a = paper.authors[i];
    if (i > 0) out += ", ";
    if (a.highlighted) out += "**";
    append_markdown_text(out, a.name);
    if (a.highlighted) out += "**";
    if (a.equal_contribution) out += "\\*";
  }
  if (!cut.et_al) return;
  std::string_view text = et_al_text(paper, options);
  if (out.size() == start) {  // no name before it: no separator either
    while (!text.empty() && (text.front() == ' ' || text.front() == ',' || text.front() == ';')) text.remove_prefix(1);
    if (text.empty()) text = "et al";
  }
  append_markdown_text(out, text);
}

void append_details(std::string& out, const MergedPaper& paper, std::string_view range_dash) {
  const std::size_t start = out.size();
  out += paper.volume;
  if (!paper.issue.empty()) {
    if (out.size() == start) {
      out += paper.issue;
    } else {
      out.append("(").append(paper.issue).append(")");
    }
  }
  // The config's pages as the researcher wrote them ("1−83"); a source's range normalised.
  const std::string& pages = paper.pages_as_written.empty() ? paper.pages : paper.pages_as_written;
  if (pages.empty()) return;
  if (out.size() != start) out += ':';
  constexpr std::string_view k_en_dash = "\u2013";
  const std::size_t dash = pages.find(k_en_dash);
  if (!paper.pages_as_written.empty() || range_dash.empty() || dash == std::string::npos) {
    out += pages;
    return;
  }
  out.append(pages, 0, dash).append(range_dash).append(pages, dash + k_en_dash.size());
}

void append_year(std::string& out, int year) {
  char buf[16];
  const auto end = std::to_chars(buf, buf + sizeof buf, year).ptr;
  out.append(buf, static_cast<std::size_t>(end - buf));
}

// True when the venue already ends with the year ("Transactions on Machine
// Learning Research (2025)", as arXiv's journal references write it): the
// year is not written a second time.
bool venue_names_year(std::string_view venue, int year) {
  while (!venue.empty() && (venue.back() == ')' || venue.back() == ']' || venue.back() == '.' || venue.back() == ' ')) {
    venue.remove_suffix(1);
  }
  char buf[16];
  const auto end = std::to_chars(buf, buf + sizeof buf, year).ptr;
  const std::string_view digits(buf, static_cast<std::size_t>(end - buf));
  if (!venue.ends_with(digits)) return false;
  const std::size_t before = venue.size() - digits.size();
  return before == 0 || venue[before - 1] < '0' || venue[before - 1] > '9';
}

void append_entry(std::string& out, const MergedPaper& paper, const MarkdownOptions& options) {
  const std::size_t start = out.size();
  const bool link = is_http_url(paper.url);  // then markdown_url is not empty
  if (link) out += '[';
  append_title(out, paper, options.math);
  if (link) {
    out += "](";
    append_markdown_url(out, paper.url);
    out += ')';
  }
  out += ". ";
  const std::size_t authors_at = out.size();
  append_authors(out, paper, options);
  if (out.size() != authors_at) out += ". ";
  const std::size_t tail_at = out.size();
  if (!paper.venue.empty()) {
    out += '_';
    append_markdown_text(out, paper.venue);
    out += '_';
  }
  if (!paper.volume.empty() || !paper.issue.empty() || !paper.pages.empty() || !paper.pages_as_written.empty()) {
    if (out.size() != tail_at) out += ", ";
    append_markdown_text(out, publication_details(paper, options.range_dash));
  }
  if (paper.year > 0 && !venue_names_year(paper.venue, paper.year)) {
    if (out.size() != tail_at) out += ", ";
    // A month only when the config gives one ("February 2024", as the page
    // wrote it): the sources' months would change every entry of the style.
    if (const std::string_view month = core::month_name(paper.month); !month.empty()) out.append(month).append(" ");
    append_year(out, paper.year);
  }
  if (out.size() != tail_at) out += '.';
  while (out.size() > start && out.back() == ' ') out.pop_back();
}

// Roughly the size of the block.
std::size_t size_estimate(const std::vector<MergedPaper>& papers) {
  std::size_t bytes = 0;
  for (const auto& p : papers) bytes += 64 + p.title.size() + p.venue.size() + p.url.size() + 20 * p.authors.size();
  return bytes;
}

void append_block(std::string& out, const std::vector<MergedPaper>& papers, const MarkdownOptions& options) {
  const std::size_t start = out.size();
  int current_year = -1;
  for (const auto& paper : papers) {
    if (paper.hidden) continue;
    if (out.size() != start) out += "\n\n";
    if (options.grouping == YearGrouping::headings && paper.year != current_year) {
      current_year = paper.year;
      out += current_year > 0 ? "### " + std::to_string(current_year) : std::string("### Undated");
      out += "\n\n";
    }
    append_entry(out, paper, options);
  }
}

}  // namespace

std::string markdown_title(const MergedPaper& paper, MathStyle math) {
  std::string out;
  append_title(out, paper, math);
  return out;
}

std::string markdown_authors(const MergedPaper& paper, const MarkdownOptions& options) {
  std::string out;
  append_authors(out, paper, options);
  return out;
}

std::string publication_details(const MergedPaper& paper, std::string_view range_dash) {
  std::string out;
  append_details(out, paper, range_dash);
  return out;
}

void append_publication_details(std::string& out, const MergedPaper& paper) { append_details(out, paper, {}); }

std::string render_markdown_entry(const MergedPaper& paper, const MarkdownOptions& options) {
  std::string out;
  append_entry(out, paper, options);
  return out;
}

void append_markdown_entry(std::string& out, const MergedPaper& paper, const MarkdownOptions& options) {
  append_entry(out, paper, options);
}

std::string render_markdown(const std::vector<MergedPaper>& papers, const MarkdownOptions& options) {
  std::string out;
  out.reserve(size_estimate(papers));  // allocated once instead of copied as it grows
  append_block(out, papers, options);
  return out;
}

void append_markdown(std::string& out, const std::vector<MergedPaper>& papers, const MarkdownOptions& options) {
  out.reserve(out.size() + output_size_estimate(papers));
  append_block(out, papers, options);
}

}  // namespace scholard::render
