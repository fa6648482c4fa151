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
// SQLite starts the log again from its beginning. Once the log holds restart_pages pages the
// writer therefore copies the last few pages itself, after its batch's callers have their
// answers, and its next transaction starts the log again. That is one short pause per
// restart_pages pages in place of a long one per checkpoint_pages.
//
// Thread-safety: Committed is for the writer's thread; runs() for any thread.
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

  // After a commit, with the log's pages counted by SQLite: wakes the thread when a copy is due,
  // or returns true when the writer should copy the rest of the log itself now (see above). After
  // a copy that did not restart the log (a reader still held an older snapshot), not again before
  // another checkpoint_pages pages.
  bool Committed(int wal_pages);

  // Checkpoints the thread has run, for tests.
  std::uint64_t runs() const;

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
  bool stopping_ = false;
  std::uint64_t runs_ = 0;
  std::thread thread_;
};

}  // namespace cordon::store::sqlite
