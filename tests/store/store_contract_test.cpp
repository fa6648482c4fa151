// The store contract: every repository, atomic units, concurrent writers and durability, run
// against both databases cordon supports (SQLite and PostgreSQL), and the few things each of
// them promises alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "store/backends.h"
#include "store/sql/migrations.h"
#include "support/temp_dir.h"

namespace cordon::store {
namespace {

using cordon::testing::Backend;
using cordon::testing::PostgresBackend;
using cordon::testing::SqliteBackend;
using cordon::testing::TempDir;
using sql::StorageError;

accounts::NewUser MakeUser(const std::string& name, accounts::Role role = accounts::Role::kAdmin) {
  accounts::NewUser u;
  u.username = name;
  u.display_name = "测试";
  u.role = role;
  u.scope = role == accounts::Role::kAdmin
                ? accounts::Scope{}
                : accounts::Scope{accounts::ScopeKind::kZone, "441900003001-1"};
  u.password_hash = "$argon2id$fake";
  u.created_at = 1000;
  return u;
}

Result<accounts::User> CreateUser(Store& store, const accounts::NewUser& u) {
  std::optional<Result<accounts::User>> out;
  auto st = store.Write([&](Repositories& r) -> Status {
    out = r.users.Create(u);
    return out->ok() ? Ok() : Status(out->error());
  });
  return *out;
}

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres" && PostgresBackend::Server().empty()) {
      GTEST_SKIP() << "CORDON_TEST_POSTGRES is not set (make test starts a PostgreSQL server)";
    }
    backend_ = cordon::testing::MakeBackend(GetParam());
  }
  std::unique_ptr<Store> Open() { return backend_->Open(); }
  std::unique_ptr<sql::Connection> Raw() { return backend_->Raw(); }
  std::span<const sql::Migration> Migrations() const {
    return GetParam() == "postgres" ? postgres::EmbeddedMigrations() : sqlite::EmbeddedMigrations();
  }

  std::unique_ptr<Backend> backend_;
};

INSTANTIATE_TEST_SUITE_P(Databases, StoreContract, ::testing::Values("sqlite", "postgres"),
                         [](const auto& p) { return p.param; });

TEST_P(StoreContract, MigrationsApplyOnceAndRecordVersion) {
  { auto store = Open(); }
  auto c = Raw();
  EXPECT_EQ(sql::SchemaVersion(*c), Migrations().back().version);
  EXPECT_EQ(sql::Migrate(*c, Migrations()), 0);  // nothing left to apply
  { auto again = Open(); }                       // a second server finds nothing to do either
  EXPECT_EQ(sql::SchemaVersion(*c), Migrations().back().version);
}

TEST(SqliteStoreTest, PragmasAreDurable) {
  SqliteBackend db;
  auto store = db.Open();
  sqlite::Connection c(db.path(), sqlite::Connection::Mode::kWriter);
  auto q = c.Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(q.Step());
  EXPECT_EQ(q.Text(0), "wal");
  auto s = c.Prepare("PRAGMA synchronous");
  ASSERT_TRUE(s.Step());
  EXPECT_EQ(s.Int(0), 2);  // FULL
  auto f = c.Prepare("PRAGMA foreign_keys");
  ASSERT_TRUE(f.Step());
  EXPECT_EQ(f.Int(0), 1);
}

TEST_P(StoreContract, UsersCreateFindListAndRefuseDuplicates) {
  auto opened = Open();
  Store& store = *opened;
  auto a = CreateUser(store, MakeUser("alice"));
  ASSERT_TRUE(a.ok());
  auto b = CreateUser(store, MakeUser("bob", accounts::Role::kGridWorker));
  ASSERT_TRUE(b.ok());
  auto dup = CreateUser(store, MakeUser("ALICE"));  // names are case-insensitive
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, "username.taken");

  ASSERT_TRUE(store
                  .Read([&](Repositories& r) {
                    auto found = r.users.FindByUsername("Alice");
                    EXPECT_TRUE(found.has_value());
                    EXPECT_EQ(found->user.id, a->id);
                    EXPECT_EQ(found->password_hash, "$argon2id$fake");
                    auto byid = r.users.FindById(b->id);
                    EXPECT_EQ(byid->role, accounts::Role::kGridWorker);
                    EXPECT_EQ(byid->scope.code, "441900003001-1");
                    EXPECT_FALSE(r.users.FindById(999).has_value());
                    EXPECT_EQ(r.users.Count(), 2);

                    accounts::UserCriteria c;
                    c.limit = 1;
                    auto first = r.users.List(c);
                    EXPECT_EQ(first.size(), 1u);
                    c.after_id = first[0].id;
                    auto second = r.users.List(c);
                    EXPECT_EQ(second.size(), 1u);
                    EXPECT_NE(second[0].id, first[0].id);
                    c = {};
                    c.scope_prefix = "441900003001";
                    auto scoped = r.users.List(c);
                    EXPECT_EQ(scoped.size(), 1u);
                    EXPECT_EQ(scoped[0].username, "bob");
                    return Ok();
                  })
                  .ok());
}

