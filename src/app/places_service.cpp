#include "app/places_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "app/audit_service.h"
#include "app/authorize.h"

namespace cordon::app {
namespace {

using registry::Building;
using registry::Household;
using registry::Unit;
using registry::Zone;

// Bounds on names people type for places.
constexpr size_t kMaxPlaceNameBytes = 60;
constexpr size_t kMaxRoomBytes = 20;

const Principal* Actor(const Principal& who) { return who.user.id == 0 ? nullptr : &who; }

std::string Json(const boost::json::object& o) { return boost::json::serialize(o); }

// Finds a place's community and checks the caller may reach the place's zone.
Result<CommunityAccess> AccessPlace(Repositories& r, const Principal& who,
                                    std::int64_t community_id, std::optional<std::int64_t> zone,
                                    const char* not_found) {
  auto access = AccessCommunityById(r, who, community_id);
  if (!access.ok() || !WithinAccess(*access, zone)) {
    return MakeError(not_found);
  }
  return access;
}

}  // namespace

Principal SystemPrincipal() {
  Principal p;
  p.user.id = 0;
  p.user.username = "cli";
  p.user.role = accounts::Role::kAdmin;
  return p;
}

Result<std::vector<registry::Region>> PlacesService::ListRegions(const Principal& /*who*/,
                                                                 const std::string& parent) {
  std::vector<registry::Region> out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) {
    out = r.places.ListRegions(parent);
    return Ok();
  }));
  return out;
}

Result<registry::Region> PlacesService::PutRegion(const RequestContext& ctx, const Principal& who,
                                                  const registry::Region& input) {
  CORDON_RETURN_IF_ERROR(Require(who, accounts::perm::kCommunityWrite));
  auto level = registry::LevelOfRegionCode(input.code);
  if (!level) {
    return MakeError("region.code", "code");
  }
  auto name = registry::CleanName(input.name, "name", kMaxPlaceNameBytes);
  if (!name.ok()) {
    return name.error();
  }
  registry::Region region{input.code, *name, registry::ParentRegionCode(input.code), *level};
  const TimeMs now = clock_.NowMs();
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    if (!region.parent_code.empty() && !r.places.FindRegion(region.parent_code)) {
      return MakeError("region.parent_missing", "code", region.parent_code);
    }
    r.places.PutRegion(region);
    r.audit.Append(MakeAuditEntry(ctx, Actor(who), "region.put", "region", region.code,
                                  Json({{"name", region.name}}), now));
    return Ok();
  }));
  return region;
}

Result<std::vector<registry::Community>> PlacesService::ListCommunities(const Principal& who) {
  std::vector<registry::Community> out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) {
    registry::CommunityCriteria c;
    c.limit = kMaxPlacePage;
    c.region_prefix = RegionPrefixOf(who);
    for (const auto& community : r.places.ListCommunities(c)) {
      if (AccessCommunityById(r, who, community.id).ok()) {
        out.push_back(community);
      }
    }
    return Ok();
  }));
  return out;
}

Result<registry::Community> PlacesService::GetCommunity(const Principal& who,
                                                        const std::string& code) {
  std::optional<registry::Community> out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, code);
    if (!access.ok()) {
      return access.error();
    }
    out = access->community;
    return Ok();
  }));
  return *out;
}

Result<registry::Community> PlacesService::CreateCommunity(const RequestContext& ctx,
                                                           const Principal& who,
                                                           const CommunityInput& input) {
  CORDON_RETURN_IF_ERROR(Require(who, accounts::perm::kCommunityWrite));
  auto scope = accounts::ParseScope("community:" + input.code);
  if (!scope.ok()) {
    return MakeError("community.code", "code");
  }
  auto name = registry::CleanName(input.name, "name", kMaxPlaceNameBytes);
  if (!name.ok()) {
    return name.error();
  }
  registry::Community c{0, input.code, *name, input.region_code, input.village, clock_.NowMs()};
  std::optional<registry::Community> created;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    if (!r.places.FindRegion(c.region_code)) {
      return MakeError("region.not_found", "region_code");
    }
    auto made = r.places.CreateCommunity(c);
    if (!made.ok()) {
      return made.error();
    }
    created = *made;
    r.audit.Append(MakeAuditEntry(ctx, Actor(who), "community.create", "community",
                                  std::to_string(made->id),
                                  Json({{"code", c.code}, {"name", c.name}}), c.created_at));
    return Ok();
  }));
  return *created;
}

