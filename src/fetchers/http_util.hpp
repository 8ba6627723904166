// Small helpers both fetchers use to turn an HttpClient Response into words
// and into the transient/permanent distinction. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fetchers/fetch_result.hpp"
#include "net/http_client.hpp"

namespace scholard::fetchers {

// An answer that is not a record: `status` with `message` saying why;
// `transient`: retrying later may succeed; `source_refused`: the source
// refused to serve (FetchOutcome::source_refused).
FetchOutcome make_outcome(FetchStatus status, std::string message, bool transient = false,
                          bool source_refused = false);

// What went wrong with a response, naming the host: the client's own message
// when it gave one, else "HOST: HTTP 503", else "HOST: no response".
std::string describe_failure(const net::Response& response, std::string_view host);

// True when the client failed an answer whose status alone does not say so:
// a 2xx or 3xx whose body was cut short or could not be decoded, was too
// large, or a redirect that was not followed. Its `error` then says what
// happened; the body (if any) must not be read as the answer.
bool failed_despite_status(const net::Response& response);

// "Crossref answered for 10.9999/x when asked for 10.1093/y": the message of
// an answer for another paper than the one asked. `answered` lists the ids
// the answer was for (at most three are named); empty: "a paper without an id".
std::string answered_for_other(std::string_view source, const std::vector<std::string>& answered,
                               std::string_view asked);

}  // namespace scholard::fetchers
