#include "importer/import.hpp"

#include <map>

#include "core/text.hpp"
#include "importer/bibtex.hpp"
#include "importer/bibtex_import.hpp"
#include "importer/markdown_entry.hpp"

namespace scholard::importer {

SourceKind detect_kind(std::string_view text, std::string_view name) {
  const std::string lower = core::ascii_lower(name);
  if (lower.ends_with(".bib") || lower.ends_with(".bibtex")) return SourceKind::bibtex;
  if (lower.ends_with(".md") || lower.ends_with(".markdown")) return SourceKind::markdown;
  for (std::string_view line : core::split(text, '\n')) {
    std::string_view t = core::trim(line);
    if (t.empty() || t.front() == '%') continue;
    return t.front() == '@' ? SourceKind::bibtex : SourceKind::markdown;
  }
  return SourceKind::markdown;
}

core::Result<ImportResult> import_text(std::string_view text, std::string_view name) {
  ImportResult result;
  result.kind = detect_kind(text, name);
  if (result.kind == SourceKind::bibtex) {
    auto entries = parse_bibtex(text, name);
    if (!entries) return tl::unexpected(entries.error());
    result.proposals = proposals_from_bibtex(*entries);
    return result;
  }
  auto list = find_publication_list(text, name);
  if (!list) return tl::unexpected(list.error());
  for (const ListItem& item : list->entries) result.proposals.push_back(parse_markdown_entry(item.text, item.line));
  for (const ListItem& other : list->others) {
    result.warnings.push_back("line " + std::to_string(other.line) +
                              ": not a publication, but inside the list; `sync` will replace it with the rest");
  }
  for (const OtherRun& run : list->other_runs) {
    const bool one = run.count == 1;
    result.warnings.push_back("line " + std::to_string(run.line) + ": " + std::to_string(run.count) +
                              (one ? " more entry that looks like a paper is" : " more entries that look like papers are") +
                              " not part of the list (not imported; mark the list by hand to choose another)");
  }
  result.list = std::move(*list);
  return result;
}

std::string guess_profile_name(const std::vector<Proposal>& proposals) {
  std::map<std::string, int> counts;
  for (const Proposal& p : proposals) {
    if (!p.bold_author.empty()) ++counts[p.bold_author];
  }
  std::string best;
  int best_count = 0;
  for (const auto& [name, count] : counts) {
    if (count > best_count) {
      best = name;
      best_count = count;
    }
  }
  return best;
}

Selection select_new(const std::vector<Proposal>& proposals, KnownPapers known) {
  Selection s;
  for (const Proposal& p : proposals) {
    if (auto line = known.find(p)) {
      s.duplicates.emplace_back(p, *line);
      continue;
    }
    known.add(p);
    s.fresh.push_back(p);
  }
  return s;
}

std::string format_proposals(const std::vector<Proposal>& proposals, std::string_view source_name) {
  std::string out;
  for (const Proposal& p : proposals) {
    if (!out.empty()) out += '\n';
    out += config::format_paper_table(to_paper_table(p, source_name));
  }
  return out;
}

}  // namespace scholard::importer
