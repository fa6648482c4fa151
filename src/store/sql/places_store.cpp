#include "store/sql/repositories.h"

namespace cordon::store::sql {
namespace {

using registry::Building;
using registry::Community;
using registry::Entrance;
using registry::Household;
using registry::Unit;
using registry::Zone;

// Deletes unless a child row refers to the place.
Status DeleteIfEmpty(Connection& c, const char* code, const char* sql, std::int64_t id) {
  try {
    c.Guarded([&] { c.Prepare(sql).BindAll(id).Run(); });
  } catch (const StorageError& e) {
    if (e.IsForeignKeyViolation()) {
      return MakeError(code);
    }
    throw;
  }
  return Ok();
}

constexpr const char* kCommunityCols = "id, code, name, region_code, village, created_at";
Community ReadCommunity(const Stmt& q) {
  return Community{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4) != 0, q.Int(5)};
}

Zone ReadZone(const Stmt& q) {
  return Zone{q.Int(0), q.Int(1), static_cast<int>(q.Int(2)), q.Text(3), q.Text(4)};
}

Building ReadBuilding(const Stmt& q) { return Building{q.Int(0), q.Int(1), q.Int(2), q.Text(3)}; }
Unit ReadUnit(const Stmt& q) { return Unit{q.Int(0), q.Int(1), q.Int(2), q.Text(3)}; }
Household ReadHousehold(const Stmt& q) {
  return Household{q.Int(0), q.Int(1), q.Int(2), q.Int(3), q.Int(4), q.Text(5)};
}
Entrance ReadEntrance(const Stmt& q) {
  return Entrance{q.Int(0), q.Int(1), q.OptInt(2), q.Text(3),
                  registry::ParseEntranceKind(q.Text(4)).value_or(registry::EntranceKind::kBoth)};
}

std::string Cat(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (auto p : parts) {
    s.append(p);
  }
  return s;
}

}  // namespace

void SqlPlaceStore::PutRegion(const registry::Region& r) {
  c_.Prepare(
        "INSERT INTO regions (code, name, parent_code, level) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (code) DO UPDATE SET name = ?2, parent_code = ?3, level = ?4")
      .BindAll(r.code, r.name, r.parent_code, registry::RegionLevelCode(r.level))
      .Run();
}

std::optional<registry::Region> SqlPlaceStore::FindRegion(const std::string& code) {
  auto q = c_.Prepare("SELECT code, name, parent_code, level FROM regions WHERE code = ?");
  q.Bind(1, code);
  if (!q.Step()) {
    return std::nullopt;
  }
  return registry::Region{
      q.Text(0), q.Text(1), q.Text(2),
      registry::ParseRegionLevel(q.Text(3)).value_or(registry::RegionLevel::kProvince)};
}

std::vector<registry::Region> SqlPlaceStore::ListRegions(const std::string& parent_code) {
  auto q = c_.Prepare(
      "SELECT code, name, parent_code, level FROM regions WHERE parent_code = ? ORDER BY code");
  q.Bind(1, parent_code);
  std::vector<registry::Region> out;
  while (q.Step()) {
    out.push_back(registry::Region{
        q.Text(0), q.Text(1), q.Text(2),
        registry::ParseRegionLevel(q.Text(3)).value_or(registry::RegionLevel::kProvince)});
  }
  return out;
}

Result<Community> SqlPlaceStore::CreateCommunity(const Community& c) {
  CORDON_RETURN_IF_ERROR(UniqueOr(c_, "community.taken", "code", [&] {
    c_.Prepare(
          "INSERT INTO communities (code, name, region_code, village, created_at) "
          "VALUES (?, ?, ?, ?, ?)")
        .BindAll(c.code, c.name, c.region_code, c.village, c.created_at)
        .Run();
  }));
  Community out = c;
  out.id = c_.LastInsertId();
  return out;
}

