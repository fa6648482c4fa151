// Small pieces the use cases share: the id cursors of their pages, and a name as a guard or a
// resident's own phone may show it.
//
// Thread-safety: pure functions.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace cordon::app {

// The cursor of a page ordered by id: empty for the first page (0), else a positive id.
// Error: request.invalid_query (cursor).
inline Result<std::int64_t> ParseIdCursor(std::string_view cursor) {
  std::int64_t id = 0;
  if (cursor.empty()) {
    return id;
  }
  auto [ptr, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), id);
  if (ec != std::errc() || ptr != cursor.data() + cursor.size() || id <= 0) {
    return MakeError("request.invalid_query", "cursor");
  }
  return id;
}

// The first character of a name, then a star for each other character ("王*", "欧阳**"): enough
// for the person in front of a guard to recognise themselves, not enough to name them.
inline std::string MaskName(std::string_view name) {
  if (name.empty()) {
    return std::string(name);
  }
  auto continuation = [&](size_t i) {
    return (static_cast<unsigned char>(name[i]) & 0xC0) == 0x80;
  };
  size_t first = 1;
  while (first < name.size() && continuation(first)) {
    ++first;
  }
  size_t rest = 0;
  for (size_t i = first; i < name.size(); ++i) {
    rest += continuation(i) ? 0 : 1;
  }
  return std::string(name.substr(0, first)) + std::string(rest == 0 ? 1 : rest, '*');
}

}  // namespace cordon::app
