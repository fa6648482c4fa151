// Reading query parameters with named bounds. Errors name the parameter (request.invalid_query).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/clock.h"
#include "common/result.h"
#include "http/message.h"

namespace cordon::http {

// An integer in [min, max], or nullopt when absent.
Result<std::optional<std::int64_t>> QueryInt(const Request& req, std::string_view name,
                                             std::int64_t min, std::int64_t max);
// An RFC 3339 time, or nullopt when absent.
Result<std::optional<TimeMs>> QueryTime(const Request& req, std::string_view name);

}  // namespace cordon::http
