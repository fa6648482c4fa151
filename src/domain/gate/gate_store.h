// Storage of gate events (append-only, one per client-made id) and of the fever cases gates open.
//
// Thread-safety: as every store: one unit of work at a time (see domain/store.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/gate/decision.h"
#include "domain/gate/shift.h"

namespace cordon::gate {

struct GateEvent {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::int64_t entrance_id = 0;
  std::string client_event_id;  // a UUID made by the station
  Direction direction = Direction::kIn;
  Method method = Method::kPass;
  std::optional<std::int64_t> person_id;
  std::string plate;
  std::optional<int> temperature_tenths;
  std::optional<health::Colour> colour;
  Decision decision = Decision::kAllow;
  std::vector<std::string> reasons;
  std::optional<std::int64_t> guard_id;  // who sent it
  // The guard on duty at the entrance when the station decided (by the shift table), or the
  // sender when no shift covers that time: whom the event counts for.
  std::optional<std::int64_t> on_duty_id;
  std::string device;
  TimeMs decided_at = 0;   // the station's clock, when it decided (offline, maybe long before)
  TimeMs received_at = 0;  // the server's clock, when the event arrived
  // Read only, from joins.
  std::string person_name;
  std::string entrance_name;
  std::string guard_name;
  std::string on_duty_name;
};

struct GateEventCriteria {
  std::int64_t community_id = 0;
  std::optional<std::int64_t> zone_id;  // entrances of the zone
  std::optional<std::int64_t> entrance_id;
  std::optional<std::int64_t> person_id;
  std::optional<std::string> plate;
  std::optional<TimeMs> from;  // decided_at, inclusive
  std::optional<TimeMs> to;    // exclusive
  std::int64_t before_id = 0;  // paging, newest first
  int limit = 50;
};

struct FeverCase {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::optional<std::int64_t> person_id;
  std::optional<std::int64_t> gate_event_id;
  std::optional<std::int64_t> entrance_id;
  int temperature_tenths = 0;
  std::string source = "gate";
  std::string status = "open";
  TimeMs opened_at = 0;
  // Read only, from joins.
  std::string person_name;
  std::string entrance_name;
};

class GateStore {
 public:
  virtual ~GateStore() = default;
  // Stores the event unless one with its client_event_id exists: the new id, or nullopt.
  virtual std::optional<std::int64_t> Insert(const GateEvent& e) = 0;
  virtual std::optional<GateEvent> FindByClientId(const std::string& client_event_id) = 0;
  // Newest first; up to limit + 1 rows.
  virtual std::vector<GateEvent> List(const GateEventCriteria& criteria) = 0;
  // A live person of the community with the plate among their vehicles.
  virtual std::optional<std::int64_t> PersonByPlate(std::int64_t community_id,
                                                    const std::string& plate) = 0;
  virtual std::int64_t OpenFeverCase(const FeverCase& c) = 0;
  virtual std::optional<FeverCase> FeverCaseForEvent(std::int64_t gate_event_id) = 0;
  // Newest first; up to limit + 1 rows.
  virtual std::vector<FeverCase> ListFeverCases(std::int64_t community_id, std::optional<bool> open,
                                                std::int64_t before_id, int limit) = 0;
};

}  // namespace cordon::gate

namespace cordon::gate {

// A visitor (访客): someone from outside the community, registered at a gate.
struct VisitorRecord {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::int64_t entrance_id = 0;
  std::string name;
  std::string doc_type;
  std::string doc_cipher;
  std::string doc_masked;
  std::string phone_cipher;
  std::string phone_masked;
  std::string host;  // whom they visit
  std::optional<std::int64_t> household_id;
  std::string purpose;
  std::optional<int> temperature_tenths;
  std::string plate;
  std::string pass_ref;
  TimeMs in_at = 0;
  std::optional<TimeMs> out_at;
  std::optional<std::int64_t> registered_by;
  // Read only, from joins.
  std::string entrance_name;
  std::string registered_by_name;
};

class VisitorStore {
 public:
  virtual ~VisitorStore() = default;
  virtual std::int64_t Insert(const VisitorRecord& v) = 0;
  virtual std::optional<VisitorRecord> Find(std::int64_t id) = 0;
  virtual std::optional<VisitorRecord> FindByRef(const std::string& pass_ref) = 0;
  // Newest first, those who came in at or after `from` (and before `to`); up to limit + 1 rows.
  virtual std::vector<VisitorRecord> List(std::int64_t community_id, std::optional<TimeMs> from,
                                          std::optional<TimeMs> to, std::int64_t before_id,
                                          int limit) = 0;
  virtual void MarkOut(std::int64_t id, TimeMs at) = 0;
};

class ShiftStore {
 public:
  virtual ~ShiftStore() = default;
  virtual std::int64_t Insert(const Shift& s, TimeMs at, std::optional<std::int64_t> by) = 0;
  virtual std::optional<Shift> Find(std::int64_t id) = 0;
  virtual bool Remove(std::int64_t id) = 0;
  // A community's shifts of a day (optionally one entrance), by entrance and start.
  virtual std::vector<Shift> List(std::int64_t community_id, const std::string& day,
                                  std::optional<std::int64_t> entrance_id) = 0;
};

}  // namespace cordon::gate
