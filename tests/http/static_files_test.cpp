#include "http/static_files.h"

#include <gtest/gtest.h>

#include <fstream>
#include <optional>

#include "support/temp_dir.h"

namespace cordon::http {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  StaticFilesTest() {
    std::filesystem::create_directories(dir_.File("assets"));
    std::ofstream(dir_.File("index.html")) << "<!doctype html><title>cordon</title>";
    std::ofstream(dir_.File("assets/index-3f2a.js")) << "console.log(1)";
    std::ofstream(dir_.File("favicon.svg")) << "<svg/>";
    std::ofstream(dir_.File("declare.html")) << "<!doctype html><title>declare</title>";
    std::ofstream(dir_.File("station.html")) << "<!doctype html><title>station</title>";
    files_.emplace(dir_.File(""));  // after index.html exists
  }

  Response Get(const std::string& path) {
    Request req;
    req.method = "GET";
    req.path = path;
    return files_->Serve(req);
  }

  static std::string CacheControl(const Response& r) {
    for (const auto& [k, v] : r.headers) {
      if (k == "Cache-Control") {
        return v;
      }
    }
    return "";
  }

  cordon::testing::TempDir dir_;
  std::optional<StaticFiles> files_;
};

TEST_F(StaticFilesTest, HashedAssetsAreCachedAndIndexIsNot) {
  auto asset = Get("/assets/index-3f2a.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.body, "console.log(1)");
  EXPECT_EQ(asset.content_type, "application/javascript; charset=utf-8");
  EXPECT_EQ(CacheControl(asset), "public, max-age=31536000, immutable");
  auto index = Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(CacheControl(index), "no-cache");
  EXPECT_EQ(CacheControl(Get("/favicon.svg")), "no-cache");
}

TEST_F(StaticFilesTest, AppRoutesGetTheIndexAndMissingFilesA404) {
  auto route = Get("/persons/12");
  EXPECT_EQ(route.status, 200);
  EXPECT_NE(route.body.find("<title>cordon</title>"), std::string::npos);
  EXPECT_EQ(Get("/assets/missing-1234.js").status, 404);
}

TEST_F(StaticFilesTest, TheDeclarationPageHasItsOwnEntry) {
  EXPECT_NE(Get("/d/441900003013").body.find("<title>declare</title>"), std::string::npos);
  EXPECT_NE(Get("/persons/d/1").body.find("<title>cordon</title>"), std::string::npos);
  EXPECT_NE(Get("/d").body.find("<title>cordon</title>"), std::string::npos);
  EXPECT_NE(Get("/station").body.find("<title>station</title>"), std::string::npos);
  EXPECT_NE(Get("/station/entrance/3").body.find("<title>station</title>"), std::string::npos);
  EXPECT_NE(Get("/stations").body.find("<title>cordon</title>"), std::string::npos);
}

TEST_F(StaticFilesTest, NothingOutsideTheRoot) {
  std::ofstream(dir_.File("../secret.txt")) << "secret";
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/.env", "/%2e%2e/x"}) {
    auto r = Get(path);
    EXPECT_EQ(r.body.find("secret"), std::string::npos) << path;
  }
}

TEST(StaticFilesDisabledTest, NoRootServesNothing) {
  StaticFiles none("/nonexistent-dir");
  EXPECT_FALSE(none.enabled());
  Request req;
  req.path = "/";
  EXPECT_EQ(none.Serve(req).status, 404);
}

}  // namespace
}  // namespace cordon::http
