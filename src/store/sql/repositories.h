// The domain's store interfaces in SQL, bound to one connection of either database (SQLite or
// PostgreSQL): one implementation, so that both behave alike.
//
// Thread-safety: as the connection: one thread at a time.
#pragma once

#include "domain/store.h"
#include "store/sql/connection.h"

namespace cordon::store::sql {

class SqlUserStore final : public accounts::UserStore {
 public:
  explicit SqlUserStore(Connection& c) : c_(c) {}
  Result<accounts::User> Create(const accounts::NewUser& user) override;
  std::optional<accounts::UserCredentials> FindByUsername(const std::string& username) override;
  std::optional<accounts::User> FindById(std::int64_t id) override;
  std::vector<accounts::User> List(const accounts::UserCriteria& criteria) override;
  std::int64_t Count() override;

 private:
  Connection& c_;
};

class SqlSessionStore final : public accounts::SessionStore {
 public:
  explicit SqlSessionStore(Connection& c) : c_(c) {}
  void Create(const accounts::Session& session) override;
  std::optional<accounts::Session> Find(const std::string& token_hash) override;
  void Touch(const std::string& token_hash, TimeMs now) override;
  bool Revoke(const std::string& token_hash) override;
  int DeleteExpired(TimeMs before) override;

 private:
  Connection& c_;
};

class SqlThrottleStore final : public accounts::ThrottleStore {
 public:
  explicit SqlThrottleStore(Connection& c) : c_(c) {}
  accounts::ThrottleState Get(const std::string& key) override;
  void Put(const std::string& key, const accounts::ThrottleState& state) override;
  void Clear(const std::string& key) override;

 private:
  Connection& c_;
};

class SqlAuditStore final : public audit::AuditStore {
 public:
  explicit SqlAuditStore(Connection& c) : c_(c) {}
  std::int64_t Append(const audit::AuditEntry& entry) override;
  audit::AuditPage List(const audit::AuditCriteria& criteria) override;

 private:
  Connection& c_;
};

class SqlPlaceStore final : public registry::PlaceStore {
 public:
  explicit SqlPlaceStore(Connection& c) : c_(c) {}
  void PutRegion(const registry::Region& region) override;
  std::optional<registry::Region> FindRegion(const std::string& code) override;
  std::vector<registry::Region> ListRegions(const std::string& parent_code) override;
  Result<registry::Community> CreateCommunity(const registry::Community& c) override;
  void UpdateCommunity(const registry::Community& c) override;
  std::optional<registry::Community> FindCommunity(const std::string& code) override;
  std::optional<registry::Community> FindCommunityById(std::int64_t id) override;
  std::vector<registry::Community> ListCommunities(
      const registry::CommunityCriteria& criteria) override;
  Result<registry::Zone> CreateZone(const registry::Zone& z) override;
  void UpdateZone(const registry::Zone& z) override;
  std::optional<registry::Zone> FindZone(std::int64_t id) override;
  std::vector<registry::Zone> ListZones(std::int64_t community_id) override;
  std::optional<registry::Zone> FindZoneByCode(std::int64_t community_id,
                                               const std::string& code) override;
  Result<registry::Building> CreateBuilding(const registry::Building& b) override;
  Result<registry::Building> UpdateBuilding(const registry::Building& b) override;
  Status DeleteBuilding(std::int64_t id) override;
  std::optional<registry::Building> FindBuilding(std::int64_t id) override;
  std::optional<registry::Building> FindBuildingByName(std::int64_t community_id,
                                                       const std::string& name) override;
  std::vector<registry::Building> ListBuildings(std::int64_t community_id,
                                                std::optional<std::int64_t> zone_id) override;
  Result<registry::Unit> CreateUnit(const registry::Unit& u) override;
  Status DeleteUnit(std::int64_t id) override;
  std::optional<registry::Unit> FindUnit(std::int64_t id) override;
  std::optional<registry::Unit> FindUnitByName(std::int64_t building_id,
                                               const std::string& name) override;
  std::vector<registry::Unit> ListUnits(std::int64_t building_id) override;
  Result<registry::Household> CreateHousehold(const registry::Household& h) override;
  Result<registry::Household> UpdateHousehold(const registry::Household& h) override;
  Status DeleteHousehold(std::int64_t id) override;
  std::optional<registry::Household> FindHousehold(std::int64_t id) override;
  std::optional<registry::Household> FindHouseholdByRoom(std::int64_t unit_id,
                                                         const std::string& room) override;
  std::vector<registry::HouseholdRow> ListHouseholds(
      const registry::HouseholdCriteria& criteria) override;
  Result<registry::Entrance> CreateEntrance(const registry::Entrance& e) override;
  Result<registry::Entrance> UpdateEntrance(const registry::Entrance& e) override;
  Status DeleteEntrance(std::int64_t id) override;
  std::optional<registry::Entrance> FindEntrance(std::int64_t id) override;
  std::vector<registry::Entrance> ListEntrances(std::int64_t community_id,
                                                std::optional<std::int64_t> zone_id) override;
  std::vector<registry::PlaceCount> Counts(std::int64_t community_id,
                                           std::optional<std::int64_t> zone_id,
                                           CountBy by) override;
  std::int64_t Version() override;