Result<std::vector<CountedZone>> PlacesService::ListZones(const Principal& who,
                                                          const std::string& code) {
  std::vector<CountedZone> out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, code);
    if (!access.ok()) {
      return access.error();
    }
    const auto id = access->community.id;
    std::map<std::int64_t, registry::PlaceCount> counts;
    for (const auto& c :
         r.places.Counts(id, access->zone_id, registry::PlaceStore::CountBy::kZone)) {
      counts[c.id] = c;
    }
    std::map<std::int64_t, int> buildings;
    for (const auto& b : r.places.ListBuildings(id, access->zone_id)) {
      buildings[b.zone_id] += 1;
    }
    for (const auto& z : r.places.ListZones(id)) {
      if (!WithinAccess(*access, z.id)) {
        continue;
      }
      out.push_back(CountedZone{z, buildings[z.id], counts[z.id].households, counts[z.id].persons});
    }
    return Ok();
  }));
  return out;
}

Result<Zone> PlacesService::CreateZone(const RequestContext& ctx, const Principal& who,
                                       const std::string& code, int number,
                                       const std::string& name) {
  auto clean = registry::CleanName(name, "name", kMaxPlaceNameBytes);
  if (!clean.ok()) {
    return clean.error();
  }
  if (number < 1 || number > 999) {
    return MakeError("zone.number", "number");
  }
  const TimeMs now = clock_.NowMs();
  std::optional<Zone> created;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, code);
    if (!access.ok()) {
      return access.error();
    }
    if (access->zone_id) {
      return MakeError("auth.forbidden");  // a zone's user cannot make zones
    }
    auto made = r.places.CreateZone(
        Zone{0, access->community.id, number, registry::ZoneCode(code, number), *clean});
    if (!made.ok()) {
      return made.error();
    }
    created = *made;
    r.audit.Append(MakeAuditEntry(ctx, Actor(who), "zone.create", "zone", std::to_string(made->id),
                                  Json({{"name", made->name}}), now));
    return Ok();
  }));
  return *created;
}

Result<Zone> PlacesService::UpdateZone(const RequestContext& ctx, const Principal& who,
                                       std::int64_t zone_id, const std::string& name) {
  auto clean = registry::CleanName(name, "name", kMaxPlaceNameBytes);
  if (!clean.ok()) {
    return clean.error();
  }
  std::optional<Zone> updated;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    auto zone = r.places.FindZone(zone_id);
    if (!zone || !AccessPlace(r, who, zone->community_id, zone->id, "zone.not_found").ok()) {
      return MakeError("zone.not_found");
    }
    zone->name = *clean;
    r.places.UpdateZone(*zone);
    updated = zone;
    r.audit.Append(MakeAuditEntry(ctx, Actor(who), "zone.update", "zone", std::to_string(zone_id),
                                  Json({{"name", zone->name}}), clock_.NowMs()));
    return Ok();
  }));
  return *updated;
}

Result<std::vector<CountedBuilding>> PlacesService::ListBuildings(
    const Principal& who, const std::string& code, std::optional<std::int64_t> zone_id) {
  std::vector<CountedBuilding> out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, code);
    if (!access.ok()) {
      return access.error();
    }
    if (access->zone_id && zone_id && zone_id != access->zone_id) {
      return Ok();  // another zone: nothing to see
    }
    const auto zone = access->zone_id ? access->zone_id : zone_id;
    std::map<std::int64_t, registry::PlaceCount> counts;
    for (const auto& c :
         r.places.Counts(access->community.id, zone, registry::PlaceStore::CountBy::kBuilding)) {
      counts[c.id] = c;
    }
    for (const auto& b : r.places.ListBuildings(access->community.id, zone)) {
      out.push_back(CountedBuilding{b, counts[b.id].households, counts[b.id].persons});
    }
    return Ok();
  }));
  return out;
}

Result<Building> PlacesService::CreateBuilding(const RequestContext& ctx, const Principal& who,
                                               const std::string& code, std::int64_t zone_id,
                                               const std::string& name) {
  auto clean = registry::CleanName(registry::NormaliseBuilding(name), "name", kMaxPlaceNameBytes);
  if (!clean.ok()) {
    return clean.error();
  }
  std::optional<Building> created;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, code);
    if (!access.ok()) {
      return access.error();
    }
    auto zone = r.places.FindZone(zone_id);
    if (!zone || zone->community_id != access->community.id || !WithinAccess(*access, zone_id)) {
      return MakeError("zone.not_found", "zone_id");
    }
    auto made = r.places.CreateBuilding(Building{0, access->community.id, zone_id, *clean});
    if (!made.ok()) {
      return made.error();
    }
    created = *made;
    r.audit.Append(MakeAuditEntry(ctx, Actor(who), "building.create", "building",
                                  std::to_string(made->id), Json({{"name", made->name}}),
                                  clock_.NowMs()));
    return Ok();
  }));
  return *created;
}

