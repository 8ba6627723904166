// Maps the configuration and the store's contents to what the store and the
// renderers take. The only place that knows all three shapes.
#pragma once

#include <string>
#include <vector>

#include "config/config.hpp"
#include "daemon/sources.hpp"
#include "render/merge.hpp"
#include "render/paper.hpp"
#include "store/types.hpp"

namespace scholard::daemon {

// The store key of every [[paper]], in config order: the canonical arXiv id,
// else the DOI, else "manual:" + a slug of the title ("-2", "-3" ... when two
// manual entries share a title).
std::vector<std::string> paper_keys(const config::Config& cfg);

// The config's papers as the store's paper list (reconcile_papers' input).
std::vector<store::ConfigPaper> store_papers(const config::Config& cfg);
// The same with the config's paper_keys already at hand.
std::vector<store::ConfigPaper> store_papers(const config::Config& cfg, const std::vector<std::string>& keys);

// The profile and the [venues] names, as render takes them.
render::Profile render_profile(const config::Config& cfg);

// One [[paper]] as render takes it, without records.
render::PaperInput render_input(const config::Paper& p, std::string key, int position);

// One PaperInput per [[paper]] (hidden ones included: merge marks them), with
// the records the store holds for that paper's key, in the order of
// `sources` (records of other sources are left out). Papers the store does
// not know yet get no records (they render from the config alone).
std::vector<render::PaperInput> render_inputs(const config::Config& cfg,
                                              const std::vector<store::PaperDetail>& stored,
                                              const SourceList& sources = registry_source_list());

// A stored paper's records as the merge takes them: borrowed, each with its
// source's kind, in the order of `sources`.
render::PaperRecords stored_records(const store::PaperDetail& detail, const SourceList& sources);

}  // namespace scholard::daemon