 private:
  Connection& c_;
};

class SqlPersonStore final : public registry::PersonStore {
 public:
  explicit SqlPersonStore(Connection& c) : c_(c) {}
  Result<std::int64_t> Insert(const registry::PersonRecord& p) override;
  std::optional<std::int64_t> InsertIfAbsent(const registry::PersonRecord& p) override;
  Status Update(const registry::PersonRecord& p) override;
  void SoftDelete(std::int64_t id, TimeMs at, const std::string& reason) override;
  std::optional<registry::PersonRecord> Find(std::int64_t id) override;
  std::optional<std::string> FindName(std::int64_t id) override;
  std::optional<registry::PersonRecord> FindByDocHash(std::int64_t community_id,
                                                      const std::string& doc_hash) override;
  std::vector<registry::PersonRecord> List(const registry::PersonCriteria& criteria) override;
  int Count(const registry::PersonCriteria& criteria) override;
  void RefreshStatistics() override;
  std::vector<std::pair<std::uint32_t, int>> CountFlags(std::int64_t community_id,
                                                        std::optional<std::int64_t> zone_id,
                                                        const std::string& elderly_before) override;

 private:
  Connection& c_;
};

class SqlImportStore final : public registry::ImportStore {
 public:
  explicit SqlImportStore(Connection& c) : c_(c) {}
  std::int64_t CreateRun(const registry::ImportRun& run) override;
  void AddErrors(std::int64_t run_id, const std::vector<registry::ImportError>& errors) override;
  std::optional<registry::ImportRun> FindRun(std::int64_t id) override;
  std::vector<registry::ImportError> ListErrors(std::int64_t run_id, int limit) override;

 private:
  Connection& c_;
};

class SqlSettingsStore final : public SettingsStore {
 public:
  explicit SqlSettingsStore(Connection& c) : c_(c) {}
  std::optional<std::string> Get(const std::string& key) override;
  void Put(const std::string& key, const std::string& value) override;

 private:
  Connection& c_;
};

class SqlDeclarationStore final : public health::DeclarationStore {
 public:
  explicit SqlDeclarationStore(Connection& c) : c_(c) {}
  std::int64_t Insert(const health::DeclarationRecord& d) override;
  std::optional<health::DeclarationRecord> Find(std::int64_t id) override;
  std::vector<health::DeclarationRecord> List(const health::DeclarationCriteria& criteria) override;
  std::vector<health::DeclarationRecord> Recent(std::int64_t person_id,
                                                const std::string& since_day) override;
  void AddArrival(std::int64_t person_id, std::int64_t community_id, TimeMs at) override;
  std::optional<health::Arrival> FindArrival(std::int64_t person_id) override;
  std::vector<health::Arrival> ListArrivals(const health::ArrivalCriteria& criteria) override;
  void ConfirmArrival(std::int64_t person_id, TimeMs at, std::int64_t user_id) override;

 private:
  Connection& c_;
};

class SqlPersonStatusStore final : public health::PersonStatusStore {
 public:
  explicit SqlPersonStatusStore(Connection& c) : c_(c) {}
  std::optional<health::PersonStatus> Get(std::int64_t person_id) override;
  std::optional<health::PersonStatus> FindByRef(const std::string& pass_ref) override;
  void Put(const health::PersonStatus& status) override;
  std::vector<health::PersonStatus> ListAfter(std::int64_t community_id, std::int64_t after_person,
                                              int limit) override;
  std::vector<health::PersonStatus> ForGates(std::int64_t community_id, TimeMs now,
                                             TimeMs changed_since) override;
  std::vector<health::ColourCount> CountByZone(std::int64_t community_id,
                                               std::optional<std::int64_t> zone_id,
                                               TimeMs now) override;
  std::vector<health::UndeclaredPerson> Undeclared(
      const health::UndeclaredCriteria& criteria) override;
  int CountUndeclared(const health::UndeclaredCriteria& criteria) override;

 private:
  Connection& c_;
};

class SqlRuleStore final : public health::RuleStore {
 public:
  explicit SqlRuleStore(Connection& c) : c_(c) {}
  std::optional<health::StoredRuleSet> Current() override;
  int Insert(const health::RuleSet& set, TimeMs at, std::optional<std::int64_t> user_id) override;
  std::vector<health::StoredRuleSet> History(int limit) override;

