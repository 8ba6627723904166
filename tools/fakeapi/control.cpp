#include "control.hpp"

#include <fmt/format.h>

#include "semanticscholar_catalog.hpp"
#include "server_state.hpp"

namespace scholard::fakeapi {
namespace {

Reply text(unsigned status, std::string body, std::string content_type = "text/plain") {
  Reply reply;
  reply.status = status;
  reply.set_header("Content-Type", std::move(content_type));
  reply.body = std::move(body);
  return reply;
}

Reply set_fault(Server::State& state, const QueryParams& params) {
  auto fault = make_fault(params.get("route").value_or(""), params.get("kind").value_or(""),
                          params.get("param").value_or(""), params.get("count").value_or(""));
  if (!fault) return text(400, fault.error().message + "\n");
  state.faults.add(*fault);
  return text(200, fmt::format("queued {}:{}{}{}{}\n", to_string(fault->route), to_string(fault->kind),
                               fault->param.empty() ? "" : ":", fault->param,
                               fault->count ? fmt::format("x{}", *fault->count) : std::string()));
}

// Swaps the Semantic Scholar papers for another set (a test's "later" state).
Reply set_s2_fixtures(Server::State& state, const QueryParams& params) {
  const std::string dir = params.get("dir").value_or("");
  if (dir.empty()) return text(400, "give dir=DIR (a fixture set with a semanticscholar/ folder)\n");
  auto papers = S2Catalog::load(std::filesystem::path(dir) / "semanticscholar", false);
  if (!papers) return text(400, papers.error().message + "\n");
  const std::size_t count = papers->size();
  state.catalog.set_semanticscholar(std::move(*papers));
  return text(200, fmt::format("serving {} Semantic Scholar papers from {}/semanticscholar\n", count, dir));
}

}  // namespace

Reply control_reply(Server::State& state, std::string_view method, std::string_view path,
                    const QueryParams& params) {
  if (path == "/_control/fault") {
    if (method != "POST") return text(405, "use POST\n");
    return set_fault(state, params);
  }
  if (path == "/_control/reset") {
    if (method != "POST") return text(405, "use POST\n");
    state.faults.clear();
    state.referee.reset();
    return text(200, "reset\n");
  }
  if (path == "/_control/s2-fixtures") {
    if (method != "POST") return text(405, "use POST\n");
    return set_s2_fixtures(state, params);
  }
  if (path == "/_control/stats") {
    if (method != "GET") return text(405, "use GET\n");
    return text(200, state.referee.stats_json(), "application/json");
  }
  return text(404, "unknown control endpoint\n");
}

}  // namespace scholard::fakeapi
