#include <boost/json.hpp>

#include "http/query.h"
#include "http/router.h"
#include "http/services.h"

namespace cordon::http {
namespace {

boost::json::object EntryJson(const audit::AuditEntry& e) {
  boost::json::object o{
      {"id", e.id},
      {"at", FormatTime(e.at)},
      {"username", e.username},
      {"role", e.role},
      {"action", e.action},
      {"record_type", e.record_type},
      {"record_id", e.record_id},
      {"client_address", e.client_address},
      {"request_id", e.request_id},
  };
  o["user_id"] = e.user_id ? boost::json::value(*e.user_id) : boost::json::value(nullptr);
  boost::system::error_code ec;
  auto detail = boost::json::parse(e.detail, ec);
  o["detail"] = ec ? boost::json::value(boost::json::object{}) : std::move(detail);
  return o;
}

}  // namespace

void RegisterAuditRoutes(Router& router, Services& s) {
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/audit",
      .operation_id = "listAudit",
      .permission = std::string(accounts::perm::kAuditRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            audit::AuditCriteria c;
            auto user_id = QueryInt(req, "user_id", 1, INT64_MAX);
            auto cursor = QueryInt(req, "cursor", 1, INT64_MAX);
            auto limit = QueryInt(req, "limit", 1, app::kMaxAuditPage);
            auto from = QueryTime(req, "from");
            auto to = QueryTime(req, "to");
            for (const Status& st :
                 {user_id.ok() ? Ok() : Status(user_id.error()),
                  cursor.ok() ? Ok() : Status(cursor.error()),
                  limit.ok() ? Ok() : Status(limit.error()),
                  from.ok() ? Ok() : Status(from.error()), to.ok() ? Ok() : Status(to.error())}) {
              if (!st.ok()) {
                return Fail(st.error(), req);
              }
            }
            c.user_id = *user_id;
            c.before_id = *cursor;
            c.limit = static_cast<int>(limit->value_or(50));
            c.from = *from;
            c.to = *to;
            if (auto v = req.Query("record_type")) {
              c.record_type = std::string(*v);
            }
            if (auto v = req.Query("record_id")) {
              c.record_id = std::string(*v);
            }
            if (auto v = req.Query("action")) {
              c.action = std::string(*v);
            }
            auto page = s.audit.List(ctx.Who(), c);
            if (!page.ok()) {
              return Fail(page.error(), req);
            }
            boost::json::array items;
            for (const auto& e : page->entries) {
              items.push_back(EntryJson(e));
            }
            boost::json::object body{{"items", std::move(items)}};
            body["next_cursor"] = page->next_before_id
                                      ? boost::json::value(std::to_string(*page->next_before_id))
                                      : boost::json::value(nullptr);
            return JsonResponse(200, body);
          },
  });
}

}  // namespace cordon::http