TEST_P(StoreContract, SessionsAndThrottle) {
  auto opened = Open();
  Store& store = *opened;
  auto u = CreateUser(store, MakeUser("alice"));
  ASSERT_TRUE(u.ok());
  accounts::Session s{"abc", u->id, 10, 10, 1000, false, "127.0.0.1"};
  ASSERT_TRUE(store
                  .Write([&](Repositories& r) {
                    r.sessions.Create(s);
                    r.sessions.Touch("abc", 50);
                    r.sessions.Touch("abc", 40);  // never backwards
                    r.throttle.Put("user:alice", {3, 5, 7});
                    return Ok();
                  })
                  .ok());
  ASSERT_TRUE(store
                  .Read([&](Repositories& r) {
                    auto got = r.sessions.Find("abc");
                    EXPECT_EQ(got->last_seen_at, 50);
                    EXPECT_FALSE(got->revoked);
                    auto t = r.throttle.Get("user:alice");
                    EXPECT_EQ(t.failures, 3);
                    EXPECT_EQ(t.blocked_until, 7);
                    EXPECT_EQ(r.throttle.Get("user:nobody").failures, 0);
                    return Ok();
                  })
                  .ok());
  bool revoked = false;
  bool again = true;
  ASSERT_TRUE(store
                  .Write([&](Repositories& r) {
                    revoked = r.sessions.Revoke("abc");
                    again = r.sessions.Revoke("abc");
                    r.throttle.Clear("user:alice");
                    EXPECT_EQ(r.sessions.DeleteExpired(2000), 1);
                    return Ok();
                  })
                  .ok());
  EXPECT_TRUE(revoked);
  EXPECT_FALSE(again);
}

TEST_P(StoreContract, AuditIsAppendOnlyAndFilterable) {
  auto opened = Open();
  Store& store = *opened;
  ASSERT_TRUE(store
                  .Write([&](Repositories& r) {
                    for (int i = 0; i < 5; ++i) {
                      audit::AuditEntry e;
                      e.at = 100 + i;
                      e.user_id = i % 2 == 0 ? std::optional<std::int64_t>(1) : std::nullopt;
                      e.username = "u";
                      e.role = "admin";
                      e.action = i == 4 ? "auth.logout" : "auth.login";
                      e.record_type = "user";
                      e.record_id = std::to_string(i);
                      e.client_address = "127.0.0.1";
                      e.request_id = "r" + std::to_string(i);
                      r.audit.Append(e);
                    }
                    return Ok();
                  })
                  .ok());
  ASSERT_TRUE(store
                  .Read([&](Repositories& r) {
                    audit::AuditCriteria c;
                    EXPECT_EQ(r.audit.List(c).entries.size(), 5u);
                    c.user_id = 1;
                    EXPECT_EQ(r.audit.List(c).entries.size(), 3u);
                    c = {};
                    c.action = "auth.logout";
                    EXPECT_EQ(r.audit.List(c).entries.size(), 1u);
                    c = {};
                    c.from = 101;
                    c.to = 103;
                    EXPECT_EQ(r.audit.List(c).entries.size(), 2u);
                    c = {};
                    c.record_type = "user";
                    c.record_id = "2";
                    EXPECT_EQ(r.audit.List(c).entries.at(0).request_id, "r2");
                    c = {};
                    c.limit = 2;
                    auto p1 = r.audit.List(c);
                    EXPECT_EQ(p1.entries.size(), 2u);
                    EXPECT_TRUE(p1.next_before_id.has_value());
                    c.before_id = p1.next_before_id;
                    auto p2 = r.audit.List(c);
                    EXPECT_LT(p2.entries.at(0).id, p1.entries.back().id);
                    return Ok();
                  })
                  .ok());
  // The table refuses change at the database level, whoever asks.
  auto raw = Raw();
  EXPECT_THROW(raw->Exec("UPDATE audit_log SET action = 'x'"), StorageError);
  EXPECT_THROW(raw->Exec("DELETE FROM audit_log"), StorageError);
}

TEST_P(StoreContract, AFailedUnitLeavesNothingAndOthersInTheBatchCommit) {
  auto opened = Open();
  Store& store = *opened;
  auto failing = store.Write([&](Repositories& r) -> Status {
    auto u = r.users.Create(MakeUser("half"));
    EXPECT_TRUE(u.ok());
    return MakeError("test.failed");  // after a write: it must be rolled back
  });
  ASSERT_FALSE(failing.ok());
  EXPECT_EQ(failing.error().code, "test.failed");
  auto throwing = store.Write([&](Repositories& r) -> Status {
    (void)r.users.Create(MakeUser("thrown"));
    throw std::runtime_error("disk on fire");
  });
  EXPECT_EQ(throwing.error().code, "storage.failed");
  ASSERT_TRUE(CreateUser(store, MakeUser("whole")).ok());
  ASSERT_TRUE(store
                  .Read([&](Repositories& r) {
                    EXPECT_FALSE(r.users.FindByUsername("half").has_value());
                    EXPECT_FALSE(r.users.FindByUsername("thrown").has_value());
                    EXPECT_TRUE(r.users.FindByUsername("whole").has_value());
                    return Ok();
                  })
                  .ok());
}

TEST_P(StoreContract, WriteAsyncAnswersEachUnitOnceItIsDurable) {
  constexpr int kUnits = 60;
  std::vector<Status> answers;
  {
    auto opened = Open();
    std::mutex mu;
    std::condition_variable all_in;
    // One thread hands every unit on without waiting; every third unit fails after writing.
    for (int i = 0; i < kUnits; ++i) {
      opened->WriteAsync(
          [i](Repositories& r) -> Status {
            auto u = r.users.Create(MakeUser("a" + std::to_string(i)));
            if (!u.ok()) {
              return u.error();
            }
            return i % 3 == 2 ? Status(MakeError("test.failed")) : Ok();
          },
          [&](Status st) {
            std::lock_guard lock(mu);
            answers.push_back(std::move(st));
            all_in.notify_one();
          });
    }
    std::unique_lock lock(mu);
    all_in.wait(lock, [&] { return answers.size() == kUnits; });
  }
  const auto failed = std::count_if(answers.begin(), answers.end(), [](const Status& st) {
    return !st.ok() && st.error().code == "test.failed";
  });
  EXPECT_EQ(failed, kUnits / 3);
  // What was answered ok is there once the store is closed and opened again; the rest is not.
  auto reopened = Open();
  ASSERT_TRUE(reopened
                  ->Read([&](Repositories& r) {
                    EXPECT_EQ(r.users.Count(), kUnits - kUnits / 3);
                    EXPECT_TRUE(r.users.FindByUsername("a0").has_value());
                    EXPECT_FALSE(r.users.FindByUsername("a2").has_value());
                    return Ok();
                  })
                  .ok());
}

