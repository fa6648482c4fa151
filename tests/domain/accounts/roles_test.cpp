#include "domain/accounts/roles.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace cordon::accounts {
namespace {

TEST(RolesTest, CodesRoundTrip) {
  std::set<std::string_view> codes;
  for (Role r : AllRoles()) {
    auto code = RoleCode(r);
    EXPECT_NE(code, "unknown");
    EXPECT_TRUE(codes.insert(code).second) << code;
    EXPECT_EQ(ParseRole(code), r);
  }
  EXPECT_EQ(codes.size(), 10u);
  EXPECT_FALSE(ParseRole("root").has_value());
  EXPECT_FALSE(ParseRole("").has_value());
}

TEST(RolesTest, PermissionCodesHaveThreeParts) {
  for (std::string_view p : AllPermissions()) {
    EXPECT_EQ(std::count(p.begin(), p.end(), ':'), 2) << p;
  }
}

struct Grant {
  Role role;
  std::string_view permission;
  bool held;
};

const Grant kGrants[] = {
    {Role::kAdmin, perm::kAuditRead, true},       {Role::kAdmin, perm::kUserCreate, true},
    {Role::kManager, perm::kUserRead, true},      {Role::kManager, perm::kUserCreate, false},
    {Role::kManager, perm::kAuditRead, false},    {Role::kGridWorker, perm::kUserRead, false},
    {Role::kGuard, perm::kAuditRead, false},      {Role::kVolunteer, perm::kUserCreate, false},
    {Role::kShopOwner, perm::kSelfRead, true},    {Role::kGuard, perm::kSelfRead, true},
    {Role::kAdmin, "system:nothing:here", false},
};

TEST(RolesTest, Grants) {
  for (const Grant& g : kGrants) {
    EXPECT_EQ(HasPermission(g.role, g.permission), g.held)
        << RoleCode(g.role) << " " << g.permission;
  }
  for (Role r : AllRoles()) {
    EXPECT_TRUE(HasPermission(r, perm::kSelfRead)) << RoleCode(r);
  }
}

}  // namespace
}  // namespace cordon::accounts
