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

void WritePerson(JsonText& out, const registry::PersonRecord& p, const CivilDate& today) {
  out.BeginObject()
      .Member("id", p.id)
      .Member("community_id", p.community_id)
      .Member("zone_id", p.zone_id)
      .Member("household_id", p.household_id)
      .Member("name", p.name)
      .Member("doc_type", registry::DocTypeCode(p.doc_type))
      .Member("id_number", p.doc_masked)
      .Member("phone", p.phone_masked)
      .Member("sex", p.sex)
      // A resident ID's birth date is the part its mask hides: with both, the number is whole.
      .Member("birth_date",
              p.doc_type == registry::DocType::kResidentId ? std::string_view() : p.birth_date)
      .Member("relation", registry::RelationCode(p.relation))
      .Member("kind", registry::PersonKindCode(p.kind));
  out.Key("flags").BeginArray();
  for (auto f : registry::FlagCodes(p.flags)) {
    out.String(f);
  }
  out.EndArray()
      .Member("building", p.building)
      .Member("unit", p.unit)
      .Member("room", p.room)
      .Member("workplace", p.workplace);
  out.Key("vehicles").BeginArray();
  for (const auto& v : p.vehicles) {
    out.String(v);
  }
  out.EndArray()
      .Member("out_migrant", p.out_migrant)
      .Member("out_migrant_where", p.out_migrant_where)
      .Member("out_migrant_since", p.out_migrant_since)
      .Member("notes", p.notes)
      .Member("created_at", FormatTime(p.created_at))
      .Member("updated_at", FormatTime(p.updated_at))
      .Member("deleted", p.deleted_at.has_value());
  auto birth = ParseDate(p.birth_date);
  if (birth) {
    const int age = registry::AgeOn(*birth, today);
    out.Member("age", age).Member("elderly", age >= registry::kElderlyAge);
  } else {
    out.Key("age").Null().Member("elderly", false);
  }
  out.EndObject();
}

boost::json::object PersonJson(const registry::PersonRecord& p, const CivilDate& today) {
  JsonText out;
  WritePerson(out, p, today);
  return boost::json::parse(out.text()).as_object();
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

boost::json::object PageJson(boost::json::array items, const std::optional<std::string>& next) {
  boost::json::object o{{"items", std::move(items)}};
  o["next_cursor"] = next ? boost::json::value(*next) : boost::json::value(nullptr);
  return o;
}

}  // namespace cordon::http
