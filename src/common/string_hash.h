// A hash for unordered maps keyed by std::string that may be looked up by std::string_view
// (C++20 heterogeneous lookup), so that a look-up builds no std::string.
//
// Use: std::unordered_map<std::string, V, StringHash, std::equal_to<>>.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace cordon {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace cordon
