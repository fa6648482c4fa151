// The places of a community (design §2): regions above it; zones, buildings, units, households
// and entrances inside it.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/result.h"

namespace cordon::registry {

enum class RegionLevel { kProvince, kCity, kDistrict, kStreet };

struct Region {
  std::string code;  // GB/T 2260: 2, 4, 6 or 9 digits
  std::string name;
  std::string parent_code;  // empty for a province
  RegionLevel level = RegionLevel::kProvince;
};

struct Community {
  std::int64_t id = 0;
  std::string code;  // 12-digit statistical code, or a short code given by hand
  std::string name;
  std::string region_code;
  bool village = false;  // 村 rather than 社区
  TimeMs created_at = 0;
};

struct Zone {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  int number = 0;
  std::string code;  // "<community code>-<number>"
  std::string name;  // "第一片区"
};

struct Building {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::int64_t zone_id = 0;
  std::string name;  // "12栋"
};

struct Unit {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::int64_t building_id = 0;
  std::string name;  // "1单元"; empty for a building without units
};

struct Household {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::int64_t zone_id = 0;
  std::int64_t building_id = 0;
  std::int64_t unit_id = 0;
  std::string room;  // "301"
};

enum class EntranceKind { kPeople, kVehicles, kBoth };

struct Entrance {
  std::int64_t id = 0;
  std::int64_t community_id = 0;
  std::optional<std::int64_t> zone_id;
  std::string name;  // "东门"
  EntranceKind kind = EntranceKind::kBoth;
};

std::string_view RegionLevelCode(RegionLevel level);  // "province", …
std::optional<RegionLevel> ParseRegionLevel(std::string_view code);
// The level a GB/T 2260 code's length implies; nullopt for another length or non-digits.
std::optional<RegionLevel> LevelOfRegionCode(std::string_view code);
// The parent's code: "4419" for "441900"; empty for a province.
std::string ParentRegionCode(std::string_view code);

std::string_view EntranceKindCode(EntranceKind kind);  // "people", "vehicles", "both"
std::optional<EntranceKind> ParseEntranceKind(std::string_view code);

std::string ZoneCode(std::string_view community_code, int number);

// Validation of names given by people: trimmed, 1..max bytes, no control characters.
// Errors, naming the field: text.required, text.too_long (detail: the limit), text.format.
Result<std::string> CleanName(std::string_view text, std::string_view field, size_t max_bytes);

// Room numbers and the like as spreadsheets write them: "301", "3-01", "301室" → "301".
std::string NormaliseRoom(std::string_view text);
// "12" and "12栋" and "12号楼" name the same building: "12栋". Other names are kept trimmed.
std::string NormaliseBuilding(std::string_view text);
// "1" and "1单元" name the same unit: "1单元".
std::string NormaliseUnit(std::string_view text);

}  // namespace cordon::registry
