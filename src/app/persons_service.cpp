#include "app/persons_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>

#include "app/audit_service.h"
#include "app/authorize.h"
#include "app/scope.h"
#include "domain/identity/id_number.h"
#include "domain/identity/phone.h"

namespace cordon::app {
namespace {

// Reasons are short notes for the audit trail, not essays.
constexpr size_t kMaxReasonBytes = 200;

const Principal* Actor(const Principal& who) { return who.user.id == 0 ? nullptr : &who; }

std::string Last4(std::string_view s) {
  return std::string(s.size() >= 4 ? s.substr(s.size() - 4) : s);
}

Result<std::string> Reason(const std::string& reason) {
  auto clean = registry::CleanName(reason, "reason", kMaxReasonBytes);
  if (!clean.ok()) {
    return clean.error().code == "text.required" ? MakeError("person.reason_required", "reason")
                                                 : clean.error();
  }
  return *clean;
}

bool IsMasked(const std::string& s) { return s.find('*') != std::string::npos; }

// Where a person lives decides their zone; a zone-bound user may place people only in theirs.
Result<std::optional<std::int64_t>> ZoneFor(Repositories& r, const CommunityAccess& access,
                                            std::optional<std::int64_t> household_id) {
  if (!household_id) {
    return access.zone_id;
  }
  auto h = r.places.FindHousehold(*household_id);
  if (!h || h->community_id != access.community.id || !WithinAccess(access, h->zone_id)) {
    return MakeError("household.not_found", "household_id");
  }
  return std::optional<std::int64_t>(h->zone_id);
}

// A duplicate names the person already registered, as " (#ID)", only when the caller may see
// them: otherwise the refusal would confirm who lives in another zone.
Error DuplicateFor(Repositories& r, const CommunityAccess& access, Error e) {
  if (e.code != "person.duplicate") {
    return e;
  }
  std::int64_t id = 0;
  std::from_chars(e.detail.data(), e.detail.data() + e.detail.size(), id);
  auto existing = id > 0 ? r.persons.Find(id) : std::nullopt;
  e.detail = existing && WithinAccess(access, existing->zone_id) ? " (#" + e.detail + ")" : "";
  return e;
}

// Loads a live or deleted person the caller may see.
Result<std::pair<registry::PersonRecord, CommunityAccess>> Visible(Repositories& r,
                                                                   const Principal& who,
                                                                   std::int64_t id) {
  auto p = r.persons.Find(id);
  if (!p) {
    return MakeError("person.not_found");
  }
  auto access = AccessCommunityById(r, who, p->community_id);
  if (!access.ok() || !WithinAccess(*access, p->zone_id)) {
    return MakeError("person.not_found");
  }
  return std::pair{std::move(*p), std::move(*access)};
}

std::string ChangedFields(const registry::PersonInput& a, const registry::PersonInput& b,
                          std::optional<std::int64_t> ha, std::optional<std::int64_t> hb) {
  boost::json::array changed;
  auto add = [&](bool differs, const char* field) {
    if (differs) {
      changed.emplace_back(field);
    }
  };
  add(a.name != b.name, "name");
  add(a.doc_type != b.doc_type || a.doc_number != b.doc_number, "id_number");
  add(a.phone != b.phone, "phone");
  add(ha != hb, "household_id");
  add(a.relation != b.relation, "relation");
  add(a.kind != b.kind, "kind");
  add(a.flags != b.flags, "flags");
  add(a.workplace != b.workplace, "workplace");
  add(a.vehicles != b.vehicles, "vehicles");
  add(a.out_migrant != b.out_migrant || a.out_migrant_where != b.out_migrant_where ||
          a.out_migrant_since != b.out_migrant_since,
      "out_migrant");
  add(a.notes != b.notes, "notes");
  add(a.sex != b.sex || a.birth_date != b.birth_date, "birth");
  return boost::json::serialize(boost::json::object{{"changed", std::move(changed)}});
}

}  // namespace

CivilDate ChinaToday(const Clock& clock) { return DateOfTime(clock.NowMs() + 8 * 3600'000); }

std::string PersonsService::DocHash(const registry::PersonInput& in) const {
  // The type is part of the hashed value: a passport number may equal another document's.
  return vault_.Hash(std::string(registry::DocTypeCode(in.doc_type)) + ":" + in.doc_number);
}

registry::PersonRecord PersonsService::Seal(const registry::PersonInput& in) const {
  registry::PersonRecord p;
  p.name = in.name;
  p.doc_type = in.doc_type;
  p.doc_cipher = vault_.Seal(in.doc_number);
  p.doc_hash = DocHash(in);
  p.doc_masked = identity::MaskIdNumber(in.doc_number);
  p.doc_last4 = Last4(in.doc_number);
  if (!in.phone.empty()) {
    p.phone_cipher = vault_.Seal(in.phone);
    p.phone_masked = identity::MaskPhone(in.phone);
    p.phone_last4 = Last4(in.phone);
  }
  p.sex = in.sex;
  p.birth_date = in.birth_date;
  p.household_id = in.household_id;
  p.relation = in.relation;
  p.kind = in.kind;
  p.flags = in.flags;
  p.workplace = in.workplace;
  p.vehicles = in.vehicles;
  p.out_migrant = in.out_migrant;
  p.out_migrant_where = in.out_migrant_where;
  p.out_migrant_since = in.out_migrant_since;
  p.notes = in.notes;
  return p;
}

registry::PersonInput PersonsService::Masked(const registry::PersonRecord& p) {
  registry::PersonInput in;
  in.name = p.name;
  in.doc_type = p.doc_type;
  in.doc_number = p.doc_masked;
  in.phone = p.phone_masked;
  in.sex = p.sex;
  in.birth_date = p.birth_date;
  in.household_id = p.household_id;
  in.relation = p.relation;
  in.kind = p.kind;
  in.flags = p.flags;
  in.workplace = p.workplace;
  in.vehicles = p.vehicles;
  in.out_migrant = p.out_migrant;
  in.out_migrant_where = p.out_migrant_where;
  in.out_migrant_since = p.out_migrant_since;
  in.notes = p.notes;
  return in;
}

Result<registry::PersonInput> PersonsService::Unseal(const registry::PersonRecord& p) const {
  registry::PersonInput in = Masked(p);
  auto doc = vault_.Open(p.doc_cipher);
  if (!doc.ok()) {
    return doc.error();
  }
  in.doc_number = std::move(*doc);
  in.phone.clear();
  if (!p.phone_cipher.empty()) {
    auto phone = vault_.Open(p.phone_cipher);
    if (!phone.ok()) {
      return phone.error();
    }
    in.phone = std::move(*phone);
  }
  return in;
}

Result<registry::PersonRecord> PersonsService::Create(const RequestContext& ctx,
                                                      const Principal& who,
                                                      const std::string& community_code,
                                                      registry::PersonInput input) {
  CORDON_RETURN_IF_ERROR(registry::NormalisePerson(input, ChinaToday(clock_)));
  registry::PersonRecord record = Seal(input);
  const TimeMs now = clock_.NowMs();
  record.created_at = now;
  record.updated_at = now;
  std::optional<registry::PersonRecord> created;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, community_code);
    if (!access.ok()) {
      return access.error();
    }
    auto zone = ZoneFor(r, *access, input.household_id);
    if (!zone.ok()) {
      return zone.error();
    }
    record.community_id = access->community.id;
    record.zone_id = *zone;
    auto id = r.persons.Insert(record);
    if (!id.ok()) {
      return DuplicateFor(r, *access, id.error());
    }
    created = r.persons.Find(*id);
    r.audit.Append(
        MakeAuditEntry(ctx, Actor(who), "person.create", "person", std::to_string(*id), "{}", now));
    return Ok();
  }));
  return *created;
}

