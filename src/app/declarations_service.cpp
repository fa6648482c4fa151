#include "app/declarations_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <memory>

#include "app/audit_service.h"
#include "app/paging.h"
#include "app/scope.h"
#include "domain/accounts/login_throttle.h"
#include "domain/accounts/roles.h"
#include "domain/health/temperature.h"
#include "domain/identity/id_number.h"
#include "domain/identity/phone.h"

namespace cordon::app {
namespace {

// Failed identity matches from one address: after a few, each waits longer, and twenty in
// fifteen minutes lock the address out. Nobody walks the registry by guessing.
accounts::ThrottlePolicy MismatchPolicy() {
  return accounts::ThrottlePolicy{.free_attempts = 5,
                                  .base_delay_ms = 2'000,
                                  .max_delay_ms = 60'000,
                                  .lock_after = 20,
                                  .lock_ms = 15 * 60'000,
                                  .window_ms = 15 * 60'000};
}

Error ThrottledError(const accounts::ThrottleVerdict& v) {
  return MakeError("declaration.throttled", "", std::to_string((v.retry_after_ms + 999) / 1000));
}

// The facts of an input, checked. Errors name the API's fields.
Result<health::Facts> FactsOfInput(const DeclarationInput& in, const CivilDate& today) {
  health::Facts f;
  f.day = today;
  auto t = health::ParseTemperature(in.temperature);
  if (!t.ok()) {
    return t.error();
  }
  f.temperature_tenths = t->tenths;
  f.symptoms = in.symptoms;
  std::sort(f.symptoms.begin(), f.symptoms.end());
  f.symptoms.erase(std::unique(f.symptoms.begin(), f.symptoms.end()), f.symptoms.end());
  for (size_t i = 0; i < in.travel.size(); ++i) {
    const auto& leg = in.travel[i];
    const std::string at = "travel[" + std::to_string(i) + "].";
    auto from = ParseDate(leg.from);
    if (!from) {
      return MakeError("travel.dates", at + "from");
    }
    auto to = ParseDate(leg.to);
    if (!to) {
      return MakeError("travel.dates", at + "to");
    }
    std::string transport = leg.transport;
    std::transform(transport.begin(), transport.end(), transport.begin(),
                   [](char c) { return static_cast<char>(std::toupper(c)); });
    f.travel.push_back(health::TravelLeg{leg.region_code, *from, *to, transport});
  }
  f.contact_with_cases = in.contact_with_cases;
  f.contact_with_risk_area = in.contact_with_risk_area;
  if (auto e = health::ValidateFacts(f)) {
    return *e;
  }
  return f;
}

// The colour a person should hold now, and since when.
health::PersonStatus NextStatus(const std::optional<health::PersonStatus>& before,
                                const health::DeclarationRecord& d,
                                const health::StoredRuleSet& rules, TimeMs now) {
  health::PersonStatus s;
  s.person_id = d.person_id;
  s.community_id = d.community_id;
  s.zone_id = d.zone_id;
  s.pass_ref = before ? before->pass_ref : NewPassRef();
  s.colour = d.colour;
  // Whole seconds, as passes carry: a pass issued in the same second as the change is current.
  const TimeMs second = now / 1000 * 1000;
  const bool still_valid = before && before->valid_until > now;
  s.colour_since = still_valid && before->colour == d.colour ? before->colour_since : second;
  s.declaration_id = d.id;
  s.declared_day = d.day;
  s.valid_until =
      health::PassExpiry(ParseDate(d.day).value_or(CivilDate{}), rules.rules.valid_days);
  s.reasons = d.reasons;
  s.rules_version = rules.rules.version;
  return s;
}

}  // namespace

health::StoredRuleSet CurrentRules(Repositories& r) {
  if (auto stored = r.rules.Current()) {
    return *stored;
  }
  health::StoredRuleSet s;
  s.rules = health::DefaultRuleSet();
  return s;
}

health::Facts FactsOf(const health::DeclarationRecord& d) {
  health::Facts f;
  f.day = ParseDate(d.day).value_or(CivilDate{});
  f.temperature_tenths = d.temperature_tenths;
  f.symptoms = d.symptoms;
  f.travel = d.travel;
  f.contact_with_cases = d.contact_with_cases;
  f.contact_with_risk_area = d.contact_with_risk_area;
  return f;
}

Result<CommunityDirectory> DeclarationsService::Directory(const std::string& community_code) {
  CommunityDirectory out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto c = r.places.FindCommunity(community_code);
    if (!c) {
      return MakeError("community.not_found");
    }
    out.community = *c;
    for (auto& b : r.places.ListBuildings(c->id, std::nullopt)) {
      CommunityDirectory::Building building{b, {}};
      registry::HouseholdCriteria hc;
      hc.community_id = c->id;
      hc.building_id = b.id;
      hc.limit = 10'000;
      auto households = r.places.ListHouseholds(hc);
      for (auto& u : r.places.ListUnits(b.id)) {
        CommunityDirectory::Unit unit{u, {}};
        for (const auto& row : households) {
          if (row.household.unit_id == u.id) {
            unit.households.push_back(row.household);
          }
        }
        building.units.push_back(std::move(unit));
      }
      out.buildings.push_back(std::move(building));
    }
    return Ok();
  }));
  return out;
}

