#include "domain/health/colour.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "domain/health/temperature.h"

namespace cordon::health {
namespace {

constexpr std::array<std::pair<Colour, std::string_view>, 3> kColours = {{
    {Colour::kGreen, "green"},
    {Colour::kYellow, "yellow"},
    {Colour::kRed, "red"},
}};

constexpr std::array<std::pair<RiskLevel, std::string_view>, 3> kRiskLevels = {{
    {RiskLevel::kLow, "low"},
    {RiskLevel::kMedium, "medium"},
    {RiskLevel::kHigh, "high"},
}};

constexpr std::array<std::pair<Condition, std::string_view>, 5> kConditions = {{
    {Condition::kTemperatureAtLeast, "temperature_at_least"},
    {Condition::kAnySymptom, "any_symptom"},
    {Condition::kContactWithCases, "contact_with_cases"},
    {Condition::kContactWithRiskArea, "contact_with_risk_area"},
    {Condition::kTravelToRiskArea, "travel_to_risk_area"},
}};

constexpr std::array<std::string_view, 7> kSymptomCodes = {
    "fever",
    "cough",
    "fatigue",
    "sore_throat",
    "shortness_of_breath",
    "diarrhea",
    "loss_of_taste_smell",
};

// An admin picks a rule's threshold from the range a fever threshold could sensibly take: below
// 35.0 °C or above 42.0 °C a rule would make everyone red or no one.
constexpr int kMinRuleTemperatureTenths = 350;
constexpr int kMaxRuleTemperatureTenths = 420;
// Longer than the 14 days a declaration reports, so that a rule may be written ahead of a policy
// change, but not so long that old travel never stops counting.
constexpr int kMinWithinDays = 1;
constexpr int kMaxWithinDays = 30;
// A colour that holds longer than one observation period would outlive what it was given for.
constexpr int kMinValidDays = 1;
constexpr int kMaxValidDays = 14;
// A rule set is read by people: beyond this it is a mistake or an abuse, not policy.
constexpr size_t kMaxRules = 50;
constexpr size_t kMaxRuleIdLength = 40;
// Train numbers ("G1234") and flight numbers ("CZ3101") are far shorter.
constexpr size_t kMaxTransportLength = 16;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view s) { return std::all_of(s.begin(), s.end(), IsDigit); }

// First two digits of GB/T 2260 province codes: the provinces, 71 for Taiwan and 81-82 for Hong
// Kong and Macao (83 is used only on residence permits, never as a region).
bool IsProvinceCode(std::string_view two) {
  const int p = (two[0] - '0') * 10 + (two[1] - '0');
  return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) ||
         (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65) || p == 71 ||
         p == 81 || p == 82;
}

// The code with its unnamed lower levels dropped: "440000" → "44", "441900" → "4419",
// "441900000" → "4419", "441302003" unchanged. Cut only at level boundaries, so that a "00"
// inside a level ("110100" is Beijing's 01 city) is not mistaken for an absent level.
std::string_view RegionPrefix(std::string_view code) {
  if (code.size() == 9 && code.substr(6) == "000") {
    code = code.substr(0, 6);
  }
  if (code.size() == 6 && code.substr(4) == "00") {
    code = code.substr(0, 4);
  }
  if (code.size() == 4 && code.substr(2) == "00") {
    code = code.substr(0, 2);
  }
  return code;
}

std::string IndexedField(std::string_view list, size_t i, std::string_view member = {}) {
  std::string f(list);
  f += '[';
  f += std::to_string(i);
  f += ']';
  if (!member.empty()) {
    f += '.';
    f += member;
  }
  return f;
}

bool IsValidCivilDate(const CivilDate& d) { return IsValidDate(d.year, d.month, d.day); }

bool IsRuleIdChar(char c) { return (c >= 'a' && c <= 'z') || IsDigit(c) || c == '_'; }

bool IsTransportChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || IsDigit(c);
}

std::optional<Error> ValidateLeg(const TravelLeg& leg, size_t i, const CivilDate& day) {
  if (!IsRegionCode(leg.region_code)) {
    return MakeError("region.code", IndexedField("travel", i, "region_code"));
  }
  if (!IsValidCivilDate(leg.from)) {
    return MakeError("travel.dates", IndexedField("travel", i, "from"));
  }
  if (!IsValidCivilDate(leg.to) || leg.to < leg.from) {
    return MakeError("travel.dates", IndexedField("travel", i, "to"));
  }
  if (leg.from > day) {
    return MakeError("travel.dates", IndexedField("travel", i, "from"));
  }
  if (DaysFromCivil(day) - DaysFromCivil(leg.to) > kTravelWindowDays) {
    return MakeError("travel.dates", IndexedField("travel", i, "to"));
  }
  if (leg.transport.size() > kMaxTransportLength ||
      !std::all_of(leg.transport.begin(), leg.transport.end(), IsTransportChar)) {
    return MakeError("travel.transport", IndexedField("travel", i, "transport"));
  }
  return std::nullopt;
}

