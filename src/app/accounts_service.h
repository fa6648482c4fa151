// Sign-in, sessions and staff accounts.
//
// Passwords are verified with argon2id, which takes about 0.2 s: call Login from a blocking
// worker thread, never from an I/O thread. Authenticate remembers the sessions it has read for a
// few seconds (AuthOptions::remember_ms), so that a busy client's requests do not each read
// theirs; it never waits for a write.
//
// Thread-safety: safe to share between threads.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/context.h"
#include "app/crypto.h"
#include "common/clock.h"
#include "domain/store.h"

namespace cordon::app {

struct AuthOptions {
  // A session unused this long must sign in again.
  TimeMs idle_ms = 2 * 3600'000;
  // However active, a session ends this long after sign-in (one working day and a half).
  TimeMs absolute_ms = 12 * 3600'000;
  // last_seen_at is written at most this often per session, so reads stay reads.
  TimeMs touch_interval_ms = 60'000;
  // A session read is remembered this long. Signing out ends it at once on this node; with
  // several nodes on one database, the others refuse it within this time.
  TimeMs remember_ms = 10'000;
  PasswordParams password;
};

struct LoginResult {
  std::string token;
  accounts::User user;
  TimeMs expires_at = 0;
};

struct NewUserRequest {
  std::string username;
  std::string password;
  std::string display_name;
  std::string role;   // role code
  std::string scope;  // see accounts::ParseScope
};

struct UserPage {
  std::vector<accounts::User> users;
  std::optional<std::int64_t> next_after_id;
};

inline constexpr int kMaxUserPage = 200;

class AccountsService {
 public:
  AccountsService(Store& store, const Clock& clock, AuthOptions options)
      : store_(store), clock_(clock), options_(std::move(options)) {}

  // Errors: request.missing_field, auth.invalid_credentials (401), auth.throttled and
  // auth.locked (429, with the seconds to wait in Error::detail), storage.failed.
  Result<LoginResult> Login(const RequestContext& ctx, const std::string& username,
                            const std::string& password);
  // Errors: auth.unauthenticated (no or unknown token), auth.session_expired (401).
  Result<Principal> Authenticate(const RequestContext& ctx, const std::string& token);
  Status Logout(const RequestContext& ctx, const Principal& principal);

  // By an admin through the API (actor set), or by the command line (actor null).
  // Errors: username.format, password.too_short, password.too_long, role.unknown, scope.format,
  // scope.required, username.taken (409), auth.forbidden.
  Result<accounts::User> CreateUser(const RequestContext& ctx, const Principal* actor,
                                    const NewUserRequest& request);
  // Requires system:user:read; a non-admin sees only the users inside their own scope.
  Result<UserPage> ListUsers(const Principal& principal, accounts::UserCriteria criteria);

 private:
  // A session as read, with its user.
  struct Known {
    accounts::Session session;
    accounts::User user;
    TimeMs read_at = 0;
  };
  std::optional<Known> Recall(const std::string& token_hash, TimeMs now) const;
  // Keeps a session as read and returns it as remembered (a sign-out or a later touch noted
  // here while it was read stands).
  Known Remember(const std::string& token_hash, const Known& known);
  void Touched(const std::string& token_hash, TimeMs at);
  // Notes a sign-out, so that no read begun before it is remembered after it.
  void NoteSignOut(const Principal& principal, TimeMs at);

  Store& store_;
  const Clock& clock_;
  const AuthOptions options_;
  mutable std::mutex known_mu_;
  std::unordered_map<std::string, Known> known_;  // by token hash
};

}  // namespace cordon::app