TEST_P(StoreContract, ConcurrentWritersOfTwoServersAllLand) {
  constexpr int kThreads = 32;
  constexpr int kPerThread = 20;
  {
    // Two stores on one database, as two servers have: on PostgreSQL their transactions collide
    // and are run again; on SQLite they take turns at the file's lock.
    auto one = Open();
    auto two = Open();
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        Store& store = t % 2 == 0 ? *one : *two;
        for (int i = 0; i < kPerThread; ++i) {
          // Each write reads what it changes (a counter every writer shares), the pattern that
          // loses updates when concurrent transactions are not serialised.
          auto st = store.Write([&](Repositories& r) -> Status {
            auto u = r.users.Create(MakeUser("u" + std::to_string(t) + "_" + std::to_string(i)));
            if (!u.ok()) {
              return u.error();
            }
            const int n = std::stoi(r.settings.Get("test.count").value_or("0"));
            r.settings.Put("test.count", std::to_string(n + 1));
            return Ok();
          });
          if (!st.ok()) {
            ++failures;
          }
        }
      });
    }
    for (auto& th : threads) {
      th.join();
    }
    EXPECT_EQ(failures.load(), 0);
  }
  // Everything acknowledged is there after the stores are closed and one opened again.
  auto reopened = Open();
  ASSERT_TRUE(reopened
                  ->Read([&](Repositories& r) {
                    EXPECT_EQ(r.users.Count(), kThreads * kPerThread);
                    EXPECT_EQ(r.settings.Get("test.count"), std::to_string(kThreads * kPerThread));
                    return Ok();
                  })
                  .ok());
}

TEST(SqliteStoreTest, ConcurrentWritersShareCommits) {
  constexpr int kThreads = 32;
  constexpr int kPerThread = 20;
  SqliteBackend db;
  sqlite::SqliteStore store(db.path());
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        EXPECT_TRUE(
            CreateUser(store, MakeUser("u" + std::to_string(t) + "_" + std::to_string(i))).ok());
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  auto stats = store.stats();
  EXPECT_EQ(stats.units, static_cast<std::uint64_t>(kThreads * kPerThread));
  // Group commit: concurrent writers share transactions.
  EXPECT_LT(stats.commits, stats.units);
}

TEST(SqliteStoreTest, WritesHandedOnWithoutWaitingShareCommits) {
  constexpr int kUnits = 200;
  SqliteBackend db;
  sqlite::SqliteStore store(db.path());
  std::atomic<int> done{0};
  std::promise<void> last;
  for (int i = 0; i < kUnits; ++i) {
    store.WriteAsync(
        [i](Repositories& r) -> Status {
          auto u = r.users.Create(MakeUser("w" + std::to_string(i)));
          return u.ok() ? Ok() : Status(u.error());
        },
        [&](Status st) {
          EXPECT_TRUE(st.ok());
          if (++done == kUnits) {
            last.set_value();
          }
        });
  }
  last.get_future().wait();
  // One thread, many units in each commit: no thread had to wait for its own.
  auto stats = store.stats();
  EXPECT_EQ(stats.units, static_cast<std::uint64_t>(kUnits));
  EXPECT_LT(stats.commits, stats.units);
}

TEST(SqliteStoreTest, TheLogIsCopiedOffTheWriterAndStartsAgain) {
  constexpr int kWrites = 600;
  constexpr int kRestartPages = 100;
  SqliteBackend db;
  sqlite::SqliteOptions options;
  options.checkpoints.checkpoint_pages = 20;
  options.checkpoints.restart_pages = kRestartPages;
  {
    sqlite::SqliteStore store(db.path(), options);
    // A commit each, of a page or more: 600 commits would leave a log of well over 600 pages.
    for (int i = 0; i < kWrites; ++i) {
      ASSERT_TRUE(store
                      .Write([&](Repositories& r) {
                        r.settings.Put("test.page" + std::to_string(i), std::string(3000, 'p'));
                        return Ok();
                      })
                      .ok());
    }
    auto stats = store.stats();
    EXPECT_GT(stats.checkpoints, 0U);
    EXPECT_GT(stats.restarts, 0U);
    // The log started again from its beginning: it never grew far past the restart's size
    // (a page in the log is its 4096 bytes and a 24-byte header).
    const auto wal = std::filesystem::file_size(db.path() + "-wal");
    EXPECT_LT(wal, (kRestartPages + 3 * 20) * (4096 + 24));
  }
  auto reopened = db.Open();
  ASSERT_TRUE(reopened
                  ->Read([&](Repositories& r) {
                    for (int i = 0; i < kWrites; ++i) {
                      EXPECT_EQ(r.settings.Get("test.page" + std::to_string(i)),
                                std::string(3000, 'p'));
                    }
                    return Ok();
                  })
                  .ok());
}

