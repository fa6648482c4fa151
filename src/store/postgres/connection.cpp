#include "store/postgres/connection.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <cstdlib>
#include <vector>

namespace cordon::store::postgres {

StorageError::Kind KindOfState(std::string_view sqlstate) {
  if (sqlstate == "23505") {
    return StorageError::Kind::kUniqueViolation;
  }
  if (sqlstate == "23503") {
    return StorageError::Kind::kForeignKeyViolation;
  }
  if (sqlstate == "40001" || sqlstate == "40P01") {
    return StorageError::Kind::kConflict;
  }
  return StorageError::Kind::kOther;
}

std::string ToDollarParams(std::string_view sql, int& params) {
  std::string out;
  out.reserve(sql.size() + 16);
  int highest = 0;
  size_t i = 0;
  while (i < sql.size()) {
    const char ch = sql[i];
    if (ch == '\'' || ch == '"') {
      // A quoted string or name, its doubled quotes included, copied as it is.
      size_t end = i + 1;
      while (end < sql.size()) {
        if (sql[end] == ch) {
          if (end + 1 < sql.size() && sql[end + 1] == ch) {
            end += 2;
            continue;
          }
          break;
        }
        ++end;
      }
      out.append(sql.substr(i, end + 1 - i));
      i = end + 1;
    } else if (ch == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const size_t end = sql.find('\n', i);
      const size_t stop = end == std::string_view::npos ? sql.size() : end;
      out.append(sql.substr(i, stop - i));
      i = stop;
    } else if (ch == '?') {
      size_t j = i + 1;
      int n = 0;
      while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') {
        n = n * 10 + (sql[j] - '0');
        ++j;
      }
      if (j == i + 1) {
        n = highest + 1;  // a bare `?` takes the next number, as in SQLite
      }
      highest = std::max(highest, n);
      out += '$';
      out += std::to_string(n);
      i = j;
    } else {
      out += ch;
      ++i;
    }
  }
  params = highest;
  return out;
}

namespace {

constexpr Oid kByteaOid = 17;

[[noreturn]] void ThrowResult(const PGresult* res, PGconn* conn, std::string_view what) {
  const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const char* message = res != nullptr ? PQresultErrorMessage(res) : PQerrorMessage(conn);
  if (message == nullptr || *message == '\0') {
    message = PQerrorMessage(conn);
  }
  std::string text = message;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  throw StorageError(KindOfState(state != nullptr ? state : ""),
                     fmt::format("{} ({}): {}", text, state != nullptr ? state : "-", what));
}

class PgStatement final : public sql::Statement {
 public:
  PgStatement(Connection& conn, std::string name, std::string sql, int params)
      : conn_(conn),
        name_(std::move(name)),
        sql_(std::move(sql)),
        values_(params),
        null_(params, true),
        lengths_(params, 0),
        formats_(params, 0) {}
  ~PgStatement() override { Clear(); }
  PgStatement(const PgStatement&) = delete;
  PgStatement& operator=(const PgStatement&) = delete;

  void BindInt(int i, std::int64_t v) override { Set(i, std::to_string(v), 0); }
  void BindReal(int i, double v) override { Set(i, fmt::format("{}", v), 0); }
  void BindText(int i, std::string_view v) override { Set(i, std::string(v), 0); }
  void BindBlob(int i, std::string_view v) override { Set(i, std::string(v), 1); }
  void BindNull(int i) override {
    Check(i);
    null_[i - 1] = true;
  }

  bool Step() override {
    if (res_ == nullptr) {
      Execute();
    }
    ++row_;
    return row_ < rows_;
  }

  void Reset() override {
    Clear();
    std::fill(null_.begin(), null_.end(), true);
    std::fill(formats_.begin(), formats_.end(), 0);
  }

  bool IsNull(int col) const override { return PQgetisnull(res_, row_, col) != 0; }
  std::int64_t Int(int col) const override {
    const char* p = PQgetvalue(res_, row_, col);
    const char* end = p + PQgetlength(res_, row_, col);
    std::int64_t v = 0;
    auto [ptr, ec] = std::from_chars(p, end, v);
    if (ec != std::errc() || ptr != end) {
      // numeric (a sum), or a boolean: read as PostgreSQL prints them.
      if (end - p == 1 && (*p == 't' || *p == 'f')) {
        return *p == 't' ? 1 : 0;
      }
      return static_cast<std::int64_t>(std::strtod(p, nullptr));
    }
    return v;
  }
  double Real(int col) const override { return std::strtod(PQgetvalue(res_, row_, col), nullptr); }
  std::string Text(int col) const override {
    const char* p = PQgetvalue(res_, row_, col);
    if (PQftype(res_, col) == kByteaOid) {
      size_t n = 0;
      unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(p), &n);
      if (raw == nullptr) {
        throw StorageError(StorageError::Kind::kOther, "cannot read bytea");
      }
      std::string out(reinterpret_cast<const char*>(raw), n);
      PQfreemem(raw);
      return out;
    }
    return std::string(p, static_cast<size_t>(PQgetlength(res_, row_, col)));
  }

