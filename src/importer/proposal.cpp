#include "importer/proposal.hpp"

#include <cctype>

#include "core/text.hpp"

namespace scholard::importer {

std::string_view to_string(Certainty certainty) {
  switch (certainty) {
    case Certainty::certain: return "certain";
    case Certainty::likely: return "likely";
    case Certainty::manual: return "manual entry";
  }
  return "manual entry";
}

std::string Proposal::label() const {
  if (arxiv) return "arXiv:" + arxiv->id;
  if (doi) return "doi:" + doi->value;
  return "manual entry";
}

namespace {

// Titles compare folded (case, accents) and without punctuation or spacing.
std::string title_key(std::string_view title) {
  std::string out;
  for (const char c : core::fold_for_match(title)) {
    if (static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c)) != 0) out += c;
  }
  return out;
}

// "86(2):286−301, 2024" as the page wrote the details, for a remark.
std::string details_text(const Proposal& p) {
  std::string out = p.venue;
  std::string numbers = p.volume;
  if (!p.issue.empty()) numbers += "(" + p.issue + ")";
  if (!p.pages.empty()) numbers += (numbers.empty() ? "" : ":") + p.pages;
  if (!numbers.empty()) out += (out.empty() ? "" : ", ") + numbers;
  if (p.year) out += (out.empty() ? "" : ", ") + std::to_string(*p.year);
  return out;
}

void fill_manual(const Proposal& p, config::PaperTable& t) {
  t.title = p.title;
  t.authors = p.authors;
  t.venue = p.venue;
  t.year = p.year;
  t.volume = p.volume;
  t.issue = p.issue;
  t.pages = p.pages;
}

// The page's text where the sources differ (import's comparison).
void apply_kept(const Proposal::PageText& kept, config::PaperTable& t) {
  if (!kept.title.empty()) t.title = kept.title;
  if (!kept.authors.empty()) t.authors = kept.authors;
  t.author_names = kept.author_names;
  if (!kept.venue.empty()) t.venue = kept.venue;
  if (kept.year) t.year = kept.year;
  if (!kept.volume.empty()) t.volume = kept.volume;
  if (!kept.issue.empty()) t.issue = kept.issue;
  if (!kept.pages.empty()) t.pages = kept.pages;
  for (const std::string& reason : kept.reasons) t.comments.push_back("kept as the page writes it: " + reason);
}

// Id entries carry only what the sources will not say the same way.
void fill_overrides(const Proposal& p, config::PaperTable& t) {
  t.comments.push_back(p.title);
  if (p.doi) {
    t.doi = p.doi->value;
    if (!p.venue.empty() || p.year) {
      t.comments.push_back("the source says: " + details_text(p) + " (Crossref gives these for the DOI)");
    }
  } else if (!p.venue.empty()) {
    // arXiv knows no venue, and its year is the preprint's.
    t.venue = p.venue;
    t.year = p.year;
    t.volume = p.volume;
    t.issue = p.issue;
    t.pages = p.pages;
  }
  if (p.arxiv) t.arxiv = p.arxiv->id;
  apply_kept(p.kept, t);
  t.max_authors = p.max_authors;
  if (p.max_authors) {
    t.comments.push_back("the source shows the first " + std::to_string(*p.max_authors) + " authors, then \"et al.\"");
  }
}

}  // namespace

config::PaperTable to_paper_table(const Proposal& p, std::string_view source_name) {
  config::PaperTable t;
  std::string where = std::string(source_name) + ":" + std::to_string(p.line) + ", " +
                      std::string(to_string(p.certainty)) + ": " + p.reason;
  t.comments.push_back(std::move(where));
  if (p.is_manual()) {
    fill_manual(p, t);
  } else {
    fill_overrides(p, t);
  }
  t.month = p.month;  // scholard shows no month unless told: the page's month is always kept
  t.url = p.url;
  t.equal_contribution = p.equal_contribution;
  t.selected = p.selected;
  t.abbr = p.abbr;
  t.pdf = p.pdf;
  t.code = p.code;
  t.key = p.key;
  t.al_folio = p.al_folio;
  t.bibtex_show = p.bibtex_show;
  t.abstract = p.abstract;
  t.et_al = p.et_al;
  for (const std::string& note : p.notes) t.comments.push_back(note);
  return t;
}

KnownPapers::KnownPapers(const std::vector<config::Paper>& papers) {
  for (const config::Paper& p : papers) {
    Known k;
    if (p.arxiv) k.arxiv = p.arxiv->id;
    if (p.doi) k.doi = p.doi->value;
    if (p.is_manual()) k.folded_title = title_key(p.title);
    k.line = p.line;
    m_known.push_back(std::move(k));
  }
}

std::optional<int> KnownPapers::find(const Proposal& p) const {
  const std::string folded = p.is_manual() ? title_key(p.title) : std::string();
  for (const Known& k : m_known) {
    const bool same_arxiv = p.arxiv && k.arxiv == p.arxiv->id;
    const bool same_doi = p.doi && k.doi == p.doi->value;
    const bool same_title = !folded.empty() && k.folded_title == folded;
    if (same_arxiv || same_doi || same_title) return k.line;
  }
  return std::nullopt;
}

void KnownPapers::add(const Proposal& p) {
  Known k;
  if (p.arxiv) k.arxiv = p.arxiv->id;
  if (p.doi) k.doi = p.doi->value;
  if (p.is_manual()) k.folded_title = title_key(p.title);
  m_known.push_back(std::move(k));
}

}  // namespace scholard::importer
