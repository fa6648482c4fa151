// One PostgreSQL connection (libpq) behind the SQL seam (store/sql/connection.h).
//
// Statements are prepared on the server once per connection. `?` and `?N` become `$N`; every
// parameter goes as text of an unstated type (the server infers it from the statement), blobs as
// bytea in binary; every column comes back as text (bytea unescaped).
//
// Thread-safety: a Connection and its statements belong to one thread at a time.
#pragma once

#include <string>
#include <string_view>

#include "store/sql/connection.h"

struct pg_conn;

namespace cordon::store::postgres {

using sql::Stmt;
using sql::StorageError;

class Connection final : public sql::Connection {
 public:
  // Connects to `url` (postgresql://…). Throws StorageError.
  explicit Connection(const std::string& url);
  ~Connection() override;

  void Exec(const char* sql) override;
  int Changes() const override { return changes_; }
  std::int64_t LastInsertId() override;
  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
  void Guarded(const std::function<void()>& f) override;

  // False once the server has gone away; such a connection is not reused.
  bool Ok() const;
  pg_conn* raw() { return conn_; }
  void SetChanges(int n) { changes_ = n; }

 protected:
  std::unique_ptr<sql::Statement> Compile(std::string_view sql) override;

 private:
  pg_conn* conn_ = nullptr;
  int changes_ = 0;
  int next_statement_ = 0;
};

// `sql` with SQLite's `?` and `?N` parameters written as PostgreSQL's `$N`; `params` is set to
// the number of parameters. Quoted strings, quoted names and comments are left alone.
std::string ToDollarParams(std::string_view sql, int& params);

// The kind of failure a SQLSTATE is: 23505 unique, 23503 foreign key, 40001 and 40P01 (a
// serialization failure, a deadlock) a conflict.
StorageError::Kind KindOfState(std::string_view sqlstate);

}  // namespace cordon::store::postgres
