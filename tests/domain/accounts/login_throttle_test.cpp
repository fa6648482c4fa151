#include "domain/accounts/login_throttle.h"

#include <gtest/gtest.h>

namespace cordon::accounts {
namespace {

// Each row: failures so far (all at t=0), and what an attempt at `at` gets.
struct Case {
  int failures;
  TimeMs at;
  bool allowed;
  bool locked;
  TimeMs retry_after_ms;
};

const Case kAccountCases[] = {
    {1, 0, true, false, 0},        {3, 0, true, false, 0},  // three free attempts
    {4, 0, false, false, 1'000},                            // then 1 s
    {4, 1'000, true, false, 0},                             // which runs out
    {5, 0, false, false, 2'000},                            // 2 s
    {6, 0, false, false, 4'000},                            // 4 s
    {9, 0, false, false, 32'000},                           // 32 s
    {10, 0, false, true, 900'000},                          // locked for 15 min
    {10, 899'999, false, true, 1}, {10, 900'000, true, false, 0},
};

ThrottleState FailNTimes(int n, const ThrottlePolicy& policy) {
  ThrottleState s;
  for (int i = 0; i < n; ++i) {
    s = AfterFailure(s, 0, policy);
  }
  return s;
}

TEST(LoginThrottleTest, AccountPolicy) {
  const auto policy = AccountThrottlePolicy();
  for (const Case& c : kAccountCases) {
    SCOPED_TRACE(testing::Message() << c.failures << " failures, attempt at " << c.at);
    auto v = CheckThrottle(FailNTimes(c.failures, policy), c.at, policy);
    EXPECT_EQ(v.allowed, c.allowed);
    EXPECT_EQ(v.locked, c.locked);
    EXPECT_EQ(v.retry_after_ms, c.retry_after_ms);
  }
}

TEST(LoginThrottleTest, DelayIsCapped) {
  ThrottlePolicy p = AccountThrottlePolicy();
  p.lock_after = 1000;
  auto v = CheckThrottle(FailNTimes(40, p), 0, p);
  EXPECT_EQ(v.retry_after_ms, p.max_delay_ms);
}

TEST(LoginThrottleTest, AddressPolicyAllowsMoreBeforeLocking) {
  const auto p = AddressThrottlePolicy();
  EXPECT_TRUE(CheckThrottle(FailNTimes(10, p), 0, p).allowed);
  EXPECT_FALSE(CheckThrottle(FailNTimes(11, p), 0, p).allowed);
  EXPECT_TRUE(CheckThrottle(FailNTimes(30, p), 0, p).locked);
}

TEST(LoginThrottleTest, WindowAndExpiredLockStartAgain) {
  const auto p = AccountThrottlePolicy();
  ThrottleState s = FailNTimes(3, p);
  s = AfterFailure(s, p.window_ms, p);  // the old failures are out of the window
  EXPECT_EQ(s.failures, 1);
  EXPECT_TRUE(CheckThrottle(s, p.window_ms, p).allowed);

  ThrottleState locked = FailNTimes(10, p);
  ThrottleState after = AfterFailure(locked, p.lock_ms + 1, p);
  EXPECT_EQ(after.failures, 1);
}

}  // namespace
}  // namespace cordon::accounts
