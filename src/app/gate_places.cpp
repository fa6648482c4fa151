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

GatePlaces::EntranceAccess GatePlaces::Entrance(Repositories& r, const Principal& guard,
                                                std::int64_t entrance_id, std::int64_t version) {
  auto key =
      std::make_tuple(entrance_id, static_cast<int>(guard.user.scope.kind), guard.user.scope.code);
  {
    std::lock_guard lock(mu_);
    if (version == version_) {
      if (auto it = entrances_.find(key); it != entrances_.end()) {
        return it->second;
      }
    }
  }
  EntranceAccess read;
  read.entrance = r.places.FindEntrance(entrance_id);
  if (read.entrance) {
    read.access = AccessCommunityById(r, guard, read.entrance->community_id);
  }
  std::lock_guard lock(mu_);
  if (Keep(version)) {
    entrances_.insert_or_assign(std::move(key), read);
  }
  return read;
}

std::vector<gate::Shift> GatePlaces::Shifts(Repositories& r, std::int64_t community_id,
                                            const std::string& day, std::int64_t entrance_id,
                                            std::int64_t version) {
  auto key = std::make_tuple(community_id, day, entrance_id);
  {
    std::lock_guard lock(mu_);
    if (version == version_) {
      if (auto it = shifts_.find(key); it != shifts_.end()) {
        return it->second;
      }
    }
  }
  auto read = r.shifts.List(community_id, day, entrance_id);
  std::lock_guard lock(mu_);
  if (Keep(version)) {
    shifts_.insert_or_assign(std::move(key), read);
  }
  return read;
}

}  // namespace cordon::app
