// The SQLite store: one writer thread with group commit, and a pool of reader connections.
//
// Writes: callers hand a unit to Write and block. The writer takes every unit waiting (up to
// kMaxBatch), runs each in its own savepoint inside one transaction, commits once with
// synchronous=FULL, and only then wakes the callers. Many concurrent writers so share one fsync.
//
// Reads: each Read borrows an idle reader connection (opening one if none is idle) and returns
// it afterwards, so readers never wait for the writer (WAL).
//
// Thread-safety: Read and Write may be called from any thread. The destructor stops the writer
// after the units already queued have committed.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "domain/store.h"
#include "store/sqlite/connection.h"

namespace cordon::store::sqlite {

struct SqliteOptions {
  // Units per transaction at most: bounds how long one commit holds later callers.
  size_t max_batch = 512;
  // Idle reader connections kept open.
  size_t max_idle_readers = 64;
};

class SqliteStore final : public Store {
 public:
  // Opens the database, applies pending migrations and starts the writer. Throws StorageError.
  explicit SqliteStore(std::string path, SqliteOptions options = {});
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  Status Read(const Unit& unit) override;
  Status Write(const Unit& unit) override;

  // Transactions committed and units run by the writer since start, for tests and benchmarks.
  struct Stats {
    std::uint64_t commits = 0;
    std::uint64_t units = 0;
  };
  Stats stats() const;
  const std::string& path() const { return path_; }

 private:
  struct Job;
  void WriterLoop();
  void RunBatch(std::vector<Job*>& batch);

  const std::string path_;
  const SqliteOptions options_;
  std::unique_ptr<Connection> writer_conn_;

  mutable std::mutex mu_;
  std::condition_variable wake_writer_;
  std::deque<Job*> queue_;
  bool stopping_ = false;
  Stats stats_;

  std::mutex readers_mu_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;

  std::thread writer_;
};

}  // namespace cordon::store::sqlite
