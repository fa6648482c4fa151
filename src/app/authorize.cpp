#include "app/authorize.h"

namespace cordon::app {

Status Require(const Principal& principal, std::string_view permission) {
  if (!accounts::HasPermission(principal.user.role, permission)) {
    return MakeError("auth.forbidden", "", std::string(permission));
  }
  return Ok();
}

}  // namespace cordon::app
