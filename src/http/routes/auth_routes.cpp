#include <boost/json.hpp>

#include "http/errors.h"
#include "http/json_body.h"
#include "http/router.h"
#include "http/routes/json_views.h"
#include "http/routes/route_helpers.h"
#include "http/services.h"

namespace cordon::http {

void RegisterAuthRoutes(Router& router, Services& s) {
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/auth/login",
      .operation_id = "login",
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            auto obj = ParseJsonObject(req.body);
            if (!obj.ok()) {
              return Fail(obj.error(), req);
            }
            JsonReader in(*obj);
            std::string username = in.String("username");
            std::string password = in.String("password");
            if (auto bad = Rejected(in, req)) {
              return *bad;
            }
            auto result = s.accounts.Login(ctx.request, username, password);
            if (!result.ok()) {
              return Fail(result.error(), req);
            }
            Response r = JsonResponse(200, {{"token", result->token},
                                            {"expires_at", FormatTime(result->expires_at)},
                                            {"user", UserJson(result->user)}});
            r.user_id = result->user.id;
            return r;
          },
      .body_limit = 4096,  // a username and a password
      .json_body = true,
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/auth/logout",
      .operation_id = "logout",
      .permission = std::string(accounts::perm::kSelfRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            if (auto st = s.accounts.Logout(ctx.request, ctx.Who()); !st.ok()) {
              return Fail(st.error(), req);
            }
            Response r;
            r.status = 204;
            r.content_type.clear();
            return r;
          },
      .body_limit = 4096,
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/auth/me",
      .operation_id = "getMe",
      .permission = std::string(accounts::perm::kSelfRead),
      .handler = [](const Request&,
                    RouteContext& ctx) { return JsonResponse(200, UserJson(ctx.Who().user)); },
  });
}

}  // namespace cordon::http
