// The person registry (一张表): create, read, update, soft-delete, search, and reveal of the full
// ID and phone numbers. Numbers are sealed with the vault before they reach the store and shown
// masked everywhere but in a reveal, which needs registry:person:reveal, a reason, and leaves an
// audit entry (without the numbers).
//
// Thread-safety: safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/vault.h"
#include "common/clock.h"
#include "domain/store.h"

namespace cordon::app {

// A partial update: absent fields stay as they are. A masked number (with '*') is ignored, so a
// form that sends back what it was shown never overwrites the stored number.
struct PersonPatch {
  std::optional<std::string> name;
  std::optional<std::string> doc_type;
  std::optional<std::string> id_number;
  std::optional<std::string> phone;
  std::optional<std::optional<std::int64_t>> household_id;  // set to nullopt to move out
  std::optional<std::string> relation;
  std::optional<std::string> kind;
  std::optional<std::vector<std::string>> flags;
  std::optional<std::string> workplace;
  std::optional<std::vector<std::string>> vehicles;
  std::optional<bool> out_migrant;
  std::optional<std::string> out_migrant_where;
  std::optional<std::string> out_migrant_since;
  std::optional<std::string> notes;
  std::optional<std::string> sex;         // only for documents other than resident IDs
  std::optional<std::string> birth_date;  // likewise
};

struct PersonQuery {
  // Free text: four digits (or three and an X) search the last four of the ID or phone; anything
  // else a name prefix.
  std::optional<std::string> q;
  std::optional<std::int64_t> zone_id;
  std::optional<std::int64_t> building_id;
  std::optional<std::int64_t> unit_id;
  std::optional<std::int64_t> household_id;
  std::optional<std::string> room;
  std::vector<std::string> flags;  // disabled, living_alone, chronic, elderly
  std::optional<std::string> kind;
  std::optional<bool> out_migrant;
  // The next_cursor of the page before. Error when malformed: request.invalid_query (cursor).
  std::string cursor;
  int limit = 50;
};

struct PersonPage {
  std::vector<registry::PersonRecord> items;
  std::optional<std::string> next_cursor;
};

// The registry at a glance, for the dashboard.
struct RegistryStats {
  struct ZoneCount {
    registry::Zone zone;
    int households = 0;
    int persons = 0;
  };
  std::vector<ZoneCount> zones;
  int households = 0;
  int persons = 0;
  int elderly = 0;
  int disabled = 0;
  int living_alone = 0;
  int chronic = 0;
};

struct Revealed {
  std::string id_number;
  std::string phone;
};

inline constexpr int kMaxPersonPage = 200;

// Today in China (UTC+8), which bounds birth dates.
CivilDate ChinaToday(const Clock& clock);

class PersonsService {
 public:
  PersonsService(Store& store, const Clock& clock, const Vault& vault)
      : store_(store), clock_(clock), vault_(vault) {}

  // Errors: community.not_found, household.not_found, person.duplicate (409), and the
  // validation errors of NormalisePerson.
  Result<registry::PersonRecord> Create(const RequestContext& ctx, const Principal& who,
                                        const std::string& community_code,
                                        registry::PersonInput input);
  Result<registry::PersonRecord> Get(const Principal& who, std::int64_t id);
  Result<registry::PersonRecord> Update(const RequestContext& ctx, const Principal& who,
                                        std::int64_t id, const PersonPatch& patch);
  // Error: person.reason_required.
  Status Delete(const RequestContext& ctx, const Principal& who, std::int64_t id,
                const std::string& reason);
  Result<PersonPage> List(const Principal& who, const std::string& community_code,
                          const PersonQuery& query);
  Result<RegistryStats> Stats(const Principal& who, const std::string& community_code);
  // The live members of a household. Error: household.not_found.
  Result<std::vector<registry::PersonRecord>> HouseholdMembers(const Principal& who,
                                                               std::int64_t household_id);
  // Requires registry:person:reveal. Error: person.reason_required.
  Result<Revealed> Reveal(const RequestContext& ctx, const Principal& who, std::int64_t id,
                          const std::string& reason);

  // The keyed hash a person is found by (their document type and number).
  std::string DocHash(const registry::PersonInput& input) const;
  // The sealed record for an input; the caller sets ids, places and times.
  registry::PersonRecord Seal(const registry::PersonInput& input) const;
  // A record's values with its numbers masked, as every screen shows them.
  static registry::PersonInput Masked(const registry::PersonRecord& record);
  // The plain values of a record. Error: vault.open_failed.
  Result<registry::PersonInput> Unseal(const registry::PersonRecord& record) const;

 private:
  Store& store_;
  const Clock& clock_;
  const Vault& vault_;
};

}  // namespace cordon::app
