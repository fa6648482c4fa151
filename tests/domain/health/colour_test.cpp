#include "domain/health/colour.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cordon::health {
namespace {

// The day every declaration below is made for.
constexpr CivilDate kDay{2026, 11, 30};

constexpr CivilDate D(int y, int m, int d) { return CivilDate{y, m, d}; }

// A declaration that meets no rule and passes validation: travel included, so that a mutation
// of one leg is all a case needs.
Facts CleanFacts() {
  Facts f;
  f.day = kDay;
  f.temperature_tenths = 365;
  f.travel = {
      TravelLeg{"441900003", D(2026, 11, 20), D(2026, 11, 22), "G1234"},
      TravelLeg{"440100", D(2026, 11, 25), D(2026, 11, 26), ""},
  };
  return f;
}

RiskArea Area(std::string code, RiskLevel level, CivilDate from,
              std::optional<CivilDate> until = std::nullopt) {
  RiskArea a;
  a.region_code = std::move(code);
  a.level = level;
  a.from = from;
  a.until = until;
  return a;
}

// The reasons of a verdict that met one rule. A function, so that the braces hold no commas
// that EXPECT_EQ would split on.
std::vector<Reason> OneReason(std::string rule_id, Condition when, Colour colour,
                              std::string fact) {
  return {Reason{std::move(rule_id), when, colour, std::move(fact)}};
}

TEST(ColourTest, CodesRoundTrip) {
  for (Colour c : {Colour::kGreen, Colour::kYellow, Colour::kRed}) {
    EXPECT_EQ(ParseColour(ColourCode(c)), c);
  }
  EXPECT_EQ(ColourCode(Colour::kYellow), "yellow");
  EXPECT_EQ(ParseColour("Red"), std::nullopt);
  EXPECT_EQ(ParseColour(""), std::nullopt);

  for (RiskLevel l : {RiskLevel::kLow, RiskLevel::kMedium, RiskLevel::kHigh}) {
    EXPECT_EQ(ParseRiskLevel(RiskLevelCode(l)), l);
  }
  EXPECT_EQ(RiskLevelCode(RiskLevel::kMedium), "medium");
  EXPECT_EQ(ParseRiskLevel("severe"), std::nullopt);

  for (Condition c :
       {Condition::kTemperatureAtLeast, Condition::kAnySymptom, Condition::kContactWithCases,
        Condition::kContactWithRiskArea, Condition::kTravelToRiskArea}) {
    EXPECT_EQ(ParseCondition(ConditionCode(c)), c);
  }
  EXPECT_EQ(ConditionCode(Condition::kTravelToRiskArea), "travel_to_risk_area");
  EXPECT_EQ(ParseCondition("travel"), std::nullopt);
}

TEST(ColourTest, SymptomCodes) {
  EXPECT_EQ(SymptomCodes().size(), 7u);
  for (std::string_view code : SymptomCodes()) {
    EXPECT_TRUE(IsSymptomCode(code)) << code;
  }
  EXPECT_TRUE(IsSymptomCode("loss_of_taste_smell"));
  EXPECT_FALSE(IsSymptomCode("headache"));
  EXPECT_FALSE(IsSymptomCode("Fever"));
  EXPECT_FALSE(IsSymptomCode(""));
}

struct RegionCodeCase {
  const char* code;
  bool valid;
};

const RegionCodeCase kRegionCodeCases[] = {
    {"440000", true},                                                // province
    {"441900", true},                                                // city
    {"441302", true},                                                // district
    {"441900003", true},                                             // street or town
    {"110101", true},      {"710000", true},                         // Taiwan
    {"820000", true},                                                // Macao
    {"000000", false},     {"000000000", false}, {"100000", false},  // no province 10
    {"830000", false},  // 83 is for residence permits only
    {"990000", false},     {"001900003", false}, {"44190", false},
    {"4419000031", false},  // lengths of neither level
    {"4419", false},       {"", false},          {"44190a", false},
    {"441900 ", false},    {"-44190", false},
};

TEST(ColourTest, IsRegionCode) {
  for (const RegionCodeCase& c : kRegionCodeCases) {
    EXPECT_EQ(IsRegionCode(c.code), c.valid) << c.code;
  }
}

struct OverlapCase {
  const char* travelled;
  const char* area;
  bool overlap;
};

const OverlapCase kOverlapCases[] = {
    {"441302", "441302", true},
    {"441302", "440000", true},  // district within province
    {"440000", "441302", true},  // a trip given only by province may have gone there
    {"441302", "441300", true},  // district within city
    {"441300", "441302", true},
    {"441302001", "441302", true},  // street within district
    {"441302", "441302001", true},
    {"441900003", "441900", true},  // Dongguan's towns sit directly under the city
    {"441900", "441900003", true},
    {"441900003", "440000", true},     // street within province
    {"441900000", "441900003", true},  // a 9-digit code of the city itself
    {"420000", "420102", true},
    {"110100", "110000", true},
    {"441302", "441303", false},  // sibling districts
    {"441300", "441900", false},  // sibling cities
    {"440000", "450000", false},  // other provinces
    {"441900003", "441900004", false},
    {"441302001", "441303", false},
    {"110100", "110200", false},  // "01" and "02" are cities, not absent levels
    {"441000", "441302", false},  // "4410" is not a prefix of "441302" (nor "441")
    {"000000", "440000", false},  // an invalid code lies within nothing
    {"440000", "", false},
};

TEST(ColourTest, RegionsOverlap) {
  for (const OverlapCase& c : kOverlapCases) {
    EXPECT_EQ(RegionsOverlap(c.travelled, c.area), c.overlap) << c.travelled << " / " << c.area;
  }
}

struct RiskAreaCase {
  const char* name;
  void (*mutate)(RiskArea&);
  const char* code;  // nullptr when valid
  const char* field;
};

const RiskAreaCase kRiskAreaCases[] = {
    {"valid", [](RiskArea&) {}, nullptr, nullptr},
    {"street", [](RiskArea& a) { a.region_code = "420102003"; }, nullptr, nullptr},
    {"lifted the day it was listed", [](RiskArea& a) { a.until = a.from; }, nullptr, nullptr},
    {"bad region", [](RiskArea& a) { a.region_code = "4201"; }, "risk_area.region_code",
     "region_code"},
    {"no region", [](RiskArea& a) { a.region_code = ""; }, "risk_area.region_code", "region_code"},
    {"no such day", [](RiskArea& a) { a.from = D(2026, 2, 29); }, "risk_area.dates", "from"},
    {"lifted before listed", [](RiskArea& a) { a.until = D(2026, 11, 9); }, "risk_area.dates",
     "until"},
    {"lifted on no such day", [](RiskArea& a) { a.until = D(2026, 11, 31); }, "risk_area.dates",
     "until"},
};

TEST(ColourTest, ValidateRiskArea) {
  for (const RiskAreaCase& c : kRiskAreaCases) {
    SCOPED_TRACE(c.name);
    RiskArea a = Area("420102", RiskLevel::kHigh, D(2026, 11, 10), D(2026, 11, 20));
    c.mutate(a);
    const auto e = ValidateRiskArea(a);
    if (c.code == nullptr) {
      EXPECT_EQ(e, std::nullopt) << e->code;
    } else {
      ASSERT_TRUE(e.has_value());
      EXPECT_EQ(e->code, c.code);
      EXPECT_EQ(e->field, c.field);
    }
  }
}

struct FactsCase {
  const char* name;
  void (*mutate)(Facts&);
  const char* code;  // nullptr when valid
  const char* field;
};

const FactsCase kFactsCases[] = {
    {"clean", [](Facts&) {}, nullptr, nullptr},
    {"no travel", [](Facts& f) { f.travel.clear(); }, nullptr, nullptr},
    {"lowest reading", [](Facts& f) { f.temperature_tenths = 340; }, nullptr, nullptr},
    {"highest reading", [](Facts& f) { f.temperature_tenths = 430; }, nullptr, nullptr},
    {"too cold", [](Facts& f) { f.temperature_tenths = 339; }, "temperature.range", "temperature"},
    {"too hot", [](Facts& f) { f.temperature_tenths = 431; }, "temperature.range", "temperature"},
    {"not measured", [](Facts& f) { f.temperature_tenths = 0; }, "temperature.range",
     "temperature"},
    {"every symptom",
     [](Facts& f) {
       for (std::string_view s : SymptomCodes()) {
         f.symptoms.emplace_back(s);
       }
     },
     nullptr, nullptr},
    {"unknown symptom",
     [](Facts& f) {
       f.symptoms = {"cough", "headache"};
     },
     "symptom.code", "symptoms[1]"},
    {"symptom in capitals", [](Facts& f) { f.symptoms = {"Cough"}; }, "symptom.code",
     "symptoms[0]"},
    {"bad region", [](Facts& f) { f.travel[1].region_code = "000000"; }, "region.code",
     "travel[1].region_code"},
    {"region by name", [](Facts& f) { f.travel[0].region_code = "Wuhan"; }, "region.code",
     "travel[0].region_code"},
    {"one-day leg", [](Facts& f) { f.travel[0].to = f.travel[0].from; }, nullptr, nullptr},
    {"ends before it starts", [](Facts& f) { f.travel[0].to = D(2026, 11, 19); }, "travel.dates",
     "travel[0].to"},
    {"starts on the day",
     [](Facts& f) {
       f.travel[1].from = kDay;
       f.travel[1].to = kDay;
     },
     nullptr, nullptr},
    {"still travelling", [](Facts& f) { f.travel[1].to = D(2026, 12, 2); }, nullptr, nullptr},
    {"starts after the day",
     [](Facts& f) {
       f.travel[1].from = D(2026, 12, 1);
       f.travel[1].to = D(2026, 12, 2);
     },
     "travel.dates", "travel[1].from"},
    {"ends 14 days before",
     [](Facts& f) {
       f.travel[0].from = D(2026, 11, 10);
       f.travel[0].to = D(2026, 11, 16);
     },
     nullptr, nullptr},
    {"ends 15 days before",
     [](Facts& f) {
       f.travel[0].from = D(2026, 11, 10);
       f.travel[0].to = D(2026, 11, 15);
     },
     "travel.dates", "travel[0].to"},
    {"no such day", [](Facts& f) { f.travel[0].from = D(2026, 11, 31); }, "travel.dates",
     "travel[0].from"},
    {"16-character transport", [](Facts& f) { f.travel[0].transport = "ABCDEFGHIJ123456"; },
     nullptr, nullptr},
    {"17-character transport", [](Facts& f) { f.travel[0].transport = "ABCDEFGHIJ1234567"; },
     "travel.transport", "travel[0].transport"},
    {"transport with a space", [](Facts& f) { f.travel[1].transport = "G 1234"; },
     "travel.transport", "travel[1].transport"},
    {"transport in Chinese", [](Facts& f) { f.travel[1].transport = "高铁"; }, "travel.transport",
     "travel[1].transport"},
};

TEST(ColourTest, ValidateFacts) {
  for (const FactsCase& c : kFactsCases) {
    SCOPED_TRACE(c.name);
    Facts f = CleanFacts();
    c.mutate(f);
    const auto e = ValidateFacts(f);
    if (c.code == nullptr) {
      EXPECT_EQ(e, std::nullopt) << e->code << " " << e->field;
    } else {
      ASSERT_TRUE(e.has_value());
      EXPECT_EQ(e->code, c.code);
      EXPECT_EQ(e->field, c.field);
    }
  }
}

struct RuleSetCase {
  const char* name;
  void (*mutate)(RuleSet&);
  const char* code;  // nullptr when valid
  const char* field;
};

RuleSet ManyRules(size_t n) {
  RuleSet set;
  for (size_t i = 0; i < n; ++i) {
    set.rules.push_back(Rule{.id = "rule_" + std::to_string(i)});
  }
  return set;
}

const RuleSetCase kRuleSetCases[] = {
    {"default", [](RuleSet&) {}, nullptr, nullptr},
    {"no rules", [](RuleSet& s) { s.rules.clear(); }, nullptr, nullptr},
    {"empty id", [](RuleSet& s) { s.rules[0].id = ""; }, "rule.id", "rules[0].id"},
    {"capitals in id", [](RuleSet& s) { s.rules[1].id = "Symptoms"; }, "rule.id", "rules[1].id"},
    {"dash in id", [](RuleSet& s) { s.rules[2].id = "close-contact"; }, "rule.id", "rules[2].id"},
    {"40-character id", [](RuleSet& s) { s.rules[0].id = std::string(40, 'a'); }, nullptr, nullptr},
    {"41-character id", [](RuleSet& s) { s.rules[0].id = std::string(41, 'a'); }, "rule.id",
     "rules[0].id"},
    {"repeated id", [](RuleSet& s) { s.rules[3].id = s.rules[1].id; }, "rule.id", "rules[3].id"},
    {"35.0 °C", [](RuleSet& s) { s.rules[0].temperature_tenths = 350; }, nullptr, nullptr},
    {"42.0 °C", [](RuleSet& s) { s.rules[0].temperature_tenths = 420; }, nullptr, nullptr},
    {"34.9 °C", [](RuleSet& s) { s.rules[0].temperature_tenths = 349; }, "rule.temperature",
     "rules[0].temperature"},
    {"42.1 °C", [](RuleSet& s) { s.rules[0].temperature_tenths = 421; }, "rule.temperature",
     "rules[0].temperature"},
    {"in Fahrenheit", [](RuleSet& s) { s.rules[2].temperature_tenths = 995; }, "rule.temperature",
     "rules[2].temperature"},
    {"1 day", [](RuleSet& s) { s.rules[3].within_days = 1; }, nullptr, nullptr},
    {"30 days", [](RuleSet& s) { s.rules[3].within_days = 30; }, nullptr, nullptr},
    {"0 days", [](RuleSet& s) { s.rules[3].within_days = 0; }, "rule.within_days",
     "rules[3].within_days"},
    {"31 days", [](RuleSet& s) { s.rules[5].within_days = 31; }, "rule.within_days",
     "rules[5].within_days"},
    {"known symptoms",
     [](RuleSet& s) {
       s.rules[1].symptoms = {"fever", "cough"};
     },
     nullptr, nullptr},
    {"unknown symptom",
     [](RuleSet& s) {
       s.rules[1].symptoms = {"cough", "headache"};
     },
     "symptom.code", "rules[1].symptoms"},
    {"valid 14 days", [](RuleSet& s) { s.valid_days = 14; }, nullptr, nullptr},
    {"valid 0 days", [](RuleSet& s) { s.valid_days = 0; }, "rule.valid_days", "valid_days"},
    {"valid 15 days", [](RuleSet& s) { s.valid_days = 15; }, "rule.valid_days", "valid_days"},
    {"50 rules", [](RuleSet& s) { s = ManyRules(50); }, nullptr, nullptr},
    {"51 rules", [](RuleSet& s) { s = ManyRules(51); }, "rule.too_many", "rules"},
};

TEST(ColourTest, ValidateRuleSet) {
  for (const RuleSetCase& c : kRuleSetCases) {
    SCOPED_TRACE(c.name);
    RuleSet s = DefaultRuleSet();
    c.mutate(s);
    const auto e = ValidateRuleSet(s);
    if (c.code == nullptr) {
      EXPECT_EQ(e, std::nullopt) << e->code << " " << e->field;
    } else {
      ASSERT_TRUE(e.has_value());
      EXPECT_EQ(e->code, c.code);
      EXPECT_EQ(e->field, c.field);
    }
  }
}

TEST(ColourTest, DefaultRuleSetOnACleanDeclarationIsGreen) {
  const RuleSet rules = DefaultRuleSet();
  EXPECT_EQ(rules.version, 0);
  EXPECT_EQ(rules.valid_days, 1);
  // Areas far from the declared travel, and one of them long lifted.
  const std::vector<RiskArea> areas = {
      Area("420102", RiskLevel::kHigh, D(2026, 11, 1)),
      Area("441900003", RiskLevel::kHigh, D(2026, 10, 1), D(2026, 10, 10)),
  };
  const Verdict v = Evaluate(rules, CleanFacts(), areas);
  EXPECT_EQ(v.colour, Colour::kGreen);
  EXPECT_TRUE(v.reasons.empty());
}

struct TemperatureCase {
  int tenths;
  Colour colour;
  const char* fact;  // nullptr when the rule is not met
};

const TemperatureCase kTemperatureCases[] = {
    {372, Colour::kGreen, nullptr}, {373, Colour::kRed, "37.3"},  // the threshold itself is a fever
    {374, Colour::kRed, "37.4"},    {378, Colour::kRed, "37.8"},
    {400, Colour::kRed, "40.0"},    {340, Colour::kGreen, nullptr},
};

TEST(ColourTest, Fever) {
  const RuleSet rules = DefaultRuleSet();
  for (const TemperatureCase& c : kTemperatureCases) {
    SCOPED_TRACE(c.tenths);
    Facts f = CleanFacts();
    f.temperature_tenths = c.tenths;
    const Verdict v = Evaluate(rules, f, {});
    EXPECT_EQ(v.colour, c.colour);
    if (c.fact == nullptr) {
      EXPECT_TRUE(v.reasons.empty());
    } else {
      EXPECT_EQ(v.reasons,
                OneReason("fever", Condition::kTemperatureAtLeast, Colour::kRed, c.fact));
    }
  }
}

struct SymptomCase {
  std::vector<std::string> rule_symptoms;  // empty: any symptom
  std::vector<std::string> declared;
  const char* fact;  // nullptr when the rule is not met
};

const SymptomCase kSymptomCases[] = {
    {{}, {}, nullptr},
    {{}, {"fatigue"}, "fatigue"},
    {{}, {"fatigue", "diarrhea"}, "diarrhea,fatigue"},  // sorted, whatever the order declared
    {{"fever", "cough"}, {}, nullptr},
    {{"fever", "cough"}, {"fatigue"}, nullptr},
    {{"fever", "cough"}, {"cough"}, "cough"},
    {{"fever", "cough"}, {"fatigue", "fever", "cough"}, "cough,fever"},
    {{"fever", "cough"}, {"cough", "cough"}, "cough"},
    {{"loss_of_taste_smell"}, {"sore_throat", "shortness_of_breath"}, nullptr},
};

TEST(ColourTest, Symptoms) {
  for (const SymptomCase& c : kSymptomCases) {
    SCOPED_TRACE(testing::Message()
                 << c.rule_symptoms.size() << " rule symptoms, " << c.declared.size()
                 << " declared, want " << (c.fact ? c.fact : "none"));
    RuleSet rules;
    rules.rules = {Rule{.id = "respiratory",
                        .when = Condition::kAnySymptom,
                        .colour = Colour::kYellow,
                        .symptoms = c.rule_symptoms}};
    Facts f = CleanFacts();
    f.symptoms = c.declared;
    const Verdict v = Evaluate(rules, f, {});
    if (c.fact == nullptr) {
      EXPECT_EQ(v.colour, Colour::kGreen);
      EXPECT_TRUE(v.reasons.empty());
    } else {
      EXPECT_EQ(v.colour, Colour::kYellow);
      EXPECT_EQ(v.reasons,
                OneReason("respiratory", Condition::kAnySymptom, Colour::kYellow, c.fact));
    }
  }
}

TEST(ColourTest, Contacts) {
  const RuleSet rules = DefaultRuleSet();
  Facts f = CleanFacts();
  f.contact_with_cases = true;
  Verdict v = Evaluate(rules, f, {});
  EXPECT_EQ(v.colour, Colour::kYellow);
  EXPECT_EQ(v.reasons,
            OneReason("close_contact", Condition::kContactWithCases, Colour::kYellow, "yes"));

  f = CleanFacts();
  f.contact_with_risk_area = true;
  v = Evaluate(rules, f, {});
  EXPECT_EQ(v.colour, Colour::kYellow);
  EXPECT_EQ(v.reasons, OneReason("risk_area_contact", Condition::kContactWithRiskArea,
                                 Colour::kYellow, "yes"));
}

struct TravelCase {
  const char* name;
  TravelLeg leg;
  RiskArea area;
  RiskLevel min_level;
  int within_days;
  const char* fact;  // nullptr when the rule is not met
};

const TravelCase kTravelCases[] = {
    {"trip to a listed area",
     {"420102", D(2026, 11, 20), D(2026, 11, 22), "G1234"},
     Area("420102", RiskLevel::kHigh, D(2026, 11, 1)),
     RiskLevel::kHigh,
     14,
     "420102 high 2026-11-20/2026-11-22"},
    // Within 14 days: the leg ended 13 days before the declaration.
    {"ended 13 days before",
     {"420102", D(2026, 11, 15), D(2026, 11, 17), ""},
     Area("420102", RiskLevel::kHigh, D(2026, 11, 1)),
     RiskLevel::kHigh,
     14,
     "420102 high 2026-11-15/2026-11-17"},
    {"ended 14 days before",
     {"420102", D(2026, 11, 15), D(2026, 11, 16), ""},
     Area("420102", RiskLevel::kHigh, D(2026, 11, 1)),
     RiskLevel::kHigh,
     14,
     nullptr},
    {"ended 6 days before, 7-day rule",
     {"420102", D(2026, 11, 20), D(2026, 11, 24), ""},
     Area("420102", RiskLevel::kHigh, D(2026, 11, 1)),
     RiskLevel::kHigh,
     7,
     "420102 high 2026-11-20/2026-11-24"},
    {"ended 7 days before, 7-day rule",
     {"420102", D(2026, 11, 20), D(2026, 11, 23), ""},
     Area("420102", RiskLevel::kHigh, D(2026, 11, 1)),
     RiskLevel::kHigh,
     7,
     nullptr},
    {"still there on the day",
     {"420102", D(2026, 11, 28), D(2026, 11, 30), ""},
     Area("420102", RiskLevel::kHigh, D(2026, 11, 1)),
     RiskLevel::kHigh,
     1,
     "420102 high 2026-11-28/2026-11-30"},
    {"lifted the day before the trip",
     {"420102", D(2026, 11, 20), D(2026, 11, 22), ""},
     Area("420102", RiskLevel::kHigh, D(2026, 11, 1), D(2026, 11, 19)),
     RiskLevel::kHigh,
     14,
     nullptr},
    {"lifted after the trip's first day",
     {"420102", D(2026, 11, 20), D(2026, 11, 22), ""},
     Area("420102", RiskLevel::kHigh, D(2026, 11, 1), D(2026, 11, 20)),
     RiskLevel::kHigh,
     14,
     "420102 high 2026-11-20/2026-11-22"},
    {"listed the day after the trip",
     {"420102", D(2026, 11, 20), D(2026, 11, 22), ""},
     Area("420102", RiskLevel::kHigh, D(2026, 11, 23)),
     RiskLevel::kHigh,
     14,
     nullptr},
    {"listed on the trip's last day",
     {"420102", D(2026, 11, 20), D(2026, 11, 22), ""},
     Area("420102", RiskLevel::kHigh, D(2026, 11, 22)),
     RiskLevel::kHigh,
     14,
     "420102 high 2026-11-20/2026-11-22"},
    {"listed and lifted within the trip",
     {"420102", D(2026, 11, 18), D(2026, 11, 24), ""},
     Area("420102", RiskLevel::kHigh, D(2026, 11, 20), D(2026, 11, 21)),
     RiskLevel::kHigh,
     14,
     "420102 high 2026-11-18/2026-11-24"},
    {"medium area, high rule",
     {"420102", D(2026, 11, 20), D(2026, 11, 22), ""},
     Area("420102", RiskLevel::kMedium, D(2026, 11, 1)),
     RiskLevel::kHigh,
     14,
     nullptr},
    {"low area, medium rule",
     {"420102", D(2026, 11, 20), D(2026, 11, 22), ""},
     Area("420102", RiskLevel::kLow, D(2026, 11, 1)),
     RiskLevel::kMedium,
     14,
     nullptr},
    {"high area, medium rule",
     {"420102", D(2026, 11, 20), D(2026, 11, 22), ""},
     Area("420102", RiskLevel::kHigh, D(2026, 11, 1)),
     RiskLevel::kMedium,
     14,
     "420102 high 2026-11-20/2026-11-22"},
    {"medium area, medium rule",
     {"420102", D(2026, 11, 20), D(2026, 11, 22), ""},
     Area("420102", RiskLevel::kMedium, D(2026, 11, 1)),
     RiskLevel::kMedium,
     14,
     "420102 medium 2026-11-20/2026-11-22"},
    {"trip to the city of an area",
     {"420100", D(2026, 11, 20), D(2026, 11, 22), ""},
     Area("420102", RiskLevel::kHigh, D(2026, 11, 1)),
     RiskLevel::kHigh,
     14,
     "420100 high 2026-11-20/2026-11-22"},
    {"trip to the province of an area",
     {"420000", D(2026, 11, 20), D(2026, 11, 22), ""},
     Area("420102", RiskLevel::kHigh, D(2026, 11, 1)),
     RiskLevel::kHigh,
     14,
     "420000 high 2026-11-20/2026-11-22"},
    {"trip to a street of an area",
     {"420102003", D(2026, 11, 20), D(2026, 11, 22), ""},
     Area("420100", RiskLevel::kHigh, D(2026, 11, 1)),
     RiskLevel::kHigh,
     14,
     "420102003 high 2026-11-20/2026-11-22"},
    {"trip to a street, area a street",
     {"420102003", D(2026, 11, 20), D(2026, 11, 22), ""},
     Area("420102003", RiskLevel::kHigh, D(2026, 11, 1)),
     RiskLevel::kHigh,
     14,
     "420102003 high 2026-11-20/2026-11-22"},
    {"trip to the next district",
     {"420106", D(2026, 11, 20), D(2026, 11, 22), ""},
     Area("420102", RiskLevel::kHigh, D(2026, 11, 1)),
     RiskLevel::kHigh,
     14,
     nullptr},
    {"trip to the next street",
     {"420102004", D(2026, 11, 20), D(2026, 11, 22), ""},
     Area("420102003", RiskLevel::kHigh, D(2026, 11, 1)),
     RiskLevel::kHigh,
     14,
     nullptr},
    {"trip to another province",
     {"430100", D(2026, 11, 20), D(2026, 11, 22), ""},
     Area("420000", RiskLevel::kHigh, D(2026, 11, 1)),
     RiskLevel::kHigh,
     14,
     nullptr},
};

TEST(ColourTest, TravelToRiskArea) {
  for (const TravelCase& c : kTravelCases) {
    SCOPED_TRACE(c.name);
    RuleSet rules;
    rules.rules = {Rule{.id = "travel",
                        .when = Condition::kTravelToRiskArea,
                        .colour = Colour::kYellow,
                        .min_level = c.min_level,
                        .within_days = c.within_days}};
    Facts f = CleanFacts();
    f.travel = {c.leg};
    ASSERT_EQ(ValidateFacts(f), std::nullopt);
    const RiskArea areas[] = {c.area};
    const Verdict v = Evaluate(rules, f, areas);
    if (c.fact == nullptr) {
      EXPECT_EQ(v.colour, Colour::kGreen);
      EXPECT_TRUE(v.reasons.empty());
    } else {
      EXPECT_EQ(v.colour, Colour::kYellow);
      EXPECT_EQ(v.reasons,
                OneReason("travel", Condition::kTravelToRiskArea, Colour::kYellow, c.fact));
    }
  }
}

TEST(ColourTest, TravelGivesOneReasonForTheFirstMatchingLegAndArea) {
  RuleSet rules;
  rules.rules = {Rule{.id = "travel",
                      .when = Condition::kTravelToRiskArea,
                      .colour = Colour::kYellow,
                      .min_level = RiskLevel::kMedium}};
  Facts f = CleanFacts();
  f.travel = {
      TravelLeg{"441302", D(2026, 11, 18), D(2026, 11, 19), ""},  // no area here
      TravelLeg{"420102", D(2026, 11, 20), D(2026, 11, 22), ""},
      TravelLeg{"420106", D(2026, 11, 23), D(2026, 11, 24), ""},
  };
  const RiskArea areas[] = {
      Area("420102", RiskLevel::kLow, D(2026, 11, 1)),  // below the rule's level
      Area("420000", RiskLevel::kMedium, D(2026, 11, 1)),
      Area("420102", RiskLevel::kHigh, D(2026, 11, 1)),
  };
  const Verdict v = Evaluate(rules, f, areas);
  EXPECT_EQ(v.colour, Colour::kYellow);
  EXPECT_EQ(v.reasons, OneReason("travel", Condition::kTravelToRiskArea, Colour::kYellow,
                                 "420102 medium 2026-11-20/2026-11-22"));
}

TEST(ColourTest, WorstColourWinsWithEveryReasonListed) {
  Facts f = CleanFacts();
  f.temperature_tenths = 380;
  f.symptoms = {"fever", "cough"};
  f.contact_with_cases = true;
  f.contact_with_risk_area = true;
  f.travel.push_back(TravelLeg{"420102", D(2026, 11, 20), D(2026, 11, 22), "CZ3101"});
  const RiskArea areas[] = {Area("420100", RiskLevel::kHigh, D(2026, 11, 1))};

  const Verdict v = Evaluate(DefaultRuleSet(), f, areas);
  EXPECT_EQ(v.colour, Colour::kRed);
  // A high-risk area is also "medium or worse": both travel rules are met.
  const std::vector<Reason> want = {
      {"fever", Condition::kTemperatureAtLeast, Colour::kRed, "38.0"},
      {"symptoms", Condition::kAnySymptom, Colour::kRed, "cough,fever"},
      {"close_contact", Condition::kContactWithCases, Colour::kYellow, "yes"},
      {"high_risk_travel", Condition::kTravelToRiskArea, Colour::kYellow,
       "420102 high 2026-11-20/2026-11-22"},
      {"risk_area_contact", Condition::kContactWithRiskArea, Colour::kYellow, "yes"},
      {"medium_risk_travel", Condition::kTravelToRiskArea, Colour::kYellow,
       "420102 high 2026-11-20/2026-11-22"},
  };
  EXPECT_EQ(v.reasons, want);
}

TEST(ColourTest, WorstColourWinsWhateverTheRuleOrder) {
  const Rule red{.id = "fever", .when = Condition::kTemperatureAtLeast, .colour = Colour::kRed};
  const Rule yellow{
      .id = "contact", .when = Condition::kContactWithCases, .colour = Colour::kYellow};
  Facts f = CleanFacts();
  f.temperature_tenths = 375;
  f.contact_with_cases = true;
  for (const std::vector<Rule>& order : {std::vector<Rule>{red, yellow}, {yellow, red}}) {
    RuleSet rules;
    rules.rules = order;
    const Verdict v = Evaluate(rules, f, {});
    EXPECT_EQ(v.colour, Colour::kRed);
    ASSERT_EQ(v.reasons.size(), 2u);
    EXPECT_EQ(v.reasons[0].rule_id, order[0].id);
    EXPECT_EQ(v.reasons[1].rule_id, order[1].id);
  }
}

TEST(ColourTest, MediumRiskTravelAloneIsYellow) {
  Facts f = CleanFacts();
  f.travel.push_back(TravelLeg{"420102", D(2026, 11, 20), D(2026, 11, 22), ""});
  const RiskArea areas[] = {Area("420102", RiskLevel::kMedium, D(2026, 11, 1))};
  const Verdict v = Evaluate(DefaultRuleSet(), f, areas);
  EXPECT_EQ(v.colour, Colour::kYellow);
  EXPECT_EQ(v.reasons, OneReason("medium_risk_travel", Condition::kTravelToRiskArea,
                                 Colour::kYellow, "420102 medium 2026-11-20/2026-11-22"));
}

TEST(ColourTest, GreenRuleMetKeepsGreenButGivesAReason) {
  // An admin may record a fact without changing anyone's colour.
  RuleSet rules;
  rules.rules = {
      Rule{.id = "noted", .when = Condition::kContactWithRiskArea, .colour = Colour::kGreen}};
  Facts f = CleanFacts();
  f.contact_with_risk_area = true;
  const Verdict v = Evaluate(rules, f, {});
  EXPECT_EQ(v.colour, Colour::kGreen);
  EXPECT_EQ(v.reasons, OneReason("noted", Condition::kContactWithRiskArea, Colour::kGreen, "yes"));
}

}  // namespace
}  // namespace cordon::health
