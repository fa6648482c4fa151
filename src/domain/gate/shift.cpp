#include "domain/gate/shift.h"

namespace cordon::gate {
namespace {

constexpr TimeMs kChinaOffsetMs = 8 * 3'600'000;
constexpr TimeMs kMsPerMinute = 60'000;

}  // namespace

std::optional<int> ParseClock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') {
    return std::nullopt;
  }
  for (size_t i : {0, 1, 3, 4}) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) {
    return std::nullopt;
  }
  return hours * 60 + minutes;
}

std::optional<Error> ValidateShift(const Shift& s) {
  if (!ParseDate(s.day)) {
    return MakeError("shift.day", "day");
  }
  auto starts = ParseClock(s.starts);
  if (!starts || *starts >= 24 * 60) {
    return MakeError("shift.time", "starts");
  }
  auto ends = ParseClock(s.ends);
  if (!ends || *ends <= *starts) {
    return MakeError("shift.time", "ends");
  }
  return std::nullopt;
}

bool Covers(const Shift& s, TimeMs t) {
  auto day = ParseDate(s.day);
  auto starts = ParseClock(s.starts);
  auto ends = ParseClock(s.ends);
  if (!day || !starts || !ends) {
    return false;
  }
  const TimeMs midnight = static_cast<TimeMs>(DaysFromCivil(*day)) * 86'400'000 - kChinaOffsetMs;
  return t >= midnight + *starts * kMsPerMinute && t < midnight + *ends * kMsPerMinute;
}

}  // namespace cordon::gate