TEST(SqliteStoreTest, TheWriterCopiesTheRestOfALongLogAndWaitsForReadersPastFourTimesThat) {
  using Restart = sqlite::Checkpointer::Restart;
  SqliteBackend db;
  { sqlite::SqliteStore store(db.path()); }
  // Copies by the thread are due only every 1,000 pages: here the writer decides alone.
  sqlite::Checkpointer checkpointer(db.path(), {.checkpoint_pages = 1000, .restart_pages = 500});
  EXPECT_EQ(checkpointer.Committed(250), Restart::kNo);
  EXPECT_EQ(checkpointer.Committed(500), Restart::kCopyRest);
  // A reader kept the log from starting again: not again before another 1,000 pages.
  EXPECT_EQ(checkpointer.Committed(900), Restart::kNo);
  EXPECT_EQ(checkpointer.Committed(1500), Restart::kCopyRest);
  // Four times the restart size: the writer's copy waits for older readers.
  EXPECT_EQ(checkpointer.Committed(2500), Restart::kWaitForReaders);
  EXPECT_EQ(checkpointer.restarts(), 0U);
  // The log started again.
  EXPECT_EQ(checkpointer.Committed(5), Restart::kNo);
  EXPECT_EQ(checkpointer.restarts(), 1U);
  EXPECT_EQ(checkpointer.Committed(500), Restart::kCopyRest);
  EXPECT_EQ(checkpointer.runs(), 0U);
}

TEST(SqliteStoreTest, ReadsUseAMemoryMapOnlyWhileFewCommitsAreMade) {
  SqliteBackend db;
  sqlite::SqliteOptions options;
  options.busy_commits_per_s = 3;  // a slow disk may take a while over 25 commits
  sqlite::SqliteStore store(db.path(), options);
  auto read_count = [&] {
    int n = -1;
    EXPECT_TRUE(store
                    .Read([&](Repositories& r) {
                      n = r.users.Count();
                      return Ok();
                    })
                    .ok());
    return n;
  };
  EXPECT_EQ(read_count(), 0);
  EXPECT_EQ(store.stats().mapped_reads, 1U);
  EXPECT_EQ(store.stats().plain_reads, 0U);
  // A burst of commits: each would unmap a mapped reader, so reads go without a map, and see
  // every commit all the same.
  for (int i = 0; i < 25; ++i) {
    ASSERT_TRUE(CreateUser(store, MakeUser("burst" + std::to_string(i))).ok());
  }
  EXPECT_EQ(read_count(), 25);
  EXPECT_EQ(store.stats().plain_reads, 1U);
  EXPECT_EQ(store.stats().mapped_reads, 1U);
}

TEST_P(StoreContract, RefusesANewerSchema) {
  { auto store = Open(); }
  Raw()->Exec("INSERT INTO schema_migrations VALUES (9999, 'future', 'x')");
  EXPECT_THROW(Open(), StorageError);
}

// A community with one entrance and one person, for the tests below.
struct Place {
  std::int64_t community = 0;
  std::int64_t entrance = 0;
  std::int64_t person = 0;
};

registry::PersonRecord MakePerson(std::int64_t community, const std::string& hash) {
  registry::PersonRecord p;
  p.community_id = community;
  p.name = "张三";
  p.doc_cipher = std::string("\x00\x01\xff cipher", 10);  // bytes, a NUL among them
  p.doc_hash = hash;
  p.doc_masked = "110105********002X";
  p.doc_last4 = "002X";
  p.created_at = 1000;
  p.updated_at = 1000;
  return p;
}

Place MakePlace(Store& store) {
  Place out;
  auto st = store.Write([&](Repositories& r) -> Status {
    r.places.PutRegion({"44", "广东省", "", registry::RegionLevel::kProvince});
    registry::Community c;
    c.code = "441900003013";
    c.name = "岗贝社区";
    c.region_code = "44";
    c.created_at = 1000;
    auto community = r.places.CreateCommunity(c);
    if (!community.ok()) {
      return community.error();
    }
    out.community = community->id;
    registry::Entrance e;
    e.community_id = out.community;
    e.name = "东门";
    auto entrance = r.places.CreateEntrance(e);
    if (!entrance.ok()) {
      return entrance.error();
    }
    out.entrance = entrance->id;
    auto person = r.persons.Insert(MakePerson(out.community, std::string("\x10hash\x00one", 9)));
    if (!person.ok()) {
      return person.error();
    }
    out.person = *person;
    return Ok();
  });
  EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().code + " " + st.error().detail);
  return out;
}

TEST_P(StoreContract, ADuplicatePersonNamesTheFirstAndTheUnitGoesOn) {
  auto store = Open();
  const Place place = MakePlace(*store);
  std::optional<Error> refused;
  auto st = store->Write([&](Repositories& r) -> Status {
    auto again = r.persons.Insert(MakePerson(place.community, std::string("\x10hash\x00one", 9)));
    if (!again.ok()) {
      refused = again.error();
    }
    // The refusal undid only the refused insert: the same transaction still writes.
    r.settings.Put("after.refusal", "written");
    return Ok();
  });
  ASSERT_TRUE(st.ok()) << st.error().detail;
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->code, "person.duplicate");
  EXPECT_EQ(refused->detail, std::to_string(place.person));
  ASSERT_TRUE(store
                  ->Read([&](Repositories& r) {
                    EXPECT_EQ(r.settings.Get("after.refusal"), "written");
                    auto p = r.persons.Find(place.person);
                    EXPECT_TRUE(p.has_value());
                    EXPECT_EQ(p->doc_cipher, std::string("\x00\x01\xff cipher", 10));
                    EXPECT_EQ(p->name, "张三");
                    return Ok();
                  })
                  .ok());
}

Result<registry::Zone> CreateZone(Repositories& r, std::int64_t community, int number) {
  registry::Zone z;
  z.community_id = community;
  z.number = number;
  z.code = "441900003013-" + std::to_string(number);
  z.name = "片区" + std::to_string(number);
  return r.places.CreateZone(z);
}

