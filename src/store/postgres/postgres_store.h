// The PostgreSQL store, for a city: several `cordon serve` processes on one database server.
//
// Reads: each Read runs in a REPEATABLE READ, READ ONLY transaction (one snapshot).
// Writes: each Write runs in a SERIALIZABLE transaction, committed before Write returns (the
// server must have fsync and synchronous_commit on: the store refuses to start otherwise). When
// the server reports that the transaction collided with a concurrent one, the unit is run again
// from the start (store.h: write units may run more than once); after two collisions it waits
// its turn behind the other units that collided, so that none starves. Units from many threads
// and many processes so behave as if they ran one at a time, as on SQLite.
//
// Nothing is kept in the process between units: sessions, throttles, idempotency keys and every
// record are in the database, so any server may answer any request.
//
// Thread-safety: Read and Write may be called from any thread; connections are pooled.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "domain/store.h"
#include "store/postgres/connection.h"

namespace cordon::store::postgres {

struct PostgresOptions {
  // Connections open at most; callers beyond them wait.
  size_t max_connections = 32;
  // Runs of a write unit at most when transactions collide.
  int max_attempts = 12;
  // How often a running server makes sure the coming months' partitions exist (it also does at
  // start), so that one running for months never writes into the default partition.
  std::chrono::milliseconds partition_check_every{std::chrono::hours(6)};
};

class PostgresStore final : public Store {
 public:
  // Connects, checks the server's durability settings, applies pending migrations and creates
  // the coming months' partitions. Throws StorageError.
  explicit PostgresStore(std::string url, PostgresOptions options = {});
  ~PostgresStore() override;
  PostgresStore(const PostgresStore&) = delete;
  PostgresStore& operator=(const PostgresStore&) = delete;

  Status Read(const Unit& unit) override;
  Status Write(const Unit& unit) override;

 private:
  // Runs `run` on a pooled connection; storage.failed when none can be had.
  Status WithConnection(const std::function<Status(Connection&)>& run);
  Status ReadOn(Connection& conn, const Unit& unit);
  Status WriteOn(Connection& conn, const Unit& unit);
  void MaintainPartitions();
  std::unique_ptr<Connection> Lease();
  void Return(std::unique_ptr<Connection> conn);

  const std::string url_;
  const PostgresOptions options_;
  std::mutex mu_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  size_t open_ = 0;

  std::mutex maintain_mu_;
  std::condition_variable maintain_wake_;
  bool stopping_ = false;
  std::thread maintainer_;
};

// True when `db` names a PostgreSQL database (postgresql://… or postgres://…).
bool IsPostgresUrl(const std::string& db);

// Why the server at the other end of `conn` could lose an acknowledged write, or "" when it
// cannot (fsync and synchronous_commit on).
std::string DurabilityProblem(Connection& conn);

}  // namespace cordon::store::postgres
