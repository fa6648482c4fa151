#include "http/routes/json_views.h"

#include <boost/json.hpp>

namespace cordon::http {

boost::json::object UserJson(const accounts::User& u) {
  boost::json::array perms;
  for (std::string_view p : accounts::PermissionsOf(u.role)) {
    perms.emplace_back(p);
  }
  return {
      {"id", u.id},
      {"username", u.username},
      {"display_name", u.display_name},
      {"role", accounts::RoleCode(u.role)},
      {"scope", {{"kind", accounts::ScopeKindCode(u.scope.kind)}, {"code", u.scope.code}}},
      {"permissions", std::move(perms)},
      {"disabled", u.disabled},
      {"created_at", FormatTime(u.created_at)},
  };
}

}  // namespace cordon::http
