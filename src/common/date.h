// Calendar dates and RFC 3339 times, with no time-zone database: cordon stores UTC milliseconds
// and shows local time in the browser.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"

namespace cordon {

struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

bool IsLeapYear(int year);
// Returns whether year-month-day names a day of the proleptic Gregorian calendar.
bool IsValidDate(int year, int month, int day);
// Days since 1970-01-01 (negative before it).
long DaysFromCivil(const CivilDate& d);
CivilDate CivilFromDays(long days);
// "2020-03-01".
std::string FormatDate(const CivilDate& d);
// Parses "YYYY-MM-DD"; nullopt when malformed or not a real day.
std::optional<CivilDate> ParseDate(std::string_view s);
// The UTC calendar day of a time.
CivilDate DateOfTime(TimeMs t);
// Parses an RFC 3339 time with a Z or ±hh:mm offset, e.g. "2020-03-01T08:30:00+08:00".
std::optional<TimeMs> ParseTime(std::string_view s);

}  // namespace cordon
