#include "app/audit_service.h"

#include <algorithm>

#include "app/authorize.h"

namespace cordon::app {

audit::AuditEntry MakeAuditEntry(const RequestContext& ctx, const Principal* actor,
                                 std::string action, std::string record_type, std::string record_id,
                                 std::string detail_json, TimeMs now) {
  audit::AuditEntry e;
  e.at = now;
  if (actor != nullptr) {
    e.user_id = actor->user.id;
    e.username = actor->user.username;
    e.role = std::string(accounts::RoleCode(actor->user.role));
  } else {
    e.username = "cli";
    e.role = "system";
  }
  e.action = std::move(action);
  e.record_type = std::move(record_type);
  e.record_id = std::move(record_id);
  e.client_address = ctx.client_address;
  e.request_id = ctx.request_id;
  e.detail = detail_json.empty() ? "{}" : std::move(detail_json);
  return e;
}

Result<audit::AuditPage> AuditService::List(const Principal& principal,
                                            audit::AuditCriteria criteria) {
  CORDON_RETURN_IF_ERROR(Require(principal, accounts::perm::kAuditRead));
  criteria.limit = std::clamp(criteria.limit, 1, kMaxAuditPage);
  audit::AuditPage page;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) {
    page = r.audit.List(criteria);
    return Ok();
  }));
  return page;
}

}  // namespace cordon::app
