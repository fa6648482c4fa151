#include "app/gate_places.h"

namespace cordon::app {

bool GatePlaces::Keep(std::int64_t version) {
  if (version < version_) {
    return false;
  }
  if (version > version_ || entrances_.size() + shifts_.size() >= kMaxEntries) {
    entrances_.clear();
    shifts_.clear();
    version_ = version;
  }
  return true;
}

template <typename Map, typename Read>
typename Map::mapped_type GatePlaces::Cached(Map& map, typename Map::key_type key,
                                             std::int64_t version, const Read& read) {
  {
    std::lock_guard lock(mu_);
    if (version == version_) {
      if (auto it = map.find(key); it != map.end()) {
        return it->second;
      }
    }
  }
  auto fresh = read();  // outside the lock: another decision need not wait for this one's reads
  std::lock_guard lock(mu_);
  if (Keep(version)) {
    map.insert_or_assign(std::move(key), fresh);
  }
  return fresh;
}

GatePlaces::EntranceAccess GatePlaces::Entrance(Repositories& r, const Principal& guard,
                                                std::int64_t entrance_id, std::int64_t version) {
  return Cached(entrances_,
                {entrance_id, static_cast<int>(guard.user.scope.kind), guard.user.scope.code},
                version, [&] {
                  EntranceAccess read;
                  read.entrance = r.places.FindEntrance(entrance_id);
                  if (read.entrance) {
                    read.access = AccessCommunityById(r, guard, read.entrance->community_id);
                  }
                  return read;
                });
}

std::vector<gate::Shift> GatePlaces::Shifts(Repositories& r, std::int64_t community_id,
                                            const std::string& day, std::int64_t entrance_id,
                                            std::int64_t version) {
  return Cached(shifts_, {community_id, day, entrance_id}, version,
                [&] { return r.shifts.List(community_id, day, entrance_id); });
}

}  // namespace cordon::app
