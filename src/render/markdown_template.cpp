// render_markdown_template (markdown.hpp): the Mustache context and mstch call.
#include <exception>
#include <functional>

#include <mstch/mstch.hpp>

#include "core/month.hpp"
#include "render/escape.hpp"
#include "render/markdown.hpp"
#include "render/names.hpp"

namespace scholard::render {
namespace {

mstch::array author_nodes(const MergedPaper& paper, const AuthorCut& cut) {
  mstch::array authors;
  for (std::size_t i = 0; i < cut.shown; ++i) {
    const MergedAuthor& a = paper.authors[i];
    authors.push_back(mstch::map{
        {"name", markdown_text(a.name)},
        {"given", markdown_text(a.given)},
        {"family", markdown_text(a.family)},
        {"highlighted", a.highlighted},
        {"equal_contribution", a.equal_contribution},
        {"first", i == 0},
        {"last", i + 1 == cut.shown},
    });
  }
  return authors;
}

mstch::map paper_node(const MergedPaper& paper, const MarkdownOptions& options) {
  const AuthorCut cut = cut_authors(paper.authors, paper.max_authors.value_or(options.max_authors),
                                    paper.authors_truncated);
  const std::string url = markdown_url(paper.url);
  return mstch::map{
      {"key", markdown_text(paper.key)},
      {"citation_key", markdown_text(paper.citation_key)},
      {"title", markdown_title(paper, options.math)},
      {"url", url},
      {"has_url", !url.empty()},
      {"authors", author_nodes(paper, cut)},
      {"authors_text", markdown_authors(paper, options)},
      {"et_al", cut.et_al},
      {"venue", markdown_text(paper.venue)},
      {"year", paper.year > 0 ? std::to_string(paper.year) : std::string()},
      {"volume", markdown_text(paper.volume)},
      {"issue", markdown_text(paper.issue)},
      {"pages", markdown_text(paper.pages_as_written.empty() ? paper.pages : paper.pages_as_written)},
      {"month", std::string(core::month_name(paper.month))},
      {"details", markdown_text(publication_details(paper, options.range_dash))},
      {"doi", markdown_text(paper.doi)},
      {"arxiv", markdown_text(paper.arxiv_id)},
      {"kind", std::string(to_string(paper.kind))},
      {"preprint", paper.kind == PaperKind::preprint},
      {"entry", render_markdown_entry(paper, options)},
  };
}

mstch::map context(const std::vector<MergedPaper>& papers, const MarkdownOptions& options) {
  mstch::array all;
  mstch::array years;
  mstch::array current;
  int current_year = -1;
  auto flush = [&] {
    if (current.empty()) return;
    years.push_back(mstch::map{{"year", current_year > 0 ? std::to_string(current_year) : std::string()},
                               {"papers", current}});
    current.clear();
  };
  for (const auto& paper : papers) {
    if (paper.hidden) continue;
    if (paper.year != current_year) {
      flush();
      current_year = paper.year;
    }
    mstch::map node = paper_node(paper, options);
    all.push_back(node);
    current.push_back(std::move(node));
  }
  flush();
  return mstch::map{{"papers", all}, {"years", years}};
}

// Restores mstch's global escape function on every way out.
class EscapeGuard {
 public:
  EscapeGuard() : m_saved(mstch::config::escape) {
    mstch::config::escape = [](const std::string& s) { return s; };
  }
  ~EscapeGuard() { mstch::config::escape = m_saved; }
  EscapeGuard(const EscapeGuard&) = delete;
  EscapeGuard& operator=(const EscapeGuard&) = delete;

 private:
  std::function<std::string(const std::string&)> m_saved;
};

}  // namespace

core::Result<std::string> render_markdown_template(const std::vector<MergedPaper>& papers,
                                                   std::string_view template_text,
                                                   const MarkdownOptions& options) {
  try {
    const EscapeGuard guard;
    return mstch::render(std::string(template_text), context(papers, options));
  } catch (const std::exception& e) {
    return core::fail(core::ErrorCode::invalid_input, std::string("output template: ") + e.what());
  }
}

}  // namespace scholard::render
