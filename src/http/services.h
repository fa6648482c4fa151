// What the routes reach: the use cases, wired once in main.
//
// Thread-safety: every service is safe to share between threads.
#pragma once

#include "app/accounts_service.h"
#include "app/audit_service.h"
#include "app/declarations_service.h"
#include "app/gate_service.h"
#include "app/health_rules_service.h"
#include "app/pass_signer.h"
#include "app/persons_service.h"
#include "app/places_service.h"
#include "app/registry_io_service.h"
#include "app/sweep_service.h"
#include "common/clock.h"

namespace cordon::http {

struct Services {
  app::AccountsService& accounts;
  app::AuditService& audit;
  app::PlacesService& places;
  app::PersonsService& persons;
  app::RegistryIoService& registry_io;
  app::DeclarationsService& declarations;
  app::HealthRulesService& health_rules;
  app::SweepService& sweep;
  app::GateService& gate;
  const app::PassSigner& signer;
  const Clock& clock;
  // Where uploads and downloads are staged.
  std::string temp_dir = "/tmp";
};

class Router;

// Each area adds its routes.
void RegisterSystemRoutes(Router& router, Services& services);
void RegisterAuthRoutes(Router& router, Services& services);
void RegisterUserRoutes(Router& router, Services& services);
void RegisterAuditRoutes(Router& router, Services& services);
void RegisterPlaceRoutes(Router& router, Services& services);
void RegisterPersonRoutes(Router& router, Services& services);
void RegisterRegistryIoRoutes(Router& router, Services& services);
void RegisterHealthRoutes(Router& router, Services& services);
void RegisterGateRoutes(Router& router, Services& services);

// Every area's routes.
void RegisterAllRoutes(Router& router, Services& services);

}  // namespace cordon::http
