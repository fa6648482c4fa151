#include "app/sweep_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <set>

#include "app/audit_service.h"
#include "app/paging.h"
#include "app/scope.h"
#include "domain/registry/person.h"

namespace cordon::app {
namespace {

// The criteria of a query within the caller's scope; nullopt when it asks for another zone.
std::optional<health::UndeclaredCriteria> Criteria(const CommunityAccess& access,
                                                   const SweepQuery& q, TimeMs now) {
  health::UndeclaredCriteria c;
  c.community_id = access.community.id;
  c.now = now;
  c.building_id = q.building_id;
  c.household_id = q.household_id;
  if (access.zone_id) {
    if (q.zone_id && q.zone_id != access.zone_id) {
      return std::nullopt;
    }
    c.zone_id = access.zone_id;
  } else {
    c.zone_id = q.zone_id;
  }
  return c;
}

}  // namespace

Result<UndeclaredPage> SweepService::Undeclared(const Principal& who,
                                                const std::string& community_code,
                                                const SweepQuery& query) {
  auto after = ParseIdCursor(query.cursor);
  if (!after.ok()) {
    return after.error();
  }
  const TimeMs now = clock_.NowMs();
  UndeclaredPage page;
  const int limit = std::clamp(query.limit, 1, kMaxSweepPage);
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, community_code);
    if (!access.ok()) {
      return access.error();
    }
    auto c = Criteria(*access, query, now);
    if (!c) {
      return Ok();
    }
    page.total = r.statuses.CountUndeclared(*c);
    c->after_id = *after;
    c->limit = limit;
    page.items = r.statuses.Undeclared(*c);
    return Ok();
  }));
  if (page.items.size() > static_cast<size_t>(limit)) {
    page.items.pop_back();
    page.next_cursor = std::to_string(page.items.back().person_id);
  }
  return page;
}

Result<std::vector<health::UndeclaredPerson>> SweepService::ExportRows(
    const Principal& who, const std::string& community_code, const SweepQuery& query) {
  const TimeMs now = clock_.NowMs();
  std::vector<health::UndeclaredPerson> out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto access = AccessCommunity(r, who, community_code);
    if (!access.ok()) {
      return access.error();
    }
    auto c = Criteria(*access, query, now);
    if (!c) {
      return Ok();
    }
    c->limit = kMaxSweepExport - 1;
    out = r.statuses.Undeclared(*c);
    return Ok();
  }));
  return out;
}

Result<int> SweepService::CreateTasks(const RequestContext& ctx, const Principal& who,
                                      const std::string& community_code, const SweepQuery& scope,
                                      std::vector<std::string> team) {
  if (team.empty() || team.size() > 5) {
    return MakeError("visit.team", "team");
  }
  for (size_t i = 0; i < team.size(); ++i) {
    auto clean = registry::CleanName(team[i], "team[" + std::to_string(i) + "]", 64);
    if (!clean.ok()) {
      return clean.error();
    }
    team[i] = *clean;
  }
  const TimeMs now = clock_.NowMs();
  int created = 0;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    created = 0;  // a retried unit counts again
    auto access = AccessCommunity(r, who, community_code);
    if (!access.ok()) {
      return access.error();
    }
    auto c = Criteria(*access, scope, now);
    if (!c) {
      return Ok();
    }
    c->limit = kMaxSweepExport - 1;
    std::set<std::int64_t> households;
    for (const auto& u : r.statuses.Undeclared(*c)) {
      if (u.household_id) {
        households.insert(*u.household_id);
      }
    }
    for (std::int64_t h : households) {
      if (r.visits.OpenTaskFor(h)) {
        continue;
      }
      auto household = r.places.FindHousehold(h);
      health::VisitTask t;
      t.community_id = access->community.id;
      t.zone_id = household ? std::optional<std::int64_t>(household->zone_id) : std::nullopt;
      t.household_id = h;
      t.team = team;
      t.created_at = now;
      t.created_by = who.user.id;
      r.visits.InsertTask(t);
      ++created;
    }
    boost::json::object detail{{"created", created}};
    r.audit.Append(MakeAuditEntry(ctx, &who, "visit_task.create", "community",
                                  access->community.code, boost::json::serialize(detail), now));
    return Ok();
  }));
  return created;
}

Result<TaskPage> SweepService::Tasks(const Principal& who, const std::string& community_code,
                                     const TaskQuery& query) {
  auto after = ParseIdCursor(query.cursor);
  if (!after.ok()) {
    return after.error();
  }
  TaskPage page;
  health::VisitTaskCriteria c;
  c.after_id = *after;
  c.open = query.open;
  c.limit = std::clamp(query.limit, 1, kMaxSweepPage);
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
    page.items = r.visits.ListTasks(c);
    return Ok();
  }));
  if (page.items.size() > static_cast<size_t>(c.limit)) {
    page.items.pop_back();
    page.next_cursor = std::to_string(page.items.back().id);
  }
  return page;
}

Result<health::VisitTask> SweepService::RecordVisit(const RequestContext& ctx, const Principal& who,
                                                    std::int64_t task_id,
                                                    const std::string& outcome_code,
                                                    const std::string& note) {
  auto outcome = health::ParseVisitOutcome(outcome_code);
  if (!outcome) {
    return MakeError("visit.outcome", "outcome");
  }
  std::string clean_note;
  if (!note.empty()) {
    auto clean = registry::CleanName(note, "note", 500);
    if (!clean.ok()) {
      return clean.error();
    }
    clean_note = *clean;
  }
  const TimeMs now = clock_.NowMs();
  std::optional<health::VisitTask> out;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    auto task = r.visits.FindTask(task_id);
    if (!task) {
      return MakeError("visit_task.not_found");
    }
    auto access = AccessCommunityById(r, who, task->community_id);
    if (!access.ok() || !WithinAccess(*access, task->zone_id)) {
      return MakeError("visit_task.not_found");
    }
    if (!task->open) {
      return MakeError("visit_task.closed");
    }
    const auto visit_id = r.visits.AddVisit(task_id, *outcome, clean_note, now, who.user.id);
    if (*outcome == health::VisitOutcome::kMovedOut) {
      registry::PersonCriteria pc;
      pc.community_id = task->community_id;
      pc.household_id = task->household_id;
      pc.limit = 1000;
      for (const auto& p : r.persons.List(pc)) {
        r.persons.SoftDelete(p.id, now, "moved out (visit " + std::to_string(visit_id) + ")");
        r.audit.Append(MakeAuditEntry(ctx, &who, "person.delete", "person", std::to_string(p.id),
                                      R"({"reason":"moved_out"})", now));
      }
    }
    boost::json::object detail{{"outcome", health::VisitOutcomeCode(*outcome)},
                               {"visit_id", visit_id}};
    r.audit.Append(MakeAuditEntry(ctx, &who, "visit.record", "visit_task", std::to_string(task_id),
                                  boost::json::serialize(detail), now));
    out = r.visits.FindTask(task_id);
    return Ok();
  }));
  return *out;
}

}  // namespace cordon::app
