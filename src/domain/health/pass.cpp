#include "domain/health/pass.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace cordon::health {
namespace {

constexpr std::string_view kVersion = "CP1";
constexpr char kSeparator = '|';
constexpr size_t kFieldCount = 6;
// A community's code: its 12-digit statistical code, or a short code of letters, digits and
// underscores (see registry places).
constexpr size_t kMaxCommunityCodeLength = 32;
// 16 random bytes in base64url without padding.
constexpr size_t kPersonRefLength = 22;
// 9999-12-31T23:59:59Z: a later time cannot be written in RFC 3339, and no pass lives that long.
constexpr std::int64_t kMaxSeconds = 253'402'300'799;

constexpr TimeMs kMsPerSecond = 1'000;
constexpr TimeMs kMsPerDay = 86'400'000;
// China Standard Time is UTC+8 all year: there is no daylight saving to look up.
constexpr TimeMs kChinaOffsetMs = 8 * 3'600'000;
// How far ahead of a checkpoint's clock a pass may be issued before the clocks, not the pass,
// are to blame.
constexpr TimeMs kClockSkewMs = 5 * 60'000;

constexpr std::array<std::pair<Colour, char>, 3> kColourLetters = {{
    {Colour::kGreen, 'g'},
    {Colour::kYellow, 'y'},
    {Colour::kRed, 'r'},
}};

constexpr std::array<std::pair<PassState, std::string_view>, 5> kStates = {{
    {PassState::kValid, "valid"},
    {PassState::kExpired, "expired"},
    {PassState::kNotYetValid, "not_yet_valid"},
    {PassState::kOtherCommunity, "other_community"},
    {PassState::kStale, "stale"},
}};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || IsDigit(c) || c == '-' || c == '_';
}

// Decimal seconds in their one canonical spelling, so that a signed text has one reading and
// Encode(Decode(text)) == text.
std::optional<std::int64_t> ParseSeconds(std::string_view s) {
  if (s.empty() || !std::all_of(s.begin(), s.end(), IsDigit) || (s.size() > 1 && s[0] == '0')) {
    return std::nullopt;
  }
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v > kMaxSeconds) {
    return std::nullopt;
  }
  return v;
}

TimeMs FloorToSecond(TimeMs t) {
  const TimeMs r = t % kMsPerSecond;
  return r < 0 ? t - r - kMsPerSecond : t - r;
}

Error Malformed() { return MakeError("pass.malformed"); }

}  // namespace

std::string EncodePassClaims(const PassClaims& claims) {
  char letter = 'g';
  for (const auto& [colour, l] : kColourLetters) {
    if (colour == claims.colour) {
      letter = l;
    }
  }
  std::string out(kVersion);
  out += kSeparator;
  out += claims.community_code;
  out += kSeparator;
  out += claims.person_ref;
  out += kSeparator;
  out += letter;
  out += kSeparator;
  out += std::to_string(FloorToSecond(claims.issued_at) / kMsPerSecond);
  out += kSeparator;
  out += std::to_string(FloorToSecond(claims.expires_at) / kMsPerSecond);
  return out;
}

Result<PassClaims> DecodePassClaims(std::string_view text) {
  std::array<std::string_view, kFieldCount> fields;
  size_t n = 0;
  for (;;) {
    const size_t bar = text.find(kSeparator);
    if (n == kFieldCount) {
      return Malformed();
    }
    fields[n++] = text.substr(0, bar);
    if (bar == std::string_view::npos) {
      break;
    }
    text.remove_prefix(bar + 1);
  }
  if (n != kFieldCount || fields[0] != kVersion) {
    return Malformed();
  }

  PassClaims claims;
  const std::string_view community = fields[1];
  if (community.empty() || community.size() > kMaxCommunityCodeLength ||
      !std::all_of(community.begin(), community.end(), [](char c) {
        return IsDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      })) {
    return Malformed();
  }
  claims.community_code = std::string(community);

  const std::string_view ref = fields[2];
  if (ref.size() != kPersonRefLength || !std::all_of(ref.begin(), ref.end(), IsBase64UrlChar)) {
    return Malformed();
  }
  claims.person_ref = std::string(ref);

  const std::string_view letter = fields[3];
  const auto colour =
      std::find_if(kColourLetters.begin(), kColourLetters.end(),
                   [&](const auto& p) { return letter.size() == 1 && letter[0] == p.second; });
  if (colour == kColourLetters.end()) {
    return Malformed();
  }
  claims.colour = colour->first;

  const auto issued = ParseSeconds(fields[4]);
  const auto expires = ParseSeconds(fields[5]);
  if (!issued || !expires || *expires <= *issued) {
    return Malformed();
  }
  claims.issued_at = *issued * kMsPerSecond;
  claims.expires_at = *expires * kMsPerSecond;
  return claims;
}

TimeMs PassExpiry(CivilDate day, int valid_days) {
  // The exclusive end: 00:00 China time of the first day the colour no longer holds.
  const long first_day_after = DaysFromCivil(day) + valid_days;
  return static_cast<TimeMs>(first_day_after) * kMsPerDay - kChinaOffsetMs;
}

std::string_view PassStateCode(PassState s) {
  for (const auto& [state, code] : kStates) {
    if (state == s) {
      return code;
    }
  }
  return "valid";
}

PassState CheckPass(const PassClaims& claims, TimeMs now, std::string_view community_code,
                    std::optional<TimeMs> colour_since) {
  // A pass from elsewhere says nothing about this community, whatever its times.
  if (claims.community_code != community_code) {
    return PassState::kOtherCommunity;
  }
  if (claims.issued_at > now + kClockSkewMs) {
    return PassState::kNotYetValid;
  }
  if (now >= claims.expires_at) {
    return PassState::kExpired;
  }
  // A pass carries whole seconds while colour_since keeps its milliseconds: compared as they
  // are, a pass issued with the colour it shows, in the same second, would read as stale.
  if (colour_since.has_value() && FloorToSecond(*colour_since) > FloorToSecond(claims.issued_at)) {
    return PassState::kStale;
  }
  return PassState::kValid;
}

}  // namespace cordon::health
