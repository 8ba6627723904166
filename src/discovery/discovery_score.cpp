#include "discovery/discovery_score.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace scholard::discovery {
namespace {

// Relation types that make two DOIs/ids the same paper for "is it listed?".
bool links_versions(std::string_view type) {
  return type == "has-preprint" || type == "is-preprint-of" || type == "has-version" || type == "is-version-of" ||
         type == "is-identical-to";
}

// Crossref types that are not papers a researcher lists.
bool is_paper_type(std::string_view type) {
  return type != "peer-review" && type != "component" && type != "dataset" && type != "grant";
}

std::vector<std::string> words(std::string_view folded) {
  std::vector<std::string> out;
  for (auto w : core::split(folded, ' ')) {
    if (!w.empty()) out.emplace_back(w);
  }
  return out;
}

// Every id a record is known by: arXiv id, DOI, and the ids of version links.
void add_record_ids(const core::Record& r, std::set<std::string>& ids) {
  if (!r.arxiv_id.empty()) ids.insert(r.arxiv_id);
  if (!r.doi.empty()) ids.insert(core::ascii_lower(r.doi));
  for (const auto& rel : r.relations) {
    if (!links_versions(rel.type) || rel.id.empty()) continue;
    if (rel.id_type == "arxiv") ids.insert(rel.id);
    else if (rel.id_type == "doi") ids.insert(core::ascii_lower(rel.id));
  }
}

// The arXiv preprint a Crossref work names in its relations, or "".
std::string preprint_arxiv_id(const core::Record& work) {
  for (const auto& rel : work.relations) {
    if (rel.id_type == "arxiv" && links_versions(rel.type)) return rel.id;
  }
  return {};
}

void add_title(std::string_view title, std::set<std::string>& titles) {
  std::string folded = core::fold_for_match(title);
  if (words(folded).size() >= 3) titles.insert(std::move(folded));
}

enum class NameMatch { none, initial, exact };

NameMatch name_match(const core::Author& a, const Researcher& me) {
  if (me.names.count(core::fold_for_match(a.name))) return NameMatch::exact;
  const std::string key = initials_key(a.name);
  if (!key.empty() && me.initials.count(key)) return NameMatch::initial;
  return NameMatch::none;
}

bool is_me(const core::Author& a, const Researcher& me) {
  if (!me.orcid.empty() && a.orcid == me.orcid) return true;
  return name_match(a, me) != NameMatch::none;
}

// Listed co-authors and categories of one record.
void learn_from(const std::vector<core::Author>& authors, const Researcher& me, ListedPapers& listed,
                std::set<std::string>& seen_in_paper) {
  for (const auto& a : authors) {
    if (a.name == "others" || is_me(a, me)) continue;
    const std::string key = initials_key(a.name);
    if (key.empty() || !seen_in_paper.insert(key).second) continue;
    listed.coauthor_names.emplace(key, core::collapse_whitespace(a.name));
    ++listed.coauthor_papers[key];
  }
}

std::string list_names(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < 3; ++i) out += (i ? ", " : "") + names[i];
  return names.size() > 3 ? out + ", ..." : out;
}

const std::vector<core::Author>& authors_of(const FoundPaper& p) {
  return p.arxiv ? p.arxiv->authors : p.crossref->authors;
}

// The name points, the ORCID points and their reasons.
int identity_points(const FoundPaper& p, const Researcher& me, std::vector<std::string>& reasons) {
  NameMatch best = NameMatch::none;
  std::string best_name;
  bool orcid_match = false;
  std::string other_orcid;
  for (const auto* rec : {p.arxiv ? &*p.arxiv : nullptr, p.crossref ? &*p.crossref : nullptr}) {
    if (!rec) continue;
    for (const auto& a : rec->authors) {
      if (!me.orcid.empty() && a.orcid == me.orcid) orcid_match = true;
      const NameMatch m = name_match(a, me);
      if (m != NameMatch::none && !a.orcid.empty() && a.orcid != me.orcid) other_orcid = a.name + " has ORCID " + a.orcid;
      if (m > best) {
        best = m;
        best_name = a.name;
      }
    }
  }
  int points = 0;
  if (orcid_match) {
    points += k_orcid_match_points;
    reasons.push_back("ORCID matches");
  } else if (!me.orcid.empty() && !other_orcid.empty()) {
    points += k_orcid_conflict_points;
    reasons.push_back(other_orcid + ", not yours");
  }
  if (best == NameMatch::exact) {
    points += k_exact_name_points;
    reasons.push_back("name matches (" + best_name + ")");
  } else if (best == NameMatch::initial) {
    points += k_initial_name_points;
    reasons.push_back("name matches only by initial (" + best_name + ")");
  } else if (!orcid_match) {
    reasons.push_back("no author has your name");
  }
  return points;
}