Result<Building> PlacesService::UpdateBuilding(const RequestContext& ctx, const Principal& who,
                                               std::int64_t id, std::optional<std::string> name,
                                               std::optional<std::int64_t> zone_id) {
  std::optional<Building> updated;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    auto b = r.places.FindBuilding(id);
    if (!b || !AccessPlace(r, who, b->community_id, b->zone_id, "building.not_found").ok()) {
      return MakeError("building.not_found");
    }
    if (name) {
      auto clean =
          registry::CleanName(registry::NormaliseBuilding(*name), "name", kMaxPlaceNameBytes);
      if (!clean.ok()) {
        return clean.error();
      }
      b->name = *clean;
    }
    if (zone_id) {
      auto zone = r.places.FindZone(*zone_id);
      if (!zone || zone->community_id != b->community_id ||
          !AccessPlace(r, who, b->community_id, *zone_id, "zone.not_found").ok()) {
        return MakeError("zone.not_found", "zone_id");
      }
      b->zone_id = *zone_id;
    }
    auto done = r.places.UpdateBuilding(*b);
    if (!done.ok()) {
      return done.error();
    }
    updated = *done;
    r.audit.Append(
        MakeAuditEntry(ctx, Actor(who), "building.update", "building", std::to_string(id),
                       Json({{"name", b->name}, {"zone_id", b->zone_id}}), clock_.NowMs()));
    return Ok();
  }));
  return *updated;
}

Status PlacesService::DeleteBuilding(const RequestContext& ctx, const Principal& who,
                                     std::int64_t id) {
  return store_.Write([&](Repositories& r) -> Status {
    auto b = r.places.FindBuilding(id);
    if (!b || !AccessPlace(r, who, b->community_id, b->zone_id, "building.not_found").ok()) {
      return MakeError("building.not_found");
    }
    CORDON_RETURN_IF_ERROR(r.places.DeleteBuilding(id));
    r.audit.Append(MakeAuditEntry(ctx, Actor(who), "building.delete", "building",
                                  std::to_string(id), Json({{"name", b->name}}), clock_.NowMs()));
    return Ok();
  });
}

Result<std::vector<CountedUnit>> PlacesService::ListUnits(const Principal& who,
                                                          std::int64_t building_id) {
  std::vector<CountedUnit> out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto b = r.places.FindBuilding(building_id);
    if (!b || !AccessPlace(r, who, b->community_id, b->zone_id, "building.not_found").ok()) {
      return MakeError("building.not_found");
    }
    std::map<std::int64_t, registry::PlaceCount> counts;
    for (const auto& c :
         r.places.Counts(b->community_id, b->zone_id, registry::PlaceStore::CountBy::kUnit)) {
      counts[c.id] = c;
    }
    for (const auto& u : r.places.ListUnits(building_id)) {
      out.push_back(CountedUnit{u, counts[u.id].households, counts[u.id].persons});
    }
    return Ok();
  }));
  return out;
}

Result<Unit> PlacesService::CreateUnit(const RequestContext& ctx, const Principal& who,
                                       std::int64_t building_id, const std::string& name) {
  const std::string normal = registry::NormaliseUnit(name);
  if (normal.size() > kMaxPlaceNameBytes) {
    return MakeError("text.too_long", "name", std::to_string(kMaxPlaceNameBytes));
  }
  std::optional<Unit> created;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    auto b = r.places.FindBuilding(building_id);
    if (!b || !AccessPlace(r, who, b->community_id, b->zone_id, "building.not_found").ok()) {
      return MakeError("building.not_found", "building_id");
    }
    auto made = r.places.CreateUnit(Unit{0, b->community_id, building_id, normal});
    if (!made.ok()) {
      return made.error();
    }
    created = *made;
    r.audit.Append(MakeAuditEntry(ctx, Actor(who), "unit.create", "unit", std::to_string(made->id),
                                  Json({{"name", made->name}}), clock_.NowMs()));
    return Ok();
  }));
  return *created;
}

