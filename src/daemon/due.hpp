// When a paper is due at a source, from what the store keeps.
//
// The rule (interface.md: "a paper is due when its last successful fetch is
// older than refresh") is applied with the CURRENT [schedule] refresh, so
// changing it in the config takes effect at once; only failures use the
// stored, backed-off next_due.
#pragma once

#include <optional>

#include "config/duration.hpp"
#include "core/clock.hpp"
#include "store/store.hpp"

namespace scholard::daemon {

// never attempted -> the epoch (due now); failing -> the stored next_due;
// else last success + refresh.
core::SysTime due_at(const store::DueState& state, config::Duration refresh);
core::SysTime due_at(const store::FetchState& state, config::Duration refresh);

// The earliest due time over every listed paper and source the store has
// fetched; nullopt when there is none (or the store cannot be read: logged).
std::optional<core::SysTime> earliest_due(store::Store& store, config::Duration refresh);

}  // namespace scholard::daemon
