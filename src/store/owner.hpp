// Which config a store serves.
//
// Two configs that shared one store would each mark the other's papers "no
// longer listed" on every sync, and `list`/`status`/`history` would mix their
// papers. So a store records, in its meta table (key k_owner_key), the
// config file it serves (config::config_identity of its path), and
// Store::open refuses it to any other config unless the caller adopts it
// (OwnerPolicy::adopt, `--adopt-store`). A store without a recorded owner
// (made by a scholard before owners existed) is claimed by the first config
// that opens it for writing. docs/user-guide.md, "Where the store lives".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scholard::store {

// The meta key holding the owner's path.
inline constexpr std::string_view k_owner_key = "config_file";

enum class OwnerPolicy {
  check,  // another config's store is refused (ErrorCode::unsupported)
  adopt,  // another config's store is used; a writer records the new owner
};

// What opening a store found out about its owner (Store::owner_note()).
struct OwnerNote {
  enum class Kind {
    none,          // no owner asked for (tests, tools), or it is the caller's
    claimed,       // a writer recorded the caller as the owner of an ownerless store
    taken_over,    // a writer replaced `previous` by the caller (OwnerPolicy::adopt)
    unowned,       // a reader opened an ownerless store: nothing recorded yet
    foreign_read,  // a reader opened `previous`'s store under OwnerPolicy::adopt
  };
  Kind kind = Kind::none;
  std::string previous;  // the other config, for taken_over and foreign_read
};

// The one-line note a command prints for `note` about the store at `path`
// opened for `owner`; "" for Kind::none.
std::string describe_owner_note(const OwnerNote& note, const std::string& path, const std::string& owner);

// The refusal of `owner` by the store at `path` that serves `recorded`:
// names both configs and what to do about it.
std::string foreign_store_message(const std::string& path, const std::string& recorded, const std::string& owner);

// The owner recorded in the store at `path`, read without changing the file
// (no store is created); nullopt when none is recorded (an older store, an
// empty file). Errors: not_found when there is no file; unsupported when
// the file is not a SQLite database or was written by a newer scholard;
// io otherwise.
core::Result<std::optional<std::string>> read_store_owner(const std::string& path);

// Where the store of the config known as `owner` is opened: `path`, except
// while `path` does not exist and `legacy_path` (non-empty) holds a store
// owned by `owner` or by nobody: then `legacy_path`, so the cache a config
// built in the old shared default is kept, in place (no file is moved: a
// daemon of the older version may still have it open).
std::string choose_store_path(const std::string& path, const std::string& legacy_path, const std::string& owner);

}  // namespace scholard::store