Status PlacesService::DeleteUnit(const RequestContext& ctx, const Principal& who, std::int64_t id) {
  return store_.Write([&](Repositories& r) -> Status {
    auto u = r.places.FindUnit(id);
    auto b = u ? r.places.FindBuilding(u->building_id) : std::nullopt;
    if (!u || !b || !AccessPlace(r, who, b->community_id, b->zone_id, "unit.not_found").ok()) {
      return MakeError("unit.not_found");
    }
    CORDON_RETURN_IF_ERROR(r.places.DeleteUnit(id));
    r.audit.Append(MakeAuditEntry(ctx, Actor(who), "unit.delete", "unit", std::to_string(id),
                                  Json({{"name", u->name}}), clock_.NowMs()));
    return Ok();
  });
}

Result<HouseholdPage> PlacesService::ListHouseholds(const Principal& who, const std::string& code,
                                                    registry::HouseholdCriteria criteria) {
  HouseholdPage page;
  criteria.limit = std::clamp(criteria.limit, 1, kMaxPlacePage);
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, code);
    if (!access.ok()) {
      return access.error();
    }
    criteria.community_id = access->community.id;
    if (access->zone_id) {
      if (criteria.zone_id && criteria.zone_id != access->zone_id) {
        return Ok();
      }
      criteria.zone_id = access->zone_id;
    }
    auto want = criteria;
    want.limit = criteria.limit + 1;
    page.items = r.places.ListHouseholds(want);
    return Ok();
  }));
  if (page.items.size() > static_cast<size_t>(criteria.limit)) {
    page.items.pop_back();
    page.next_after_id = page.items.back().household.id;
  }
  return page;
}

Result<registry::HouseholdRow> PlacesService::GetHousehold(const Principal& who, std::int64_t id) {
  std::optional<registry::HouseholdRow> out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto h = r.places.FindHousehold(id);
    if (!h || !AccessPlace(r, who, h->community_id, h->zone_id, "household.not_found").ok()) {
      return MakeError("household.not_found");
    }
    registry::HouseholdCriteria c;
    c.community_id = h->community_id;
    c.unit_id = h->unit_id;
    c.room = h->room;
    c.limit = 1;
    auto rows = r.places.ListHouseholds(c);
    if (rows.empty()) {
      return MakeError("household.not_found");
    }
    out = rows.front();
    return Ok();
  }));
  return *out;
}

Result<Household> PlacesService::CreateHousehold(const RequestContext& ctx, const Principal& who,
                                                 std::int64_t unit_id, const std::string& room) {
  auto clean = registry::CleanName(registry::NormaliseRoom(room), "room", kMaxRoomBytes);
  if (!clean.ok()) {
    return clean.error();
  }
  std::optional<Household> created;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    auto u = r.places.FindUnit(unit_id);
    auto b = u ? r.places.FindBuilding(u->building_id) : std::nullopt;
    if (!u || !b || !AccessPlace(r, who, b->community_id, b->zone_id, "unit.not_found").ok()) {
      return MakeError("unit.not_found", "unit_id");
    }
    auto made =
        r.places.CreateHousehold(Household{0, b->community_id, b->zone_id, b->id, u->id, *clean});
    if (!made.ok()) {
      return made.error();
    }
    created = *made;
    r.audit.Append(MakeAuditEntry(ctx, Actor(who), "household.create", "household",
                                  std::to_string(made->id), Json({{"room", made->room}}),
                                  clock_.NowMs()));
    return Ok();
  }));
  return *created;
}

Result<Household> PlacesService::UpdateHousehold(const RequestContext& ctx, const Principal& who,
                                                 std::int64_t id, const std::string& room) {
  auto clean = registry::CleanName(registry::NormaliseRoom(room), "room", kMaxRoomBytes);
  if (!clean.ok()) {
    return clean.error();
  }
  std::optional<Household> updated;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    auto h = r.places.FindHousehold(id);
    if (!h || !AccessPlace(r, who, h->community_id, h->zone_id, "household.not_found").ok()) {
      return MakeError("household.not_found");
    }
    h->room = *clean;
    auto done = r.places.UpdateHousehold(*h);
    if (!done.ok()) {
      return done.error();
    }
    updated = *done;
    r.audit.Append(MakeAuditEntry(ctx, Actor(who), "household.update", "household",
                                  std::to_string(id), Json({{"room", h->room}}), clock_.NowMs()));
    return Ok();
  }));
  return *updated;
}