Result<Submitted> DeclarationsService::Submit(const RequestContext& ctx, const Principal* staff,
                                              DeclarationInput in) {
  return SubmitLater(ctx, staff, std::move(in)).Wait();
}

Pending<Submitted> DeclarationsService::SubmitLater(const RequestContext& ctx,
                                                    const Principal* staff, DeclarationInput in) {
  if (!in.promise) {
    return MakeError("declaration.promise", "promise");
  }
  const TimeMs now = clock_.NowMs();
  const CivilDate today = ChinaToday(clock_);
  auto facts = FactsOfInput(in, today);
  if (!facts.ok()) {
    return facts.error();
  }
  std::string plate;
  if (!in.plate.empty()) {
    auto p = registry::ParsePlate(in.plate, "plate");
    if (!p.ok()) {
      return p.error();
    }
    plate = *p;
  }
  // A resident names themselves; a staff member may name the person by id instead.
  const bool by_id = staff != nullptr && in.person_id.has_value();
  registry::PersonInput identity;
  if (!by_id) {
    identity.name = in.name;
    identity.doc_number = in.id_number;
    identity.phone = in.phone;
    identity.household_id = in.household_id;
    identity.kind = registry::PersonKind::kTenant;
    CORDON_RETURN_IF_ERROR(registry::NormalisePerson(identity, today));
    if (identity.phone.empty()) {
      return MakeError("phone.required", "phone");
    }
  }
  // A member of the household the declarer declares for, named like the declarer.
  std::string dependant_hash;
  std::string dependant_name;
  if (in.dependant) {
    if (by_id || in.new_arrival) {
      return MakeError("declaration.dependant_mismatch", "dependant");
    }
    registry::PersonInput member;
    member.name = in.dependant->name;
    member.doc_number = in.dependant->id_number;
    member.kind = registry::PersonKind::kTenant;
    if (auto st = registry::NormalisePerson(member, today); !st.ok()) {
      Error e = st.error();
      e.field = "dependant." + (e.field.empty() ? std::string("id_number") : e.field);
      return e;
    }
    dependant_hash = persons_.DocHash(member);
    dependant_name = member.name;
  }
  const std::string addr_key = "declare:addr:" + ctx.client_address;
  const std::string doc_hash = by_id ? std::string() : persons_.DocHash(identity);
  // Who is declaring and what the rules make of it are worked out on this worker; the writer
  // then only writes (two rows, and an audit entry when staff assisted).
  std::optional<registry::PersonRecord> person;
  std::optional<CommunityAccess> access;
  std::optional<std::int64_t> arrival_zone;
  std::optional<std::int64_t> declared_by;  // the household member who declared for `person`
  health::StoredRuleSet rules;
  health::Verdict verdict;
  bool mismatch = false;
  Status looked_up = store_.Read([&](Repositories& r) -> Status {
    if (staff == nullptr) {
      auto v = accounts::CheckThrottle(r.throttle.Get(addr_key), now, MismatchPolicy());
      if (!v.allowed) {
        return ThrottledError(v);
      }
      auto c = r.places.FindCommunity(in.community_code);
      if (!c) {
        return MakeError("community.not_found", "community_code");
      }
      access = CommunityAccess{*c, std::nullopt, std::nullopt};
    } else {
      auto a = AccessCommunity(r, *staff, in.community_code);
      if (!a.ok()) {
        return a.error();
      }
      access = std::move(*a);
    }
    if (by_id) {
      person = r.persons.Find(*in.person_id);
      if (!person || person->deleted_at || person->community_id != access->community.id ||
          !WithinAccess(*access, person->zone_id)) {
        return MakeError("person.not_found", "person_id");
      }
    } else if ((person = r.persons.FindByDocHash(access->community.id, doc_hash))) {
      auto plain = persons_.Unseal(*person);
      if (!plain.ok() || plain->name != identity.name || plain->phone != identity.phone ||
          !WithinAccess(*access, person->zone_id)) {
        mismatch = true;
        return MakeError("declaration.identity_mismatch");
      }
    } else if (!in.new_arrival) {
      mismatch = true;
      return MakeError("declaration.identity_mismatch");
    } else {
      // A new arrival, registered where they say they live for staff to confirm.
      if (!in.household_id) {
        return MakeError("household.required", "household_id");
      }
      auto h = r.places.FindHousehold(*in.household_id);
      if (!h || h->community_id != access->community.id || !WithinAccess(*access, h->zone_id)) {
        return MakeError("household.not_found", "household_id");
      }
      arrival_zone = h->zone_id;
    }
    if (in.dependant) {
      // Only a member of the declarer's own household, named as the registry has them; the same
      // answer whether the number is unknown or belongs elsewhere.
      auto member = r.persons.FindByDocHash(access->community.id, dependant_hash);
      if (!member || !person || !person->household_id ||
          member->household_id != person->household_id || member->name != dependant_name) {
        mismatch = true;
        return MakeError("declaration.dependant_mismatch", "dependant.id_number");
      }
      auto birth = ParseDate(member->birth_date);
      if (!birth || !registry::MayBeDeclaredForByHousehold(*birth, today)) {
        return MakeError("declaration.dependant_not_allowed", "dependant.id_number");
      }
      declared_by = person->id;
      person = std::move(member);
    }
    rules = CurrentRules(r);
    verdict = health::Evaluate(rules.rules, *facts, r.risk_areas.List());
    return Ok();
  });
  if (!looked_up.ok()) {
    // Counted in a unit of its own: the refusal must not roll the count back.
    if (mismatch && staff == nullptr) {
      auto count = [addr_key, now](Repositories& r) -> Status {
        r.throttle.Put(addr_key,
                       accounts::AfterFailure(r.throttle.Get(addr_key), now, MismatchPolicy()));
        return Ok();
      };
      auto refuse = [refused = looked_up.error()](Status written) -> Result<Submitted> {
        return written.ok() ? refused : written.error();
      };
      return Pending<Submitted>(store_, std::move(count), std::move(refuse));
    }
    return looked_up.error();
  }
  // What the writer needs, and what the answer is made of once it has written.
  struct Submission {
    RequestContext ctx;
    std::optional<Principal> staff;
    registry::PersonInput identity;
    CommunityAccess access;
    std::optional<std::int64_t> arrival_zone;
    std::optional<std::int64_t> declared_by;
    health::StoredRuleSet rules;
    TimeMs now = 0;
    // Who was found: a retried unit starts again from here (the unit registers a new arrival).
    std::optional<registry::PersonRecord> found;
    std::optional<registry::PersonRecord> person;
    health::DeclarationRecord d;
    health::PersonStatus status;
  };
  auto sub = std::make_shared<Submission>();
  sub->ctx = ctx;
  if (staff != nullptr) {
    sub->staff = *staff;
  }
  sub->identity = std::move(identity);
  sub->access = std::move(*access);
  sub->arrival_zone = arrival_zone;
  sub->declared_by = declared_by;
  sub->rules = std::move(rules);
  sub->now = now;
  sub->found = std::move(person);
  health::DeclarationRecord& d = sub->d;
  d.day = FormatDate(today);
  d.submitted_at = now;
  d.temperature_tenths = facts->temperature_tenths;
  d.symptoms = facts->symptoms;
  d.travel = facts->travel;
  d.contact_with_cases = facts->contact_with_cases;
  d.contact_with_risk_area = facts->contact_with_risk_area;
  d.plate = plate;
  d.colour = verdict.colour;
  d.reasons = verdict.reasons;
  d.rules_version = sub->rules.rules.version;
  if (staff != nullptr) {
    d.assisted_by = staff->user.id;
  }
  auto unit = [this, sub](Repositories& r) -> Status {
    Submission& s = *sub;
    const Principal* assisting = s.staff ? &*s.staff : nullptr;
    const TimeMs at = s.now;
    s.person = s.found;
    if (!s.person) {
      registry::PersonRecord record = persons_.Seal(s.identity);
      record.community_id = s.access.community.id;
      record.zone_id = s.arrival_zone;
      record.notes = "新到访，待确认 / new arrival, to be confirmed";
      record.created_at = at;
      record.updated_at = at;
      auto id = r.persons.Insert(record);
      if (!id.ok()) {
        return id.error();
      }
      r.declarations.AddArrival(*id, s.access.community.id, at);
      r.audit.Append(MakeAuditEntry(s.ctx, assisting, "person.arrive", "person",
                                    std::to_string(*id), "{}", at));
      record.id = *id;
      s.person = std::move(record);
    }
    s.d.community_id = s.person->community_id;
    s.d.person_id = s.person->id;
    s.d.zone_id = s.person->zone_id;
    s.d.household_id = s.person->household_id;
    s.d.id = r.declarations.Insert(s.d);
    s.status = NextStatus(r.statuses.Get(s.person->id), s.d, s.rules, at);
    r.statuses.Put(s.status);
    if (s.declared_by) {
      boost::json::object detail{{"declaration_id", s.d.id}, {"declared_by", *s.declared_by}};
      r.audit.Append(MakeAuditEntry(s.ctx, nullptr, "declaration.for_household", "person",
                                    std::to_string(s.person->id), boost::json::serialize(detail),
                                    at));
    }
    if (assisting != nullptr) {
      boost::json::object detail{{"declaration_id", s.d.id},
                                 {"colour", health::ColourCode(s.d.colour)}};
      r.audit.Append(MakeAuditEntry(s.ctx, assisting, "declaration.assist", "person",
                                    std::to_string(s.person->id), boost::json::serialize(detail),
                                    at));
    }
    return Ok();
  };
  // The pass is signed where the answer is made, not on the writer.
  auto answer = [this, sub](Status written) -> Result<Submitted> {
    if (!written.ok()) {
      return written.error();
    }
    Submission& s = *sub;
    s.d.person_name = s.person->name;
    if (s.staff) {
      s.d.assisted_by_name =
          s.staff->user.display_name.empty() ? s.staff->user.username : s.staff->user.display_name;
    }
    Submitted out;
    out.declaration = std::move(s.d);
    health::PassClaims claims{s.status.pass_ref, s.access.community.code, s.status.colour,
                              s.now / 1000 * 1000, s.status.valid_until};
    out.pass = IssuedPass{s.status.colour, signer_.Sign(claims), s.status.valid_until,
                          health::PassState::kValid};
    out.masked_name = MaskName(s.person->name);
    return out;
  };
  return Pending<Submitted>(store_, std::move(unit), std::move(answer));
}

