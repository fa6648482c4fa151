#include "http/query.h"

#include <charconv>
#include <string>

#include "common/date.h"

namespace cordon::http {

Result<std::optional<std::int64_t>> QueryInt(const Request& req, std::string_view name,
                                             std::int64_t min, std::int64_t max) {
  auto raw = req.Query(name);
  if (!raw) {
    return std::optional<std::int64_t>{};
  }
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), v);
  if (raw->empty() || ec != std::errc() || ptr != raw->data() + raw->size() || v < min || v > max) {
    return MakeError("request.invalid_query", std::string(name));
  }
  return std::optional<std::int64_t>{v};
}

Result<std::optional<TimeMs>> QueryTime(const Request& req, std::string_view name) {
  auto raw = req.Query(name);
  if (!raw) {
    return std::optional<TimeMs>{};
  }
  auto t = ParseTime(*raw);
  if (!t) {
    return MakeError("request.invalid_query", std::string(name));
  }
  return std::optional<TimeMs>{*t};
}

}  // namespace cordon::http