Status PlacesService::DeleteHousehold(const RequestContext& ctx, const Principal& who,
                                      std::int64_t id) {
  return store_.Write([&](Repositories& r) -> Status {
    auto h = r.places.FindHousehold(id);
    if (!h || !AccessPlace(r, who, h->community_id, h->zone_id, "household.not_found").ok()) {
      return MakeError("household.not_found");
    }
    CORDON_RETURN_IF_ERROR(r.places.DeleteHousehold(id));
    r.audit.Append(MakeAuditEntry(ctx, Actor(who), "household.delete", "household",
                                  std::to_string(id), Json({{"room", h->room}}), clock_.NowMs()));
    return Ok();
  });
}

Result<std::vector<registry::Entrance>> PlacesService::ListEntrances(const Principal& who,
                                                                     const std::string& code) {
  std::vector<registry::Entrance> out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, code);
    if (!access.ok()) {
      return access.error();
    }
    out = r.places.ListEntrances(access->community.id, access->zone_id);
    return Ok();
  }));
  return out;
}

namespace {

Result<registry::Entrance> CheckEntrance(Repositories& r, const CommunityAccess& access,
                                         const EntranceInput& input) {
  auto name = registry::CleanName(input.name, "name", kMaxPlaceNameBytes);
  if (!name.ok()) {
    return name.error();
  }
  auto kind = registry::ParseEntranceKind(input.kind.empty() ? "both" : input.kind);
  if (!kind) {
    return MakeError("entrance.kind", "kind");
  }
  auto zone_id = access.zone_id ? access.zone_id : input.zone_id;
  if (zone_id) {
    auto zone = r.places.FindZone(*zone_id);
    if (!zone || zone->community_id != access.community.id || !WithinAccess(access, zone_id)) {
      return MakeError("zone.not_found", "zone_id");
    }
  }
  return registry::Entrance{0, access.community.id, zone_id, *name, *kind};
}

}  // namespace

Result<registry::Entrance> PlacesService::CreateEntrance(const RequestContext& ctx,
                                                         const Principal& who,
                                                         const std::string& code,
                                                         const EntranceInput& input) {
  std::optional<registry::Entrance> created;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, code);
    if (!access.ok()) {
      return access.error();
    }
    auto e = CheckEntrance(r, *access, input);
    if (!e.ok()) {
      return e.error();
    }
    auto made = r.places.CreateEntrance(*e);
    if (!made.ok()) {
      return made.error();
    }
    created = *made;
    r.audit.Append(MakeAuditEntry(ctx, Actor(who), "entrance.create", "entrance",
                                  std::to_string(made->id), Json({{"name", made->name}}),
                                  clock_.NowMs()));
    return Ok();
  }));
  return *created;
}

Result<registry::Entrance> PlacesService::UpdateEntrance(const RequestContext& ctx,
                                                         const Principal& who, std::int64_t id,
                                                         const EntranceInput& input) {
  std::optional<registry::Entrance> updated;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    auto existing = r.places.FindEntrance(id);
    if (!existing) {
      return MakeError("entrance.not_found");
    }
    auto access =
        AccessPlace(r, who, existing->community_id, existing->zone_id, "entrance.not_found");
    if (!access.ok()) {
      return access.error();
    }
    auto e = CheckEntrance(r, *access, input);
    if (!e.ok()) {
      return e.error();
    }
    e->id = id;
    auto done = r.places.UpdateEntrance(*e);
    if (!done.ok()) {
      return done.error();
    }
    updated = *done;
    r.audit.Append(MakeAuditEntry(ctx, Actor(who), "entrance.update", "entrance",
                                  std::to_string(id), Json({{"name", e->name}}), clock_.NowMs()));
    return Ok();
  }));
  return *updated;
}

Status PlacesService::DeleteEntrance(const RequestContext& ctx, const Principal& who,
                                     std::int64_t id) {
  return store_.Write([&](Repositories& r) -> Status {
    auto e = r.places.FindEntrance(id);
    if (!e || !AccessPlace(r, who, e->community_id, e->zone_id, "entrance.not_found").ok()) {
      return MakeError("entrance.not_found");
    }
    CORDON_RETURN_IF_ERROR(r.places.DeleteEntrance(id));
    r.audit.Append(MakeAuditEntry(ctx, Actor(who), "entrance.delete", "entrance",
                                  std::to_string(id), Json({{"name", e->name}}), clock_.NowMs()));
    return Ok();
  });
}

}  // namespace cordon::app
