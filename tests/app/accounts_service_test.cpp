// Sign-in, sessions, throttling and accounts, against the real SQLite store and a manual clock.
#include "app/accounts_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "app/audit_service.h"
#include "store/sqlite/sqlite_store.h"
#include "support/temp_dir.h"

namespace cordon::app {
namespace {

constexpr TimeMs kStart = 1'583'022'600'000;  // 2020-03-01T00:30:00Z

class AccountsServiceTest : public ::testing::Test {
 protected:
  AccountsServiceTest()
      : store_(dir_.File("a.db")), clock_(kStart), accounts_(store_, clock_, Options()) {
    InitCrypto();
  }

  static AuthOptions Options() {
    AuthOptions o;
    o.idle_ms = 30 * 60'000;
    o.absolute_ms = 8 * 3600'000;
    o.touch_interval_ms = 60'000;
    // The smallest argon2id work libsodium allows: these tests check logic, not hashing cost.
    o.password.ops_limit = 1;
    o.password.mem_limit = 8192;
    return o;
  }

  accounts::User MakeUser(const std::string& name, const std::string& role = "admin",
                          const std::string& scope = "") {
    auto u = accounts_.CreateUser(ctx_, nullptr, {name, "correct horse", "", role, scope});
    EXPECT_TRUE(u.ok()) << (u.ok() ? "" : u.error().code);
    return *u;
  }

  std::vector<audit::AuditEntry> Audit(const std::string& action) {
    audit::AuditCriteria c;
    c.action = action;
    c.limit = 100;
    std::vector<audit::AuditEntry> out;
    EXPECT_TRUE(store_
                    .Read([&](Repositories& r) {
                      out = r.audit.List(c).entries;
                      return Ok();
                    })
                    .ok());
    return out;
  }

  testing::TempDir dir_;
  store::sqlite::SqliteStore store_;
  ManualClock clock_;
  AccountsService accounts_;
  RequestContext ctx_{"req-1", "10.0.0.7"};
};

TEST_F(AccountsServiceTest, LoginAuthenticateLogout) {
  auto user = MakeUser("alice");
  auto login = accounts_.Login(ctx_, "alice", "correct horse");
  ASSERT_TRUE(login.ok()) << login.error().code;
  EXPECT_GE(login->token.size(), 43u);  // 256 bits in base64
  EXPECT_EQ(login->user.id, user.id);
  EXPECT_EQ(login->expires_at, kStart + Options().absolute_ms);

  auto who = accounts_.Authenticate(ctx_, login->token);
  ASSERT_TRUE(who.ok());
  EXPECT_EQ(who->user.username, "alice");
  EXPECT_NE(who->token_hash, login->token);  // only the hash is kept

  ASSERT_TRUE(accounts_.Logout(ctx_, *who).ok());
  auto after = accounts_.Authenticate(ctx_, login->token);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, "auth.unauthenticated");

  auto logins = Audit("auth.login");
  ASSERT_EQ(logins.size(), 1u);
  EXPECT_EQ(logins[0].user_id, user.id);
  EXPECT_EQ(logins[0].client_address, "10.0.0.7");
  EXPECT_EQ(logins[0].request_id, "req-1");
  EXPECT_EQ(Audit("auth.logout").size(), 1u);
}

TEST_F(AccountsServiceTest, ASessionIsRememberedBrieflyAndASignOutEndsItAtOnce) {
  MakeUser("alice");
  auto login = accounts_.Login(ctx_, "alice", "correct horse");
  ASSERT_TRUE(login.ok());
  auto who = accounts_.Authenticate(ctx_, login->token);
  ASSERT_TRUE(who.ok());
  // Ended in the database by another node: this one refuses it once its copy is old.
  ASSERT_TRUE(store_
                  .Write([&](Repositories& r) {
                    EXPECT_TRUE(r.sessions.Revoke(who->token_hash));
                    return Ok();
                  })
                  .ok());
  EXPECT_TRUE(accounts_.Authenticate(ctx_, login->token).ok());
  clock_.Advance(Options().remember_ms - 1);
  EXPECT_TRUE(accounts_.Authenticate(ctx_, login->token).ok());
  clock_.Advance(1);
  EXPECT_EQ(accounts_.Authenticate(ctx_, login->token).error().code, "auth.unauthenticated");

  // Signing out on this node ends the session at once, remembered or not.
  auto second = accounts_.Login(ctx_, "alice", "correct horse");
  ASSERT_TRUE(second.ok());
  auto again = accounts_.Authenticate(ctx_, second->token);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(accounts_.Logout(ctx_, *again).ok());
  EXPECT_EQ(accounts_.Authenticate(ctx_, second->token).error().code, "auth.unauthenticated");
  clock_.Advance(Options().remember_ms);
  EXPECT_EQ(accounts_.Authenticate(ctx_, second->token).error().code, "auth.unauthenticated");
}

TEST_F(AccountsServiceTest, WrongPasswordAndUnknownUserLookTheSame) {
  MakeUser("alice");
  auto wrong = accounts_.Login(ctx_, "alice", "wrong horse");
  auto unknown = accounts_.Login(ctx_, "nobody", "wrong horse");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error(), unknown.error());
  EXPECT_EQ(wrong.error().code, "auth.invalid_credentials");
  auto failed = Audit("auth.login_failed");
  ASSERT_EQ(failed.size(), 2u);
  // What was typed as an unknown username is not kept: it may be a password or an ID number.
  EXPECT_EQ(failed[0].username, "");
  EXPECT_EQ(failed[0].detail, R"({"reason":"unknown_user"})");
  EXPECT_EQ(failed[1].username, "alice");
}

