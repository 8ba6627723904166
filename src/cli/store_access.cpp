#include "cli/store_access.hpp"

#include <cstdio>

namespace scholard::cli {

std::optional<store::Store> open_store_or_report(const config::Config& cfg, StoreUse use, const core::Clock& clock,
                                                 const std::string& command) {
  store::StoreOptions options;
  options.mode = use == StoreUse::read ? store::AccessMode::read_only : store::AccessMode::read_write;
  options.command = "scholard " + command;
  auto s = store::Store::open(cfg.store.path.string(), clock, options);
  if (s) return std::move(*s);
  if (use == StoreUse::read && s.error().code == core::ErrorCode::not_found) {
    std::fprintf(stderr, "scholard: no store at %s yet: run `scholard sync` first\n", cfg.store.path.c_str());
  } else {
    std::fprintf(stderr, "scholard: %s\n", s.error().message.c_str());
  }
  return std::nullopt;
}

}  // namespace scholard::cli
