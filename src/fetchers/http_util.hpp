// Small helpers both fetchers use to turn an HttpClient Response into words
// and into the transient/permanent distinction. Pure.
#pragma once

#include <string>
#include <string_view>

#include "net/http_client.hpp"

namespace scholard::fetchers {

// "export.arxiv.org" from "https://export.arxiv.org/api/query" (port kept).
std::string host_of(std::string_view url);

// What went wrong with a response, naming the host: the client's own message
// when it gave one, else "HOST: HTTP 503", else "HOST: no response".
std::string describe_failure(const net::Response& response, std::string_view host);

// True for outcomes where a later retry may succeed (transient, rate limited).
bool is_transient(net::Outcome outcome);

// Percent-encodes every byte outside RFC 3986 "unreserved" (A-Z a-z 0-9 - . _ ~),
// so "/", ":", ";", "<", ">", "#", "?" and spaces are all encoded.
std::string percent_encode(std::string_view text);

}  // namespace scholard::fetchers