void SqlPlaceStore::UpdateCommunity(const Community& c) {
  c_.Prepare("UPDATE communities SET name = ?, village = ? WHERE id = ?")
      .BindAll(c.name, c.village, c.id)
      .Run();
}

std::optional<Community> SqlPlaceStore::FindCommunity(const std::string& code) {
  static const std::string kSql =
      Cat({"SELECT ", kCommunityCols, " FROM communities WHERE code = ?"});
  auto q = c_.Prepare(kSql);
  q.Bind(1, code);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadCommunity(q);
}

std::optional<Community> SqlPlaceStore::FindCommunityById(std::int64_t id) {
  static const std::string kSql =
      Cat({"SELECT ", kCommunityCols, " FROM communities WHERE id = ?"});
  auto q = c_.Prepare(kSql);
  q.Bind(1, id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadCommunity(q);
}

std::vector<Community> SqlPlaceStore::ListCommunities(const registry::CommunityCriteria& cr) {
  static const std::string kSql =
      Cat({"SELECT ", kCommunityCols,
           " FROM communities WHERE substr(region_code, 1, length(?1)) = ?1 "
           "AND (code = ?2 OR ?2 IS NULL) AND id > ?3 ORDER BY id LIMIT ?4"});
  auto q = c_.Prepare(kSql);
  q.BindAll(cr.region_prefix, cr.code, cr.after_id, cr.limit);
  std::vector<Community> out;
  while (q.Step()) {
    out.push_back(ReadCommunity(q));
  }
  return out;
}

Result<Zone> SqlPlaceStore::CreateZone(const Zone& z) {
  CORDON_RETURN_IF_ERROR(UniqueOr(c_, "zone.taken", "number", [&] {
    c_.Prepare("INSERT INTO zones (community_id, number, code, name) VALUES (?, ?, ?, ?)")
        .BindAll(z.community_id, z.number, z.code, z.name)
        .Run();
  }));
  Zone out = z;
  out.id = c_.LastInsertId();
  return out;
}

void SqlPlaceStore::UpdateZone(const Zone& z) {
  c_.Prepare("UPDATE zones SET name = ? WHERE id = ?").BindAll(z.name, z.id).Run();
}

std::optional<Zone> SqlPlaceStore::FindZone(std::int64_t id) {
  auto q = c_.Prepare("SELECT id, community_id, number, code, name FROM zones WHERE id = ?");
  q.Bind(1, id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadZone(q);
}

std::vector<Zone> SqlPlaceStore::ListZones(std::int64_t community_id) {
  auto q = c_.Prepare(
      "SELECT id, community_id, number, code, name FROM zones WHERE community_id = ? "
      "ORDER BY number");
  q.Bind(1, community_id);
  std::vector<Zone> out;
  while (q.Step()) {
    out.push_back(ReadZone(q));
  }
  return out;
}

std::optional<Zone> SqlPlaceStore::FindZoneByCode(std::int64_t community_id,
                                                  const std::string& code) {
  auto q = c_.Prepare(
      "SELECT id, community_id, number, code, name FROM zones WHERE code = ? AND community_id = ?");
  q.Bind(1, code).Bind(2, community_id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadZone(q);
}

Result<Building> SqlPlaceStore::CreateBuilding(const Building& b) {
  CORDON_RETURN_IF_ERROR(UniqueOr(c_, "building.taken", "name", [&] {
    c_.Prepare("INSERT INTO buildings (community_id, zone_id, name) VALUES (?, ?, ?)")
        .BindAll(b.community_id, b.zone_id, b.name)
        .Run();
  }));
  Building out = b;
  out.id = c_.LastInsertId();
  return out;
}

Result<Building> SqlPlaceStore::UpdateBuilding(const Building& b) {
  CORDON_RETURN_IF_ERROR(UniqueOr(c_, "building.taken", "name", [&] {
    c_.Prepare("UPDATE buildings SET name = ?, zone_id = ? WHERE id = ?")
        .BindAll(b.name, b.zone_id, b.id)
        .Run();
    // The households of a building move with it, and carry its name.
    c_.Prepare("UPDATE households SET zone_id = ?, building_name = ? WHERE building_id = ?")
        .BindAll(b.zone_id, b.name, b.id)
        .Run();
    c_.Prepare(
          "UPDATE persons SET zone_id = ? WHERE household_id IN "
          "(SELECT id FROM households WHERE building_id = ?)")
        .BindAll(b.zone_id, b.id)
        .Run();
  }));
  return b;
}

Status SqlPlaceStore::DeleteBuilding(std::int64_t id) {
  auto q = c_.Prepare("SELECT count(*) FROM households WHERE building_id = ?");
  q.Bind(1, id);
  q.Step();
  if (q.Int(0) > 0) {
    return MakeError("building.not_empty");
  }
  c_.Prepare("DELETE FROM units WHERE building_id = ?").BindAll(id).Run();
  return DeleteIfEmpty(c_, "building.not_empty", "DELETE FROM buildings WHERE id = ?", id);
}

std::optional<Building> SqlPlaceStore::FindBuilding(std::int64_t id) {
  auto q = c_.Prepare("SELECT id, community_id, zone_id, name FROM buildings WHERE id = ?");
  q.Bind(1, id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadBuilding(q);
}

std::optional<Building> SqlPlaceStore::FindBuildingByName(std::int64_t community_id,
                                                          const std::string& name) {
  auto q = c_.Prepare(
      "SELECT id, community_id, zone_id, name FROM buildings WHERE community_id = ? AND name = ?");
  q.BindAll(community_id, name);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadBuilding(q);
}

std::vector<Building> SqlPlaceStore::ListBuildings(std::int64_t community_id,
                                                   std::optional<std::int64_t> zone_id) {
  // Natural order: "2栋" before "10栋".
  auto q = c_.Prepare(
      "SELECT id, community_id, zone_id, name FROM buildings WHERE community_id = ?1 "
      "AND (zone_id = ?2 OR ?2 IS NULL) ORDER BY length(name), name");
  q.BindAll(community_id, zone_id);
  std::vector<Building> out;
  while (q.Step()) {
    out.push_back(ReadBuilding(q));
  }
  return out;
}

Result<Unit> SqlPlaceStore::CreateUnit(const Unit& u) {
  CORDON_RETURN_IF_ERROR(UniqueOr(c_, "unit.taken", "name", [&] {
    c_.Prepare("INSERT INTO units (community_id, building_id, name) VALUES (?, ?, ?)")
        .BindAll(u.community_id, u.building_id, u.name)
        .Run();
  }));
  Unit out = u;
  out.id = c_.LastInsertId();
  return out;
}

Status SqlPlaceStore::DeleteUnit(std::int64_t id) {
  return DeleteIfEmpty(c_, "unit.not_empty", "DELETE FROM units WHERE id = ?", id);
}

std::optional<Unit> SqlPlaceStore::FindUnit(std::int64_t id) {
  auto q = c_.Prepare("SELECT id, community_id, building_id, name FROM units WHERE id = ?");
  q.Bind(1, id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadUnit(q);
}

std::optional<Unit> SqlPlaceStore::FindUnitByName(std::int64_t building_id,
                                                  const std::string& name) {
  auto q = c_.Prepare(
      "SELECT id, community_id, building_id, name FROM units WHERE building_id = ? AND name = ?");
  q.BindAll(building_id, name);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadUnit(q);
}

std::vector<Unit> SqlPlaceStore::ListUnits(std::int64_t building_id) {
  auto q = c_.Prepare(
      "SELECT id, community_id, building_id, name FROM units WHERE building_id = ? "
      "ORDER BY length(name), name");
  q.Bind(1, building_id);
  std::vector<Unit> out;
  while (q.Step()) {
    out.push_back(ReadUnit(q));
  }
  return out;
}

Result<Household> SqlPlaceStore::CreateHousehold(const Household& h) {
  CORDON_RETURN_IF_ERROR(UniqueOr(c_, "household.taken", "room", [&] {
    c_.Prepare(
          "INSERT INTO households (community_id, zone_id, building_id, unit_id, room, "
          "building_name, unit_name) VALUES (?1, ?2, ?3, ?4, ?5, "
          "(SELECT name FROM buildings WHERE id = ?3), (SELECT name FROM units WHERE id = ?4))")
        .BindAll(h.community_id, h.zone_id, h.building_id, h.unit_id, h.room)
        .Run();
  }));
  Household out = h;
  out.id = c_.LastInsertId();
  return out;
}

Result<Household> SqlPlaceStore::UpdateHousehold(const Household& h) {
  CORDON_RETURN_IF_ERROR(UniqueOr(c_, "household.taken", "room", [&] {
    c_.Prepare(
          "UPDATE households SET zone_id = ?1, building_id = ?2, unit_id = ?3, room = ?4, "
          "building_name = (SELECT name FROM buildings WHERE id = ?2), "
          "unit_name = (SELECT name FROM units WHERE id = ?3) WHERE id = ?5")
        .BindAll(h.zone_id, h.building_id, h.unit_id, h.room, h.id)
        .Run();
    c_.Prepare("UPDATE persons SET zone_id = ? WHERE household_id = ?")
        .BindAll(h.zone_id, h.id)
        .Run();
  }));
  return h;
}

Status SqlPlaceStore::DeleteHousehold(std::int64_t id) {
  auto q = c_.Prepare("SELECT count(*) FROM persons WHERE household_id = ? AND deleted_at IS NULL");
  q.Bind(1, id);
  q.Step();
  if (q.Int(0) > 0) {
    return MakeError("household.not_empty");
  }
  // Deleted persons keep their history but let go of the household.
  c_.Prepare("UPDATE persons SET household_id = NULL WHERE household_id = ?").BindAll(id).Run();
  return DeleteIfEmpty(c_, "household.not_empty", "DELETE FROM households WHERE id = ?", id);
}

std::optional<Household> SqlPlaceStore::FindHousehold(std::int64_t id) {
  auto q = c_.Prepare(
      "SELECT id, community_id, zone_id, building_id, unit_id, room FROM households WHERE id = ?");
  q.Bind(1, id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadHousehold(q);
}

std::optional<Household> SqlPlaceStore::FindHouseholdByRoom(std::int64_t unit_id,
                                                            const std::string& room) {
  auto q = c_.Prepare(
      "SELECT id, community_id, zone_id, building_id, unit_id, room FROM households "
      "WHERE unit_id = ? AND room = ?");
  q.BindAll(unit_id, room);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadHousehold(q);
}

std::vector<registry::HouseholdRow> SqlPlaceStore::ListHouseholds(
    const registry::HouseholdCriteria& cr) {
  auto q = c_.Prepare(
      "SELECT h.id, h.community_id, h.zone_id, h.building_id, h.unit_id, h.room, h.building_name, "
      "h.unit_name, "
      "(SELECT count(*) FROM persons p WHERE p.household_id = h.id AND p.deleted_at IS NULL) "
      "FROM households h WHERE h.community_id = ?1 AND (h.zone_id = ?2 OR ?2 IS NULL) "
      "AND (h.building_id = ?3 OR ?3 IS NULL) AND (h.unit_id = ?4 OR ?4 IS NULL) "
      "AND (h.room = ?5 OR ?5 IS NULL) AND h.id > ?6 ORDER BY h.id LIMIT ?7");
  q.BindAll(cr.community_id, cr.zone_id, cr.building_id, cr.unit_id, cr.room, cr.after_id,
            cr.limit);
  std::vector<registry::HouseholdRow> out;
  while (q.Step()) {
    out.push_back(
        registry::HouseholdRow{ReadHousehold(q), q.Text(6), q.Text(7), static_cast<int>(q.Int(8))});
  }
  return out;
}

Result<Entrance> SqlPlaceStore::CreateEntrance(const Entrance& e) {
  CORDON_RETURN_IF_ERROR(UniqueOr(c_, "entrance.taken", "name", [&] {
    c_.Prepare("INSERT INTO entrances (community_id, zone_id, name, kind) VALUES (?, ?, ?, ?)")
        .BindAll(e.community_id, e.zone_id, e.name, registry::EntranceKindCode(e.kind))
        .Run();
  }));
  Entrance out = e;
  out.id = c_.LastInsertId();
  return out;
}

Result<Entrance> SqlPlaceStore::UpdateEntrance(const Entrance& e) {
  CORDON_RETURN_IF_ERROR(UniqueOr(c_, "entrance.taken", "name", [&] {
    c_.Prepare("UPDATE entrances SET zone_id = ?, name = ?, kind = ? WHERE id = ?")
        .BindAll(e.zone_id, e.name, registry::EntranceKindCode(e.kind), e.id)
        .Run();
  }));
  return e;
}

Status SqlPlaceStore::DeleteEntrance(std::int64_t id) {
  return DeleteIfEmpty(c_, "entrance.in_use", "DELETE FROM entrances WHERE id = ?", id);
}

std::optional<Entrance> SqlPlaceStore::FindEntrance(std::int64_t id) {
  auto q = c_.Prepare("SELECT id, community_id, zone_id, name, kind FROM entrances WHERE id = ?");
  q.Bind(1, id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadEntrance(q);
}

std::vector<Entrance> SqlPlaceStore::ListEntrances(std::int64_t community_id,
                                                   std::optional<std::int64_t> zone_id) {
  auto q = c_.Prepare(
      "SELECT id, community_id, zone_id, name, kind FROM entrances WHERE community_id = ?1 "
      "AND (zone_id = ?2 OR ?2 IS NULL) ORDER BY id");
  q.BindAll(community_id, zone_id);
  std::vector<Entrance> out;
  while (q.Step()) {
    out.push_back(ReadEntrance(q));
  }
  return out;
}

std::vector<registry::PlaceCount> SqlPlaceStore::Counts(std::int64_t community_id,
                                                        std::optional<std::int64_t> zone_id,
                                                        CountBy by) {
  const char* sql = nullptr;
  switch (by) {
    case CountBy::kZone:
      sql =
          "SELECT h.zone_id, count(DISTINCT h.id), count(p.id) FROM households h "
          "LEFT JOIN persons p ON p.household_id = h.id AND p.deleted_at IS NULL "
          "WHERE h.community_id = ?1 AND (h.zone_id = ?2 OR ?2 IS NULL) GROUP BY h.zone_id";
      break;
    case CountBy::kBuilding:
      sql =
          "SELECT h.building_id, count(DISTINCT h.id), count(p.id) FROM households h "
          "LEFT JOIN persons p ON p.household_id = h.id AND p.deleted_at IS NULL "
          "WHERE h.community_id = ?1 AND (h.zone_id = ?2 OR ?2 IS NULL) GROUP BY h.building_id";
      break;
    case CountBy::kUnit:
      sql =
          "SELECT h.unit_id, count(DISTINCT h.id), count(p.id) FROM households h "
          "LEFT JOIN persons p ON p.household_id = h.id AND p.deleted_at IS NULL "
          "WHERE h.community_id = ?1 AND (h.zone_id = ?2 OR ?2 IS NULL) GROUP BY h.unit_id";
      break;
  }
  auto q = c_.Prepare(sql);
  q.BindAll(community_id, zone_id);
  std::vector<registry::PlaceCount> out;
  while (q.Step()) {
    out.push_back(
        registry::PlaceCount{q.Int(0), static_cast<int>(q.Int(1)), static_cast<int>(q.Int(2))});
  }
  return out;
}

std::int64_t SqlPlaceStore::Version() {
  auto q = c_.Prepare("SELECT version FROM places_version WHERE id = 1");
  return q.Step() ? q.Int(0) : 0;
}

}  // namespace cordon::store::sql