int coauthor_points(const FoundPaper& p, const Researcher& me, const ListedPapers& listed,
                    std::vector<std::string>& reasons) {
  std::vector<std::pair<int, std::string>> shared;  // (-papers, name)
  std::set<std::string> seen;
  for (const auto& a : authors_of(p)) {
    if (is_me(a, me)) continue;
    const std::string key = initials_key(a.name);
    if (key.empty() || !listed.coauthor_names.count(key) || !seen.insert(key).second) continue;
    shared.emplace_back(-listed.coauthor_papers.at(key), core::collapse_whitespace(a.name));
  }
  if (shared.empty()) return 0;
  std::sort(shared.begin(), shared.end());
  std::vector<std::string> names;
  for (const auto& s : shared) names.push_back(s.second);
  const int n = static_cast<int>(names.size());
  reasons.push_back(std::to_string(n) + (n == 1 ? " co-author" : " co-authors") + " shared with your papers (" +
                    list_names(names) + ")");
  return std::min(n * k_coauthor_points, k_max_coauthor_points);
}

int category_points(const FoundPaper& p, const ListedPapers& listed, std::vector<std::string>& reasons) {
  if (!p.arxiv) return 0;
  std::vector<std::string> shared;
  std::vector<std::string> all = p.arxiv->categories;
  if (!p.arxiv->primary_category.empty()) all.insert(all.begin(), p.arxiv->primary_category);
  for (const auto& c : all) {
    if (listed.categories.count(c) && std::find(shared.begin(), shared.end(), c) == shared.end()) shared.push_back(c);
  }
  if (shared.empty()) return 0;
  reasons.push_back((shared.size() == 1 ? "category " : "categories ") + core::join(shared, ", "));
  return std::min(static_cast<int>(shared.size()) * k_category_points, k_max_category_points);
}

}  // namespace

std::string_view to_string(Band b) {
  switch (b) {
    case Band::likely: return "likely";
    case Band::possible: return "possible";
    case Band::unlikely: return "unlikely";
  }
  return "unlikely";
}

Band band_of(int score) {
  if (score >= k_likely_score) return Band::likely;
  if (score >= k_possible_score) return Band::possible;
  return Band::unlikely;
}

std::string initials_key(std::string_view name) {
  const auto w = words(core::fold_for_match(name));
  if (w.empty()) return {};
  if (w.size() == 1) return w.front();
  return w.back() + " " + w.front().substr(0, 1);
}

Researcher researcher_of(const config::Profile& profile) {
  Researcher me;
  me.orcid = profile.orcid;
  std::vector<std::string> all = profile.aliases;
  all.insert(all.begin(), profile.name);
  for (const auto& n : all) {
    std::string folded = core::fold_for_match(n);
    if (folded.empty()) continue;
    me.names.insert(folded);
    me.initials.insert(initials_key(n));
  }
  return me;
}

ListedPapers listed_papers(const config::Config& cfg, const std::vector<store::PaperDetail>& stored,
                           const Researcher& me) {
  ListedPapers listed;
  for (const auto& p : cfg.papers) {
    if (p.arxiv) listed.ids.insert(p.arxiv->id);
    if (p.doi) listed.ids.insert(p.doi->value);
    if (!p.title.empty()) add_title(p.title, listed.titles);
    std::vector<core::Author> authors;
    for (const auto& name : p.authors) authors.push_back({name, {}, {}, {}, {}, {}});
    std::set<std::string> seen;
    learn_from(authors, me, listed, seen);
  }
  // Only papers with an arXiv id or a DOI have records, and their key is
  // that id (a title-only entry is never fetched).
  std::set<std::string> listed_keys;
  for (const auto& p : cfg.papers) listed_keys.insert(p.key());
  for (const auto& d : stored) {
    if (!listed_keys.count(d.key)) continue;
    std::set<std::string> seen;
    for (const auto& r : d.records) {
      if (!r.record) continue;
      add_record_ids(*r.record, listed.ids);
      add_title(r.record->title, listed.titles);
      learn_from(r.record->authors, me, listed, seen);
      if (!r.record->primary_category.empty()) listed.categories.insert(r.record->primary_category);
      listed.categories.insert(r.record->categories.begin(), r.record->categories.end());
    }
  }
  return listed;
}

