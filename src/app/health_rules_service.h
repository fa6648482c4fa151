// The colour rules and the risk-area list, kept by admins. A change re-evaluates every person who
// holds a colour, in the same unit of work, and says how many changed; a preview says so first
// without changing anything.
//
// Thread-safety: safe to share between threads.
#pragma once

#include <map>
#include <string>

#include "app/context.h"
#include "common/clock.h"
#include "domain/store.h"

namespace cordon::app {

// How many persons would change colour, by "green_to_yellow" and so on.
struct ColourChanges {
  int persons = 0;  // holding a colour, and so re-evaluated
  int changed = 0;
  std::map<std::string, int> changes;
};

class HealthRulesService {
 public:
  HealthRulesService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  Result<health::StoredRuleSet> Rules();
  // Errors: those of health::ValidateRuleSet.
  Result<std::pair<health::StoredRuleSet, ColourChanges>> SetRules(const RequestContext& ctx,
                                                                   const Principal& who,
                                                                   health::RuleSet rules);
  Result<ColourChanges> Preview(const health::RuleSet& rules);

  Result<std::vector<health::RiskArea>> RiskAreas();
  // Errors: those of health::ValidateRiskArea; risk_area.not_found.
  Result<std::pair<health::RiskArea, ColourChanges>> AddRiskArea(const RequestContext& ctx,
                                                                 const Principal& who,
                                                                 health::RiskArea area);
  Result<std::pair<health::RiskArea, ColourChanges>> UpdateRiskArea(const RequestContext& ctx,
                                                                    const Principal& who,
                                                                    health::RiskArea area);
  Result<ColourChanges> RemoveRiskArea(const RequestContext& ctx, const Principal& who,
                                       std::int64_t id);

 private:
  Store& store_;
  const Clock& clock_;
};

// Re-evaluates everyone holding a colour against `rules` and `areas`; writes the changes when
// `apply` (each changed colour dates from `now`).
ColourChanges Reevaluate(Repositories& r, const health::StoredRuleSet& rules,
                         const std::vector<health::RiskArea>& areas, TimeMs now, bool apply);

}  // namespace cordon::app
