// One SQLite connection behind the SQL seam (store/sql/connection.h): cordon's pragmas, and
// SQLite's errors as StorageError.
//
// Thread-safety: a Connection and its statements belong to one thread at a time.
#pragma once

#include <string>
#include <string_view>

#include "store/sql/connection.h"

struct sqlite3;

namespace cordon::store::sqlite {

using sql::Stmt;
using sql::StorageError;

class Connection final : public sql::Connection {
 public:
  // kReader maps the file into memory (see SqliteStore::Read for when that pays); kPlainReader
  // reads it with system calls. kCheckpointer only copies the WAL into the database file
  // (store/sqlite/checkpointer.h).
  enum class Mode { kWriter, kReader, kPlainReader, kCheckpointer };
  // Opens (creating if needed, for the writer) and applies cordon's pragmas. Throws StorageError.
  Connection(const std::string& path, Mode mode);
  ~Connection() override;

  void Exec(const char* sql) override;
  int Changes() const override;
  std::int64_t LastInsertId() override;
  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
  sqlite3* raw() { return db_; }
  [[noreturn]] void Fail(int rc, std::string_view what) const;

 protected:
  std::unique_ptr<sql::Statement> Compile(std::string_view sql) override;

 private:
  sqlite3* db_ = nullptr;
};

// The kind of failure an extended SQLite result code is.
StorageError::Kind KindOf(int extended_code);

}  // namespace cordon::store::sqlite
