#include "store/sqlite/checkpointer.h"

#include <pthread.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

namespace cordon::store::sqlite {

namespace {

// A checkpoint on `conn`. BUSY: another copy is running (the writer's or the thread's), and the
// next one copies what is left; anything else is only logged, as SQLite's own would be.
void Checkpoint(Connection& conn, int mode) {
  int rc = sqlite3_wal_checkpoint_v2(conn.raw(), nullptr, mode, nullptr, nullptr);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
    spdlog::warn("storage: checkpoint failed: {}", sqlite3_errstr(rc));
  }
}

}  // namespace

Checkpointer::Checkpointer(const std::string& path, CheckpointOptions options)
    : options_(options),
      conn_(std::make_unique<Connection>(path, Connection::Mode::kCheckpointer)) {
  thread_ = std::thread([this] { Loop(); });
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

Checkpointer::Restart Checkpointer::Committed(int wal_pages) {
  if (wal_pages < last_pages_) {
    pages_at_wake_ = 0;  // the log started again
    restart_at_ = 0;
    std::lock_guard lock(mu_);
    restarts_ += 1;
  }
  last_pages_ = wal_pages;
  if (wal_pages >= options_.restart_pages && wal_pages >= restart_at_) {
    std::lock_guard lock(mu_);
    if (running_) {
      // The writer's copy would find the log busy: the next commit tries again, and meanwhile
      // the thread starts no new copy.
      restart_wanted_ = true;
      return Restart::kNo;
    }
    restart_wanted_ = false;
    due_ = false;  // the writer's copy covers it
    restart_at_ = wal_pages + options_.checkpoint_pages;
    return wal_pages >= options_.restart_pages * kWaitFactor ? Restart::kWaitForReaders
                                                             : Restart::kCopyRest;
  }
  if (wal_pages - pages_at_wake_ >= options_.checkpoint_pages) {
    pages_at_wake_ = wal_pages;
    {
      std::lock_guard lock(mu_);
      due_ = true;
    }
    wake_.notify_one();
  }
  return Restart::kNo;
}

void Checkpointer::CopyRest(Connection& writer, Restart how) {
  if (how != Restart::kNo) {
    Checkpoint(writer, how == Restart::kWaitForReaders ? SQLITE_CHECKPOINT_RESTART
                                                       : SQLITE_CHECKPOINT_PASSIVE);
  }
}

std::uint64_t Checkpointer::runs() const {
  std::lock_guard lock(mu_);
  return runs_;
}

std::uint64_t Checkpointer::restarts() const {
  std::lock_guard lock(mu_);
  return restarts_;
}

void Checkpointer::Loop() {
  pthread_setname_np(pthread_self(), "cordon-ckpt");
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || (due_ && !restart_wanted_); });
    if (stopping_) {
      return;
    }
    due_ = false;
    running_ = true;
    lock.unlock();
    Checkpoint(*conn_, SQLITE_CHECKPOINT_PASSIVE);
    lock.lock();
    running_ = false;
    runs_ += 1;
  }
}

}  // namespace cordon::store::sqlite
