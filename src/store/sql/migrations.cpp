#include "store/sql/migrations.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

namespace cordon::store::sql {

namespace {

// A key of PostgreSQL's advisory locks, held while one server migrates.
constexpr const char* kMigrationLock = "SELECT pg_advisory_lock(7428133)";
constexpr const char* kMigrationUnlock = "SELECT pg_advisory_unlock(7428133)";

std::string NowText() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", std::chrono::floor<std::chrono::milliseconds>(
                                                  std::chrono::system_clock::now()));
}

int MigrateLocked(Connection& conn, std::span<const Migration> all) {
  const int current = SchemaVersion(conn);
  if (!all.empty() && current > all.back().version) {
    throw StorageError(StorageError::Kind::kOther,
                       fmt::format("database schema version {} is newer than this cordon ({})",
                                   current, all.back().version));
  }
  const bool sqlite = conn.dialect() == Dialect::kSqlite;
  int applied = 0;
  for (const Migration& m : all) {
    if (m.version <= current) {
      continue;
    }
    conn.Exec(sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    try {
      conn.Exec(std::string(m.sql).c_str());
      conn.Prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
          .BindAll(m.version, m.name, NowText())
          .Run();
      conn.Exec("COMMIT");
    } catch (...) {
      conn.Exec("ROLLBACK");
      throw;
    }
    ++applied;
  }
  return applied;
}

}  // namespace

int SchemaVersion(Connection& conn) {
  conn.Exec(conn.dialect() == Dialect::kSqlite
                ? "CREATE TABLE IF NOT EXISTS schema_migrations ("
                  " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) "
                  "STRICT"
                : "CREATE TABLE IF NOT EXISTS schema_migrations ("
                  " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  auto q = conn.Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  q.Step();
  return static_cast<int>(q.Int(0));
}

int Migrate(Connection& conn, std::span<const Migration> all) {
  if (conn.dialect() == Dialect::kSqlite) {
    return MigrateLocked(conn, all);
  }
  conn.Exec(kMigrationLock);
  try {
    const int applied = MigrateLocked(conn, all);
    conn.Exec(kMigrationUnlock);
    return applied;
  } catch (...) {
    conn.Exec(kMigrationUnlock);
    throw;
  }
}

}  // namespace cordon::store::sql