TEST_P(StoreContract, ASearchByLastFourPagesThroughEveryMatchOnce) {
  auto store = Open();
  const Place place = MakePlace(*store);
  // 90 persons: a third match by ID number, a third by phone, some by both; one in seven lives in
  // the second zone, one in eleven is deleted. The filters drop more candidates than a page.
  std::vector<std::int64_t> live, in_zone_two;
  auto st = store->Write([&](Repositories& r) -> Status {
    auto zone = CreateZone(r, place.community, 2);
    if (!zone.ok()) {
      return zone.error();
    }
    for (int i = 0; i < 90; ++i) {
      auto p = MakePerson(place.community, "hash-" + std::to_string(i));
      p.doc_last4 = i % 3 == 0 || i % 5 == 0 ? "1234" : "9999";
      p.phone_last4 = i % 3 == 1 || i % 5 == 0 ? "1234" : "8888";
      if (i % 7 == 0) {
        p.zone_id = zone->id;
      }
      auto id = r.persons.Insert(p);
      if (!id.ok()) {
        return id.error();
      }
      if (i % 11 == 0) {
        r.persons.SoftDelete(*id, 2000, "test");
      } else if (p.doc_last4 == "1234" || p.phone_last4 == "1234") {
        live.push_back(*id);
        if (p.zone_id) {
          in_zone_two.push_back(*id);
        }
      }
    }
    return Ok();
  });
  ASSERT_TRUE(st.ok()) << st.error().code;
  ASSERT_GT(live.size(), 40U);
  ASSERT_GT(in_zone_two.size(), 5U);
  auto all_pages = [&](std::optional<std::int64_t> zone, int limit) {
    std::vector<std::int64_t> seen;
    registry::PersonCriteria c;
    c.community_id = place.community;
    c.zone_id = zone;
    c.last4 = "1234";
    c.limit = limit;
    for (int page = 0; page < 100; ++page) {
      std::vector<registry::PersonRecord> rows;
      EXPECT_TRUE(store
                      ->Read([&](Repositories& r) {
                        rows = r.persons.List(c);
                        return Ok();
                      })
                      .ok());
      const bool more = static_cast<int>(rows.size()) > limit;
      for (int i = 0; i < std::min(limit, static_cast<int>(rows.size())); ++i) {
        seen.push_back(rows[static_cast<size_t>(i)].id);
      }
      if (!more) {
        break;
      }
      c.after_id = seen.back();
    }
    return seen;
  };
  EXPECT_EQ(all_pages(std::nullopt, 5), live);
  EXPECT_EQ(all_pages(std::nullopt, 1000), live);
  std::optional<std::int64_t> zone_two;
  ASSERT_TRUE(store
                  ->Read([&](Repositories& r) {
                    auto p = r.persons.Find(in_zone_two.front());
                    zone_two = p->zone_id;
                    return Ok();
                  })
                  .ok());
  EXPECT_EQ(all_pages(zone_two, 2), in_zone_two);
  EXPECT_EQ(all_pages(zone_two, 50), in_zone_two);
}

TEST_P(StoreContract, APersonShowsTheNamesOfTheirBuildingAndUnitAfterRenamesAndMoves) {
  auto store = Open();
  const Place place = MakePlace(*store);
  registry::Building b12, b14;
  registry::Household home;
  auto st = store->Write([&](Repositories& r) -> Status {
    auto zone = CreateZone(r, place.community, 1);
    registry::Building b;
    b.community_id = place.community;
    b.zone_id = zone->id;
    b.name = "12栋";
    b12 = *r.places.CreateBuilding(b);
    b.name = "14栋";
    b14 = *r.places.CreateBuilding(b);
    registry::Unit u;
    u.community_id = place.community;
    u.building_id = b12.id;
    u.name = "1单元";
    auto u1 = r.places.CreateUnit(u);
    u.building_id = b14.id;
    u.name = "2单元";
    auto u2 = r.places.CreateUnit(u);
    registry::Household h;
    h.community_id = place.community;
    h.zone_id = zone->id;
    h.building_id = b12.id;
    h.unit_id = u1->id;
    h.room = "301";
    home = *r.places.CreateHousehold(h);
    auto p = *r.persons.Find(place.person);
    p.household_id = home.id;
    CORDON_RETURN_IF_ERROR(r.persons.Update(p));
    (void)u2;  // where the household moves below
    return Ok();
  });
  ASSERT_TRUE(st.ok()) << st.error().code;
  auto where = [&] {
    std::string out;
    EXPECT_TRUE(store
                    ->Read([&](Repositories& r) {
                      auto p = r.persons.Find(place.person);
                      out = p->building + "/" + p->unit + "/" + p->room;
                      registry::PersonCriteria c;
                      c.community_id = place.community;
                      auto listed = r.persons.List(c);
                      EXPECT_EQ(listed.size(), 1U);
                      EXPECT_EQ(
                          listed.at(0).building + "/" + listed.at(0).unit + "/" + listed.at(0).room,
                          out);
                      registry::HouseholdCriteria hc;
                      hc.community_id = place.community;
                      auto households = r.places.ListHouseholds(hc);
                      EXPECT_EQ(households.size(), 1U);
                      EXPECT_EQ(households.at(0).building + "/" + households.at(0).unit + "/" +
                                    households.at(0).household.room,
                                out);
                      return Ok();
                    })
                    .ok());
    return out;
  };
  EXPECT_EQ(where(), "12栋/1单元/301");
  ASSERT_TRUE(store
                  ->Write([&](Repositories& r) -> Status {
                    b12.name = "12号楼";
                    return r.places.UpdateBuilding(b12).ok() ? Ok() : MakeError("rename");
                  })
                  .ok());
  EXPECT_EQ(where(), "12号楼/1单元/301");
  ASSERT_TRUE(store
                  ->Write([&](Repositories& r) -> Status {
                    auto units = r.places.ListUnits(b14.id);
                    home.building_id = b14.id;
                    home.unit_id = units.at(0).id;
                    home.room = "502";
                    return r.places.UpdateHousehold(home).ok() ? Ok() : MakeError("move");
                  })
                  .ok());
  EXPECT_EQ(where(), "14栋/2单元/502");
}