TEST_F(AccountsServiceTest, AccountBacksOffThenLocks) {
  MakeUser("alice");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(accounts_.Login(ctx_, "alice", "nope nope").error().code, "auth.invalid_credentials");
  }
  EXPECT_EQ(accounts_.Login(ctx_, "alice", "nope nope").error().code, "auth.invalid_credentials");
  // Fourth failure: one second's wait, during which even the right password is refused.
  auto blocked = accounts_.Login(ctx_, "alice", "correct horse");
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, "auth.throttled");
  EXPECT_EQ(blocked.error().detail, "1");
  for (int i = 5; i <= 10; ++i) {
    clock_.Advance(60'000);
    EXPECT_EQ(accounts_.Login(ctx_, "alice", "nope nope").error().code, "auth.invalid_credentials");
  }
  clock_.Advance(60'000);
  auto locked = accounts_.Login(ctx_, "alice", "correct horse");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, "auth.locked");
  clock_.Advance(15 * 60'000);
  EXPECT_TRUE(accounts_.Login(ctx_, "alice", "correct horse").ok());
  // Success clears the account's count.
  EXPECT_EQ(accounts_.Login(ctx_, "alice", "nope nope").error().code, "auth.invalid_credentials");
  EXPECT_TRUE(accounts_.Login(ctx_, "alice", "correct horse").ok());
}

TEST_F(AccountsServiceTest, AddressIsThrottledAcrossUsernames) {
  MakeUser("alice");
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(accounts_.Login(ctx_, "guess" + std::to_string(i), "x1234567").error().code,
              "auth.invalid_credentials");
  }
  EXPECT_EQ(accounts_.Login(ctx_, "guess10", "x1234567").error().code, "auth.invalid_credentials");
  EXPECT_EQ(accounts_.Login(ctx_, "alice", "correct horse").error().code, "auth.throttled");
  // Another address is not affected.
  RequestContext other{"req-2", "10.0.0.8"};
  EXPECT_TRUE(accounts_.Login(other, "alice", "correct horse").ok());
}

