// Gate checkpoints: the scan, the gate log and the fever cases gates open.
#include "domain/accounts/roles.h"
#include "http/errors.h"
#include "http/routes/json_views.h"
#include "http/routes/route_helpers.h"
#include "http/services.h"

namespace cordon::http {
namespace {

namespace perm = accounts::perm;

// A reason code in words, in the caller's language (locales/server: gate_reason.*).
std::string GateReasonMessage(std::string_view code, Lang lang) {
  return LocalizedMessage(MakeError("gate_reason." + std::string(code)), lang);
}

boost::json::array ReasonsJson(const std::vector<std::string>& reasons, Lang lang) {
  boost::json::array out;
  for (const auto& r : reasons) {
    out.push_back({{"code", r}, {"message", GateReasonMessage(r, lang)}});
  }
  return out;
}

boost::json::value OptInt(const std::optional<std::int64_t>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::object EventJson(const gate::GateEvent& e, Lang lang) {
  return {{"id", e.id},
          {"entrance_id", e.entrance_id},
          {"entrance_name", e.entrance_name},
          {"client_event_id", e.client_event_id},
          {"direction", gate::DirectionCode(e.direction)},
          {"method", gate::MethodCode(e.method)},
          {"person_id", OptInt(e.person_id)},
          {"person_name", e.person_name},
          {"plate", e.plate},
          {"temperature", e.temperature_tenths ? boost::json::value(*e.temperature_tenths / 10.0)
                                               : boost::json::value(nullptr)},
          {"colour", e.colour ? boost::json::value(health::ColourCode(*e.colour)) : nullptr},
          {"decision", gate::DecisionCode(e.decision)},
          {"reasons", ReasonsJson(e.reasons, lang)},
          {"guard_name", e.guard_name},
          {"on_duty_name", e.on_duty_name},
          {"device", e.device},
          {"decided_at", FormatTime(e.decided_at)},
          {"received_at", FormatTime(e.received_at)}};
}

boost::json::object FeverCaseJson(const gate::FeverCase& c) {
  return {{"id", c.id},
          {"person_id", OptInt(c.person_id)},
          {"person_name", c.person_name},
          {"gate_event_id", OptInt(c.gate_event_id)},
          {"entrance_id", OptInt(c.entrance_id)},
          {"entrance_name", c.entrance_name},
          {"temperature", c.temperature_tenths / 10.0},
          {"source", c.source},
          {"status", c.status},
          {"opened_at", FormatTime(c.opened_at)}};
}

// One scan as the station sends it. An unparsable decided_at is the scan's own error.
app::ScanInput ReadScan(JsonReader& in, std::optional<Error>& bad_time) {
  app::ScanInput scan;
  scan.entrance_id = in.OptInt("entrance_id").value_or(0);
  scan.token = in.OptString("token");
  scan.id_number = in.OptString("id_number");
  scan.plate = in.OptString("plate");
  scan.direction = in.String("direction");
  scan.temperature = in.OptNumber("temperature");
  scan.client_event_id = in.String("client_event_id");
  const auto decided_at = in.OptString("decided_at");
  scan.device = in.OptString("device").value_or("");
  if (const auto* passengers = in.Value("passengers", false); passengers && !in.failed()) {
    if (!passengers->is_array()) {
      in.Fail(MakeError("request.wrong_type", "passengers", "array"));
    } else {
      for (size_t i = 0; i < passengers->as_array().size() && !in.failed(); ++i) {
        const auto& v = passengers->as_array()[i];
        const std::string field = "passengers[" + std::to_string(i) + "]";
        if (!v.is_object()) {
          in.Fail(MakeError("request.wrong_type", field, "object"));
          break;
        }
        JsonReader p(v.as_object(), field + ".");
        app::ScanInput::Passenger passenger;
        passenger.token = p.String("token");
        passenger.temperature = p.OptNumber("temperature");
        if (auto st = p.Finish(); !st.ok()) {
          in.Fail(st.error());
        }
        scan.passengers.push_back(std::move(passenger));
      }
    }
  }
  if (decided_at) {
    if (auto t = ParseTime(*decided_at)) {
      scan.decided_at = *t;
    } else {
      bad_time = MakeError("gate.decided_at", "decided_at");
    }
  }
  return scan;
}

boost::json::object ScanJson(const app::ScanResult& done, Lang lang) {
  const auto& e = done.event;
  boost::json::object o{
      {"decision", gate::DecisionCode(done.decision)},
      {"reasons", ReasonsJson(e.reasons, lang)},
      {"event_id", e.id},
      {"colour", e.colour ? boost::json::value(health::ColourCode(*e.colour)) : nullptr},
      {"person_name", done.masked_name},
      {"fever_case_id", OptInt(done.fever_case_id)},
      {"decided_at", FormatTime(e.decided_at)},
      {"received_at", FormatTime(e.received_at)}};
  if (!done.passengers.empty()) {
    // The vehicle's own event decided `vehicle_decision`; `decision` is for everyone in it.
    o["vehicle_decision"] = gate::DecisionCode(e.decision);
    boost::json::array passengers;
    for (const auto& p : done.passengers) {
      passengers.push_back(ScanJson(p, lang));
    }
    o["passengers"] = std::move(passengers);
  }
  return o;
}

boost::json::object VisitorJson(const gate::VisitorRecord& v) {
  return {{"id", v.id},
          {"entrance_id", v.entrance_id},
          {"entrance_name", v.entrance_name},
          {"name", v.name},
          {"doc_type", v.doc_type},
          {"doc_number", v.doc_masked},
          {"phone", v.phone_masked},
          {"host", v.host},
          {"household_id", OptInt(v.household_id)},
          {"purpose", v.purpose},
          {"temperature", v.temperature_tenths ? boost::json::value(*v.temperature_tenths / 10.0)
                                               : boost::json::value(nullptr)},
          {"plate", v.plate},
          {"in_at", FormatTime(v.in_at)},
          {"out_at", v.out_at ? boost::json::value(FormatTime(*v.out_at)) : nullptr},
          {"registered_by_name", v.registered_by_name}};
}

boost::json::object ShiftJson(const gate::Shift& x) {
  return {
      {"id", x.id},           {"entrance_id", x.entrance_id}, {"entrance_name", x.entrance_name},
      {"day", x.day},         {"starts", x.starts},           {"ends", x.ends},
      {"user_id", x.user_id}, {"user_name", x.user_name}};
}

}  // namespace

void RegisterGateRoutes(Router& router, Services& s) {
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/gate-events",
      .operation_id = "recordGateEvent",
      .permission = std::string(perm::kGateScan),
      .later =
          [&s](const Request& req, RouteContext& ctx, const Reply& reply) {
            auto read = [](JsonReader& in) -> Result<app::ScanInput> {
              std::optional<Error> bad_time;
              auto scan = ReadScan(in, bad_time);
              if (bad_time) {
                return *bad_time;
              }
              return scan;
            };
            auto answer = [&req](const Result<app::ScanResult>& done) {
              if (!done.ok()) {
                return Fail(done.error(), req);
              }
              // The same answer however often the station sends the event.
              Response r = JsonResponse(201, ScanJson(*done, req.lang));
              if (done->replayed) {
                r.headers.emplace_back("Idempotent-Replayed", "true");
              }
              return r;
            };
            WithJsonLater(req, reply, read, [&](app::ScanInput scan) {
              ReplyWhenDone(s.gate.ScanLater(ctx.request, ctx.Who(), std::move(scan)), reply,
                            answer);
            });
          },
      .body_limit = 16 * 1024,
      .json_body = true,
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/gate-events/batch",
      .operation_id = "recordGateEvents",
      .permission = std::string(perm::kGateScan),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            auto obj = ParseJsonObject(req.body);
            if (!obj.ok()) {
              return Fail(obj.error(), req);
            }
            JsonReader body(*obj);
            const auto* events = body.Value("events", true);
            if (auto bad = Rejected(body, req)) {
              return *bad;
            }
            if (!events->is_array()) {
              return Fail(MakeError("request.wrong_type", "events", "array"), req);
            }
            if (events->as_array().size() > app::kMaxGateBatch) {
              return Fail(MakeError("request.too_many", "events"), req);
            }
            // Each event stands alone: a bad one is answered as such, the others are stored.
            std::vector<app::ScanInput> scans;
            std::vector<std::optional<Error>> errors;
            std::vector<std::string> ids;
            for (const auto& v : events->as_array()) {
              std::optional<Error> error;
              app::ScanInput scan;
              if (!v.is_object()) {
                error = MakeError("request.wrong_type", "events", "object");
              } else {
                JsonReader in(v.as_object());
                scan = ReadScan(in, error);
                if (auto st = in.Finish(); !st.ok()) {
                  error = st.error();
                }
              }
              ids.push_back(scan.client_event_id);
              errors.push_back(error);
              scans.push_back(std::move(scan));
            }
            std::vector<app::ScanInput> good;
            for (size_t i = 0; i < scans.size(); ++i) {
              if (!errors[i]) {
                good.push_back(scans[i]);
              }
            }
            auto done = s.gate.ScanAll(ctx.request, ctx.Who(), std::move(good));
            boost::json::array results;
            size_t next = 0;
            for (size_t i = 0; i < scans.size(); ++i) {
              const Result<app::ScanResult> one =
                  errors[i] ? Result<app::ScanResult>(*errors[i]) : std::move(done[next++]);
              if (one.ok()) {
                results.push_back({{"client_event_id", one->event.client_event_id},
                                   {"status", 201},
                                   {"body", ScanJson(*one, req.lang)}});
              } else {
                const Response failed = Fail(one.error(), req);
                results.push_back({{"client_event_id", ids[i]},
                                   {"status", failed.status},
                                   {"error", boost::json::parse(failed.body).at("error")}});
              }
            }
            return JsonResponse(200, boost::json::object{{"results", std::move(results)}});
          },
      .body_limit = 2 * 1024 * 1024,
      .json_body = true,
      .commit_bound = true,
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/gate-list",
      .operation_id = "getGateList",
      .permission = std::string(perm::kGateScan),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            const std::string code(ctx.Param("code"));
            auto list = s.gate.GateList(ctx.Who(), code);
            return Answer(req, list, [&](const std::vector<health::PersonStatus>& items) {
              boost::json::array out;
              for (const auto& st : items) {
                out.push_back({{"ref", st.pass_ref},
                               {"colour", health::ColourCode(st.colour)},
                               {"colour_since", FormatTime(st.colour_since)},
                               {"valid_until", FormatTime(st.valid_until)}});
              }
              return boost::json::object{{"generated_at", FormatTime(s.clock.NowMs())},
                                         {"community_code", code},
                                         {"items", std::move(out)}};
            });
          },
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/visitors",
      .operation_id = "registerVisitor",
      .permission = std::string(perm::kGateScan),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithJson(req, [&](JsonReader& in) {
              app::VisitorInput v;
              v.entrance_id = in.OptInt("entrance_id").value_or(0);
              v.name = in.String("name");
              v.doc_type = in.OptString("doc_type").value_or("resident_id");
              v.doc_number = in.String("doc_number");
              v.phone = in.String("phone");
              v.host = in.String("host");
              v.household_id = in.OptInt("household_id");
              v.purpose = in.String("purpose");
              v.temperature = in.OptNumber("temperature");
              v.plate = in.OptString("plate").value_or("");
              if (auto bad = Rejected(in, req)) {
                return *bad;
              }
              auto done = s.gate.RegisterVisitor(ctx.request, ctx.Who(), std::move(v));
              return Answer(
                  req, done,
                  [&](const app::RegisteredVisitor& r) {
                    return boost::json::object{
                        {"visitor", VisitorJson(r.visitor)},
                        {"decision", gate::DecisionCode(r.decision)},
                        {"reasons", ReasonsJson(r.reasons, req.lang)},
                        {"fever_case_id", OptInt(r.fever_case_id)},
                        {"pass", r.pass_token.empty()
                                     ? boost::json::value(nullptr)
                                     : boost::json::value(boost::json::object{
                                           {"token", r.pass_token},
                                           {"expires_at", FormatTime(r.pass_expires_at)}})}};
                  },
                  201);
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/visitors/{id}/exit",
      .operation_id = "recordVisitorExit",
      .permission = std::string(perm::kGateScan),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "visitor.not_found", [&](std::int64_t id) {
              return Answer(req, s.gate.VisitorLeft(ctx.Who(), id), VisitorJson);
            });
          },
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/visitors",
      .operation_id = "listVisitors",
      .permission = std::string(perm::kGateRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            auto from = QueryTime(req, "from");
            auto to = QueryTime(req, "to");
            auto limit = QueryInt(req, "limit", 1, app::kMaxGatePage);
            for (const Status& st :
                 {from.ok() ? Ok() : Status(from.error()), to.ok() ? Ok() : Status(to.error()),
                  limit.ok() ? Ok() : Status(limit.error())}) {
              if (!st.ok()) {
                return Fail(st.error(), req);
              }
            }
            auto page = s.gate.Visitors(ctx.Who(), std::string(ctx.Param("code")), *from, *to,
                                        std::string(req.Query("cursor").value_or("")),
                                        static_cast<int>(limit->value_or(50)));
            return Answer(req, page, [](const app::VisitorPage& p) {
              return PageJson(ArrayOf(p.items, [&](const auto& v) { return VisitorJson(v); }),
                              p.next_cursor);
            });
          },
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/entrances/{id}/shifts",
      .operation_id = "createShift",
      .permission = std::string(perm::kShiftWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "entrance.not_found", [&](std::int64_t id) {
              return WithJson(req, [&](JsonReader& in) {
                gate::Shift shift;
                shift.day = in.String("day");
                shift.starts = in.String("starts");
                shift.ends = in.String("ends");
                const std::string username = in.String("username");
                if (auto bad = Rejected(in, req)) {
                  return *bad;
                }
                return Answer(req, s.gate.AddShift(ctx.request, ctx.Who(), id, shift, username),
                              ShiftJson, 201);
              });
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "DELETE",
      .pattern = "/api/v1/shifts/{id}",
      .operation_id = "deleteShift",
      .permission = std::string(perm::kShiftWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "shift.not_found", [&](std::int64_t id) {
              return Answer(req, s.gate.RemoveShift(ctx.request, ctx.Who(), id));
            });
          },
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/shifts",
      .operation_id = "listShifts",
      .permission = std::string(perm::kGateScan),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            const std::string day(req.Query("day").value_or(""));
            auto shifts = s.gate.Shifts(ctx.Who(), std::string(ctx.Param("code")),
                                        day.empty() ? FormatDate(app::ChinaToday(s.clock)) : day);
            return Answer(req, shifts, [](const std::vector<gate::Shift>& items) {
              boost::json::array out;
              for (const auto& x : items) {
                out.push_back(ShiftJson(x));
              }
              return boost::json::object{{"items", std::move(out)}};
            });
          },
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/gate-events",
      .operation_id = "listGateEvents",
      .permission = std::string(perm::kGateRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            app::GateEventQuery q;
            auto entrance = QueryId(req, "entrance_id");
            auto person = QueryId(req, "person_id");
            auto from = QueryTime(req, "from");
            auto to = QueryTime(req, "to");
            auto limit = QueryInt(req, "limit", 1, app::kMaxGatePage);
            for (const Status& st :
                 {entrance.ok() ? Ok() : Status(entrance.error()),
                  person.ok() ? Ok() : Status(person.error()),
                  from.ok() ? Ok() : Status(from.error()), to.ok() ? Ok() : Status(to.error()),
                  limit.ok() ? Ok() : Status(limit.error())}) {
              if (!st.ok()) {
                return Fail(st.error(), req);
              }
            }
            q.entrance_id = *entrance;
            q.person_id = *person;
            q.from = *from;
            q.to = *to;
            q.limit = static_cast<int>(limit->value_or(50));
            q.cursor = std::string(req.Query("cursor").value_or(""));
            if (auto v = req.Query("plate")) {
              q.plate = std::string(*v);
            }
            auto page = s.gate.Events(ctx.Who(), std::string(ctx.Param("code")), q);
            return Answer(req, page, [&](const app::GateEventPage& p) {
              return PageJson(
                  ArrayOf(p.items, [&](const auto& e) { return EventJson(e, req.lang); }),
                  p.next_cursor);
            });
          },
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/fever-cases",
      .operation_id = "listFeverCases",
      .permission = std::string(perm::kFeverRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            auto open = QueryBool(req, "open");
            auto limit = QueryInt(req, "limit", 1, app::kMaxGatePage);
            if (!open.ok()) {
              return Fail(open.error(), req);
            }
            if (!limit.ok()) {
              return Fail(limit.error(), req);
            }
            auto page = s.gate.FeverCases(ctx.Who(), std::string(ctx.Param("code")), *open,
                                          std::string(req.Query("cursor").value_or("")),
                                          static_cast<int>(limit->value_or(50)));
            return Answer(req, page, [](const app::FeverCasePage& p) {
              return PageJson(ArrayOf(p.items, [&](const auto& c) { return FeverCaseJson(c); }),
                              p.next_cursor);
            });
          },
  });
}

}  // namespace cordon::http
