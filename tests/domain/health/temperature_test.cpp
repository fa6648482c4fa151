#include "domain/health/temperature.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace cordon::health {
namespace {

struct Case {
  double input;
  int tenths;         // when valid
  const char* error;  // nullptr when valid
};

const Case kCases[] = {
    {36.5, 365, nullptr},
    {37.3, 373, nullptr},
    {34.0, 340, nullptr},   // lowest reading
    {43.0, 430, nullptr},   // highest reading
    {36.54, 365, nullptr},  // rounded to a tenth
    {36.56, 366, nullptr},
    {33.9, 0, "temperature.range"},
    {43.1, 0, "temperature.range"},
    {98.6, 0, "temperature.range"},  // Fahrenheit by mistake
    {0, 0, "temperature.range"},
    {-37, 0, "temperature.range"},
    {std::numeric_limits<double>::quiet_NaN(), 0, "temperature.format"},
    {std::numeric_limits<double>::infinity(), 0, "temperature.format"},
};

TEST(TemperatureTest, Table) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.input);
    auto r = ParseTemperature(c.input);
    if (c.error != nullptr) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code, c.error);
      EXPECT_EQ(r.error().field, "temperature");
    } else {
      ASSERT_TRUE(r.ok()) << r.error().code;
      EXPECT_EQ(r->tenths, c.tenths);
    }
  }
}

TEST(TemperatureTest, Text) {
  EXPECT_EQ(ParseTemperatureText("36.8")->tenths, 368);
  EXPECT_EQ(ParseTemperatureText("37.3℃")->tenths, 373);
  EXPECT_EQ(ParseTemperatureText(" 36.6 °C")->tenths, 366);
  EXPECT_EQ(ParseTemperatureText("abc").error().code, "temperature.format");
  EXPECT_EQ(ParseTemperatureText("").error().code, "temperature.format");
  EXPECT_EQ(ParseTemperatureText("45").error().code, "temperature.range");
}

TEST(TemperatureTest, Format) {
  EXPECT_EQ(FormatTemperature(Temperature{373}), "37.3");
  EXPECT_EQ(FormatTemperature(Temperature{340}), "34.0");
}

}  // namespace
}  // namespace cordon::health
