// JSON outputs: CSL-JSON (for citeproc, pandoc, Zotero, Hugo themes) and
// scholard's own data file for a site's `_data/` folder (shape documented in
// docs/output-formats.md).
//
// Both are a pretty-printed JSON array (2-space indent, "\n" at the end) of
// the visible papers in the order given. Strings are escaped by json_string
// (escape.hpp): valid UTF-8 out, always. Pure; deterministic; never fail.
#pragma once

#include <string>
#include <vector>

#include "render/markdown.hpp"
#include "render/paper.hpp"

namespace scholard::render {

struct JsonOptions {
  int max_authors = k_default_max_authors;  // for "authors_shown" (data file only)
  MathStyle math = MathStyle::plain;         // keep: TeX math spans kept in titles
};

// CSL-JSON: id (= citation key), type (article-journal, paper-conference,
// chapter, article for preprints and the rest), title, author ({family,
// given} or {literal}), issued {"date-parts": [[y, m, d]]}, container-title,
// volume, issue, page ("286-301"), DOI, URL; preprints also get publisher
// "arXiv" and number "arXiv:ID". Absent values are left out.
std::string render_csl_json(const std::vector<MergedPaper>& papers, const JsonOptions& options);

// The data file: every key always present, null when unknown.
std::string render_json_data(const std::vector<MergedPaper>& papers, const JsonOptions& options);

// The two above appended to `out` (a caller-owned, reusable buffer; see
// append_markdown).
void append_csl_json(std::string& out, const std::vector<MergedPaper>& papers, const JsonOptions& options);
void append_json_data(std::string& out, const std::vector<MergedPaper>& papers, const JsonOptions& options);

}  // namespace scholard::render
