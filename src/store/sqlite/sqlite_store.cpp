#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>
#include <pthread.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <chrono>
#include <future>

#include "store/sql/migrations.h"
#include "store/sql/repositories.h"

namespace cordon::store::sqlite {

struct SqliteStore::Job {
  Unit unit;
  std::function<void(Status)> done;  // called by the writer after the commit
};

namespace {

Error StorageFailed(const std::exception& e) {
  spdlog::error("storage: {}", e.what());
  return MakeError("storage.failed", "", e.what());
}

// Runs a unit, turning exceptions into errors.
Status RunUnit(const Store::Unit& unit, Repositories& repos) {
  try {
    return unit(repos);
  } catch (const std::exception& e) {
    return StorageFailed(e);
  }
}

// The writer's connection, with the page cache the store was given.
std::unique_ptr<Connection> OpenWriter(const std::string& path, int cache_kib) {
  auto c = std::make_unique<Connection>(path, Connection::Mode::kWriter);
  c->Exec(fmt::format("PRAGMA cache_size=-{}", cache_kib).c_str());
  return c;
}

}  // namespace

SqliteStore::SqliteStore(std::string path, SqliteOptions options)
    : path_(std::move(path)), options_(options) {
  writer_conn_ = OpenWriter(path_, options_.writer_cache_kib);
  int applied = sql::Migrate(*writer_conn_, EmbeddedMigrations());
  if (applied > 0) {
    spdlog::info("store: applied {} migration(s) to {}", applied, path_);
    // A migration may edit table definitions in place (0009), which a connection reads only
    // when it opens: the writer starts from the migrated schema.
    writer_conn_ = OpenWriter(path_, options_.writer_cache_kib);
  }
  // Fresh planner statistics (sampled: milliseconds even for a large registry).
  writer_conn_->Exec("ANALYZE");
  checkpointer_ = std::make_unique<Checkpointer>(path_, options_.checkpoints);
  // In place of SQLite's checkpoints inside a commit: the log's size after each commit.
  sqlite3_wal_hook(
      writer_conn_->raw(),
      [](void* store, sqlite3*, const char*, int pages) {
        static_cast<SqliteStore*>(store)->wal_pages_ = pages;
        return SQLITE_OK;
      },
      this);
  writer_ = std::thread([this] { WriterLoop(); });
}

SqliteStore::~SqliteStore() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_writer_.notify_one();
  writer_.join();
}

namespace {

std::int64_t SteadySecond() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

// Only the writer thread counts; readers may see a count a moment old, which is all a choice
// between two kinds of reader needs.
void SqliteStore::NoteCommit() {
  constexpr auto kRelaxed = std::memory_order_relaxed;
  const std::int64_t now = SteadySecond();
  const std::int64_t was = commit_second_.load(kRelaxed);
  if (now != was) {
    commits_last_second_.store(now == was + 1 ? commits_this_second_.load(kRelaxed) : 0, kRelaxed);
    commits_this_second_.store(0, kRelaxed);
    commit_second_.store(now, kRelaxed);
  }
  commits_this_second_.fetch_add(1, kRelaxed);
}

bool SqliteStore::CommitsAreFrequent() const {
  const std::int64_t now = SteadySecond();
  const std::int64_t at = commit_second_.load(std::memory_order_relaxed);
  const int busy = options_.busy_commits_per_s;
  if (now == at) {
    return commits_this_second_.load(std::memory_order_relaxed) >= busy ||
           commits_last_second_.load(std::memory_order_relaxed) >= busy;
  }
  return now == at + 1 && commits_this_second_.load(std::memory_order_relaxed) >= busy;
}

Status SqliteStore::Read(const Unit& unit) {
  const bool mapped = !CommitsAreFrequent();
  auto& idle = mapped ? idle_mapped_ : idle_plain_;
  std::unique_ptr<Connection> conn;
  {
    std::lock_guard lock(readers_mu_);
    (mapped ? mapped_reads_ : plain_reads_) += 1;
    if (!idle.empty()) {
      conn = std::move(idle.back());
      idle.pop_back();
    }
  }
  try {
    if (!conn) {
      conn = std::make_unique<Connection>(
          path_, mapped ? Connection::Mode::kReader : Connection::Mode::kPlainReader);
    }
  } catch (const std::exception& e) {
    return StorageFailed(e);
  }
  Status result;
  {
    sql::SqlRepositories repos(*conn);
    Repositories view = repos.View();
    // A read unit sees one snapshot.
    try {
      conn->Prepare("BEGIN").Run();  // prepared once per connection, not parsed per read
      result = RunUnit(unit, view);
      conn->Prepare("COMMIT").Run();
    } catch (const std::exception& e) {
      result = StorageFailed(e);
      try {
        conn->Exec("ROLLBACK");
      } catch (const std::exception&) {
        conn.reset();  // a connection that cannot roll back is not reused
      }
    }
  }
  if (conn) {
    std::lock_guard lock(readers_mu_);
    if (idle.size() < options_.max_idle_readers) {
      idle.push_back(std::move(conn));
    }
  }
  return result;
}

Status SqliteStore::Write(const Unit& unit) {
  std::promise<Status> written;
  auto result = written.get_future();
  // The unit is only borrowed: this call outlives the job.
  WriteAsync([&unit](Repositories& r) { return unit(r); },
             [&written](Status st) { written.set_value(std::move(st)); });
  return result.get();
}

void SqliteStore::WriteAsync(Unit unit, std::function<void(Status)> done) {
  auto job = std::make_unique<Job>(Job{std::move(unit), std::move(done)});
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      queue_.push_back(std::move(job));
    }
  }
  if (job) {
    job->done(MakeError("storage.failed", "", "store is stopping"));
    return;
  }
  wake_writer_.notify_one();
}

