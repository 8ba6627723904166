// Which config a store serves: the owner record in meta, checked by
// Store::open (Store::settle_owner) and read without opening by `check` and
// by the choice of a config's default store.
#include "store/owner.hpp"

#include <filesystem>
#include <utility>

#include "store/migrations.hpp"
#include "store/sqlite.hpp"
#include "store/store.hpp"

namespace scholard::store {

using core::ErrorCode;
using core::Result;

namespace {

// The meta table came with schema 2; an older or empty store has no owner.
Result<bool> has_meta_table(Database& db) {
  auto n = db.query_int("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
  if (!n) return tl::unexpected(n.error());
  return *n > 0;
}

Result<std::optional<std::string>> owner_in(Database& db) {
  auto has_meta = has_meta_table(db);
  if (!has_meta) return tl::unexpected(has_meta.error());
  if (!*has_meta) return std::optional<std::string>();
  auto stmt = db.prepare("SELECT value FROM meta WHERE key = ?");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, std::string(k_owner_key));
  auto row = stmt->step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<std::string>();
  std::string value = stmt->column_text(0);
  if (value.empty()) return std::optional<std::string>();
  return std::optional<std::string>(std::move(value));
}

}  // namespace

std::string describe_owner_note(const OwnerNote& note, const std::string& path, const std::string& owner) {
  switch (note.kind) {
    case OwnerNote::Kind::none:
      return {};
    case OwnerNote::Kind::claimed:
      return "store " + path + " was made by an older scholard (one store for every config without [store] path); " +
             "it now belongs to " + owner + ", and other configs get stores of their own";
    case OwnerNote::Kind::taken_over:
      return "store " + path + " now belongs to " + owner + " (--adopt-store); " + note.previous +
             " can no longer use it";
    case OwnerNote::Kind::unowned:
      return "store " + path + " was made by an older scholard; the next `scholard sync` with " + owner +
             " makes it this config's store";
    case OwnerNote::Kind::foreign_read:
      return "reading store " + path + " of " + note.previous + " (--adopt-store); a command that writes will make " +
             owner + " its owner";
  }
  return {};
}

std::string foreign_store_message(const std::string& path, const std::string& recorded, const std::string& owner) {
  return "store " + path + " belongs to the config " + recorded + ", not to " + owner +
         ": two configs sharing one store would each mark the other's papers as no longer listed. Give " + owner +
         " a store of its own (leave out [store] path for a default one per config, or name another file), or, if " +
         owner + " replaces " + recorded + " (the file was moved or renamed), take the store over with " +
         "`scholard --adopt-store sync`";
}

Result<std::optional<std::string>> read_store_owner(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return core::fail(ErrorCode::not_found, "no store at " + path);
  auto db = Database::open(path, OpenMode::read_only);
  if (!db) return tl::unexpected(db.error());
  auto version = schema_version(*db);
  if (!version) {
    return core::fail(ErrorCode::unsupported, "store " + path + " is not a scholard store: " + version.error().message);
  }
  if (auto ok = check_not_newer(*db, *version); !ok) return tl::unexpected(ok.error());
  auto owner = owner_in(*db);
  if (!owner) {
    return core::fail(ErrorCode::unsupported, "store " + path + " is not a scholard store: " + owner.error().message);
  }
  return owner;
}

std::string choose_store_path(const std::string& path, const std::string& legacy_path, const std::string& owner) {
  std::error_code ec;
  if (legacy_path.empty() || legacy_path == path || std::filesystem::exists(path, ec)) return path;
  if (!std::filesystem::exists(legacy_path, ec)) return path;
  auto recorded = read_store_owner(legacy_path);
  // A legacy file that is not a readable store is not this config's cache.
  if (!recorded) return path;
  if (!*recorded || **recorded == owner) return legacy_path;
  return path;
}

// ---------------------------------------------------------------- Store

Result<void> Store::settle_owner(Database& db, Phase phase) {
  if (m_options.owner.empty() || m_path == ":memory:") return {};
  const bool adopt = m_options.owner_policy == OwnerPolicy::adopt;
  if (phase == Phase::before_write) {
    auto recorded = owner_in(db);
    if (!recorded) return tl::unexpected(recorded.error());
    if (!*recorded) {
      // An existing store without an owner was made by an older scholard; a
      // new, empty file gets its owner silently.
      auto version = schema_version(db);
      if (!version) return tl::unexpected(version.error());
      m_owner_note.kind = *version > 0 ? OwnerNote::Kind::claimed : OwnerNote::Kind::none;
      m_record_owner = true;
    } else if (**recorded != m_options.owner) {
      if (!adopt) return core::fail(ErrorCode::unsupported, foreign_store_message(m_path, **recorded, m_options.owner));
      m_owner_note = OwnerNote{OwnerNote::Kind::taken_over, **recorded};
      m_record_owner = true;
    }
    return {};
  }
  if (phase == Phase::after_migration) {
    if (!m_record_owner) return {};
    m_record_owner = false;
    return set_meta(std::string(k_owner_key), m_options.owner);
  }
  auto recorded = owner_in(db);
  if (!recorded) return tl::unexpected(recorded.error());
  if (!*recorded) {
    m_owner_note.kind = OwnerNote::Kind::unowned;
  } else if (**recorded != m_options.owner) {
    if (!adopt) return core::fail(ErrorCode::unsupported, foreign_store_message(m_path, **recorded, m_options.owner));
    m_owner_note = OwnerNote{OwnerNote::Kind::foreign_read, **recorded};
  }
  return {};
}

}  // namespace scholard::store
