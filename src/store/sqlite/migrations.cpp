#include "store/sqlite/migrations.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace cordon::store::sqlite {

int SchemaVersion(Connection& conn) {
  conn.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT");
  auto q = conn.Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  q.Step();
  return static_cast<int>(q.Int(0));
}

int Migrate(Connection& conn) {
  const int current = SchemaVersion(conn);
  const auto all = EmbeddedMigrations();
  if (!all.empty() && current > all.back().version) {
    throw StorageError(StorageError::Kind::kOther,
                       fmt::format("database schema version {} is newer than this cordon ({})",
                                   current, all.back().version));
  }
  int applied = 0;
  for (const Migration& m : all) {
    if (m.version <= current) {
      continue;
    }
    conn.Exec("BEGIN IMMEDIATE");
    try {
      conn.Exec(std::string(m.sql).c_str());
      conn.Prepare(
              "INSERT INTO schema_migrations (version, name, applied_at) "
              "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))")
          .BindAll(m.version, m.name)
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

}  // namespace cordon::store::sqlite
