#include "domain/gate/decision.h"

#include <gtest/gtest.h>

namespace cordon::gate {
namespace {

using health::Colour;
using health::PassState;

struct Case {
  const char* why;
  Facts facts;
  Decision want;
  std::vector<std::string> reasons;
};

Facts Pass(PassState state, Colour colour, std::optional<int> tenths = std::nullopt) {
  Facts f;
  f.pass_state = state;
  f.colour = colour;
  f.temperature_tenths = tenths;
  return f;
}

Facts ById(std::optional<Colour> colour, bool known = true,
           std::optional<int> tenths = std::nullopt) {
  Facts f;
  f.colour = colour;
  f.person_known = known;
  f.temperature_tenths = tenths;
  return f;
}

Facts Leaving(Facts f) {
  f.direction = Direction::kOut;
  return f;
}

Facts Forged() {
  Facts f;
  f.pass_forged = true;
  return f;
}

const Case kCases[] = {
    {"a valid green pass",
     Pass(PassState::kValid, Colour::kGreen, 365),
     Decision::kAllow,
     {"colour.green"}},
    {"a valid green pass, no thermometer",
     Pass(PassState::kValid, Colour::kGreen),
     Decision::kAllow,
     {"colour.green"}},
    {"37.2 is no fever",
     Pass(PassState::kValid, Colour::kGreen, 372),
     Decision::kAllow,
     {"colour.green"}},
    {"37.3 is a fever",
     Pass(PassState::kValid, Colour::kGreen, 373),
     Decision::kRefer,
     {"temperature.fever"}},
    {"a yellow pass", Pass(PassState::kValid, Colour::kYellow), Decision::kDeny, {"colour.yellow"}},
    {"a red pass", Pass(PassState::kValid, Colour::kRed), Decision::kRefer, {"colour.red"}},
    {"yellow with a fever: denied, both reasons",
     Pass(PassState::kValid, Colour::kYellow, 380),
     Decision::kDeny,
     {"colour.yellow", "temperature.fever"}},
    {"a stale pass", Pass(PassState::kStale, Colour::kGreen), Decision::kDeny, {"pass.stale"}},
    {"an expired pass",
     Pass(PassState::kExpired, Colour::kGreen),
     Decision::kDeny,
     {"pass.expired"}},
    {"a pass from the future",
     Pass(PassState::kNotYetValid, Colour::kGreen),
     Decision::kDeny,
     {"pass.not_yet_valid"}},
    {"another community's pass",
     Pass(PassState::kOtherCommunity, Colour::kGreen),
     Decision::kDeny,
     {"pass.other_community"}},
    {"a forged pass", Forged(), Decision::kDeny, {"pass.forged"}},
    {"an ID number with a green colour", ById(Colour::kGreen), Decision::kAllow, {"colour.green"}},
    {"an ID number without a valid declaration",
     ById(std::nullopt),
     Decision::kRefer,
     {"colour.none"}},
    {"an unknown ID number", ById(std::nullopt, false), Decision::kRefer, {"person.unknown"}},
    {"an unknown person with a fever",
     ById(std::nullopt, false, 385),
     Decision::kRefer,
     {"person.unknown", "temperature.fever"}},
    {"leaving with a yellow colour",
     Leaving(Pass(PassState::kValid, Colour::kYellow)),
     Decision::kAllow,
     {"exit"}},
    {"leaving with an expired pass",
     Leaving(Pass(PassState::kExpired, Colour::kGreen)),
     Decision::kAllow,
     {"exit"}},
    {"leaving with a fever",
     Leaving(ById(Colour::kGreen, true, 390)),
     Decision::kRefer,
     {"temperature.fever"}},
    {"a forged pass with a fever: denied first",
     [] {
       Facts f = Forged();
       f.temperature_tenths = 390;
       return f;
     }(),
     Decision::kDeny,
     {"pass.forged", "temperature.fever"}},
};

TEST(GateDecisionTest, Table) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.why);
    const Verdict v = Decide(c.facts);
    EXPECT_EQ(DecisionCode(v.decision), DecisionCode(c.want));
    EXPECT_EQ(v.reasons, c.reasons);
  }
}

TEST(GateDecisionTest, Codes) {
  for (auto d : {Decision::kAllow, Decision::kRefer, Decision::kDeny}) {
    EXPECT_EQ(ParseDecision(DecisionCode(d)), d);
  }
  for (auto d : {Direction::kIn, Direction::kOut}) {
    EXPECT_EQ(ParseDirection(DirectionCode(d)), d);
  }
  for (auto m : {Method::kPass, Method::kIdNumber, Method::kPlate}) {
    EXPECT_EQ(ParseMethod(MethodCode(m)), m);
  }
  EXPECT_FALSE(ParseDirection("IN"));
  EXPECT_FALSE(ParseDecision(""));
  EXPECT_FALSE(ParseMethod("face"));
}

}  // namespace
}  // namespace cordon::gate
