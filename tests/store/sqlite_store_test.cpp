// The SQLite store against its contract: migrations, each repository, atomic units, group commit
// and durability.
#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store/sqlite/migrations.h"
#include "support/temp_dir.h"

namespace cordon::store::sqlite {
namespace {

using cordon::testing::TempDir;

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

TEST(SqliteStoreTest, MigrationsApplyOnceAndRecordVersion) {
  TempDir dir;
  { SqliteStore store(dir.File("a.db")); }
  Connection c(dir.File("a.db"), Connection::Mode::kWriter);
  EXPECT_EQ(SchemaVersion(c), EmbeddedMigrations().back().version);
  EXPECT_EQ(Migrate(c), 0);  // nothing left to apply
}

TEST(SqliteStoreTest, PragmasAreDurable) {
  TempDir dir;
  SqliteStore store(dir.File("a.db"));
  Connection c(dir.File("a.db"), Connection::Mode::kWriter);
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

TEST(SqliteStoreTest, UsersCreateFindListAndRefuseDuplicates) {
  TempDir dir;
  SqliteStore store(dir.File("a.db"));
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

TEST(SqliteStoreTest, SessionsAndThrottle) {
  TempDir dir;
  SqliteStore store(dir.File("a.db"));
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

TEST(SqliteStoreTest, AuditIsAppendOnlyAndFilterable) {
  TempDir dir;
  SqliteStore store(dir.File("a.db"));
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
  Connection raw(dir.File("a.db"), Connection::Mode::kWriter);
  EXPECT_THROW(raw.Exec("UPDATE audit_log SET action = 'x'"), StorageError);
  EXPECT_THROW(raw.Exec("DELETE FROM audit_log"), StorageError);
}

TEST(SqliteStoreTest, AFailedUnitLeavesNothingAndOthersInTheBatchCommit) {
  TempDir dir;
  SqliteStore store(dir.File("a.db"));
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

TEST(SqliteStoreTest, ConcurrentWritersShareCommitsAndAllLand) {
  TempDir dir;
  constexpr int kThreads = 32;
  constexpr int kPerThread = 20;
  {
    SqliteStore store(dir.File("a.db"));
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          auto u = CreateUser(store, MakeUser("u" + std::to_string(t) + "_" + std::to_string(i)));
          if (!u.ok()) {
            ++failures;
          }
        }
      });
    }
    for (auto& th : threads) {
      th.join();
    }
    EXPECT_EQ(failures.load(), 0);
    auto stats = store.stats();
    EXPECT_EQ(stats.units, static_cast<std::uint64_t>(kThreads * kPerThread));
    // Group commit: concurrent writers share transactions.
    EXPECT_LT(stats.commits, stats.units);
  }
  // Everything acknowledged is there after the store is closed and opened again.
  SqliteStore reopened(dir.File("a.db"));
  ASSERT_TRUE(reopened
                  .Read([&](Repositories& r) {
                    EXPECT_EQ(r.users.Count(), kThreads * kPerThread);
                    return Ok();
                  })
                  .ok());
}

TEST(SqliteStoreTest, RefusesANewerSchema) {
  TempDir dir;
  { SqliteStore store(dir.File("a.db")); }
  {
    Connection c(dir.File("a.db"), Connection::Mode::kWriter);
    c.Exec("INSERT INTO schema_migrations VALUES (9999, 'future', 'x')");
  }
  EXPECT_THROW(SqliteStore(dir.File("a.db")), StorageError);
}

}  // namespace
}  // namespace cordon::store::sqlite
