#include "cli/commands.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>

#include "app/audit_service.h"
#include "app/crypto.h"
#include "app/persons_service.h"
#include "app/places_service.h"
#include "app/registry_io_service.h"
#include "app/vault.h"
#include "domain/identity/id_number.h"
#include "domain/registry/demo.h"
#include "http/errors.h"
#include "http/router.h"
#include "http/server.h"
#include "http/services.h"
#include "http/static_files.h"
#include "sheet/sheet.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/backup.h"
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

// A PostgreSQL URL opens the PostgreSQL store; anything else is the path of a SQLite file.
std::unique_ptr<Store> OpenStore(const std::string& db,
                                 store::sqlite::SqliteOptions sqlite_options = {}) {
  if (store::postgres::IsPostgresUrl(db)) {
    return std::make_unique<store::postgres::PostgresStore>(db);
  }
  std::filesystem::path p(db);
  if (p.has_parent_path()) {
    std::filesystem::create_directories(p.parent_path());
  }
  return std::make_unique<store::sqlite::SqliteStore>(db, sqlite_options);
}

constexpr std::string_view kKeyIdSetting = "vault.key_id";

// Finds the sealing key (see KeyFlags), creating one for a database that has none yet, and
// checks it is the key the database was sealed with. Throws std::runtime_error with the reason.
app::Vault LoadVault(Store& store, const std::string& db, const std::string& key_file_flag) {
  if (db == ":memory:") {
    return *app::Vault::FromHex(app::Vault::NewKeyHex());  // nothing sealed outlives the process
  }
  std::optional<std::string> sealed_with;
  auto st = store.Read([&](Repositories& r) {
    sealed_with = r.settings.Get(std::string(kKeyIdSetting));
    return Ok();
  });
  if (!st.ok()) {
    throw std::runtime_error("cannot read the database settings");
  }
  std::string hex;
  std::string source;
  if (const char* env = std::getenv("CORDON_KEY"); env != nullptr && *env != '\0') {
    hex = env;
    source = "CORDON_KEY";
  } else if (key_file_flag.empty() && store::postgres::IsPostgresUrl(db)) {
    throw std::runtime_error(
        "with a PostgreSQL database, give the sealing key with --key-file or CORDON_KEY (every "
        "server of one database needs the same key)");
  } else {
    std::filesystem::path path = key_file_flag.empty()
                                     ? std::filesystem::path(db).replace_extension(".key")
                                     : std::filesystem::path(key_file_flag);
    source = path.string();
    std::ifstream in(path);
    if (in) {
      std::getline(in, hex);
      while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r' || hex.back() == ' ')) {
        hex.pop_back();
      }
    } else if (sealed_with) {
      throw std::runtime_error(fmt::format(
          "the database {} was sealed with key {}, but {} does not exist: give --key-file or "
          "CORDON_KEY",
          db, *sealed_with, source));
    } else {
      hex = app::Vault::NewKeyHex();
      const mode_t old = ::umask(077);  // the key file is for its owner alone
      std::ofstream out(path);
      out << hex << "\n";
      out.close();
      ::umask(old);
      if (!out) {
        throw std::runtime_error("cannot write the key file " + source);
      }
      spdlog::info("created the sealing key {}: keep it, and back it up apart from the database",
                   source);
    }
  }
  auto vault = app::Vault::FromHex(hex);
  if (!vault.ok()) {
    throw std::runtime_error("the key in " + source + " is not 64 hex characters");
  }
  if (sealed_with && *sealed_with != vault->KeyId()) {
    throw std::runtime_error(
        fmt::format("the key in {} (id {}) is not the key the database was sealed with (id {})",
                    source, vault->KeyId(), *sealed_with));
  }
  if (!sealed_with) {
    auto put = store.Write([&](Repositories& r) {
      r.settings.Put(std::string(kKeyIdSetting), vault->KeyId());
      return Ok();
    });
    if (!put.ok()) {
      throw std::runtime_error("cannot record the key id in the database");
    }
  }
  return *vault;
}

// Wires the services for commands that need them.
struct Wiring {
  Wiring(const std::string& db, const std::string& key_file, app::AuthOptions auth = {},
         store::sqlite::SqliteOptions sqlite_options = {})
      : store(OpenStore(db, sqlite_options)),
        vault(LoadVault(*store, db, key_file)),
        accounts(*store, clock, auth),
        audit(*store),
        places(*store, clock),
        persons(*store, clock, vault),
        registry_io(*store, clock, persons),
        signer(vault),
        declarations(*store, clock, persons, signer),
        health_rules(*store, clock),
        sweep(*store, clock),
        gate(*store, clock, persons, signer) {}
  SystemClock clock;
  std::unique_ptr<Store> store;
  app::Vault vault;
  app::AccountsService accounts;
  app::AuditService audit;
  app::PlacesService places;
  app::PersonsService persons;
  app::RegistryIoService registry_io;
  app::PassSigner signer;
  app::DeclarationsService declarations;
  app::HealthRulesService health_rules;
  app::SweepService sweep;
  app::GateService gate;

