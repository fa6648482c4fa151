#include "store/sql/repositories.h"

namespace cordon::store::sql {
namespace {

constexpr std::string_view kUserColumns =
    "id, username, display_name, role, scope_kind, scope_code, disabled, created_at";

accounts::ScopeKind ScopeKindFromCode(std::string_view code) {
  if (code == "region") {
    return accounts::ScopeKind::kRegion;
  }
  if (code == "community") {
    return accounts::ScopeKind::kCommunity;
  }
  if (code == "zone") {
    return accounts::ScopeKind::kZone;
  }
  return accounts::ScopeKind::kAll;
}

// Reads kUserColumns starting at column 0.
accounts::User ReadUser(const Stmt& q) {
  accounts::User u;
  u.id = q.Int(0);
  u.username = q.Text(1);
  u.display_name = q.Text(2);
  u.role = accounts::ParseRole(q.Text(3)).value_or(accounts::Role::kVolunteer);
  u.scope = accounts::Scope{ScopeKindFromCode(q.Text(4)), q.Text(5)};
  u.disabled = q.Int(6) != 0;
  u.created_at = q.Int(7);
  return u;
}

std::string Sql(std::string_view a, std::string_view b, std::string_view c = {}) {
  std::string s;
  s.reserve(a.size() + b.size() + c.size());
  s.append(a).append(b).append(c);
  return s;
}

}  // namespace

Result<accounts::User> SqlUserStore::Create(const accounts::NewUser& u) {
  CORDON_RETURN_IF_ERROR(UniqueOr(c_, "username.taken", "username", [&] {
    c_.Prepare(
          "INSERT INTO users (username, display_name, role, scope_kind, scope_code, "
          "password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .BindAll(u.username, u.display_name, accounts::RoleCode(u.role),
                 accounts::ScopeKindCode(u.scope.kind), u.scope.code, u.password_hash, u.created_at)
        .Run();
  }));
  accounts::User out;
  out.id = c_.LastInsertId();
  out.username = u.username;
  out.display_name = u.display_name;
  out.role = u.role;
  out.scope = u.scope;
  out.created_at = u.created_at;
  return out;
}

std::optional<accounts::UserCredentials> SqlUserStore::FindByUsername(const std::string& username) {
  static const std::string kSql =
      Sql("SELECT ", kUserColumns, ", password_hash FROM users WHERE username = ?");
  auto q = c_.Prepare(kSql);
  q.Bind(1, username);
  if (!q.Step()) {
    return std::nullopt;
  }
  return accounts::UserCredentials{ReadUser(q), q.Text(8)};
}

std::optional<accounts::User> SqlUserStore::FindById(std::int64_t id) {
  static const std::string kSql = Sql("SELECT ", kUserColumns, " FROM users WHERE id = ?");
  auto q = c_.Prepare(kSql);
  q.Bind(1, id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadUser(q);
}

std::vector<accounts::User> SqlUserStore::List(const accounts::UserCriteria& criteria) {
  static const std::string kSql =
      Sql("SELECT ", kUserColumns,
          " FROM users WHERE id > ?1 AND (role = ?2 OR ?2 IS NULL) "
          "AND substr(scope_code, 1, length(?4)) = ?4 ORDER BY id LIMIT ?3");
  auto q = c_.Prepare(kSql);
  q.Bind(1, criteria.after_id);
  if (criteria.role) {
    q.Bind(2, accounts::RoleCode(*criteria.role));
  } else {
    q.BindNull(2);
  }
  q.Bind(3, criteria.limit);
  q.Bind(4, criteria.scope_prefix);
  std::vector<accounts::User> out;
  while (q.Step()) {
    out.push_back(ReadUser(q));
  }
  return out;
}

std::int64_t SqlUserStore::Count() {
  auto q = c_.Prepare("SELECT count(*) FROM users");
  q.Step();
  return q.Int(0);
}

void SqlSessionStore::Create(const accounts::Session& s) {
  c_.Prepare(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, "
        "revoked, client_address) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .BindAll(s.token_hash, s.user_id, s.created_at, s.last_seen_at, s.expires_at, s.revoked,
               s.client_address)
      .Run();
}

std::optional<accounts::Session> SqlSessionStore::Find(const std::string& token_hash) {
  auto q = c_.Prepare(
      "SELECT token_hash, user_id, created_at, last_seen_at, expires_at, revoked, "
      "client_address FROM sessions WHERE token_hash = ?");
  q.Bind(1, token_hash);
  if (!q.Step()) {
    return std::nullopt;
  }
  return accounts::Session{q.Text(0), q.Int(1),      q.Int(2), q.Int(3),
                           q.Int(4),  q.Int(5) != 0, q.Text(6)};
}

void SqlSessionStore::Touch(const std::string& token_hash, TimeMs now) {
  c_.Prepare(
        "UPDATE sessions SET last_seen_at = CASE WHEN last_seen_at > ?1 THEN last_seen_at ELSE ?1 "
        "END WHERE token_hash = ?2")
      .BindAll(now, token_hash)
      .Run();
}

bool SqlSessionStore::Revoke(const std::string& token_hash) {
  c_.Prepare("UPDATE sessions SET revoked = 1 WHERE token_hash = ? AND revoked = 0")
      .BindAll(token_hash)
      .Run();
  return c_.Changes() > 0;
}

int SqlSessionStore::DeleteExpired(TimeMs before) {
  c_.Prepare("DELETE FROM sessions WHERE expires_at < ?").BindAll(before).Run();
  return c_.Changes();
}

accounts::ThrottleState SqlThrottleStore::Get(const std::string& key) {
  auto q =
      c_.Prepare("SELECT failures, window_start, blocked_until FROM login_throttle WHERE key = ?");
  q.Bind(1, key);
  if (!q.Step()) {
    return {};
  }
  return accounts::ThrottleState{static_cast<int>(q.Int(0)), q.Int(1), q.Int(2)};
}

void SqlThrottleStore::Put(const std::string& key, const accounts::ThrottleState& s) {
  c_.Prepare(
        "INSERT INTO login_throttle (key, failures, window_start, blocked_until) "
        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE SET failures = ?2, "
        "window_start = ?3, blocked_until = ?4")
      .BindAll(key, s.failures, s.window_start, s.blocked_until)
      .Run();
}

void SqlThrottleStore::Clear(const std::string& key) {
  c_.Prepare("DELETE FROM login_throttle WHERE key = ?").BindAll(key).Run();
}

}  // namespace cordon::store::sql
