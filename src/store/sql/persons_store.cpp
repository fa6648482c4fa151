#include <limits>
#include <variant>

#include "store/sql/repositories.h"

namespace cordon::store::sql {
namespace {

using registry::PersonRecord;

constexpr std::string_view kColumns =
    "p.id, p.community_id, p.zone_id, p.household_id, p.name, p.doc_type, p.doc_cipher, "
    "p.doc_hash, p.doc_masked, p.doc_last4, p.phone_cipher, p.phone_masked, p.phone_last4, p.sex, "
    "p.birth_date, p.relation, p.kind, p.flags, p.workplace, p.vehicles, p.out_migrant, "
    "p.out_migrant_where, p.out_migrant_since, p.notes, p.created_at, p.updated_at, "
    "p.deleted_at, p.delete_reason, coalesce(h.building_name, ''), coalesce(h.unit_name, ''), "
    "coalesce(h.room, '')";

// The household carries its building's and unit's names (migration 0008).
constexpr std::string_view kFrom =
    " FROM persons p LEFT JOIN households h ON h.id = p.household_id ";

std::string JoinPlates(const std::vector<std::string>& plates) {
  std::string s;
  for (const auto& p : plates) {
    if (!s.empty()) {
      s += ",";
    }
    s += p;
  }
  return s;
}

std::vector<std::string> SplitPlates(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string::npos) {
      end = s.size();
    }
    if (end > start) {
      out.push_back(s.substr(start, end - start));
    }
    start = end + 1;
  }
  return out;
}

PersonRecord ReadPerson(const Stmt& q) {
  PersonRecord p;
  p.id = q.Int(0);
  p.community_id = q.Int(1);
  p.zone_id = q.OptInt(2);
  p.household_id = q.OptInt(3);
  p.name = q.Text(4);
  p.doc_type = registry::ParseDocType(q.Text(5)).value_or(registry::DocType::kOther);
  p.doc_cipher = q.Text(6);
  p.doc_hash = q.Text(7);
  p.doc_masked = q.Text(8);
  p.doc_last4 = q.Text(9);
  p.phone_cipher = q.Text(10);
  p.phone_masked = q.Text(11);
  p.phone_last4 = q.Text(12);
  p.sex = q.Text(13);
  p.birth_date = q.Text(14);
  p.relation = registry::ParseRelation(q.Text(15)).value_or(registry::Relation::kOther);
  p.kind = registry::ParsePersonKind(q.Text(16)).value_or(registry::PersonKind::kOwner);
  p.flags = static_cast<std::uint32_t>(q.Int(17));
  p.workplace = q.Text(18);
  p.vehicles = SplitPlates(q.Text(19));
  p.out_migrant = q.Int(20) != 0;
  p.out_migrant_where = q.Text(21);
  p.out_migrant_since = q.Text(22);
  p.notes = q.Text(23);
  p.created_at = q.Int(24);
  p.updated_at = q.Int(25);
  p.deleted_at = q.OptInt(26);
  p.delete_reason = q.Text(27);
  p.building = q.Text(28);
  p.unit = q.Text(29);
  p.room = q.Text(30);
  return p;
}

// Binds the stored fields in the order of the INSERT and UPDATE below, from parameter 1.
void BindFields(Stmt& s, const PersonRecord& p) {
  s.Bind(1, p.community_id)
      .Bind(2, p.zone_id)
      .Bind(3, p.household_id)
      .Bind(4, p.name)
      .Bind(5, registry::DocTypeCode(p.doc_type))
      .BindBlob(6, p.doc_cipher)
      .BindBlob(7, p.doc_hash)
      .Bind(8, p.doc_masked)
      .Bind(9, p.doc_last4)
      .BindBlob(10, p.phone_cipher)
      .Bind(11, p.phone_masked)
      .Bind(12, p.phone_last4)
      .Bind(13, p.sex)
      .Bind(14, p.birth_date)
      .Bind(15, registry::RelationCode(p.relation))
      .Bind(16, registry::PersonKindCode(p.kind))
      .Bind(17, static_cast<std::int64_t>(p.flags))
      .Bind(18, p.workplace)
      .Bind(19, JoinPlates(p.vehicles))
      .Bind(20, p.out_migrant)
      .Bind(21, p.out_migrant_where)
      .Bind(22, p.out_migrant_since)
      .Bind(23, p.notes)
      .Bind(24, p.created_at)
      .Bind(25, p.updated_at);
}