std::string FoundPaper::key() const {
  if (arxiv && !arxiv->arxiv_id.empty()) return arxiv->arxiv_id;
  if (crossref) {
    if (auto id = preprint_arxiv_id(*crossref); !id.empty()) return id;
    return crossref->doi;
  }
  return {};
}

std::set<std::string> FoundPaper::ids() const {
  std::set<std::string> out;
  if (arxiv) add_record_ids(*arxiv, out);
  if (crossref) add_record_ids(*crossref, out);
  return out;
}

std::vector<FoundPaper> merge_found(const std::vector<core::Record>& arxiv, const std::vector<core::Record>& crossref) {
  std::vector<FoundPaper> out;
  std::map<std::string, std::size_t> by_id;
  for (const auto& r : arxiv) {
    if (r.arxiv_id.empty() || by_id.count(r.arxiv_id)) continue;
    out.push_back({r, std::nullopt});
    for (const auto& id : out.back().ids()) by_id.emplace(id, out.size() - 1);
  }
  for (const auto& w : crossref) {
    if (w.doi.empty() || !is_paper_type(w.type)) continue;
    std::set<std::string> ids;
    add_record_ids(w, ids);
    auto hit = std::find_if(ids.begin(), ids.end(), [&](const auto& id) { return by_id.count(id) > 0; });
    if (hit != ids.end()) {
      FoundPaper& same = out[by_id.at(*hit)];
      if (!same.crossref) same.crossref = w;
      continue;
    }
    out.push_back({std::nullopt, w});
    for (const auto& id : ids) by_id.emplace(id, out.size() - 1);
  }
  return out;
}

bool is_listed(const FoundPaper& paper, const ListedPapers& listed) {
  for (const auto& id : paper.ids()) {
    if (listed.ids.count(id)) return true;
  }
  for (const auto* rec : {paper.arxiv ? &*paper.arxiv : nullptr, paper.crossref ? &*paper.crossref : nullptr}) {
    if (!rec) continue;
    std::set<std::string> title;
    add_title(rec->title, title);
    if (!title.empty() && listed.titles.count(*title.begin())) return true;
  }
  return false;
}

Score score_paper(const FoundPaper& paper, const Researcher& me, const ListedPapers& listed) {
  Score s;
  int points = identity_points(paper, me, s.reasons);
  const int coauthors = coauthor_points(paper, me, listed, s.reasons);
  const int categories = category_points(paper, listed, s.reasons);
  if (coauthors == 0 && categories == 0) s.reasons.push_back("no co-author or category in common with your papers");
  points += coauthors + categories;
  s.points = std::max(points, 0);
  s.band = band_of(s.points);
  return s;
}

store::Candidate to_candidate(const FoundPaper& paper, const Score& score) {
  store::Candidate c;
  const core::Record& main = paper.arxiv ? *paper.arxiv : *paper.crossref;
  c.arxiv_id = paper.arxiv ? paper.arxiv->arxiv_id : preprint_arxiv_id(*paper.crossref);
  c.doi = paper.crossref ? paper.crossref->doi : paper.arxiv->doi;
  c.key = paper.key();
  c.title = core::collapse_whitespace(main.title);
  for (const auto& a : main.authors) c.authors.push_back(core::collapse_whitespace(a.name));
  c.venue = paper.crossref ? paper.crossref->venue : paper.arxiv->journal_ref;
  const core::Record& dated = paper.crossref && !paper.crossref->published.empty() ? *paper.crossref : main;
  c.year = dated.published.year;
  c.url = paper.arxiv ? "https://arxiv.org/abs/" + c.arxiv_id
                      : (!main.url.empty() ? main.url : "https://doi.org/" + c.doi);
  c.found_by = paper.arxiv && paper.crossref ? "arxiv+crossref" : paper.arxiv ? "arxiv" : "crossref";
  c.score = score.points;
  c.band = std::string(to_string(score.band));
  c.reasons = score.reasons;
  return c;
}

}  // namespace scholard::discovery
