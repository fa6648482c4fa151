#include "domain/gate/decision.h"

#include <algorithm>
#include <array>
#include <utility>

namespace cordon::gate {
namespace {

template <typename E, size_t N>
std::string_view CodeOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, code] : table) {
    if (v == value) {
      return code;
    }
  }
  return table[0].second;
}

template <typename E, size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& table,
                       std::string_view code) {
  for (const auto& [v, c] : table) {
    if (c == code) {
      return v;
    }
  }
  return std::nullopt;
}

constexpr std::array<std::pair<Decision, std::string_view>, 3> kDecisions{{
    {Decision::kAllow, "allow"},
    {Decision::kRefer, "refer"},
    {Decision::kDeny, "deny"},
}};
constexpr std::array<std::pair<Direction, std::string_view>, 2> kDirections{{
    {Direction::kIn, "in"},
    {Direction::kOut, "out"},
}};
constexpr std::array<std::pair<Method, std::string_view>, 3> kMethods{{
    {Method::kPass, "pass"},
    {Method::kIdNumber, "id_number"},
    {Method::kPlate, "plate"},
}};

// One finding: what it decides and its code.
struct Finding {
  Decision decision;
  std::string_view code;
};

}  // namespace

std::string_view DecisionCode(Decision d) { return CodeOf(kDecisions, d); }
std::optional<Decision> ParseDecision(std::string_view code) { return Parse(kDecisions, code); }
std::string_view DirectionCode(Direction d) { return CodeOf(kDirections, d); }
std::optional<Direction> ParseDirection(std::string_view code) { return Parse(kDirections, code); }
std::string_view MethodCode(Method m) { return CodeOf(kMethods, m); }
std::optional<Method> ParseMethod(std::string_view code) { return Parse(kMethods, code); }

Verdict Decide(const Facts& f) {
  std::vector<Finding> found;
  const bool entering = f.direction == Direction::kIn;
  if (entering) {
    if (f.pass_forged) {
      found.push_back({Decision::kDeny, "pass.forged"});
    } else if (f.pass_state) {
      switch (*f.pass_state) {
        case health::PassState::kValid:
          break;
        case health::PassState::kOtherCommunity:
          found.push_back({Decision::kDeny, "pass.other_community"});
          break;
        case health::PassState::kExpired:
          found.push_back({Decision::kDeny, "pass.expired"});
          break;
        case health::PassState::kNotYetValid:
          found.push_back({Decision::kDeny, "pass.not_yet_valid"});
          break;
        case health::PassState::kStale:
          found.push_back({Decision::kDeny, "pass.stale"});
          break;
      }
    }
    const bool pass_ok =
        !f.pass_forged && (!f.pass_state || *f.pass_state == health::PassState::kValid);
    if (pass_ok) {
      if (!f.person_known) {
        found.push_back({Decision::kRefer, "person.unknown"});
      } else if (!f.colour) {
        found.push_back({Decision::kRefer, "colour.none"});
      } else if (*f.colour == health::Colour::kRed) {
        found.push_back({Decision::kRefer, "colour.red"});
      } else if (*f.colour == health::Colour::kYellow) {
        found.push_back({Decision::kDeny, "colour.yellow"});
      }
    }
  }
  if (f.temperature_tenths && *f.temperature_tenths >= kFeverTenths) {
    found.push_back({Decision::kRefer, "temperature.fever"});
  }
  Verdict v;
  for (const auto& x : found) {
    v.decision = std::max(v.decision, x.decision);
  }
  // Worst first; among equals, in the order found.
  std::stable_sort(found.begin(), found.end(),
                   [](const Finding& a, const Finding& b) { return a.decision > b.decision; });
  for (const auto& x : found) {
    v.reasons.emplace_back(x.code);
  }
  if (v.reasons.empty()) {
    v.reasons.emplace_back(entering ? "colour.green" : "exit");
  }
  return v;
}

}  // namespace cordon::gate
