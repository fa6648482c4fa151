#include "app/accounts_service.h"

#include <algorithm>
#include <boost/json.hpp>

#include "app/audit_service.h"
#include "app/authorize.h"

namespace cordon::app {
namespace {

// The longest username or password read at sign-in; longer input is refused unread.
constexpr size_t kMaxCredentialBytes = 256;

std::string UserKey(std::string_view username) {
  std::string key = "user:";
  for (char c : username) {
    key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return key;
}

std::string AddressKey(std::string_view address) { return "addr:" + std::string(address); }

Error ThrottleError(const accounts::ThrottleVerdict& v) {
  const auto seconds = std::max<TimeMs>(1, (v.retry_after_ms + 999) / 1000);
  return MakeError(v.locked ? "auth.locked" : "auth.throttled", "", std::to_string(seconds));
}

std::string Detail(const boost::json::object& fields) { return boost::json::serialize(fields); }

}  // namespace

Result<LoginResult> AccountsService::Login(const RequestContext& ctx, const std::string& username,
                                           const std::string& password) {
  if (username.empty()) {
    return MakeError("request.missing_field", "username");
  }
  if (password.empty()) {
    return MakeError("request.missing_field", "password");
  }
  if (username.size() > kMaxCredentialBytes || password.size() > kMaxCredentialBytes) {
    return MakeError("auth.invalid_credentials");
  }
  const std::string user_key = UserKey(username);
  const std::string addr_key = AddressKey(ctx.client_address);
  const TimeMs now = clock_.NowMs();

  std::optional<accounts::UserCredentials> creds;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) {
    creds = r.users.FindByUsername(username);
    return Ok();
  }));

  // Each attempt is counted as a failure before the password is checked, in one writer unit, so
  // that a burst of parallel guesses is throttled as surely as a sequence. A blocked key is
  // refused before any hashing work. A success takes its count back below.
  const auto account_policy = accounts::AccountThrottlePolicy();
  const auto address_policy = accounts::AddressThrottlePolicy();
  accounts::ThrottleState addr_before;
  accounts::ThrottleState addr_counted;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    addr_before = r.throttle.Get(addr_key);
    const auto user_before = r.throttle.Get(user_key);
    for (const auto& [state, policy] :
         {std::pair{addr_before, address_policy}, std::pair{user_before, account_policy}}) {
      auto verdict = accounts::CheckThrottle(state, now, policy);
      if (!verdict.allowed) {
        return ThrottleError(verdict);  // nothing counted for a refused attempt
      }
    }
    addr_counted = accounts::AfterFailure(addr_before, now, address_policy);
    r.throttle.Put(addr_key, addr_counted);
    r.throttle.Put(user_key, accounts::AfterFailure(user_before, now, account_policy));
    return Ok();
  }));

  // An unknown user costs the same time as a wrong password.
  static const std::string kDummyHash = HashPassword("cordon-no-such-user", options_.password);
  const bool verified = VerifyPassword(password, creds ? creds->password_hash : kDummyHash);
  const bool ok = verified && creds && !creds->user.disabled;

  if (!ok) {
    const bool known = creds.has_value();
    CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) {
      // What was typed into an unknown username may be a password or an ID number: keep it out.
      auto entry = MakeAuditEntry(
          ctx, nullptr, "auth.login_failed", "user", known ? std::to_string(creds->user.id) : "",
          Detail(boost::json::object{
              {"reason",
               known ? (creds->user.disabled ? "disabled" : "password") : "unknown_user"}}),
          now);
      entry.username = known ? creds->user.username : "";
      entry.role = known ? std::string(accounts::RoleCode(creds->user.role)) : "";
      entry.user_id = known ? std::optional(creds->user.id) : std::nullopt;
      r.audit.Append(entry);
      return Ok();
    }));
    return MakeError("auth.invalid_credentials");
  }

  LoginResult result;
  result.token = NewToken();
  result.user = creds->user;
  result.expires_at = now + options_.absolute_ms;
  accounts::Session session{
      HashToken(result.token), creds->user.id, now, now, result.expires_at, false,
      ctx.client_address};
  Principal actor{creds->user, session.token_hash};
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) {
    r.sessions.Create(session);
    r.throttle.Clear(user_key);
    // Take back this attempt's count from the address; if others came since, take back one.
    const auto addr_now = r.throttle.Get(addr_key);
    if (addr_now.failures == addr_counted.failures &&
        addr_now.window_start == addr_counted.window_start) {
      r.throttle.Put(addr_key, addr_before);
    } else if (addr_now.failures > 0) {
      auto less = addr_now;
      less.failures -= 1;
      r.throttle.Put(addr_key, less);
    }
    r.audit.Append(MakeAuditEntry(ctx, &actor, "auth.login", "user", std::to_string(creds->user.id),
                                  "{}", now));
    return Ok();
  }));
  return result;
}

