// A made-up community like the seed's 岗贝社区, for `cordon demo` and for benchmarks: Chinese
// names, valid synthetic ID numbers (GB 11643 check digits, real birth dates), mobile numbers,
// realistic ages, households and help-needed flags. The same seed gives the same people.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/date.h"

namespace cordon::registry {

struct DemoShape {
  int zones = 4;
  int buildings_per_zone = 10;
  int units_per_building = 2;
  int households_per_unit = 25;
  int persons = 5000;  // at least one per household
  std::uint64_t seed = 20200301;
};

// The registry as a spreadsheet: a header row in Chinese (as an import reads it), then one row per
// person, with the zone column giving the zone number.
std::vector<std::vector<std::string>> DemoRegistryRows(const DemoShape& shape,
                                                       const CivilDate& today);

// The same rows handed one at a time to `emit`, header first: for registries too large to hold.
void GenerateDemoRegistry(const DemoShape& shape, const CivilDate& today,
                          const std::function<void(const std::vector<std::string>&)>& emit);

}  // namespace cordon::registry
