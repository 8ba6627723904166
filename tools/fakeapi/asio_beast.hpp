// The Boost.Asio / Beast headers the fake API server uses, in one place.
//
// Asio is header-only, so its reactor code is compiled inside our translation
// units; GCC 12 at -O2 reports a false -Wnull-dereference in the inlined
// scheduler::compensating_work_started (the thread call stack is never null
// on the loop thread). The pragma covers only these headers (same approach
// as src/net/asio.hpp).
#pragma once

// awaitable.hpp of Boost 1.74 uses std::exchange without including <utility>.
#include <utility>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#pragma GCC diagnostic pop
