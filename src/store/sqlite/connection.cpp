#include "store/sqlite/connection.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace cordon::store::sqlite {

bool StorageError::IsUniqueViolation() const {
  return code_ == SQLITE_CONSTRAINT_UNIQUE || code_ == SQLITE_CONSTRAINT_PRIMARYKEY;
}

Stmt::~Stmt() {
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Stmt& Stmt::Bind(int i, std::int64_t v) {
  int rc = sqlite3_bind_int64(stmt_, i, v);
  if (rc != SQLITE_OK) {
    conn_->Fail(rc, "bind");
  }
  return *this;
}

Stmt& Stmt::Bind(int i, double v) {
  int rc = sqlite3_bind_double(stmt_, i, v);
  if (rc != SQLITE_OK) {
    conn_->Fail(rc, "bind");
  }
  return *this;
}

Stmt& Stmt::Bind(int i, std::string_view v) {
  int rc = sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) {
    conn_->Fail(rc, "bind");
  }
  return *this;
}

Stmt& Stmt::BindBlob(int i, std::string_view v) {
  int rc = sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) {
    conn_->Fail(rc, "bind");
  }
  return *this;
}

Stmt& Stmt::BindNull(int i) {
  int rc = sqlite3_bind_null(stmt_, i);
  if (rc != SQLITE_OK) {
    conn_->Fail(rc, "bind");
  }
  return *this;
}

bool Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  conn_->Fail(sqlite3_extended_errcode(conn_->raw()), sqlite3_sql(stmt_));
}

void Stmt::Run() {
  while (Step()) {
  }
}

bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::Real(int col) const { return sqlite3_column_double(stmt_, col); }

std::string Stmt::Text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) {
    return {};
  }
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::optional<std::int64_t> Stmt::OptInt(int col) const {
  if (IsNull(col)) {
    return std::nullopt;
  }
  return Int(col);
}

std::optional<std::string> Stmt::OptText(int col) const {
  if (IsNull(col)) {
    return std::nullopt;
  }
  return Text(col);
}

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
    throw StorageError(rc, fmt::format("cannot open {}: {}", path, msg));
  }
  sqlite3_extended_result_codes(db_, 1);
  // Waiting readers and a checkpointing writer briefly contend for the WAL index.
  sqlite3_busy_timeout(db_, 5000);
  Exec("PRAGMA foreign_keys=ON");
  if (mode == Mode::kWriter) {
    Exec("PRAGMA journal_mode=WAL");
    // FULL: a commit is on disk before the writer answers, so a 2xx is never lost.
    Exec("PRAGMA synchronous=FULL");
    // 256 MiB of pages at most, taken only as used: a million-row import touches every index of
    // the persons table, and pages that must be re-read from the file slow it several times.
    Exec("PRAGMA cache_size=-262144");
    Exec("PRAGMA temp_store=MEMORY");
    // ANALYZE samples this many rows an index: statistics of a million-row table in milliseconds.
    Exec("PRAGMA analysis_limit=1000");
  } else {
    Exec("PRAGMA query_only=ON");
    // Reads through a memory map of the file: a search that visits a few hundred rows of a large
    // registry reads them without a system call each. The pages are the kernel's page cache,
    // shared by every reader, though each connection's map counts them again in the RSS.
    Exec("PRAGMA mmap_size=1073741824");
    Exec("PRAGMA cache_size=-8192");
  }
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) {
    sqlite3_finalize(stmt);
  }
  sqlite3_close_v2(db_);
}

Stmt Connection::Prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    return Stmt(*this, it->second);
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    Fail(rc, sql);
  }
  cache_.emplace(std::string(sql), stmt);
  return Stmt(*this, stmt);
}

void Connection::Exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err != nullptr ? err : "";
    sqlite3_free(err);
    throw StorageError(sqlite3_extended_errcode(db_), fmt::format("{}: {}", msg, sql));
  }
}

std::int64_t Connection::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
int Connection::Changes() const { return sqlite3_changes(db_); }

void Connection::Fail(int rc, std::string_view what) const {
  throw StorageError(rc, fmt::format("{} ({}): {}", sqlite3_errmsg(db_), rc, what));
}

}  // namespace cordon::store::sqlite
