#include "daemon/due.hpp"

#include <spdlog/spdlog.h>

namespace scholard::daemon {

core::SysTime due_at(const store::FetchState& state, config::Duration refresh) {
  return due_at(store::DueState{state.failures, state.last_success, state.next_due}, refresh);
}

core::SysTime due_at(const store::DueState& state, config::Duration refresh) {
  if (state.failures > 0 && state.next_due) return *state.next_due;
  if (state.last_success) {
    return *state.last_success + std::chrono::duration_cast<core::SysTime::duration>(refresh);
  }
  return state.next_due.value_or(core::SysTime{});
}

std::optional<core::SysTime> earliest_due(store::Store& store, config::Duration refresh) {
  auto papers = store.list_papers();
  if (!papers) {
    spdlog::error("store: {}", papers.error().message);
    return std::nullopt;
  }
  std::optional<core::SysTime> earliest;
  for (const auto& p : *papers) {
    for (const auto& s : p.sources) {
      const auto at = due_at(s.state, refresh);
      if (!earliest || at < *earliest) earliest = at;
    }
  }
  return earliest;
}

}  // namespace scholard::daemon
