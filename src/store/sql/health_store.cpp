// SQLite stores of declarations, colours, rules, risk areas and visit tasks.
//
// Lists inside a row (symptoms, travel legs, reasons, rules, team members) are kept as text:
// records split by U+001E and fields by U+001F, characters no user-entered text keeps (they are
// dropped on the way in).
#include "domain/health/health_store.h"

#include <algorithm>
#include <charconv>
#include <variant>

#include "store/sql/query.h"
#include "store/sql/repositories.h"

namespace cordon::store::sql {
namespace {

using health::Colour;
using health::DeclarationRecord;
using health::PersonStatus;

constexpr char kRecordSep = '\x1e';
constexpr char kFieldSep = '\x1f';

std::string Clean(std::string_view s) {
  std::string out(s);
  std::erase_if(out, [](char c) { return c == kRecordSep || c == kFieldSep; });
  return out;
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  if (s.empty()) {
    return out;
  }
  size_t start = 0;
  while (true) {
    size_t end = s.find(sep, start);
    out.emplace_back(s.substr(start, end == std::string_view::npos ? s.npos : end - start));
    if (end == std::string_view::npos) {
      return out;
    }
    start = end + 1;
  }
}

template <typename T, typename F>
std::string JoinRecords(const std::vector<T>& items, F fields) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) {
      out += kRecordSep;
    }
    bool first = true;
    for (const std::string& f : fields(item)) {
      if (!first) {
        out += kFieldSep;
      }
      first = false;
      out += Clean(f);
    }
  }
  return out;
}

template <typename T, typename F>
std::vector<T> SplitRecords(std::string_view text, size_t width, F make) {
  std::vector<T> out;
  for (const auto& record : Split(text, kRecordSep)) {
    auto fields = Split(record, kFieldSep);
    fields.resize(width);
    out.push_back(make(fields));
  }
  return out;
}

