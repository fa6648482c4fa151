// Which communities and zones a principal may see, decided in one place for every registry use
// case. Something outside a user's scope answers as if it did not exist (404), the same whether
// it exists or not.
//
// Thread-safety: pure functions over a unit of work.
#pragma once

#include <optional>
#include <string>

#include "app/context.h"
#include "domain/store.h"

namespace cordon::app {

// A community the principal may work in, and the one zone they are bound to, if any.
struct CommunityAccess {
  registry::Community community;
  std::optional<std::int64_t> zone_id;
  std::optional<registry::Zone> zone;
};

// Error: community.not_found (also when it exists but lies outside the scope).
Result<CommunityAccess> AccessCommunity(Repositories& r, const Principal& who,
                                        const std::string& code);
Result<CommunityAccess> AccessCommunityById(Repositories& r, const Principal& who,
                                            std::int64_t community_id);
// Whether a record of the community, in the zone, lies within the access.
bool WithinAccess(const CommunityAccess& access, std::optional<std::int64_t> zone_id);

// The region prefix a principal's community listing is limited to; nullopt for none visible by
// region (community and zone scopes list their one community).
std::string RegionPrefixOf(const Principal& who);

}  // namespace cordon::app
