// Numbered schema migrations, one .sql file per change under each database's migrations/
// folder (store/sqlite/migrations, store/postgres/migrations: the same numbers and names),
// embedded in the binary at build time and applied in order, each in its own transaction.
//
// Thread-safety: Migrate needs a connection of its own. On PostgreSQL, servers starting at once
// take turns (an advisory lock); on SQLite, the writer connection is the only writer.
#pragma once

#include <span>
#include <string_view>

#include "store/sql/connection.h"

namespace cordon::store::sql {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// Applies the migrations not yet applied; returns how many were. Throws StorageError, and refuses
// a database whose schema is newer than this binary.
int Migrate(Connection& conn, std::span<const Migration> all);
// The highest applied version, 0 for a new database.
int SchemaVersion(Connection& conn);

}  // namespace cordon::store::sql

namespace cordon::store::sqlite {
std::span<const sql::Migration> EmbeddedMigrations();
}  // namespace cordon::store::sqlite

namespace cordon::store::postgres {
std::span<const sql::Migration> EmbeddedMigrations();
}  // namespace cordon::store::postgres
