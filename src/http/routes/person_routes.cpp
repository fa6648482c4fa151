// The person registry: list and search, create, read, update, soft-delete, reveal, statistics.
#include "domain/accounts/roles.h"
#include "http/routes/json_views.h"
#include "http/routes/route_helpers.h"
#include "http/services.h"

namespace cordon::http {
namespace {

namespace perm = accounts::perm;

// A person may have a few vehicles and flags; more is a mistake, not a registry.
constexpr size_t kMaxListItems = 10;

Result<registry::PersonInput> ReadPersonInput(JsonReader& in) {
  registry::PersonInput p;
  p.name = in.String("name");
  if (auto t = in.OptString("doc_type")) {
    auto type = registry::ParseDocType(*t);
    if (!type) {
      in.Fail(MakeError("doc_type.unknown", "doc_type"));
    } else {
      p.doc_type = *type;
    }
  }
  p.doc_number = in.String("id_number");
  p.phone = in.OptString("phone").value_or("");
  p.household_id = in.OptInt("household_id");
  if (auto r = in.OptString("relation")) {
    auto rel = registry::ParseRelation(*r);
    if (!rel) {
      in.Fail(MakeError("relation.unknown", "relation"));
    } else {
      p.relation = *rel;
    }
  }
  if (auto k = in.OptString("kind")) {
    auto kind = registry::ParsePersonKind(*k);
    if (!kind) {
      in.Fail(MakeError("kind.unknown", "kind"));
    } else {
      p.kind = *kind;
    }
  }
  for (const auto& f :
       in.OptStringArray("flags", kMaxListItems).value_or(std::vector<std::string>{})) {
    auto bit = registry::ParseFlag(f);
    if (!bit) {
      in.Fail(MakeError("flag.unknown", "flags", f));
    } else {
      p.flags |= *bit;
    }
  }
  p.workplace = in.OptString("workplace").value_or("");
  p.vehicles = in.OptStringArray("vehicles", kMaxListItems).value_or(std::vector<std::string>{});
  p.out_migrant = in.OptBool("out_migrant").value_or(false);
  p.out_migrant_where = in.OptString("out_migrant_where").value_or("");
  p.out_migrant_since = in.OptString("out_migrant_since").value_or("");
  p.notes = in.OptString("notes").value_or("");
  p.sex = in.OptString("sex").value_or("");
  p.birth_date = in.OptString("birth_date").value_or("");
  CORDON_RETURN_IF_ERROR(in.Finish());
  return p;
}

app::PersonPatch ReadPatch(JsonReader& in) {
  app::PersonPatch p;
  p.name = in.OptString("name");
  p.doc_type = in.OptString("doc_type");
  p.id_number = in.OptString("id_number");
  p.phone = in.OptString("phone");
  p.household_id = in.OptNullableInt("household_id");
  p.relation = in.OptString("relation");
  p.kind = in.OptString("kind");
  p.flags = in.OptStringArray("flags", kMaxListItems);
  p.workplace = in.OptString("workplace");
  p.vehicles = in.OptStringArray("vehicles", kMaxListItems);
  p.out_migrant = in.OptBool("out_migrant");
  p.out_migrant_where = in.OptString("out_migrant_where");
  p.out_migrant_since = in.OptString("out_migrant_since");
  p.notes = in.OptString("notes");
  p.sex = in.OptString("sex");
  p.birth_date = in.OptString("birth_date");
  return p;
}

}  // namespace

void RegisterPersonRoutes(Router& router, Services& s) {
  auto view = [&s](const registry::PersonRecord& p) {
    return PersonJson(p, app::ChinaToday(s.clock));
  };
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/persons",
      .operation_id = "listPersons",
      .permission = std::string(perm::kPersonRead),
      .handler =
          [&s, view](const Request& req, RouteContext& ctx) {
            app::PersonQuery q;
            auto zone = QueryId(req, "zone_id");
            auto building = QueryId(req, "building_id");
            auto unit = QueryId(req, "unit_id");
            auto household = QueryId(req, "household_id");
            auto limit = QueryInt(req, "limit", 1, app::kMaxPersonPage);
            for (const Status& st : {zone.ok() ? Ok() : Status(zone.error()),
                                     building.ok() ? Ok() : Status(building.error()),
                                     unit.ok() ? Ok() : Status(unit.error()),
                                     household.ok() ? Ok() : Status(household.error()),
                                     limit.ok() ? Ok() : Status(limit.error())}) {
              if (!st.ok()) {
                return Fail(st.error(), req);
              }
            }
            q.zone_id = *zone;
            q.building_id = *building;
            q.unit_id = *unit;
            q.household_id = *household;
            q.cursor = std::string(req.Query("cursor").value_or(""));
            q.limit = static_cast<int>(limit->value_or(50));
            if (auto v = req.Query("q")) {
              q.q = std::string(*v);
            }
            if (auto v = req.Query("room")) {
              q.room = std::string(*v);
            }
            if (auto v = req.Query("kind")) {
              q.kind = std::string(*v);
            }
            if (auto v = req.Query("out_migrant")) {
              if (*v != "true" && *v != "false") {
                return Fail(MakeError("request.invalid_query", "out_migrant"), req);
              }
              q.out_migrant = *v == "true";
            }
            for (const auto& [k, v] : req.query) {
              if (k == "flag") {
                q.flags.push_back(v);
              }
            }
            auto page = s.persons.List(ctx.Who(), std::string(ctx.Param("code")), q);
            if (!page.ok()) {
              return Fail(page.error(), req);
            }
            // The page is written straight into the answer's text: a search answer was
            // hundreds of small objects built only to be serialised.
            const CivilDate today = app::ChinaToday(s.clock);
            JsonText out(1024 * (page->items.size() + 1));
            out.BeginObject().Key("items").BeginArray();
            for (const auto& p : page->items) {
              WritePerson(out, p, today);
            }
            out.EndArray().Member("next_cursor", page->next_cursor).EndObject();
            return JsonTextResponse(200, out.Take());
          },
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/communities/{code}/persons",
      .operation_id = "createPerson",
      .permission = std::string(perm::kPersonWrite),
      .handler =
          [&s, view](const Request& req, RouteContext& ctx) {
            return WithJson(req, [&](JsonReader& in) {
              auto input = ReadPersonInput(in);
              if (!input.ok()) {
                return Fail(input.error(), req);
              }
              return Answer(req,
                            s.persons.Create(ctx.request, ctx.Who(), std::string(ctx.Param("code")),
                                             std::move(*input)),
                            view, 201);
            });
          },
      .body_limit = 64 * 1024,
      .json_body = true,
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/persons/{id}",
      .operation_id = "getPerson",
      .permission = std::string(perm::kPersonRead),
      .handler =
          [&s, view](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "person.not_found", [&](std::int64_t id) {
              return Answer(req, s.persons.Get(ctx.Who(), id), view);
            });
          },
  });
  router.Add(Route{
      .method = "PATCH",
      .pattern = "/api/v1/persons/{id}",
      .operation_id = "updatePerson",
      .permission = std::string(perm::kPersonWrite),
      .handler =
          [&s, view](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "person.not_found", [&](std::int64_t id) {
              return WithJson(req, [&](JsonReader& in) {
                auto patch = ReadPatch(in);
                if (auto bad = Rejected(in, req)) {
                  return *bad;
                }
                return Answer(req, s.persons.Update(ctx.request, ctx.Who(), id, patch), view);
              });
            });
          },
      .body_limit = 64 * 1024,
      .json_body = true,
  });
  router.Add(Route{
      .method = "DELETE",
      .pattern = "/api/v1/persons/{id}",
      .operation_id = "deletePerson",
      .permission = std::string(perm::kPersonDelete),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "person.not_found", [&](std::int64_t id) {
              return WithJson(req, [&](JsonReader& in) {
                std::string reason = in.String("reason");
                if (auto bad = Rejected(in, req)) {
                  return *bad;
                }
                return Answer(req, s.persons.Delete(ctx.request, ctx.Who(), id, reason));
              });
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/persons/{id}/reveal",
      .operation_id = "revealPerson",
      .permission = std::string(perm::kPersonReveal),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "person.not_found", [&](std::int64_t id) {
              return WithJson(req, [&](JsonReader& in) {
                std::string reason = in.String("reason");
                if (auto bad = Rejected(in, req)) {
                  return *bad;
                }
                return Answer(req, s.persons.Reveal(ctx.request, ctx.Who(), id, reason),
                              [&](const app::Revealed& r) {
                                return boost::json::object{
                                    {"id", id}, {"id_number", r.id_number}, {"phone", r.phone}};
                              });
              });
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/stats",
      .operation_id = "getRegistryStats",
      .permission = std::string(perm::kPersonRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return Answer(req, s.persons.Stats(ctx.Who(), std::string(ctx.Param("code"))),
                          [](const app::RegistryStats& st) {
                            boost::json::array zones;
                            for (const auto& z : st.zones) {
                              auto o = ZoneJson(z.zone);
                              o["households"] = z.households;
                              o["persons"] = z.persons;
                              zones.push_back(std::move(o));
                            }
                            return boost::json::object{{"zones", std::move(zones)},
                                                       {"households", st.households},
                                                       {"persons", st.persons},
                                                       {"flags",
                                                        {{"elderly", st.elderly},
                                                         {"disabled", st.disabled},
                                                         {"living_alone", st.living_alone},
                                                         {"chronic", st.chronic}}}};
                          });
          },
  });
}

}  // namespace cordon::http
