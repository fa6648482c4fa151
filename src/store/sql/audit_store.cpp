#include "store/sql/repositories.h"

namespace cordon::store::sql {

std::int64_t SqlAuditStore::Append(const audit::AuditEntry& e) {
  c_.Prepare(
        "INSERT INTO audit_log (at, user_id, username, role, action, record_type, record_id, "
        "client_address, request_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .BindAll(e.at, e.user_id, e.username, e.role, e.action, e.record_type, e.record_id,
               e.client_address, e.request_id, e.detail.empty() ? std::string("{}") : e.detail)
      .Run();
  return c_.LastInsertId();
}

audit::AuditPage SqlAuditStore::List(const audit::AuditCriteria& cr) {
  auto q = c_.Prepare(
      "SELECT id, at, user_id, username, role, action, record_type, record_id, client_address, "
      "request_id, detail FROM audit_log WHERE (user_id = ?1 OR ?1 IS NULL) "
      "AND (record_type = ?2 OR ?2 IS NULL) AND (record_id = ?3 OR ?3 IS NULL) "
      "AND (action = ?4 OR ?4 IS NULL) AND (at >= ?5 OR ?5 IS NULL) AND (at < ?6 OR ?6 IS NULL) "
      "AND (id < ?7 OR ?7 IS NULL) ORDER BY id DESC LIMIT ?8");
  q.BindAll(cr.user_id, cr.record_type, cr.record_id, cr.action, cr.from, cr.to, cr.before_id,
            cr.limit + 1);
  audit::AuditPage page;
  while (q.Step()) {
    audit::AuditEntry e;
    e.id = q.Int(0);
    e.at = q.Int(1);
    e.user_id = q.OptInt(2);
    e.username = q.Text(3);
    e.role = q.Text(4);
    e.action = q.Text(5);
    e.record_type = q.Text(6);
    e.record_id = q.Text(7);
    e.client_address = q.Text(8);
    e.request_id = q.Text(9);
    e.detail = q.Text(10);
    page.entries.push_back(std::move(e));
  }
  if (page.entries.size() > static_cast<size_t>(cr.limit)) {
    page.entries.pop_back();
    page.next_before_id = page.entries.back().id;
  }
  return page;
}

}  // namespace cordon::store::sql
