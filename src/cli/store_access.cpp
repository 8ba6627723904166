#include "cli/store_access.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "cli/style.hpp"

namespace scholard::cli {
namespace {

// "waiting for pid 1234 (`scholard sync`) to finish...": said at once, so a
// second writer is not 30 s of silence.
void say_waiting(const store::LockHolder& holder) {
  std::string who = holder.pid > 0 ? "pid " + std::to_string(holder.pid) : "another scholard";
  if (!holder.command.empty()) who += " (`" + holder.command + "`)";
  std::fprintf(stderr, "scholard: waiting for %s to finish...\n", who.c_str());
  std::fflush(stderr);
}

}  // namespace

store::StoreOptions store_options(const Context& ctx, const config::Config& cfg, StoreUse use,
                                  const std::string& command) {
  store::StoreOptions options;
  options.mode = use == StoreUse::read ? store::AccessMode::read_only : store::AccessMode::read_write;
  options.command = "scholard " + command;
  options.owner = cfg.store.owner;
  options.owner_policy = ctx.adopt_store ? store::OwnerPolicy::adopt : store::OwnerPolicy::check;
  options.legacy_path = cfg.store.legacy_path.string();
  if (use == StoreUse::write && !ctx.quiet && ::isatty(STDERR_FILENO) == 1) options.on_lock_wait = say_waiting;
  return options;
}

std::string effective_store_path(const config::Config& cfg) {
  return store::choose_store_path(cfg.store.path.string(), cfg.store.legacy_path.string(), cfg.store.owner);
}

bool nothing_synced_yet(const config::Config& cfg) {
  std::error_code ec;
  return !std::filesystem::exists(effective_store_path(cfg), ec);
}

std::optional<store::Store> open_store_or_report(const Context& ctx, const config::Config& cfg, StoreUse use,
                                                 const core::Clock& clock, const std::string& command) {
  auto options = store_options(ctx, cfg, use, command);
  auto s = store::Store::open(cfg.store.path.string(), clock, options);
  if (s) {
    const std::string note = store::describe_owner_note(s->owner_note(), s->path(), cfg.store.owner);
    if (!note.empty()) std::fprintf(stderr, "scholard: note: %s\n", note.c_str());
    return std::move(*s);
  }
  if (use == StoreUse::read && s.error().code == core::ErrorCode::not_found) {
    std::fprintf(stderr, "scholard: nothing synced yet: no store at %s; run `scholard sync` first\n",
                 effective_store_path(cfg).c_str());
  } else {
    print_error(s.error().message);
  }
  return std::nullopt;
}

}  // namespace scholard::cli
