#include "http/json_body.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace cordon::http {
namespace {

struct ParseCase {
  std::string body;
  const char* code;  // nullptr when it parses
};

TEST(JsonBodyTest, Parse) {
  const ParseCase cases[] = {
      {R"({"a":1})", nullptr},
      {"", "request.body_required"},
      {"  \n", "request.body_required"},
      {"{", "request.malformed_json"},
      {R"({"a":1,})", "request.malformed_json"},
      {R"({"a":1} x)", "request.malformed_json"},
      {"\xff\xfe", "request.malformed_json"},
      {R"({"a":"\xc3\x28"})", "request.malformed_json"},                          // invalid UTF-8
      {std::string(100, '[') + std::string(100, ']'), "request.malformed_json"},  // too deep
      {"[1,2]", "request.not_object"},
      {"\"text\"", "request.not_object"},
      {"null", "request.not_object"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    auto r = ParseJsonObject(c.body);
    if (c.code == nullptr) {
      EXPECT_TRUE(r.ok());
    } else {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code, c.code);
    }
  }
}

struct ReadCase {
  const char* body;
  const char* code;   // nullptr when every field reads
  const char* field;  // the field named by the error
};

// The reader for: name (string, required), age (integer, optional), ok (bool, required).
TEST(JsonBodyTest, Reader) {
  const ReadCase cases[] = {
      {R"({"name":"a","ok":true})", nullptr, ""},
      {R"({"name":"a","ok":true,"age":30})", nullptr, ""},
      {R"({"name":"a","ok":true,"age":null})", nullptr, ""},
      {R"({"ok":true})", "request.missing_field", "name"},
      {R"({"name":null,"ok":true})", "request.missing_field", "name"},
      {R"({"name":1,"ok":true})", "request.wrong_type", "name"},
      {R"({"name":"a","ok":"yes"})", "request.wrong_type", "ok"},
      {R"({"name":"a","ok":true,"age":1.5})", "request.wrong_type", "age"},
      {R"({"name":"a","ok":true,"age":"30"})", "request.wrong_type", "age"},
      {R"({"name":"a","ok":true,"extra":1})", "request.unknown_field", "extra"},
      // The first problem wins: a missing field before an unknown one.
      {R"({"extra":1,"ok":true})", "request.missing_field", "name"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    auto obj = ParseJsonObject(c.body);
    ASSERT_TRUE(obj.ok());
    JsonReader in(*obj);
    (void)in.String("name");
    (void)in.OptInt("age");
    (void)in.Bool("ok");
    auto st = in.Finish();
    if (c.code == nullptr) {
      EXPECT_TRUE(st.ok()) << st.error().code;
    } else {
      ASSERT_FALSE(st.ok());
      EXPECT_EQ(st.error().code, c.code);
      EXPECT_EQ(st.error().field, c.field);
    }
  }
}

TEST(JsonBodyTest, NestedFieldNamesCarryThePrefix) {
  auto obj = ParseJsonObject(R"({"from":5})");
  JsonReader in(*obj, "travel[1].");
  (void)in.String("from");
  EXPECT_EQ(in.Finish().error().field, "travel[1].from");
}

}  // namespace
}  // namespace cordon::http
