#include "domain/registry/places.h"

#include <algorithm>
#include <array>
#include <utility>

namespace cordon::registry {
namespace {

constexpr std::array<std::pair<RegionLevel, std::string_view>, 4> kLevels = {{
    {RegionLevel::kProvince, "province"},
    {RegionLevel::kCity, "city"},
    {RegionLevel::kDistrict, "district"},
    {RegionLevel::kStreet, "street"},
}};

constexpr std::array<std::pair<EntranceKind, std::string_view>, 3> kEntranceKinds = {{
    {EntranceKind::kPeople, "people"},
    {EntranceKind::kVehicles, "vehicles"},
    {EntranceKind::kBoth, "both"},
}};

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view TrimSpaces(std::string_view s) {
  // ASCII spaces and the ideographic space U+3000 that Chinese input methods type.
  for (;;) {
    if (!s.empty() &&
        (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
      s.remove_prefix(1);
    } else if (s.starts_with("\u3000")) {
      s.remove_prefix(3);
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() &&
        (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
      s.remove_suffix(1);
    } else if (s.ends_with("\u3000")) {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

std::string_view StripSuffix(std::string_view s, std::initializer_list<std::string_view> suffixes) {
  for (std::string_view suffix : suffixes) {
    if (s.size() > suffix.size() && s.ends_with(suffix)) {
      return s.substr(0, s.size() - suffix.size());
    }
  }
  return s;
}

}  // namespace

std::string_view RegionLevelCode(RegionLevel level) {
  for (const auto& [l, code] : kLevels) {
    if (l == level) {
      return code;
    }
  }
  return "province";
}

std::optional<RegionLevel> ParseRegionLevel(std::string_view code) {
  for (const auto& [l, c] : kLevels) {
    if (c == code) {
      return l;
    }
  }
  return std::nullopt;
}

std::optional<RegionLevel> LevelOfRegionCode(std::string_view code) {
  if (!AllDigits(code)) {
    return std::nullopt;
  }
  switch (code.size()) {
    case 2:
      return RegionLevel::kProvince;
    case 4:
      return RegionLevel::kCity;
    case 6:
      return RegionLevel::kDistrict;
    case 9:
      return RegionLevel::kStreet;
    default:
      return std::nullopt;
  }
}

std::string ParentRegionCode(std::string_view code) {
  switch (code.size()) {
    case 4:
      return std::string(code.substr(0, 2));
    case 6:
      return std::string(code.substr(0, 4));
    case 9:
      return std::string(code.substr(0, 6));
    default:
      return {};
  }
}

std::string_view EntranceKindCode(EntranceKind kind) {
  for (const auto& [k, code] : kEntranceKinds) {
    if (k == kind) {
      return code;
    }
  }
  return "both";
}

std::optional<EntranceKind> ParseEntranceKind(std::string_view code) {
  for (const auto& [k, c] : kEntranceKinds) {
    if (c == code) {
      return k;
    }
  }
  return std::nullopt;
}

std::string ZoneCode(std::string_view community_code, int number) {
  return std::string(community_code) + "-" + std::to_string(number);
}

Result<std::string> CleanName(std::string_view text, std::string_view field, size_t max_bytes) {
  const std::string f(field);
  std::string_view t = TrimSpaces(text);
  if (t.empty()) {
    return MakeError("text.required", f);
  }
  if (t.size() > max_bytes) {
    return MakeError("text.too_long", f, std::to_string(max_bytes));
  }
  for (char c : t) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return MakeError("text.format", f);
    }
  }
  return std::string(t);
}

std::string NormaliseRoom(std::string_view text) {
  std::string_view t = StripSuffix(TrimSpaces(text), {"室", "房", "号"});
  std::string out;
  for (char c : t) {
    if (c != '-' && c != ' ') {
      out.push_back(c);
    }
  }
  return out;
}

std::string NormaliseBuilding(std::string_view text) {
  std::string_view t = StripSuffix(TrimSpaces(text), {"号楼", "栋", "幢", "座"});
  if (AllDigits(t)) {
    return std::string(t) + "栋";
  }
  return std::string(TrimSpaces(text));
}

std::string NormaliseUnit(std::string_view text) {
  std::string_view t = StripSuffix(TrimSpaces(text), {"单元"});
  if (AllDigits(t)) {
    return std::string(t) + "单元";
  }
  return std::string(TrimSpaces(text));
}

}  // namespace cordon::registry
