#include "cli/commands.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/audit_service.h"
#include "app/crypto.h"
#include "http/errors.h"
#include "http/router.h"
#include "http/server.h"
#include "http/services.h"
#include "store/sqlite/sqlite_store.h"

namespace cordon::cli {
namespace {

// The command line speaks the language of the terminal: English when LANG says so.
http::Lang TerminalLang() {
  const char* lang = std::getenv("LANG");
  return (lang != nullptr && std::string_view(lang).starts_with("en")) ? http::Lang::kEn
                                                                       : http::Lang::kZhCn;
}

void PrintError(const Error& e) {
  std::cerr << "error: " << e.code;
  if (!e.field.empty()) {
    std::cerr << " (" << e.field << ")";
  }
  std::cerr << ": " << http::LocalizedMessage(e, TerminalLang()) << "\n";
}

std::unique_ptr<store::sqlite::SqliteStore> OpenStore(const std::string& db) {
  std::filesystem::path p(db);
  if (p.has_parent_path()) {
    std::filesystem::create_directories(p.parent_path());
  }
  return std::make_unique<store::sqlite::SqliteStore>(db);
}

// Wires the services for commands that need them.
struct Wiring {
  explicit Wiring(const std::string& db, app::AuthOptions auth = {})
      : store(OpenStore(db)), accounts(*store, clock, auth), audit(*store) {}
  SystemClock clock;
  std::unique_ptr<store::sqlite::SqliteStore> store;
  app::AccountsService accounts;
  app::AuditService audit;
};

constexpr std::string_view kDemoAdmin = "admin";
constexpr std::string_view kDemoPassword = "cordon-demo-2020";

}  // namespace

int Serve(const ServeFlags& flags) {
  try {
    app::InitCrypto();
    http::ServerOptions options;
    auto colon = flags.listen.rfind(':');
    if (colon == std::string::npos) {
      std::cerr << "error: --listen must be HOST:PORT\n";
      return 2;
    }
    options.host = flags.listen.substr(0, colon);
    options.port = static_cast<unsigned short>(std::stoi(flags.listen.substr(colon + 1)));
    options.io_threads = flags.io_threads;
    options.worker_threads = flags.workers;
    options.idle_timeout = std::chrono::seconds(flags.idle_timeout_s);
    options.access_log = !flags.no_access_log;

    app::AuthOptions auth;
    auth.idle_ms = flags.session_idle_s * 1000L;
    auth.absolute_ms = flags.session_max_s * 1000L;
    Wiring w(flags.db, auth);
    http::Services services{w.accounts, w.audit, w.clock};
    http::Router router(w.accounts);
    http::RegisterAllRoutes(router, services);
    http::Server server(router, options);
    const unsigned short port = server.Listen();
    fmt::print("cordon listening on http://{}:{}\n", options.host, port);
    std::fflush(stdout);
    server.Run();
    fmt::print("cordon stopped\n");
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

int Migrate(const std::string& db) {
  try {
    auto store = OpenStore(db);  // opening applies the migrations
    fmt::print("{}: schema is up to date\n", db);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

int UserAdd(const std::string& db, const app::NewUserRequest& request) {
  try {
    app::InitCrypto();
    app::NewUserRequest req = request;
    if (!std::getline(std::cin, req.password)) {
      std::cerr << "error: no password on standard input\n";
      return 2;
    }
    while (!req.password.empty() && (req.password.back() == '\r' || req.password.back() == '\n')) {
      req.password.pop_back();
    }
    Wiring w(db);
    app::RequestContext ctx{app::NewRequestId(), "cli"};
    auto user = w.accounts.CreateUser(ctx, nullptr, req);
    if (!user.ok()) {
      PrintError(user.error());
      return 1;
    }
    fmt::print("created user {} (id {}, role {}, scope {})\n", user->username, user->id,
               accounts::RoleCode(user->role), accounts::FormatScope(user->scope));
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

int Demo(const std::string& db) {
  try {
    app::InitCrypto();
    Wiring w(db);
    std::int64_t users = 0;
    auto counted = w.store->Read([&](Repositories& r) {
      users = r.users.Count();
      return Ok();
    });
    if (!counted.ok()) {
      PrintError(counted.error());
      return 1;
    }
    if (users == 0) {
      app::RequestContext ctx{app::NewRequestId(), "cli"};
      app::NewUserRequest admin{std::string(kDemoAdmin), std::string(kDemoPassword), "系统管理员",
                                "admin", ""};
      auto created = w.accounts.CreateUser(ctx, nullptr, admin);
      if (!created.ok()) {
        PrintError(created.error());
        return 1;
      }
      fmt::print("demo data created in {}\n", db);
    } else {
      fmt::print("{} already has {} account(s); demo data left as it is\n", db, users);
    }
    fmt::print(
        "\nSign in at http://127.0.0.1:8080 (API: POST /api/v1/auth/login)\n"
        "  demo accounts (password for each: {}):\n"
        "    {:<12} admin (系统管理员)\n",
        kDemoPassword, kDemoAdmin);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

int Routes() {
  // The routes need services to be registered, but are never called here: a store in memory.
  Wiring w(":memory:");
  http::Services services{w.accounts, w.audit, w.clock};
  http::Router router(w.accounts);
  http::RegisterAllRoutes(router, services);
  for (const auto& r : router.routes()) {
    boost::json::object o{{"method", r.method},
                          {"path", r.pattern},
                          {"operation_id", r.operation_id},
                          {"permission", r.permission},
                          {"body_limit", r.body_limit},
                          {"json_body", r.json_body}};
    fmt::print("{}\n", boost::json::serialize(o));
  }
  return 0;
}

}  // namespace cordon::cli
