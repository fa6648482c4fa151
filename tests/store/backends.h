// The databases a store contract test runs against: a SQLite file in a temporary directory, and
// a database of its own on the PostgreSQL server that CORDON_TEST_POSTGRES names (`make test`
// starts one; without it, the PostgreSQL cases are skipped).
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>

#include "domain/store.h"
#include "store/postgres/connection.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_store.h"
#include "support/temp_dir.h"

namespace cordon::testing {

class Backend {
 public:
  virtual ~Backend() = default;
  // A store on the test's database; a second call gives a second store, as a second server has.
  virtual std::unique_ptr<Store> Open() = 0;
  // A plain connection to the test's database, past the store.
  virtual std::unique_ptr<store::sql::Connection> Raw() = 0;
};

class SqliteBackend final : public Backend {
 public:
  std::unique_ptr<Store> Open() override {
    return std::make_unique<store::sqlite::SqliteStore>(path());
  }
  std::unique_ptr<store::sql::Connection> Raw() override {
    return std::make_unique<store::sqlite::Connection>(path(),
                                                       store::sqlite::Connection::Mode::kWriter);
  }
  std::string path() const { return dir_.File("a.db"); }

 private:
  TempDir dir_;
};

class PostgresBackend final : public Backend {
 public:
  // The server's URL, or "" when the tests have none.
  static std::string Server() {
    const char* url = std::getenv("CORDON_TEST_POSTGRES");
    return url != nullptr ? url : "";
  }

  PostgresBackend() {
    static std::atomic<int> next{0};
    name_ = "cordon_contract_" + std::to_string(::getpid()) + "_" + std::to_string(++next);
    store::postgres::Connection admin(Server());
    admin.Exec(("DROP DATABASE IF EXISTS " + name_).c_str());
    admin.Exec(("CREATE DATABASE " + name_).c_str());
  }
  ~PostgresBackend() override {
    try {
      store::postgres::Connection admin(Server());
      admin.Exec(("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)").c_str());
    } catch (const std::exception&) {
      // The server is going away with the test run.
    }
  }
  std::unique_ptr<Store> Open() override {
    return std::make_unique<store::postgres::PostgresStore>(url());
  }
  std::unique_ptr<store::sql::Connection> Raw() override {
    return std::make_unique<store::postgres::Connection>(url());
  }
  // The test database's URL: the server's with the database name replaced.
  std::string url() const {
    const std::string server = Server();
    const auto slash = server.rfind('/');
    return server.substr(0, slash + 1) + name_;
  }

 private:
  std::string name_;
};

inline std::unique_ptr<Backend> MakeBackend(const std::string& kind) {
  if (kind == "postgres") {
    return std::make_unique<PostgresBackend>();
  }
  return std::make_unique<SqliteBackend>();
}

}  // namespace cordon::testing
