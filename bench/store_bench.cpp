// Durable writes through the SQLite store: N threads each append audit entries as separate
// units, every one acknowledged only once it is on disk (synchronous=FULL). Prints one JSON line
// per thread count: units/s, commits (fsyncs) and units per commit.
//
// Usage: store_bench DIR [SECONDS]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite/sqlite_store.h"

namespace {

using cordon::Ok;
using cordon::Repositories;

void Run(const std::string& dir, int threads, double seconds) {
  const std::string path = dir + "/store_bench_" + std::to_string(threads) + ".db";
  std::filesystem::remove(path);
  cordon::store::sqlite::SqliteStore store(path);
  std::atomic<bool> stop{false};
  std::atomic<long> done{0};
  std::vector<std::thread> pool;
  const auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      cordon::audit::AuditEntry e;
      e.username = "bench";
      e.role = "admin";
      e.action = "bench.write";
      e.record_type = "bench";
      e.client_address = "127.0.0.1";
      long i = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        e.record_id = std::to_string(t) + "-" + std::to_string(i++);
        auto st = store.Write([&](Repositories& r) {
          r.audit.Append(e);
          return Ok();
        });
        if (st.ok()) {
          done.fetch_add(1, std::memory_order_relaxed);
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : pool) {
    th.join();
  }
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto stats = store.stats();
  std::printf(
      "{\"threads\":%d,\"writes_per_s\":%.0f,\"commits\":%llu,\"writes_per_commit\":%.1f}\n",
      threads, static_cast<double>(done.load()) / elapsed,
      static_cast<unsigned long long>(stats.commits),
      stats.commits ? static_cast<double>(stats.units) / static_cast<double>(stats.commits) : 0.0);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: store_bench DIR [SECONDS]\n");
    return 2;
  }
  const double seconds = argc > 2 ? std::stod(argv[2]) : 5.0;
  for (int threads : {1, 8, 64}) {
    Run(argv[1], threads, seconds);
  }
  return 0;
}
