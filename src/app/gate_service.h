// The gate checkpoint (门岗卡口): a guard's scan, decided and recorded once however often the
// station sends it; the fever cases a gate opens; and what the console reads of them.
//
// Thread-safety: safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/gate_places.h"
#include "app/pass_signer.h"
#include "app/pending.h"
#include "app/persons_service.h"
#include "common/clock.h"
#include "domain/store.h"

namespace cordon::app {

struct ScanInput {
  std::int64_t entrance_id = 0;
  // Exactly one of these identifies the person.
  std::optional<std::string> token;
  std::optional<std::string> id_number;
  std::optional<std::string> plate;
  std::string direction;  // "in" or "out"
  std::optional<double> temperature;
  std::string client_event_id;  // a UUID made by the station
  // When the station decided (offline, maybe long before it could send); default: now.
  std::optional<TimeMs> decided_at;
  std::string device;
  // A vehicle's passengers, each shown their pass: checked with the vehicle and stored as events
  // of their own. Only with a plate.
  struct Passenger {
    std::string token;
    std::optional<double> temperature;
  };
  std::vector<Passenger> passengers;
  // Set on a passenger's own event: the plate of the vehicle they came in.
  std::string vehicle_plate;
};

// The most passengers one vehicle scan carries.
inline constexpr size_t kMaxPassengers = 9;

struct ScanResult {
  gate::GateEvent event;
  std::optional<std::int64_t> fever_case_id;
  std::string masked_name;  // "王*", for the guard's screen
  bool replayed = false;    // the station had sent this event before: the first answer again
  // A vehicle's passengers, in the order given; the vehicle may pass only if all of them may
  // (`decision`), whatever its own event says.
  std::vector<ScanResult> passengers;
  gate::Decision decision = gate::Decision::kAllow;
};

struct VisitorInput {
  std::int64_t entrance_id = 0;
  std::string name;
  std::string doc_type = "resident_id";
  std::string doc_number;
  std::string phone;
  std::string host;  // whom they visit: a name, a room
  std::optional<std::int64_t> household_id;
  std::string purpose;
  std::optional<double> temperature;
  std::string plate;
};

struct RegisteredVisitor {
  gate::VisitorRecord visitor;
  gate::Decision decision = gate::Decision::kAllow;
  std::vector<std::string> reasons;
  std::string pass_token;  // a pass for the day
  TimeMs pass_expires_at = 0;
  std::optional<std::int64_t> fever_case_id;
};

struct VisitorPage {
  std::vector<gate::VisitorRecord> items;
  std::optional<std::string> next_cursor;
};

struct GateEventQuery {
  std::optional<std::int64_t> entrance_id;
  std::optional<std::int64_t> person_id;
  std::optional<std::string> plate;
  std::optional<TimeMs> from;
  std::optional<TimeMs> to;
  std::string cursor;
  int limit = 50;
};

struct GateEventPage {
  std::vector<gate::GateEvent> items;
  std::optional<std::string> next_cursor;
};

struct FeverCasePage {
  std::vector<gate::FeverCase> items;
  std::optional<std::string> next_cursor;
};

inline constexpr int kMaxGatePage = 200;
// How far back a change of colour is listed for gates: longer than any pass is valid.
inline constexpr int kGateListDays = 15;
// The most events one batch upload carries.
inline constexpr size_t kMaxGateBatch = 500;

class GateService {
 public:
  GateService(Store& store, const Clock& clock, const PersonsService& persons,
              const PassSigner& signer)
      : store_(store), clock_(clock), persons_(persons), signer_(signer) {}

  // Errors: gate.client_event_id (not a UUID), gate.identity (not exactly one of token,
  // id_number, plate), gate.direction, entrance.not_found (also outside the guard's scope),
  // temperature.range.
  Result<ScanResult> Scan(const RequestContext& ctx, const Principal& guard, ScanInput input);
  // The same, decided now and answered once the event is stored (see pending.h).
  Pending<ScanResult> ScanLater(const RequestContext& ctx, const Principal& guard, ScanInput input);
  // A station's queue uploaded at once: each scan answered as Scan would, in order, all stored
  // in one unit of work (one fsync for the lot).
  using ScanResults = std::vector<Result<ScanResult>>;
  ScanResults ScanAll(const RequestContext& ctx, const Principal& guard,
                      std::vector<ScanInput> inputs);
  Pending<ScanResults> ScanAllLater(const RequestContext& ctx, const Principal& guard,
                                    std::vector<ScanInput> inputs);
  // The day's list for offline checks (see PersonStatusStore::ForGates): every status not green,
  // and every colour that changed in the last kGateListDays days (older passes of those are
  // stale). Community-wide: a gate lets in residents of every zone.
  Result<std::vector<health::PersonStatus>> GateList(const Principal& who,
                                                     const std::string& community_code);
  // A visitor registered at the gate, with a pass for the day. Errors: visitor.host,
  // visitor.purpose, entrance.not_found, household.not_found, the person errors of the name,
  // document and phone (phone.required), temperature.range.
  Result<RegisteredVisitor> RegisterVisitor(const RequestContext& ctx, const Principal& guard,
                                            VisitorInput input);
  // Errors: visitor.not_found (also outside the scope).
  Result<gate::VisitorRecord> VisitorLeft(const Principal& guard, std::int64_t visitor_id);
  // The visitor log, newest first, of those who came in within [from, to).
  Result<VisitorPage> Visitors(const Principal& who, const std::string& community_code,
                               std::optional<TimeMs> from, std::optional<TimeMs> to,
                               const std::string& cursor, int limit);
  // A gate-duty shift for an account whose scope reaches the entrance. Errors: shift.day,
  // shift.time, entrance.not_found, shift.user (no such account, or out of the entrance's reach).
  Result<gate::Shift> AddShift(const RequestContext& ctx, const Principal& who,
                               std::int64_t entrance_id, gate::Shift shift,
                               const std::string& username);
  // Error: shift.not_found (also outside the scope).
  Status RemoveShift(const RequestContext& ctx, const Principal& who, std::int64_t id);
  // A day's shifts of the community (a zone-bound caller: their zone's entrances).
  Result<std::vector<gate::Shift>> Shifts(const Principal& who, const std::string& community_code,
                                          const std::string& day);
  Result<GateEventPage> Events(const Principal& who, const std::string& community_code,
                               const GateEventQuery& query);
  Result<FeverCasePage> FeverCases(const Principal& who, const std::string& community_code,
                                   std::optional<bool> open, const std::string& cursor, int limit);

 private:
  struct Checked;
  Result<Checked> Check(ScanInput in, TimeMs now) const;
  Status Decide(Repositories& r, const Principal& guard, const Checked& c, TimeMs now,
                ScanResult& out) const;
  // Stores a decided event, or finds it stored before; an error if another community's event
  // holds its id.
  static std::optional<Error> Append(Repositories& r, TimeMs now, ScanResult& out);
  // Checks, decides (one snapshot) and stores (one unit) scans that carry no passengers.
  Pending<ScanResults> DecideAndStore(const Principal& guard, std::vector<ScanInput> inputs);

  Store& store_;
  const Clock& clock_;
  const PersonsService& persons_;
  const PassSigner& signer_;
  // Decisions share it across threads; it guards itself.
  mutable GatePlaces places_;
};

// Whether `s` is a UUID in its 8-4-4-4-12 hexadecimal form.
bool IsUuid(std::string_view s);

}  // namespace cordon::app
