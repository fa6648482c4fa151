#include "domain/health/temperature.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace cordon::health {

Result<Temperature> ParseTemperature(double celsius, std::string_view field) {
  if (!std::isfinite(celsius)) {
    return MakeError("temperature.format", std::string(field));
  }
  const double tenths = std::round(celsius * 10.0);
  if (tenths < kMinReadingTenths || tenths > kMaxReadingTenths) {
    return MakeError("temperature.range", std::string(field));
  }
  return Temperature{static_cast<int>(tenths)};
}

Result<Temperature> ParseTemperatureText(std::string_view text, std::string_view field) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  for (std::string_view unit : {"℃", "°C", "C", " "}) {
    while (text.ends_with(unit)) {
      text.remove_suffix(unit.size());
    }
  }
  double v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) {
    return MakeError("temperature.format", std::string(field));
  }
  return ParseTemperature(v, field);
}

std::string FormatTemperature(Temperature t) {
  return fmt::format("{}.{}", t.tenths / 10, t.tenths % 10);
}

}  // namespace cordon::health
