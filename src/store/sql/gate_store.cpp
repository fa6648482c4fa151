// SQLite store of gate events and fever cases.
#include "store/sql/query.h"
#include "store/sql/repositories.h"

namespace cordon::store::sql {
namespace {

using gate::GateEvent;

std::string JoinReasons(const std::vector<std::string>& reasons) {
  std::string out;
  for (const auto& r : reasons) {
    out += (out.empty() ? "" : ",") + r;
  }
  return out;
}

std::vector<std::string> SplitReasons(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(',', start);
    end = end == std::string::npos ? text.size() : end;
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

constexpr std::string_view kEventColumns =
    "SELECT g.id, g.community_id, g.entrance_id, g.client_event_id, g.direction, g.method, "
    "g.person_id, g.plate, g.temperature_tenths, g.colour, g.decision, g.reasons, g.guard_id, "
    "g.device, g.decided_at, g.received_at, coalesce(p.name, ''), coalesce(e.name, ''), "
    "coalesce(nullif(u.display_name, ''), u.username, ''), g.on_duty_id, "
    "coalesce(nullif(d.display_name, ''), d.username, '') FROM gate_events g "
    "LEFT JOIN persons p ON p.id = g.person_id LEFT JOIN entrances e ON e.id = g.entrance_id "
    "LEFT JOIN users u ON u.id = g.guard_id LEFT JOIN users d ON d.id = g.on_duty_id ";

GateEvent ReadEvent(const Stmt& q) {
  GateEvent e;
  e.id = q.Int(0);
  e.community_id = q.Int(1);
  e.entrance_id = q.Int(2);
  e.client_event_id = q.Text(3);
  e.direction = gate::ParseDirection(q.Text(4)).value_or(gate::Direction::kIn);
  e.method = gate::ParseMethod(q.Text(5)).value_or(gate::Method::kPass);
  e.person_id = q.OptInt(6);
  e.plate = q.Text(7);
  if (auto t = q.OptInt(8)) {
    e.temperature_tenths = static_cast<int>(*t);
  }
  if (auto c = q.OptText(9)) {
    e.colour = health::ParseColour(*c);
  }
  e.decision = gate::ParseDecision(q.Text(10)).value_or(gate::Decision::kDeny);
  e.reasons = SplitReasons(q.Text(11));
  e.guard_id = q.OptInt(12);
  e.device = q.Text(13);
  e.decided_at = q.Int(14);
  e.received_at = q.Int(15);
  e.person_name = q.Text(16);
  e.entrance_name = q.Text(17);
  e.guard_name = q.Text(18);
  e.on_duty_id = q.OptInt(19);
  e.on_duty_name = q.Text(20);
  return e;
}

constexpr std::string_view kCaseColumns =
    "SELECT f.id, f.community_id, f.person_id, f.gate_event_id, f.entrance_id, "
    "f.temperature_tenths, f.source, f.status, f.opened_at, coalesce(p.name, ''), "
    "coalesce(e.name, '') FROM fever_cases f LEFT JOIN persons p ON p.id = f.person_id "
    "LEFT JOIN entrances e ON e.id = f.entrance_id ";

gate::FeverCase ReadCase(const Stmt& q) {
  gate::FeverCase c;
  c.id = q.Int(0);
  c.community_id = q.Int(1);
  c.person_id = q.OptInt(2);
  c.gate_event_id = q.OptInt(3);
  c.entrance_id = q.OptInt(4);
  c.temperature_tenths = static_cast<int>(q.Int(5));
  c.source = q.Text(6);
  c.status = q.Text(7);
  c.opened_at = q.Int(8);
  c.person_name = q.Text(9);
  c.entrance_name = q.Text(10);
  return c;
}

}  // namespace

std::optional<std::int64_t> SqlGateStore::Insert(const GateEvent& e) {
  auto s = c_.Prepare(
      "INSERT INTO gate_events (community_id, entrance_id, client_event_id, direction, method, "
      "person_id, plate, temperature_tenths, colour, decision, reasons, guard_id, device, "
      "decided_at, received_at, on_duty_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
      "?12, ?13, ?14, ?15, ?16) ON CONFLICT DO NOTHING");
  std::optional<std::string> colour;
  if (e.colour) {
    colour = std::string(health::ColourCode(*e.colour));
  }
  std::optional<std::int64_t> temperature;
  if (e.temperature_tenths) {
    temperature = *e.temperature_tenths;
  }
  s.Bind(1, e.community_id)
      .Bind(2, e.entrance_id)
      .Bind(3, e.client_event_id)
      .Bind(4, gate::DirectionCode(e.direction))
      .Bind(5, gate::MethodCode(e.method))
      .Bind(6, e.person_id)
      .Bind(7, e.plate)
      .Bind(8, temperature)
      .Bind(9, colour)
      .Bind(10, gate::DecisionCode(e.decision))
      .Bind(11, JoinReasons(e.reasons))
      .Bind(12, e.guard_id)
      .Bind(13, e.device)
      .Bind(14, e.decided_at)
      .Bind(15, e.received_at)
      .Bind(16, e.on_duty_id);
  s.Run();
  if (c_.Changes() == 0) {
    return std::nullopt;
  }
  return c_.LastInsertId();
}

std::optional<GateEvent> SqlGateStore::FindByClientId(const std::string& client_event_id) {
  static const std::string kSql = std::string(kEventColumns).append("WHERE g.client_event_id = ?");
  auto q = c_.Prepare(kSql);
  q.Bind(1, client_event_id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadEvent(q);
}

std::vector<GateEvent> SqlGateStore::List(const gate::GateEventCriteria& cr) {
  Query query{std::string(kEventColumns)};
  query.Add("WHERE g.community_id = ?", cr.community_id);
  if (cr.zone_id) {
    query.Add(" AND e.zone_id = ?", *cr.zone_id);
  }
  if (cr.entrance_id) {
    query.Add(" AND g.entrance_id = ?", *cr.entrance_id);
  }
  if (cr.person_id) {
    query.Add(" AND g.person_id = ?", *cr.person_id);
  }
  if (cr.plate) {
    query.Add(" AND g.plate = ?", *cr.plate);
  }
  if (cr.from) {
    query.Add(" AND g.decided_at >= ?", *cr.from);
  }
  if (cr.to) {
    query.Add(" AND g.decided_at < ?", *cr.to);
  }
  if (cr.before_id > 0) {
    query.Add(" AND g.id < ?", cr.before_id);
  }
  query.Add(" ORDER BY g.id DESC LIMIT ?", static_cast<std::int64_t>(cr.limit + 1));
  auto q = query.Prepare(c_);
  std::vector<GateEvent> out;
  while (q.Step()) {
    out.push_back(ReadEvent(q));
  }
  return out;
}

std::optional<std::int64_t> SqlGateStore::PersonByPlate(std::int64_t community_id,
                                                        const std::string& plate) {
  // Plates are kept comma-separated with the person; a fleet registry would index them.
  auto q = c_.Prepare(
      "SELECT id FROM persons WHERE community_id = ? AND deleted_at IS NULL AND vehicles <> '' "
      "AND length(replace(',' || vehicles || ',', ',' || CAST(? AS TEXT) || ',', '')) < "
      "length(',' || vehicles || ',') ORDER BY id LIMIT 1");
  q.BindAll(community_id, plate);
  if (!q.Step()) {
    return std::nullopt;
  }
  return q.Int(0);
}

std::int64_t SqlGateStore::OpenFeverCase(const gate::FeverCase& c) {
  auto s = c_.Prepare(
      "INSERT INTO fever_cases (community_id, person_id, gate_event_id, entrance_id, "
      "temperature_tenths, source, status, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  s.Bind(1, c.community_id)
      .Bind(2, c.person_id)
      .Bind(3, c.gate_event_id)
      .Bind(4, c.entrance_id)
      .Bind(5, c.temperature_tenths)
      .Bind(6, c.source)
      .Bind(7, c.status)
      .Bind(8, c.opened_at);
  s.Run();
  return c_.LastInsertId();
}

std::optional<gate::FeverCase> SqlGateStore::FeverCaseForEvent(std::int64_t gate_event_id) {
  static const std::string kSql = std::string(kCaseColumns).append("WHERE f.gate_event_id = ?");
  auto q = c_.Prepare(kSql);
  q.Bind(1, gate_event_id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadCase(q);
}

std::vector<gate::FeverCase> SqlGateStore::ListFeverCases(std::int64_t community_id,
                                                          std::optional<bool> open,
                                                          std::int64_t before_id, int limit) {
  std::string sql = std::string(kCaseColumns) + "WHERE f.community_id = ?1";
  if (open) {
    sql += *open ? " AND f.status = 'open'" : " AND f.status <> 'open'";
  }
  sql += " AND (CAST(?2 AS BIGINT) = 0 OR f.id < ?2) ORDER BY f.id DESC LIMIT ?3";
  auto q = c_.Prepare(sql);
  q.Bind(1, community_id).Bind(2, before_id).Bind(3, static_cast<std::int64_t>(limit + 1));
  std::vector<gate::FeverCase> out;
  while (q.Step()) {
    out.push_back(ReadCase(q));
  }
  return out;
}

}  // namespace cordon::store::sql

namespace cordon::store::sql {
namespace {

constexpr std::string_view kVisitorColumns =
    "SELECT v.id, v.community_id, v.entrance_id, v.name, v.doc_type, v.doc_cipher, v.doc_masked, "
    "v.phone_cipher, v.phone_masked, v.host, v.household_id, v.purpose, v.temperature_tenths, "
    "v.plate, v.pass_ref, v.in_at, v.out_at, v.registered_by, coalesce(e.name, ''), "
    "coalesce(nullif(u.display_name, ''), u.username, '') FROM visitors v "
    "LEFT JOIN entrances e ON e.id = v.entrance_id LEFT JOIN users u ON u.id = v.registered_by ";

gate::VisitorRecord ReadVisitor(const Stmt& q) {
  gate::VisitorRecord v;
  v.id = q.Int(0);
  v.community_id = q.Int(1);
  v.entrance_id = q.Int(2);
  v.name = q.Text(3);
  v.doc_type = q.Text(4);
  v.doc_cipher = q.Text(5);
  v.doc_masked = q.Text(6);
  v.phone_cipher = q.Text(7);
  v.phone_masked = q.Text(8);
  v.host = q.Text(9);
  v.household_id = q.OptInt(10);
  v.purpose = q.Text(11);
  if (auto t = q.OptInt(12)) {
    v.temperature_tenths = static_cast<int>(*t);
  }
  v.plate = q.Text(13);
  v.pass_ref = q.Text(14);
  v.in_at = q.Int(15);
  v.out_at = q.OptInt(16);
  v.registered_by = q.OptInt(17);
  v.entrance_name = q.Text(18);
  v.registered_by_name = q.Text(19);
  return v;
}

}  // namespace

std::int64_t SqlVisitorStore::Insert(const gate::VisitorRecord& v) {
  auto s = c_.Prepare(
      "INSERT INTO visitors (community_id, entrance_id, name, doc_type, doc_cipher, doc_masked, "
      "phone_cipher, phone_masked, host, household_id, purpose, temperature_tenths, plate, "
      "pass_ref, in_at, registered_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
      "?13, ?14, ?15, ?16)");
  std::optional<std::int64_t> temperature;
  if (v.temperature_tenths) {
    temperature = *v.temperature_tenths;
  }
  s.Bind(1, v.community_id)
      .Bind(2, v.entrance_id)
      .Bind(3, v.name)
      .Bind(4, v.doc_type)
      .BindBlob(5, v.doc_cipher)
      .Bind(6, v.doc_masked)
      .BindBlob(7, v.phone_cipher)
      .Bind(8, v.phone_masked)
      .Bind(9, v.host)
      .Bind(10, v.household_id)
      .Bind(11, v.purpose)
      .Bind(12, temperature)
      .Bind(13, v.plate)
      .Bind(14, v.pass_ref)
      .Bind(15, v.in_at)
      .Bind(16, v.registered_by);
  s.Run();
  return c_.LastInsertId();
}

std::optional<gate::VisitorRecord> SqlVisitorStore::Find(std::int64_t id) {
  static const std::string kSql = std::string(kVisitorColumns).append("WHERE v.id = ?");
  auto q = c_.Prepare(kSql);
  q.Bind(1, id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadVisitor(q);
}

std::optional<gate::VisitorRecord> SqlVisitorStore::FindByRef(const std::string& pass_ref) {
  static const std::string kSql = std::string(kVisitorColumns).append("WHERE v.pass_ref = ?");
  auto q = c_.Prepare(kSql);
  q.Bind(1, pass_ref);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadVisitor(q);
}

std::vector<gate::VisitorRecord> SqlVisitorStore::List(std::int64_t community_id,
                                                       std::optional<TimeMs> from,
                                                       std::optional<TimeMs> to,
                                                       std::int64_t before_id, int limit) {
  Query query{std::string(kVisitorColumns)};
  query.Add("WHERE v.community_id = ?", community_id);
  if (from) {
    query.Add(" AND v.in_at >= ?", *from);
  }
  if (to) {
    query.Add(" AND v.in_at < ?", *to);
  }
  if (before_id > 0) {
    query.Add(" AND v.id < ?", before_id);
  }
  query.Add(" ORDER BY v.id DESC LIMIT ?", static_cast<std::int64_t>(limit + 1));
  auto q = query.Prepare(c_);
  std::vector<gate::VisitorRecord> out;
  while (q.Step()) {
    out.push_back(ReadVisitor(q));
  }
  return out;
}

void SqlVisitorStore::MarkOut(std::int64_t id, TimeMs at) {
  c_.Prepare("UPDATE visitors SET out_at = ? WHERE id = ? AND out_at IS NULL")
      .BindAll(at, id)
      .Run();
}

}  // namespace cordon::store::sql

namespace cordon::store::sql {
namespace {

constexpr std::string_view kShiftColumns =
    "SELECT s.id, s.community_id, s.entrance_id, s.day, s.starts, s.ends, s.user_id, "
    "coalesce(nullif(u.display_name, ''), u.username, ''), coalesce(e.name, '') FROM gate_shifts s "
    "LEFT JOIN users u ON u.id = s.user_id LEFT JOIN entrances e ON e.id = s.entrance_id ";

gate::Shift ReadShift(const Stmt& q) {
  return gate::Shift{q.Int(0),  q.Int(1), q.Int(2),  q.Text(3), q.Text(4),
                     q.Text(5), q.Int(6), q.Text(7), q.Text(8)};
}

}  // namespace

std::int64_t SqlShiftStore::Insert(const gate::Shift& s, TimeMs at,
                                   std::optional<std::int64_t> by) {
  auto q = c_.Prepare(
      "INSERT INTO gate_shifts (community_id, entrance_id, day, starts, ends, user_id, "
      "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  q.Bind(1, s.community_id)
      .Bind(2, s.entrance_id)
      .Bind(3, s.day)
      .Bind(4, s.starts)
      .Bind(5, s.ends)
      .Bind(6, s.user_id)
      .Bind(7, by)
      .Bind(8, at);
  q.Run();
  return c_.LastInsertId();
}

std::optional<gate::Shift> SqlShiftStore::Find(std::int64_t id) {
  static const std::string kSql = std::string(kShiftColumns).append("WHERE s.id = ?");
  auto q = c_.Prepare(kSql);
  q.Bind(1, id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadShift(q);
}

bool SqlShiftStore::Remove(std::int64_t id) {
  c_.Prepare("DELETE FROM gate_shifts WHERE id = ?").BindAll(id).Run();
  return c_.Changes() > 0;
}

std::vector<gate::Shift> SqlShiftStore::List(std::int64_t community_id, const std::string& day,
                                             std::optional<std::int64_t> entrance_id) {
  auto q = c_.Prepare(std::string(kShiftColumns) +
                      "WHERE s.community_id = ?1 AND s.day = ?2 AND (s.entrance_id = ?3 OR "
                      "?3 IS NULL) ORDER BY s.entrance_id, s.starts, s.id");
  q.Bind(1, community_id).Bind(2, day).Bind(3, entrance_id);
  std::vector<gate::Shift> out;
  while (q.Step()) {
    out.push_back(ReadShift(q));
  }
  return out;
}

}  // namespace cordon::store::sql
