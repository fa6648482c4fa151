#include "common/date.h"

#include <gtest/gtest.h>

namespace cordon {
namespace {

TEST(DateTest, DaysRoundTrip) {
  for (long d = -800'000; d <= 800'000; d += 997) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(d)), d);
  }
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({2020, 3, 1}), 18322);
}

TEST(DateTest, Validity) {
  EXPECT_TRUE(IsValidDate(2000, 2, 29));
  EXPECT_FALSE(IsValidDate(1900, 2, 29));
  EXPECT_TRUE(IsValidDate(2020, 2, 29));
  EXPECT_FALSE(IsValidDate(2021, 2, 29));
  EXPECT_FALSE(IsValidDate(2021, 4, 31));
  EXPECT_FALSE(IsValidDate(2021, 0, 1));
  EXPECT_FALSE(IsValidDate(2021, 13, 1));
}

struct TimeCase {
  const char* text;
  std::optional<TimeMs> want;
};

const TimeCase kTimes[] = {
    {"1970-01-01T00:00:00Z", 0},
    {"1970-01-01T00:00:00.250Z", 250},
    {"2020-03-01T08:30:00+08:00", 1583022600000},
    {"2020-03-01T00:30:00Z", 1583022600000},
    {"2020-03-01T00:30:00.5-01:00", 1583026200500},
    {"2020-03-01", std::nullopt},
    {"2020-02-30T00:00:00Z", std::nullopt},
    {"2020-03-01T24:00:00Z", std::nullopt},
    {"2020-03-01T00:00:00", std::nullopt},
    {"yesterday", std::nullopt},
};

TEST(DateTest, ParseTime) {
  for (const auto& c : kTimes) {
    EXPECT_EQ(ParseTime(c.text), c.want) << c.text;
  }
}

TEST(DateTest, FormatTime) {
  EXPECT_EQ(FormatTime(1583022600123), "2020-03-01T00:30:00.123Z");
  EXPECT_EQ(FormatDate(DateOfTime(1583022600123)), "2020-03-01");
  EXPECT_EQ(ParseTime(FormatTime(1583022600123)), 1583022600123);
  EXPECT_EQ(FormatTime(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatTime(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatTime(951868799999), "2000-02-29T23:59:59.999Z");
  EXPECT_EQ(FormatTime(253402300799999), "9999-12-31T23:59:59.999Z");
  // Every hour of four years, leap day included, reads back as itself.
  for (TimeMs t = 946684800000; t < 1072915200000; t += 3'600'000 + 7) {
    ASSERT_EQ(ParseTime(FormatTime(t)), t) << FormatTime(t);
  }
}

}  // namespace
}  // namespace cordon
