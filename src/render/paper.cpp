#include "render/paper.hpp"

#include <algorithm>

#include "core/latex.hpp"

namespace scholard::render {

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

std::vector<std::pair<std::string_view, std::string_view>> field_sources(const FieldSources& s) {
  return {{"title", s.title},   {"authors", s.authors}, {"venue", s.venue},
          {"year", s.year},     {"volume", s.volume},   {"issue", s.issue},
          {"pages", s.pages},   {"url", s.url},         {"doi", s.doi}};
}

AuthorList::Text AuthorList::put(std::string_view s) {
  // m_text never grows past k_limit, so every offset fits a Text.
  constexpr std::size_t k_limit = UINT32_MAX;
  const std::size_t at = m_text.size();
  const std::size_t size = std::min(s.size(), k_limit - at);
  m_text.append(s.data(), size);
  return {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(size)};
}

void AuthorList::push_back(const MergedAuthor& author) {
  Entry e;
  e.name = put(author.name);
  const std::string_view name = author.name;
  const std::string_view given = author.given;
  const std::string_view family = author.family;
  // Most names are "Given Family": then given and family are slices of the
  // name's copy (unless the 4 GiB cut shortened it) instead of copies.
  const bool given_family = !given.empty() && name.size() == given.size() + 1 + family.size() &&
                            name.starts_with(given) && name[given.size()] == ' ' && name.ends_with(family);
  if (given_family && e.name.size == name.size()) {
    e.given = {e.name.at, static_cast<std::uint32_t>(given.size())};
    e.family = {static_cast<std::uint32_t>(e.name.at + given.size() + 1), static_cast<std::uint32_t>(family.size())};
  } else {
    e.given = put(given);
    e.family = family == name ? e.name : put(family);
  }
  e.orcid = put(author.orcid);
  e.highlighted = author.highlighted;
  e.equal_contribution = author.equal_contribution;
  m_entries.push_back(e);
}

void AuthorList::reserve(std::size_t authors, std::size_t text_bytes) {
  m_entries.reserve(m_entries.size() + authors);
  m_text.reserve(m_text.size() + text_bytes);
}

std::size_t output_size_estimate(const std::vector<MergedPaper>& papers) {
  // A paper's item in the JSON data file: some 700 bytes of keys and
  // indentation, its texts, and about 100 bytes plus name, given and family
  // per author (the list keeps most of those as one name and two slices).
  std::size_t bytes = 64;
  for (const auto& p : papers) {
    bytes += 700 + p.title.size() + p.venue.size() + p.url.size() + p.doi.size() + 2 * p.citation_key.size();
    bytes += 96 * p.authors.size() + 2 * p.authors.text_size();
  }
  return bytes;
}

std::string title_with_math(const MergedPaper& paper) {
  // Without a dollar both modes give the same text. latex_to_text of the
  // collapsed TeX equals that of the TeX as written (latex.hpp).
  if (paper.title_tex.find('$') == std::string::npos) return paper.title;
  return core::latex_to_text(paper.title_tex, core::MathMode::keep);
}

}  // namespace scholard::render
