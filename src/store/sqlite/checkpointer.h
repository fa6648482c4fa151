// Copies the SQLite write-ahead log into the database file on a thread of its own.
//
// By default SQLite checkpoints inside the commit that takes the WAL past 1,000 pages: that
// commit writes every page of the log into the database file and fsyncs it, and every caller in
// its batch and in the batches queued behind it waits. Under a stream of gate scans this was
// about 10 ms, ten times a second: a tenth of the writer's time. Here the writer only counts the
// log's pages after each commit (the WAL hook) and wakes this thread, which runs a PASSIVE
// checkpoint on its own connection while the writer goes on committing.
//
// A PASSIVE checkpoint never waits for the writer, and the writer does not wait for it, so the
// log is rarely copied whole at the moment the writer starts a transaction: the only moment
// SQLite starts the log again from its beginning. Nor does such a partial copy sync the database
// file (SQLite syncs it when a copy reaches the end of the log). Once the log holds restart_pages
// pages the writer therefore copies the rest itself, after its batch's callers have their
// answers: it syncs the database file, and its next transaction starts the log again. That is
// one pause per restart_pages pages in place of a longer one per checkpoint_pages; how long
// depends on the disk (4-9 ms here for 16,384 pages of gate scans).
//
// Back-pressure, so that the log cannot grow without bound when copying falls behind writing (a
// disk slow at random writes): while the writer waits to copy the rest, the thread starts no new
// copy; and from restart_pages x kWaitFactor pages, the writer's copy waits (up to the busy
// timeout) for readers of older snapshots, whose read marks would keep the log from starting
// again.
//
// Thread-safety: Committed is for the writer's thread; the counts for any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "store/sqlite/connection.h"

namespace cordon::store::sqlite {

struct CheckpointOptions {
  // The checkpointer copies the log when it holds this many pages more than at its last copy.
  int checkpoint_pages = 1000;
  // From this many pages in the log, the writer copies the rest itself so that the log restarts.
  int restart_pages = 8192;
};

class Checkpointer {
 public:
  // Opens a connection of its own to the database at path and starts the thread.
  Checkpointer(const std::string& path, CheckpointOptions options);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // What the writer does after a commit: nothing, copy the rest of the log, or copy it and
  // wait for older readers (see above).
  enum class Restart { kNo, kCopyRest, kWaitForReaders };
  static constexpr int kWaitFactor = 4;

  // After a commit, with the log's pages counted by SQLite: wakes the thread when a copy is due,
  // or tells the writer to copy the rest itself. After a copy that did not restart the log (a
  // reader still held an older snapshot), not again before another checkpoint_pages pages.
  Restart Committed(int wal_pages);
  // What Committed said: copies the rest of the log on the writer's connection (its next
  // transaction then starts the log again), RESTART also waiting for older readers.
  static void CopyRest(Connection& writer, Restart how);

  // Checkpoints the thread has run, and times the log started again, for tests.
  std::uint64_t runs() const;
  std::uint64_t restarts() const;

 private:
  void Loop();

  const CheckpointOptions options_;
  std::unique_ptr<Connection> conn_;
  // The writer's.
  int last_pages_ = 0;
  int pages_at_wake_ = 0;
  int restart_at_ = 0;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool due_ = false;
  bool running_ = false;
  bool restart_wanted_ = false;  // the writer waits for the thread's copy to end
  bool stopping_ = false;
  std::uint64_t runs_ = 0;
  std::uint64_t restarts_ = 0;
  std::thread thread_;
};

}  // namespace cordon::store::sqlite