Result<Principal> AccountsService::Authenticate(const RequestContext& /*ctx*/,
                                                const std::string& token) {
  if (token.empty()) {
    return MakeError("auth.unauthenticated");
  }
  const std::string hash = HashToken(token);
  const TimeMs now = clock_.NowMs();
  auto known = Recall(hash, now);
  if (!known) {
    std::optional<accounts::Session> session;
    std::optional<accounts::User> user;
    CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) {
      session = r.sessions.Find(hash);
      if (session) {
        user = r.users.FindById(session->user_id);
      }
      return Ok();
    }));
    if (!session || !user) {
      return MakeError("auth.unauthenticated");  // not remembered: tokens nobody holds
    }
    known = Remember(hash, Known{std::move(*session), std::move(*user), now});
  }
  if (known->user.disabled) {
    return MakeError("auth.unauthenticated");
  }
  const accounts::Session& session = known->session;
  if (!accounts::SessionUsable(session, now, options_.idle_ms)) {
    return MakeError(session.revoked ? "auth.unauthenticated" : "auth.session_expired");
  }
  const TimeMs touch_every = std::min(options_.touch_interval_ms, options_.idle_ms / 4);
  if (now - session.last_seen_at >= touch_every) {
    // Not waited for: a request is not held up by a commit that only moves an idle clock.
    Touched(hash, now);
    store_.WriteAsync(
        [hash, now](Repositories& r) {
          r.sessions.Touch(hash, now);
          return Ok();
        },
        // A touch that fails is no loss: this node keeps the time it noted, and the next touch
        // writes a later one.
        [](const Status&) {});
  }
  return Principal{std::move(known->user), hash};
}

std::optional<AccountsService::Known> AccountsService::Recall(const std::string& token_hash,
                                                              TimeMs now) const {
  std::lock_guard lock(known_mu_);
  auto it = known_.find(token_hash);
  if (it == known_.end() || now - it->second.read_at >= options_.remember_ms ||
      now < it->second.read_at) {
    return std::nullopt;
  }
  return it->second;
}

AccountsService::Known AccountsService::Remember(const std::string& token_hash,
                                                 const Known& known) {
  // Enough for every session a city's staff keep open; past it, the stale ones go first.
  constexpr size_t kMaxKnown = 20'000;
  std::lock_guard lock(known_mu_);
  if (known_.size() >= kMaxKnown) {
    std::erase_if(known_, [&](const auto& kv) {
      return known.read_at - kv.second.read_at >= options_.remember_ms;
    });
    if (known_.size() >= kMaxKnown) {
      known_.clear();
    }
  }
  auto [slot, added] = known_.try_emplace(token_hash, known);
  if (added) {
    return known;
  }
  // A sign-out noted while this session was being read stands: the read may predate it.
  if (slot->second.session.revoked && known.read_at - slot->second.read_at < options_.remember_ms) {
    return slot->second;
  }
  // So does a touch not yet committed when it was read.
  const TimeMs seen = std::max(slot->second.session.last_seen_at, known.session.last_seen_at);
  slot->second = known;
  slot->second.session.last_seen_at = seen;
  return slot->second;
}

