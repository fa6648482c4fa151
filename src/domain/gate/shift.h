// Gate-duty shifts (值班): an entrance, a day and a time slot in China time, and who is on duty.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/date.h"
#include "common/result.h"

namespace cordon::gate {

struct Shift {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::int64_t entrance_id = 0;
  std::string day;     // YYYY-MM-DD
  std::string starts;  // HH:MM, China time
  std::string ends;    // HH:MM, after starts (a shift does not cross midnight)
  std::int64_t user_id = 0;
  // Read only, from joins.
  std::string user_name;
  std::string entrance_name;
};

// Minutes since midnight of "HH:MM" (00:00–23:59, or 24:00 for the end of the day).
std::optional<int> ParseClock(std::string_view text);
// Errors: shift.day (not a date), shift.time (a bad time, or ends not after starts).
std::optional<Error> ValidateShift(const Shift& s);
// Whether the shift covers the instant `t`.
bool Covers(const Shift& s, TimeMs t);

}  // namespace cordon::gate