std::optional<Error> ValidateRule(const Rule& rule, size_t i) {
  if (rule.id.empty() || rule.id.size() > kMaxRuleIdLength ||
      !std::all_of(rule.id.begin(), rule.id.end(), IsRuleIdChar)) {
    return MakeError("rule.id", IndexedField("rules", i, "id"));
  }
  // Checked on every rule, not only those that read it, so that a stored rule holds no value an
  // admin could not have entered.
  if (rule.temperature_tenths < kMinRuleTemperatureTenths ||
      rule.temperature_tenths > kMaxRuleTemperatureTenths) {
    return MakeError("rule.temperature", IndexedField("rules", i, "temperature"));
  }
  if (rule.within_days < kMinWithinDays || rule.within_days > kMaxWithinDays) {
    return MakeError("rule.within_days", IndexedField("rules", i, "within_days"));
  }
  for (const std::string& s : rule.symptoms) {
    if (!IsSymptomCode(s)) {
      return MakeError("symptom.code", IndexedField("rules", i, "symptoms"), s);
    }
  }
  return std::nullopt;
}

// Sorted and without repeats, so that the same declaration always reads the same.
std::string JoinCodes(std::vector<std::string_view> codes) {
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  std::string out;
  for (std::string_view c : codes) {
    if (!out.empty()) {
      out += ',';
    }
    out += c;
  }
  return out;
}

// Whether area was listed on some day of the leg.
bool ListedDuring(const RiskArea& area, const TravelLeg& leg) {
  return area.from <= leg.to && (!area.until.has_value() || *area.until >= leg.from);
}

std::optional<std::string> MatchTravel(const Rule& rule, const Facts& facts,
                                       std::span<const RiskArea> areas) {
  const long today = DaysFromCivil(facts.day);
  for (const TravelLeg& leg : facts.travel) {
    if (today - DaysFromCivil(leg.to) >= rule.within_days) {
      continue;
    }
    for (const RiskArea& area : areas) {
      if (area.level >= rule.min_level && ListedDuring(area, leg) &&
          RegionsOverlap(leg.region_code, area.region_code)) {
        // The traveller's own region and dates, with the level that made them count.
        std::string fact = leg.region_code;
        fact += ' ';
        fact += RiskLevelCode(area.level);
        fact += ' ';
        fact += FormatDate(leg.from);
        fact += '/';
        fact += FormatDate(leg.to);
        return fact;
      }
    }
  }
  return std::nullopt;
}

// The fact that meets the rule, or none when it is not met.
std::optional<std::string> Match(const Rule& rule, const Facts& facts,
                                 std::span<const RiskArea> areas) {
  switch (rule.when) {
    case Condition::kTemperatureAtLeast:
      if (facts.temperature_tenths >= rule.temperature_tenths) {
        return FormatTemperature(Temperature{facts.temperature_tenths});
      }
      return std::nullopt;
    case Condition::kAnySymptom: {
      std::vector<std::string_view> met;
      for (const std::string& s : facts.symptoms) {
        if (rule.symptoms.empty() ||
            std::find(rule.symptoms.begin(), rule.symptoms.end(), s) != rule.symptoms.end()) {
          met.push_back(s);
        }
      }
      if (met.empty()) {
        return std::nullopt;
      }
      return JoinCodes(std::move(met));
    }
    case Condition::kContactWithCases:
      if (facts.contact_with_cases) {
        return "yes";
      }
      return std::nullopt;
    case Condition::kContactWithRiskArea:
      if (facts.contact_with_risk_area) {
        return "yes";
      }
      return std::nullopt;
    case Condition::kTravelToRiskArea:
      return MatchTravel(rule, facts, areas);
  }
  return std::nullopt;
}

}  // namespace

std::string_view ColourCode(Colour c) {
  for (const auto& [colour, code] : kColours) {
    if (colour == c) {
      return code;
    }
  }
  return "green";
}

std::optional<Colour> ParseColour(std::string_view code) {
  for (const auto& [colour, c] : kColours) {
    if (c == code) {
      return colour;
    }
  }
  return std::nullopt;
}

std::string_view RiskLevelCode(RiskLevel level) {
  for (const auto& [l, code] : kRiskLevels) {
    if (l == level) {
      return code;
    }
  }
  return "high";
}

std::optional<RiskLevel> ParseRiskLevel(std::string_view code) {
  for (const auto& [l, c] : kRiskLevels) {
    if (c == code) {
      return l;
    }
  }
  return std::nullopt;
}

std::span<const std::string_view> SymptomCodes() { return kSymptomCodes; }

bool IsSymptomCode(std::string_view code) {
  return std::find(kSymptomCodes.begin(), kSymptomCodes.end(), code) != kSymptomCodes.end();
}

bool IsRegionCode(std::string_view code) {
  if (code.size() != 6 && code.size() != 9) {
    return false;
  }
  return AllDigits(code) && IsProvinceCode(code.substr(0, 2));
}

