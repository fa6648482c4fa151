#include "domain/accounts/roles.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace cordon::accounts {
namespace {

constexpr std::array kRoles = {
    Role::kAdmin, Role::kManager, Role::kTeamMember, Role::kVolunteer, Role::kGridWorker,
    Role::kGuard, Role::kPolice,  Role::kProperty,   Role::kHealth,    Role::kShopOwner};

constexpr std::array<std::pair<Role, std::string_view>, 10> kRoleCodes = {{
    {Role::kAdmin, "admin"},
    {Role::kManager, "manager"},
    {Role::kTeamMember, "team_member"},
    {Role::kVolunteer, "volunteer"},
    {Role::kGridWorker, "grid_worker"},
    {Role::kGuard, "guard"},
    {Role::kPolice, "police"},
    {Role::kProperty, "property"},
    {Role::kHealth, "health"},
    {Role::kShopOwner, "shop_owner"},
}};

constexpr std::array kPermissions = {
    perm::kSelfRead,       perm::kUserRead,        perm::kUserCreate,        perm::kAuditRead,
    perm::kCommunityWrite, perm::kPlaceRead,       perm::kPlaceWrite,        perm::kPersonRead,
    perm::kPersonWrite,    perm::kPersonDelete,    perm::kPersonReveal,      perm::kPersonImport,
    perm::kPersonExport,   perm::kDeclarationRead, perm::kDeclarationAssist, perm::kRulesRead,
    perm::kRulesWrite,     perm::kSweepRead,       perm::kVisitWrite,        perm::kGateScan,
    perm::kGateRead,       perm::kFeverRead,       perm::kShiftWrite};

// Which roles hold which permission. One row per permission; later areas add theirs.
struct Grant {
  std::string_view permission;
  std::vector<Role> roles;
};

const std::vector<Grant>& Grants() {
  static const std::vector<Grant> kGrants = {
      {perm::kSelfRead,
       {Role::kAdmin, Role::kManager, Role::kTeamMember, Role::kVolunteer, Role::kGridWorker,
        Role::kGuard, Role::kPolice, Role::kProperty, Role::kHealth, Role::kShopOwner}},
      {perm::kUserRead, {Role::kAdmin, Role::kManager}},
      {perm::kUserCreate, {Role::kAdmin}},
      {perm::kAuditRead, {Role::kAdmin}},
      {perm::kCommunityWrite, {Role::kAdmin}},
      // Guards need the entrances; shop owners and volunteers see only what a task gives them.
      {perm::kPlaceRead,
       {Role::kAdmin, Role::kManager, Role::kTeamMember, Role::kGridWorker, Role::kGuard,
        Role::kPolice, Role::kProperty, Role::kHealth}},
      {perm::kPlaceWrite, {Role::kAdmin, Role::kManager, Role::kProperty}},
      {perm::kPersonRead,
       {Role::kAdmin, Role::kManager, Role::kTeamMember, Role::kGridWorker, Role::kPolice,
        Role::kProperty, Role::kHealth}},
      {perm::kPersonWrite, {Role::kAdmin, Role::kManager, Role::kGridWorker, Role::kProperty}},
      {perm::kPersonDelete, {Role::kAdmin, Role::kManager}},
      // Those who must check a person's identity: the community's leaders, the police, the clinic.
      {perm::kPersonReveal, {Role::kAdmin, Role::kManager, Role::kPolice, Role::kHealth}},
      {perm::kPersonImport, {Role::kAdmin, Role::kManager}},
      {perm::kPersonExport, {Role::kAdmin, Role::kManager, Role::kGridWorker, Role::kPolice}},
      {perm::kDeclarationRead,
       {Role::kAdmin, Role::kManager, Role::kTeamMember, Role::kGridWorker, Role::kPolice,
        Role::kProperty, Role::kHealth}},
      // The three-person teams and the grid workers help those who cannot declare themselves.
      {perm::kDeclarationAssist,
       {Role::kAdmin, Role::kManager, Role::kTeamMember, Role::kGridWorker, Role::kPolice,
        Role::kProperty, Role::kHealth}},
      {perm::kRulesRead,
       {Role::kAdmin, Role::kManager, Role::kTeamMember, Role::kGridWorker, Role::kPolice,
        Role::kProperty, Role::kHealth}},
      {perm::kRulesWrite, {Role::kAdmin}},
      {perm::kSweepRead,
       {Role::kAdmin, Role::kManager, Role::kTeamMember, Role::kGridWorker, Role::kPolice,
        Role::kProperty}},
      {perm::kVisitWrite,
       {Role::kAdmin, Role::kManager, Role::kTeamMember, Role::kGridWorker, Role::kPolice,
        Role::kProperty}},
      // Whoever stands at a gate: guards, and the work team and volunteers on gate duty.
      {perm::kGateScan,
       {Role::kAdmin, Role::kManager, Role::kTeamMember, Role::kVolunteer, Role::kGuard,
        Role::kProperty}},
      // The gate log is the raw material of tracing: leaders, police and the clinic.
      {perm::kGateRead,
       {Role::kAdmin, Role::kManager, Role::kTeamMember, Role::kPolice, Role::kHealth}},
      {perm::kFeverRead,
       {Role::kAdmin, Role::kManager, Role::kTeamMember, Role::kPolice, Role::kHealth}},
      {perm::kShiftWrite, {Role::kAdmin, Role::kManager, Role::kTeamMember}},
  };
  return kGrants;
}

// PermissionsOf() as a table built once.
const std::array<std::vector<std::string_view>, kRoles.size()>& RolePermissions() {
  static const auto kTable = [] {
    std::array<std::vector<std::string_view>, kRoles.size()> t;
    for (std::string_view p : kPermissions) {
      for (const Grant& g : Grants()) {
        if (g.permission != p) {
          continue;
        }
        for (Role r : g.roles) {
          t[static_cast<size_t>(r)].push_back(p);
        }
      }
    }
    return t;
  }();
  return kTable;
}

}  // namespace

std::span<const Role> AllRoles() { return kRoles; }

std::string_view RoleCode(Role role) {
  for (const auto& [r, code] : kRoleCodes) {
    if (r == role) {
      return code;
    }
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view code) {
  for (const auto& [r, c] : kRoleCodes) {
    if (c == code) {
      return r;
    }
  }
  return std::nullopt;
}

std::span<const std::string_view> AllPermissions() { return kPermissions; }

std::span<const std::string_view> PermissionsOf(Role role) {
  return RolePermissions()[static_cast<size_t>(role)];
}

bool HasPermission(Role role, std::string_view permission) {
  auto perms = PermissionsOf(role);
  return std::find(perms.begin(), perms.end(), permission) != perms.end();
}

}  // namespace cordon::accounts
