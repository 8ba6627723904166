#include "render/markdown.hpp"

#include "render/escape.hpp"
#include "render/names.hpp"

namespace scholard::render {

std::string markdown_title(const MergedPaper& paper, MathStyle math) {
  if (math == MathStyle::keep && paper.title_math != paper.title) return markdown_text(paper.title_math);
  const std::string& title = paper.title;
  std::string out;
  std::size_t at = 0;
  for (const Span& span : paper.title_emphasis) {
    if (span.begin < at || span.end > title.size() || span.begin >= span.end) continue;
    out += markdown_text(std::string_view(title).substr(at, span.begin - at));
    out += '_';
    out += markdown_text(std::string_view(title).substr(span.begin, span.end - span.begin));
    out += '_';
    at = span.end;
  }
  out += markdown_text(std::string_view(title).substr(at));
  return out;
}

std::string markdown_authors(const MergedPaper& paper, int default_max_authors) {
  const int max = paper.max_authors.value_or(default_max_authors);
  const AuthorCut cut = cut_authors(paper.authors, max, paper.authors_truncated);
  std::string out;
  for (std::size_t i = 0; i < cut.shown; ++i) {
    const MergedAuthor& a = paper.authors[i];
    if (i > 0) out += ", ";
    const std::string name = markdown_text(a.name);
    out += a.highlighted ? "**" + name + "**" : name;
    if (a.equal_contribution) out += "\\*";
  }
  if (cut.et_al) out += out.empty() ? "et al" : " et al";
  return out;
}

std::string publication_details(const MergedPaper& paper) {
  std::string out = paper.volume;
  if (!paper.issue.empty()) out += out.empty() ? paper.issue : "(" + paper.issue + ")";
  if (!paper.pages.empty()) out += out.empty() ? paper.pages : ":" + paper.pages;
  return out;
}

std::string render_markdown_entry(const MergedPaper& paper, const MarkdownOptions& options) {
  std::string out;
  const std::string title = markdown_title(paper, options.math);
  const std::string url = markdown_url(paper.url);
  out += url.empty() ? title : "[" + title + "](" + url + ")";
  out += ". ";
  const std::string authors = markdown_authors(paper, options.max_authors);
  if (!authors.empty()) out += authors + ". ";
  std::string tail;
  if (!paper.venue.empty()) tail = "_" + markdown_text(paper.venue) + "_";
  const std::string details = publication_details(paper);
  if (!details.empty()) tail += (tail.empty() ? "" : ", ") + markdown_text(details);
  if (paper.year > 0) tail += (tail.empty() ? "" : ", ") + std::to_string(paper.year);
  if (!tail.empty()) out += tail + ".";
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string render_markdown(const std::vector<MergedPaper>& papers, const MarkdownOptions& options) {
  std::string out;
  int current_year = -1;
  for (const auto& paper : papers) {
    if (paper.hidden) continue;
    if (!out.empty()) out += "\n\n";
    if (options.grouping == YearGrouping::headings && paper.year != current_year) {
      current_year = paper.year;
      out += current_year > 0 ? "### " + std::to_string(current_year) : std::string("### Undated");
      out += "\n\n";
    }
    out += render_markdown_entry(paper, options);
  }
  return out;
}

}  // namespace scholard::render
