#include "store/sqlite/connection.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace cordon::store::sqlite {

StorageError::Kind KindOf(int extended_code) {
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return StorageError::Kind::kUniqueViolation;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return StorageError::Kind::kForeignKeyViolation;
    default:
      return StorageError::Kind::kOther;
  }
}

namespace {

class SqliteStatement final : public sql::Statement {
 public:
  SqliteStatement(Connection& conn, sqlite3_stmt* stmt) : conn_(conn), stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void BindInt(int i, std::int64_t v) override { Check(sqlite3_bind_int64(stmt_, i, v)); }
  void BindReal(int i, double v) override { Check(sqlite3_bind_double(stmt_, i, v)); }
  void BindText(int i, std::string_view v) override {
    Check(sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  void BindBlob(int i, std::string_view v) override {
    Check(sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT));
  }
  void BindNull(int i) override { Check(sqlite3_bind_null(stmt_, i)); }

  bool Step() override {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
      return true;
    }
    if (rc == SQLITE_DONE) {
      return false;
    }
    conn_.Fail(sqlite3_extended_errcode(conn_.raw()), sqlite3_sql(stmt_));
  }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  bool IsNull(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::int64_t Int(int col) const override { return sqlite3_column_int64(stmt_, col); }
  double Real(int col) const override { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const override {
    const auto* p = sqlite3_column_text(stmt_, col);
    if (p == nullptr) {
      return {};
    }
    return std::string(reinterpret_cast<const char*>(p),
                       static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }

 private:
  void Check(int rc) const {
    if (rc != SQLITE_OK) {
      conn_.Fail(rc, "bind");
    }
  }

  Connection& conn_;
  sqlite3_stmt* stmt_;
};

}  // namespace

namespace {

// Before SQLite's first use: no global memory statistics, whose mutex every allocation takes.
const bool kConfigured = [] {
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  return true;
}();

}  // namespace

Connection::Connection(const std::string& path, Mode mode) {
  (void)kConfigured;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  if (mode == Mode::kWriter) {
    flags |= SQLITE_OPEN_CREATE;
  }
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StorageError(KindOf(rc), fmt::format("cannot open {}: {}", path, msg));
  }
  sqlite3_extended_result_codes(db_, 1);
  // Waiting readers and a checkpointing writer briefly contend for the WAL index.
  sqlite3_busy_timeout(db_, 5000);
  Exec("PRAGMA foreign_keys=ON");
  if (mode == Mode::kWriter) {
    Exec("PRAGMA journal_mode=WAL");
    // FULL: a commit is on disk before the writer answers, so a 2xx is never lost.
    Exec("PRAGMA synchronous=FULL");
    // The page cache is the store's to size (SqliteOptions::writer_cache_kib).
    Exec("PRAGMA temp_store=MEMORY");
    // ANALYZE samples this many rows an index: statistics of a million-row table in milliseconds.
    Exec("PRAGMA analysis_limit=1000");
  } else if (mode == Mode::kCheckpointer) {
    // As the writer's. A checkpoint syncs the log before it copies, and the database file before
    // the log may start again.
    Exec("PRAGMA synchronous=FULL");
    Exec("PRAGMA cache_size=-256");
  } else {
    Exec("PRAGMA query_only=ON");
    // A mapped reader reads through a memory map of the file: a search that visits a few hundred
    // rows of a large registry reads them without a system call each. The pages are the
    // kernel's page cache, shared by every reader, though each connection's map counts them
    // again in the RSS.
    if (mode == Mode::kReader) {
      Exec("PRAGMA mmap_size=1073741824");
    }
    Exec("PRAGMA cache_size=-8192");
  }
}

Connection::~Connection() {
  ClearCache();
  sqlite3_close_v2(db_);
}

std::unique_ptr<sql::Statement> Connection::Compile(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    Fail(rc, sql);
  }
  return std::make_unique<SqliteStatement>(*this, stmt);
}

void Connection::Exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err != nullptr ? err : "";
    sqlite3_free(err);
    throw StorageError(KindOf(sqlite3_extended_errcode(db_)), fmt::format("{}: {}", msg, sql));
  }
}

std::int64_t Connection::LastInsertId() { return sqlite3_last_insert_rowid(db_); }
int Connection::Changes() const { return sqlite3_changes(db_); }

void Connection::Fail(int rc, std::string_view what) const {
  throw StorageError(KindOf(rc), fmt::format("{} ({}): {}", sqlite3_errmsg(db_), rc, what));
}

}  // namespace cordon::store::sqlite
