#include "app/gate_service.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>

#include "app/audit_service.h"
#include "app/paging.h"
#include "app/scope.h"
#include "domain/health/temperature.h"
#include "domain/identity/id_number.h"
#include "domain/registry/person.h"
#include "domain/registry/places.h"

namespace cordon::app {
namespace {

// A station's clock may run a little fast; an event from further ahead than this is refused,
// and so is one older than the longest a station keeps events offline.
constexpr TimeMs kMaxAheadMs = 10 * 60'000;
constexpr TimeMs kMaxOfflineMs = 30LL * 24 * 3'600'000;
constexpr TimeMs kChinaOffsetMs = 8 * 3'600'000;

// The person's colour at `at`, if they hold one still valid then.
std::optional<health::Colour> ColourAt(const std::optional<health::PersonStatus>& s, TimeMs at) {
  if (!s || s->valid_until <= at) {
    return std::nullopt;
  }
  return s->colour;
}

}  // namespace

bool IsUuid(std::string_view s) {
  if (s.size() != 36) {
    return false;
  }
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) {
      return false;
    }
  }
  return true;
}

// A scan checked on its own, before any storage: the parsed values it needs.
struct GateService::Checked {
  ScanInput in;
  gate::Direction direction = gate::Direction::kIn;
  std::optional<int> tenths;
  TimeMs decided_at = 0;
  std::string doc_hash;  // when identified by ID number
  std::string plate;     // when identified by plate
};

Result<GateService::Checked> GateService::Check(ScanInput in, TimeMs now) const {
  Checked c;
  // A passenger's event carries its vehicle's id and its place in the vehicle: "<uuid>/2".
  const auto slash = in.client_event_id.find('/');
  const std::string_view event_id = std::string_view(in.client_event_id).substr(0, slash);
  const bool seat_ok = slash == std::string::npos || (in.client_event_id.size() == slash + 2 &&
                                                      in.client_event_id[slash + 1] >= '1' &&
                                                      in.client_event_id[slash + 1] <= '9');
  if (!IsUuid(event_id) || !seat_ok) {
    return MakeError("gate.client_event_id", "client_event_id");
  }
  if (!in.passengers.empty() && (!in.plate || in.passengers.size() > kMaxPassengers)) {
    return MakeError("gate.passengers", "passengers");
  }
  std::transform(in.client_event_id.begin(), in.client_event_id.end(), in.client_event_id.begin(),
                 [](char ch) { return static_cast<char>(std::tolower(ch)); });
  const int given = (in.token ? 1 : 0) + (in.id_number ? 1 : 0) + (in.plate ? 1 : 0);
  if (given != 1) {
    return MakeError("gate.identity", "token");
  }
  auto direction = gate::ParseDirection(in.direction);
  if (!direction) {
    return MakeError("gate.direction", "direction");
  }
  c.direction = *direction;
  if (in.temperature) {
    auto t = health::ParseTemperature(*in.temperature);
    if (!t.ok()) {
      return t.error();
    }
    c.tenths = t->tenths;
  }
  c.decided_at = in.decided_at.value_or(now);
  if (c.decided_at > now + kMaxAheadMs || c.decided_at < now - kMaxOfflineMs) {
    return MakeError("gate.decided_at", "decided_at");
  }
  // The ID number or plate as the registry keeps it.
  if (in.id_number) {
    auto id = identity::ParseIdNumber(*in.id_number, ChinaToday(clock_), "id_number");
    if (!id.ok()) {
      return id.error();
    }
    registry::PersonInput p;
    p.doc_type = registry::DocType::kResidentId;
    p.doc_number = id->value;
    c.doc_hash = persons_.DocHash(p);
  }
  if (in.plate || !in.vehicle_plate.empty()) {
    auto p = registry::ParsePlate(in.plate ? *in.plate : in.vehicle_plate, "plate");
    if (!p.ok()) {
      return p.error();
    }
    c.plate = *p;
  }
  c.in = std::move(in);
  return c;
}

