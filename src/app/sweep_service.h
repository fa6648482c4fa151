// The sweep (排查) of those who have not declared: who lacks a valid colour, by zone, building and
// household; the visit tasks it becomes for three-person teams (物业 + 工作队 + 民警); and the
// visits that shrink it.
//
// Thread-safety: safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "common/clock.h"
#include "domain/store.h"

namespace cordon::app {

struct SweepQuery {
  std::optional<std::int64_t> zone_id;
  std::optional<std::int64_t> building_id;
  std::optional<std::int64_t> household_id;
  std::string cursor;
  int limit = 100;
};

struct UndeclaredPage {
  int total = 0;
  std::vector<health::UndeclaredPerson> items;
  std::optional<std::string> next_cursor;
};

struct TaskQuery {
  std::optional<std::int64_t> zone_id;
  std::optional<bool> open;
  std::string cursor;
  int limit = 100;
};

struct TaskPage {
  std::vector<health::VisitTask> items;
  std::optional<std::string> next_cursor;
};

inline constexpr int kMaxSweepPage = 500;
// The most rows an export of the sweep holds.
inline constexpr int kMaxSweepExport = 200'000;

class SweepService {
 public:
  SweepService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  Result<UndeclaredPage> Undeclared(const Principal& who, const std::string& community_code,
                                    const SweepQuery& query);
  // Every row of the sweep, for a spreadsheet (up to kMaxSweepExport).
  Result<std::vector<health::UndeclaredPerson>> ExportRows(const Principal& who,
                                                           const std::string& community_code,
                                                           const SweepQuery& query);
  // One open task per household with someone undeclared that has none yet. Error: visit.team
  // (one to five members, each named). Returns how many were made.
  Result<int> CreateTasks(const RequestContext& ctx, const Principal& who,
                          const std::string& community_code, const SweepQuery& scope,
                          std::vector<std::string> team);
  Result<TaskPage> Tasks(const Principal& who, const std::string& community_code,
                         const TaskQuery& query);
  // Errors: visit_task.not_found, visit.outcome, visit_task.closed. A household that moved out
  // leaves the registry (its persons are deleted with the visit as the reason).
  Result<health::VisitTask> RecordVisit(const RequestContext& ctx, const Principal& who,
                                        std::int64_t task_id, const std::string& outcome,
                                        const std::string& note);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace cordon::app
