#include "common/date.h"

#include <fmt/format.h>

#include <charconv>

namespace cordon {
namespace {

constexpr long kMsPerDay = 86'400'000;

// Parses exactly n decimal digits at s[pos].
std::optional<int> Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) {
    return std::nullopt;
  }
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') {
      return std::nullopt;
    }
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool IsValidDate(int year, int month, int day) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  int max = kDays[month - 1] + ((month == 2 && IsLeapYear(year)) ? 1 : 0);
  return day <= max;
}

// Howard Hinnant's days_from_civil.
long DaysFromCivil(const CivilDate& d) {
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153L * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = yoe + era * 400;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp + (mp < 10 ? 3 : -9);
  return CivilDate{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m),
                   static_cast<int>(d)};
}

std::string FormatDate(const CivilDate& d) {
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

std::optional<CivilDate> ParseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
    return std::nullopt;
  }
  auto y = Digits(s, 0, 4);
  auto m = Digits(s, 5, 2);
  auto d = Digits(s, 8, 2);
  if (!y || !m || !d || !IsValidDate(*y, *m, *d)) {
    return std::nullopt;
  }
  return CivilDate{*y, *m, *d};
}

CivilDate DateOfTime(TimeMs t) {
  long days = static_cast<long>(t / kMsPerDay);
  if (t % kMsPerDay < 0) {
    --days;
  }
  return CivilFromDays(days);
}

std::optional<TimeMs> ParseTime(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.fff]Z|±HH:MM
  if (s.size() < 20) {
    return std::nullopt;
  }
  auto date = ParseDate(s.substr(0, 10));
  if (!date || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':') {
    return std::nullopt;
  }
  auto hh = Digits(s, 11, 2);
  auto mm = Digits(s, 14, 2);
  auto ss = Digits(s, 17, 2);
  if (!hh || !mm || !ss || *hh > 23 || *mm > 59 || *ss > 59) {
    return std::nullopt;
  }
  size_t pos = 19;
  int ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int scale = 100;
    size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      ms += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) {
      return std::nullopt;
    }
  }
  long offset_min = 0;
  std::string_view zone = s.substr(pos);
  if (zone == "Z" || zone == "z") {
    offset_min = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    auto oh = Digits(zone, 1, 2);
    auto om = Digits(zone, 4, 2);
    if (!oh || !om || *oh > 23 || *om > 59) {
      return std::nullopt;
    }
    offset_min = (*oh * 60 + *om) * (zone[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  TimeMs t = DaysFromCivil(*date) * kMsPerDay + ((*hh * 60L + *mm) * 60L + *ss) * 1000L + ms;
  return t - offset_min * 60'000L;
}

}  // namespace cordon
