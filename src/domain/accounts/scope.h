// The part of the world a staff account works in: a region (and everything below it), one
// community, or one zone of a community. Admins may have no scope, which means everywhere.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace cordon::accounts {

enum class ScopeKind { kAll, kRegion, kCommunity, kZone };

struct Scope {
  ScopeKind kind = ScopeKind::kAll;
  std::string code;  // empty for kAll

  friend bool operator==(const Scope&, const Scope&) = default;
};

std::string_view ScopeKindCode(ScopeKind kind);  // "all", "region", "community", "zone"

// Parses "region:4419", "community:441900003001", "zone:441900003001-1", or a bare code: a
// GB/T 2260 region code has 2, 4, 6 or 9 digits, a community's statistical code 12, and a zone
// code is its community's code, a dash and the zone's number. Errors (field "scope"):
// scope.format.
Result<Scope> ParseScope(std::string_view text);

std::string FormatScope(const Scope& scope);  // "community:441900003001", or "all"

}  // namespace cordon::accounts

namespace cordon::accounts {

// Whether everything in `inner` lies inside `outer`. Codes nest by prefix: a region's code
// begins its sub-regions' and its communities' statistical codes, and a zone's code is its
// community's code, a dash and a number.
bool ScopeContains(const Scope& outer, const Scope& inner);

}  // namespace cordon::accounts
