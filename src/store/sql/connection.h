// The SQL seam shared by cordon's two databases: one connection, its prepared statements cached,
// typed binding and reading, and StorageError for failures the caller cannot mend.
//
// The repositories (store/sql/*_store.cpp) are written once against this interface; SQLite
// (store/sqlite) and PostgreSQL (store/postgres) implement it. Their SQL is the common part of
// both dialects: parameters as `?` or `?N` (PostgreSQL's connection rewrites them to `$N`), new
// ids by LastInsertId(), flags as integers 0 and 1.
//
// Thread-safety: a Connection and its statements belong to one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/result.h"
#include "common/string_hash.h"

namespace cordon::store::sql {

class StorageError : public std::runtime_error {
 public:
  // kConflict: the transaction collided with a concurrent one and may succeed if run again.
  enum class Kind { kOther, kUniqueViolation, kForeignKeyViolation, kConflict };
  StorageError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }
  bool IsUniqueViolation() const { return kind_ == Kind::kUniqueViolation; }
  bool IsForeignKeyViolation() const { return kind_ == Kind::kForeignKeyViolation; }
  bool IsConflict() const { return kind_ == Kind::kConflict; }

 private:
  Kind kind_;
};

// A backend's prepared statement. Parameters and columns are numbered as in Stmt.
class Statement {
 public:
  virtual ~Statement() = default;
  virtual void BindInt(int i, std::int64_t v) = 0;
  virtual void BindReal(int i, double v) = 0;
  virtual void BindText(int i, std::string_view v) = 0;
  virtual void BindBlob(int i, std::string_view v) = 0;
  virtual void BindNull(int i) = 0;
  virtual bool Step() = 0;
  // Ends a use: results dropped, parameters unbound.
  virtual void Reset() = 0;
  virtual bool IsNull(int col) const = 0;
  virtual std::int64_t Int(int col) const = 0;
  virtual double Real(int col) const = 0;
  virtual std::string Text(int col) const = 0;
};

// A lease of a cached statement, reset and unbound when it ends.
class Stmt {
 public:
  explicit Stmt(Statement& s) : s_(&s) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& other) noexcept : s_(other.s_) { other.s_ = nullptr; }
  Stmt& operator=(Stmt&&) = delete;
  ~Stmt() {
    if (s_ != nullptr) {
      s_->Reset();
    }
  }

  // Parameters are numbered from 1.
  Stmt& Bind(int i, std::int64_t v) {
    s_->BindInt(i, v);
    return *this;
  }
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<std::int64_t>(v)); }
  Stmt& Bind(int i, bool v) { return Bind(i, static_cast<std::int64_t>(v ? 1 : 0)); }
  Stmt& Bind(int i, double v) {
    s_->BindReal(i, v);
    return *this;
  }
  Stmt& Bind(int i, std::string_view v) {
    s_->BindText(i, v);
    return *this;
  }
  Stmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Stmt& BindBlob(int i, std::string_view v) {
    s_->BindBlob(i, v);
    return *this;
  }
  Stmt& BindNull(int i) {
    s_->BindNull(i);
    return *this;
  }
  template <class T>
  Stmt& Bind(int i, const std::optional<T>& v) {
    return v ? Bind(i, *v) : BindNull(i);
  }

  // Binds every argument in order, from parameter 1.
  template <class... Args>
  Stmt& BindAll(const Args&... args) {
    int i = 0;
    (Bind(++i, args), ...);
    return *this;
  }

  // Returns true when a row is ready, false when done. Throws StorageError.
  bool Step() { return s_->Step(); }
  // Runs a statement that returns no rows.
  void Run() {
    while (Step()) {
    }
  }

  bool IsNull(int col) const { return s_->IsNull(col); }
  std::int64_t Int(int col) const { return s_->Int(col); }
  double Real(int col) const { return s_->Real(col); }
  std::string Text(int col) const { return s_->Text(col); }
  std::optional<std::int64_t> OptInt(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<std::int64_t>(Int(col));
  }
  std::optional<std::string> OptText(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<std::string>(Text(col));
  }

 private:
  Statement* s_;
};

enum class Dialect { kSqlite, kPostgres };

class Connection {
 public:
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  virtual ~Connection() = default;

  // A cached prepared statement for `sql`. REQUIRES: the previous lease of the same sql has ended.
  Stmt Prepare(std::string_view sql);
  // Runs one or more statements without parameters or results.
  virtual void Exec(const char* sql) = 0;
  // Rows changed by the last INSERT, UPDATE or DELETE run on this connection.
  virtual int Changes() const = 0;
  // The id the last INSERT on this connection gave its row.
  virtual std::int64_t LastInsertId() = 0;
  virtual Dialect dialect() const = 0;

  // Runs `f`, undoing only its own changes when it throws, so that the caller can go on in the
  // same transaction after a statement it expected might fail (a unique key already taken).
  // PostgreSQL needs a savepoint for that; SQLite undoes a failed statement by itself.
  virtual void Guarded(const std::function<void()>& f) { f(); }

 protected:
  virtual std::unique_ptr<Statement> Compile(std::string_view sql) = 0;
  // Drops every cached statement (before the backend's handle closes).
  void ClearCache() { cache_.clear(); }

 private:
  // Looked up by string_view, without building a std::string for every statement run.
  std::unordered_map<std::string, std::unique_ptr<Statement>, StringHash, std::equal_to<>> cache_;
};

// Runs `run`, an insert or update, guarded: a unique key already taken becomes the error `code`
// on `field`, with nothing of `run` kept; any other failure goes on up.
template <class F>
Status UniqueOr(Connection& c, const char* code, const char* field, F run) {
  try {
    c.Guarded(run);
  } catch (const StorageError& e) {
    if (e.IsUniqueViolation()) {
      return MakeError(code, field);
    }
    throw;
  }
  return Ok();
}

inline Stmt Connection::Prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    it = cache_.emplace(std::string(sql), Compile(sql)).first;
  }
  return Stmt(*it->second);
}

}  // namespace cordon::store::sql
