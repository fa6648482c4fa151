#include "store/postgres/postgres_store.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "store/sql/migrations.h"
#include "store/sql/repositories.h"

namespace cordon::store::postgres {

namespace {

// Partitions of declarations and gate events made ahead, in months.
constexpr int kPartitionMonths = 3;

Error StorageFailed(const std::exception& e) {
  spdlog::error("storage: {}", e.what());
  return MakeError("storage.failed", "", e.what());
}

std::string Setting(Connection& c, const char* name) {
  auto q = c.Prepare(std::string("SELECT current_setting('") + name + "')");
  q.Step();
  return q.Text(0);
}

// Write units that collided this many times take turns (an advisory lock of the database's, so
// across servers too).
constexpr int kTurnAfter = 3;
constexpr const char* kTakeTurn = "SELECT pg_advisory_lock(7428134)";
constexpr const char* kBeginShared =
    "BEGIN ISOLATION LEVEL SERIALIZABLE; SELECT pg_advisory_xact_lock_shared(7428134)";
constexpr const char* kEndTurn = "SELECT pg_advisory_unlock(7428134)";

// Creates this month's partitions and the next ones, if missing.
void EnsurePartitions(Connection& c) {
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  c.Prepare("SELECT cordon_ensure_partitions(?, ?)").BindAll(now_ms, kPartitionMonths).Run();
}

void RollbackQuietly(Connection& c, bool end_turn = false) {
  try {
    c.Exec("ROLLBACK");
    if (end_turn) {
      c.Exec(kEndTurn);
    }
  } catch (const std::exception&) {
    // The connection is dropped by the caller if it is broken (and its lock with it).
  }
}

}  // namespace

bool IsPostgresUrl(const std::string& db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

std::string DurabilityProblem(Connection& conn) {
  if (Setting(conn, "fsync") != "on") {
    return "the PostgreSQL server has fsync off, so a crash can lose or corrupt acknowledged "
           "writes: set fsync = on";
  }
  if (Setting(conn, "synchronous_commit") == "off") {
    return "the PostgreSQL server has synchronous_commit off, so a crash can lose acknowledged "
           "writes: set synchronous_commit = on";
  }
  return "";
}

PostgresStore::PostgresStore(std::string url, PostgresOptions options)
    : url_(std::move(url)), options_(options) {
  auto conn = std::make_unique<Connection>(url_);
  if (auto problem = DurabilityProblem(*conn); !problem.empty()) {
    throw StorageError(StorageError::Kind::kOther, problem);
  }
  if (Setting(*conn, "lc_collate") != "C") {
    spdlog::warn(
        "store: the database does not sort text by code point (LC_COLLATE is not C): lists "
        "ordered by name may differ from SQLite's order");
  }
  const int applied = sql::Migrate(*conn, EmbeddedMigrations());
  if (applied > 0) {
    spdlog::info("store: applied {} migration(s) to PostgreSQL", applied);
  }
  EnsurePartitions(*conn);
  open_ = 1;
  idle_.push_back(std::move(conn));
  maintainer_ = std::thread([this] { MaintainPartitions(); });
}

PostgresStore::~PostgresStore() {
  {
    std::lock_guard lock(maintain_mu_);
    stopping_ = true;
  }
  maintain_wake_.notify_one();
  maintainer_.join();
}

void PostgresStore::MaintainPartitions() {
  for (;;) {
    {
      std::unique_lock lock(maintain_mu_);
      if (maintain_wake_.wait_for(lock, options_.partition_check_every,
                                  [this] { return stopping_; })) {
        return;
      }
    }
    auto st = WithConnection([](Connection& c) -> Status {
      try {
        EnsurePartitions(c);
        return Ok();
      } catch (const std::exception& e) {
        return MakeError("storage.failed", "", e.what());
      }
    });
    if (!st.ok()) {
      spdlog::warn("store: could not make the coming months' partitions: {}", st.error().detail);
    }
  }
}

std::unique_ptr<Connection> PostgresStore::Lease() {
  {
    std::unique_lock lock(mu_);
    freed_.wait(lock, [this] { return !idle_.empty() || open_ < options_.max_connections; });
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    ++open_;
  }
  try {
    return std::make_unique<Connection>(url_);
  } catch (...) {
    std::lock_guard lock(mu_);
    --open_;
    freed_.notify_one();
    throw;
  }
}

void PostgresStore::Return(std::unique_ptr<Connection> conn) {
  {
    std::lock_guard lock(mu_);
    if (conn && conn->Ok()) {
      idle_.push_back(std::move(conn));
    } else {
      --open_;  // a broken connection is closed, and a new one opened when needed
    }
  }
  freed_.notify_one();
}

Status PostgresStore::WithConnection(const std::function<Status(Connection&)>& run) {
  std::unique_ptr<Connection> conn;
  try {
    conn = Lease();
  } catch (const std::exception& e) {
    return StorageFailed(e);
  }
  Status result = run(*conn);
  Return(std::move(conn));
  return result;
}

Status PostgresStore::Read(const Unit& unit) {
  return WithConnection([&](Connection& c) { return ReadOn(c, unit); });
}

Status PostgresStore::Write(const Unit& unit) {
  return WithConnection([&](Connection& c) { return WriteOn(c, unit); });
}

Status PostgresStore::ReadOn(Connection& c, const Unit& unit) {
  Status result;
  try {
    c.Prepare("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").Run();
    sql::SqlRepositories repos(c);
    Repositories view = repos.View();
    result = unit(view);
    c.Prepare("COMMIT").Run();
  } catch (const std::exception& e) {
    result = StorageFailed(e);
    RollbackQuietly(c);
  }
  return result;
}

Status PostgresStore::WriteOn(Connection& c, const Unit& unit) {
  Status result;
  for (int attempt = 1;; ++attempt) {
    // Write units run side by side, each holding the turn lock shared. One that has collided
    // twice takes the lock alone before its transaction (and so its snapshot) begins: it then
    // runs with no other writer, and commits, so that a row every writer changes cannot starve
    // anyone.
    const bool in_turn = attempt >= kTurnAfter;
    try {
      if (in_turn) {
        c.Prepare(kTakeTurn).Run();
        c.Exec("BEGIN ISOLATION LEVEL SERIALIZABLE");
      } else {
        c.Exec(kBeginShared);
      }
      sql::SqlRepositories repos(c);
      Repositories view = repos.View();
      result = unit(view);
      if (result.ok()) {
        c.Prepare("COMMIT").Run();
      } else {
        c.Prepare("ROLLBACK").Run();
      }
      if (in_turn) {
        c.Prepare(kEndTurn).Run();
      }
      break;
    } catch (const StorageError& e) {
      RollbackQuietly(c, in_turn);
      if (e.IsConflict() && attempt < options_.max_attempts && c.Ok()) {
        continue;
      }
      result = StorageFailed(e);
      break;
    } catch (const std::exception& e) {
      RollbackQuietly(c, in_turn);
      result = StorageFailed(e);
      break;
    }
  }
  return result;
}

}  // namespace cordon::store::postgres
