#include "domain/identity/phone.h"

#include <gtest/gtest.h>

namespace cordon::identity {
namespace {

struct Case {
  const char* input;
  const char* want;  // the normalised number, or an error code
};

const Case kCases[] = {
    {"13812345678", "13812345678"},    {"138 1234 5678", "13812345678"},
    {"138-1234-5678", "13812345678"},  {"+86 138 1234 5678", "13812345678"},
    {"8613812345678", "13812345678"},  {"008613812345678", "13812345678"},
    {"19912345678", "19912345678"},    {"", "phone.required"},
    {"  ", "phone.required"},          {"1381234567", "phone.format"},  // 10 digits
    {"138123456789", "phone.format"},                                   // 12 digits
    {"12812345678", "phone.format"},                                    // no 12x mobile prefix
    {"23812345678", "phone.format"},                                    // not a mobile
    {"0755-12345678", "phone.format"},                                  // a landline
    {"1381234567a", "phone.format"},   {"++8613812345678", "phone.format"},
};

TEST(PhoneTest, Table) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.input);
    auto r = ParseMobile(c.input);
    if (std::string_view(c.want).find('.') != std::string_view::npos) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code, c.want);
      EXPECT_EQ(r.error().field, "phone");
    } else {
      ASSERT_TRUE(r.ok()) << r.error().code;
      EXPECT_EQ(*r, c.want);
    }
  }
}

TEST(PhoneTest, Mask) {
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("12345"), "***45");
}

}  // namespace
}  // namespace cordon::identity