  // Prepares the statement on the server (once per connection).
  void PrepareOnServer() {
    PGresult* r = PQprepare(conn_.raw(), name_.c_str(), sql_.c_str(),
                            static_cast<int>(values_.size()), nullptr);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) {
      try {
        ThrowResult(r, conn_.raw(), sql_);
      } catch (...) {
        PQclear(r);
        throw;
      }
    }
    PQclear(r);
  }

 private:
  void Check(int i) const {
    if (i < 1 || static_cast<size_t>(i) > values_.size()) {
      throw StorageError(StorageError::Kind::kOther,
                         fmt::format("parameter {} out of range: {}", i, sql_));
    }
  }
  void Set(int i, std::string v, int format) {
    Check(i);
    values_[i - 1] = std::move(v);
    null_[i - 1] = false;
    formats_[i - 1] = format;
  }

  void Execute() {
    std::vector<const char*> values(values_.size());
    for (size_t k = 0; k < values_.size(); ++k) {
      values[k] = null_[k] ? nullptr : values_[k].data();
      lengths_[k] = static_cast<int>(values_[k].size());
    }
    res_ = PQexecPrepared(conn_.raw(), name_.c_str(), static_cast<int>(values.size()),
                          values.data(), lengths_.data(), formats_.data(), 0);
    const auto status = PQresultStatus(res_);
    if (status == PGRES_TUPLES_OK) {
      rows_ = PQntuples(res_);
      const char* n = PQcmdTuples(res_);
      conn_.SetChanges(n != nullptr && *n != '\0' ? std::atoi(n) : 0);
    } else if (status == PGRES_COMMAND_OK) {
      rows_ = 0;
      const char* n = PQcmdTuples(res_);
      conn_.SetChanges(n != nullptr && *n != '\0' ? std::atoi(n) : 0);
    } else {
      PGresult* failed = res_;
      res_ = nullptr;
      try {
        ThrowResult(failed, conn_.raw(), sql_);
      } catch (...) {
        PQclear(failed);
        throw;
      }
    }
    row_ = -1;
  }

  void Clear() {
    if (res_ != nullptr) {
      PQclear(res_);
      res_ = nullptr;
    }
    rows_ = 0;
    row_ = -1;
  }

  Connection& conn_;
  const std::string name_;
  const std::string sql_;
  std::vector<std::string> values_;
  std::vector<bool> null_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
  PGresult* res_ = nullptr;
  int rows_ = 0;
  int row_ = -1;
};

void IgnoreNotice(void*, const char*) {}

}  // namespace

Connection::Connection(const std::string& url) {
  conn_ = PQconnectdb(url.c_str());
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    std::string msg = conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
    while (!msg.empty() && msg.back() == '\n') {
      msg.pop_back();
    }
    PQfinish(conn_);
    conn_ = nullptr;
    throw StorageError(StorageError::Kind::kOther,
                       fmt::format("cannot connect to PostgreSQL: {}", msg));
  }
  // NOTICEs (an IF NOT EXISTS that found the thing) are not errors and go unprinted.
  PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
  Exec("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'");
}

Connection::~Connection() {
  ClearCache();
  PQfinish(conn_);
}

bool Connection::Ok() const { return conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK; }

void Connection::Exec(const char* sql) {
  PGresult* r = PQexec(conn_, sql);
  const auto status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    try {
      ThrowResult(r, conn_, sql);
    } catch (...) {
      PQclear(r);
      throw;
    }
  }
  PQclear(r);
}

std::int64_t Connection::LastInsertId() {
  auto q = Prepare("SELECT lastval()");
  q.Step();
  return q.Int(0);
}

void Connection::Guarded(const std::function<void()>& f) {
  Prepare("SAVEPOINT guarded").Run();
  try {
    f();
  } catch (const StorageError&) {
    Prepare("ROLLBACK TO SAVEPOINT guarded").Run();
    Prepare("RELEASE SAVEPOINT guarded").Run();
    throw;
  }
  Prepare("RELEASE SAVEPOINT guarded").Run();
}

std::unique_ptr<sql::Statement> Connection::Compile(std::string_view sql) {
  int params = 0;
  std::string text = ToDollarParams(sql, params);
  auto s = std::make_unique<PgStatement>(*this, fmt::format("s{}", next_statement_++),
                                         std::move(text), params);
  s->PrepareOnServer();
  return s;
}

}  // namespace cordon::store::postgres
