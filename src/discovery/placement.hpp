// Where `accept` writes a paper in the config: the page lists years newest
// first and, within a year, in config order, so a paper accepted from
// discovery goes where it belongs instead of at the end: before the first
// listed paper of its year that is not newer (arXiv ids carry the month:
// 2507.11473 is July 2025), after the newer ones; at the top when its year is
// unknown; at the end when it is older than everything listed. Pure.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "store/types.hpp"

namespace scholard::discovery {

struct ListedPaper {
  int line = 0;   // of its [[paper]] header
  int year = 0;   // the year it is shown with; 0 = unknown
  int month = 0;  // 1..12 when known (the config's month, else its arXiv id's), else 0
};

// The month an arXiv id of the YYMM.NNNNN form was submitted in, when its
// year is `year`; 0 otherwise (old-style ids, other years).
int arxiv_month(std::string_view arxiv_id, int year);

// The listed papers with the year each is shown with: the config's year,
// else the store's (`stored`, by paper key), else unknown.
std::vector<ListedPaper> listed_papers(const config::Config& cfg, const std::vector<store::PaperSummary>& stored);

// The header line of the paper the new one goes right before, or nullopt to
// append it after the last (nothing listed, or older than every paper).
std::optional<int> place_before(const std::vector<ListedPaper>& listed, int year, int month);

}  // namespace scholard::discovery
