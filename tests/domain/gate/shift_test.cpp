#include "domain/gate/shift.h"

#include <gtest/gtest.h>

namespace cordon::gate {
namespace {

TEST(ShiftTest, Clock) {
  EXPECT_EQ(ParseClock("08:30"), 8 * 60 + 30);
  EXPECT_EQ(ParseClock("00:00"), 0);
  EXPECT_EQ(ParseClock("24:00"), 24 * 60);
  for (const char* bad : {"8:30", "08:60", "24:01", "25:00", "08-30", "0830", "", "ab:cd"}) {
    EXPECT_FALSE(ParseClock(bad)) << bad;
  }
}

TEST(ShiftTest, Validate) {
  Shift s{.day = "2020-03-01", .starts = "08:30", .ends = "09:30"};
  EXPECT_FALSE(ValidateShift(s));
  s.ends = "24:00";
  EXPECT_FALSE(ValidateShift(s));
  s.ends = "08:30";
  EXPECT_EQ(ValidateShift(s)->field, "ends");
  s.ends = "07:00";
  EXPECT_EQ(ValidateShift(s)->code, "shift.time");
  s.ends = "09:30";
  s.starts = "24:00";
  EXPECT_EQ(ValidateShift(s)->field, "starts");
  s.starts = "08:30";
  s.day = "2020-02-30";
  EXPECT_EQ(ValidateShift(s)->code, "shift.day");
}

TEST(ShiftTest, CoversInChinaTime) {
  const Shift s{.day = "2020-03-01", .starts = "08:30", .ends = "09:30"};
  // 2020-03-01 08:30 China time is 00:30 UTC.
  const TimeMs start = 1'583'022'600'000;
  EXPECT_FALSE(Covers(s, start - 1));
  EXPECT_TRUE(Covers(s, start));
  EXPECT_TRUE(Covers(s, start + 3'600'000 - 1));
  EXPECT_FALSE(Covers(s, start + 3'600'000));
  EXPECT_FALSE(Covers(s, start + 86'400'000));  // the next day
}

}  // namespace
}  // namespace cordon::gate
