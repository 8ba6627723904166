// PassRunner that runs the engine inside the daemon process: what
// `scholard daemon` does when scholard-daemon (the supervisor) is not
// installed, or with SCHOLARD_IN_PROCESS=1 (e.g. under a debugger).
#pragma once

#include <memory>

#include "core/clock.hpp"
#include "daemon/pass_runner.hpp"
#include "net/asio_fwd.hpp"
#include "store/store.hpp"

namespace scholard::net {
class CurlHttpClient;
}

namespace scholard::daemon {

class Engine;

class EngineRunner final : public PassRunner {
 public:
  // `io`, `store` and `clock` must outlive the runner.
  EngineRunner(boost::asio::io_context& io, store::Store& store, const core::Clock& clock);
  ~EngineRunner() override;

  bool busy() const override;
  void start(const config::Config& cfg, const std::string& text, OutcomeHandler done) override;
  // Leaves the process: the pass holds sockets and callbacks that cannot be
  // unwound safely from here (the caller exits right after).
  void abandon() override;

 private:
  boost::asio::io_context& m_io;
  store::Store& m_store;
  const core::Clock& m_clock;
  std::unique_ptr<net::CurlHttpClient> m_client;
  std::unique_ptr<Engine> m_engine;
  // What m_client was made with: the contact and every source's settings.
  std::string m_contact;
  std::vector<config::SourceSettings> m_source_settings;
};

}  // namespace scholard::daemon
