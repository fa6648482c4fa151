#include <boost/json.hpp>

#include "http/router.h"
#include "http/services.h"

namespace cordon::http {

void RegisterSystemRoutes(Router& router, Services& /*services*/) {
  router.Add(Route{
      .method = "GET",
      .pattern = "/healthz",
      .operation_id = "getHealth",
      .handler =
          [](const Request&, RouteContext&) {
            return JsonResponse(200, {{"status", "ok"}, {"version", CORDON_VERSION}});
          },
      .on_io_thread = true,
  });
  // The baseline every benchmark compares with: the same server, no work.
  router.Add(Route{
      .method = "GET",
      .pattern = "/hello",
      .operation_id = "getHello",
      .handler =
          [](const Request&, RouteContext&) {
            return JsonResponse(200, {{"hello", "world"}});
          },
      .on_io_thread = true,
  });
}

void RegisterAllRoutes(Router& router, Services& services) {
  RegisterSystemRoutes(router, services);
  RegisterAuthRoutes(router, services);
  RegisterUserRoutes(router, services);
  RegisterAuditRoutes(router, services);
  RegisterPlaceRoutes(router, services);
  RegisterPersonRoutes(router, services);
  RegisterRegistryIoRoutes(router, services);
  RegisterHealthRoutes(router, services);
  RegisterGateRoutes(router, services);
}

}  // namespace cordon::http
