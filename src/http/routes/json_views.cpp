#include "http/routes/json_views.h"

#include <boost/json.hpp>

namespace cordon::http {

boost::json::object UserJson(const accounts::User& u) {
  boost::json::array perms;
  for (std::string_view p : accounts::PermissionsOf(u.role)) {
    perms.emplace_back(p);
  }
  return {
      {"id", u.id},
      {"username", u.username},
      {"display_name", u.display_name},
      {"role", accounts::RoleCode(u.role)},
      {"scope", {{"kind", accounts::ScopeKindCode(u.scope.kind)}, {"code", u.scope.code}}},
      {"permissions", std::move(perms)},
      {"disabled", u.disabled},
      {"created_at", FormatTime(u.created_at)},
  };
}

boost::json::object CommunityJson(const registry::Community& c) {
  return {{"id", c.id},           {"code", c.code},
          {"name", c.name},       {"region_code", c.region_code},
          {"village", c.village}, {"created_at", FormatTime(c.created_at)}};
}

boost::json::object ZoneJson(const registry::Zone& z) {
  return {{"id", z.id}, {"number", z.number}, {"code", z.code}, {"name", z.name}};
}

boost::json::object BuildingJson(const registry::Building& b) {
  return {{"id", b.id}, {"zone_id", b.zone_id}, {"name", b.name}};
}

boost::json::object UnitJson(const registry::Unit& u) {
  return {{"id", u.id}, {"building_id", u.building_id}, {"name", u.name}};
}

boost::json::object HouseholdJson(const registry::Household& h) {
  return {{"id", h.id},
          {"zone_id", h.zone_id},
          {"building_id", h.building_id},
          {"unit_id", h.unit_id},
          {"room", h.room}};
}

boost::json::object EntranceJson(const registry::Entrance& e) {
  boost::json::object o{
      {"id", e.id}, {"name", e.name}, {"kind", registry::EntranceKindCode(e.kind)}};
  o["zone_id"] = e.zone_id ? boost::json::value(*e.zone_id) : boost::json::value(nullptr);
  return o;
}

namespace {

boost::json::value OptId(std::optional<std::int64_t> v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

}  // namespace

boost::json::object PersonJson(const registry::PersonRecord& p, const CivilDate& today,
                               boost::json::storage_ptr storage) {
  boost::json::array flags(storage);
  for (auto f : registry::FlagCodes(p.flags)) {
    flags.emplace_back(f);
  }
  boost::json::array vehicles(storage);
  for (const auto& v : p.vehicles) {
    vehicles.emplace_back(v);
  }
  // Room for every field, those added below too: no rehash while filling.
  boost::json::object o(
      {
          {"id", p.id},
          {"community_id", p.community_id},
          {"zone_id", OptId(p.zone_id)},
          {"household_id", OptId(p.household_id)},
          {"name", p.name},
          {"doc_type", registry::DocTypeCode(p.doc_type)},
          {"id_number", p.doc_masked},
          {"phone", p.phone_masked},
          {"sex", p.sex},
          // A resident ID's birth date is the part its mask hides: with both, the number is whole.
          {"birth_date",
           p.doc_type == registry::DocType::kResidentId ? std::string() : p.birth_date},
          {"relation", registry::RelationCode(p.relation)},
          {"kind", registry::PersonKindCode(p.kind)},
          {"flags", std::move(flags)},
          {"building", p.building},
          {"unit", p.unit},
          {"room", p.room},
          {"workplace", p.workplace},
          {"vehicles", std::move(vehicles)},
          {"out_migrant", p.out_migrant},
          {"out_migrant_where", p.out_migrant_where},
          {"out_migrant_since", p.out_migrant_since},
          {"notes", p.notes},
          {"created_at", FormatTime(p.created_at)},
          {"updated_at", FormatTime(p.updated_at)},
          {"deleted", p.deleted_at.has_value()},
      },
      32, storage);
  auto birth = ParseDate(p.birth_date);
  if (birth) {
    const int age = registry::AgeOn(*birth, today);
    o["age"] = age;
    o["elderly"] = age >= registry::kElderlyAge;
  } else {
    o["age"] = nullptr;
    o["elderly"] = false;
  }
  return o;
}

boost::json::object WithCounts(boost::json::object place, int households, int persons) {
  place["households"] = households;
  place["persons"] = persons;
  return place;
}

boost::json::object PageJson(boost::json::array items, std::optional<std::int64_t> next) {
  boost::json::object o{{"items", std::move(items)}};
  o["next_cursor"] = next ? boost::json::value(std::to_string(*next)) : boost::json::value(nullptr);
  return o;
}

}  // namespace cordon::http
