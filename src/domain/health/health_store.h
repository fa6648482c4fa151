// Storage interfaces for declarations, the colour each person holds, the rules and risk areas
// that give colours, and the visit tasks of the sweep.
//
// Thread-safety: as every store: one unit of work at a time (see domain/store.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "domain/health/colour.h"

namespace cordon::health {

// One health declaration (健康申报). Declaring again on the same day supersedes the earlier one
// of that day, which is kept.
struct DeclarationRecord {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::int64_t person_id = 0;
  std::optional<std::int64_t> zone_id;
  std::optional<std::int64_t> household_id;
  std::string day;  // YYYY-MM-DD, China time
  TimeMs submitted_at = 0;
  int temperature_tenths = 0;
  std::vector<std::string> symptoms;
  std::vector<TravelLeg> travel;
  bool contact_with_cases = false;
  bool contact_with_risk_area = false;
  std::string plate;
  Colour colour = Colour::kGreen;
  std::vector<Reason> reasons;
  int rules_version = 0;
  // The staff account that filled it in for the person (协助录入), if any.
  std::optional<std::int64_t> assisted_by;
  bool superseded = false;
  // Read only, from joins: the person's name, the assisting account's name.
  std::string person_name;
  std::string assisted_by_name;
};

struct DeclarationCriteria {
  std::int64_t community_id = 0;
  std::optional<std::int64_t> zone_id;
  std::optional<std::int64_t> person_id;
  std::optional<std::string> day;
  std::optional<Colour> colour;
  std::optional<bool> assisted;
  bool include_superseded = false;
  std::int64_t before_id = 0;  // paging, newest first: ids below this (0: from the newest)
  int limit = 50;
};

// Someone who registered themselves when declaring, for staff to confirm.
struct Arrival {
  std::int64_t person_id = 0;
  std::int64_t community_id = 0;
  TimeMs arrived_at = 0;
  std::optional<TimeMs> confirmed_at;
  std::optional<std::int64_t> confirmed_by;
  // Read only, from joins.
  std::string confirmed_by_name;
};

struct ArrivalCriteria {
  std::int64_t community_id = 0;
  std::optional<std::int64_t> zone_id;
  std::optional<bool> pending;
  std::int64_t before_person = 0;  // paging, newest first (0: from the newest)
  int limit = 50;
};

class DeclarationStore {
 public:
  virtual ~DeclarationStore() = default;
  // Marks the person's live declaration of the same day superseded, then inserts this one.
  virtual std::int64_t Insert(const DeclarationRecord& d) = 0;
  virtual std::optional<DeclarationRecord> Find(std::int64_t id) = 0;
  // Newest first; up to limit + 1 rows.
  virtual std::vector<DeclarationRecord> List(const DeclarationCriteria& criteria) = 0;
  // A person who registered themselves when declaring, for staff to confirm.
  virtual void AddArrival(std::int64_t person_id, std::int64_t community_id, TimeMs at) = 0;
  virtual std::optional<Arrival> FindArrival(std::int64_t person_id) = 0;
  // Newest first; up to limit + 1 rows.
  virtual std::vector<Arrival> ListArrivals(const ArrivalCriteria& criteria) = 0;
  virtual void ConfirmArrival(std::int64_t person_id, TimeMs at, std::int64_t user_id) = 0;
  // The person's live declarations on or after `since_day`, newest first.
  virtual std::vector<DeclarationRecord> Recent(std::int64_t person_id,
                                                const std::string& since_day) = 0;
};

// The colour a person holds now, and the reference their pass carries.
struct PersonStatus {
  std::int64_t person_id = 0;
  std::int64_t community_id = 0;
  std::optional<std::int64_t> zone_id;
  std::string pass_ref;
  Colour colour = Colour::kGreen;
  TimeMs colour_since = 0;  // when this colour was given: passes issued before are stale
  std::int64_t declaration_id = 0;
  std::string declared_day;
  TimeMs valid_until = 0;  // the colour holds until then; after, the person must declare again
  std::vector<Reason> reasons;
  int rules_version = 0;
};

struct ColourCount {
  std::optional<std::int64_t> zone_id;
  int green = 0;
  int yellow = 0;
  int red = 0;
  int none = 0;  // live persons without a valid colour at `now`
};

struct UndeclaredCriteria {
  std::int64_t community_id = 0;
  std::optional<std::int64_t> zone_id;
  std::optional<std::int64_t> building_id;
  std::optional<std::int64_t> household_id;
  TimeMs now = 0;
  std::int64_t after_id = 0;  // paging by person id
  int limit = 100;
};

// A person the sweep lists: live, in the community, without a colour valid at `now`.
struct UndeclaredPerson {
  std::int64_t person_id = 0;
  std::string name;
  std::string phone_masked;
  std::optional<std::int64_t> zone_id;
  std::optional<std::int64_t> household_id;
  std::string building;
  std::string unit;
  std::string room;
  std::uint32_t flags = 0;
  std::string birth_date;
  std::string last_declared_day;  // empty: never
};

class PersonStatusStore {
 public:
  virtual ~PersonStatusStore() = default;
  virtual std::optional<PersonStatus> Get(std::int64_t person_id) = 0;
  virtual std::optional<PersonStatus> FindByRef(const std::string& pass_ref) = 0;
  virtual void Put(const PersonStatus& status) = 0;
  // Every status of a community (all communities when 0), by person id, after `after_person`:
  // for re-evaluation in batches.
  virtual std::vector<PersonStatus> ListAfter(std::int64_t community_id, std::int64_t after_person,
                                              int limit) = 0;
  // What a checkpoint needs to decide offline: the statuses of the community valid at `now` that
  // are not green or changed colour at or after `changed_since`.
  virtual std::vector<PersonStatus> ForGates(std::int64_t community_id, TimeMs now,
                                             TimeMs changed_since) = 0;
  // Per zone of the community (a row per zone that has persons).
  virtual std::vector<ColourCount> CountByZone(std::int64_t community_id,
                                               std::optional<std::int64_t> zone_id, TimeMs now) = 0;
  // By person id; up to limit + 1 rows.
  virtual std::vector<UndeclaredPerson> Undeclared(const UndeclaredCriteria& criteria) = 0;
  virtual int CountUndeclared(const UndeclaredCriteria& criteria) = 0;
};

struct StoredRuleSet {
  RuleSet rules;
  TimeMs created_at = 0;
  std::optional<std::int64_t> created_by;
  std::string created_by_name;
};

class RuleStore {
 public:
  virtual ~RuleStore() = default;
  // The newest version, if any was ever stored.
  virtual std::optional<StoredRuleSet> Current() = 0;
  // Stores `set` as version current + 1 and returns that version.
  virtual int Insert(const RuleSet& set, TimeMs at, std::optional<std::int64_t> user_id) = 0;
  // Newest first.
  virtual std::vector<StoredRuleSet> History(int limit) = 0;
};

class RiskAreaStore {
 public:
  virtual ~RiskAreaStore() = default;
  virtual std::int64_t Insert(const RiskArea& area, TimeMs at,
                              std::optional<std::int64_t> user_id) = 0;
  virtual void Update(const RiskArea& area) = 0;
  virtual bool Remove(std::int64_t id) = 0;
  virtual std::optional<RiskArea> Find(std::int64_t id) = 0;
  // The whole list, by region code.
  virtual std::vector<RiskArea> List() = 0;
};

enum class VisitOutcome { kDeclaredWithHelp, kNobodyHome, kRefused, kMovedOut };
std::string_view VisitOutcomeCode(VisitOutcome o);  // declared_with_help, nobody_home, refused,
                                                    // moved_out
std::optional<VisitOutcome> ParseVisitOutcome(std::string_view code);
// Whether a visit with this outcome closes its task (nobody home: visit again).
inline bool ClosesTask(VisitOutcome o) { return o != VisitOutcome::kNobodyHome; }

// Door-to-door work for a three-person team (物业 + 工作队 + 民警): one household.
struct VisitTask {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::optional<std::int64_t> zone_id;
  std::int64_t household_id = 0;
  std::string reason = "undeclared";
  std::vector<std::string> team;  // the members, as named by whoever set the task
  bool open = true;
  int visits = 0;
  std::optional<VisitOutcome> last_outcome;
  std::string last_note;
  TimeMs created_at = 0;
  std::optional<std::int64_t> created_by;
  TimeMs updated_at = 0;
  // Read only, from joins.
  std::string building;
  std::string unit;
  std::string room;
};

struct VisitTaskCriteria {
  std::int64_t community_id = 0;
  std::optional<std::int64_t> zone_id;
  std::optional<bool> open;
  std::int64_t after_id = 0;
  int limit = 100;
};

class VisitStore {
 public:
  virtual ~VisitStore() = default;
  virtual std::int64_t InsertTask(const VisitTask& task) = 0;
  virtual std::optional<VisitTask> FindTask(std::int64_t id) = 0;
  // The open task of a household, if any.
  virtual std::optional<VisitTask> OpenTaskFor(std::int64_t household_id) = 0;
  virtual std::vector<VisitTask> ListTasks(const VisitTaskCriteria& criteria) = 0;
  // Records one visit on the task and updates the task's state.
  virtual std::int64_t AddVisit(std::int64_t task_id, VisitOutcome outcome, const std::string& note,
                                TimeMs at, std::optional<std::int64_t> user_id) = 0;
};

}  // namespace cordon::health
