// JSON views of records shared by several route files.
//
// Thread-safety: pure functions.
#pragma once

#include <boost/json/value.hpp>

#include "domain/accounts/user.h"
#include "domain/registry/places.h"
#include "domain/registry/registry_store.h"
#include "http/json_text.h"

namespace cordon::http {

// A staff account as the API shows it, with the permissions its role holds.
boost::json::object UserJson(const accounts::User& user);

boost::json::object CommunityJson(const registry::Community& c);
boost::json::object ZoneJson(const registry::Zone& z);
boost::json::object BuildingJson(const registry::Building& b);
boost::json::object UnitJson(const registry::Unit& u);
boost::json::object HouseholdJson(const registry::Household& h);
boost::json::object EntranceJson(const registry::Entrance& e);
// A person as every list and read shows them: ID and phone numbers masked. Lists write persons
// straight into their answer's text; single reads take the same fields as an object.
void WritePerson(JsonText& out, const registry::PersonRecord& p, const CivilDate& today);
boost::json::object PersonJson(const registry::PersonRecord& p, const CivilDate& today);

// A place's view with how many households and persons it holds.
boost::json::object WithCounts(boost::json::object place, int households, int persons);

// The "items" and "next_cursor" of a page.
boost::json::object PageJson(boost::json::array items, std::optional<std::int64_t> next);
// The same for lists whose cursor is already text.
boost::json::object PageJson(boost::json::array items, const std::optional<std::string>& next);

// Each record through its view.
template <class T, class F>
boost::json::array ArrayOf(const std::vector<T>& items, F view) {
  boost::json::array out;
  for (const auto& item : items) {
    out.push_back(view(item));
  }
  return out;
}

}  // namespace cordon::http
