#include "sheet/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace cordon::sheet {
namespace {

struct Case {
  std::string bytes;
  Utf8Sequence kind;
  std::size_t length;  // when valid
};

TEST(SheetUtf8Test, Classify) {
  const Case cases[] = {
      {"a", Utf8Sequence::kValid, 1},
      {"\xC2\xA9", Utf8Sequence::kValid, 2},
      {"张", Utf8Sequence::kValid, 3},
      {"\xF0\x9F\x98\x80", Utf8Sequence::kValid, 4},
      {"\xE5\xBC", Utf8Sequence::kIncomplete, 0},
      {"\xF0\x9F", Utf8Sequence::kIncomplete, 0},
      {"\x80", Utf8Sequence::kInvalid, 0},              // a lone continuation byte
      {"\xC0\xAF", Utf8Sequence::kInvalid, 0},          // overlong '/'
      {"\xE0\x80\xAF", Utf8Sequence::kInvalid, 0},      // overlong
      {"\xED\xA0\x80", Utf8Sequence::kInvalid, 0},      // a surrogate
      {"\xF4\x90\x80\x80", Utf8Sequence::kInvalid, 0},  // above U+10FFFF
      {"\xD5\xC5", Utf8Sequence::kInvalid, 0},          // GBK 张
      {"\xFF", Utf8Sequence::kInvalid, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.bytes);
    std::size_t length = 0;
    EXPECT_EQ(ClassifyUtf8(c.bytes, length), c.kind);
    if (c.kind == Utf8Sequence::kValid) {
      EXPECT_EQ(length, c.length);
    }
  }
}

TEST(SheetUtf8Test, AppendRoundTrips) {
  std::string out;
  for (const char32_t c : {U'a', U'\u00A9', U'\u5F20', U'\U0001F600'}) {
    AppendUtf8(c, out);
  }
  EXPECT_EQ(out, "a\xC2\xA9张\xF0\x9F\x98\x80");
}

TEST(SheetUtf8Test, DisplayWidth) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("13812345678"), 11u);
  EXPECT_EQ(DisplayWidth("张三"), 4u);
  EXPECT_EQ(DisplayWidth("身份证号（ID）"), 14u);  // full-width parentheses are wide
  EXPECT_EQ(DisplayWidth("\xC2\xA9\xFF"), 2u);
}

}  // namespace
}  // namespace cordon::sheet