Status GateService::Decide(Repositories& r, const Principal& guard, const Checked& c, TimeMs now,
                           ScanResult& out) const {
  gate::GateEvent& e = out.event;
  // A retried event is not looked for here: the decision is made again and the append finds
  // the stored one (Append). Only an event the guard can no longer send is answered from store.
  const std::int64_t places_version = r.places.Version();
  auto [entrance, access] = places_.Entrance(r, guard, c.in.entrance_id, places_version);
  if (!access.ok() || !WithinAccess(*access, entrance->zone_id)) {
    auto seen = r.gate.FindByClientId(c.in.client_event_id);
    if (seen && seen->guard_id == guard.user.id) {
      out.replayed = true;
      e = std::move(*seen);
      return Ok();
    }
    return MakeError("entrance.not_found", "entrance_id");
  }
  const auto& community = access->community;
  gate::Facts facts;
  facts.direction = c.direction;
  facts.temperature_tenths = c.tenths;
  std::optional<health::PersonStatus> status;
  std::optional<std::int64_t> person_id;
  if (c.in.token) {
    e.method = gate::Method::kPass;
    auto claims = signer_.Verify(*c.in.token);
    if (!claims.ok()) {
      facts.pass_forged = true;
    } else {
      status = r.statuses.FindByRef(claims->person_ref);
      std::optional<TimeMs> since;
      if (status) {
        since = status->colour_since;
        person_id = status->person_id;
      }
      auto state = health::CheckPass(*claims, c.decided_at, community.code, since);
      // A visitor's day pass names a visitor, not a resident: stale once they have left.
      std::optional<gate::VisitorRecord> visitor;
      if (!status) {
        visitor = r.visitors.FindByRef(claims->person_ref);
        if (visitor) {
          e.person_name = visitor->name;
        }
      }
      const bool current = status
                               ? status->colour == claims->colour
                               : visitor && (!visitor->out_at || *visitor->out_at > c.decided_at);
      if (state == health::PassState::kValid && !current) {
        state = health::PassState::kStale;
      }
      facts.pass_state = state;
      facts.person_known = status.has_value() || visitor.has_value();
      facts.colour = claims->colour;
    }
  } else {
    if (c.in.id_number) {
      e.method = gate::Method::kIdNumber;
      if (auto p = r.persons.FindByDocHash(community.id, c.doc_hash)) {
        person_id = p->id;
      }
    } else {
      e.method = gate::Method::kPlate;
      person_id = r.gate.PersonByPlate(community.id, c.plate);
    }
    facts.person_known = person_id.has_value();
    if (person_id) {
      status = r.statuses.Get(*person_id);
    }
    facts.colour = ColourAt(status, c.decided_at);
  }
  if (person_id) {
    if (auto name = r.persons.FindName(*person_id)) {
      e.person_name = std::move(*name);
    }
  }
  const auto verdict = gate::Decide(facts);
  e.community_id = community.id;
  e.entrance_id = entrance->id;
  e.client_event_id = c.in.client_event_id;
  e.direction = c.direction;
  e.person_id = person_id;
  e.plate = c.plate;
  e.temperature_tenths = c.tenths;
  e.colour = facts.colour;
  e.decision = verdict.decision;
  e.reasons = verdict.reasons;
  e.guard_id = guard.user.id;
  // The event counts for whoever the shift table has on duty then, else for the sender.
  e.on_duty_id = guard.user.id;
  for (const auto& shift :
       places_.Shifts(r, community.id, FormatDate(DateOfTime(c.decided_at + kChinaOffsetMs)),
                      entrance->id, places_version)) {
    if (gate::Covers(shift, c.decided_at)) {
      e.on_duty_id = shift.user_id;
      e.on_duty_name = shift.user_name;
      break;
    }
  }
  e.device = c.in.device.substr(0, 64);
  e.decided_at = c.decided_at;
  e.received_at = now;
  e.entrance_name = entrance->name;
  return Ok();
}

