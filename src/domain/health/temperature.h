// Body temperature readings, held in tenths of a degree Celsius so that 37.3 compares exactly.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace cordon::health {

// The range a clinical or infrared thermometer reading of a living person falls in; outside it
// the reading is a mistake (a Fahrenheit value, a slip of the finger), not a measurement.
inline constexpr int kMinReadingTenths = 340;
inline constexpr int kMaxReadingTenths = 430;

struct Temperature {
  int tenths = 0;  // 373 means 37.3 °C
  double Celsius() const { return tenths / 10.0; }
  friend auto operator<=>(const Temperature&, const Temperature&) = default;
};

// Rounds to the nearest tenth. Errors: temperature.range (34.0–43.0 °C), temperature.format
// (not a finite number).
Result<Temperature> ParseTemperature(double celsius, std::string_view field = "temperature");
// The same from text such as "36.8" or "36.8℃".
Result<Temperature> ParseTemperatureText(std::string_view text,
                                         std::string_view field = "temperature");

std::string FormatTemperature(Temperature t);  // "36.8"

}  // namespace cordon::health
