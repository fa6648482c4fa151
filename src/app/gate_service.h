// The gate checkpoint (门岗卡口): a guard's scan, decided and recorded once however often the
// station sends it; the fever cases a gate opens; and what the console reads of them.
//
// Thread-safety: safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/pass_signer.h"
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
};

struct ScanResult {
  gate::GateEvent event;
  std::optional<std::int64_t> fever_case_id;
  std::string masked_name;  // "王*", for the guard's screen
  bool replayed = false;    // the station had sent this event before: the first answer again
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
  // A station's queue uploaded at once: each scan answered as Scan would, in order, all stored
  // in one unit of work (one fsync for the lot).
  std::vector<Result<ScanResult>> ScanAll(const RequestContext& ctx, const Principal& guard,
                                          std::vector<ScanInput> inputs);
  // The day's list for offline checks (see PersonStatusStore::ForGates): every status not green,
  // and every colour that changed in the last kGateListDays days (older passes of those are
  // stale). Community-wide: a gate lets in residents of every zone.
  Result<std::vector<health::PersonStatus>> GateList(const Principal& who,
                                                     const std::string& community_code);
  Result<GateEventPage> Events(const Principal& who, const std::string& community_code,
                               const GateEventQuery& query);
  Result<FeverCasePage> FeverCases(const Principal& who, const std::string& community_code,
                                   std::optional<bool> open, const std::string& cursor, int limit);

 private:
  struct Checked;
  Result<Checked> Check(ScanInput in, TimeMs now) const;
  Status Decide(Repositories& r, const Principal& guard, const Checked& c, TimeMs now,
                ScanResult& out) const;
  static void Append(Repositories& r, TimeMs now, ScanResult& out);

  Store& store_;
  const Clock& clock_;
  const PersonsService& persons_;
  const PassSigner& signer_;
};

// Whether `s` is a UUID in its 8-4-4-4-12 hexadecimal form.
bool IsUuid(std::string_view s);

}  // namespace cordon::app