std::optional<Error> GateService::Append(Repositories& r, TimeMs now, ScanResult& out) {
  gate::GateEvent& e = out.event;
  if (out.replayed) {
    if (auto c = r.gate.FeverCaseForEvent(e.id)) {
      out.fever_case_id = c->id;
    }
    return std::nullopt;
  }
  const std::string name = e.person_name;
  auto id = r.gate.Insert(e);
  if (!id) {
    // Sent before (a retry, or two copies at once): the stored event is the answer, if it is
    // this community's; an id another community's event holds is refused.
    auto stored = r.gate.FindByClientId(e.client_event_id);
    if (!stored || stored->community_id != e.community_id) {
      return MakeError("gate_event.taken", "client_event_id");
    }
    out.replayed = true;
    e = std::move(*stored);
    if (auto c = r.gate.FeverCaseForEvent(e.id)) {
      out.fever_case_id = c->id;
    }
    return std::nullopt;
  }
  e.id = *id;
  e.person_name = name;
  if (e.temperature_tenths && *e.temperature_tenths >= gate::kFeverTenths) {
    gate::FeverCase fc;
    fc.community_id = e.community_id;
    fc.person_id = e.person_id;
    fc.gate_event_id = e.id;
    fc.entrance_id = e.entrance_id;
    fc.temperature_tenths = *e.temperature_tenths;
    fc.opened_at = now;
    out.fever_case_id = r.gate.OpenFeverCase(fc);
  }
  return std::nullopt;
}