Result<DeclarationPage> DeclarationsService::List(const Principal& who,
                                                  const std::string& community_code,
                                                  const DeclarationQuery& query) {
  health::DeclarationCriteria c;
  c.limit = std::clamp(query.limit, 1, kMaxDeclarationPage);
  auto before = ParseIdCursor(query.cursor);
  if (!before.ok()) {
    return before.error();
  }
  c.before_id = *before;
  if (query.day) {
    if (!ParseDate(*query.day)) {
      return MakeError("request.invalid_query", "day");
    }
    c.day = *query.day;
  }
  if (query.colour) {
    c.colour = health::ParseColour(*query.colour);
    if (!c.colour) {
      return MakeError("request.invalid_query", "colour");
    }
  }
  c.assisted = query.assisted;
  DeclarationPage page;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, community_code);
    if (!access.ok()) {
      return access.error();
    }
    c.community_id = access->community.id;
    if (access->zone_id) {
      if (query.zone_id && query.zone_id != access->zone_id) {
        return Ok();
      }
      c.zone_id = access->zone_id;
    } else {
      c.zone_id = query.zone_id;
    }
    page.items = r.declarations.List(c);
    return Ok();
  }));
  if (page.items.size() > static_cast<size_t>(c.limit)) {
    page.items.pop_back();
    page.next_cursor = std::to_string(page.items.back().id);
  }
  return page;
}