  http::Services Services() {
    return http::Services{accounts,     audit, places, persons, registry_io, declarations,
                          health_rules, sweep, gate,   signer,  clock};
  }
};

app::RequestContext CliContext() { return app::RequestContext{app::NewRequestId(), "cli"}; }

constexpr std::string_view kDemoPassword = "cordon-demo-2020";
constexpr std::string_view kDemoCommunity = "441900003013";

struct DemoAccount {
  const char* username;
  const char* role;
  const char* scope;  // relative: "" community, "-1" zone 1 …
  const char* display_name;
};

constexpr DemoAccount kDemoAccounts[] = {
    {"admin", "admin", nullptr, "系统管理员"},
    {"manager", "manager", "", "社区书记"},
    {"team1", "team_member", "", "工作队员"},
    {"volunteer1", "volunteer", "-1", "志愿者"},
    {"grid1", "grid_worker", "-1", "第一片区网格员"},
    {"grid2", "grid_worker", "-2", "第二片区网格员"},
    {"guard1", "guard", "-1", "东门门岗"},
    {"police1", "police", "", "社区民警"},
    {"property1", "property", "", "物业管理"},
    {"doctor1", "health", "", "社区医生"},
    {"shop1", "shop_owner", "", "商户"},
};

void PrintDemoAccounts() {
  fmt::print(
      "\nSign in at http://127.0.0.1:8080  (登录地址)\n"
      "Demo community 岗贝社区 ({}); password for every demo account: {}\n",
      kDemoCommunity, kDemoPassword);
  for (const auto& a : kDemoAccounts) {
    fmt::print("  {:<12} {:<12} {}\n", a.username, a.role, a.display_name);
  }
}

template <class T>
Status StatusOf(const Result<T>& r) {
  return r.ok() ? Ok() : Status(r.error());
}

// The demo community like the seed's 岗贝社区: regions, 4 zones with an entrance each, the
// registry imported from generated rows, and one account per role.
Status BuildDemo(Wiring& w, const std::vector<std::vector<std::string>>& rows) {
  const auto system = app::SystemPrincipal();
  const auto ctx = CliContext();
  for (const auto& [code, name] :
       {std::pair{"44", "广东省"}, std::pair{"4419", "东莞市"}, std::pair{"441900", "东莞市"},
        std::pair{"441900003", "东城街道"}}) {
    CORDON_RETURN_IF_ERROR(StatusOf(w.places.PutRegion(
        ctx, system, registry::Region{code, name, "", registry::RegionLevel::kProvince})));
  }
  CORDON_RETURN_IF_ERROR(StatusOf(w.places.CreateCommunity(
      ctx, system,
      app::CommunityInput{std::string(kDemoCommunity), "岗贝社区", "441900003", false})));
  const char* zone_names[] = {"第一片区", "第二片区", "第三片区", "第四片区"};
  const char* gates[] = {"东门", "南门", "西门", "北门"};
  const char* kinds[] = {"both", "people", "vehicles", "people"};
  for (int i = 0; i < 4; ++i) {
    auto zone = w.places.CreateZone(ctx, system, std::string(kDemoCommunity), i + 1, zone_names[i]);
    CORDON_RETURN_IF_ERROR(StatusOf(zone));
    CORDON_RETURN_IF_ERROR(
        StatusOf(w.places.CreateEntrance(ctx, system, std::string(kDemoCommunity),
                                         app::EntranceInput{gates[i], kinds[i], zone->id})));
  }
  auto report = w.registry_io.Import(
      ctx, system, std::string(kDemoCommunity),
      [&rows]() -> Result<std::unique_ptr<sheets::RowSource>> {
        return std::unique_ptr<sheets::RowSource>(new sheets::VectorRowSource(rows));
      },
      "demo");
  CORDON_RETURN_IF_ERROR(StatusOf(report));
  if (!report->run.applied) {
    const auto& e = report->errors.front();
    return MakeError(e.code, e.field, fmt::format("demo row {}: {}", e.row, e.detail));
  }
  for (const auto& a : kDemoAccounts) {
    app::NewUserRequest nu;
    nu.username = a.username;
    nu.password = std::string(kDemoPassword);
    nu.role = a.role;
    nu.display_name = a.display_name;
    if (a.scope != nullptr) {
      nu.scope = std::string(kDemoCommunity) + a.scope;
    }
    auto u = w.accounts.CreateUser(ctx, nullptr, nu);
    if (!u.ok() && u.error().code != "username.taken") {
      return u.error();
    }
  }
  fmt::print("demo community 岗贝社区: {} persons in {} rows imported\n", report->run.created,
             report->run.rows);
  return Ok();
}