namespace {

// A vehicle scan as the events it stores: the vehicle's, then each passenger's.
std::vector<ScanInput> Seats(const ScanInput& vehicle) {
  std::vector<ScanInput> out{vehicle};
  out.front().passengers.clear();
  for (size_t i = 0; i < vehicle.passengers.size(); ++i) {
    ScanInput p;
    p.entrance_id = vehicle.entrance_id;
    p.token = vehicle.passengers[i].token;
    p.direction = vehicle.direction;
    p.temperature = vehicle.passengers[i].temperature;
    p.client_event_id = vehicle.client_event_id + "/" + std::to_string(i + 1);
    p.decided_at = vehicle.decided_at;
    p.device = vehicle.device;
    p.vehicle_plate = vehicle.plate.value_or("");
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

GateService::ScanResults GateService::ScanAll(const RequestContext& ctx, const Principal& guard,
                                              std::vector<ScanInput> inputs) {
  // Every scan is answered on its own: the lot is never an error.
  return ScanAllLater(ctx, guard, std::move(inputs)).Wait().value();
}

Pending<GateService::ScanResults> GateService::ScanAllLater(const RequestContext& ctx,
                                                            const Principal& guard,
                                                            std::vector<ScanInput> inputs) {
  (void)ctx;
  // Vehicles with passengers: every seat checked before anything is stored, so that a bad one
  // refuses the vehicle whole; then the seats go in as events of their own.
  std::vector<size_t> seats_of;
  std::vector<ScanInput> expanded;
  std::vector<std::optional<Error>> refused(inputs.size());
  const TimeMs checked_at = clock_.NowMs();
  for (size_t i = 0; i < inputs.size(); ++i) {
    auto seats = Seats(inputs[i]);
    const bool has_passengers = !inputs[i].passengers.empty();
    if (auto first = Check(inputs[i], checked_at); !first.ok()) {
      refused[i] = first.error();
    } else if (has_passengers) {
      for (size_t k = 1; k < seats.size() && !refused[i]; ++k) {
        if (auto c = Check(seats[k], checked_at); !c.ok()) {
          Error e = c.error();
          e.field = "passengers[" + std::to_string(k - 1) + "]." + e.field;
          refused[i] = e;
        }
      }
    }
    seats_of.push_back(refused[i] ? 0 : seats.size());
    if (!refused[i]) {
      for (auto& seat : seats) {
        expanded.push_back(std::move(seat));
      }
    }
  }
  // Each vehicle's seats answered as one.
  auto gather = [seats_of = std::move(seats_of),
                 refused = std::move(refused)](Result<ScanResults> stored) -> Result<ScanResults> {
    ScanResults flat = std::move(*stored);  // DecideAndStore answers each scan, never the lot
    ScanResults out;
    size_t next = 0;
    for (size_t i = 0; i < refused.size(); ++i) {
      if (refused[i]) {
        out.emplace_back(*refused[i]);
        continue;
      }
      Result<ScanResult> vehicle = std::move(flat[next++]);
      for (size_t k = 1; k < seats_of[i]; ++k) {
        Result<ScanResult> seat = std::move(flat[next++]);
        if (vehicle.ok() && seat.ok()) {
          vehicle->decision = std::max(vehicle->decision, seat->event.decision);
          vehicle->passengers.push_back(std::move(*seat));
        } else if (vehicle.ok()) {
          vehicle = seat.error();
        }
      }
      out.push_back(std::move(vehicle));
    }
    return out;
  };
  return DecideAndStore(guard, std::move(expanded)).Map<ScanResults>(std::move(gather));
}

Pending<GateService::ScanResults> GateService::DecideAndStore(const Principal& guard,
                                                              std::vector<ScanInput> inputs) {
  const TimeMs now = clock_.NowMs();
  std::vector<Result<Checked>> checked;
  checked.reserve(inputs.size());
  for (auto& in : inputs) {
    checked.push_back(Check(std::move(in), now));
  }
  // Shared by the unit, which the writer runs later, and the answer made after it.
  struct Batch {
    ScanResults out;
    std::vector<std::optional<ScanResult>> decided;  // as decided: a retried unit starts here
    std::vector<std::optional<ScanResult>> stored;   // as appended (id, replayed, fever case)
    std::vector<std::optional<Error>> refused;
  };
  auto batch = std::make_shared<Batch>();
  batch->out.assign(checked.size(), Result<ScanResult>(MakeError("internal")));
  batch->decided.resize(checked.size());
  // Identify and decide on this worker, in one snapshot; the writer then only appends, all the
  // batch in one unit, in order.
  Status read = store_.Read([&](Repositories& r) -> Status {
    for (size_t i = 0; i < checked.size(); ++i) {
      if (!checked[i].ok()) {
        batch->out[i] = checked[i].error();
        continue;
      }
      ScanResult result;
      if (auto st = Decide(r, guard, *checked[i], now, result); !st.ok()) {
        batch->out[i] = st.error();
        continue;
      }
      batch->decided[i] = std::move(result);
    }
    return Ok();
  });
  if (!read.ok()) {
    return ScanResults(checked.size(), Result<ScanResult>(read.error()));
  }
  auto unit = [batch, now](Repositories& r) -> Status {
    batch->stored = batch->decided;
    batch->refused.assign(batch->stored.size(), std::nullopt);
    for (size_t i = 0; i < batch->stored.size(); ++i) {
      if (batch->stored[i]) {
        batch->refused[i] = Append(r, now, *batch->stored[i]);
      }
    }
    return Ok();
  };
  auto answer = [batch](Status written) -> Result<ScanResults> {
    for (size_t i = 0; i < batch->decided.size(); ++i) {
      if (!batch->decided[i]) {
        continue;
      }
      if (!written.ok()) {
        batch->out[i] = written.error();
        continue;
      }
      if (batch->refused[i]) {
        batch->out[i] = *batch->refused[i];
        continue;
      }
      ScanResult& done = *batch->stored[i];
      done.masked_name = MaskName(done.event.person_name);
      done.decision = done.event.decision;
      batch->out[i] = std::move(done);
    }
    return std::move(batch->out);
  };
  if (std::none_of(batch->decided.begin(), batch->decided.end(),
                   [](const auto& d) { return d.has_value(); })) {
    return answer(Ok());  // nothing to store
  }
  return Pending<ScanResults>(store_, std::move(unit), std::move(answer));
}

Result<ScanResult> GateService::Scan(const RequestContext& ctx, const Principal& guard,
                                     ScanInput input) {
  return ScanLater(ctx, guard, std::move(input)).Wait();
}

Pending<ScanResult> GateService::ScanLater(const RequestContext& ctx, const Principal& guard,
                                           ScanInput input) {
  std::vector<ScanInput> one;
  one.push_back(std::move(input));
  return ScanAllLater(ctx, guard, std::move(one))
      .Map<ScanResult>(
          [](Result<ScanResults> all) -> Result<ScanResult> { return std::move(all->front()); });
}

Result<RegisteredVisitor> GateService::RegisterVisitor(const RequestContext& ctx,
                                                       const Principal& guard, VisitorInput in) {
  (void)ctx;
  const TimeMs now = clock_.NowMs();
  const CivilDate today = ChinaToday(clock_);
  // Name, document and phone are checked as a resident's would be.
  registry::PersonInput person;
  person.name = in.name;
  auto doc_type = registry::ParseDocType(in.doc_type);
  if (!doc_type) {
    return MakeError("doc_type.unknown", "doc_type");
  }
  person.doc_type = *doc_type;
  person.doc_number = in.doc_number;
  person.phone = in.phone;
  CORDON_RETURN_IF_ERROR(registry::NormalisePerson(person, today));
  if (person.phone.empty()) {
    return MakeError("phone.required", "phone");
  }
  auto host = registry::CleanName(in.host, "host", 100);
  if (!host.ok()) {
    return MakeError("visitor.host", "host");
  }
  auto purpose = registry::CleanName(in.purpose, "purpose", 200);
  if (!purpose.ok()) {
    return MakeError("visitor.purpose", "purpose");
  }
  std::optional<int> tenths;
  if (in.temperature) {
    auto t = health::ParseTemperature(*in.temperature);
    if (!t.ok()) {
      return t.error();
    }
    tenths = t->tenths;
  }
  std::string plate;
  if (!in.plate.empty()) {
    auto p = registry::ParsePlate(in.plate, "plate");
    if (!p.ok()) {
      return p.error();
    }
    plate = *p;
  }
  const auto sealed = persons_.Seal(person);
  RegisteredVisitor out;
  gate::VisitorRecord& v = out.visitor;
  v.name = person.name;
  v.doc_type = std::string(registry::DocTypeCode(person.doc_type));
  v.doc_cipher = sealed.doc_cipher;
  v.doc_masked = sealed.doc_masked;
  v.phone_cipher = sealed.phone_cipher;
  v.phone_masked = sealed.phone_masked;
  v.host = *host;
  v.household_id = in.household_id;
  v.purpose = *purpose;
  v.temperature_tenths = tenths;
  v.plate = plate;
  v.pass_ref = NewPassRef();
  v.in_at = now;
  v.registered_by = guard.user.id;
  gate::Facts facts;
  facts.temperature_tenths = tenths;
  facts.colour = health::Colour::kGreen;
  const auto verdict = gate::Decide(facts);
  out.decision = verdict.decision;
  out.reasons = verdict.reasons;
  std::string community_code;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    auto entrance = r.places.FindEntrance(in.entrance_id);
    if (!entrance) {
      return MakeError("entrance.not_found", "entrance_id");
    }
    auto access = AccessCommunityById(r, guard, entrance->community_id);
    if (!access.ok() || !WithinAccess(*access, entrance->zone_id)) {
      return MakeError("entrance.not_found", "entrance_id");
    }
    if (in.household_id) {
      auto h = r.places.FindHousehold(*in.household_id);
      if (!h || h->community_id != entrance->community_id) {
        return MakeError("household.not_found", "household_id");
      }
    }
    community_code = access->community.code;
    v.community_id = entrance->community_id;
    v.entrance_id = entrance->id;
    v.entrance_name = entrance->name;
    v.id = r.visitors.Insert(v);
    if (tenths && *tenths >= gate::kFeverTenths) {
      gate::FeverCase fc;
      fc.community_id = v.community_id;
      fc.entrance_id = v.entrance_id;
      fc.temperature_tenths = *tenths;
      fc.source = "visitor";
      fc.opened_at = now;
      out.fever_case_id = r.gate.OpenFeverCase(fc);
    }
    return Ok();
  }));
  // A pass for the rest of the day, as green as a visitor at the gate can be; with a fever none
  // is issued.
  if (out.decision == gate::Decision::kAllow) {
    out.pass_expires_at = health::PassExpiry(today, 1);
    out.pass_token =
        signer_.Sign(health::PassClaims{v.pass_ref, community_code, health::Colour::kGreen,
                                        now / 1000 * 1000, out.pass_expires_at});
  }
  return out;
}

