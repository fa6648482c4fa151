#include "domain/health/health_store.h"

#include <array>
#include <utility>

namespace cordon::health {
namespace {

constexpr std::array<std::pair<VisitOutcome, std::string_view>, 4> kOutcomes{{
    {VisitOutcome::kDeclaredWithHelp, "declared_with_help"},
    {VisitOutcome::kNobodyHome, "nobody_home"},
    {VisitOutcome::kRefused, "refused"},
    {VisitOutcome::kMovedOut, "moved_out"},
}};

}  // namespace

std::string_view VisitOutcomeCode(VisitOutcome o) {
  for (const auto& [value, code] : kOutcomes) {
    if (value == o) {
      return code;
    }
  }
  return "nobody_home";
}

std::optional<VisitOutcome> ParseVisitOutcome(std::string_view code) {
  for (const auto& [value, c] : kOutcomes) {
    if (c == code) {
      return value;
    }
  }
  return std::nullopt;
}

}  // namespace cordon::health