TEST_F(AccountsServiceTest, SessionsExpireWhenIdleAndAtTheirAbsoluteEnd) {
  MakeUser("alice");
  auto login = accounts_.Login(ctx_, "alice", "correct horse");
  ASSERT_TRUE(login.ok());
  // Activity every 20 minutes keeps it alive past the idle limit...
  for (int i = 0; i < 6; ++i) {
    clock_.Advance(20 * 60'000);
    ASSERT_TRUE(accounts_.Authenticate(ctx_, login->token).ok()) << i;
  }
  // ...then 31 idle minutes end it.
  clock_.Advance(31 * 60'000);
  EXPECT_EQ(accounts_.Authenticate(ctx_, login->token).error().code, "auth.session_expired");

  auto second = accounts_.Login(ctx_, "alice", "correct horse");
  ASSERT_TRUE(second.ok());
  // However active, it ends 8 hours after sign-in.
  for (int i = 0; i < 23; ++i) {
    clock_.Advance(20 * 60'000);
    ASSERT_TRUE(accounts_.Authenticate(ctx_, second->token).ok()) << i;
  }
  clock_.Advance(20 * 60'000);
  EXPECT_EQ(clock_.NowMs(), second->expires_at);
  EXPECT_EQ(accounts_.Authenticate(ctx_, second->token).error().code, "auth.session_expired");
}

TEST_F(AccountsServiceTest, CreateUserValidates) {
  struct Case {
    NewUserRequest req;
    const char* code;
  };
  const Case cases[] = {
      {{"a", "correct horse", "", "admin", ""}, "username.format"},
      {{"有中文", "correct horse", "", "admin", ""}, "username.format"},
      {{"bob", "short", "", "admin", ""}, "password.too_short"},
      {{"bob", "correct horse", "", "emperor", ""}, "role.unknown"},
      {{"bob", "correct horse", "", "grid_worker", ""}, "scope.required"},
      {{"bob", "correct horse", "", "grid_worker", "zone:x"}, "scope.format"},
  };
  for (const auto& c : cases) {
    auto r = accounts_.CreateUser(ctx_, nullptr, c.req);
    ASSERT_FALSE(r.ok()) << c.code;
    EXPECT_EQ(r.error().code, c.code);
  }
  MakeUser("bob");
  auto dup = accounts_.CreateUser(ctx_, nullptr, {"bob", "correct horse", "", "admin", ""});
  EXPECT_EQ(dup.error().code, "username.taken");
  auto created = Audit("user.create");
  ASSERT_EQ(created.size(), 1u);
  EXPECT_EQ(created[0].role, "system");
}

TEST_F(AccountsServiceTest, OnlyAdminsCreateUsersAndManagersSeeTheirScope) {
  MakeUser("root");
  MakeUser("mgr", "manager", "community:441900003001");
  MakeUser("gw1", "grid_worker", "zone:441900003001-1");
  MakeUser("gw2", "grid_worker", "zone:441900004001-1");
  auto mgr = accounts_.Authenticate(ctx_, accounts_.Login(ctx_, "mgr", "correct horse")->token);
  ASSERT_TRUE(mgr.ok());
  auto denied = accounts_.CreateUser(ctx_, &*mgr, {"x12", "correct horse", "", "admin", ""});
  EXPECT_EQ(denied.error().code, "auth.forbidden");
  auto page = accounts_.ListUsers(*mgr, {});
  ASSERT_TRUE(page.ok());
  std::vector<std::string> names;
  for (const auto& u : page->users) {
    names.push_back(u.username);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"mgr", "gw1"}));

  auto gw = accounts_.Authenticate(ctx_, accounts_.Login(ctx_, "gw1", "correct horse")->token);
  EXPECT_EQ(accounts_.ListUsers(*gw, {}).error().code, "auth.forbidden");
}

TEST_F(AccountsServiceTest, AuditListNeedsTheAuditPermission) {
  MakeUser("root");
  MakeUser("gw1", "grid_worker", "zone:441900003001-1");
  AuditService audit(store_);
  auto root = accounts_.Authenticate(ctx_, accounts_.Login(ctx_, "root", "correct horse")->token);
  auto gw = accounts_.Authenticate(ctx_, accounts_.Login(ctx_, "gw1", "correct horse")->token);
  EXPECT_TRUE(audit.List(*root, {}).ok());
  EXPECT_EQ(audit.List(*gw, {}).error().code, "auth.forbidden");
}

}  // namespace
}  // namespace cordon::app

namespace cordon::app {
namespace {

TEST_F(AccountsServiceTest, AParallelBurstOfGuessesIsThrottled) {
  MakeUser("alice");
  constexpr int kGuesses = 12;
  std::vector<std::thread> threads;
  std::atomic<int> throttled{0};
  std::atomic<int> invalid{0};
  for (int i = 0; i < kGuesses; ++i) {
    threads.emplace_back([&] {
      auto r = accounts_.Login(ctx_, "alice", "wrong horse");
      if (r.error().code == "auth.throttled" || r.error().code == "auth.locked") {
        ++throttled;
      } else if (r.error().code == "auth.invalid_credentials") {
        ++invalid;
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  EXPECT_EQ(throttled + invalid, kGuesses);
  // Only the free attempts and the one that starts the back-off reach the password check.
  EXPECT_EQ(invalid.load(), 4);
}

TEST_F(AccountsServiceTest, ASuccessTakesBackItsAddressCount) {
  MakeUser("alice");
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(accounts_.Login(ctx_, "alice", "correct horse").ok()) << i;
  }
}

}  // namespace
}  // namespace cordon::app