Result<gate::VisitorRecord> GateService::VisitorLeft(const Principal& guard,
                                                     std::int64_t visitor_id) {
  const TimeMs now = clock_.NowMs();
  std::optional<gate::VisitorRecord> out;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    auto v = r.visitors.Find(visitor_id);
    if (!v) {
      return MakeError("visitor.not_found");
    }
    auto access = AccessCommunityById(r, guard, v->community_id);
    if (!access.ok()) {
      return MakeError("visitor.not_found");
    }
    r.visitors.MarkOut(visitor_id, now);
    out = r.visitors.Find(visitor_id);
    return Ok();
  }));
  return *out;
}

Result<VisitorPage> GateService::Visitors(const Principal& who, const std::string& community_code,
                                          std::optional<TimeMs> from, std::optional<TimeMs> to,
                                          const std::string& cursor, int limit) {
  auto before = ParseIdCursor(cursor);
  if (!before.ok()) {
    return before.error();
  }
  limit = std::clamp(limit, 1, kMaxGatePage);
  VisitorPage page;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, community_code);
    if (!access.ok()) {
      return access.error();
    }
    page.items = r.visitors.List(access->community.id, from, to, *before, limit);
    return Ok();
  }));
  if (page.items.size() > static_cast<size_t>(limit)) {
    page.items.pop_back();
    page.next_cursor = std::to_string(page.items.back().id);
  }
  return page;
}