 private:
  Connection& c_;
};

class SqlRiskAreaStore final : public health::RiskAreaStore {
 public:
  explicit SqlRiskAreaStore(Connection& c) : c_(c) {}
  std::int64_t Insert(const health::RiskArea& area, TimeMs at,
                      std::optional<std::int64_t> user_id) override;
  void Update(const health::RiskArea& area) override;
  bool Remove(std::int64_t id) override;
  std::optional<health::RiskArea> Find(std::int64_t id) override;
  std::vector<health::RiskArea> List() override;

 private:
  Connection& c_;
};

class SqlVisitStore final : public health::VisitStore {
 public:
  explicit SqlVisitStore(Connection& c) : c_(c) {}
  std::int64_t InsertTask(const health::VisitTask& task) override;
  std::optional<health::VisitTask> FindTask(std::int64_t id) override;
  std::optional<health::VisitTask> OpenTaskFor(std::int64_t household_id) override;
  std::vector<health::VisitTask> ListTasks(const health::VisitTaskCriteria& criteria) override;
  std::int64_t AddVisit(std::int64_t task_id, health::VisitOutcome outcome, const std::string& note,
                        TimeMs at, std::optional<std::int64_t> user_id) override;

 private:
  Connection& c_;
};

class SqlGateStore final : public gate::GateStore {
 public:
  explicit SqlGateStore(Connection& c) : c_(c) {}
  std::optional<std::int64_t> Insert(const gate::GateEvent& e) override;
  std::optional<gate::GateEvent> FindByClientId(const std::string& client_event_id) override;
  std::vector<gate::GateEvent> List(const gate::GateEventCriteria& criteria) override;
  std::optional<std::int64_t> PersonByPlate(std::int64_t community_id,
                                            const std::string& plate) override;
  std::int64_t OpenFeverCase(const gate::FeverCase& c) override;
  std::optional<gate::FeverCase> FeverCaseForEvent(std::int64_t gate_event_id) override;
  std::vector<gate::FeverCase> ListFeverCases(std::int64_t community_id, std::optional<bool> open,
                                              std::int64_t before_id, int limit) override;

 private:
  Connection& c_;
};

class SqlVisitorStore final : public gate::VisitorStore {
 public:
  explicit SqlVisitorStore(Connection& c) : c_(c) {}
  std::int64_t Insert(const gate::VisitorRecord& v) override;
  std::optional<gate::VisitorRecord> Find(std::int64_t id) override;
  std::optional<gate::VisitorRecord> FindByRef(const std::string& pass_ref) override;
  std::vector<gate::VisitorRecord> List(std::int64_t community_id, std::optional<TimeMs> from,
                                        std::optional<TimeMs> to, std::int64_t before_id,
                                        int limit) override;
  void MarkOut(std::int64_t id, TimeMs at) override;

 private:
  Connection& c_;
};

class SqlShiftStore final : public gate::ShiftStore {
 public:
  explicit SqlShiftStore(Connection& c) : c_(c) {}
  std::int64_t Insert(const gate::Shift& s, TimeMs at, std::optional<std::int64_t> by) override;
  std::optional<gate::Shift> Find(std::int64_t id) override;
  bool Remove(std::int64_t id) override;
  std::vector<gate::Shift> List(std::int64_t community_id, const std::string& day,
                                std::optional<std::int64_t> entrance_id) override;

 private:
  Connection& c_;
};

// Every store of one connection, and the Repositories view of them.
struct SqlRepositories {
  explicit SqlRepositories(Connection& c)
      : users(c),
        sessions(c),
        throttle(c),
        audit(c),
        places(c),
        persons(c),
        imports(c),
        settings(c),
        declarations(c),
        statuses(c),
        rules(c),
        risk_areas(c),
        visits(c),
        gate(c),
        visitors(c),
        shifts(c) {}
  SqlUserStore users;
  SqlSessionStore sessions;
  SqlThrottleStore throttle;
  SqlAuditStore audit;
  SqlPlaceStore places;
  SqlPersonStore persons;
  SqlImportStore imports;
  SqlSettingsStore settings;
  SqlDeclarationStore declarations;
  SqlPersonStatusStore statuses;
  SqlRuleStore rules;
  SqlRiskAreaStore risk_areas;
  SqlVisitStore visits;
  SqlGateStore gate;
  SqlVisitorStore visitors;
  SqlShiftStore shifts;
  Repositories View() {
    return Repositories{users,   sessions, throttle,     audit,    places, persons,
                        imports, settings, declarations, statuses, rules,  risk_areas,
                        visits,  gate,     visitors,     shifts};
  }
};

}  // namespace cordon::store::sql