// A UUID (v4 layout) for a demo gate event, from the generator's numbers: the station makes its
// own ids, and these only need to be unique.
std::string DemoEventId(std::mt19937_64& rng) {
  const std::uint64_t a = rng();
  const std::uint64_t b = rng();
  return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xfff,
                     0x8000 | (b >> 48 & 0x3fff), b & 0xffffffffffff);
}

// A day of the demo community's work, made through the same use cases as the real thing: the risk
// areas, the gate's peak-hour shifts (08:30–09:30 and 17:00–18:30, as in the seed), most
// residents' declarations for today (a few yellow after travel or contact, a few red with a
// fever), scans at the east gate since, one of them a fever, and two visitors. Those who have not
// declared are left for the sweep.
Status BuildDemoActivity(Wiring& w, const std::vector<std::vector<std::string>>& rows) {
  const auto ctx = CliContext();
  const auto user = [&](const char* name) -> Result<app::Principal> {
    std::optional<accounts::User> found;
    CORDON_RETURN_IF_ERROR(w.store->Read([&](Repositories& r) {
      if (auto c = r.users.FindByUsername(name)) {
        found = c->user;
      }
      return Ok();
    }));
    if (!found) {
      return MakeError("user.not_found", "", name);
    }
    return app::Principal{*found, ""};
  };
  auto manager = user("manager");
  auto guard = user("guard1");
  CORDON_RETURN_IF_ERROR(StatusOf(manager));
  CORDON_RETURN_IF_ERROR(StatusOf(guard));
  const CivilDate today = app::ChinaToday(w.clock);
  const auto day = [&](long offset) { return CivilFromDays(DaysFromCivil(today) + offset); };

  CORDON_RETURN_IF_ERROR(StatusOf(w.health_rules.AddRiskArea(
      ctx, *manager,
      health::RiskArea{0, "420100", "武汉市", health::RiskLevel::kHigh, day(-30), {}})));
  CORDON_RETURN_IF_ERROR(StatusOf(w.health_rules.AddRiskArea(
      ctx, *manager,
      health::RiskArea{0, "440300", "深圳市", health::RiskLevel::kMedium, day(-5), {}})));

  std::vector<registry::Entrance> entrances;
  CORDON_RETURN_IF_ERROR(w.store->Read([&](Repositories& r) -> Status {
    auto community = r.places.FindCommunity(std::string(kDemoCommunity));
    if (!community) {
      return MakeError("community.not_found", "", std::string(kDemoCommunity));
    }
    entrances = r.places.ListEntrances(community->id, std::nullopt);
    return Ok();
  }));
  // The east gate (zone 1) is guard1's.
  const auto east = std::find_if(entrances.begin(), entrances.end(),
                                 [](const auto& e) { return e.name == "东门"; });
  if (east == entrances.end()) {
    return MakeError("entrance.not_found", "", "东门");
  }
  for (const auto& e : entrances) {
    for (const auto& [starts, ends] : {std::pair{"08:30", "09:30"}, std::pair{"17:00", "18:30"}}) {
      gate::Shift shift;
      shift.day = FormatDate(today);
      shift.starts = starts;
      shift.ends = ends;
      // guard1 keeps the east gate; the other gates are kept by the property's staff.
      CORDON_RETURN_IF_ERROR(StatusOf(
          w.gate.AddShift(ctx, *manager, e.id, shift, e.id == east->id ? "guard1" : "property1")));
    }
  }

  // The day so far, on a clock of its own: declarations in its first third, then the gate. It
  // starts six hours ago, or just after midnight China time if that is later, so that every
  // declaration is today's and every scan comes after the pass it checks.
  const TimeMs now = w.clock.NowMs();
  const TimeMs midnight = DaysFromCivil(today) * 86'400'000 - 8 * 3'600'000;
  const TimeMs start = std::max(midnight + 60'000, now - 6 * 3'600'000);
  ManualClock clock(start);
  app::PersonsService persons(*w.store, clock, w.vault);
  app::DeclarationsService declarations(*w.store, clock, persons, w.signer);
  app::GateService gate(*w.store, clock, persons, w.signer);

  // Declarations: about four in five residents with a phone, from the generated rows (name, ID
  // number, phone first), each from a phone of its own.
  std::mt19937_64 rng(20200301);
  const TimeMs declaring = (now - start) / 3 / static_cast<TimeMs>(rows.size());
  std::vector<std::string> passes;  // zone 1's, for the east gate
  int counts[3] = {0, 0, 0};
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    if (row.size() < 4 || row[2].empty() || rng() % 5 == 0) {
      continue;
    }
    app::DeclarationInput in;
    in.community_code = std::string(kDemoCommunity);
    in.name = row[0];
    in.id_number = row[1];
    in.phone = row[2];
    in.temperature = 36.0 + static_cast<double>(rng() % 9) / 10;
    in.promise = true;
    const auto roll = rng() % 200;
    if (roll < 4) {
      in.travel.push_back({"420100", FormatDate(day(-6)), FormatDate(day(-3)), "G1024"});
    } else if (roll < 6) {
      in.contact_with_cases = true;
    } else if (roll < 7) {
      in.temperature = 37.6;
      in.symptoms = {"cough"};
    }
    const app::RequestContext phone{app::NewRequestId(), fmt::format("demo-phone-{}", i)};
    clock.Advance(declaring);
    auto submitted = declarations.Submit(phone, nullptr, in);
    CORDON_RETURN_IF_ERROR(StatusOf(submitted));
    counts[static_cast<int>(submitted->pass.colour)] += 1;
    if (submitted->declaration.zone_id == east->zone_id) {
      passes.push_back(submitted->pass.token);
    }
  }

  // Scans at the east gate over the rest of the day so far, a third of zone 1's passes.
  int scans = 0;
  const TimeMs scanning = (now - clock.NowMs()) / static_cast<TimeMs>(passes.size() / 3 + 1);
  for (size_t i = 0; i < passes.size(); i += 3) {
    clock.Advance(scanning);
    app::ScanInput in;
    in.entrance_id = east->id;
    in.token = passes[i];
    in.direction = rng() % 2 == 0 ? "in" : "out";
    // One resident runs a fever at the gate: a case is opened for the manager.
    in.temperature = scans == 40 ? 37.9 : 36.2 + static_cast<double>(rng() % 6) / 10;
    in.client_event_id = DemoEventId(rng);
    in.device = "demo";
    CORDON_RETURN_IF_ERROR(StatusOf(gate.Scan(ctx, *guard, in)));
    ++scans;
  }
  const char* visitors[][4] = {{"陈志强", "44030419850312", "13922223333", "送货"},
                               {"林晓燕", "44190019900720", "13700001111", "探亲"}};
  for (const auto& v : visitors) {
    app::VisitorInput in;
    in.entrance_id = east->id;
    in.name = v[0];
    const std::string first17 = std::string(v[1]) + "123";
    in.doc_number = first17 + identity::IdCheckCharacter(first17);
    in.phone = v[2];
    in.host = "1栋1单元101";
    in.purpose = v[3];
    in.temperature = 36.4;
    CORDON_RETURN_IF_ERROR(StatusOf(gate.RegisterVisitor(ctx, *guard, in)));
  }
  fmt::print(
      "demo activity: {} declarations today ({} green, {} yellow, {} red), {} gate events at {}, "
      "2 visitors, {} shifts, 2 risk areas\n",
      counts[0] + counts[1] + counts[2], counts[0], counts[1], counts[2], scans, east->name,
      entrances.size() * 2);
  return Ok();
}

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
    const bool postgres = store::postgres::IsPostgresUrl(flags.db);
    // SQLite's reads are CPU work on local pages: one worker per core, for more would only be
    // switched out mid-query, holding their requests (a person search over a million persons: p99
    // 17-18 ms with two workers on two cores, 20-21 ms with four, 24 ms with six; a signed-in read
    // 24-27k req/s against 17k). A PostgreSQL read waits for a round trip, so more overlap.
    const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    options.worker_threads = flags.workers > 0 ? flags.workers : (postgres ? 4 : 1) * cores;
    options.write_threads = flags.write_threads;
    options.later_on_io_thread = !postgres;
    options.idle_timeout = std::chrono::seconds(flags.idle_timeout_s);
    options.access_log = !flags.no_access_log;
    options.trusted_proxies = flags.trusted_proxies;

    app::AuthOptions auth;
    auth.idle_ms = flags.session_idle_s * 1000L;
    auth.absolute_ms = flags.session_max_s * 1000L;
    Wiring w(flags.db, flags.key_file, auth);
    http::Services services = w.Services();
    services.temp_dir = options.temp_dir;
    http::Router router(w.accounts);
    http::RegisterAllRoutes(router, services);
    http::StaticFiles web(flags.web);
    if (web.enabled()) {
      router.SetFallback(
          [&web](const http::Request& req, http::RouteContext&) { return web.Serve(req); });
    } else {
      spdlog::warn("no web console in {}: serving the API only", flags.web);
    }
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