Result<gate::Shift> GateService::AddShift(const RequestContext& ctx, const Principal& who,
                                          std::int64_t entrance_id, gate::Shift shift,
                                          const std::string& username) {
  if (auto e = gate::ValidateShift(shift)) {
    return *e;
  }
  const TimeMs now = clock_.NowMs();
  std::optional<gate::Shift> out;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    auto entrance = r.places.FindEntrance(entrance_id);
    if (!entrance) {
      return MakeError("entrance.not_found");
    }
    auto access = AccessCommunityById(r, who, entrance->community_id);
    if (!access.ok() || !WithinAccess(*access, entrance->zone_id)) {
      return MakeError("entrance.not_found");
    }
    // The one on duty must reach the entrance themselves.
    auto user = r.users.FindByUsername(username);
    if (!user || user->user.disabled) {
      return MakeError("shift.user", "username");
    }
    Principal duty{user->user, ""};
    auto reach = AccessCommunityById(r, duty, entrance->community_id);
    if (!reach.ok() || !WithinAccess(*reach, entrance->zone_id)) {
      return MakeError("shift.user", "username");
    }
    shift.community_id = entrance->community_id;
    shift.entrance_id = entrance->id;
    shift.user_id = user->user.id;
    const auto id = r.shifts.Insert(shift, now, who.user.id);
    r.audit.Append(
        MakeAuditEntry(ctx, &who, "shift.create", "gate_shift", std::to_string(id), "{}", now));
    out = r.shifts.Find(id);
    return Ok();
  }));
  return *out;
}

