// The fake API server's control endpoints, used by tests and demos:
//   POST /_control/fault?route=R&kind=K&param=P&count=N  queue a fault
//   POST /_control/reset                                 clear faults and stats
//   GET  /_control/stats                                 the referee's JSON
//   POST /_control/s2-fixtures?dir=DIR                   serve DIR/semanticscholar/ from now on
// Never fails: bad parameters give a 400 with the reason, unknown paths a
// 404, wrong methods a 405.
#pragma once

#include <string_view>

#include "http_util.hpp"
#include "server.hpp"

namespace scholard::fakeapi {

Reply control_reply(Server::State& state, std::string_view method, std::string_view path,
                    const QueryParams& params);

}  // namespace scholard::fakeapi