int ToInt(const std::string& s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::string EncodeStrings(const std::vector<std::string>& items) {
  return JoinRecords(items, [](const std::string& s) { return std::vector<std::string>{s}; });
}

std::vector<std::string> DecodeStrings(std::string_view text) {
  return SplitRecords<std::string>(text, 1, [](auto& f) { return f[0]; });
}

std::string EncodeTravel(const std::vector<health::TravelLeg>& legs) {
  return JoinRecords(legs, [](const health::TravelLeg& l) {
    return std::vector<std::string>{l.region_code, FormatDate(l.from), FormatDate(l.to),
                                    l.transport};
  });
}

std::vector<health::TravelLeg> DecodeTravel(std::string_view text) {
  return SplitRecords<health::TravelLeg>(text, 4, [](auto& f) {
    return health::TravelLeg{f[0], ParseDate(f[1]).value_or(CivilDate{}),
                             ParseDate(f[2]).value_or(CivilDate{}), f[3]};
  });
}

std::string EncodeReasons(const std::vector<health::Reason>& reasons) {
  return JoinRecords(reasons, [](const health::Reason& r) {
    return std::vector<std::string>{r.rule_id, std::string(health::ConditionCode(r.when)),
                                    std::string(health::ColourCode(r.colour)), r.fact};
  });
}

std::vector<health::Reason> DecodeReasons(std::string_view text) {
  return SplitRecords<health::Reason>(text, 4, [](auto& f) {
    return health::Reason{
        f[0], health::ParseCondition(f[1]).value_or(health::Condition::kTemperatureAtLeast),
        health::ParseColour(f[2]).value_or(Colour::kGreen), f[3]};
  });
}

std::string EncodeRules(const std::vector<health::Rule>& rules) {
  return JoinRecords(rules, [](const health::Rule& r) {
    std::string symptoms;
    for (const auto& s : r.symptoms) {
      symptoms += (symptoms.empty() ? "" : ",") + s;
    }
    return std::vector<std::string>{r.id,
                                    std::string(health::ConditionCode(r.when)),
                                    std::string(health::ColourCode(r.colour)),
                                    std::to_string(r.temperature_tenths),
                                    symptoms,
                                    std::string(health::RiskLevelCode(r.min_level)),
                                    std::to_string(r.within_days),
                                    r.note};
  });
}

std::vector<health::Rule> DecodeRules(std::string_view text) {
  return SplitRecords<health::Rule>(text, 8, [](auto& f) {
    health::Rule r;
    r.id = f[0];
    r.when = health::ParseCondition(f[1]).value_or(health::Condition::kTemperatureAtLeast);
    r.colour = health::ParseColour(f[2]).value_or(Colour::kRed);
    r.temperature_tenths = ToInt(f[3]);
    for (auto& s : Split(f[4], ',')) {
      r.symptoms.push_back(std::move(s));
    }
    r.min_level = health::ParseRiskLevel(f[5]).value_or(health::RiskLevel::kHigh);
    r.within_days = ToInt(f[6]);
    r.note = f[7];
    return r;
  });
}

constexpr std::string_view kDeclarationColumns =
    "d.id, d.community_id, d.person_id, d.zone_id, d.household_id, d.day, d.submitted_at, "
    "d.temperature_tenths, d.symptoms, d.travel, d.contact_with_cases, d.contact_with_risk_area, "
    "d.plate, d.colour, d.reasons, d.rules_version, d.assisted_by, d.superseded, "
    "coalesce(p.name, ''), coalesce(nullif(u.display_name, ''), u.username, '') "
    "FROM declarations d LEFT JOIN persons p ON p.id = d.person_id "
    "LEFT JOIN users u ON u.id = d.assisted_by ";

DeclarationRecord ReadDeclaration(const Stmt& q) {
  DeclarationRecord d;
  d.id = q.Int(0);
  d.community_id = q.Int(1);
  d.person_id = q.Int(2);
  d.zone_id = q.OptInt(3);
  d.household_id = q.OptInt(4);
  d.day = q.Text(5);
  d.submitted_at = q.Int(6);
  d.temperature_tenths = static_cast<int>(q.Int(7));
  d.symptoms = DecodeStrings(q.Text(8));
  d.travel = DecodeTravel(q.Text(9));
  d.contact_with_cases = q.Int(10) != 0;
  d.contact_with_risk_area = q.Int(11) != 0;
  d.plate = q.Text(12);
  d.colour = health::ParseColour(q.Text(13)).value_or(Colour::kRed);
  d.reasons = DecodeReasons(q.Text(14));
  d.rules_version = static_cast<int>(q.Int(15));
  d.assisted_by = q.OptInt(16);
  d.superseded = q.Int(17) != 0;
  d.person_name = q.Text(18);
  d.assisted_by_name = q.Text(19);
  return d;
}

constexpr std::string_view kStatusColumns =
    "person_id, community_id, zone_id, pass_ref, colour, colour_since, declaration_id, "
    "declared_day, valid_until, reasons, rules_version FROM person_status ";

PersonStatus ReadStatus(const Stmt& q) {
  PersonStatus s;
  s.person_id = q.Int(0);
  s.community_id = q.Int(1);
  s.zone_id = q.OptInt(2);
  s.pass_ref = q.Text(3);
  s.colour = health::ParseColour(q.Text(4)).value_or(Colour::kRed);
  s.colour_since = q.Int(5);
  s.declaration_id = q.Int(6);
  s.declared_day = q.Text(7);
  s.valid_until = q.Int(8);
  s.reasons = DecodeReasons(q.Text(9));
  s.rules_version = static_cast<int>(q.Int(10));
  return s;
}

}  // namespace

// --- declarations ---------------------------------------------------------------------------

