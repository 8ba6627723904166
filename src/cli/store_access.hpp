// Opening the store for a command, with the error reporting commands share:
// a store written by a newer scholard, held by another writer, or missing
// gets one clear line on stderr and exit status 3.
#pragma once

#include <optional>
#include <string>

#include "config/config.hpp"
#include "core/clock.hpp"
#include "store/store.hpp"

namespace scholard::cli {

enum class StoreUse { read, write };

// Opens cfg.store.path. Reading a store that does not exist yet says to run
// `scholard sync` first. Returns nullopt after printing the error.
std::optional<store::Store> open_store_or_report(const config::Config& cfg, StoreUse use, const core::Clock& clock,
                                                 const std::string& command);

}  // namespace scholard::cli
