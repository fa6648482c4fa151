// The SQLite store: one writer thread with group commit, and a pool of reader connections.
//
// Writes: callers hand a unit to Write and block, or to WriteAsync with a function to call. The
// writer takes every unit waiting (up to max_batch), runs each in its own savepoint inside one
// transaction, commits once with synchronous=FULL, and only then wakes the callers (or calls
// their functions). Many concurrent writers so share one fsync; with WriteAsync they need no
// thread each to wait. A checkpointer thread copies the WAL into the database file, so that no
// commit waits for that (store/sqlite/checkpointer.h).
//
// Reads: each Read borrows an idle reader connection (opening one if none is idle) and returns
// it afterwards, so readers never wait for the writer (WAL). A reader maps the file into memory
// only while few commits are made: SQLite unmaps a reader's map whenever the database has
// changed since its last read, and mapping again (a TLB shootdown on every core, then a page
// fault for each page touched) costs more than reading the few pages such a read needs. Under
// a stream of commits (scans at a gate) reads go through readers without a map.
//
// Thread-safety: Read, Write and WriteAsync may be called from any thread. The destructor stops the
// writer after the units already queued have committed.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "domain/store.h"
#include "store/sqlite/checkpointer.h"
#include "store/sqlite/connection.h"

namespace cordon::store::sqlite {

struct SqliteOptions {
  // Units per transaction at most: bounds how long one commit holds later callers.
  size_t max_batch = 512;
  // Idle reader connections kept open, of each kind.
  size_t max_idle_readers = 64;
  // From this many commits a second, reads use readers without a memory map (see above).
  int busy_commits_per_s = 10;
  // The writer's page cache, in KiB. Small for a server: after a B-tree page split, SQLite
  // (3.40) walks the writer's whole page cache at the next commit, so a cache grown to 256 MiB on
  // a city's registry cost 16% of the server's CPU on declarations, and 16 MiB still about 2.5% of
  // gate scans' throughput against 2 MiB. Pages it misses are in the kernel's page cache. A bulk
  // import, one long transaction whose commit walks once, is faster with a large one
  // (`cordon import`).
  int writer_cache_kib = 2 * 1024;
  // When the WAL is copied into the database file, off the writer's thread.
  CheckpointOptions checkpoints;
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
  void WriteAsync(Unit unit, std::function<void(Status)> done) override;

  // Transactions committed and units run by the writer since start, for tests and benchmarks.
  struct Stats {
    std::uint64_t commits = 0;
    std::uint64_t units = 0;
    std::uint64_t mapped_reads = 0;  // reads through a reader with a memory map
    std::uint64_t plain_reads = 0;   // and through one without
    std::uint64_t checkpoints = 0;   // run by the checkpointer's thread
    std::uint64_t restarts = 0;      // times the WAL started again from its beginning
  };
  Stats stats() const;
  const std::string& path() const { return path_; }

 private:
  struct Job;
  void WriterLoop();
  void RunBatch(std::vector<std::unique_ptr<Job>>& batch);
  // The writer counts its commits by second; readers ask whether the count is high.
  void NoteCommit();
  bool CommitsAreFrequent() const;

  const std::string path_;
  const SqliteOptions options_;
  std::unique_ptr<Connection> writer_conn_;
  std::unique_ptr<Checkpointer> checkpointer_;
  int wal_pages_ = 0;  // the WAL's pages after the writer's last commit

  mutable std::mutex mu_;
  std::condition_variable wake_writer_;
  std::deque<std::unique_ptr<Job>> queue_;
  bool stopping_ = false;
  Stats stats_;

  std::atomic<std::int64_t> commit_second_{0};
  std::atomic<int> commits_this_second_{0};
  std::atomic<int> commits_last_second_{0};

  mutable std::mutex readers_mu_;
  std::uint64_t mapped_reads_ = 0;
  std::uint64_t plain_reads_ = 0;
  std::vector<std::unique_ptr<Connection>> idle_mapped_;
  std::vector<std::unique_ptr<Connection>> idle_plain_;

  std::thread writer_;
};

}  // namespace cordon::store::sqlite
