// The fake Semantic Scholar Academic Graph API routes (docs/fakeapi.md),
// under the base path /graph/v1 that scholard's default base_url ends with:
//   POST /graph/v1/paper/batch?fields=...  body {"ids":[...]}: a JSON array in
//        request order, null for unknown ids; 400 for a malformed body or
//        more than 500 ids;
//   GET  /graph/v1/paper/{id}?fields=...: the paper, or 404
//        {"error":"Paper with id X not found"};
//   GET  /graph/v1/paper/search/match?query=...: the paper whose title equals
//        the query (ASCII case and whitespace ignored) as {"data":[{...,
//        "matchScore":N}]}, or 404 {"error":"Title match not found"}.
// Unknown field names in `fields` give the real 400 "Unrecognized or
// unsupported fields: [x]". Plus the bodies S2 sends for 429 (no
// Retry-After), 403 (bad key), 5xx and a "blocked" HTML page, which the
// fault machinery substitutes. Pure.
#pragma once

#include <optional>
#include <string_view>

#include "faults.hpp"
#include "http_util.hpp"
#include "semanticscholar_catalog.hpp"

namespace scholard::fakeapi {

constexpr std::string_view k_s2_base_path = "/graph/v1";
constexpr std::size_t k_s2_batch_limit = 500;

enum class S2Endpoint { batch, paper, match, other };

// True for /graph/v1 and everything under it (raw path).
bool is_semanticscholar_path(std::string_view raw_path);

// Which endpoint a raw S2 path names (the referee counts them apart).
S2Endpoint s2_endpoint(std::string_view raw_path);
std::string_view to_string(S2Endpoint endpoint);

// Answers one request on an S2 path; `body` is the raw request body (the
// batch's JSON). Never fails: bad requests get S2's JSON error bodies.
Reply handle_semanticscholar(const S2Catalog& catalog, std::string_view method, std::string_view raw_path,
                             const QueryParams& params, std::string_view body);

// The real answer to a missing or wrong x-api-key: 403 {"message":"Forbidden"}
// with x-amzn-ErrorType: ForbiddenException.
Reply s2_forbidden_reply();

// The S2 form of a fault's reply where it differs from the generic one (429,
// 403, 500, 503, 504html, html200, malformed, oversize); nullopt for the kinds
// whose generic reply fits S2 as it is.
std::optional<Reply> s2_fault_reply(const Fault& fault, const Reply& normal);

}  // namespace scholard::fakeapi