void AccountsService::Touched(const std::string& token_hash, TimeMs at) {
  std::lock_guard lock(known_mu_);
  if (auto it = known_.find(token_hash); it != known_.end()) {
    it->second.session.last_seen_at = at;
  }
}

void AccountsService::NoteSignOut(const Principal& principal, TimeMs at) {
  Known ended;
  ended.session.token_hash = principal.token_hash;
  ended.session.user_id = principal.user.id;
  ended.session.revoked = true;
  ended.user = principal.user;
  ended.read_at = at;
  std::lock_guard lock(known_mu_);
  known_[principal.token_hash] = std::move(ended);
}

Status AccountsService::Logout(const RequestContext& ctx, const Principal& principal) {
  const TimeMs now = clock_.NowMs();
  Status done = store_.Write([&](Repositories& r) {
    r.sessions.Revoke(principal.token_hash);
    r.audit.Append(MakeAuditEntry(ctx, &principal, "auth.logout", "user",
                                  std::to_string(principal.user.id), "{}", now));
    return Ok();
  });
  if (done.ok()) {
    NoteSignOut(principal, now);
  }
  return done;
}

Result<accounts::User> AccountsService::CreateUser(const RequestContext& ctx,
                                                   const Principal* actor,
                                                   const NewUserRequest& req) {
  if (actor != nullptr) {
    CORDON_RETURN_IF_ERROR(Require(*actor, accounts::perm::kUserCreate));
  }
  CORDON_RETURN_IF_ERROR(accounts::ValidateUsername(req.username));
  CORDON_RETURN_IF_ERROR(accounts::ValidatePassword(req.password));
  auto role = accounts::ParseRole(req.role);
  if (!role) {
    return MakeError("role.unknown", "role");
  }
  auto scope = accounts::ParseScope(req.scope);
  if (!scope.ok()) {
    return scope.error();
  }
  CORDON_RETURN_IF_ERROR(accounts::ValidateRoleScope(*role, *scope));
  if (req.display_name.size() > 64) {
    return MakeError("display_name.too_long", "display_name");
  }
  accounts::NewUser nu;
  nu.username = req.username;
  nu.display_name = req.display_name;
  nu.role = *role;
  nu.scope = *scope;
  nu.password_hash = HashPassword(req.password, options_.password);
  nu.created_at = clock_.NowMs();

  std::optional<accounts::User> created;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    auto u = r.users.Create(nu);
    if (!u.ok()) {
      return u.error();
    }
    created = *u;
    r.audit.Append(MakeAuditEntry(
        ctx, actor, "user.create", "user", std::to_string(u->id),
        Detail(boost::json::object{{"username", nu.username},
                                   {"role", std::string(accounts::RoleCode(nu.role))},
                                   {"scope", accounts::FormatScope(nu.scope)}}),
        nu.created_at));
    return Ok();
  }));
  return *created;
}

Result<UserPage> AccountsService::ListUsers(const Principal& principal,
                                            accounts::UserCriteria criteria) {
  CORDON_RETURN_IF_ERROR(Require(principal, accounts::perm::kUserRead));
  criteria.limit = std::clamp(criteria.limit, 1, kMaxUserPage);
  criteria.scope_prefix =
      principal.user.scope.kind == accounts::ScopeKind::kAll ? "" : principal.user.scope.code;
  UserPage page;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) {
    auto want = criteria;
    want.limit = criteria.limit + 1;
    page.users = r.users.List(want);
    return Ok();
  }));
  if (page.users.size() > static_cast<size_t>(criteria.limit)) {
    page.users.pop_back();
    page.next_after_id = page.users.back().id;
  }
  return page;
}

}  // namespace cordon::app