SqliteStore::Stats SqliteStore::stats() const {
  Stats out;
  {
    std::lock_guard lock(mu_);
    out = stats_;
  }
  std::lock_guard lock(readers_mu_);
  out.mapped_reads = mapped_reads_;
  out.plain_reads = plain_reads_;
  out.checkpoints = checkpointer_->runs();
  out.restarts = checkpointer_->restarts();
  return out;
}

void SqliteStore::WriterLoop() {
  // Named, so that `top -H` and a profiler tell the writer from the threads serving requests.
  pthread_setname_np(pthread_self(), "cordon-writer");
  std::vector<std::unique_ptr<Job>> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      wake_writer_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) {
        return;  // stopping, and nothing left to commit
      }
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
    batch.clear();
  }
}

void SqliteStore::RunBatch(std::vector<std::unique_ptr<Job>>& batch) {
  Connection& c = *writer_conn_;
  std::vector<Status> results(batch.size());
  bool committed = false;
  std::string failure;
  try {
    // Prepared once and kept: parsing these for every unit cost as much as a small insert.
    c.Prepare("BEGIN IMMEDIATE").Run();
    sql::SqlRepositories repos(c);
    Repositories view = repos.View();
    for (size_t i = 0; i < batch.size(); ++i) {
      c.Prepare("SAVEPOINT unit").Run();
      results[i] = RunUnit(batch[i]->unit, view);
      if (!results[i].ok()) {
        c.Prepare("ROLLBACK TO unit").Run();
      }
      c.Prepare("RELEASE unit").Run();
    }
    c.Prepare("COMMIT").Run();
    committed = true;
  } catch (const std::exception& e) {
    failure = e.what();
    spdlog::error("storage: batch of {} failed: {}", batch.size(), failure);
    try {
      c.Exec("ROLLBACK");
    } catch (const std::exception&) {
      // Nothing more to do: the transaction is already gone.
    }
  }
  {
    std::lock_guard lock(mu_);
    if (committed) {
      stats_.commits += 1;
      stats_.units += batch.size();
    }
  }
  if (committed) {
    NoteCommit();
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    try {
      batch[i]->done(committed ? std::move(results[i])
                               : Status(MakeError("storage.failed", "", failure)));
    } catch (const std::exception& e) {
      spdlog::error("storage: a caller's completion failed: {}", e.what());
    }
  }
  if (committed) {
    // The batch's callers have their answers (store/sqlite/checkpointer.h).
    Checkpointer::CopyRest(c, checkpointer_->Committed(wal_pages_));
  }
}

}  // namespace cordon::store::sqlite
