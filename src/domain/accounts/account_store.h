// Storage interfaces for accounts, sessions and sign-in throttling. Implemented in src/store/.
//
// Thread-safety: an instance is bound to one connection and used by one thread at a time, inside
// Store::Read or Store::Write.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/accounts/login_throttle.h"
#include "domain/accounts/user.h"

namespace cordon::accounts {

struct UserCriteria {
  std::optional<Role> role;
  // Only users whose scope code begins with this (see ScopeContains); empty for all.
  std::string scope_prefix;
  std::int64_t after_id = 0;  // cursor
  int limit = 50;
};

class UserStore {
 public:
  virtual ~UserStore() = default;
  // Error: username.taken when the name exists.
  virtual Result<User> Create(const NewUser& user) = 0;
  virtual std::optional<UserCredentials> FindByUsername(const std::string& username) = 0;
  virtual std::optional<User> FindById(std::int64_t id) = 0;
  virtual std::vector<User> List(const UserCriteria& criteria) = 0;
  virtual std::int64_t Count() = 0;
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  virtual void Create(const Session& session) = 0;
  virtual std::optional<Session> Find(const std::string& token_hash) = 0;
  virtual void Touch(const std::string& token_hash, TimeMs now) = 0;
  // Returns whether a live session was revoked.
  virtual bool Revoke(const std::string& token_hash) = 0;
  // Deletes sessions that expired before `before`; returns how many.
  virtual int DeleteExpired(TimeMs before) = 0;
};

class ThrottleStore {
 public:
  virtual ~ThrottleStore() = default;
  virtual ThrottleState Get(const std::string& key) = 0;
  virtual void Put(const std::string& key, const ThrottleState& state) = 0;
  virtual void Clear(const std::string& key) = 0;
};

}  // namespace cordon::accounts
