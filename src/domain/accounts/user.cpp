#include "domain/accounts/user.h"

#include <algorithm>

namespace cordon::accounts {

Status ValidateUsername(std::string_view username) {
  if (username.size() < 3 || username.size() > 32) {
    return MakeError("username.format", "username");
  }
  bool ok = std::all_of(username.begin(), username.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
  if (!ok) {
    return MakeError("username.format", "username");
  }
  return Ok();
}

Status ValidatePassword(std::string_view password) {
  // Counted in bytes: a Chinese character is three, which only makes the rule kinder.
  if (password.size() < 8) {
    return MakeError("password.too_short", "password");
  }
  if (password.size() > 128) {
    return MakeError("password.too_long", "password");
  }
  return Ok();
}

Status ValidateRoleScope(Role role, const Scope& scope) {
  if (role != Role::kAdmin && scope.kind == ScopeKind::kAll) {
    return MakeError("scope.required", "scope");
  }
  return Ok();
}

bool SessionUsable(const Session& s, TimeMs now, TimeMs idle_ms) {
  return !s.revoked && now < s.expires_at && now - s.last_seen_at < idle_ms;
}

}  // namespace cordon::accounts
