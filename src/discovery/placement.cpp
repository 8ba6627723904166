#include "discovery/placement.hpp"

#include <unordered_map>

namespace scholard::discovery {

int arxiv_month(std::string_view id, int year) {
  // YYMM.NNNN(N): the first four digits are the submission's year and month.
  if (id.size() < 9 || id[4] != '.') return 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (id[i] < '0' || id[i] > '9') return 0;
  }
  const int yy = (id[0] - '0') * 10 + (id[1] - '0');
  const int mm = (id[2] - '0') * 10 + (id[3] - '0');
  if (mm < 1 || mm > 12 || 2000 + yy != year) return 0;
  return mm;
}

std::vector<ListedPaper> listed_papers(const config::Config& cfg, const std::vector<store::PaperSummary>& stored) {
  std::unordered_map<std::string, int> stored_year;
  for (const store::PaperSummary& s : stored) stored_year.emplace(s.key, s.year);
  std::vector<ListedPaper> out;
  out.reserve(cfg.papers.size());
  for (const config::Paper& p : cfg.papers) {
    ListedPaper l;
    l.line = p.line;
    if (p.year) {
      l.year = *p.year;
    } else if (const auto it = stored_year.find(p.key()); it != stored_year.end()) {
      l.year = it->second;
    }
    if (p.month) {
      l.month = *p.month;
    } else if (p.arxiv) {
      l.month = arxiv_month(p.arxiv->id, l.year);
    }
    out.push_back(l);
  }
  return out;
}

std::optional<int> place_before(const std::vector<ListedPaper>& listed, int year, int month) {
  if (listed.empty()) return std::nullopt;
  if (year <= 0) return listed.front().line;  // unknown: at the top, where it is seen
  for (const ListedPaper& p : listed) {
    if (p.year <= 0) continue;  // says nothing about where the year starts
    if (p.year < year) return p.line;
    if (p.year == year && (month == 0 || p.month == 0 || p.month <= month)) return p.line;
  }
  return std::nullopt;
}

}  // namespace scholard::discovery
