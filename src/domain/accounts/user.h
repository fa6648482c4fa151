// Staff accounts and their sessions.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/result.h"
#include "domain/accounts/roles.h"
#include "domain/accounts/scope.h"

namespace cordon::accounts {

struct User {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kGridWorker;
  Scope scope;
  bool disabled = false;
  TimeMs created_at = 0;
};

// A user as the store holds it, with the password hash (argon2id, libsodium's string form).
struct UserCredentials {
  User user;
  std::string password_hash;
};

struct NewUser {
  std::string username;
  std::string display_name;
  Role role = Role::kGridWorker;
  Scope scope;
  std::string password_hash;
  TimeMs created_at = 0;
};

// A signed-in session. The token itself is never stored: only its hash.
struct Session {
  std::string token_hash;  // hex
  std::int64_t user_id = 0;
  TimeMs created_at = 0;
  TimeMs last_seen_at = 0;
  TimeMs expires_at = 0;  // absolute expiry
  bool revoked = false;
  std::string client_address;
};

// 3–32 characters: letters, digits, '.', '_' and '-'. Error: username.format.
Status ValidateUsername(std::string_view username);
// At least 8 characters and at most 128 bytes. Errors: password.too_short, password.too_long.
Status ValidatePassword(std::string_view password);
// Non-admin roles work inside a scope; only an admin may have none. Error: scope.required.
Status ValidateRoleScope(Role role, const Scope& scope);

// Whether the session may still be used at `now`, given the idle limit.
bool SessionUsable(const Session& s, TimeMs now, TimeMs idle_ms);

}  // namespace cordon::accounts