Result<registry::PersonRecord> PersonsService::Get(const Principal& who, std::int64_t id) {
  std::optional<registry::PersonRecord> out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto v = Visible(r, who, id);
    if (!v.ok()) {
      return v.error();
    }
    out = std::move(v->first);
    return Ok();
  }));
  return *out;
}

Result<registry::PersonRecord> PersonsService::Update(const RequestContext& ctx,
                                                      const Principal& who, std::int64_t id,
                                                      const PersonPatch& patch) {
  const TimeMs now = clock_.NowMs();
  const CivilDate today = ChinaToday(clock_);
  std::optional<registry::PersonRecord> updated;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    auto v = Visible(r, who, id);
    if (!v.ok()) {
      return v.error();
    }
    auto& [record, access] = *v;
    if (record.deleted_at) {
      return MakeError("person.deleted");
    }
    auto before = Unseal(record);
    if (!before.ok()) {
      return before.error();
    }
    registry::PersonInput in = *before;
    if (patch.name) {
      in.name = *patch.name;
    }
    if (patch.doc_type) {
      auto t = registry::ParseDocType(*patch.doc_type);
      if (!t) {
        return MakeError("doc_type.unknown", "doc_type");
      }
      in.doc_type = *t;
    }
    if (patch.id_number && !IsMasked(*patch.id_number)) {
      in.doc_number = *patch.id_number;
    }
    if (patch.phone && !IsMasked(*patch.phone)) {
      in.phone = *patch.phone;
    }
    if (patch.household_id) {
      in.household_id = *patch.household_id;
    }
    if (patch.relation) {
      auto rel = registry::ParseRelation(*patch.relation);
      if (!rel) {
        return MakeError("relation.unknown", "relation");
      }
      in.relation = *rel;
    }
    if (patch.kind) {
      auto k = registry::ParsePersonKind(*patch.kind);
      if (!k) {
        return MakeError("kind.unknown", "kind");
      }
      in.kind = *k;
    }
    if (patch.flags) {
      in.flags = 0;
      for (const auto& f : *patch.flags) {
        auto bit = registry::ParseFlag(f);
        if (!bit) {
          return MakeError("flag.unknown", "flags", f);
        }
        in.flags |= *bit;
      }
    }
    if (patch.workplace) {
      in.workplace = *patch.workplace;
    }
    if (patch.vehicles) {
      in.vehicles = *patch.vehicles;
    }
    if (patch.out_migrant) {
      in.out_migrant = *patch.out_migrant;
      if (!*patch.out_migrant) {
        in.out_migrant_where.clear();
        in.out_migrant_since.clear();
      }
    }
    if (patch.out_migrant_where) {
      in.out_migrant_where = *patch.out_migrant_where;
    }
    if (patch.out_migrant_since) {
      in.out_migrant_since = *patch.out_migrant_since;
    }
    if (patch.notes) {
      in.notes = *patch.notes;
    }
    if (patch.sex) {
      in.sex = *patch.sex;
    }
    if (patch.birth_date) {
      in.birth_date = *patch.birth_date;
    }
    CORDON_RETURN_IF_ERROR(registry::NormalisePerson(in, today));
    auto zone = ZoneFor(r, access, in.household_id);
    if (!zone.ok()) {
      return zone.error();
    }
    registry::PersonRecord next = record;
    if (in.doc_number != before->doc_number || in.doc_type != before->doc_type ||
        in.phone != before->phone) {
      registry::PersonRecord sealed = Seal(in);
      next.doc_type = sealed.doc_type;
      next.doc_cipher = sealed.doc_cipher;
      next.doc_hash = sealed.doc_hash;
      next.doc_masked = sealed.doc_masked;
      next.doc_last4 = sealed.doc_last4;
      next.phone_cipher = sealed.phone_cipher;
      next.phone_masked = sealed.phone_masked;
      next.phone_last4 = sealed.phone_last4;
    }
    next.name = in.name;
    next.sex = in.sex;
    next.birth_date = in.birth_date;
    next.household_id = in.household_id;
    next.zone_id = *zone;
    next.relation = in.relation;
    next.kind = in.kind;
    next.flags = in.flags;
    next.workplace = in.workplace;
    next.vehicles = in.vehicles;
    next.out_migrant = in.out_migrant;
    next.out_migrant_where = in.out_migrant_where;
    next.out_migrant_since = in.out_migrant_since;
    next.notes = in.notes;
    next.updated_at = now;
    if (auto st = r.persons.Update(next); !st.ok()) {
      return DuplicateFor(r, access, st.error());
    }
    r.audit.Append(MakeAuditEntry(ctx, Actor(who), "person.update", "person", std::to_string(id),
                                  ChangedFields(*before, in, record.household_id, in.household_id),
                                  now));
    updated = r.persons.Find(id);
    return Ok();
  }));
  return *updated;
}

