// What the routes reach: the use cases, wired once in main.
//
// Thread-safety: every service is safe to share between threads.
#pragma once

#include "app/accounts_service.h"
#include "app/audit_service.h"
#include "common/clock.h"

namespace cordon::http {

struct Services {
  app::AccountsService& accounts;
  app::AuditService& audit;
  const Clock& clock;
};

class Router;

// Each area adds its routes.
void RegisterSystemRoutes(Router& router, Services& services);
void RegisterAuthRoutes(Router& router, Services& services);
void RegisterUserRoutes(Router& router, Services& services);
void RegisterAuditRoutes(Router& router, Services& services);

// Every area's routes.
void RegisterAllRoutes(Router& router, Services& services);

}  // namespace cordon::http