TEST_P(StoreContract, ThePlacesVersionRisesWithWhatAGateDecisionReadsAndNothingElse) {
  auto store = Open();
  const Place place = MakePlace(*store);
  auto guard = CreateUser(*store, MakeUser("guard"));
  ASSERT_TRUE(guard.ok());
  auto version = [&] {
    std::int64_t v = 0;
    EXPECT_TRUE(store
                    ->Read([&](Repositories& r) {
                      v = r.places.Version();
                      return Ok();
                    })
                    .ok());
    return v;
  };
  // Each change, and whether the version must rise with it.
  std::int64_t shift_id = 0;
  std::int64_t entrance_id = 0;
  const std::vector<std::pair<std::string, std::function<void(Repositories&)>>> changes = {
      {"a zone", [&](Repositories& r) { ASSERT_TRUE(CreateZone(r, place.community, 1).ok()); }},
      {"an entrance",
       [&](Repositories& r) {
         registry::Entrance e;
         e.community_id = place.community;
         e.name = "北门";
         auto made = r.places.CreateEntrance(e);
         ASSERT_TRUE(made.ok());
         entrance_id = made->id;
       }},
      {"an entrance renamed",
       [&](Repositories& r) {
         auto e = r.places.FindEntrance(entrance_id);
         ASSERT_TRUE(e.has_value());
         e->name = "北门（临时）";
         ASSERT_TRUE(r.places.UpdateEntrance(*e).ok());
       }},
      {"a shift",
       [&](Repositories& r) {
         gate::Shift s;
         s.community_id = place.community;
         s.entrance_id = place.entrance;
         s.day = "2020-02-10";
         s.starts = "08:30";
         s.ends = "09:30";
         s.user_id = guard->id;
         shift_id = r.shifts.Insert(s, 1000, std::nullopt);
       }},
      {"a shift removed", [&](Repositories& r) { ASSERT_TRUE(r.shifts.Remove(shift_id)); }},
      {"an entrance deleted",
       [&](Repositories& r) { ASSERT_TRUE(r.places.DeleteEntrance(entrance_id).ok()); }},
  };
  for (const auto& [what, change] : changes) {
    const std::int64_t before = version();
    ASSERT_TRUE(store
                    ->Write([&](Repositories& r) {
                      change(r);
                      return Ok();
                    })
                    .ok());
    EXPECT_GT(version(), before) << what;
  }
  // A person or a setting is not what a gate decision keeps.
  const std::int64_t before = version();
  ASSERT_TRUE(store
                  ->Write([&](Repositories& r) {
                    auto p = r.persons.Insert(
                        MakePerson(place.community, std::string("\x10hash\x00two", 9)));
                    EXPECT_TRUE(p.ok());
                    r.settings.Put("unrelated", "yes");
                    return Ok();
                  })
                  .ok());
  EXPECT_EQ(version(), before);
}

TEST_P(StoreContract, AGateEventIsStoredOnceAndNeverChanged) {
  auto store = Open();
  const Place place = MakePlace(*store);
  gate::GateEvent e;
  e.community_id = place.community;
  e.entrance_id = place.entrance;
  e.client_event_id = "9b2f6c1e-8d4a-4c3b-9e1f-2a7d5c8b0e11";
  e.person_id = place.person;
  e.reasons = {"pass.green"};
  e.decided_at = 1764460800000;  // 2025-11-30
  e.received_at = 1764460801000;
  std::optional<std::int64_t> first;
  std::optional<std::int64_t> second;
  ASSERT_TRUE(store
                  ->Write([&](Repositories& r) {
                    first = r.gate.Insert(e);
                    second = r.gate.Insert(e);  // a retried upload
                    return Ok();
                  })
                  .ok());
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(second.has_value());
  ASSERT_TRUE(store
                  ->Read([&](Repositories& r) {
                    auto found = r.gate.FindByClientId(e.client_event_id);
                    EXPECT_TRUE(found.has_value());
                    EXPECT_EQ(found->id, *first);
                    EXPECT_EQ(found->decided_at, e.decided_at);
                    gate::GateEventCriteria c;
                    c.community_id = place.community;
                    EXPECT_EQ(r.gate.List(c).size(), 1u);
                    return Ok();
                  })
                  .ok());
  auto raw = Raw();
  EXPECT_THROW(raw->Exec("UPDATE gate_events SET decision = 'deny'"), StorageError);
  EXPECT_THROW(raw->Exec("DELETE FROM gate_events"), StorageError);
}

