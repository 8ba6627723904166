// The replies a fault substitutes for the normal answer: rate-limit and
// server errors, gateway pages, broken or empty bodies, oversize bodies,
// arXiv's legacy "error feed with 200" and its 400 for a refused id. Faults
// that change HOW the answer is sent (delay, reset, truncate, drip) leave the
// reply alone; the server carries those out on the connection. Pure.
#pragma once

#include <cstddef>

#include "arxiv_feed.hpp"
#include "faults.hpp"
#include "http_util.hpp"

namespace scholard::fakeapi {

constexpr std::size_t k_default_oversize_bytes = 17u * 1024u * 1024u;

// `normal` is the reply the route would have given. Never fails.
Reply fault_reply(const Fault& fault, const Reply& normal, FeedFormat format, WallTime now);

// True when the kind replaces the reply (as opposed to changing delivery).
bool replaces_reply(FaultKind kind);

}  // namespace scholard::fakeapi
