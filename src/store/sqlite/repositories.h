// SQLite implementations of the domain's store interfaces, bound to one connection.
//
// Thread-safety: as the connection: one thread at a time.
#pragma once

#include "domain/store.h"
#include "store/sqlite/connection.h"

namespace cordon::store::sqlite {

class SqliteUserStore final : public accounts::UserStore {
 public:
  explicit SqliteUserStore(Connection& c) : c_(c) {}
  Result<accounts::User> Create(const accounts::NewUser& user) override;
  std::optional<accounts::UserCredentials> FindByUsername(const std::string& username) override;
  std::optional<accounts::User> FindById(std::int64_t id) override;
  std::vector<accounts::User> List(const accounts::UserCriteria& criteria) override;
  std::int64_t Count() override;

 private:
  Connection& c_;
};

class SqliteSessionStore final : public accounts::SessionStore {
 public:
  explicit SqliteSessionStore(Connection& c) : c_(c) {}
  void Create(const accounts::Session& session) override;
  std::optional<accounts::Session> Find(const std::string& token_hash) override;
  void Touch(const std::string& token_hash, TimeMs now) override;
  bool Revoke(const std::string& token_hash) override;
  int DeleteExpired(TimeMs before) override;

 private:
  Connection& c_;
};

class SqliteThrottleStore final : public accounts::ThrottleStore {
 public:
  explicit SqliteThrottleStore(Connection& c) : c_(c) {}
  accounts::ThrottleState Get(const std::string& key) override;
  void Put(const std::string& key, const accounts::ThrottleState& state) override;
  void Clear(const std::string& key) override;

 private:
  Connection& c_;
};

class SqliteAuditStore final : public audit::AuditStore {
 public:
  explicit SqliteAuditStore(Connection& c) : c_(c) {}
  std::int64_t Append(const audit::AuditEntry& entry) override;
  audit::AuditPage List(const audit::AuditCriteria& criteria) override;

 private:
  Connection& c_;
};

// Every store of one connection, and the Repositories view of them.
struct SqliteRepositories {
  explicit SqliteRepositories(Connection& c) : users(c), sessions(c), throttle(c), audit(c) {}
  SqliteUserStore users;
  SqliteSessionStore sessions;
  SqliteThrottleStore throttle;
  SqliteAuditStore audit;
  Repositories View() { return Repositories{users, sessions, throttle, audit}; }
};

}  // namespace cordon::store::sqlite
