// The fake API server's data: arXiv entries and Crossref works, loaded once
// at start-up from a fixture directory (see docs/fakeapi.md for the layout).
//
// arXiv: every `<entry>` of every feed file is cut out as raw text (exactly
// as written in the file) and indexed by its arXiv id and version; the entry
// keeps the format (current 2026 or legacy) of the file it came from.
// Crossref: every `crossref/work-*.json` envelope is kept byte for byte,
// indexed by its lower-cased `message.DOI`, with its authors' ORCIDs.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "semanticscholar_catalog.hpp"

namespace scholard::fakeapi {

enum class FeedFormat { current, legacy };

struct ArxivEntry {
  std::string id;          // unversioned, as in the entry's <id>: "2205.14987", "hep-ex/0406020"
  int version = 0;         // from the <id>; 0 when it carries none
  std::string xml;         // "<entry>...</entry>" exactly as in the file
  FeedFormat format = FeedFormat::current;
  std::vector<std::string> authors;  // <author><name> values, in order
  std::string published;   // <published> text, for sorting
  std::string updated;     // <updated> text, for sorting

  std::string versioned_id() const;
};

struct CrossrefWork {
  std::string doi;       // lower-cased message.DOI
  std::string body;      // the whole envelope file
  std::string message;   // the raw JSON text of "message"
  std::vector<std::string> orcids;  // bare ORCID ids, "0000-0002-1007-7912"
};

enum class ArxivSource { current_dir, legacy_dir };

class Catalog {
 public:
  // Loads DIR/arxiv (or DIR/arxiv-legacy when `source` is legacy_dir and that
  // folder exists), DIR/arxiv-search and DIR/crossref. Missing folders are
  // fine; a missing DIR, a file that does not parse or a Crossref file without
  // message.DOI is an error (invalid_input or io, naming the file).
  static core::Result<Catalog> load(const std::filesystem::path& dir, ArxivSource source);

  // The entry for `id` ("2205.14987" = latest version, "2205.14987v2" =
  // exactly that version); nullptr when unknown.
  const ArxivEntry* find_arxiv(std::string_view id) const;

  // The latest version of every entry from arxiv/ and arxiv-search/,
  // de-duplicated by id: the pool search_query runs over.
  std::vector<const ArxivEntry*> search_pool() const;

  // nullptr when unknown. `doi` is matched case-insensitively.
  const CrossrefWork* find_work(std::string_view doi) const;
  const std::vector<CrossrefWork>& works() const { return m_works; }

  std::size_t arxiv_count() const { return m_entries.size(); }
  // The entries id_list lookups are served from, in load order.
  const std::vector<ArxivEntry>& arxiv_entries() const { return m_entries; }

  // DIR/semanticscholar/*.json (empty when the folder is missing); replaced
  // by POST /_control/s2-fixtures.
  const S2Catalog& semanticscholar() const { return m_semanticscholar; }
  void set_semanticscholar(S2Catalog papers) { m_semanticscholar = std::move(papers); }

 private:
  std::vector<ArxivEntry> m_entries;         // from arxiv/ (or arxiv-legacy/)
  std::vector<ArxivEntry> m_search_entries;  // from arxiv-search/
  std::map<std::string, std::vector<std::size_t>> m_by_id;  // id -> indexes into m_entries
  std::vector<CrossrefWork> m_works;
  S2Catalog m_semanticscholar;
};

// Splits "2205.14987v2" into ("2205.14987", 2); no version -> 0.
std::pair<std::string, int> split_version(std::string_view id);

// Parses one feed file's text into entries (error entries and empty legacy
// placeholder entries are skipped). On error: invalid_input.
core::Result<std::vector<ArxivEntry>> parse_feed_entries(std::string_view text);

// Parses one Crossref envelope. On error: invalid_input.
core::Result<CrossrefWork> parse_work(std::string body);

}  // namespace scholard::fakeapi
