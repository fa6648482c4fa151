#include "domain/accounts/scope.h"

#include <algorithm>

namespace cordon::accounts {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsRegionCode(std::string_view s) {
  return AllDigits(s) && (s.size() == 2 || s.size() == 4 || s.size() == 6 || s.size() == 9);
}

bool IsCommunityCode(std::string_view s) {
  // Statistical codes are 12 digits; communities created by hand get a short code of letters,
  // digits and underscores.
  if (s.empty() || s.size() > 32) {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  });
}

bool IsZoneCode(std::string_view s) {
  auto dash = s.rfind('-');
  return dash != std::string_view::npos && IsCommunityCode(s.substr(0, dash)) &&
         AllDigits(s.substr(dash + 1)) && s.size() - dash - 1 <= 4;
}

}  // namespace

std::string_view ScopeKindCode(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::kAll:
      return "all";
    case ScopeKind::kRegion:
      return "region";
    case ScopeKind::kCommunity:
      return "community";
    case ScopeKind::kZone:
      return "zone";
  }
  return "all";
}

Result<Scope> ParseScope(std::string_view text) {
  if (text.empty() || text == "all") {
    return Scope{};
  }
  auto colon = text.find(':');
  if (colon != std::string_view::npos) {
    std::string_view kind = text.substr(0, colon);
    std::string_view code = text.substr(colon + 1);
    if (kind == "region" && IsRegionCode(code)) {
      return Scope{ScopeKind::kRegion, std::string(code)};
    }
    if (kind == "community" && IsCommunityCode(code)) {
      return Scope{ScopeKind::kCommunity, std::string(code)};
    }
    if (kind == "zone" && IsZoneCode(code)) {
      return Scope{ScopeKind::kZone, std::string(code)};
    }
    return MakeError("scope.format", "scope");
  }
  if (IsRegionCode(text)) {
    return Scope{ScopeKind::kRegion, std::string(text)};
  }
  if (IsZoneCode(text)) {
    return Scope{ScopeKind::kZone, std::string(text)};
  }
  if (IsCommunityCode(text)) {
    return Scope{ScopeKind::kCommunity, std::string(text)};
  }
  return MakeError("scope.format", "scope");
}

std::string FormatScope(const Scope& scope) {
  if (scope.kind == ScopeKind::kAll) {
    return "all";
  }
  return std::string(ScopeKindCode(scope.kind)) + ":" + scope.code;
}

}  // namespace cordon::accounts

namespace cordon::accounts {

bool ScopeContains(const Scope& outer, const Scope& inner) {
  if (outer.kind == ScopeKind::kAll) {
    return true;
  }
  if (inner.kind == ScopeKind::kAll) {
    return false;
  }
  return inner.code.starts_with(outer.code);
}

}  // namespace cordon::accounts
