// Regions, communities, zones, buildings, units, households and entrances.
#include "domain/accounts/roles.h"
#include "http/routes/json_views.h"
#include "http/routes/route_helpers.h"
#include "http/services.h"

namespace cordon::http {
namespace {

namespace perm = accounts::perm;

boost::json::object RegionJson(const registry::Region& r) {
  return {{"code", r.code},
          {"name", r.name},
          {"parent_code", r.parent_code},
          {"level", registry::RegionLevelCode(r.level)}};
}

}  // namespace

void RegisterPlaceRoutes(Router& router, Services& s) {
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/regions",
      .operation_id = "listRegions",
      .permission = std::string(perm::kPlaceRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            auto regions =
                s.places.ListRegions(ctx.Who(), std::string(req.Query("parent").value_or("")));
            return Answer(req, regions, [](const auto& v) {
              return boost::json::object{{"items", ArrayOf(v, RegionJson)}};
            });
          },
  });
  router.Add(Route{
      .method = "PUT",
      .pattern = "/api/v1/regions/{code}",
      .operation_id = "putRegion",
      .permission = std::string(perm::kCommunityWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithJson(req, [&](JsonReader& in) {
              registry::Region region;
              region.code = std::string(ctx.Param("code"));
              region.name = in.String("name");
              if (auto bad = Rejected(in, req)) {
                return *bad;
              }
              return Answer(req, s.places.PutRegion(ctx.request, ctx.Who(), region), RegionJson);
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities",
      .operation_id = "listCommunities",
      .permission = std::string(perm::kPlaceRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return Answer(req, s.places.ListCommunities(ctx.Who()), [](const auto& v) {
              return boost::json::object{{"items", ArrayOf(v, CommunityJson)}};
            });
          },
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/communities",
      .operation_id = "createCommunity",
      .permission = std::string(perm::kCommunityWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithJson(req, [&](JsonReader& in) {
              app::CommunityInput c;
              c.code = in.String("code");
              c.name = in.String("name");
              c.region_code = in.String("region_code");
              c.village = in.OptBool("village").value_or(false);
              if (auto bad = Rejected(in, req)) {
                return *bad;
              }
              return Answer(req, s.places.CreateCommunity(ctx.request, ctx.Who(), c), CommunityJson,
                            201);
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}",
      .operation_id = "getCommunity",
      .permission = std::string(perm::kPlaceRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return Answer(req, s.places.GetCommunity(ctx.Who(), std::string(ctx.Param("code"))),
                          CommunityJson);
          },
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/zones",
      .operation_id = "listZones",
      .permission = std::string(perm::kPlaceRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return Answer(req, s.places.ListZones(ctx.Who(), std::string(ctx.Param("code"))),
                          [](const auto& v) {
                            return boost::json::object{
                                {"items", ArrayOf(v, [](const app::CountedZone& z) {
                                   auto o = WithCounts(ZoneJson(z.zone), z.households, z.persons);
                                   o["buildings"] = z.buildings;
                                   return o;
                                 })}};
                          });
          },
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/communities/{code}/zones",
      .operation_id = "createZone",
      .permission = std::string(perm::kPlaceWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithJson(req, [&](JsonReader& in) {
              auto number = in.OptInt("number");
              std::string name = in.String("name");
              if (!number && !in.failed()) {
                in.Fail(MakeError("request.missing_field", "number"));
              }
              if (auto bad = Rejected(in, req)) {
                return *bad;
              }
              return Answer(
                  req,
                  s.places.CreateZone(ctx.request, ctx.Who(), std::string(ctx.Param("code")),
                                      static_cast<int>(std::clamp<std::int64_t>(*number, -1, 1000)),
                                      name),
                  ZoneJson, 201);
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "PATCH",
      .pattern = "/api/v1/zones/{id}",
      .operation_id = "updateZone",
      .permission = std::string(perm::kPlaceWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "zone.not_found", [&](std::int64_t id) {
              return WithJson(req, [&](JsonReader& in) {
                std::string name = in.String("name");
                if (auto bad = Rejected(in, req)) {
                  return *bad;
                }
                return Answer(req, s.places.UpdateZone(ctx.request, ctx.Who(), id, name), ZoneJson);
              });
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/buildings",
      .operation_id = "listBuildings",
      .permission = std::string(perm::kPlaceRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            auto zone = QueryId(req, "zone_id");
            if (!zone.ok()) {
              return Fail(zone.error(), req);
            }
            return Answer(
                req, s.places.ListBuildings(ctx.Who(), std::string(ctx.Param("code")), *zone),
                [](const auto& v) {
                  return boost::json::object{
                      {"items", ArrayOf(v, [](const app::CountedBuilding& b) {
                         return WithCounts(BuildingJson(b.building), b.households, b.persons);
                       })}};
                });
          },
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/communities/{code}/buildings",
      .operation_id = "createBuilding",
      .permission = std::string(perm::kPlaceWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithJson(req, [&](JsonReader& in) {
              auto zone = in.OptInt("zone_id");
              std::string name = in.String("name");
              if (!zone && !in.failed()) {
                in.Fail(MakeError("request.missing_field", "zone_id"));
              }
              if (auto bad = Rejected(in, req)) {
                return *bad;
              }
              return Answer(req,
                            s.places.CreateBuilding(ctx.request, ctx.Who(),
                                                    std::string(ctx.Param("code")), *zone, name),
                            BuildingJson, 201);
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "PATCH",
      .pattern = "/api/v1/buildings/{id}",
      .operation_id = "updateBuilding",
      .permission = std::string(perm::kPlaceWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "building.not_found", [&](std::int64_t id) {
              return WithJson(req, [&](JsonReader& in) {
                auto name = in.OptString("name");
                auto zone = in.OptInt("zone_id");
                if (auto bad = Rejected(in, req)) {
                  return *bad;
                }
                return Answer(req, s.places.UpdateBuilding(ctx.request, ctx.Who(), id, name, zone),
                              BuildingJson);
              });
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "DELETE",
      .pattern = "/api/v1/buildings/{id}",
      .operation_id = "deleteBuilding",
      .permission = std::string(perm::kPlaceWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "building.not_found", [&](std::int64_t id) {
              return Answer(req, s.places.DeleteBuilding(ctx.request, ctx.Who(), id));
            });
          },
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/buildings/{id}/units",
      .operation_id = "listUnits",
      .permission = std::string(perm::kPlaceRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "building.not_found", [&](std::int64_t id) {
              return Answer(req, s.places.ListUnits(ctx.Who(), id), [](const auto& v) {
                return boost::json::object{{"items", ArrayOf(v, [](const app::CountedUnit& u) {
                                              return WithCounts(UnitJson(u.unit), u.households,
                                                                u.persons);
                                            })}};
              });
            });
          },
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/buildings/{id}/units",
      .operation_id = "createUnit",
      .permission = std::string(perm::kPlaceWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "building.not_found", [&](std::int64_t id) {
              return WithJson(req, [&](JsonReader& in) {
                std::string name = in.OptString("name").value_or("");
                if (auto bad = Rejected(in, req)) {
                  return *bad;
                }
                return Answer(req, s.places.CreateUnit(ctx.request, ctx.Who(), id, name), UnitJson,
                              201);
              });
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "DELETE",
      .pattern = "/api/v1/units/{id}",
      .operation_id = "deleteUnit",
      .permission = std::string(perm::kPlaceWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "unit.not_found", [&](std::int64_t id) {
              return Answer(req, s.places.DeleteUnit(ctx.request, ctx.Who(), id));
            });
          },
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/households",
      .operation_id = "listHouseholds",
      .permission = std::string(perm::kPlaceRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            registry::HouseholdCriteria c;
            auto zone = QueryId(req, "zone_id");
            auto building = QueryId(req, "building_id");
            auto unit = QueryId(req, "unit_id");
            auto cursor = QueryInt(req, "cursor", 0, INT64_MAX);
            auto limit = QueryInt(req, "limit", 1, app::kMaxPlacePage);
            for (const Status& st : {zone.ok() ? Ok() : Status(zone.error()),
                                     building.ok() ? Ok() : Status(building.error()),
                                     unit.ok() ? Ok() : Status(unit.error()),
                                     cursor.ok() ? Ok() : Status(cursor.error()),
                                     limit.ok() ? Ok() : Status(limit.error())}) {
              if (!st.ok()) {
                return Fail(st.error(), req);
              }
            }
            c.zone_id = *zone;
            c.building_id = *building;
            c.unit_id = *unit;
            c.after_id = cursor->value_or(0);
            c.limit = static_cast<int>(limit->value_or(100));
            if (auto room = req.Query("room")) {
              c.room = registry::NormaliseRoom(*room);
            }
            return Answer(req,
                          s.places.ListHouseholds(ctx.Who(), std::string(ctx.Param("code")), c),
                          [](const app::HouseholdPage& page) {
                            return PageJson(ArrayOf(page.items,
                                                    [](const registry::HouseholdRow& row) {
                                                      auto o = HouseholdJson(row.household);
                                                      o["building"] = row.building;
                                                      o["unit"] = row.unit;
                                                      o["members"] = row.members;
                                                      return o;
                                                    }),
                                            page.next_after_id);
                          });
          },
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/units/{id}/households",
      .operation_id = "createHousehold",
      .permission = std::string(perm::kPlaceWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "unit.not_found", [&](std::int64_t id) {
              return WithJson(req, [&](JsonReader& in) {
                std::string room = in.String("room");
                if (auto bad = Rejected(in, req)) {
                  return *bad;
                }
                return Answer(req, s.places.CreateHousehold(ctx.request, ctx.Who(), id, room),
                              HouseholdJson, 201);
              });
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/households/{id}",
      .operation_id = "getHousehold",
      .permission = std::string(perm::kPlaceRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "household.not_found", [&](std::int64_t id) {
              auto row = s.places.GetHousehold(ctx.Who(), id);
              if (!row.ok()) {
                return Fail(row.error(), req);
              }
              auto o = HouseholdJson(row->household);
              o["building"] = row->building;
              o["unit"] = row->unit;
              // Members only for those who may read the registry.
              boost::json::array members;
              if (accounts::HasPermission(ctx.Who().user.role, perm::kPersonRead)) {
                auto people = s.persons.HouseholdMembers(ctx.Who(), id);
                if (!people.ok()) {
                  return Fail(people.error(), req);
                }
                const CivilDate today = app::ChinaToday(s.clock);
                for (const auto& p : *people) {
                  members.push_back(PersonJson(p, today));
                }
              }
              o["members"] = std::move(members);
              return JsonResponse(200, o);
            });
          },
  });
  router.Add(Route{
      .method = "PATCH",
      .pattern = "/api/v1/households/{id}",
      .operation_id = "updateHousehold",
      .permission = std::string(perm::kPlaceWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "household.not_found", [&](std::int64_t id) {
              return WithJson(req, [&](JsonReader& in) {
                std::string room = in.String("room");
                if (auto bad = Rejected(in, req)) {
                  return *bad;
                }
                return Answer(req, s.places.UpdateHousehold(ctx.request, ctx.Who(), id, room),
                              HouseholdJson);
              });
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "DELETE",
      .pattern = "/api/v1/households/{id}",
      .operation_id = "deleteHousehold",
      .permission = std::string(perm::kPlaceWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "household.not_found", [&](std::int64_t id) {
              return Answer(req, s.places.DeleteHousehold(ctx.request, ctx.Who(), id));
            });
          },
  });
  auto entrance_input = [](JsonReader& in) {
    app::EntranceInput e;
    e.name = in.String("name");
    e.kind = in.OptString("kind").value_or("both");
    e.zone_id = in.OptInt("zone_id");
    return e;
  };
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/entrances",
      .operation_id = "listEntrances",
      .permission = std::string(perm::kPlaceRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return Answer(req, s.places.ListEntrances(ctx.Who(), std::string(ctx.Param("code"))),
                          [](const auto& v) {
                            return boost::json::object{{"items", ArrayOf(v, EntranceJson)}};
                          });
          },
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/communities/{code}/entrances",
      .operation_id = "createEntrance",
      .permission = std::string(perm::kPlaceWrite),
      .handler =
          [&s, entrance_input](const Request& req, RouteContext& ctx) {
            return WithJson(req, [&](JsonReader& in) {
              auto e = entrance_input(in);
              if (auto bad = Rejected(in, req)) {
                return *bad;
              }
              return Answer(req,
                            s.places.CreateEntrance(ctx.request, ctx.Who(),
                                                    std::string(ctx.Param("code")), e),
                            EntranceJson, 201);
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "PATCH",
      .pattern = "/api/v1/entrances/{id}",
      .operation_id = "updateEntrance",
      .permission = std::string(perm::kPlaceWrite),
      .handler =
          [&s, entrance_input](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "entrance.not_found", [&](std::int64_t id) {
              return WithJson(req, [&](JsonReader& in) {
                auto e = entrance_input(in);
                if (auto bad = Rejected(in, req)) {
                  return *bad;
                }
                return Answer(req, s.places.UpdateEntrance(ctx.request, ctx.Who(), id, e),
                              EntranceJson);
              });
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "DELETE",
      .pattern = "/api/v1/entrances/{id}",
      .operation_id = "deleteEntrance",
      .permission = std::string(perm::kPlaceWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "entrance.not_found", [&](std::int64_t id) {
              return Answer(req, s.places.DeleteEntrance(ctx.request, ctx.Who(), id));
            });
          },
  });
}

}  // namespace cordon::http
