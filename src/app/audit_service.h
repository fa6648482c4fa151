// Reading the audit trail, and building entries for the use cases that write it.
//
// Thread-safety: safe to share between threads.
#pragma once

#include <optional>
#include <string>

#include "app/context.h"
#include "common/clock.h"
#include "domain/store.h"

namespace cordon::app {

// An entry for something `actor` did (or the command line, when actor is null).
audit::AuditEntry MakeAuditEntry(const RequestContext& ctx, const Principal* actor,
                                 std::string action, std::string record_type, std::string record_id,
                                 std::string detail_json, TimeMs now);

// The most entries one page returns.
inline constexpr int kMaxAuditPage = 200;

class AuditService {
 public:
  explicit AuditService(Store& store) : store_(store) {}

  // Requires system:audit:read. Errors: auth.forbidden, storage.failed.
  Result<audit::AuditPage> List(const Principal& principal, audit::AuditCriteria criteria);

 private:
  Store& store_;
};

}  // namespace cordon::app
