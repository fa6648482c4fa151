#include "domain/health/pass.h"

#include <gtest/gtest.h>

#include <string>

namespace cordon::health {
namespace {

constexpr TimeMs kSecond = 1'000;
constexpr TimeMs kMinute = 60 * kSecond;
constexpr TimeMs kDay = 24 * 60 * kMinute;

// 2026-12-01T00:00:00+08:00 and a day later.
constexpr TimeMs kIssued = 1'796'054'400'000;
constexpr TimeMs kExpires = kIssued + kDay;

constexpr const char* kRef = "q7Vd0_-xY3zK9mTnA1bC2w";
constexpr const char* kCommunity = "441900003013";

PassClaims Claims() {
  return PassClaims{.person_ref = kRef,
                    .community_code = kCommunity,
                    .colour = Colour::kYellow,
                    .issued_at = kIssued,
                    .expires_at = kExpires};
}

TEST(PassTest, EncodeIsTheSignedTextForm) {
  EXPECT_EQ(EncodePassClaims(Claims()),
            "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400|1796140800");
}

TEST(PassTest, EncodeDropsMilliseconds) {
  PassClaims c = Claims();
  c.issued_at += 999;
  c.expires_at += 1;
  EXPECT_EQ(EncodePassClaims(c), EncodePassClaims(Claims()));
}

TEST(PassTest, RoundTrip) {
  PassClaims green = Claims();
  green.colour = Colour::kGreen;
  PassClaims red = Claims();
  red.colour = Colour::kRed;
  PassClaims epoch = Claims();
  epoch.issued_at = 0;
  epoch.expires_at = kSecond;
  PassClaims far = Claims();
  far.issued_at = 253'402'300'798 * kSecond;  // the last seconds of 9999
  far.expires_at = 253'402'300'799 * kSecond;
  PassClaims short_code = Claims();
  short_code.community_code = "e2e_Second_1";  // a community with a short code
  for (const PassClaims& c : {Claims(), green, red, epoch, far, short_code}) {
    const std::string text = EncodePassClaims(c);
    SCOPED_TRACE(text);
    auto decoded = DecodePassClaims(text);
    ASSERT_TRUE(decoded.ok()) << decoded.error().code;
    EXPECT_EQ(*decoded, c);
    EXPECT_EQ(EncodePassClaims(*decoded), text);
  }
}

TEST(PassTest, DecodesEachColourLetter) {
  const std::string head = std::string("CP1|") + kCommunity + "|" + kRef + "|";
  EXPECT_EQ(DecodePassClaims(head + "g|1|2")->colour, Colour::kGreen);
  EXPECT_EQ(DecodePassClaims(head + "y|1|2")->colour, Colour::kYellow);
  EXPECT_EQ(DecodePassClaims(head + "r|1|2")->colour, Colour::kRed);
  EXPECT_EQ(DecodePassClaims(head + "r|0|2")->issued_at, 0);
}

struct TamperCase {
  const char* why;
  const char* text;
};

// Each a one-field change to
// "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400|1796140800".
const TamperCase kTamperCases[] = {
    {"empty", ""},
    {"version alone", "CP1"},
    {"other version", "CP2|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400|1796140800"},
    {"version in lower case", "cp1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400|1796140800"},
    {"no version", "441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400|1796140800"},
    {"extra field", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400|1796140800|x"},
    {"trailing bar", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400|1796140800|"},
    {"no expiry", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400"},
    {"other separator", "CP1;441900003013;q7Vd0_-xY3zK9mTnA1bC2w;y;1796054400;1796140800"},
    {"community of 33 characters",
     "CP1|441900003013441900003013ABCDEF123|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400|1796140800"},
    {"dash in community", "CP1|4419-0003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400|1796140800"},
    {"space in community", "CP1|44190 0003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400|1796140800"},
    {"no community", "CP1||q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400|1796140800"},
    {"ref of 21", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2|y|1796054400|1796140800"},
    {"ref of 23", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2ww|y|1796054400|1796140800"},
    {"ref in base64 with +", "CP1|441900003013|q7Vd0+-xY3zK9mTnA1bC2w|y|1796054400|1796140800"},
    {"ref in base64 with /", "CP1|441900003013|q7Vd0_/xY3zK9mTnA1bC2w|y|1796054400|1796140800"},
    {"ref padded", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2=|y|1796054400|1796140800"},
    {"ref with a space", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC w|y|1796054400|1796140800"},
    {"colour in capitals", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|Y|1796054400|1796140800"},
    {"colour as a word", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|yellow|1796054400|1796140800"},
    {"unknown colour", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|b|1796054400|1796140800"},
    {"no colour", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w||1796054400|1796140800"},
    {"issued with a leading zero",
     "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|01796054400|1796140800"},
    {"expiry with a leading zero",
     "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400|01796140800"},
    {"zero written twice", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|00|1796140800"},
    {"issued in milliseconds",
     "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400.000|1796140800"},
    {"letter in issued", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|17960544OO|1796140800"},
    {"signed issued", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|+1796054400|1796140800"},
    {"negative issued", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|-1|1796140800"},
    {"space before issued", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y| 1796054400|1796140800"},
    {"no issued", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y||1796140800"},
    {"expiry in hex", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400|0x6929f000"},
    {"expiry past int64",
     "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400|99999999999999999999"},
    {"expiry past year 9999", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400|253402300800"},
    {"expiry at issue", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400|1796054400"},
    {"expiry before issue", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796140800|1796054400"},
    {"trailing newline", "CP1|441900003013|q7Vd0_-xY3zK9mTnA1bC2w|y|1796054400|1796140800\n"},
};

TEST(PassTest, DecodeRefusesTamperedTexts) {
  ASSERT_TRUE(DecodePassClaims(EncodePassClaims(Claims())).ok());
  for (const TamperCase& c : kTamperCases) {
    SCOPED_TRACE(c.why);
    auto r = DecodePassClaims(c.text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "pass.malformed");
  }
}

struct ExpiryCase {
  CivilDate day;
  int valid_days;
  const char* end;  // exclusive, China time
};

const ExpiryCase kExpiryCases[] = {
    {{2026, 11, 29}, 1, "2026-11-30T00:00:00+08:00"},
    {{2026, 11, 30}, 1, "2026-12-01T00:00:00+08:00"},  // across a month end
    {{2026, 11, 30}, 2, "2026-12-02T00:00:00+08:00"},
    {{2026, 11, 25}, 14, "2026-12-09T00:00:00+08:00"},
    {{2026, 12, 31}, 1, "2027-01-01T00:00:00+08:00"},  // across a year end
    {{2028, 2, 28}, 2, "2028-03-01T00:00:00+08:00"},   // a leap February
    {{2027, 2, 28}, 2, "2027-03-02T00:00:00+08:00"},
};

TEST(PassTest, Expiry) {
  for (const ExpiryCase& c : kExpiryCases) {
    SCOPED_TRACE(c.end);
    EXPECT_EQ(PassExpiry(c.day, c.valid_days), ParseTime(c.end));
  }
  // In UTC the day ends at 16:00 the day before: what the resident page is sent.
  EXPECT_EQ(PassExpiry(CivilDate{2026, 11, 30}, 2), 1'796'140'800'000);
  EXPECT_EQ(FormatTime(PassExpiry(CivilDate{2026, 11, 30}, 2)), "2026-12-01T16:00:00.000Z");
}

struct CheckCase {
  const char* name;
  TimeMs now;
  const char* community;
  std::optional<TimeMs> colour_since;
  PassState want;
};

const CheckCase kCheckCases[] = {
    {"just issued", kIssued, kCommunity, std::nullopt, PassState::kValid},
    {"last moment", kExpires - 1, kCommunity, std::nullopt, PassState::kValid},
    {"expired", kExpires, kCommunity, std::nullopt, PassState::kExpired},
    {"long expired", kExpires + 30 * kDay, kCommunity, std::nullopt, PassState::kExpired},
    {"clock 5 min behind", kIssued - 5 * kMinute, kCommunity, std::nullopt, PassState::kValid},
    {"clock more than 5 min behind", kIssued - 5 * kMinute - 1, kCommunity, std::nullopt,
     PassState::kNotYetValid},
    {"other community", kIssued, "441900003014", std::nullopt, PassState::kOtherCommunity},
    {"other community, expired", kExpires, "441900003014", kExpires, PassState::kOtherCommunity},
    {"other community, not yet valid", kIssued - kDay, "441900003014", std::nullopt,
     PassState::kOtherCommunity},
    {"not yet valid and stale", kIssued - kDay, kCommunity, kIssued + kMinute,
     PassState::kNotYetValid},
    {"expired and stale", kExpires, kCommunity, kIssued + kMinute, PassState::kExpired},
    {"colour changed after issue", kIssued + kMinute, kCommunity, kIssued + kSecond,
     PassState::kStale},
    {"colour given before issue", kIssued + kMinute, kCommunity, kIssued - kMinute,
     PassState::kValid},
    {"colour given at issue", kIssued + kMinute, kCommunity, kIssued, PassState::kValid},
    // The pass's times are whole seconds: the colour it was issued with may carry milliseconds
    // of the same second.
    {"colour given within the second of issue", kIssued + kMinute, kCommunity, kIssued + 999,
     PassState::kValid},
};

TEST(PassTest, Check) {
  for (const CheckCase& c : kCheckCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(PassStateCode(CheckPass(Claims(), c.now, c.community, c.colour_since)),
              PassStateCode(c.want));
  }
}

TEST(PassTest, StateCodes) {
  EXPECT_EQ(PassStateCode(PassState::kValid), "valid");
  EXPECT_EQ(PassStateCode(PassState::kExpired), "expired");
  EXPECT_EQ(PassStateCode(PassState::kNotYetValid), "not_yet_valid");
  EXPECT_EQ(PassStateCode(PassState::kOtherCommunity), "other_community");
  EXPECT_EQ(PassStateCode(PassState::kStale), "stale");
}

}  // namespace
}  // namespace cordon::health
