#include "http/json_text.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace cordon::http {
namespace {

TEST(JsonTextTest, StringsAreWrittenAsBoostJsonWritesThem) {
  std::string every_byte;
  for (int c = 1; c < 256; ++c) {
    every_byte += static_cast<char>(c);
  }
  const std::string cases[] = {
      "",
      "plain",
      "王伟",
      "quote \" and backslash \\",
      "tab\tnew\nline\r",
      std::string("nul\0x", 5),
      "\x01\x1f\x7f",
      every_byte,
  };
  for (const auto& s : cases) {
    JsonText out;
    out.String(s);
    EXPECT_EQ(out.text(), boost::json::serialize(boost::json::string_view(s.data(), s.size())))
        << s;
  }
}

TEST(JsonTextTest, NestingAndCommas) {
  JsonText out;
  out.BeginObject().Member("id", 7).Member("name", std::string("李娜")).Key("flags").BeginArray();
  out.String("elderly").String("alone").EndArray();
  out.Key("items").BeginArray().BeginObject().EndObject().BeginObject().Member("ok", true);
  out.EndObject().EndArray().Member("next", std::optional<std::string>()).Key("n").Int(-3);
  out.EndObject();
  const auto parsed = boost::json::parse(out.text());
  EXPECT_EQ(parsed, boost::json::parse(R"({"id":7,"name":"李娜","flags":["elderly","alone"],
      "items":[{},{"ok":true}],"next":null,"n":-3})"));
}

}  // namespace
}  // namespace cordon::http
