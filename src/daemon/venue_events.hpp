// Venue history: when what an index says (core::SourceKind::bibliographic_index,
// Semantic Scholar) changes where a paper is shown as published, the history
// says so with its evidence:
//   venue: arXiv preprint -> International Conference on Learning Representations 2024
//          (Semantic Scholar, DBLP conf/iclr/BentonBDD24)
// A record's own field changes are logged by the store as they are stored;
// this entry is about the page: the paper merged before and after the change
// (render's merge, [venues] names included). Papers whose venue the config
// overrides are left out (the page shows the config's), and so are records
// first seen with the paper itself (a first sync: "first seen" says it).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "daemon/sources.hpp"
#include "render/paper.hpp"
#include "store/store.hpp"

namespace scholard::daemon {

// "International Conference on Learning Representations 2024", "arXiv
// preprint", "Journal of Machine Learning Research 24(243) 2023".
std::string shown_venue(const render::MergedPaper& paper);

// The venue entries for `changes` (this pass's stored record changes, first
// sightings included), reading the papers' records from `store`.
// `had_records(key)` tells whether the paper had a record from any source
// before the pass.
std::vector<store::HistoryEntry> venue_events(const config::Config& cfg, const std::vector<std::string>& keys,
                                              const std::vector<store::RecordChange>& changes, store::Store& store,
                                              const SourceList& sources,
                                              const std::function<bool(const std::string&)>& had_records);

}  // namespace scholard::daemon