Status PersonsService::Delete(const RequestContext& ctx, const Principal& who, std::int64_t id,
                              const std::string& reason) {
  auto why = Reason(reason);
  if (!why.ok()) {
    return why.error();
  }
  const TimeMs now = clock_.NowMs();
  return store_.Write([&](Repositories& r) -> Status {
    auto v = Visible(r, who, id);
    if (!v.ok()) {
      return v.error();
    }
    if (v->first.deleted_at) {
      return MakeError("person.deleted");
    }
    r.persons.SoftDelete(id, now, *why);
    r.audit.Append(MakeAuditEntry(ctx, Actor(who), "person.delete", "person", std::to_string(id),
                                  boost::json::serialize(boost::json::object{{"reason", *why}}),
                                  now));
    return Ok();
  });
}

Result<PersonPage> PersonsService::List(const Principal& who, const std::string& community_code,
                                        const PersonQuery& query) {
  registry::PersonCriteria c;
  c.limit = std::clamp(query.limit, 1, kMaxPersonPage);
  // Cursors: "ID" for lists in id order, "ID:NAME" for name searches (ordered by name, then id).
  if (!query.cursor.empty()) {
    const auto colon = query.cursor.find(':');
    const std::string id_part = query.cursor.substr(0, colon);
    std::int64_t id = 0;
    auto [ptr, ec] = std::from_chars(id_part.data(), id_part.data() + id_part.size(), id);
    if (id_part.empty() || ec != std::errc() || ptr != id_part.data() + id_part.size() || id < 0) {
      return MakeError("request.invalid_query", "cursor");
    }
    c.after_id = id;
    if (colon != std::string::npos) {
      c.after_name = query.cursor.substr(colon + 1);
    }
  }
  c.building_id = query.building_id;
  c.unit_id = query.unit_id;
  c.household_id = query.household_id;
  if (query.room) {
    c.room = registry::NormaliseRoom(*query.room);
  }
  c.out_migrant = query.out_migrant;
  if (query.kind) {
    c.kind = registry::ParsePersonKind(*query.kind);
    if (!c.kind) {
      return MakeError("request.invalid_query", "kind");
    }
  }
  for (const auto& f : query.flags) {
    if (f == "elderly") {
      CivilDate cutoff = ChinaToday(clock_);
      cutoff.year -= registry::kElderlyAge;
      if (cutoff.month == 2 && cutoff.day == 29 && !IsLeapYear(cutoff.year)) {
        cutoff.day = 28;
      }
      c.born_on_or_before = FormatDate(cutoff);
      continue;
    }
    auto bit = registry::ParseFlag(f);
    if (!bit) {
      return MakeError("request.invalid_query", "flag");
    }
    c.all_flags |= *bit;
  }
  if (query.q) {
    std::string q(*query.q);
    q.erase(std::remove(q.begin(), q.end(), ' '), q.end());
    const bool last4 = q.size() == 4 && std::all_of(q.begin(), q.end(), [](char ch) {
                         return (ch >= '0' && ch <= '9') || ch == 'X' || ch == 'x';
                       });
    if (last4) {
      std::transform(q.begin(), q.end(), q.begin(), [](char ch) { return ch == 'x' ? 'X' : ch; });
      c.last4 = q;
    } else if (!q.empty()) {
      c.name_prefix = q;
    }
  }
  PersonPage page;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, community_code);
    if (!access.ok()) {
      return access.error();
    }
    c.community_id = access->community.id;
    if (access->zone_id) {
      if (query.zone_id && query.zone_id != access->zone_id) {
        return Ok();  // another zone: nothing
      }
      c.zone_id = access->zone_id;
    } else {
      c.zone_id = query.zone_id;
    }
    page.items = r.persons.List(c);
    return Ok();
  }));
  if (page.items.size() > static_cast<size_t>(c.limit)) {
    page.items.pop_back();
    const auto& last = page.items.back();
    page.next_cursor =
        c.name_prefix ? std::to_string(last.id) + ":" + last.name : std::to_string(last.id);
  }
  return page;
}

