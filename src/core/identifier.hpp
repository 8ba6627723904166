// Paper identifiers: arXiv ids and DOIs, parsed from whatever a user or a page
// gives us (bare ids, prefixes, abs/pdf/doi.org/publisher URLs) into one
// canonical form used as a key everywhere.
//
// Canonical forms:
//   arXiv: "2308.03686", "hep-th/9901001" (archive lower-case, subject class
//          dropped as arXiv's preferred external form does); the version is
//          kept apart (0 = "latest").
//   DOI:   "10.1093/jrsssb/qkae005" (lower-cased: DOIs are case-insensitive).
// A DOI under 10.48550/arXiv. is arXiv's own DOI and becomes an arXiv id.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scholard::core {

struct ArxivId {
  std::string id;        // canonical, unversioned
  int version = 0;       // 0 = no version given (means "latest")
  bool old_style = false;

  // "2308.03686v2" when a version is set, else the bare id.
  std::string versioned() const;
  friend bool operator==(const ArxivId&, const ArxivId&) = default;
};

struct Doi {
  std::string value;  // lower-cased
  friend bool operator==(const Doi&, const Doi&) = default;
};

enum class IdKind { arxiv, doi };

struct Identifier {
  IdKind kind = IdKind::arxiv;
  ArxivId arxiv;  // set when kind == arxiv
  Doi doi;        // set when kind == doi

  // "arXiv:2308.03686v2" or "doi:10.1093/jrsssb/qkae005".
  std::string display() const;
  // The canonical key: the unversioned arXiv id or the DOI.
  std::string key() const;
  friend bool operator==(const Identifier&, const Identifier&) = default;
};

// Strict client-side validation (docs/upstream-apis.md, "Identifiers"). Accepts bare ids, "arXiv:"
// prefixes, and arxiv.org abs/pdf URLs (http, https or no scheme; optional
// ".pdf", query and fragment). Other web addresses are rejected.
// On error: invalid_input with a message saying what is wrong.
Result<ArxivId> parse_arxiv_id(std::string_view text);

// Accepts "10.NNNN/...", "doi:" prefixes, doi.org / dx.doi.org URLs and
// publisher URLs that embed "/doi/10." (percent-encoding undone; the article
// number academic.oup.com appends after the DOI is dropped, nothing else is).
// On error: invalid_input.
Result<Doi> parse_doi(std::string_view text);

// Either of the above; an arXiv DOI (10.48550/arXiv.X) yields an arXiv id.
Result<Identifier> parse_identifier(std::string_view text);

// The arXiv id carried by an arXiv DOI ("10.48550/arxiv.2308.03686"), if any.
Result<ArxivId> arxiv_id_from_doi(const Doi& doi);

// A Semantic Scholar corpus id as the config and `scholard accept` write it:
// "CorpusId:269085201" (the prefix in any case, then digits). Returns that
// canonical spelling, which S2's batch endpoint takes as it is. It names a
// paper that has neither an arXiv id nor a DOI (docs/sources.md).
// On error: invalid_input.
Result<std::string> parse_corpus_id(std::string_view text);

}  // namespace scholard::core
