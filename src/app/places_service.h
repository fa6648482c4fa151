// Places: regions and communities (set up by admins), and the zones, buildings, units,
// households and entrances inside a community. Every call checks the caller's scope; what lies
// outside it answers as not found. Every write is audited in the same unit.
//
// Thread-safety: safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/scope.h"
#include "common/clock.h"
#include "domain/store.h"

namespace cordon::app {

struct CommunityInput {
  std::string code;
  std::string name;
  std::string region_code;
  bool village = false;
};

struct EntranceInput {
  std::string name;
  std::string kind;  // people, vehicles, both
  std::optional<std::int64_t> zone_id;
};

struct CountedZone {
  registry::Zone zone;
  int buildings = 0;
  int households = 0;
  int persons = 0;
};

struct CountedBuilding {
  registry::Building building;
  int households = 0;
  int persons = 0;
};

struct CountedUnit {
  registry::Unit unit;
  int households = 0;
  int persons = 0;
};

struct HouseholdPage {
  std::vector<registry::HouseholdRow> items;
  std::optional<std::int64_t> next_after_id;
};

inline constexpr int kMaxPlacePage = 500;

class PlacesService {
 public:
  PlacesService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  Result<std::vector<registry::Region>> ListRegions(const Principal& who,
                                                    const std::string& parent_code);
  // Errors: region.code (not a GB/T 2260 code), region.parent_missing, text.*.
  Result<registry::Region> PutRegion(const RequestContext& ctx, const Principal& who,
                                     const registry::Region& region);

  Result<std::vector<registry::Community>> ListCommunities(const Principal& who);
  Result<registry::Community> GetCommunity(const Principal& who, const std::string& code);
  // Errors: community.code, region.not_found, community.taken, text.*.
  Result<registry::Community> CreateCommunity(const RequestContext& ctx, const Principal& who,
                                              const CommunityInput& input);

  Result<std::vector<CountedZone>> ListZones(const Principal& who, const std::string& code);
  Result<registry::Zone> CreateZone(const RequestContext& ctx, const Principal& who,
                                    const std::string& code, int number, const std::string& name);
  Result<registry::Zone> UpdateZone(const RequestContext& ctx, const Principal& who,
                                    std::int64_t zone_id, const std::string& name);

  Result<std::vector<CountedBuilding>> ListBuildings(const Principal& who, const std::string& code,
                                                     std::optional<std::int64_t> zone_id);
  Result<registry::Building> CreateBuilding(const RequestContext& ctx, const Principal& who,
                                            const std::string& code, std::int64_t zone_id,
                                            const std::string& name);
  Result<registry::Building> UpdateBuilding(const RequestContext& ctx, const Principal& who,
                                            std::int64_t id, std::optional<std::string> name,
                                            std::optional<std::int64_t> zone_id);
  Status DeleteBuilding(const RequestContext& ctx, const Principal& who, std::int64_t id);

  Result<std::vector<CountedUnit>> ListUnits(const Principal& who, std::int64_t building_id);
  Result<registry::Unit> CreateUnit(const RequestContext& ctx, const Principal& who,
                                    std::int64_t building_id, const std::string& name);
  Status DeleteUnit(const RequestContext& ctx, const Principal& who, std::int64_t id);

  Result<HouseholdPage> ListHouseholds(const Principal& who, const std::string& code,
                                       registry::HouseholdCriteria criteria);
  Result<registry::HouseholdRow> GetHousehold(const Principal& who, std::int64_t id);
  Result<registry::Household> CreateHousehold(const RequestContext& ctx, const Principal& who,
                                              std::int64_t unit_id, const std::string& room);
  Result<registry::Household> UpdateHousehold(const RequestContext& ctx, const Principal& who,
                                              std::int64_t id, const std::string& room);
  Status DeleteHousehold(const RequestContext& ctx, const Principal& who, std::int64_t id);

  Result<std::vector<registry::Entrance>> ListEntrances(const Principal& who,
                                                        const std::string& code);
  Result<registry::Entrance> CreateEntrance(const RequestContext& ctx, const Principal& who,
                                            const std::string& code, const EntranceInput& input);
  Result<registry::Entrance> UpdateEntrance(const RequestContext& ctx, const Principal& who,
                                            std::int64_t id, const EntranceInput& input);
  Status DeleteEntrance(const RequestContext& ctx, const Principal& who, std::int64_t id);

 private:
  Store& store_;
  const Clock& clock_;
};

// The principal the command line acts as: an administrator of everything.
Principal SystemPrincipal();

}  // namespace cordon::app
