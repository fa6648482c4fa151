// Numbered schema migrations, one .sql file per change under migrations/, embedded in the
// binary at build time and applied in order, each in its own transaction.
//
// Thread-safety: Migrate needs the writer connection and no concurrent writers.
#pragma once

#include <span>
#include <string_view>

#include "store/sqlite/connection.h"

namespace cordon::store::sqlite {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

std::span<const Migration> EmbeddedMigrations();

// Applies the migrations not yet applied; returns how many were. Throws StorageError, and refuses
// a database whose schema is newer than this binary.
int Migrate(Connection& conn);
// The highest applied version, 0 for a new database.
int SchemaVersion(Connection& conn);

}  // namespace cordon::store::sqlite
