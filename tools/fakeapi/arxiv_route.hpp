// The fake arXiv `/api/query` route: turns decoded parameters into a Reply
// (status, headers, Atom body) the way arXiv's classic API does
// (docs/upstream-apis.md, "arXiv"): parameter validation with the real messages, loose id
// validation, id_list lookups (versioned or latest, de-duplicated, unknown
// ids left out, sorted by sortBy rather than request order), start and
// max_results paging, and search_query over au: terms. Pure.
#pragma once

#include <string_view>

#include "arxiv_feed.hpp"
#include "fixtures.hpp"
#include "http_util.hpp"

namespace scholard::fakeapi {

constexpr std::string_view k_atom_content_type = "application/atom+xml; charset=utf-8";

// Never fails: every problem becomes an error feed with its HTTP status
// (400 for validation errors, 500 where the real service crashes).
Reply handle_arxiv_query(const Catalog& catalog, const QueryParams& params, FeedFormat format,
                         WallTime now);

// arXiv's author matching after its query rewriting: `au:Benton_J` and
// `au:"del maestro"` style names. Every query token must match a distinct
// token of the author's folded name; a one-letter query token matches as an
// initial (prefix). At least one query token must be longer than one letter.
bool author_matches(std::string_view query_name, std::string_view author_name);

// The au: names of "au:A OR au:B" (quotes removed, '_' as space); empty when
// the query has any other shape (the fake answers those with a 400).
std::vector<std::string> parse_author_query(std::string_view search_query);

}  // namespace scholard::fakeapi