template <class F>
Status Guard(Connection& c, const PersonRecord& p, F run) {
  Status st = UniqueOr(c, "person.duplicate", "id_number", run);
  if (!st.ok()) {
    auto q = c.Prepare(
        "SELECT id FROM persons WHERE community_id = ? AND doc_hash = ? AND deleted_at IS NULL");
    q.Bind(1, p.community_id).BindBlob(2, p.doc_hash);
    std::string existing = q.Step() ? std::to_string(q.Int(0)) : "";
    return MakeError("person.duplicate", "id_number", existing);  // the id; see PersonsService
  }
  return Ok();
}

}  // namespace

Result<std::int64_t> SqlPersonStore::Insert(const PersonRecord& p) {
  CORDON_RETURN_IF_ERROR(Guard(c_, p, [&] {
    auto s = c_.Prepare(
        "INSERT INTO persons (community_id, zone_id, household_id, name, doc_type, doc_cipher, "
        "doc_hash, doc_masked, doc_last4, phone_cipher, phone_masked, phone_last4, sex, "
        "birth_date, relation, kind, flags, workplace, vehicles, out_migrant, out_migrant_where, "
        "out_migrant_since, notes, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)");
    BindFields(s, p);
    s.Run();
  }));
  return c_.LastInsertId();
}

std::optional<std::int64_t> SqlPersonStore::InsertIfAbsent(const PersonRecord& p) {
  auto s = c_.Prepare(
      "INSERT INTO persons (community_id, zone_id, household_id, name, doc_type, doc_cipher, "
      "doc_hash, doc_masked, doc_last4, phone_cipher, phone_masked, phone_last4, sex, "
      "birth_date, relation, kind, flags, workplace, vehicles, out_migrant, out_migrant_where, "
      "out_migrant_since, notes, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
      "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25) "
      "ON CONFLICT (community_id, doc_hash) WHERE deleted_at IS NULL DO NOTHING");
  BindFields(s, p);
  s.Run();
  if (c_.Changes() == 0) {
    return std::nullopt;
  }
  return c_.LastInsertId();
}

Status SqlPersonStore::Update(const PersonRecord& p) {
  return Guard(c_, p, [&] {
    auto s = c_.Prepare(
        "UPDATE persons SET community_id = ?1, zone_id = ?2, household_id = ?3, name = ?4, "
        "doc_type = ?5, doc_cipher = ?6, doc_hash = ?7, doc_masked = ?8, doc_last4 = ?9, "
        "phone_cipher = ?10, phone_masked = ?11, phone_last4 = ?12, sex = ?13, birth_date = ?14, "
        "relation = ?15, kind = ?16, flags = ?17, workplace = ?18, vehicles = ?19, "
        "out_migrant = ?20, out_migrant_where = ?21, out_migrant_since = ?22, notes = ?23, "
        "created_at = ?24, updated_at = ?25 WHERE id = ?26");
    BindFields(s, p);
    s.Bind(26, p.id);
    s.Run();
  });
}

void SqlPersonStore::SoftDelete(std::int64_t id, TimeMs at, const std::string& reason) {
  c_.Prepare("UPDATE persons SET deleted_at = ?, delete_reason = ? WHERE id = ?")
      .BindAll(at, reason, id)
      .Run();
}