// Migration 0009: the checks of short code lists are comparisons, which SQLite evaluates without
// building a temporary index of the list for every statement, on databases made before it too.
TEST(SqliteStoreTest, CodeListsAreCheckedWithoutATemporaryIndexAndStillRefuseOtherCodes) {
  SqliteBackend db;
  {
    // A database as the version before made it, with a row in one of the tables changed.
    auto raw = db.Raw();
    const auto all = sqlite::EmbeddedMigrations();
    ASSERT_GE(all.size(), 9u);
    ASSERT_EQ(all[8].version, 9);
    ASSERT_EQ(sql::Migrate(*raw, all.first(8)), 8);
    raw->Exec(
        "INSERT INTO risk_areas (region_code, name, level, from_day, created_at) "
        "VALUES ('420100', '武汉市', 'high', '2020-01-23', 1)");
  }
  auto store = db.Open();  // applies 0009 and after, then writes with the migrated schema
  const Place place = MakePlace(*store);
  gate::GateEvent e;
  e.community_id = place.community;
  e.entrance_id = place.entrance;
  e.client_event_id = "0193f1c2-7d4a-7c3b-9e1f-2a7d5c8b0e11";
  e.reasons = {"pass.green"};
  std::optional<std::int64_t> stored;
  ASSERT_TRUE(store
                  ->Write([&](Repositories& r) {
                    stored = r.gate.Insert(e);
                    return Ok();
                  })
                  .ok());
  EXPECT_TRUE(stored.has_value());

  auto raw = db.Raw();
  auto ephemeral = [&](const std::string& insert) {
    auto q = raw->Prepare("EXPLAIN " + insert);
    int n = 0;
    while (q.Step()) {
      n += q.Text(1) == "OpenEphemeral" ? 1 : 0;
    }
    return n;
  };
  for (const char* table :
       {"gate_events", "declarations", "person_status", "risk_areas", "entrances"}) {
    EXPECT_EQ(ephemeral(std::string("INSERT INTO ") + table + " DEFAULT VALUES"), 0) << table;
  }
  auto lists = raw->Prepare("SELECT name FROM sqlite_schema WHERE sql LIKE '%IN (''%'");
  EXPECT_FALSE(lists.Step()) << lists.Text(0);
  auto integrity = raw->Prepare("PRAGMA integrity_check");
  ASSERT_TRUE(integrity.Step());
  EXPECT_EQ(integrity.Text(0), "ok");
  auto kept = raw->Prepare("SELECT count(*) FROM risk_areas WHERE level = 'high'");
  ASSERT_TRUE(kept.Step());
  EXPECT_EQ(kept.Int(0), 1);

  // Every code of each list is still taken, and nothing else.
  const std::string entrance = std::to_string(place.entrance);
  const std::string community = std::to_string(place.community);
  auto event = [&](int n, const std::string& direction, const std::string& method,
                   const std::string& decision) {
    raw->Exec(("INSERT INTO gate_events (community_id, entrance_id, client_event_id, direction, "
               "method, plate, decision, reasons, device, decided_at, received_at) VALUES (" +
               community + ", " + entrance + ", 'raw-" + std::to_string(n) + "', '" + direction +
               "', '" + method + "', '', '" + decision + "', '', '', 1, 1)")
                  .c_str());
  };
  int n = 0;
  for (const char* direction : {"in", "out"}) {
    for (const char* method : {"pass", "id_number", "plate"}) {
      for (const char* decision : {"allow", "refer", "deny"}) {
        EXPECT_NO_THROW(event(++n, direction, method, decision));
      }
    }
  }
  EXPECT_THROW(event(++n, "sideways", "pass", "allow"), StorageError);
  EXPECT_THROW(event(++n, "in", "face", "allow"), StorageError);
  EXPECT_THROW(event(++n, "in", "pass", "maybe"), StorageError);
  EXPECT_THROW(event(++n, "IN", "pass", "allow"), StorageError);
  for (const char* level : {"low", "medium"}) {
    EXPECT_NO_THROW(raw->Exec((std::string("INSERT INTO risk_areas (region_code, name, level, "
                                           "from_day, created_at) VALUES ('1', 'x', '") +
                               level + "', '2020-01-01', 1)")
                                  .c_str()));
  }
  EXPECT_THROW(raw->Exec("INSERT INTO risk_areas (region_code, name, level, from_day, created_at) "
                         "VALUES ('1', 'x', 'extreme', '2020-01-01', 1)"),
               StorageError);
}

TEST_P(StoreContract, DeclarationsOfManyMonthsAreAllFound) {
  auto store = Open();
  const Place place = MakePlace(*store);
  // One a month for a year and a half, past and future: on PostgreSQL they fall into monthly
  // partitions and the default one, and read back as one table.
  constexpr int kMonths = 18;
  const TimeMs month = 31LL * 24 * 3600 * 1000;
  const TimeMs start = 1764460800000 - 12 * month;
  ASSERT_TRUE(store
                  ->Write([&](Repositories& r) {
                    for (int i = 0; i < kMonths; ++i) {
                      health::DeclarationRecord d;
                      d.community_id = place.community;
                      d.person_id = place.person;
                      d.day = "2025-01-" + std::to_string(10 + i);
                      d.submitted_at = start + i * month;
                      d.temperature_tenths = 365;
                      d.rules_version = 1;
                      r.declarations.Insert(d);
                    }
                    return Ok();
                  })
                  .ok());
  ASSERT_TRUE(store
                  ->Read([&](Repositories& r) {
                    health::DeclarationCriteria c;
                    c.community_id = place.community;
                    c.limit = 100;
                    auto all = r.declarations.List(c);
                    EXPECT_EQ(all.size(), static_cast<size_t>(kMonths));
                    for (size_t i = 1; i < all.size(); ++i) {
                      EXPECT_GT(all[i - 1].id, all[i].id);  // newest first
                    }
                    return Ok();
                  })
                  .ok());
}

