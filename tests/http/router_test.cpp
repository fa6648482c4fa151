// The router's one seam, without a socket: matching, 404/405, content type, authentication and
// the permission check that every non-public route gets.
#include "http/router.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/audit_service.h"
#include "http/services.h"
#include "store/sqlite/sqlite_store.h"
#include "support/temp_dir.h"

namespace cordon::http {
namespace {

class RouterTest : public ::testing::Test {
 protected:
  RouterTest()
      : store_(dir_.File("a.db")),
        accounts_(store_, clock_, FastAuth()),
        audit_(store_),
        vault_(*app::Vault::FromHex(std::string(64, 'a'))),
        places_(store_, clock_),
        persons_(store_, clock_, vault_),
        io_(store_, clock_, persons_),
        signer_(vault_),
        declarations_(store_, clock_, persons_, signer_),
        rules_(store_, clock_),
        sweep_(store_, clock_),
        gate_(store_, clock_, persons_, signer_),
        services_{accounts_, audit_, places_, persons_, io_,   declarations_,
                  rules_,    sweep_, gate_,   signer_,  clock_},
        router_(accounts_) {
    app::InitCrypto();
    RegisterAllRoutes(router_, services_);
    app::RequestContext ctx{"r", "cli"};
    EXPECT_TRUE(accounts_.CreateUser(ctx, nullptr, {"root", "password1", "", "admin", ""}).ok());
    EXPECT_TRUE(
        accounts_
            .CreateUser(ctx, nullptr, {"guard1", "password1", "", "guard", "zone:441900003001-1"})
            .ok());
  }

  static app::AuthOptions FastAuth() {
    app::AuthOptions o;
    o.password.ops_limit = 1;
    o.password.mem_limit = 8192;
    return o;
  }

  Response Call(const std::string& method, const std::string& path, const std::string& body = "",
                const std::string& token = "",
                const std::string& content_type = "application/json") {
    Request req;
    req.method = method;
    req.path = path;
    req.body = body;
    req.request_id = "t";
    req.client_address = "127.0.0.1";
    if (!content_type.empty()) {
      req.headers.emplace_back("content-type", content_type);
    }
    if (!token.empty()) {
      req.headers.emplace_back("authorization", "Bearer " + token);
    }
    return router_.Handle(router_.Find(method, path), req);
  }

  std::string Login(const std::string& name) {
    auto r = Call("POST", "/api/v1/auth/login",
                  R"({"username":")" + name + R"(","password":"password1"})");
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(boost::json::parse(r.body).at("token").as_string());
  }

  static std::string Code(const Response& r) {
    return std::string(boost::json::parse(r.body).at("error").at("code").as_string());
  }

