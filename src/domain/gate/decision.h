// The decision at a gate checkpoint (门岗卡口): allow, deny or refer, with the reasons in codes
// that the station and the console put into words. Pure, so that the station decides offline by
// the same table (web/src/station mirrors it) and the server records the same answer.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/health/colour.h"
#include "domain/health/pass.h"

namespace cordon::gate {

enum class Decision { kAllow = 0, kRefer = 1, kDeny = 2 };
std::string_view DecisionCode(Decision d);  // "allow", "refer", "deny"
std::optional<Decision> ParseDecision(std::string_view code);

enum class Direction { kIn, kOut };
std::string_view DirectionCode(Direction d);  // "in", "out"
std::optional<Direction> ParseDirection(std::string_view code);

// How the person was identified at the gate.
enum class Method { kPass, kIdNumber, kPlate };
std::string_view MethodCode(Method m);  // "pass", "id_number", "plate"
std::optional<Method> ParseMethod(std::string_view code);

// A fever at the gate: 37.3 °C or more, as the seed's checkpoints measured it.
inline constexpr int kFeverTenths = 373;

// What the gate learned before deciding.
struct Facts {
  Direction direction = Direction::kIn;
  // A pass was shown: its state against this community and the person's current colour. Unset
  // when the person was identified another way.
  std::optional<health::PassState> pass_state;
  bool pass_forged = false;  // the signature did not verify, or the token was malformed
  // The person's colour, from the pass or from their status; unset: no valid colour (never
  // declared, or it lapsed).
  std::optional<health::Colour> colour;
  bool person_known = true;  // found in this community's registry (ID number or plate)
  std::optional<int> temperature_tenths;
};

struct Verdict {
  Decision decision = Decision::kAllow;
  // Codes, worst first: pass.forged, pass.other_community, pass.expired, pass.not_yet_valid,
  // pass.stale, person.unknown, colour.none, colour.red, colour.yellow, temperature.fever; and
  // colour.green when allowed to enter, exit when leaving.
  std::vector<std::string> reasons;
};

// Rules: a fever refers (a fever case is opened); a forged pass, one of another community, an
// expired or stale one, or a yellow colour denies entry; red refers to the clinic; nobody known
// and no valid colour refer to registration (a visitor, or a declaration at the gate). Leaving
// is allowed whatever the pass, unless there is a fever. The worst decision wins.
Verdict Decide(const Facts& facts);

}  // namespace cordon::gate