int Backup(const std::string& db, const std::string& out) {
  if (store::postgres::IsPostgresUrl(db)) {
    std::cerr << "error: a PostgreSQL database is backed up with pg_dump or pgBackRest; see "
                 "docs/deployment.md\n";
    return 2;
  }
  try {
    const int pages = store::sqlite::Backup(db, out);
    fmt::print("backed up {} to {} ({} pages); the sealing key is not in it: keep it apart\n", db,
               out, pages);
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
    auto store = OpenStore(db);
    SystemClock clock;
    app::AccountsService accounts(*store, clock, {});
    auto user = accounts.CreateUser(CliContext(), nullptr, req);
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

int Demo(const std::string& db, const KeyFlags& key, bool activity) {
  try {
    app::InitCrypto();
    Wiring w(db, key.key_file);
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
      auto rows = registry::DemoRegistryRows(registry::DemoShape{}, app::ChinaToday(w.clock));
      auto built = BuildDemo(w, rows);
      if (built.ok() && activity) {
        built = BuildDemoActivity(w, rows);
      }
      if (!built.ok()) {
        PrintError(built.error());
        return 1;
      }
      fmt::print("demo data created in {}\n", db);
    } else {
      fmt::print("{} already has {} account(s); demo data left as it is\n", db, users);
    }
    PrintDemoAccounts();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

int ImportPersons(const std::string& db, const KeyFlags& key, const ImportFlags& flags) {
  try {
    app::InitCrypto();
    // One long transaction touching every index of the registry: a large writer cache.
    store::sqlite::SqliteOptions bulk;
    bulk.writer_cache_kib = 256 * 1024;
    Wiring w(db, key.key_file, {}, bulk);
    sheet::ReadOptions options;
    if (flags.encoding == "gb18030") {
      options.encoding = sheet::Encoding::kGb18030;
    } else if (flags.encoding == "utf-8") {
      options.encoding = sheet::Encoding::kUtf8;
    }
    const auto start = std::chrono::steady_clock::now();
    auto report = w.registry_io.Import(
        CliContext(), app::SystemPrincipal(), flags.community,
        [&]() { return sheet::OpenSheet(flags.file, options); },
        std::filesystem::path(flags.file).filename().string());
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!report.ok()) {
      PrintError(report.error());
      return 1;
    }
    const auto& run = report->run;
    if (!run.applied) {
      std::cerr << fmt::format("import rejected: {} error(s) in {} row(s); nothing was imported\n",
                               run.errors, run.rows);
      int shown = 0;
      for (const auto& e : report->errors) {
        if (++shown > 50) {
          std::cerr << "  …\n";
          break;
        }
        std::cerr << fmt::format(
            "  row {} [{}] {}: {}\n", e.row, e.column, e.code,
            http::LocalizedMessage(Error{e.code, e.field, e.detail}, TerminalLang()));
      }
      return 1;
    }
    fmt::print(
        "imported {} rows in {:.1f} s ({:.0f} rows/s): {} created, {} updated, {} unchanged "
        "(import {})\n",
        run.rows, seconds, run.rows / std::max(seconds, 1e-9), run.created, run.updated,
        run.unchanged, run.id);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

int ExportPersons(const std::string& db, const KeyFlags& key, const ExportFlags& flags) {
  try {
    app::InitCrypto();
    Wiring w(db, key.key_file);
    const bool csv = flags.format.empty() ? flags.out.ends_with(".csv") : flags.format == "csv";
    auto sink = csv ? sheet::CreateCsv(flags.out) : sheet::CreateXlsx(flags.out, "人员信息表");
    if (!sink.ok()) {
      PrintError(sink.error());
      return 1;
    }
    auto written =
        w.registry_io.Export(CliContext(), app::SystemPrincipal(), flags.community, **sink);
    if (!written.ok()) {
      PrintError(written.error());
      return 1;
    }
    fmt::print("wrote {} persons to {}\n", *written, flags.out);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}

int KeyGen() {
  app::InitCrypto();
  fmt::print("{}\n", app::Vault::NewKeyHex());
  return 0;
}

int Routes() {
  // The routes need services to be registered, but are never called here: a store in memory.
  Wiring w(":memory:", "");
  http::Services services = w.Services();
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
