#include "render/screen.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "core/text.hpp"
#include "render/merge.hpp"

namespace scholard::render {
namespace {

// How many author names a foreign paper's note quotes.
constexpr std::size_t k_quoted_authors = 3;

bool profile_named(const Profile& profile) {
  const auto blank = [](const std::string& s) { return core::trim(s).empty(); };
  return !blank(profile.name) || !blank(profile.orcid) || !std::all_of(profile.aliases.begin(), profile.aliases.end(), blank);
}

bool is_foreign(const MergedPaper& p) {
  if (p.not_an_author || p.authors.empty()) return false;
  if (p.sources.authors.empty() || p.sources.authors == k_config_source) return false;  // a source's list only
  return std::none_of(p.authors.begin(), p.authors.end(), [](const MergedAuthor& a) { return a.highlighted; });
}

ForeignPaper foreign_note(const MergedPaper& p) {
  ForeignPaper f{p.key, {}, p.authors.size()};
  for (std::size_t i = 0; i < p.authors.size() && i < k_quoted_authors; ++i) f.authors.emplace_back(p.authors[i].name);
  return f;
}

// A title with case, accents and every ASCII punctuation mark folded away:
// "Many-Shot Jailbreaking." and "many shot jailbreaking" give the same key.
std::string title_identity(std::string_view title) {
  std::string folded = core::fold_for_match(title);
  for (char& c : folded) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9'))) c = ' ';
  }
  return core::collapse_whitespace(folded);
}

// What identifies a paper for duplicate detection, each with the phrase
// that explains a match: its DOI and arXiv id (as merged: from the config or
// linked by a source), or, without either, its folded title.
std::vector<std::pair<std::string, std::string>> identities(const MergedPaper& p) {
  std::vector<std::pair<std::string, std::string>> ids;
  if (!p.doi.empty()) ids.emplace_back("doi:" + core::ascii_lower(p.doi), "the same DOI " + p.doi);
  if (!p.arxiv_id.empty()) ids.emplace_back("arxiv:" + p.arxiv_id, "the same arXiv id " + p.arxiv_id);
  if (ids.empty()) {
    const std::string folded = title_identity(p.title);
    if (!folded.empty()) ids.emplace_back("title:" + folded, "the same title");
  }
  return ids;
}

}  // namespace

bool has_content(const MergedPaper& paper) { return paper.from_sources || paper.sources.title == k_config_source; }

Screening screen_papers(std::vector<MergedPaper>& papers, const Profile& profile) {
  Screening s;
  const bool check_authors = profile_named(profile);
  // Config order decides which of two listings is kept.
  std::vector<std::size_t> order(papers.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return papers[a].position < papers[b].position; });
  std::vector<char> drop(papers.size(), 0);
  std::unordered_map<std::string, std::size_t> first_with;  // identity -> paper index
  for (std::size_t i : order) {
    const MergedPaper& p = papers[i];
    if (p.hidden) continue;
    if (!has_content(p)) {
      s.waiting.push_back(p.key);
      drop[i] = 1;
      continue;
    }
    const auto ids = identities(p);
    for (const auto& [id, why] : ids) {
      auto it = first_with.find(id);
      if (it == first_with.end()) continue;
      s.duplicates.push_back({p.key, papers[it->second].key, why});
      drop[i] = 1;
      break;
    }
    if (drop[i] != 0) continue;
    for (const auto& id : ids) first_with.emplace(id.first, i);
    if (check_authors && is_foreign(p)) s.foreign.push_back(foreign_note(p));
  }
  if (std::find(drop.begin(), drop.end(), 1) == drop.end()) return s;
  std::vector<MergedPaper> kept;
  kept.reserve(papers.size());
  for (std::size_t i = 0; i < papers.size(); ++i) {
    if (drop[i] == 0) kept.push_back(std::move(papers[i]));
  }
  papers = std::move(kept);
  // Generated keys again without the dropped papers (a suffix may go); pinned ones stay.
  for (MergedPaper& p : papers) {
    if (!p.key_pinned) p.citation_key.clear();
  }
  assign_citation_keys(papers);
  return s;
}

}  // namespace scholard::render
