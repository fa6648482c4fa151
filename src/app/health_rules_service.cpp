#include "app/health_rules_service.h"

#include <boost/json.hpp>

#include "app/audit_service.h"
#include "app/declarations_service.h"

namespace cordon::app {

ColourChanges Reevaluate(Repositories& r, const health::StoredRuleSet& rules,
                         const std::vector<health::RiskArea>& areas, TimeMs now, bool apply) {
  ColourChanges out;
  constexpr int kBatch = 1000;
  std::int64_t after = 0;
  while (true) {
    auto batch = r.statuses.ListAfter(0, after, kBatch);
    for (auto& status : batch) {
      after = status.person_id;
      auto d = r.declarations.Find(status.declaration_id);
      if (!d) {
        continue;
      }
      ++out.persons;
      const auto verdict = health::Evaluate(rules.rules, FactsOf(*d), areas);
      if (verdict.colour == status.colour && verdict.reasons == status.reasons) {
        continue;
      }
      if (verdict.colour != status.colour) {
        ++out.changed;
        ++out.changes[std::string(health::ColourCode(status.colour)) + "_to_" +
                      std::string(health::ColourCode(verdict.colour))];
        status.colour_since = now / 1000 * 1000;
      }
      if (apply) {
        status.colour = verdict.colour;
        status.reasons = verdict.reasons;
        status.rules_version = rules.rules.version;
        r.statuses.Put(status);
      }
    }
    if (batch.size() < static_cast<size_t>(kBatch)) {
      return out;
    }
  }
}

namespace {

boost::json::object ChangesJson(const ColourChanges& c) {
  boost::json::object changes;
  for (const auto& [k, v] : c.changes) {
    changes[k] = v;
  }
  return {{"persons", c.persons}, {"changed", c.changed}, {"changes", std::move(changes)}};
}

}  // namespace

Result<health::StoredRuleSet> HealthRulesService::Rules() {
  health::StoredRuleSet out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    out = CurrentRules(r);
    return Ok();
  }));
  return out;
}

Result<std::pair<health::StoredRuleSet, ColourChanges>> HealthRulesService::SetRules(
    const RequestContext& ctx, const Principal& who, health::RuleSet rules) {
  if (auto e = health::ValidateRuleSet(rules)) {
    return *e;
  }
  const TimeMs now = clock_.NowMs();
  std::pair<health::StoredRuleSet, ColourChanges> out;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    rules.version = r.rules.Insert(rules, now, who.user.id);
    out.first = *r.rules.Current();
    out.second = Reevaluate(r, out.first, r.risk_areas.List(), now, true);
    auto detail = ChangesJson(out.second);
    r.audit.Append(MakeAuditEntry(ctx, &who, "rules.update", "colour_rules",
                                  std::to_string(rules.version), boost::json::serialize(detail),
                                  now));
    return Ok();
  }));
  return out;
}

Result<ColourChanges> HealthRulesService::Preview(const health::RuleSet& rules) {
  if (auto e = health::ValidateRuleSet(rules)) {
    return *e;
  }
  const TimeMs now = clock_.NowMs();
  ColourChanges out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    health::StoredRuleSet s;
    s.rules = rules;
    out = Reevaluate(r, s, r.risk_areas.List(), now, false);
    return Ok();
  }));
  return out;
}

Result<std::vector<health::RiskArea>> HealthRulesService::RiskAreas() {
  std::vector<health::RiskArea> out;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    out = r.risk_areas.List();
    return Ok();
  }));
  return out;
}

Result<std::pair<health::RiskArea, ColourChanges>> HealthRulesService::AddRiskArea(
    const RequestContext& ctx, const Principal& who, health::RiskArea area) {
  if (auto e = health::ValidateRiskArea(area)) {
    return *e;
  }
  const TimeMs now = clock_.NowMs();
  std::pair<health::RiskArea, ColourChanges> out;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    area.id = r.risk_areas.Insert(area, now, who.user.id);
    out.first = area;
    out.second = Reevaluate(r, CurrentRules(r), r.risk_areas.List(), now, true);
    r.audit.Append(MakeAuditEntry(ctx, &who, "risk_area.create", "risk_area",
                                  std::to_string(area.id),
                                  boost::json::serialize(ChangesJson(out.second)), now));
    return Ok();
  }));
  return out;
}

Result<std::pair<health::RiskArea, ColourChanges>> HealthRulesService::UpdateRiskArea(
    const RequestContext& ctx, const Principal& who, health::RiskArea area) {
  if (auto e = health::ValidateRiskArea(area)) {
    return *e;
  }
  const TimeMs now = clock_.NowMs();
  std::pair<health::RiskArea, ColourChanges> out;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    if (!r.risk_areas.Find(area.id)) {
      return MakeError("risk_area.not_found");
    }
    r.risk_areas.Update(area);
    out.first = area;
    out.second = Reevaluate(r, CurrentRules(r), r.risk_areas.List(), now, true);
    r.audit.Append(MakeAuditEntry(ctx, &who, "risk_area.update", "risk_area",
                                  std::to_string(area.id),
                                  boost::json::serialize(ChangesJson(out.second)), now));
    return Ok();
  }));
  return out;
}

Result<ColourChanges> HealthRulesService::RemoveRiskArea(const RequestContext& ctx,
                                                         const Principal& who, std::int64_t id) {
  const TimeMs now = clock_.NowMs();
  ColourChanges out;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    if (!r.risk_areas.Remove(id)) {
      return MakeError("risk_area.not_found");
    }
    out = Reevaluate(r, CurrentRules(r), r.risk_areas.List(), now, true);
    r.audit.Append(MakeAuditEntry(ctx, &who, "risk_area.delete", "risk_area", std::to_string(id),
                                  boost::json::serialize(ChangesJson(out)), now));
    return Ok();
  }));
  return out;
}

}  // namespace cordon::app
