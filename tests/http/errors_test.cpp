// Every error code the server can send has a message in both languages and a status.
#include "http/errors.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace cordon::http {
namespace {

// Error codes named in the sources: MakeError("code" ...).
std::set<std::string> CodesInSources() {
  std::set<std::string> codes;
  // MakeError("code" …), and codes handed to helpers that make the error later.
  const std::regex re(
      R"re((?:MakeError\(\s*|Unique\(|DeleteIfEmpty\(c_, )"([a-z_]+\.[a-z_.]+|[a-z_]+)"|"([a-z_]+\.(?:not_found|taken|not_empty|in_use))")re");
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(CORDON_SOURCE_DIR) + "/src")) {
    if (!entry.is_regular_file()) {
      continue;
    }
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) {
      codes.insert((*it)[1].matched ? (*it)[1].str() : (*it)[2].str());
    }
  }
  return codes;
}

TEST(ErrorsTest, CatalogsHaveTheSameCodes) {
  EXPECT_EQ(CatalogCodes(Lang::kZhCn), CatalogCodes(Lang::kEn));
}

TEST(ErrorsTest, EveryCodeInTheSourcesHasMessages) {
  const auto codes = CodesInSources();
  EXPECT_GT(codes.size(), 30u);
  const auto zh = CatalogCodes(Lang::kZhCn);
  const std::set<std::string> catalog(zh.begin(), zh.end());
  for (const auto& code : codes) {
    EXPECT_TRUE(catalog.contains(code)) << "no message for " << code;
  }
}

TEST(ErrorsTest, Statuses) {
  EXPECT_EQ(StatusFor("request.malformed_json"), 400);
  EXPECT_EQ(StatusFor("auth.unauthenticated"), 401);
  EXPECT_EQ(StatusFor("auth.forbidden"), 403);
  EXPECT_EQ(StatusFor("person.not_found"), 404);
  EXPECT_EQ(StatusFor("route.method_not_allowed"), 405);
  EXPECT_EQ(StatusFor("username.taken"), 409);
  EXPECT_EQ(StatusFor("request.too_large"), 413);
  EXPECT_EQ(StatusFor("request.unsupported_media_type"), 415);
  EXPECT_EQ(StatusFor("id_number.check_digit"), 422);
  EXPECT_EQ(StatusFor("auth.throttled"), 429);
  EXPECT_EQ(StatusFor("internal"), 500);
}

TEST(ErrorsTest, ShapeAndLanguage) {
  auto zh = ErrorResponse(MakeError("request.missing_field", "username"), Lang::kZhCn);
  auto en = ErrorResponse(MakeError("request.missing_field", "username"), Lang::kEn);
  EXPECT_EQ(zh.status, 400);
  auto zj = boost::json::parse(zh.body).at("error").as_object();
  auto ej = boost::json::parse(en.body).at("error").as_object();
  EXPECT_EQ(zj.at("code"), "request.missing_field");
  EXPECT_EQ(zj.at("field"), "username");
  EXPECT_EQ(std::string(zj.at("message").as_string()), "缺少必填字段 username");
  EXPECT_EQ(std::string(ej.at("message").as_string()), "The field username is required");
  // No field: no "field" member.
  auto nf = boost::json::parse(ErrorResponse(MakeError("route.not_found"), Lang::kEn).body);
  EXPECT_FALSE(nf.at("error").as_object().contains("field"));
  // A code without a message still reads as a sentence.
  EXPECT_EQ(LocalizedMessage(MakeError("mystery.code"), Lang::kEn), "The request is not valid");
  // Storage failures never show their detail (it may hold SQL).
  EXPECT_EQ(LocalizedMessage(MakeError("storage.failed", "", "INSERT INTO users"), Lang::kEn)
                .find("INSERT"),
            std::string::npos);
}

TEST(ErrorsTest, ThrottleAnswersSayWhenToRetry) {
  auto r = ErrorResponse(MakeError("auth.throttled", "", "4"), Lang::kEn);
  EXPECT_EQ(r.status, 429);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Retry-After");
  EXPECT_EQ(r.headers[0].second, "4");
}

}  // namespace
}  // namespace cordon::http