Result<health::DeclarationRecord> DeclarationsService::Get(const Principal& who, std::int64_t id) {
  std::optional<health::DeclarationRecord> out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto d = r.declarations.Find(id);
    if (!d) {
      return MakeError("declaration.not_found");
    }
    auto access = AccessCommunityById(r, who, d->community_id);
    if (!access.ok() || !WithinAccess(*access, d->zone_id)) {
      return MakeError("declaration.not_found");
    }
    out = std::move(*d);
    return Ok();
  }));
  return *out;
}

Result<ColourSummary> DeclarationsService::Colours(const Principal& who,
                                                   const std::string& community_code) {
  ColourSummary out;
  const TimeMs now = clock_.NowMs();
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, community_code);
    if (!access.ok()) {
      return access.error();
    }
    for (const auto& count : r.statuses.CountByZone(access->community.id, access->zone_id, now)) {
      ColourSummary::Zone z{count.zone_id ? r.places.FindZone(*count.zone_id) : std::nullopt,
                            count};
      out.total.green += count.green;
      out.total.yellow += count.yellow;
      out.total.red += count.red;
      out.total.none += count.none;
      out.zones.push_back(std::move(z));
    }
    return Ok();
  }));
  return out;
}

Result<ArrivalPage> DeclarationsService::Arrivals(const Principal& who,
                                                  const std::string& community_code,
                                                  std::optional<bool> pending,
                                                  const std::string& cursor, int limit) {
  health::ArrivalCriteria c;
  c.pending = pending;
  c.limit = std::clamp(limit, 1, kMaxDeclarationPage);
  auto before = ParseIdCursor(cursor);
  if (!before.ok()) {
    return before.error();
  }
  c.before_person = *before;
  ArrivalPage page;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, community_code);
    if (!access.ok()) {
      return access.error();
    }
    c.community_id = access->community.id;
    c.zone_id = access->zone_id;
    for (auto& a : r.declarations.ListArrivals(c)) {
      if (auto p = r.persons.Find(a.person_id)) {
        page.items.push_back(ArrivalView{std::move(a), std::move(*p)});
      }
    }
    return Ok();
  }));
  if (page.items.size() > static_cast<size_t>(c.limit)) {
    page.items.pop_back();
    page.next_cursor = std::to_string(page.items.back().arrival.person_id);
  }
  return page;
}