std::optional<PersonRecord> SqlPersonStore::Find(std::int64_t id) {
  static const std::string kSql =
      std::string("SELECT ").append(kColumns).append(kFrom).append("WHERE p.id = ?");
  auto q = c_.Prepare(kSql);
  q.Bind(1, id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadPerson(q);
}

std::optional<std::string> SqlPersonStore::FindName(std::int64_t id) {
  auto q = c_.Prepare("SELECT name FROM persons WHERE id = ?");
  q.Bind(1, id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return q.Text(0);
}

std::optional<PersonRecord> SqlPersonStore::FindByDocHash(std::int64_t community_id,
                                                          const std::string& doc_hash) {
  static const std::string kSql = std::string("SELECT ").append(kColumns).append(kFrom).append(
      "WHERE p.community_id = ? AND p.doc_hash = ? AND p.deleted_at IS NULL");
  auto q = c_.Prepare(kSql);
  q.Bind(1, community_id).BindBlob(2, doc_hash);
  if (!q.Step()) {
    return std::nullopt;
  }
  return ReadPerson(q);
}

std::vector<PersonRecord> SqlPersonStore::List(const registry::PersonCriteria& cr) {
  // Only the filters in use enter the statement, so that SQLite can pick the index that fits
  // (name, last four, zone, household) and stream rows in the order asked for without a sort.
  static const std::string kSealed = std::string("SELECT ").append(kColumns).append(kFrom);
  // The same columns with the sealed numbers left out (lists never open them), and those only
  // writes and look-ups use: the keyed hash, the last fours, the reason for a deletion.
  static const std::string kLight = [] {
    std::string cols(kColumns);
    for (std::string_view c : {"p.doc_cipher", "p.doc_hash", "p.doc_last4", "p.phone_cipher",
                               "p.phone_last4", "p.delete_reason"}) {
      cols.replace(cols.find(c), c.size(), "''");
    }
    return std::string("SELECT ").append(cols).append(kFrom);
  }();
  // When a filter names a few rows (last four, a household, a unit, a building), the community
  // term is marked (+) so that no index on it can look cheaper to the planner than those rows:
  // without statistics SQLite would otherwise walk the whole community.
  const bool narrow = cr.last4 || cr.household_id || cr.unit_id || cr.building_id;
  std::string sql = (cr.with_sealed ? kSealed : kLight) +
                    (narrow ? "WHERE +p.community_id = ?" : "WHERE p.community_id = ?");
  std::vector<std::variant<std::int64_t, std::string>> args{cr.community_id};
  auto add = [&](const char* condition, auto... values) {
    sql += condition;
    (args.emplace_back(values), ...);
  };
  if (cr.zone_id) {
    add(" AND p.zone_id = ?", *cr.zone_id);
  }
  const bool by_name = cr.name_prefix.has_value();
  if (by_name) {
    add(" AND p.name >= ? AND p.name < ?", *cr.name_prefix, *cr.name_prefix + "\xf4\x8f\xbf\xbf");
  }
  // Ids from both covering indexes first, so only the rows of the page are read whole. Both
  // come in id order, so the database merges them and stops after `cap` (see below).
  constexpr std::string_view kLast4Ids =
      "SELECT id FROM persons WHERE community_id = ? AND doc_last4 = ? AND id > ? UNION "
      "SELECT id FROM persons WHERE community_id = ? AND phone_last4 = ? AND id > ? "
      "ORDER BY id LIMIT ?";
  constexpr size_t kLast4Params = 7;  // the cap last
  size_t last4_arg = 0;  // where kLast4Ids's parameters start in args; its cap is the last
  if (cr.last4) {
    last4_arg = args.size();
    sql.append(" AND p.id IN (").append(kLast4Ids).append(")");
    args.insert(args.end(), {cr.community_id, *cr.last4, cr.after_id, cr.community_id, *cr.last4,
                             cr.after_id, std::int64_t{0}});
  }
  if (cr.household_id) {
    add(" AND p.household_id = ?", *cr.household_id);
  }
  if (cr.unit_id) {
    add(" AND p.household_id IN (SELECT id FROM households WHERE unit_id = ?)", *cr.unit_id);
  }
  if (cr.building_id) {
    add(" AND p.household_id IN (SELECT id FROM households WHERE community_id = ? AND "
        "building_id = ?)",
        cr.community_id, *cr.building_id);
  }
  if (cr.room) {
    add(" AND h.room = ?", *cr.room);
  }
  if (cr.all_flags != 0) {
    add(" AND (p.flags & ?) = ?", static_cast<std::int64_t>(cr.all_flags),
        static_cast<std::int64_t>(cr.all_flags));
  }
  if (cr.born_on_or_before) {
    add(" AND p.birth_date <> '' AND p.birth_date <= ?", *cr.born_on_or_before);
  }
  if (cr.out_migrant) {
    add(" AND p.out_migrant = ?", static_cast<std::int64_t>(*cr.out_migrant ? 1 : 0));
  }
  if (cr.kind) {
    add(" AND p.kind = ?", std::string(registry::PersonKindCode(*cr.kind)));
  }
  if (!cr.include_deleted) {
    sql += " AND p.deleted_at IS NULL";
  }
  if (by_name) {
    if (cr.after_name) {
      add(" AND (p.name > ? OR (p.name = ? AND p.id > ?))", *cr.after_name, *cr.after_name,
          cr.after_id);
    }
    sql += " ORDER BY p.name, p.id";
  } else {
    add(" AND p.id > ?", cr.after_id);
    sql += " ORDER BY p.id";
  }
  const auto wanted = static_cast<std::int64_t>(cr.limit) + 1;
  add(" LIMIT ?", wanted);
  // Binds args[first, first + n) to parameters 1 to n.
  auto bind = [&args](Stmt& q, size_t first, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      std::visit([&](const auto& v) { q.Bind(static_cast<int>(i + 1), v); }, args[first + i]);
    }
  };
  auto run = [&] {
    auto q = c_.Prepare(sql);
    bind(q, 0, args.size());
    std::vector<PersonRecord> out;
    out.reserve(static_cast<size_t>(wanted));
    while (q.Step()) {
      out.push_back(ReadPerson(q));
    }
    return out;
  };
  if (!cr.last4) {
    return run();
  }
  // A number matches a few hundred persons in a city-sized registry, but a page needs only the
  // first of them: the candidates are capped at what the page needs (more when other filters
  // may drop some). A short page is then either the end of the candidates or a sign that the
  // filters dropped too many, and only in the second case is the list read again whole. (A
  // filter missing from `filtered` costs only that second read, never a row.)
  const bool filtered = cr.zone_id || cr.household_id || cr.unit_id || cr.building_id || cr.room ||
                        cr.all_flags != 0 || cr.born_on_or_before || cr.out_migrant || cr.kind;
  const std::int64_t cap = filtered ? 4 * wanted : wanted;
  const size_t cap_arg = last4_arg + kLast4Params - 1;
  args[cap_arg] = cap;
  auto out = run();
  if (static_cast<std::int64_t>(out.size()) == wanted) {
    return out;
  }
  auto count = c_.Prepare(std::string("SELECT count(*) FROM (").append(kLast4Ids).append(") c"));
  bind(count, last4_arg, kLast4Params);
  count.Step();
  if (count.Int(0) < cap) {
    return out;  // every candidate was read
  }
  args[cap_arg] = std::numeric_limits<std::int64_t>::max();
  return run();
}

void SqlPersonStore::RefreshStatistics() { c_.Exec("ANALYZE persons; ANALYZE households;"); }

int SqlPersonStore::Count(const registry::PersonCriteria& cr) {
  auto q = c_.Prepare(
      "SELECT count(*) FROM persons WHERE community_id = ?1 AND (zone_id = ?2 OR ?2 IS NULL) "
      "AND deleted_at IS NULL");
  q.BindAll(cr.community_id, cr.zone_id);
  q.Step();
  return static_cast<int>(q.Int(0));
}

std::vector<std::pair<std::uint32_t, int>> SqlPersonStore::CountFlags(
    std::int64_t community_id, std::optional<std::int64_t> zone_id,
    const std::string& elderly_before) {
  auto q = c_.Prepare(
      "SELECT sum(CASE WHEN flags & 1 <> 0 THEN 1 ELSE 0 END), "
      "sum(CASE WHEN flags & 2 <> 0 THEN 1 ELSE 0 END), sum(CASE WHEN flags & 4 <> 0 THEN 1 ELSE 0 "
      "END), "
      "sum(CASE WHEN birth_date <> '' AND birth_date <= ?3 THEN 1 ELSE 0 END) FROM persons "
      "WHERE community_id = ?1 AND (zone_id = ?2 OR ?2 IS NULL) AND deleted_at IS NULL");
  q.BindAll(community_id, zone_id, elderly_before);
  q.Step();
  return {{registry::kFlagDisabled, static_cast<int>(q.Int(0))},
          {registry::kFlagLivingAlone, static_cast<int>(q.Int(1))},
          {registry::kFlagChronic, static_cast<int>(q.Int(2))},
          {0, static_cast<int>(q.Int(3))}};
}

std::int64_t SqlImportStore::CreateRun(const registry::ImportRun& r) {
  c_.Prepare(
        "INSERT INTO import_runs (community_id, user_id, file_name, applied, rows, created, "
        "updated, unchanged, errors, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .BindAll(r.community_id, r.user_id, r.file_name, r.applied, r.rows, r.created, r.updated,
               r.unchanged, r.errors, r.created_at)
      .Run();
  return c_.LastInsertId();
}

void SqlImportStore::AddErrors(std::int64_t run_id,
                               const std::vector<registry::ImportError>& errors) {
  for (const auto& e : errors) {
    c_.Prepare(
          "INSERT INTO import_errors (run_id, row, col, code, field, detail) "
          "VALUES (?, ?, ?, ?, ?, ?)")
        .BindAll(run_id, static_cast<std::int64_t>(e.row), e.column, e.code, e.field, e.detail)
        .Run();
  }
}

std::optional<registry::ImportRun> SqlImportStore::FindRun(std::int64_t id) {
  auto q = c_.Prepare(
      "SELECT id, community_id, coalesce(user_id, 0), file_name, applied, rows, created, updated, "
      "unchanged, errors, created_at FROM import_runs WHERE id = ?");
  q.Bind(1, id);
  if (!q.Step()) {
    return std::nullopt;
  }
  return registry::ImportRun{q.Int(0),
                             q.Int(1),
                             q.Int(2),
                             q.Text(3),
                             q.Int(4) != 0,
                             static_cast<int>(q.Int(5)),
                             static_cast<int>(q.Int(6)),
                             static_cast<int>(q.Int(7)),
                             static_cast<int>(q.Int(8)),
                             static_cast<int>(q.Int(9)),
                             q.Int(10)};
}

std::vector<registry::ImportError> SqlImportStore::ListErrors(std::int64_t run_id, int limit) {
  auto q = c_.Prepare(
      "SELECT row, col, code, field, detail FROM import_errors WHERE run_id = ? "
      "ORDER BY row, rowid LIMIT ?");
  q.BindAll(run_id, limit);
  std::vector<registry::ImportError> out;
  while (q.Step()) {
    out.push_back(registry::ImportError{static_cast<std::size_t>(q.Int(0)), q.Text(1), q.Text(2),
                                        q.Text(3), q.Text(4)});
  }
  return out;
}

std::optional<std::string> SqlSettingsStore::Get(const std::string& key) {
  auto q = c_.Prepare("SELECT value FROM settings WHERE key = ?");
  q.Bind(1, key);
  if (!q.Step()) {
    return std::nullopt;
  }
  return q.Text(0);
}

void SqlSettingsStore::Put(const std::string& key, const std::string& value) {
  c_.Prepare(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET "
        "value = ?2")
      .BindAll(key, value)
      .Run();
}

}  // namespace cordon::store::sql
