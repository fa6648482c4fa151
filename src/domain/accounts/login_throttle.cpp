#include "domain/accounts/login_throttle.h"

#include <algorithm>

namespace cordon::accounts {

ThrottlePolicy AccountThrottlePolicy() { return ThrottlePolicy{}; }

ThrottlePolicy AddressThrottlePolicy() {
  ThrottlePolicy p;
  p.free_attempts = 10;
  p.lock_after = 30;
  return p;
}

ThrottleVerdict CheckThrottle(const ThrottleState& state, TimeMs now,
                              const ThrottlePolicy& policy) {
  if (state.blocked_until <= now) {
    return ThrottleVerdict{};
  }
  return ThrottleVerdict{false, state.failures >= policy.lock_after, state.blocked_until - now};
}

ThrottleState AfterFailure(const ThrottleState& state, TimeMs now, const ThrottlePolicy& policy) {
  ThrottleState next = state;
  // A lock that has run out, or a window that has passed, starts the count again.
  if (now - state.window_start >= policy.window_ms ||
      (state.failures >= policy.lock_after && state.blocked_until <= now)) {
    next = ThrottleState{0, now, 0};
  }
  next.failures += 1;
  if (next.failures >= policy.lock_after) {
    next.blocked_until = now + policy.lock_ms;
  } else if (next.failures > policy.free_attempts) {
    const int doublings = std::min(next.failures - policy.free_attempts - 1, 20);
    next.blocked_until = now + std::min(policy.base_delay_ms << doublings, policy.max_delay_ms);
  }
  return next;
}

}  // namespace cordon::accounts