Result<ArrivalView> DeclarationsService::ConfirmArrival(const RequestContext& ctx,
                                                        const Principal& who,
                                                        std::int64_t person_id) {
  const TimeMs now = clock_.NowMs();
  std::optional<ArrivalView> out;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    auto a = r.declarations.FindArrival(person_id);
    auto p = r.persons.Find(person_id);
    if (!a || !p || p->deleted_at) {
      return MakeError("arrival.not_found");
    }
    auto access = AccessCommunityById(r, who, p->community_id);
    if (!access.ok() || !WithinAccess(*access, p->zone_id)) {
      return MakeError("arrival.not_found");
    }
    if (a->confirmed_at) {
      return MakeError("arrival.confirmed");
    }
    r.declarations.ConfirmArrival(person_id, now, who.user.id);
    r.audit.Append(MakeAuditEntry(ctx, &who, "person.confirm_arrival", "person",
                                  std::to_string(person_id), "{}", now));
    out = ArrivalView{*r.declarations.FindArrival(person_id), std::move(*p)};
    return Ok();
  }));
  return *out;
}

Result<IssuedPass> DeclarationsService::PassFor(const Principal& who, std::int64_t person_id) {
  const TimeMs now = clock_.NowMs();
  std::optional<IssuedPass> out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto p = r.persons.Find(person_id);
    if (!p || p->deleted_at) {
      return MakeError("person.not_found");
    }
    auto access = AccessCommunityById(r, who, p->community_id);
    if (!access.ok() || !WithinAccess(*access, p->zone_id)) {
      return MakeError("person.not_found");
    }
    auto status = r.statuses.Get(person_id);
    if (!status || status->valid_until <= now) {
      return MakeError("pass.none");
    }
    health::PassClaims claims{status->pass_ref, access->community.code, status->colour,
                              now / 1000 * 1000, status->valid_until};
    out = IssuedPass{status->colour, signer_.Sign(claims), status->valid_until,
                     health::PassState::kValid};
    return Ok();
  }));
  return *out;
}

Result<PassCheck> DeclarationsService::Check(std::string_view token) {
  auto claims = signer_.Verify(token);
  if (!claims.ok()) {
    return claims.error();
  }
  PassCheck out{*claims, health::PassState::kValid};
  const TimeMs now = clock_.NowMs();
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto status = r.statuses.FindByRef(claims->person_ref);
    std::optional<TimeMs> since;
    if (status) {
      since = status->colour_since;
    }
    out.state = health::CheckPass(*claims, now, claims->community_code, since);
    // A pass of another colour than the person holds is stale even within the second the colour
    // changed; so is the pass of a person no longer known.
    if (out.state == health::PassState::kValid && (!status || status->colour != claims->colour)) {
      out.state = health::PassState::kStale;
    }
    return Ok();
  }));
  return out;
}

}  // namespace cordon::app
