// What the connection coroutines of the fake API server share: the options,
// the fixture catalog, the fault queue and the referee. Only touched from the
// io_context thread, so it needs no locking. Internal to tools/fakeapi.
#pragma once

#include <utility>

#include "faults.hpp"
#include "fixtures.hpp"
#include "options.hpp"
#include "referee.hpp"
#include "server.hpp"

namespace scholard::fakeapi {

struct Server::State {
  State(ServerOptions server_options, Catalog fixture_catalog)
      : options(std::move(server_options)), catalog(std::move(fixture_catalog)), referee(options.rules) {}

  ServerOptions options;
  Catalog catalog;
  FaultQueue faults;
  Referee referee;
};

}  // namespace scholard::fakeapi
