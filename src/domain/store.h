// The storage seam: every aggregate's store, reached through a read or a write unit of work.
//
// Write units run one at a time on the store's writer, each in its own savepoint inside a group
// commit: when Write returns ok, the unit's changes are on disk; when the unit returns an error,
// none of its changes are kept. Read units see committed data only.
//
// Thread-safety: Read, Write and WriteAsync may be called from any number of threads at once. The
// Repositories passed to a unit are valid only during the call.
#pragma once

#include <functional>

#include "common/result.h"
#include "domain/accounts/account_store.h"
#include "domain/audit/audit.h"
#include "domain/gate/gate_store.h"
#include "domain/health/health_store.h"
#include "domain/registry/registry_store.h"

namespace cordon {

// Small named values the system keeps about itself (e.g. which key sealed the data).
class SettingsStore {
 public:
  virtual ~SettingsStore() = default;
  virtual std::optional<std::string> Get(const std::string& key) = 0;
  virtual void Put(const std::string& key, const std::string& value) = 0;
};

struct Repositories {
  accounts::UserStore& users;
  accounts::SessionStore& sessions;
  accounts::ThrottleStore& throttle;
  audit::AuditStore& audit;
  registry::PlaceStore& places;
  registry::PersonStore& persons;
  registry::ImportStore& imports;
  SettingsStore& settings;
  health::DeclarationStore& declarations;
  health::PersonStatusStore& statuses;
  health::RuleStore& rules;
  health::RiskAreaStore& risk_areas;
  health::VisitStore& visits;
  gate::GateStore& gate;
  gate::VisitorStore& visitors;
  gate::ShiftStore& shifts;
};

class Store {
 public:
  virtual ~Store() = default;
  using Unit = std::function<Status(Repositories&)>;
  // Runs `unit` against committed data. Error: storage.failed.
  virtual Status Read(const Unit& unit) = 0;
  // Runs `unit` on the writer and returns once its changes are durable. Error: storage.failed,
  // or the unit's own error (its changes are then rolled back).
  //
  // A write unit may be run more than once: a database that detects a conflict between
  // concurrent transactions rolls the unit's changes back and runs the unit again. So a unit must
  // set what it captures from scratch each time it runs (reset outputs and counters, clear
  // captured vectors, never move from or consume captured inputs) and have no effect outside the
  // store: a retry must give the same answer as a first run.
  virtual Status Write(const Unit& unit) = 0;
  // Write without a thread waiting: `done` is called with what Write would return, once the
  // unit's changes are durable (or refused). It may be called on the store's writer thread
  // before or after WriteAsync returns, so it should only hand the status on, not work with it.
  // This default runs the write on the calling thread.
  virtual void WriteAsync(Unit unit, std::function<void(Status)> done) { done(Write(unit)); }
};

}  // namespace cordon