TEST_P(StoreContract, AStatusIsPutWholeThenChangedInPlace) {
  auto store = Open();
  const Place place = MakePlace(*store);
  health::PersonStatus s;
  ASSERT_TRUE(store
                  ->Write([&](Repositories& r) {
                    health::DeclarationRecord d;
                    d.community_id = place.community;
                    d.person_id = place.person;
                    d.day = "2026-11-30";
                    d.submitted_at = 1764460800000;
                    d.temperature_tenths = 365;
                    d.rules_version = 1;
                    s.declaration_id = r.declarations.Insert(d);
                    s.person_id = place.person;
                    s.community_id = place.community;
                    s.pass_ref = "ref-1";
                    s.colour_since = d.submitted_at;
                    s.declared_day = d.day;
                    s.valid_until = d.submitted_at + 86'400'000;
                    s.rules_version = 1;
                    r.statuses.Put(s);  // the first: inserted
                    s.colour = health::Colour::kRed;
                    s.colour_since += 1000;
                    s.rules_version = 2;
                    r.statuses.Put(s);  // then changed where it is
                    return Ok();
                  })
                  .ok());
  ASSERT_TRUE(store
                  ->Read([&](Repositories& r) {
                    auto got = r.statuses.FindByRef("ref-1");
                    EXPECT_TRUE(got.has_value());
                    if (got) {
                      EXPECT_EQ(got->person_id, place.person);
                      EXPECT_EQ(got->colour, health::Colour::kRed);
                      EXPECT_EQ(got->colour_since, s.colour_since);
                      EXPECT_EQ(got->rules_version, 2);
                      EXPECT_EQ(got->declaration_id, s.declaration_id);
                    }
                    return Ok();
                  })
                  .ok());
  // A new reference replaces the old one whole.
  s.pass_ref = "ref-2";
  ASSERT_TRUE(store
                  ->Write([&](Repositories& r) {
                    r.statuses.Put(s);
                    return Ok();
                  })
                  .ok());
  ASSERT_TRUE(store
                  ->Read([&](Repositories& r) {
                    EXPECT_FALSE(r.statuses.FindByRef("ref-1").has_value());
                    auto got = r.statuses.Get(place.person);
                    EXPECT_TRUE(got.has_value());
                    if (got) {
                      EXPECT_EQ(got->pass_ref, "ref-2");
                    }
                    return Ok();
                  })
                  .ok());
}

TEST(PostgresStoreTest, RefusesAServerThatMayLoseAcknowledgedWrites) {
  if (PostgresBackend::Server().empty()) {
    GTEST_SKIP() << "CORDON_TEST_POSTGRES is not set";
  }
  PostgresBackend db;
  // The server's settings as this session sees them: synchronous_commit off for it alone.
  const std::string lossy = db.url() + "?options=-c%20synchronous_commit%3Doff";
  try {
    postgres::PostgresStore store(lossy);
    FAIL() << "a store opened on a server with synchronous_commit off";
  } catch (const StorageError& e) {
    EXPECT_NE(std::string(e.what()).find("synchronous_commit"), std::string::npos) << e.what();
  }
  postgres::PostgresStore fine(db.url());  // the same server, durable: accepted
}

TEST(PostgresStoreTest, DeclarationsAndGateEventsArePartitionedByMonth) {
  if (PostgresBackend::Server().empty()) {
    GTEST_SKIP() << "CORDON_TEST_POSTGRES is not set";
  }
  PostgresBackend db;
  { postgres::PostgresStore store(db.url()); }
  postgres::Connection c(db.url());
  for (const char* table : {"declarations", "gate_events"}) {
    auto q = c.Prepare(
        "SELECT count(*) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent "
        "WHERE p.relname = ?");
    q.Bind(1, table);
    ASSERT_TRUE(q.Step());
    // This month and the next two, and the default partition.
    EXPECT_GE(q.Int(0), 4) << table;
  }
}

TEST(PostgresStoreTest, ARunningServerKeepsMakingTheComingPartitions) {
  if (PostgresBackend::Server().empty()) {
    GTEST_SKIP() << "CORDON_TEST_POSTGRES is not set";
  }
  PostgresBackend db;
  postgres::PostgresOptions options;
  options.partition_check_every = std::chrono::milliseconds(50);
  postgres::PostgresStore store(db.url(), options);
  postgres::Connection c(db.url());
  auto count = [&] {
    auto q = c.Prepare(
        "SELECT count(*) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent "
        "WHERE p.relname = 'declarations'");
    q.Step();
    return q.Int(0);
  };
  const auto made = count();
  // The last of the coming months dropped (as if the server had run into it): made again.
  auto last = c.Prepare(
      "SELECT max(k.relname) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent "
      "JOIN pg_class k ON k.oid = i.inhrelid WHERE p.relname = 'declarations' "
      "AND k.relname <> 'declarations_default'");
  ASSERT_TRUE(last.Step());
  const std::string name = last.Text(0);
  c.Exec(("DROP TABLE " + name).c_str());
  EXPECT_EQ(count(), made - 1);
  for (int i = 0; i < 100 && count() < made; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(count(), made) << name << " was not made again";
}

TEST(PostgresStoreTest, ParametersBecomeDollarNumbers) {
  int n = 0;
  EXPECT_EQ(postgres::ToDollarParams("SELECT ? , ?", n), "SELECT $1 , $2");
  EXPECT_EQ(n, 2);
  EXPECT_EQ(postgres::ToDollarParams("a = ?2 OR ?1 IS NULL AND b = ?", n),
            "a = $2 OR $1 IS NULL AND b = $3");
  EXPECT_EQ(n, 3);
  // Quoted text and comments keep their question marks.
  EXPECT_EQ(postgres::ToDollarParams("SELECT '?''?' , \"?\" -- ?\n, ?", n),
            "SELECT '?''?' , \"?\" -- ?\n, $1");
  EXPECT_EQ(n, 1);
}

}  // namespace
}  // namespace cordon::store
