// Storage interfaces for places and persons. Implemented in src/store/.
//
// Persons are kept sealed: the document and phone numbers only as ciphertext, with a keyed hash
// of the document number for look-up and masked forms for display (see app/vault.h).
//
// Thread-safety: an instance is bound to one connection and used inside Store::Read or
// Store::Write only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/registry/person.h"
#include "domain/registry/places.h"

namespace cordon::registry {

struct CommunityCriteria {
  std::string region_prefix;  // communities whose region code begins with this
  std::optional<std::string> code;
  std::int64_t after_id = 0;
  int limit = 100;
};

struct HouseholdCriteria {
  std::int64_t community_id = 0;
  std::optional<std::int64_t> zone_id;
  std::optional<std::int64_t> building_id;
  std::optional<std::int64_t> unit_id;
  std::optional<std::string> room;
  std::int64_t after_id = 0;
  int limit = 100;
};

// A household with where it is and how many live there.
struct HouseholdRow {
  Household household;
  std::string building;
  std::string unit;
  int members = 0;
};

// Counts for the places tree.
struct PlaceCount {
  std::int64_t id = 0;  // zone, building or unit id
  int households = 0;
  int persons = 0;
};

class PlaceStore {
 public:
  virtual ~PlaceStore() = default;

  virtual void PutRegion(const Region& region) = 0;
  virtual std::optional<Region> FindRegion(const std::string& code) = 0;
  virtual std::vector<Region> ListRegions(const std::string& parent_code) = 0;

  // Error: community.taken.
  virtual Result<Community> CreateCommunity(const Community& c) = 0;
  virtual void UpdateCommunity(const Community& c) = 0;
  virtual std::optional<Community> FindCommunity(const std::string& code) = 0;
  virtual std::optional<Community> FindCommunityById(std::int64_t id) = 0;
  virtual std::vector<Community> ListCommunities(const CommunityCriteria& criteria) = 0;

  // Error: zone.taken.
  virtual Result<Zone> CreateZone(const Zone& z) = 0;
  virtual void UpdateZone(const Zone& z) = 0;
  virtual std::optional<Zone> FindZone(std::int64_t id) = 0;
  virtual std::vector<Zone> ListZones(std::int64_t community_id) = 0;
  // The community's zone of that code (zone codes are unique across communities).
  virtual std::optional<Zone> FindZoneByCode(std::int64_t community_id,
                                             const std::string& code) = 0;

  // Error: building.taken.
  virtual Result<Building> CreateBuilding(const Building& b) = 0;
  virtual Result<Building> UpdateBuilding(const Building& b) = 0;
  // Error: building.not_empty.
  virtual Status DeleteBuilding(std::int64_t id) = 0;
  virtual std::optional<Building> FindBuilding(std::int64_t id) = 0;
  virtual std::optional<Building> FindBuildingByName(std::int64_t community_id,
                                                     const std::string& name) = 0;
  virtual std::vector<Building> ListBuildings(std::int64_t community_id,
                                              std::optional<std::int64_t> zone_id) = 0;

  // Error: unit.taken.
  virtual Result<Unit> CreateUnit(const Unit& u) = 0;
  // Error: unit.not_empty.
  virtual Status DeleteUnit(std::int64_t id) = 0;
  virtual std::optional<Unit> FindUnit(std::int64_t id) = 0;
  virtual std::optional<Unit> FindUnitByName(std::int64_t building_id, const std::string& name) = 0;
  virtual std::vector<Unit> ListUnits(std::int64_t building_id) = 0;

  // Error: household.taken.
  virtual Result<Household> CreateHousehold(const Household& h) = 0;
  virtual Result<Household> UpdateHousehold(const Household& h) = 0;
  // Error: household.not_empty.
  virtual Status DeleteHousehold(std::int64_t id) = 0;
  virtual std::optional<Household> FindHousehold(std::int64_t id) = 0;
  virtual std::optional<Household> FindHouseholdByRoom(std::int64_t unit_id,
                                                       const std::string& room) = 0;
  virtual std::vector<HouseholdRow> ListHouseholds(const HouseholdCriteria& criteria) = 0;

  // Error: entrance.taken.
  virtual Result<Entrance> CreateEntrance(const Entrance& e) = 0;
  virtual Result<Entrance> UpdateEntrance(const Entrance& e) = 0;
  virtual Status DeleteEntrance(std::int64_t id) = 0;
  virtual std::optional<Entrance> FindEntrance(std::int64_t id) = 0;
  virtual std::vector<Entrance> ListEntrances(std::int64_t community_id,
                                              std::optional<std::int64_t> zone_id) = 0;

  // Households and live persons per zone, per building or per unit of a community (optionally
  // within one zone).
  enum class CountBy { kZone, kBuilding, kUnit };
  virtual std::vector<PlaceCount> Counts(std::int64_t community_id,
                                         std::optional<std::int64_t> zone_id, CountBy by) = 0;

