#include "render/paper.hpp"

#include "core/latex.hpp"

namespace scholard::render {

std::string_view to_string(Source s) {
  switch (s) {
    case Source::none: return "none";
    case Source::config: return "config";
    case Source::crossref: return "crossref";
    case Source::arxiv: return "arxiv";
  }
  return "none";
}

std::string_view to_string(PaperKind k) {
  switch (k) {
    case PaperKind::preprint: return "preprint";
    case PaperKind::journal_article: return "journal-article";
    case PaperKind::proceedings_paper: return "proceedings-paper";
    case PaperKind::chapter: return "chapter";
    case PaperKind::other: return "other";
  }
  return "other";
}

std::vector<std::pair<std::string_view, Source>> field_sources(const FieldSources& s) {
  return {{"title", s.title},   {"authors", s.authors}, {"venue", s.venue},
          {"year", s.year},     {"volume", s.volume},   {"issue", s.issue},
          {"pages", s.pages},   {"url", s.url},         {"doi", s.doi}};
}

std::string title_with_math(const MergedPaper& paper) {
  // Without a dollar both modes give the same text. latex_to_text of the
  // collapsed TeX equals that of the TeX as written (latex.hpp).
  if (paper.title_tex.find('$') == std::string::npos) return paper.title;
  return core::latex_to_text(paper.title_tex, core::MathMode::keep);
}

}  // namespace scholard::render