  cordon::testing::TempDir dir_;
  store::sqlite::SqliteStore store_;
  SystemClock clock_;
  app::AccountsService accounts_;
  app::AuditService audit_;
  app::Vault vault_;
  app::PlacesService places_;
  app::PersonsService persons_;
  app::RegistryIoService io_;
  app::PassSigner signer_;
  app::DeclarationsService declarations_;
  app::HealthRulesService rules_;
  app::SweepService sweep_;
  app::GateService gate_;
  Services services_;
  Router router_;
};

TEST_F(RouterTest, EveryRouteIsPublicOnlyByDesign) {
  // The routes that anyone may call, by name; every other route names a permission.
  const std::set<std::string> kPublic = {
      "getHealth", "getHello",         "login",     "getDeclarationDirectory",
      "getPassQr", "getPassPublicKey", "verifyPass"};
  // Public to a caller without a token; with one, the permission holds.
  const std::set<std::string> kTokenOptional = {"submitDeclaration"};
  EXPECT_GT(router_.routes().size(), 40u);
  std::set<std::string> ids;
  for (const Route& r : router_.routes()) {
    EXPECT_TRUE(ids.insert(r.operation_id).second) << "duplicate operationId " << r.operation_id;
    if (kPublic.contains(r.operation_id)) {
      EXPECT_TRUE(r.permission.empty()) << r.operation_id;
    } else {
      EXPECT_FALSE(r.permission.empty()) << r.operation_id << " has no permission";
    }
    EXPECT_FALSE(r.on_io_thread && !r.permission.empty()) << r.operation_id;
    EXPECT_EQ(r.token_optional, kTokenOptional.contains(r.operation_id)) << r.operation_id;
  }
}

TEST_F(RouterTest, NotFoundAndMethodNotAllowed) {
  auto nf = Call("GET", "/api/v1/nothing");
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(Code(nf), "route.not_found");
  auto na = Call("DELETE", "/api/v1/auth/login");
  EXPECT_EQ(na.status, 405);
  EXPECT_EQ(Code(na), "route.method_not_allowed");
  ASSERT_EQ(na.headers.size(), 1u);
  EXPECT_EQ(na.headers[0], (std::pair<std::string, std::string>{"Allow", "POST"}));
}

TEST_F(RouterTest, PathParametersAreCaptured) {
  std::vector<std::pair<std::string, std::string>> params;
  Router r(accounts_);
  r.Add(Route{.method = "GET", .pattern = "/a/{id}/b", .operation_id = "x", .handler = {}});
  auto m = r.Find("GET", "/a/42/b");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at(0).second, "42");
  EXPECT_EQ(r.Find("GET", "/a//b").route, nullptr);
  EXPECT_EQ(r.Find("GET", "/a/42").route, nullptr);
}

TEST_F(RouterTest, ContentTypeIsChecked) {
  auto r = Call("POST", "/api/v1/auth/login", R"({"username":"root","password":"password1"})", "",
                "text/plain");
  EXPECT_EQ(r.status, 415);
  auto missing = Call("POST", "/api/v1/auth/login", "{}", "", "");
  EXPECT_EQ(missing.status, 415);
  auto charset = Call("POST", "/api/v1/auth/login", R"({"username":"root","password":"password1"})",
                      "", "Application/JSON; charset=utf-8");
  EXPECT_EQ(charset.status, 200);
}

TEST_F(RouterTest, AuthenticationThenPermission) {
  EXPECT_EQ(Code(Call("GET", "/api/v1/audit")), "auth.unauthenticated");
  EXPECT_EQ(Call("GET", "/api/v1/audit", "", "not-a-token").status, 401);
  const std::string guard = Login("guard1");
  auto forbidden = Call("GET", "/api/v1/audit", "", guard);
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(Code(forbidden), "auth.forbidden");
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", "", guard).status, 200);
  const std::string root = Login("root");
  auto ok = Call("GET", "/api/v1/audit", "", root);
  EXPECT_EQ(ok.status, 200);
  EXPECT_TRUE(ok.user_id.has_value());
}

TEST_F(RouterTest, HandlerExceptionsBecomeAnInternalError) {
  Router r(accounts_);
  r.Add(Route{.method = "GET",
              .pattern = "/boom",
              .operation_id = "boom",
              .handler = [](const Request&, RouteContext&) -> Response {
                throw std::runtime_error("boom");
              }});
  Request req;
  req.method = "GET";
  req.path = "/boom";
  auto res = r.Handle(r.Find("GET", "/boom"), req);
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(Code(res), "internal");
}

TEST(LangTest, Negotiation) {
  EXPECT_EQ(NegotiateLang(""), Lang::kZhCn);
  EXPECT_EQ(NegotiateLang("en"), Lang::kEn);
  EXPECT_EQ(NegotiateLang("en-US,en;q=0.9"), Lang::kEn);
  EXPECT_EQ(NegotiateLang("zh-CN,zh;q=0.9,en;q=0.8"), Lang::kZhCn);
  EXPECT_EQ(NegotiateLang("fr-FR, en;q=0.5"), Lang::kEn);
  EXPECT_EQ(NegotiateLang("en;q=0.2, zh;q=0.8"), Lang::kZhCn);
  EXPECT_EQ(NegotiateLang("de"), Lang::kZhCn);
  EXPECT_EQ(NegotiateLang("en;q=0"), Lang::kZhCn);
}

TEST(ClientAddressTest, BelievesForwardedForOnlyFromTrustedProxies) {
  const std::vector<std::string> proxies{"10.0.0.1", "10.0.0.2"};
  // A direct client: its header is ignored.
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.1", proxies), "203.0.113.9");
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.1", {}), "203.0.113.9");
  // Through a proxy: the address the proxy appended.
  EXPECT_EQ(ClientAddress("10.0.0.1", "198.51.100.1", proxies), "198.51.100.1");
  // A client's own entries sit left of it; proxies chained are skipped from the right.
  EXPECT_EQ(ClientAddress("10.0.0.1", "1.2.3.4, 198.51.100.1", proxies), "198.51.100.1");
  EXPECT_EQ(ClientAddress("10.0.0.1", "198.51.100.1,10.0.0.2", proxies), "198.51.100.1");
  EXPECT_EQ(ClientAddress("10.0.0.1", " 2001:db8::7 ", proxies), "2001:db8::7");
  // Nothing usable: the proxy itself.
  EXPECT_EQ(ClientAddress("10.0.0.1", "", proxies), "10.0.0.1");
  EXPECT_EQ(ClientAddress("10.0.0.1", "10.0.0.2", proxies), "10.0.0.1");
  EXPECT_EQ(ClientAddress("10.0.0.1", "unknown", proxies), "10.0.0.1");
}

}  // namespace
}  // namespace cordon::http
