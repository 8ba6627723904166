// Opening the store for a command, with the error reporting commands share:
// a store written by a newer scholard, held by another writer, serving
// another config, or missing gets one clear line on stderr and exit status 3.
#pragma once

#include <optional>
#include <string>

#include "cli/command.hpp"
#include "config/config.hpp"
#include "core/clock.hpp"
#include "store/store.hpp"

namespace scholard::cli {

enum class StoreUse { read, write };

// The options every command opens cfg's store with: the config as owner
// (`--adopt-store` from ctx), the legacy default, and on a terminal a notice
// when a writer has to wait for another one.
store::StoreOptions store_options(const Context& ctx, const config::Config& cfg, StoreUse use,
                                  const std::string& command);

// The file cfg's store is (or will be) at: cfg.store.path, or the legacy
// default store this config still uses (store::choose_store_path).
std::string effective_store_path(const config::Config& cfg);

// True when cfg's store does not exist yet: nothing has been synced.
bool nothing_synced_yet(const config::Config& cfg);

// Opens cfg's store. Reading a store that does not exist yet says to run
// `scholard sync` first. A note about its owner (claimed, taken over) goes
// to stderr. Returns nullopt after printing the error.
std::optional<store::Store> open_store_or_report(const Context& ctx, const config::Config& cfg, StoreUse use,
                                                 const core::Clock& clock, const std::string& command);

}  // namespace scholard::cli
