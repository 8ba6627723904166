#include "daemon/engine_runner.hpp"

#include <cstdio>
#include <cstdlib>

#include <spdlog/spdlog.h>

#include "daemon/engine.hpp"
#include "daemon/render_stamp.hpp"
#include "net/curl_client.hpp"

namespace scholard::daemon {
EngineRunner::EngineRunner(boost::asio::io_context& io, store::Store& store, const core::Clock& clock)
    : m_io(io), m_store(store), m_clock(clock) {}

EngineRunner::~EngineRunner() = default;

bool EngineRunner::busy() const { return m_engine && m_engine->busy(); }

void EngineRunner::start(const config::Config& cfg, const std::string& text, OutcomeHandler done) {
  auto settings = config::source_settings(cfg.sources);
  const bool client_changed = cfg.profile.contact != m_contact || settings != m_source_settings;
  if (!m_engine || client_changed) {
    // A reload changed what the client was made with: a fresh client (and
    // engine) between passes, when nothing is in flight.
    m_engine.reset();
    m_client = std::make_unique<net::CurlHttpClient>(m_io, client_options(cfg));
    m_engine = std::make_unique<Engine>(m_io, m_store, *m_client, m_clock);
    m_contact = cfg.profile.contact;
    m_source_settings = std::move(settings);
  }
  PassOptions options;
  options.command = "daemon";
  // `cfg` was parsed from exactly these bytes: with their digest the pass may
  // skip the render when nothing changed (render_stamp.hpp).
  if (!text.empty()) options.config_digest = config_text_digest(text);
  m_engine->run_pass(cfg, std::move(options), [done = std::move(done)](PassReport report) {
    PassOutcome outcome;
    outcome.exit_code = report.exit_code();
    outcome.summary = report.summary_line("daemon");
    outcome.failure_lines = report.failure_lines();
    outcome.auto_accepted = static_cast<int>(report.discovery.auto_accepted.size());
    done(std::move(outcome));
  });
}

void EngineRunner::abandon() {
  spdlog::warn("daemon: abandoning the pass in flight");
  spdlog::default_logger()->flush();
  std::fflush(nullptr);
  std::_Exit(0);
}

}  // namespace scholard::daemon