Result<RegistryStats> PersonsService::Stats(const Principal& who,
                                            const std::string& community_code) {
  CivilDate cutoff = ChinaToday(clock_);
  cutoff.year -= registry::kElderlyAge;
  if (cutoff.month == 2 && cutoff.day == 29 && !IsLeapYear(cutoff.year)) {
    cutoff.day = 28;
  }
  RegistryStats stats;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, community_code);
    if (!access.ok()) {
      return access.error();
    }
    const auto id = access->community.id;
    auto counts = r.places.Counts(id, access->zone_id, registry::PlaceStore::CountBy::kZone);
    for (const auto& z : r.places.ListZones(id)) {
      if (!WithinAccess(*access, z.id)) {
        continue;
      }
      RegistryStats::ZoneCount zc{z, 0, 0};
      for (const auto& c : counts) {
        if (c.id == z.id) {
          zc.households = c.households;
          zc.persons = c.persons;
        }
      }
      stats.households += zc.households;
      stats.zones.push_back(zc);
    }
    for (const auto& [flag, n] : r.persons.CountFlags(id, access->zone_id, FormatDate(cutoff))) {
      switch (flag) {
        case registry::kFlagDisabled:
          stats.disabled = n;
          break;
        case registry::kFlagLivingAlone:
          stats.living_alone = n;
          break;
        case registry::kFlagChronic:
          stats.chronic = n;
          break;
        default:
          stats.elderly = n;
      }
    }
    registry::PersonCriteria all;
    all.community_id = id;
    all.zone_id = access->zone_id;
    stats.persons = r.persons.Count(all);
    return Ok();
  }));
  return stats;
}

