// Import of a community's spreadsheet into the registry, and export of the registry as one.
//
// Import is all or nothing. A first pass reads the whole file and checks every row (values,
// columns, duplicates within the file, zones for new buildings) without writing; if any row is
// wrong, nothing is written and the errors are kept with the run. Otherwise a second pass writes
// every row in one unit: buildings, units and households are created as needed, a person is
// matched by ID number (created, updated, or left unchanged), and one audit entry names the run.
// Both passes stream: a file is never held in memory.
//
// Thread-safety: safe to share between threads.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/persons_service.h"
#include "domain/sheets.h"
#include "domain/store.h"

namespace cordon::app {

// Opens the file to import, once per pass.
using SheetOpener = std::function<Result<std::unique_ptr<sheets::RowSource>>()>;

struct ImportReport {
  registry::ImportRun run;
  std::vector<registry::ImportError> errors;  // the first kMaxReportedImportErrors
};

// Errors kept per run and returned in a report: enough to fix a file, bounded for a file that
// is wrong throughout.
inline constexpr int kMaxStoredImportErrors = 1000;

class RegistryIoService {
 public:
  RegistryIoService(Store& store, const Clock& clock, PersonsService& persons)
      : store_(store), clock_(clock), persons_(persons) {}

  // Requires registry:person:import and a community-wide scope. Errors: community.not_found,
  // auth.forbidden, and sheet.* when the file cannot be read at all. Row errors are not errors
  // of the call: they come back in the report, with run.applied false.
  Result<ImportReport> Import(const RequestContext& ctx, const Principal& who,
                              const std::string& community_code, const SheetOpener& open,
                              const std::string& file_name);
  // A past run and its errors. Error: import.not_found.
  Result<ImportReport> GetRun(const Principal& who, std::int64_t run_id);

  // Writes the registry of the community (only the caller's zone for a zone-bound user) to
  // `sink`, numbers masked unless the caller holds registry:person:reveal; returns the number of
  // persons written. Audited, saying whether numbers were revealed.
  Result<int> Export(const RequestContext& ctx, const Principal& who,
                     const std::string& community_code, sheets::RowSink& sink);

 private:
  Store& store_;
  const Clock& clock_;
  PersonsService& persons_;
};

}  // namespace cordon::app
