#include <boost/json.hpp>

#include "http/json_body.h"
#include "http/query.h"
#include "http/router.h"
#include "http/routes/json_views.h"
#include "http/routes/route_helpers.h"
#include "http/services.h"

namespace cordon::http {

void RegisterUserRoutes(Router& router, Services& s) {
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/users",
      .operation_id = "listUsers",
      .permission = std::string(accounts::perm::kUserRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            accounts::UserCriteria criteria;
            auto limit = QueryInt(req, "limit", 1, app::kMaxUserPage);
            auto cursor = QueryInt(req, "cursor", 0, INT64_MAX);
            if (!limit.ok()) {
              return Fail(limit.error(), req);
            }
            if (!cursor.ok()) {
              return Fail(cursor.error(), req);
            }
            criteria.limit = static_cast<int>(limit->value_or(50));
            criteria.after_id = cursor->value_or(0);
            if (auto role = req.Query("role")) {
              criteria.role = accounts::ParseRole(*role);
              if (!criteria.role) {
                return Fail(MakeError("request.invalid_query", "role"), req);
              }
            }
            auto page = s.accounts.ListUsers(ctx.Who(), criteria);
            if (!page.ok()) {
              return Fail(page.error(), req);
            }
            boost::json::array items;
            for (const auto& u : page->users) {
              items.push_back(UserJson(u));
            }
            boost::json::object body{{"items", std::move(items)}};
            body["next_cursor"] = page->next_after_id
                                      ? boost::json::value(std::to_string(*page->next_after_id))
                                      : boost::json::value(nullptr);
            return JsonResponse(200, body);
          },
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/users",
      .operation_id = "createUser",
      .permission = std::string(accounts::perm::kUserCreate),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            auto obj = ParseJsonObject(req.body);
            if (!obj.ok()) {
              return Fail(obj.error(), req);
            }
            JsonReader in(*obj);
            app::NewUserRequest nu;
            nu.username = in.String("username");
            nu.password = in.String("password");
            nu.role = in.String("role");
            nu.display_name = in.OptString("display_name").value_or("");
            nu.scope = in.OptString("scope").value_or("");
            if (auto bad = Rejected(in, req)) {
              return *bad;
            }
            auto user = s.accounts.CreateUser(ctx.request, &ctx.Who(), nu);
            if (!user.ok()) {
              return Fail(user.error(), req);
            }
            return JsonResponse(201, UserJson(*user));
          },
      .body_limit = 16 * 1024,
      .json_body = true,
  });
}

}  // namespace cordon::http
