// Back-off and lockout after failed sign-ins (pure rules).
//
// The same rule serves two keys with different policies: the account ("user:NAME") and the
// client address ("addr:IP"). After `free_attempts` failures within `window_ms`, each further
// failure doubles a waiting time (from base_delay_ms up to max_delay_ms) during which attempts
// are refused without checking the password; at `lock_after` failures the key is locked for
// lock_ms.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>

#include "common/clock.h"

namespace cordon::accounts {

struct ThrottlePolicy {
  int free_attempts = 3;
  TimeMs base_delay_ms = 1'000;
  TimeMs max_delay_ms = 60'000;
  int lock_after = 10;
  TimeMs lock_ms = 15 * 60'000;
  TimeMs window_ms = 15 * 60'000;
};

// An account: 10 failures lock it for 15 minutes.
ThrottlePolicy AccountThrottlePolicy();
// A client address, which may be a whole office behind one NAT: more room before it locks.
ThrottlePolicy AddressThrottlePolicy();

struct ThrottleState {
  int failures = 0;
  TimeMs window_start = 0;
  TimeMs blocked_until = 0;
};

struct ThrottleVerdict {
  bool allowed = true;
  bool locked = false;        // refused because the lock count was reached
  TimeMs retry_after_ms = 0;  // when refused
};

ThrottleVerdict CheckThrottle(const ThrottleState& state, TimeMs now, const ThrottlePolicy& policy);
ThrottleState AfterFailure(const ThrottleState& state, TimeMs now, const ThrottlePolicy& policy);

}  // namespace cordon::accounts
