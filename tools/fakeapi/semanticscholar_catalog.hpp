// The fake API server's Semantic Scholar data: paper objects loaded from
// `semanticscholar/*.json` of a fixture set (one Graph API paper object per
// file, see docs/fakeapi.md), indexed by the ids S2 accepts: paperId,
// CorpusId, DOI, arXiv id, and by title for /paper/search/match.
//
// Each object is kept as its top-level fields' raw JSON text, in file order,
// so a reply can carry the requested fields byte for byte as written.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace scholard::fakeapi {

struct S2Paper {
  std::string paper_id;   // lower-case 40-hex "paperId"
  std::string corpus_id;  // externalIds.CorpusId as decimal text, "" when none
  std::string arxiv;      // externalIds.ArXiv, "" when none
  std::string doi;        // lower-cased externalIds.DOI, "" when none
  std::string title;
  std::vector<std::pair<std::string, std::string>> fields;  // key -> raw JSON value, in file order
};

class S2Catalog {
 public:
  // Loads every *.json file of `dir` (not recursive, sorted by name). A
  // missing `dir` gives an empty catalog when `missing_ok`, else an io error;
  // a file that is not one JSON object with a 40-hex paperId and a title is
  // invalid_input naming the file.
  static core::Result<S2Catalog> load(const std::filesystem::path& dir, bool missing_ok);

  // The paper an S2 id names, or nullptr: a 40-hex paperId, "CorpusId:N",
  // "DOI:D" or a bare "10.x/..." DOI (any case), "ARXIV:ID" (prefix in any
  // case, unversioned id). Other prefixes (MAG:, PMID:, URL: ...) find nothing.
  const S2Paper* find(std::string_view id) const;

  // The first paper whose title equals `query` ignoring ASCII case and runs
  // of whitespace; nullptr when none does.
  const S2Paper* match_title(std::string_view query) const;

  std::size_t size() const { return m_papers.size(); }
  const std::vector<S2Paper>& papers() const { return m_papers; }

 private:
  std::vector<S2Paper> m_papers;
};

// Parses one paper object file. On error: invalid_input saying what is missing.
core::Result<S2Paper> parse_s2_paper(std::string_view text);

}  // namespace scholard::fakeapi
