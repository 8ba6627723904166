// The Boost.Asio headers the network layer (and its tests) use, in one place.
//
// Asio is header-only here, so its reactor code is compiled inside our
// translation units; GCC 12 at -O2 reports a false -Wnull-dereference in the
// inlined scheduler::compensating_work_started (thread_call_stack::contains
// is never null on the loop thread). The pragma covers only these headers.
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#pragma GCC diagnostic pop
