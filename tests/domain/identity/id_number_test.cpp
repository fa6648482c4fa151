#include "domain/identity/id_number.h"

#include <gtest/gtest.h>

namespace cordon::identity {
namespace {

const CivilDate kToday{2020, 3, 1};

struct Case {
  const char* input;
  const char* error;  // nullptr when valid
  CivilDate birth;
  Sex sex;
};

// Each invalid number breaks exactly one part; every other part is right, check digits included.
const Case kCases[] = {
    {"11010519491231002X", nullptr, {1949, 12, 31}, Sex::kFemale},
    {"11010519491231002x", nullptr, {1949, 12, 31}, Sex::kFemale},  // lower-case x
    {" 11010519491231002X ", nullptr, {1949, 12, 31}, Sex::kFemale},
    {"441900199003070016", nullptr, {1990, 3, 7}, Sex::kMale},
    {"110101200002290018", nullptr, {2000, 2, 29}, Sex::kMale},    // leap day
    {"810000199408230021", nullptr, {1994, 8, 23}, Sex::kFemale},  // Hong Kong residence permit
    {"110105197001010038", nullptr, {1970, 1, 1}, Sex::kMale},
    {"", "id_number.required", {}, Sex::kMale},
    {"   ", "id_number.required", {}, Sex::kMale},
    {"11010519491231002", "id_number.length", {}, Sex::kMale},
    {"11010519491231002X1", "id_number.length", {}, Sex::kMale},
    {"110105194912310\xef\xbc\x90"
     "2X",
     "id_number.length",
     {},
     Sex::kMale},  // a full-width 0
    {"1101051949123100XX", "id_number.format", {}, Sex::kMale},
    {"11010519491231002Y", "id_number.format", {}, Sex::kMale},
    {"A1010519491231002X", "id_number.format", {}, Sex::kMale},
    {"991234199001010012", "id_number.region", {}, Sex::kMale},
    {"001234199001010013", "id_number.region", {}, Sex::kMale},
    {"440524188001010014", "id_number.birth_date", {}, Sex::kMale},  // before 1890
    {"110105190002290017", "id_number.birth_date", {}, Sex::kMale},  // 1900 was not leap
    {"110105199013010018", "id_number.birth_date", {}, Sex::kMale},  // month 13
    {"110105199004310019", "id_number.birth_date", {}, Sex::kMale},  // 31 April
    {"110105202103010016", "id_number.birth_date", {}, Sex::kMale},  // after today
    {"110105194912310021", "id_number.check_digit", {}, Sex::kMale},
    {"441900199003070011", "id_number.check_digit", {}, Sex::kMale},
    {"110105194912310020", "id_number.check_digit", {}, Sex::kMale},  // 0 where X belongs
};

TEST(IdNumberTest, Table) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.input);
    auto r = ParseIdNumber(c.input, kToday);
    if (c.error != nullptr) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code, c.error);
      EXPECT_EQ(r.error().field, "id_number");
      continue;
    }
    ASSERT_TRUE(r.ok()) << r.error().code;
    EXPECT_EQ(r->birth_date, c.birth);
    EXPECT_EQ(r->sex, c.sex);
    EXPECT_EQ(r->value.size(), 18u);
    EXPECT_NE(r->value.back(), 'x');
  }
}

TEST(IdNumberTest, KnownCheckCharacters) {
  // The example in GB 11643-1999 and two others computed by hand.
  EXPECT_EQ(IdCheckCharacter("11010519491231002"), 'X');
  EXPECT_EQ(IdCheckCharacter("44052418800101001"), '4');
  EXPECT_EQ(IdCheckCharacter("34052419800101001"), 'X');
}

TEST(IdNumberTest, FieldNameIsPassedThrough) {
  auto r = ParseIdNumber("123", kToday, "members[2].id_number");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "members[2].id_number");
}

TEST(IdNumberTest, Mask) {
  EXPECT_EQ(MaskIdNumber("11010519491231002X"), "110105********002X");
  EXPECT_EQ(MaskIdNumber("A1234567"), "******67");
  EXPECT_EQ(MaskIdNumber("7"), "*");
  EXPECT_EQ(MaskIdNumber(""), "");
}

}  // namespace
}  // namespace cordon::identity