  // A number that rises whenever a community, zone, entrance or gate shift changes, or a user's
  // name, by whichever process: what was read of those at one version is current while it holds.
  virtual std::int64_t Version() = 0;
};

// A person as stored: sealed numbers, plain everything else.
struct PersonRecord {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::optional<std::int64_t> zone_id;
  std::optional<std::int64_t> household_id;
  std::string name;
  DocType doc_type = DocType::kResidentId;
  std::string doc_cipher;  // bytes
  std::string doc_hash;    // bytes: keyed hash of the normalised number
  std::string doc_masked;  // "110105********002X"
  std::string doc_last4;
  std::string phone_cipher;  // bytes; empty when there is no phone
  std::string phone_masked;  // "138****5678"
  std::string phone_last4;
  std::string sex;
  std::string birth_date;
  Relation relation = Relation::kOther;
  PersonKind kind = PersonKind::kOwner;
  std::uint32_t flags = 0;
  std::string workplace;
  std::vector<std::string> vehicles;
  bool out_migrant = false;
  std::string out_migrant_where;
  std::string out_migrant_since;
  std::string notes;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  std::optional<TimeMs> deleted_at;
  std::string delete_reason;

  // Filled by reads, from the household: where the person lives.
  std::string building;
  std::string unit;
  std::string room;
};

struct PersonCriteria {
  std::int64_t community_id = 0;
  std::optional<std::int64_t> zone_id;  // the scope of a zone-bound user, or a filter
  std::optional<std::string> name_prefix;
  // The last four characters of the document number or of the phone (either matches).
  std::optional<std::string> last4;
  std::optional<std::int64_t> building_id;
  std::optional<std::int64_t> unit_id;
  std::optional<std::int64_t> household_id;
  std::optional<std::string> room;
  std::uint32_t all_flags = 0;                   // every one of these flags set
  std::optional<std::string> born_on_or_before;  // "YYYY-MM-DD": for aged 60+
  std::optional<bool> out_migrant;
  std::optional<PersonKind> kind;
  bool include_deleted = false;
  // Lists show masked numbers only; an export that reveals needs the sealed ones too.
  bool with_sealed = false;
  // Paging: rows after this one. A name search is ordered by name then id (and pages by both);
  // every other list by id.
  std::int64_t after_id = 0;
  std::optional<std::string> after_name;
  int limit = 50;
};

class PersonStore {
 public:
  virtual ~PersonStore() = default;
  // Error: person.duplicate (detail: the existing person's id) when a live person of the same
  // community has the same document hash.
  virtual Result<std::int64_t> Insert(const PersonRecord& p) = 0;
  // Inserts unless a live person of the community has the same document hash: returns the new id,
  // or nullopt when one exists (bulk imports, where most rows are new).
  virtual std::optional<std::int64_t> InsertIfAbsent(const PersonRecord& p) = 0;
  // Replaces every stored field of the person `p.id`. Error: person.duplicate.
  virtual Status Update(const PersonRecord& p) = 0;
  virtual void SoftDelete(std::int64_t id, TimeMs at, const std::string& reason) = 0;
  virtual std::optional<PersonRecord> Find(std::int64_t id) = 0;
  // Just the name (a gate's answer needs no more).
  virtual std::optional<std::string> FindName(std::int64_t id) = 0;
  // A live person only.
  virtual std::optional<PersonRecord> FindByDocHash(std::int64_t community_id,
                                                    const std::string& doc_hash) = 0;
  // Live persons (or all, with include_deleted), ordered by name and id for a name search, else by
  // id. Returns up to limit + 1 rows so the caller can tell whether there is a next page.
  virtual std::vector<PersonRecord> List(const PersonCriteria& criteria) = 0;
  // After a bulk load: lets the query planner see the new sizes of the registry's tables.
  virtual void RefreshStatistics() = 0;
  // How many live persons match the community and zone of the criteria (other filters unused).
  virtual int Count(const PersonCriteria& criteria) = 0;
  // Live persons per help-needed flag in a community (optionally one zone): flag bit → count,
  // plus the count born on or before `elderly_before` under key 0.
  virtual std::vector<std::pair<std::uint32_t, int>> CountFlags(
      std::int64_t community_id, std::optional<std::int64_t> zone_id,
      const std::string& elderly_before) = 0;
};

}  // namespace cordon::registry

namespace cordon::registry {

// One import of a spreadsheet, kept so that its error list can be downloaded later.
struct ImportRun {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::int64_t user_id = 0;
  std::string file_name;
  bool applied = false;  // false: rejected for errors, nothing written
  int rows = 0;
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  int errors = 0;  // all of them; at most kMaxStoredImportErrors are kept
  TimeMs created_at = 0;
};

struct ImportError {
  std::size_t row = 0;  // as the spreadsheet program numbers it
  std::string column;   // the column's header as the file wrote it
  std::string code;     // error code
  std::string field;    // the column's code
  std::string detail;
};

class ImportStore {
 public:
  virtual ~ImportStore() = default;
  virtual std::int64_t CreateRun(const ImportRun& run) = 0;
  virtual void AddErrors(std::int64_t run_id, const std::vector<ImportError>& errors) = 0;
  virtual std::optional<ImportRun> FindRun(std::int64_t id) = 0;
  // In row order, at most `limit`.
  virtual std::vector<ImportError> ListErrors(std::int64_t run_id, int limit) = 0;
};

}  // namespace cordon::registry
