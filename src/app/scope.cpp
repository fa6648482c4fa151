#include "app/scope.h"

namespace cordon::app {
namespace {

Result<CommunityAccess> Check(Repositories& r, const Principal& who,
                              const std::optional<registry::Community>& community) {
  const Error not_found = MakeError("community.not_found");
  if (!community) {
    return not_found;
  }
  const accounts::Scope& scope = who.user.scope;
  CommunityAccess access{*community, std::nullopt, std::nullopt};
  switch (scope.kind) {
    case accounts::ScopeKind::kAll:
      return access;
    case accounts::ScopeKind::kRegion:
      if (community->region_code.starts_with(scope.code)) {
        return access;
      }
      return not_found;
    case accounts::ScopeKind::kCommunity:
      if (community->code == scope.code) {
        return access;
      }
      return not_found;
    case accounts::ScopeKind::kZone: {
      if (!scope.code.starts_with(community->code + "-")) {
        return not_found;
      }
      if (auto z = r.places.FindZoneByCode(community->id, scope.code)) {
        access.zone_id = z->id;
        access.zone = std::move(*z);
        return access;
      }
      // A zone account whose zone is gone sees nothing.
      return not_found;
    }
  }
  return not_found;
}

}  // namespace

Result<CommunityAccess> AccessCommunity(Repositories& r, const Principal& who,
                                        const std::string& code) {
  return Check(r, who, r.places.FindCommunity(code));
}

Result<CommunityAccess> AccessCommunityById(Repositories& r, const Principal& who,
                                            std::int64_t community_id) {
  return Check(r, who, r.places.FindCommunityById(community_id));
}

bool WithinAccess(const CommunityAccess& access, std::optional<std::int64_t> zone_id) {
  return !access.zone_id || access.zone_id == zone_id;
}

std::string RegionPrefixOf(const Principal& who) {
  return who.user.scope.kind == accounts::ScopeKind::kRegion ? who.user.scope.code : "";
}

}  // namespace cordon::app
