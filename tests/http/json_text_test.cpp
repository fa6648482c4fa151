#include "http/json_text.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>
#include <limits>
#include <utility>

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

TEST(JsonTextTest, TemperaturesReadAsPeopleWriteThem) {
  // Boost.JSON writes 36.5 as 3.65E1: valid JSON, but not what a person or a plain tool reading
  // the API expects.
  const std::pair<double, std::string> cases[] = {
      {36.5, "36.5"}, {37.3, "37.3"}, {35.0, "35"}, {-2.5, "-2.5"}, {0.1, "0.1"}, {42.0, "42"},
  };
  for (const auto& [v, text] : cases) {
    EXPECT_EQ(WriteJson(boost::json::value(v)), text);
  }
  EXPECT_EQ(WriteJson(boost::json::value(std::nan(""))), "null");
  EXPECT_EQ(WriteJson(boost::json::value(HUGE_VAL)), "null");
  // Any double reads back as itself.
  for (double v : {1e300, 5e-324, 123456.789, 1.0 / 3.0, -0.0}) {
    EXPECT_EQ(boost::json::parse(WriteJson(boost::json::value(v))).to_number<double>(), v) << v;
  }
}

TEST(JsonTextTest, DocumentsWithoutDoublesAreWrittenAsBoostJsonWritesThem) {
  boost::json::object doc{
      {"id", 7},
      {"big", std::numeric_limits<std::uint64_t>::max()},
      {"neg", std::numeric_limits<std::int64_t>::min()},
      {"name", "王伟 \"quoted\"\n"},
      {"key \"from\" data", nullptr},
      {"list",
       boost::json::array{true, false, nullptr, "", boost::json::object{}, boost::json::array{}}},
      {"nested", boost::json::object{{"a", boost::json::array{1, 2, 3}}, {"b", "\x01"}}},
  };
  EXPECT_EQ(WriteJson(doc), boost::json::serialize(doc));
  EXPECT_EQ(WriteJson(boost::json::value(nullptr)), "null");
  EXPECT_EQ(WriteJson(boost::json::object{}), "{}");
  EXPECT_EQ(WriteJson(boost::json::array{}), "[]");
}

TEST(JsonTextTest, ADocumentWithTemperaturesParsesBackTheSame) {
  const auto doc = boost::json::parse(
      R"({"event":{"temperature":36.5,"reasons":["fever"],"at":1796070170000},"n":[37.3,null]})");
  EXPECT_EQ(boost::json::parse(WriteJson(doc)), doc);
  EXPECT_NE(WriteJson(doc).find("\"temperature\":36.5,"), std::string::npos) << WriteJson(doc);
}

}  // namespace
}  // namespace cordon::http
