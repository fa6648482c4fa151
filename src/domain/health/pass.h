// The pass (通行码): what a signed pass says, written as compact text for a QR code, and the
// decision a checkpoint makes from it. The signature (Ed25519) is the app layer's; the domain
// knows the claims and their rules.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/date.h"
#include "common/result.h"
#include "domain/health/colour.h"

namespace cordon::health {

struct PassClaims {
  // An opaque reference to the person: 22 characters of base64url (16 random bytes), never an
  // ID or phone number, kept with the person's status so that a checkpoint can look it up.
  std::string person_ref;
  std::string community_code;  // 12 digits, or a short code of letters, digits and _
  Colour colour = Colour::kGreen;
  TimeMs issued_at = 0;   // whole seconds
  TimeMs expires_at = 0;  // whole seconds
  friend bool operator==(const PassClaims&, const PassClaims&) = default;
};

// "CP1|<community>|<ref>|<g|y|r>|<issued, unix seconds>|<expires, unix seconds>": the text that
// is signed. Milliseconds are dropped.
std::string EncodePassClaims(const PassClaims& claims);
// Errors: pass.malformed (anything but the form above: another version, a bad field, a ref of
// another length or alphabet, expiry not after issue).
Result<PassClaims> DecodePassClaims(std::string_view text);

// When a colour declared on `day` stops holding: the end of day + valid_days - 1, China time
// (UTC+8), as a time in milliseconds.
TimeMs PassExpiry(CivilDate day, int valid_days);

enum class PassState {
  kValid,
  kExpired,         // now >= expires_at
  kNotYetValid,     // issued more than 5 minutes ahead of now (a clock set wrong)
  kOtherCommunity,  // issued by another community
  kStale,           // the person's colour changed after it was issued
};
std::string_view PassStateCode(PassState s);  // "valid", "expired", "not_yet_valid",
                                              // "other_community", "stale"

// `colour_since`: when the person's current colour was given (none: nothing known, e.g. offline).
PassState CheckPass(const PassClaims& claims, TimeMs now, std::string_view community_code,
                    std::optional<TimeMs> colour_since);

}  // namespace cordon::health
