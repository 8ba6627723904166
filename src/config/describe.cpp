// describe(): the summary `scholard check` prints.
#include <algorithm>
#include <string>

#include "config/config.hpp"
#include "core/text.hpp"

namespace scholard::config {
namespace {

std::string join_names(const std::vector<std::string>& names) { return core::join(names, ", "); }

std::string describe_profile(const Profile& p) {
  std::string out = "profile: " + p.name;
  if (!p.aliases.empty()) out += " (also " + join_names(p.aliases) + ")";
  if (!p.orcid.empty()) out += ", ORCID " + p.orcid;
  out += ", contact " + p.contact + "\n";
  return out;
}

// "your text kept over the sources': 2 titles, 1 month, 1 author name" for the
// overrides of papers the sources describe (manual entries are all config).
std::string describe_kept_text(const std::vector<Paper>& papers) {
  std::size_t titles = 0, venues = 0, months = 0, names = 0, pages = 0;
  for (const Paper& p : papers) {
    if (p.is_manual()) continue;
    if (!p.title.empty()) ++titles;
    if (!p.venue.empty()) ++venues;
    if (p.month) ++months;
    names += p.author_names.size();
    if (!p.pages.empty()) ++pages;
  }
  std::string parts;
  auto count = [&parts](std::size_t n, const char* one, const char* many) {
    if (n == 0) return;
    parts += (parts.empty() ? "" : ", ") + std::to_string(n) + " " + (n == 1 ? one : many);
  };
  count(titles, "title", "titles");
  count(venues, "venue", "venues");
  count(months, "month", "months");
  count(names, "author name", "author names");
  count(pages, "page range", "page ranges");
  return parts.empty() ? std::string() : "  your text kept over the sources': " + parts + "\n";
}

std::string describe_papers(const std::vector<Paper>& papers) {
  std::size_t arxiv = 0, doi = 0, manual = 0, hidden = 0;
  for (const Paper& p : papers) {
    if (p.arxiv) ++arxiv;
    if (p.doi) ++doi;
    if (p.is_manual()) ++manual;
    if (p.hidden) ++hidden;
  }
  std::string out = "papers: " + std::to_string(papers.size()) + " (" + std::to_string(arxiv) + " arXiv, " +
                    std::to_string(doi) + " DOI, " + std::to_string(manual) + " manual, " + std::to_string(hidden) +
                    " hidden)\n";
  return out + describe_kept_text(papers);
}

std::string describe_outputs(const std::vector<Output>& outputs) {
  std::string out = "outputs:\n";
  for (const Output& o : outputs) {
    std::string format(to_string(o.format));
    format.resize(std::max<std::size_t>(format.size(), 13), ' ');
    out += "  " + format + " " + o.path.string() + " (at most " + std::to_string(o.max_authors) + " authors";
    if (o.group_by_year) out += ", grouped by year";
    if (o.template_path) out += ", template " + o.template_path->string();
    out += ")\n";
  }
  return out;
}

std::string describe_sources(const Config& c) {
  const auto sources = source_settings(c.sources);
  std::size_t width = 0;
  for (const auto& s : sources) width = std::max(width, s.display_name.size());
  std::string out = "sources:\n";
  for (const auto& s : sources) {
    std::string name = s.display_name;
    name.resize(width, ' ');
    std::vector<std::string> limits;
    if (s.min_interval > Duration{0}) limits.push_back("one request per " + format_duration(s.min_interval));
    if (s.batch_size > 1) limits.push_back(std::to_string(s.batch_size) + " ids per request");
    if (s.concurrency > 1) limits.push_back(std::to_string(s.concurrency) + " requests in flight");
    if (!s.enabled) {
      out += "  " + name + " off (enabled = false)\n";
      continue;
    }
    if (!s.api_key_origin.empty()) limits.push_back("API key from " + s.api_key_origin);
    out += "  " + name + " " + s.base_url + " (" + core::join(limits, ", ") + ")\n";
  }
  return out;
}

std::string describe_discover(const Discover& d) {
  if (!d.enabled) return "discover: off\n";
  std::vector<std::string> what;
  if (!d.arxiv_query.empty()) what.push_back("arXiv query " + d.arxiv_query);
  if (d.orcid) what.push_back("Crossref works with the profile's ORCID");
  return "discover: " + join_names(what) + ", every " + format_duration(d.interval) +
         (d.auto_accept ? ", accepted automatically\n" : ", reviewed with `pending`\n");
}

std::string describe_hook(const Hook& h) {
  if (h.on_change.empty()) return "hook: none\n";
  return "hook: " + core::join(h.on_change, " ") + " (timeout " + format_duration(h.timeout) + ")\n";
}

}  // namespace

std::string describe(const Config& config) {
  std::string out;
  if (!config.file.empty()) out += "config: " + config.file.string() + "\n";
  out += describe_profile(config.profile);
  out += describe_papers(config.papers);
  out += describe_outputs(config.outputs);
  out += "store: " + config.store.path.string() + "\n";
  out += describe_sources(config);
  out += "schedule: papers refreshed every " + format_duration(config.schedule.refresh) + ", checked every " +
         format_duration(config.schedule.interval) + " (jitter " + format_duration(config.schedule.jitter) + ")\n";
  out += describe_discover(config.discover);
  out += describe_hook(config.hook);
  return out;
}

}  // namespace scholard::config