bool RegionsOverlap(std::string_view travelled, std::string_view area) {
  // An invalid code would trim to nothing and so lie "within" every area.
  if (!IsRegionCode(travelled) || !IsRegionCode(area)) {
    return false;
  }
  const std::string_view a = RegionPrefix(travelled);
  const std::string_view b = RegionPrefix(area);
  return a.starts_with(b) || b.starts_with(a);
}

std::optional<Error> ValidateRiskArea(const RiskArea& area) {
  if (!IsRegionCode(area.region_code)) {
    return MakeError("risk_area.region_code", "region_code");
  }
  if (!IsValidCivilDate(area.from)) {
    return MakeError("risk_area.dates", "from");
  }
  if (area.until.has_value() && (!IsValidCivilDate(*area.until) || *area.until < area.from)) {
    return MakeError("risk_area.dates", "until");
  }
  return std::nullopt;
}

std::optional<Error> ValidateFacts(const Facts& facts) {
  if (facts.temperature_tenths < kMinReadingTenths ||
      facts.temperature_tenths > kMaxReadingTenths) {
    return MakeError("temperature.range", "temperature");
  }
  for (size_t i = 0; i < facts.symptoms.size(); ++i) {
    if (!IsSymptomCode(facts.symptoms[i])) {
      return MakeError("symptom.code", IndexedField("symptoms", i), facts.symptoms[i]);
    }
  }
  for (size_t i = 0; i < facts.travel.size(); ++i) {
    if (auto e = ValidateLeg(facts.travel[i], i, facts.day)) {
      return e;
    }
  }
  return std::nullopt;
}

std::string_view ConditionCode(Condition c) {
  for (const auto& [condition, code] : kConditions) {
    if (condition == c) {
      return code;
    }
  }
  return "temperature_at_least";
}

std::optional<Condition> ParseCondition(std::string_view code) {
  for (const auto& [condition, c] : kConditions) {
    if (c == code) {
      return condition;
    }
  }
  return std::nullopt;
}

RuleSet DefaultRuleSet() {
  RuleSet set;
  set.rules = {
      Rule{.id = "fever",
           .when = Condition::kTemperatureAtLeast,
           .colour = Colour::kRed,
           .temperature_tenths = 373,
           .note = "Fever (发热): 37.3 °C or above"},
      Rule{.id = "symptoms",
           .when = Condition::kAnySymptom,
           .colour = Colour::kRed,
           .note =
               "Any symptom: cough, fatigue, sore throat, shortness of breath, diarrhoea, loss of "
               "taste or smell"},
      Rule{.id = "close_contact",
           .when = Condition::kContactWithCases,
           .colour = Colour::kYellow,
           .note = "Close contact with a confirmed or suspected case (密切接触者)"},
      Rule{.id = "high_risk_travel",
           .when = Condition::kTravelToRiskArea,
           .colour = Colour::kYellow,
           .min_level = RiskLevel::kHigh,
           .within_days = 14,
           .note = "Travel to a high-risk area in the last 14 days (高风险地区旅居史)"},
      Rule{.id = "risk_area_contact",
           .when = Condition::kContactWithRiskArea,
           .colour = Colour::kYellow,
           .note = "Contact with people from risk areas"},
      Rule{.id = "medium_risk_travel",
           .when = Condition::kTravelToRiskArea,
           .colour = Colour::kYellow,
           .min_level = RiskLevel::kMedium,
           .within_days = 14,
           .note = "Travel to a medium-risk area in the last 14 days (中风险地区旅居史)"},
  };
  return set;
}

std::optional<Error> ValidateRuleSet(const RuleSet& rules) {
  if (rules.rules.size() > kMaxRules) {
    return MakeError("rule.too_many", "rules");
  }
  std::set<std::string_view> ids;
  for (size_t i = 0; i < rules.rules.size(); ++i) {
    const Rule& rule = rules.rules[i];
    if (auto e = ValidateRule(rule, i)) {
      return e;
    }
    // Reasons name rules by id, so two rules with one id could not be told apart.
    if (!ids.insert(rule.id).second) {
      return MakeError("rule.id", IndexedField("rules", i, "id"), rule.id);
    }
  }
  if (rules.valid_days < kMinValidDays || rules.valid_days > kMaxValidDays) {
    return MakeError("rule.valid_days", "valid_days");
  }
  return std::nullopt;
}

Verdict Evaluate(const RuleSet& rules, const Facts& facts, std::span<const RiskArea> areas) {
  Verdict verdict;
  for (const Rule& rule : rules.rules) {
    std::optional<std::string> fact = Match(rule, facts, areas);
    if (!fact.has_value()) {
      continue;
    }
    verdict.colour = std::max(verdict.colour, rule.colour);
    verdict.reasons.push_back(
        Reason{.rule_id = rule.id, .when = rule.when, .colour = rule.colour, .fact = *fact});
  }
  return verdict;
}

}  // namespace cordon::health
