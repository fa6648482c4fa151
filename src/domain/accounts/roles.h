// Staff roles (design §1) and the permissions each holds.
//
// Permissions are `area:noun:action` codes, defined here once. Every route names the permission
// it needs and the server checks it; the web console only mirrors them to hide what a user
// cannot do.
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace cordon::accounts {

enum class Role {
  kAdmin,
  kManager,
  kTeamMember,
  kVolunteer,
  kGridWorker,
  kGuard,
  kPolice,
  kProperty,
  kHealth,
  kShopOwner,
};

std::span<const Role> AllRoles();
std::string_view RoleCode(Role role);  // "grid_worker"
std::optional<Role> ParseRole(std::string_view code);

namespace perm {
// Any signed-in user: their own account and session.
inline constexpr std::string_view kSelfRead = "account:self:read";
inline constexpr std::string_view kUserRead = "system:user:read";
inline constexpr std::string_view kUserCreate = "system:user:create";
inline constexpr std::string_view kAuditRead = "system:audit:read";
// Regions and communities: the district's IT staff set them up.
inline constexpr std::string_view kCommunityWrite = "system:community:write";
// Zones, buildings, units, households and entrances.
inline constexpr std::string_view kPlaceRead = "registry:place:read";
inline constexpr std::string_view kPlaceWrite = "registry:place:write";
// The person registry (一张表).
inline constexpr std::string_view kPersonRead = "registry:person:read";
inline constexpr std::string_view kPersonWrite = "registry:person:write";
inline constexpr std::string_view kPersonDelete = "registry:person:delete";
// See a full ID or phone number; every use is audited.
inline constexpr std::string_view kPersonReveal = "registry:person:reveal";
inline constexpr std::string_view kPersonImport = "registry:person:import";
inline constexpr std::string_view kPersonExport = "registry:person:export";
// Health declarations: read them and the colours, declare for someone (协助录入).
inline constexpr std::string_view kDeclarationRead = "health:declaration:read";
inline constexpr std::string_view kDeclarationAssist = "health:declaration:assist";
// The colour rules and the risk-area list: read by staff who explain a colour, kept by admins.
inline constexpr std::string_view kRulesRead = "health:rules:read";
inline constexpr std::string_view kRulesWrite = "health:rules:write";
// The sweep of those who have not declared, and its visit tasks.
inline constexpr std::string_view kSweepRead = "health:sweep:read";
inline constexpr std::string_view kVisitWrite = "health:visit:write";
// Gate checkpoints: record scans at an entrance; read the gate log; read fever cases.
inline constexpr std::string_view kGateScan = "gate:event:write";
inline constexpr std::string_view kGateRead = "gate:event:read";
inline constexpr std::string_view kFeverRead = "health:fever:read";
// Gate-duty shifts: who stands at which gate when.
inline constexpr std::string_view kShiftWrite = "gate:shift:write";
}  // namespace perm

// Every permission code, for the console and the docs.
std::span<const std::string_view> AllPermissions();
bool HasPermission(Role role, std::string_view permission);
// The permissions a role holds, in the order of AllPermissions().
std::span<const std::string_view> PermissionsOf(Role role);

}  // namespace cordon::accounts
