// Health colours (健康码颜色) from a declaration, by a rule set an admin can read and change,
// against the current risk-area list (风险地区). Pure: no clock, no storage.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"

namespace cordon::health {

// Ordered by severity: the worst colour a rule gives wins.
enum class Colour { kGreen = 0, kYellow = 1, kRed = 2 };
std::string_view ColourCode(Colour c);  // "green", "yellow", "red"
std::optional<Colour> ParseColour(std::string_view code);

enum class RiskLevel { kLow = 0, kMedium = 1, kHigh = 2 };
std::string_view RiskLevelCode(RiskLevel level);  // "low", "medium", "high"
std::optional<RiskLevel> ParseRiskLevel(std::string_view code);

// The symptom codes a declaration may name.
std::span<const std::string_view> SymptomCodes();
bool IsSymptomCode(std::string_view code);

// A GB/T 2260 region code as published: 6 digits (province "440000", city "441900",
// district "441302") or 9 digits for a street or town ("441900003").
bool IsRegionCode(std::string_view code);
// Whether travel to region `travelled` counts as travel to risk area `area`: the one lies within
// the other once trailing "00" levels are dropped ("420100" is within "420000"; a trip reported
// only as "420000" is counted against an area "420102", since it may have gone there).
bool RegionsOverlap(std::string_view travelled, std::string_view area);

// One entry of the risk-area list, kept by admins.
struct RiskArea {
  std::int64_t id = 0;
  std::string region_code;
  std::string name;
  RiskLevel level = RiskLevel::kHigh;
  CivilDate from;                  // listed since this day
  std::optional<CivilDate> until;  // lifted after this day; none: still listed
};
// Errors (field names as the API spells them): risk_area.region_code, risk_area.dates.
std::optional<Error> ValidateRiskArea(const RiskArea& area);

struct TravelLeg {
  std::string region_code;
  CivilDate from;
  CivilDate to;
  std::string transport;  // train or flight number, may be empty
};

// What a declaration says, as the rules read it.
struct Facts {
  CivilDate day;                      // the day declared for
  int temperature_tenths = 0;         // 373 = 37.3 °C
  std::vector<std::string> symptoms;  // codes from SymptomCodes()
  std::vector<TravelLeg> travel;      // the last 14 days
  bool contact_with_cases = false;
  bool contact_with_risk_area = false;
};
// The travel a declaration may report: legs that end no earlier than 14 days before `day` and
// start no later than `day`, from <= to, known region codes. Errors name the field:
// travel[1].region_code (region.code), travel[0].to (travel.dates), symptoms[2] (symptom.code).
inline constexpr int kTravelWindowDays = 14;
std::optional<Error> ValidateFacts(const Facts& facts);

enum class Condition {
  kTemperatureAtLeast,  // temperature_tenths >= rule.temperature_tenths
  kAnySymptom,          // any of rule.symptoms, or any symptom at all when that list is empty
  kContactWithCases,
  kContactWithRiskArea,
  kTravelToRiskArea,  // a leg overlapping an area of rule.min_level or worse, listed on a day
                      // of the leg, that ended within rule.within_days days of the declaration
};
std::string_view ConditionCode(Condition c);  // "temperature_at_least", "any_symptom",
                                              // "contact_with_cases", "contact_with_risk_area",
                                              // "travel_to_risk_area"
std::optional<Condition> ParseCondition(std::string_view code);

struct Rule {
  std::string id;  // stable and readable: "fever", "high_risk_travel"
  Condition when = Condition::kTemperatureAtLeast;
  Colour colour = Colour::kRed;
  int temperature_tenths = 373;
  std::vector<std::string> symptoms;
  RiskLevel min_level = RiskLevel::kHigh;
  int within_days = 14;
  std::string note;  // what the rule is for, in the admin's words
};

struct RuleSet {
  int version = 0;  // 0: not stored yet
  std::vector<Rule> rules;
  // A colour holds for this many days from its declaration (1 = that day only): without a
  // declaration since, a person is no longer green, and their pass has expired.
  int valid_days = 1;
};
// The rules of GB/T 38961-2020 style codes as the seed's towns applied them: fever (37.3 °C) or
// symptoms → red; close contact, or travel to a high-risk area in 14 days → yellow; contact with
// people from risk areas → yellow; travel to a medium-risk area in 14 days → yellow.
RuleSet DefaultRuleSet();
// Ids unique and [a-z0-9_]{1,40}; temperature 35.0–42.0 °C; within_days 1–30; valid_days 1–14;
// symptom codes known; at most 50 rules. Errors name the field: rules[2].id (rule.id),
// rules[0].temperature (rule.temperature), rules[1].within_days (rule.within_days),
// rules[3].symptoms (symptom.code), valid_days (rule.valid_days), rules (rule.too_many).
std::optional<Error> ValidateRuleSet(const RuleSet& rules);

// Why a colour was given: the rule, and the facts that met it in a form a person can read
// ("37.8", "cough,fever", "420100 high 2026-11-20/2026-11-22").
struct Reason {
  std::string rule_id;
  Condition when = Condition::kTemperatureAtLeast;
  Colour colour = Colour::kGreen;
  std::string fact;
  friend bool operator==(const Reason&, const Reason&) = default;
};

struct Verdict {
  Colour colour = Colour::kGreen;
  std::vector<Reason> reasons;  // each rule met, in rule order; empty when green by default
};

// REQUIRES: ValidateRuleSet(rules) and ValidateFacts(facts) found nothing.
Verdict Evaluate(const RuleSet& rules, const Facts& facts, std::span<const RiskArea> areas);

}  // namespace cordon::health