Status GateService::RemoveShift(const RequestContext& ctx, const Principal& who, std::int64_t id) {
  const TimeMs now = clock_.NowMs();
  return store_.Write([&](Repositories& r) -> Status {
    auto shift = r.shifts.Find(id);
    if (!shift) {
      return MakeError("shift.not_found");
    }
    auto entrance = r.places.FindEntrance(shift->entrance_id);
    auto access = AccessCommunityById(r, who, shift->community_id);
    if (!entrance || !access.ok() || !WithinAccess(*access, entrance->zone_id)) {
      return MakeError("shift.not_found");
    }
    r.shifts.Remove(id);
    r.audit.Append(
        MakeAuditEntry(ctx, &who, "shift.delete", "gate_shift", std::to_string(id), "{}", now));
    return Ok();
  });
}

Result<std::vector<gate::Shift>> GateService::Shifts(const Principal& who,
                                                     const std::string& community_code,
                                                     const std::string& day) {
  if (!ParseDate(day)) {
    return MakeError("request.invalid_query", "day");
  }
  std::vector<gate::Shift> out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, community_code);
    if (!access.ok()) {
      return access.error();
    }
    for (auto& shift : r.shifts.List(access->community.id, day, std::nullopt)) {
      auto entrance = r.places.FindEntrance(shift.entrance_id);
      if (entrance && WithinAccess(*access, entrance->zone_id)) {
        out.push_back(std::move(shift));
      }
    }
    return Ok();
  }));
  return out;
}

Result<std::vector<health::PersonStatus>> GateService::GateList(const Principal& who,
                                                                const std::string& community_code) {
  const TimeMs now = clock_.NowMs();
  std::vector<health::PersonStatus> out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, community_code);
    if (!access.ok()) {
      return access.error();
    }
    out = r.statuses.ForGates(access->community.id, now,
                              now - static_cast<TimeMs>(kGateListDays) * 86'400'000);
    return Ok();
  }));
  return out;
}

Result<GateEventPage> GateService::Events(const Principal& who, const std::string& community_code,
                                          const GateEventQuery& query) {
  auto before = ParseIdCursor(query.cursor);
  if (!before.ok()) {
    return before.error();
  }
  gate::GateEventCriteria c;
  c.entrance_id = query.entrance_id;
  c.person_id = query.person_id;
  c.plate = query.plate;
  c.from = query.from;
  c.to = query.to;
  c.before_id = *before;
  c.limit = std::clamp(query.limit, 1, kMaxGatePage);
  GateEventPage page;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, community_code);
    if (!access.ok()) {
      return access.error();
    }
    c.community_id = access->community.id;
    c.zone_id = access->zone_id;
    page.items = r.gate.List(c);
    return Ok();
  }));
  if (page.items.size() > static_cast<size_t>(c.limit)) {
    page.items.pop_back();
    page.next_cursor = std::to_string(page.items.back().id);
  }
  return page;
}

Result<FeverCasePage> GateService::FeverCases(const Principal& who,
                                              const std::string& community_code,
                                              std::optional<bool> open, const std::string& cursor,
                                              int limit) {
  auto before = ParseIdCursor(cursor);
  if (!before.ok()) {
    return before.error();
  }
  limit = std::clamp(limit, 1, kMaxGatePage);
  FeverCasePage page;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, community_code);
    if (!access.ok()) {
      return access.error();
    }
    page.items = r.gate.ListFeverCases(access->community.id, open, *before, limit);
    return Ok();
  }));
  if (page.items.size() > static_cast<size_t>(limit)) {
    page.items.pop_back();
    page.next_cursor = std::to_string(page.items.back().id);
  }
  return page;
}

}  // namespace cordon::app
