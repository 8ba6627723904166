#include "daemon/inputs.hpp"

#include <map>
#include <set>

#include "config/al_folio.hpp"
#include "render/escape.hpp"

namespace scholard::daemon {

std::vector<std::string> paper_keys(const config::Config& cfg) {
  std::vector<std::string> keys;
  keys.reserve(cfg.papers.size());
  // Only manual keys can collide with a manual key: an arXiv id or a DOI
  // never starts with "manual:". So only they are remembered (a set of every
  // key would cost each pass's planning a node per paper).
  std::set<std::string> taken;
  for (const auto& p : cfg.papers) {
    std::string key = p.key();
    if (key.empty()) {
      const std::string base = "manual:" + render::ascii_slug(p.title, 60);
      key = base;
      for (int n = 2; taken.count(key); ++n) key = base + "-" + std::to_string(n);
      taken.insert(key);
    }
    keys.push_back(std::move(key));
  }
  return keys;
}

std::vector<store::ConfigPaper> store_papers(const config::Config& cfg) { return store_papers(cfg, paper_keys(cfg)); }

std::vector<store::ConfigPaper> store_papers(const config::Config& cfg, const std::vector<std::string>& keys) {
  std::vector<store::ConfigPaper> out;
  out.reserve(cfg.papers.size());
  for (std::size_t i = 0; i < cfg.papers.size(); ++i) {
    const auto& p = cfg.papers[i];
    out.push_back({keys[i], p.arxiv ? p.arxiv->id : std::string(), p.doi ? p.doi->value : std::string(), p.title,
                   static_cast<int>(i)});
  }
  return out;
}

render::Profile render_profile(const config::Config& cfg) {
  render::Profile p{cfg.profile.name, cfg.profile.aliases, cfg.profile.orcid};
  p.venue_names.reserve(cfg.venues.size());
  for (const auto& v : cfg.venues) p.venue_names.push_back({v.source_name, v.preferred});
  return p;
}

namespace {

render::Overrides overrides_of(const config::Paper& p) {
  render::Overrides o;
  o.title = p.title;
  o.authors = p.authors;
  o.venue = p.venue;
  o.year = p.year;
  o.volume = p.volume;
  o.issue = p.issue;
  o.pages = p.pages;
  o.month = p.month;
  o.author_names = p.author_names;
  o.url = p.url;
  o.max_authors = p.max_authors;
  o.equal_contribution = p.equal_contribution;
  o.hidden = p.hidden;
  o.not_an_author = p.not_an_author;
  o.selected = p.selected;
  o.abbr = p.abbr;
  o.pdf = p.pdf;
  o.code = p.code;
  o.citation_key = p.citation_key;
  o.et_al = p.et_al;
  for (const auto& [name, value] : p.al_folio) {
    const config::AlFolioField* f = config::find_al_folio_field(name);
    o.al_folio.push_back({name, value, f != nullptr && f->value == config::AlFolioValue::text});
  }
  o.bibtex_show = p.bibtex_show;
  o.abstract = p.abstract;
  return o;
}

}  // namespace

render::PaperRecords stored_records(const store::PaperDetail& detail, const SourceList& sources) {
  render::PaperRecords out;
  for (const auto& source : sources) {
    // The last record of a source, should the store hold two.
    const core::Record* found = nullptr;
    for (const auto& rec : detail.records) {
      if (rec.record && rec.source == source.name) found = &*rec.record;
    }
    if (found != nullptr) out.push_back({source.kind, found});
  }
  return out;
}

render::PaperInput render_input(const config::Paper& p, std::string key, int position) {
  render::PaperInput in;
  in.key = std::move(key);
  in.position = position;
  in.arxiv_id = p.arxiv ? p.arxiv->id : std::string();
  in.doi = p.doi ? p.doi->value : std::string();
  in.overrides = overrides_of(p);
  return in;
}

std::vector<render::PaperInput> render_inputs(const config::Config& cfg,
                                              const std::vector<store::PaperDetail>& stored,
                                              const SourceList& sources) {
  std::map<std::string, const store::PaperDetail*, std::less<>> by_key;
  for (const auto& d : stored) by_key.emplace(d.key, &d);
  const auto keys = paper_keys(cfg);
  std::vector<render::PaperInput> inputs;
  inputs.reserve(cfg.papers.size());
  for (std::size_t i = 0; i < cfg.papers.size(); ++i) {
    render::PaperInput in = render_input(cfg.papers[i], keys[i], static_cast<int>(i));
    if (auto it = by_key.find(in.key); it != by_key.end()) {
      for (const auto& ref : stored_records(*it->second, sources)) in.records.push_back({ref.kind, *ref.record});
    }
    inputs.push_back(std::move(in));
  }
  return inputs;
}

}  // namespace scholard::daemon