Result<std::vector<registry::PersonRecord>> PersonsService::HouseholdMembers(
    const Principal& who, std::int64_t household_id) {
  std::vector<registry::PersonRecord> out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto h = r.places.FindHousehold(household_id);
    if (!h) {
      return MakeError("household.not_found");
    }
    auto access = AccessCommunityById(r, who, h->community_id);
    if (!access.ok() || !WithinAccess(*access, h->zone_id)) {
      return MakeError("household.not_found");
    }
    registry::PersonCriteria c;
    c.community_id = h->community_id;
    c.household_id = household_id;
    c.limit = kMaxPersonPage;
    out = r.persons.List(c);
    return Ok();
  }));
  return out;
}

Result<Revealed> PersonsService::Reveal(const RequestContext& ctx, const Principal& who,
                                        std::int64_t id, const std::string& reason) {
  CORDON_RETURN_IF_ERROR(Require(who, accounts::perm::kPersonReveal));
  auto why = Reason(reason);
  if (!why.ok()) {
    return why.error();
  }
  std::optional<registry::PersonRecord> record;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto v = Visible(r, who, id);
    if (!v.ok()) {
      return v.error();
    }
    record = std::move(v->first);
    return Ok();
  }));
  auto plain = Unseal(*record);
  if (!plain.ok()) {
    return plain.error();
  }
  // The audit entry is durable before the numbers leave the server.
  const TimeMs now = clock_.NowMs();
  boost::json::array fields{"id_number"};
  if (!plain->phone.empty()) {
    fields.emplace_back("phone");
  }
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) {
    r.audit.Append(MakeAuditEntry(
        ctx, Actor(who), "person.reveal", "person", std::to_string(id),
        boost::json::serialize(boost::json::object{{"reason", *why}, {"fields", fields}}), now));
    return Ok();
  }));
  return Revealed{plain->doc_number, plain->phone};
}

}  // namespace cordon::app
