#pragma once
// What a gate decision reads besides the person: its entrance, the guard's access to the
// entrance's community, and the day's shifts there. Kept in memory while the places version
// stands (PlaceStore::Version), so that a scan reads one row where it read four tables; the
// database raises the version whenever one of those changes, from whichever process or node.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "app/context.h"
#include "app/scope.h"
#include "domain/store.h"

namespace cordon::app {

class GatePlaces {
 public:
  struct EntranceAccess {
    std::optional<registry::Entrance> entrance;
    Result<CommunityAccess> access = MakeError("entrance.not_found");
  };

  // `version` is r.places.Version() read in the same snapshot as `r`.
  EntranceAccess Entrance(Repositories& r, const Principal& guard, std::int64_t entrance_id,
                          std::int64_t version);
  std::vector<gate::Shift> Shifts(Repositories& r, std::int64_t community_id,
                                  const std::string& day, std::int64_t entrance_id,
                                  std::int64_t version);

 private:
  // Called with mu_ held: whether what was read at `version` may be kept; forgets all of an
  // older version first. A reader of an older snapshot keeps nothing.
  bool Keep(std::int64_t version);
  // map[key] as of `version`: kept, or read() and kept if it may be.
  template <typename Map, typename Read>
  typename Map::mapped_type Cached(Map& map, typename Map::key_type key, std::int64_t version,
                                   const Read& read);

  // Enough for every entrance of a city for a day; past it, all is read again.
  static constexpr size_t kMaxEntries = 20000;

  std::mutex mu_;
  std::int64_t version_ = -1;
  // By entrance and the guard's scope (kind and code).
  std::map<std::tuple<std::int64_t, int, std::string>, EntranceAccess> entrances_;
  // By community, day and entrance.
  std::map<std::tuple<std::int64_t, std::string, std::int64_t>, std::vector<gate::Shift>> shifts_;
};

}  // namespace cordon::app
