// The fake API server's network side: a Boost.Beast HTTP/1.1 server on one
// io_context thread, one coroutine per connection, keep-alive supported.
// It routes /api/query (arXiv), /works... (Crossref) and /_control/...,
// applies queued faults, reports every request to the referee and logs one
// line per request on stderr (violations as lines starting "VIOLATION").
//
// Timing faults (delay, drip) use asio timers; nothing blocks the thread.
// Malformed requests get a 400 and the connection is closed.
#pragma once

#include <memory>


#include "asio_beast.hpp"
#include "core/result.hpp"
#include "faults.hpp"
#include "fixtures.hpp"
#include "options.hpp"
#include "referee.hpp"

namespace scholard::fakeapi {

class Server {
 public:
  Server(boost::asio::io_context& io, ServerOptions options, Catalog catalog);

  // Binds and listens on options.host:options.port. Returns the bound port.
  // On error: io, with the system's reason.
  core::Result<unsigned short> listen();

  // Starts accepting connections (run the io_context to serve).
  void start();

  // Stops accepting; open connections end when the io_context stops.
  void stop();

  // Shared with the connection coroutines (server.cpp); not for other users.
  struct State;

 private:
  boost::asio::io_context& m_io;
  boost::asio::ip::tcp::acceptor m_acceptor;
  std::shared_ptr<State> m_state;
};

}  // namespace scholard::fakeapi
