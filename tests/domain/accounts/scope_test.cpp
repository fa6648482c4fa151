#include "domain/accounts/scope.h"

#include <gtest/gtest.h>

namespace cordon::accounts {
namespace {

struct Case {
  const char* input;
  ScopeKind kind;
  const char* code;
  bool ok;
};

const Case kCases[] = {
    {"", ScopeKind::kAll, "", true},
    {"all", ScopeKind::kAll, "", true},
    {"44", ScopeKind::kRegion, "44", true},
    {"4419", ScopeKind::kRegion, "4419", true},
    {"441900", ScopeKind::kRegion, "441900", true},
    {"441900003", ScopeKind::kRegion, "441900003", true},
    {"441900003001", ScopeKind::kCommunity, "441900003001", true},
    {"441900003001-1", ScopeKind::kZone, "441900003001-1", true},
    {"region:4419", ScopeKind::kRegion, "4419", true},
    {"community:gangbei_01", ScopeKind::kCommunity, "gangbei_01", true},
    {"zone:441900003001-12", ScopeKind::kZone, "441900003001-12", true},
    {"region:abc", ScopeKind::kAll, "", false},
    {"zone:441900003001", ScopeKind::kAll, "", false},
    {"planet:3", ScopeKind::kAll, "", false},
    {"441900003001-", ScopeKind::kAll, "", false},
    {"a b", ScopeKind::kAll, "", false},
};

TEST(ScopeTest, Parse) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.input);
    auto r = ParseScope(c.input);
    ASSERT_EQ(r.ok(), c.ok);
    if (c.ok) {
      EXPECT_EQ(r->kind, c.kind);
      EXPECT_EQ(r->code, c.code);
    } else {
      EXPECT_EQ(r.error().code, "scope.format");
    }
  }
}

TEST(ScopeTest, FormatRoundTrips) {
  for (const char* s : {"region:4419", "community:441900003001", "zone:441900003001-1", "all"}) {
    EXPECT_EQ(FormatScope(*ParseScope(s)), s);
  }
}

TEST(ScopeTest, Contains) {
  const Scope all{};
  const Scope city{ScopeKind::kRegion, "4419"};
  const Scope community{ScopeKind::kCommunity, "441900003001"};
  const Scope zone{ScopeKind::kZone, "441900003001-1"};
  const Scope other{ScopeKind::kCommunity, "441900004001"};
  EXPECT_TRUE(ScopeContains(all, zone));
  EXPECT_TRUE(ScopeContains(city, community));
  EXPECT_TRUE(ScopeContains(community, zone));
  EXPECT_FALSE(ScopeContains(zone, community));
  EXPECT_FALSE(ScopeContains(community, other));
  EXPECT_FALSE(ScopeContains(city, all));
}

}  // namespace
}  // namespace cordon::accounts
