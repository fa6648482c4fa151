#include "common/clock.h"

#include <fmt/format.h>

#include "common/date.h"

namespace cordon {
namespace {

constexpr TimeMs kMsPerDay = 86'400'000;

}  // namespace

std::string FormatTime(TimeMs t) {
  // By hand rather than through gmtime_r and a format string: lists print two times a row, and
  // this was a tenth of a person search's work.
  TimeMs days = t / kMsPerDay;
  TimeMs in_day = t % kMsPerDay;
  if (in_day < 0) {
    in_day += kMsPerDay;
    --days;
  }
  const CivilDate d = CivilFromDays(static_cast<long>(days));
  char buf[32];
  auto put = [&buf](int at, long value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      buf[at + i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  if (d.year < 0 || d.year > 9999) {
    return fmt::format("{:04}-{:02}-{:02}T00:00:00.000Z", d.year, d.month, d.day);
  }
  put(0, d.year, 4);
  buf[4] = '-';
  put(5, d.month, 2);
  buf[7] = '-';
  put(8, d.day, 2);
  buf[10] = 'T';
  put(11, static_cast<long>(in_day / 3'600'000), 2);
  buf[13] = ':';
  put(14, static_cast<long>(in_day / 60'000 % 60), 2);
  buf[16] = ':';
  put(17, static_cast<long>(in_day / 1000 % 60), 2);
  buf[19] = '.';
  put(20, static_cast<long>(in_day % 1000), 3);
  buf[23] = 'Z';
  return std::string(buf, 24);
}

}  // namespace cordon
