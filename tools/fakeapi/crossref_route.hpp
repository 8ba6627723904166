// The fake Crossref REST routes (docs/upstream-apis.md, "Crossref"; docs/fakeapi.md):
//   /works/{doi} and /v1/works/{doi} (DOI raw or %2F-encoded, any case):
//     200 application/json with the fixture envelope, or 404 text/plain
//     "Resource not found.";
//   /works?filter=orcid:X[,doi:Y...]&rows=N: a work-list of fixture works
//     (a repeated filter name ORed, different names ANDed);
// Plus the pool and rate-limit headers every Crossref response carries: the
// list route announces its own pool ("polite-array") and limits. Pure.
#pragma once

#include <string_view>

#include "fixtures.hpp"
#include "http_util.hpp"
#include "referee.hpp"

namespace scholard::fakeapi {

constexpr std::string_view k_not_found_body = "Resource not found.";

// True for /works, /works/..., /v1/works and /v1/works/... (raw path).
bool is_crossref_path(std::string_view raw_path);
// True for the list route: /works, /works/, /v1/works, /v1/works/.
bool is_crossref_list_path(std::string_view raw_path);

// polite when a non-empty mailto= parameter is given or the User-Agent
// contains "mailto:", else public (docs/upstream-apis.md, "Pools and limits").
Pool pool_for(const QueryParams& params, std::string_view user_agent);

// Adds x-api-pool (polite/public; polite-array/public-array for lists, as
// recorded in 2026), x-rate-limit-limit, x-rate-limit-interval, x-concurrency-limit.
void add_crossref_headers(Reply& reply, Pool pool, const PoolLimits& limits,
                          CrossrefRoute route = CrossrefRoute::single);

// Answers a GET/HEAD on a Crossref path (the caller drops the body for HEAD).
// Never fails: unknown DOIs give 404, bad list parameters a 400
// validation-failure JSON body as Crossref sends.
Reply handle_crossref(const Catalog& catalog, std::string_view raw_path, const QueryParams& params);

}  // namespace scholard::fakeapi