std::int64_t SqlDeclarationStore::Insert(const DeclarationRecord& d) {
  c_.Prepare(
        "UPDATE declarations SET superseded = 1 WHERE person_id = ? AND day = ? AND superseded = 0")
      .BindAll(d.person_id, d.day)
      .Run();
  auto s = c_.Prepare(
      "INSERT INTO declarations (community_id, person_id, zone_id, household_id, day, "
      "submitted_at, temperature_tenths, symptoms, travel, contact_with_cases, "
      "contact_with_risk_area, plate, colour, reasons, rules_version, assisted_by) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
  s.Bind(1, d.community_id)
      .Bind(2, d.person_id)
      .Bind(3, d.zone_id)
      .Bind(4, d.household_id)
      .Bind(5, d.day)
      .Bind(6, d.submitted_at)
      .Bind(7, d.temperature_tenths)
      .Bind(8, EncodeStrings(d.symptoms))
      .Bind(9, EncodeTravel(d.travel))
      .Bind(10, d.contact_with_cases)
      .Bind(11, d.contact_with_risk_area)
      .Bind(12, d.plate)
      .Bind(13, health::ColourCode(d.colour))
      .Bind(14, EncodeReasons(d.reasons))
      .Bind(15, d.rules_version)
      .Bind(16, d.assisted_by);
  s.Run();
  return c_.LastInsertId();
}

std::optional<DeclarationRecord> SqlDeclarationStore::Find(std::int64_t id) {
  static const std::string kSql =
      std::string("SELECT ").append(kDeclarationColumns).append("WHERE d.id = ?");
  auto q = c_.Prepare(kSql);
  q.Bind(1, id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadDeclaration(q);
}

std::vector<DeclarationRecord> SqlDeclarationStore::List(const health::DeclarationCriteria& cr) {
  Query query(std::string("SELECT ").append(kDeclarationColumns));
  query.Add("WHERE d.community_id = ?", cr.community_id);
  if (cr.zone_id) {
    query.Add(" AND d.zone_id = ?", *cr.zone_id);
  }
  if (cr.person_id) {
    query.Add(" AND d.person_id = ?", *cr.person_id);
  }
  if (cr.day) {
    query.Add(" AND d.day = ?", *cr.day);
  }
  if (cr.colour) {
    query.Add(" AND d.colour = ?", std::string(health::ColourCode(*cr.colour)));
  }
  if (cr.assisted) {
    query.Append(*cr.assisted ? " AND d.assisted_by IS NOT NULL" : " AND d.assisted_by IS NULL");
  }
  if (!cr.include_superseded) {
    query.Append(" AND d.superseded = 0");
  }
  if (cr.before_id > 0) {
    query.Add(" AND d.id < ?", cr.before_id);
  }
  query.Add(" ORDER BY d.id DESC LIMIT ?", static_cast<std::int64_t>(cr.limit + 1));
  auto q = query.Prepare(c_);
  std::vector<DeclarationRecord> out;
  while (q.Step()) {
    out.push_back(ReadDeclaration(q));
  }
  return out;
}

std::vector<DeclarationRecord> SqlDeclarationStore::Recent(std::int64_t person_id,
                                                           const std::string& since_day) {
  static const std::string kSql = std::string("SELECT ")
                                      .append(kDeclarationColumns)
                                      .append(
                                          "WHERE d.person_id = ? AND d.day >= ? AND d.superseded = "
                                          "0 ORDER BY d.day DESC, d.id DESC");
  auto q = c_.Prepare(kSql);
  q.BindAll(person_id, since_day);
  std::vector<DeclarationRecord> out;
  while (q.Step()) {
    out.push_back(ReadDeclaration(q));
  }
  return out;
}

void SqlDeclarationStore::AddArrival(std::int64_t person_id, std::int64_t community_id, TimeMs at) {
  c_.Prepare("INSERT INTO arrivals (person_id, community_id, arrived_at) VALUES (?, ?, ?)")
      .BindAll(person_id, community_id, at)
      .Run();
}

namespace {

constexpr std::string_view kArrivalColumns =
    "SELECT a.person_id, a.community_id, a.arrived_at, a.confirmed_at, a.confirmed_by, "
    "coalesce(nullif(u.display_name, ''), u.username, '') FROM arrivals a "
    "LEFT JOIN users u ON u.id = a.confirmed_by ";

health::Arrival ReadArrival(const Stmt& q) {
  return health::Arrival{q.Int(0), q.Int(1), q.Int(2), q.OptInt(3), q.OptInt(4), q.Text(5)};
}

}  // namespace

std::optional<health::Arrival> SqlDeclarationStore::FindArrival(std::int64_t person_id) {
  static const std::string kSql = std::string(kArrivalColumns).append("WHERE a.person_id = ?");
  auto q = c_.Prepare(kSql);
  q.Bind(1, person_id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadArrival(q);
}

std::vector<health::Arrival> SqlDeclarationStore::ListArrivals(const health::ArrivalCriteria& cr) {
  Query query{std::string(kArrivalColumns)};
  query.Add("WHERE a.community_id = ?", cr.community_id);
  if (cr.zone_id) {
    query.Add(" AND a.person_id IN (SELECT id FROM persons WHERE zone_id = ?)", *cr.zone_id);
  }
  if (cr.pending) {
    query.Append(*cr.pending ? " AND a.confirmed_at IS NULL" : " AND a.confirmed_at IS NOT NULL");
  }
  if (cr.before_person > 0) {
    query.Add(" AND a.person_id < ?", cr.before_person);
  }
  query.Add(" ORDER BY a.person_id DESC LIMIT ?", static_cast<std::int64_t>(cr.limit + 1));
  auto q = query.Prepare(c_);
  std::vector<health::Arrival> out;
  while (q.Step()) {
    out.push_back(ReadArrival(q));
  }
  return out;
}

void SqlDeclarationStore::ConfirmArrival(std::int64_t person_id, TimeMs at, std::int64_t user_id) {
  c_.Prepare("UPDATE arrivals SET confirmed_at = ?, confirmed_by = ? WHERE person_id = ?")
      .BindAll(at, user_id, person_id)
      .Run();
}

// --- person status --------------------------------------------------------------------------

std::optional<PersonStatus> SqlPersonStatusStore::Get(std::int64_t person_id) {
  static const std::string kSql =
      std::string("SELECT ").append(kStatusColumns).append("WHERE person_id = ?");
  auto q = c_.Prepare(kSql);
  q.Bind(1, person_id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadStatus(q);
}

std::optional<PersonStatus> SqlPersonStatusStore::FindByRef(const std::string& pass_ref) {
  static const std::string kSql =
      std::string("SELECT ").append(kStatusColumns).append("WHERE pass_ref = ?");
  auto q = c_.Prepare(kSql);
  q.Bind(1, pass_ref);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadStatus(q);
}

void SqlPersonStatusStore::Put(const PersonStatus& s) {
  auto bind = [&s](Stmt& q) {
    q.Bind(1, s.person_id)
        .Bind(2, s.community_id)
        .Bind(3, s.zone_id)
        .Bind(4, s.pass_ref)
        .Bind(5, health::ColourCode(s.colour))
        .Bind(6, s.colour_since)
        .Bind(7, s.declaration_id)
        .Bind(8, s.declared_day)
        .Bind(9, s.valid_until)
        .Bind(10, EncodeReasons(s.reasons))
        .Bind(11, s.rules_version);
  };
  // Most puts follow a declaration of someone who has a status already: only what a
  // declaration changes is set, which leaves the indexes on pass_ref and community untouched.
  auto changed = c_.Prepare(
      "UPDATE person_status SET zone_id = ?3, colour = ?5, colour_since = ?6, "
      "declaration_id = ?7, declared_day = ?8, valid_until = ?9, reasons = ?10, "
      "rules_version = ?11 WHERE person_id = ?1 AND community_id = ?2 AND pass_ref = ?4");
  bind(changed);
  changed.Run();
  if (c_.Changes() > 0) {
    return;
  }
  auto whole = c_.Prepare(
      "INSERT INTO person_status (person_id, community_id, zone_id, pass_ref, colour, "
      "colour_since, declaration_id, declared_day, valid_until, reasons, rules_version) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (person_id) DO UPDATE SET "
      "community_id = ?2, zone_id = ?3, pass_ref = ?4, colour = ?5, colour_since = ?6, "
      "declaration_id = ?7, declared_day = ?8, valid_until = ?9, reasons = ?10, "
      "rules_version = ?11");
  bind(whole);
  whole.Run();
}

std::vector<PersonStatus> SqlPersonStatusStore::ListAfter(std::int64_t community_id,
                                                          std::int64_t after_person, int limit) {
  Query query(std::string("SELECT ").append(kStatusColumns));
  query.Add("WHERE person_id > ?", after_person);
  if (community_id != 0) {
    query.Add(" AND community_id = ?", community_id);
  }
  query.Add(" ORDER BY person_id LIMIT ?", static_cast<std::int64_t>(limit));
  auto q = query.Prepare(c_);
  std::vector<PersonStatus> out;
  while (q.Step()) {
    out.push_back(ReadStatus(q));
  }
  return out;
}

std::vector<PersonStatus> SqlPersonStatusStore::ForGates(std::int64_t community_id, TimeMs now,
                                                         TimeMs changed_since) {
  static const std::string kSql = std::string("SELECT ")
                                      .append(kStatusColumns)
                                      .append(
                                          "WHERE community_id = ?1 AND valid_until > ?2 AND "
                                          "(colour <> 'green' OR colour_since >= ?3) "
                                          "ORDER BY person_id");
  auto q = c_.Prepare(kSql);
  q.Bind(1, community_id).Bind(2, now).Bind(3, changed_since);
  std::vector<PersonStatus> out;
  while (q.Step()) {
    out.push_back(ReadStatus(q));
  }
  return out;
}

std::vector<health::ColourCount> SqlPersonStatusStore::CountByZone(
    std::int64_t community_id, std::optional<std::int64_t> zone_id, TimeMs now) {
  auto q = c_.Prepare(
      "SELECT p.zone_id, "
      "sum(CASE WHEN s.colour = 'green' AND s.valid_until > ?3 THEN 1 ELSE 0 END), "
      "sum(CASE WHEN s.colour = 'yellow' AND s.valid_until > ?3 THEN 1 ELSE 0 END), "
      "sum(CASE WHEN s.colour = 'red' AND s.valid_until > ?3 THEN 1 ELSE 0 END), "
      "sum(CASE WHEN s.person_id IS NULL OR s.valid_until <= ?3 THEN 1 ELSE 0 END) "
      "FROM persons p LEFT JOIN person_status s ON s.person_id = p.id "
      "WHERE p.community_id = ?1 AND (p.zone_id = ?2 OR ?2 IS NULL) AND p.deleted_at IS NULL "
      "GROUP BY p.zone_id ORDER BY p.zone_id NULLS FIRST");
  q.Bind(1, community_id).Bind(2, zone_id).Bind(3, now);
  std::vector<health::ColourCount> out;
  while (q.Step()) {
    out.push_back(health::ColourCount{q.OptInt(0), static_cast<int>(q.Int(1)),
                                      static_cast<int>(q.Int(2)), static_cast<int>(q.Int(3)),
                                      static_cast<int>(q.Int(4))});
  }
  return out;
}

namespace {

void UndeclaredFilters(Query& query, const health::UndeclaredCriteria& cr) {
  query.Add(
      "FROM persons p LEFT JOIN person_status s ON s.person_id = p.id "
      "LEFT JOIN households h ON h.id = p.household_id "
      "WHERE p.community_id = ? AND p.deleted_at IS NULL AND (s.person_id IS NULL OR "
      "s.valid_until <= ?)",
      cr.community_id, cr.now);
  if (cr.zone_id) {
    query.Add(" AND p.zone_id = ?", *cr.zone_id);
  }
  if (cr.building_id) {
    query.Add(" AND h.building_id = ?", *cr.building_id);
  }
  if (cr.household_id) {
    query.Add(" AND p.household_id = ?", *cr.household_id);
  }
}

}  // namespace

std::vector<health::UndeclaredPerson> SqlPersonStatusStore::Undeclared(
    const health::UndeclaredCriteria& cr) {
  Query query(
      "SELECT p.id, p.name, p.phone_masked, p.zone_id, p.household_id, "
      "coalesce(h.building_name, ''), coalesce(h.unit_name, ''), coalesce(h.room, ''), p.flags, "
      "p.birth_date, "
      "coalesce(s.declared_day, '') ");
  UndeclaredFilters(query, cr);
  query.Add(" AND p.id > ? ORDER BY p.id LIMIT ?", cr.after_id,
            static_cast<std::int64_t>(cr.limit + 1));
  auto q = query.Prepare(c_);
  std::vector<health::UndeclaredPerson> out;
  while (q.Step()) {
    health::UndeclaredPerson u;
    u.person_id = q.Int(0);
    u.name = q.Text(1);
    u.phone_masked = q.Text(2);
    u.zone_id = q.OptInt(3);
    u.household_id = q.OptInt(4);
    u.building = q.Text(5);
    u.unit = q.Text(6);
    u.room = q.Text(7);
    u.flags = static_cast<std::uint32_t>(q.Int(8));
    u.birth_date = q.Text(9);
    u.last_declared_day = q.Text(10);
    out.push_back(std::move(u));
  }
  return out;
}

int SqlPersonStatusStore::CountUndeclared(const health::UndeclaredCriteria& cr) {
  Query query("SELECT count(*) ");
  UndeclaredFilters(query, cr);
  auto q = query.Prepare(c_);
  q.Step();
  return static_cast<int>(q.Int(0));
}

// --- rules and risk areas -------------------------------------------------------------------

namespace {

health::StoredRuleSet ReadRuleSet(const Stmt& q) {
  health::StoredRuleSet s;
  s.rules.version = static_cast<int>(q.Int(0));
  s.rules.rules = DecodeRules(q.Text(1));
  s.rules.valid_days = static_cast<int>(q.Int(2));
  s.created_at = q.Int(3);
  s.created_by = q.OptInt(4);
  s.created_by_name = q.Text(5);
  return s;
}

constexpr std::string_view kRuleColumns =
    "SELECT r.version, r.rules, r.valid_days, r.created_at, r.created_by, "
    "coalesce(nullif(u.display_name, ''), u.username, '') FROM colour_rules r "
    "LEFT JOIN users u ON u.id = r.created_by ";

}  // namespace

std::optional<health::StoredRuleSet> SqlRuleStore::Current() {
  static const std::string kSql =
      std::string(kRuleColumns).append("ORDER BY r.version DESC LIMIT 1");
  auto q = c_.Prepare(kSql);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadRuleSet(q);
}

int SqlRuleStore::Insert(const health::RuleSet& set, TimeMs at,
                         std::optional<std::int64_t> user_id) {
  auto q = c_.Prepare(
      "INSERT INTO colour_rules (version, rules, valid_days, created_at, created_by) "
      "SELECT coalesce(max(version), 0) + 1, ?, ?, ?, ? FROM colour_rules RETURNING version");
  q.Bind(1, EncodeRules(set.rules)).Bind(2, set.valid_days).Bind(3, at).Bind(4, user_id);
  q.Step();
  const int version = static_cast<int>(q.Int(0));
  while (q.Step()) {
  }
  return version;
}

std::vector<health::StoredRuleSet> SqlRuleStore::History(int limit) {
  static const std::string kSql =
      std::string(kRuleColumns).append("ORDER BY r.version DESC LIMIT ?");
  auto q = c_.Prepare(kSql);
  q.Bind(1, limit);
  std::vector<health::StoredRuleSet> out;
  while (q.Step()) {
    out.push_back(ReadRuleSet(q));
  }
  return out;
}

namespace {

health::RiskArea ReadArea(const Stmt& q) {
  health::RiskArea a;
  a.id = q.Int(0);
  a.region_code = q.Text(1);
  a.name = q.Text(2);
  a.level = health::ParseRiskLevel(q.Text(3)).value_or(health::RiskLevel::kHigh);
  a.from = ParseDate(q.Text(4)).value_or(CivilDate{});
  if (auto until = q.OptText(5)) {
    a.until = ParseDate(*until);
  }
  return a;
}

std::optional<std::string> UntilText(const health::RiskArea& a) {
  return a.until ? std::optional(FormatDate(*a.until)) : std::nullopt;
}

}  // namespace

std::int64_t SqlRiskAreaStore::Insert(const health::RiskArea& a, TimeMs at,
                                      std::optional<std::int64_t> user_id) {
  auto q = c_.Prepare(
      "INSERT INTO risk_areas (region_code, name, level, from_day, until_day, created_at, "
      "created_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.Bind(1, a.region_code)
      .Bind(2, a.name)
      .Bind(3, health::RiskLevelCode(a.level))
      .Bind(4, FormatDate(a.from))
      .Bind(5, UntilText(a))
      .Bind(6, at)
      .Bind(7, user_id);
  q.Run();
  return c_.LastInsertId();
}

void SqlRiskAreaStore::Update(const health::RiskArea& a) {
  auto q = c_.Prepare(
      "UPDATE risk_areas SET region_code = ?, name = ?, level = ?, from_day = ?, until_day = ? "
      "WHERE id = ?");
  q.Bind(1, a.region_code)
      .Bind(2, a.name)
      .Bind(3, health::RiskLevelCode(a.level))
      .Bind(4, FormatDate(a.from))
      .Bind(5, UntilText(a))
      .Bind(6, a.id);
  q.Run();
}

bool SqlRiskAreaStore::Remove(std::int64_t id) {
  c_.Prepare("DELETE FROM risk_areas WHERE id = ?").BindAll(id).Run();
  return c_.Changes() > 0;
}

std::optional<health::RiskArea> SqlRiskAreaStore::Find(std::int64_t id) {
  auto q = c_.Prepare(
      "SELECT id, region_code, name, level, from_day, until_day FROM risk_areas WHERE id = ?");
  q.Bind(1, id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadArea(q);
}

std::vector<health::RiskArea> SqlRiskAreaStore::List() {
  auto q = c_.Prepare(
      "SELECT id, region_code, name, level, from_day, until_day FROM risk_areas "
      "ORDER BY region_code, id");
  std::vector<health::RiskArea> out;
  while (q.Step()) {
    out.push_back(ReadArea(q));
  }
  return out;
}

// --- visit tasks ----------------------------------------------------------------------------

namespace {

constexpr std::string_view kTaskColumns =
    "SELECT t.id, t.community_id, t.zone_id, t.household_id, t.reason, t.team, t.open, t.visits, "
    "t.last_outcome, t.last_note, t.created_at, t.created_by, t.updated_at, "
    "coalesce(h.building_name, ''), coalesce(h.unit_name, ''), coalesce(h.room, '') "
    "FROM visit_tasks t LEFT JOIN households h ON h.id = t.household_id ";

health::VisitTask ReadTask(const Stmt& q) {
  health::VisitTask t;
  t.id = q.Int(0);
  t.community_id = q.Int(1);
  t.zone_id = q.OptInt(2);
  t.household_id = q.Int(3);
  t.reason = q.Text(4);
  t.team = DecodeStrings(q.Text(5));
  t.open = q.Int(6) != 0;
  t.visits = static_cast<int>(q.Int(7));
  if (auto o = q.OptText(8)) {
    t.last_outcome = health::ParseVisitOutcome(*o);
  }
  t.last_note = q.Text(9);
  t.created_at = q.Int(10);
  t.created_by = q.OptInt(11);
  t.updated_at = q.Int(12);
  t.building = q.Text(13);
  t.unit = q.Text(14);
  t.room = q.Text(15);
  return t;
}

}  // namespace

std::int64_t SqlVisitStore::InsertTask(const health::VisitTask& t) {
  auto q = c_.Prepare(
      "INSERT INTO visit_tasks (community_id, zone_id, household_id, reason, team, open, visits, "
      "last_note, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, 1, 0, '', ?, ?, ?)");
  q.Bind(1, t.community_id)
      .Bind(2, t.zone_id)
      .Bind(3, t.household_id)
      .Bind(4, t.reason)
      .Bind(5, EncodeStrings(t.team))
      .Bind(6, t.created_at)
      .Bind(7, t.created_by)
      .Bind(8, t.created_at);
  q.Run();
  return c_.LastInsertId();
}

std::optional<health::VisitTask> SqlVisitStore::FindTask(std::int64_t id) {
  static const std::string kSql = std::string(kTaskColumns).append("WHERE t.id = ?");
  auto q = c_.Prepare(kSql);
  q.Bind(1, id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadTask(q);
}

std::optional<health::VisitTask> SqlVisitStore::OpenTaskFor(std::int64_t household_id) {
  static const std::string kSql =
      std::string(kTaskColumns).append("WHERE t.household_id = ? AND t.open = 1");
  auto q = c_.Prepare(kSql);
  q.Bind(1, household_id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadTask(q);
}

std::vector<health::VisitTask> SqlVisitStore::ListTasks(const health::VisitTaskCriteria& cr) {
  Query query{std::string(kTaskColumns)};
  query.Add("WHERE t.community_id = ? AND t.id > ?", cr.community_id, cr.after_id);
  if (cr.zone_id) {
    query.Add(" AND t.zone_id = ?", *cr.zone_id);
  }
  if (cr.open) {
    query.Add(" AND t.open = ?", static_cast<std::int64_t>(*cr.open ? 1 : 0));
  }
  query.Add(" ORDER BY t.id LIMIT ?", static_cast<std::int64_t>(cr.limit + 1));
  auto q = query.Prepare(c_);
  std::vector<health::VisitTask> out;
  while (q.Step()) {
    out.push_back(ReadTask(q));
  }
  return out;
}

std::int64_t SqlVisitStore::AddVisit(std::int64_t task_id, health::VisitOutcome outcome,
                                     const std::string& note, TimeMs at,
                                     std::optional<std::int64_t> user_id) {
  auto q = c_.Prepare(
      "INSERT INTO visits (task_id, outcome, note, visited_at, visited_by) VALUES (?, ?, ?, ?, ?)");
  q.Bind(1, task_id)
      .Bind(2, health::VisitOutcomeCode(outcome))
      .Bind(3, note)
      .Bind(4, at)
      .Bind(5, user_id);
  q.Run();
  const std::int64_t id = c_.LastInsertId();
  c_.Prepare(
        "UPDATE visit_tasks SET visits = visits + 1, last_outcome = ?, last_note = ?, open = ?, "
        "updated_at = ? WHERE id = ?")
      .BindAll(std::string(health::VisitOutcomeCode(outcome)), note,
               static_cast<std::int64_t>(health::ClosesTask(outcome) ? 0 : 1), at, task_id)
      .Run();
  return id;
}

}  // namespace cordon::store::sql
