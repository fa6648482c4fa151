// Health declarations, passes, colour rules, risk areas, and the sweep with its visit tasks.
#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "domain/accounts/roles.h"
#include "domain/registry/person.h"
#include "http/errors.h"
#include "http/qr_image.h"
#include "http/routes/downloads.h"
#include "http/routes/json_views.h"
#include "http/routes/route_helpers.h"
#include "http/services.h"

namespace cordon::http {
namespace {

namespace perm = accounts::perm;
using health::Colour;

// The most travel legs, symptoms and rules one body may carry.
constexpr size_t kMaxTravelLegs = 20;
constexpr size_t kMaxSymptoms = 16;
constexpr size_t kMaxRules = 50;

// A reason in words, in the caller's language (locales/server: reason.*, symptom_name.*).
std::string ReasonMessage(const health::Reason& r, Lang lang) {
  std::string fact = r.fact;
  if (r.when == health::Condition::kAnySymptom) {
    // The codes as words: "cough,fever" → "咳嗽、发热".
    fact.clear();
    size_t start = 0;
    while (start <= r.fact.size()) {
      size_t end = r.fact.find(',', start);
      end = end == std::string::npos ? r.fact.size() : end;
      if (!fact.empty()) {
        fact += LocalizedMessage(MakeError("text.list_separator"), lang);
      }
      fact +=
          LocalizedMessage(MakeError("symptom_name." + r.fact.substr(start, end - start)), lang);
      start = end + 1;
    }
  }
  return LocalizedMessage(
      MakeError("reason." + std::string(health::ConditionCode(r.when)), "", fact), lang);
}

boost::json::array ReasonsJson(const std::vector<health::Reason>& reasons, Lang lang) {
  boost::json::array out;
  for (const auto& r : reasons) {
    out.push_back({{"rule", r.rule_id},
                   {"when", health::ConditionCode(r.when)},
                   {"colour", health::ColourCode(r.colour)},
                   {"fact", r.fact},
                   {"message", ReasonMessage(r, lang)}});
  }
  return out;
}

double Celsius(int tenths) { return tenths / 10.0; }

boost::json::object DeclarationJson(const health::DeclarationRecord& d, Lang lang) {
  boost::json::array travel;
  for (const auto& l : d.travel) {
    travel.push_back({{"region_code", l.region_code},
                      {"from", FormatDate(l.from)},
                      {"to", FormatDate(l.to)},
                      {"transport", l.transport}});
  }
  boost::json::array symptoms;
  for (const auto& s : d.symptoms) {
    symptoms.emplace_back(s);
  }
  return {{"id", d.id},
          {"community_id", d.community_id},
          {"person_id", d.person_id},
          {"person_name", d.person_name},
          {"zone_id", d.zone_id ? boost::json::value(*d.zone_id) : nullptr},
          {"household_id", d.household_id ? boost::json::value(*d.household_id) : nullptr},
          {"day", d.day},
          {"submitted_at", FormatTime(d.submitted_at)},
          {"temperature", Celsius(d.temperature_tenths)},
          {"symptoms", std::move(symptoms)},
          {"travel", std::move(travel)},
          {"contact_with_cases", d.contact_with_cases},
          {"contact_with_risk_area", d.contact_with_risk_area},
          {"plate", d.plate},
          {"colour", health::ColourCode(d.colour)},
          {"reasons", ReasonsJson(d.reasons, lang)},
          {"rules_version", d.rules_version},
          {"assisted", d.assisted_by.has_value()},
          {"assisted_by_name", d.assisted_by_name},
          {"superseded", d.superseded}};
}

boost::json::object PassJson(const app::IssuedPass& p) {
  return {{"colour", health::ColourCode(p.colour)},
          {"token", p.token},
          {"expires_at", FormatTime(p.expires_at)},
          {"state", health::PassStateCode(p.state)}};
}

boost::json::object RuleSetJson(const health::StoredRuleSet& s) {
  boost::json::array rules;
  for (const auto& r : s.rules.rules) {
    boost::json::array symptoms;
    for (const auto& x : r.symptoms) {
      symptoms.emplace_back(x);
    }
    rules.push_back({{"id", r.id},
                     {"when", health::ConditionCode(r.when)},
                     {"colour", health::ColourCode(r.colour)},
                     {"temperature", Celsius(r.temperature_tenths)},
                     {"symptoms", std::move(symptoms)},
                     {"min_level", health::RiskLevelCode(r.min_level)},
                     {"within_days", r.within_days},
                     {"note", r.note}});
  }
  return {{"version", s.rules.version},
          {"valid_days", s.rules.valid_days},
          {"rules", std::move(rules)},
          {"created_at", s.created_at ? boost::json::value(FormatTime(s.created_at)) : nullptr},
          {"created_by_name", s.created_by_name}};
}

boost::json::object ChangesJson(const app::ColourChanges& c) {
  boost::json::object changes;
  for (const auto& [k, v] : c.changes) {
    changes[k] = v;
  }
  return {{"persons", c.persons}, {"changed", c.changed}, {"changes", std::move(changes)}};
}

boost::json::object RiskAreaJson(const health::RiskArea& a) {
  return {{"id", a.id},
          {"region_code", a.region_code},
          {"name", a.name},
          {"level", health::RiskLevelCode(a.level)},
          {"from", FormatDate(a.from)},
          {"until", a.until ? boost::json::value(FormatDate(*a.until)) : nullptr}};
}

boost::json::object TaskJson(const health::VisitTask& t) {
  boost::json::array team;
  for (const auto& m : t.team) {
    team.emplace_back(m);
  }
  return {
      {"id", t.id},
      {"community_id", t.community_id},
      {"zone_id", t.zone_id ? boost::json::value(*t.zone_id) : nullptr},
      {"household_id", t.household_id},
      {"building", t.building},
      {"unit", t.unit},
      {"room", t.room},
      {"reason", t.reason},
      {"team", std::move(team)},
      {"open", t.open},
      {"visits", t.visits},
      {"last_outcome",
       t.last_outcome ? boost::json::value(health::VisitOutcomeCode(*t.last_outcome)) : nullptr},
      {"last_note", t.last_note},
      {"created_at", FormatTime(t.created_at)},
      {"updated_at", FormatTime(t.updated_at)}};
}

// The help-needed flags of a person, with "elderly" from their age as the registry shows it.
std::vector<std::string_view> FlagsOf(const health::UndeclaredPerson& u, const CivilDate& today) {
  auto flags = registry::FlagCodes(u.flags);
  if (auto birth = ParseDate(u.birth_date);
      birth && registry::AgeOn(*birth, today) >= registry::kElderlyAge) {
    flags.insert(flags.begin(), "elderly");
  }
  return flags;
}

boost::json::object UndeclaredJson(const health::UndeclaredPerson& u, const CivilDate& today) {
  boost::json::array flags;
  for (auto f : FlagsOf(u, today)) {
    flags.emplace_back(f);
  }
  return {{"person_id", u.person_id},
          {"name", u.name},
          {"phone", u.phone_masked},
          {"zone_id", u.zone_id ? boost::json::value(*u.zone_id) : nullptr},
          {"household_id", u.household_id ? boost::json::value(*u.household_id) : nullptr},
          {"building", u.building},
          {"unit", u.unit},
          {"room", u.room},
          {"flags", std::move(flags)},
          {"last_declared_day", u.last_declared_day}};
}

boost::json::object ArrivalJson(const app::ArrivalView& v) {
  const auto& p = v.person;
  return {
      {"person_id", p.id},
      {"name", p.name},
      {"id_number", p.doc_masked},
      {"phone", p.phone_masked},
      {"zone_id", p.zone_id ? boost::json::value(*p.zone_id) : nullptr},
      {"household_id", p.household_id ? boost::json::value(*p.household_id) : nullptr},
      {"building", p.building},
      {"unit", p.unit},
      {"room", p.room},
      {"arrived_at", FormatTime(v.arrival.arrived_at)},
      {"confirmed_at",
       v.arrival.confirmed_at ? boost::json::value(FormatTime(*v.arrival.confirmed_at)) : nullptr},
      {"confirmed_by_name", v.arrival.confirmed_by_name}};
}

// The body of submitDeclaration.
app::DeclarationInput ReadDeclaration(JsonReader& in) {
  app::DeclarationInput d;
  d.community_code = in.String("community_code");
  d.person_id = in.OptInt("person_id");
  d.name = in.OptString("name").value_or("");
  d.id_number = in.OptString("id_number").value_or("");
  d.phone = in.OptString("phone").value_or("");
  d.household_id = in.OptInt("household_id");
  d.temperature = in.Number("temperature");
  d.symptoms = in.OptStringArray("symptoms", kMaxSymptoms).value_or(std::vector<std::string>{});
  if (const auto* travel = in.Value("travel", false); travel != nullptr && !in.failed()) {
    if (!travel->is_array()) {
      in.Fail(MakeError("request.wrong_type", "travel", "array"));
    } else if (travel->as_array().size() > kMaxTravelLegs) {
      in.Fail(MakeError("request.too_many", "travel"));
    } else {
      for (size_t i = 0; i < travel->as_array().size() && !in.failed(); ++i) {
        const std::string field = "travel[" + std::to_string(i) + "]";
        const auto& leg = travel->as_array()[i];
        if (!leg.is_object()) {
          in.Fail(MakeError("request.wrong_type", field, "object"));
          break;
        }
        JsonReader r(leg.as_object(), field + ".");
        app::TravelInput t;
        t.region_code = r.String("region_code");
        t.from = r.String("from");
        t.to = r.String("to");
        t.transport = r.OptString("transport").value_or("");
        if (auto st = r.Finish(); !st.ok()) {
          in.Fail(st.error());
        }
        d.travel.push_back(std::move(t));
      }
    }
  }
  d.contact_with_cases = in.OptBool("contact_with_cases").value_or(false);
  d.contact_with_risk_area = in.OptBool("contact_with_risk_area").value_or(false);
  d.plate = in.OptString("plate").value_or("");
  d.promise = in.OptBool("promise").value_or(false);
  d.new_arrival = in.OptBool("new_arrival").value_or(false);
  if (const auto* dep = in.Value("dependant", false); dep != nullptr && !in.failed()) {
    if (!dep->is_object()) {
      in.Fail(MakeError("request.wrong_type", "dependant", "object"));
    } else {
      JsonReader r(dep->as_object(), "dependant.");
      app::DeclarationInput::Dependant who;
      who.name = r.String("name");
      who.id_number = r.String("id_number");
      if (auto st = r.Finish(); !st.ok()) {
        in.Fail(st.error());
      }
      d.dependant = std::move(who);
    }
  }
  return d;
}

// The body of updateColourRules and previewColourRules.
health::RuleSet ReadRuleSet(JsonReader& in) {
  health::RuleSet set;
  set.valid_days = static_cast<int>(in.OptInt("valid_days").value_or(1));
  const auto* rules = in.Value("rules", true);
  if (rules == nullptr || in.failed()) {
    return set;
  }
  if (!rules->is_array()) {
    in.Fail(MakeError("request.wrong_type", "rules", "array"));
    return set;
  }
  if (rules->as_array().size() > kMaxRules) {
    in.Fail(MakeError("rule.too_many", "rules"));
    return set;
  }
  for (size_t i = 0; i < rules->as_array().size() && !in.failed(); ++i) {
    const std::string field = "rules[" + std::to_string(i) + "]";
    const auto& v = rules->as_array()[i];
    if (!v.is_object()) {
      in.Fail(MakeError("request.wrong_type", field, "object"));
      break;
    }
    JsonReader r(v.as_object(), field + ".");
    health::Rule rule;
    rule.id = r.String("id");
    const std::string when = r.String("when");
    const std::string colour = r.String("colour");
    if (auto t = r.OptNumber("temperature")) {
      rule.temperature_tenths = static_cast<int>(std::lround(*t * 10));
    }
    rule.symptoms = r.OptStringArray("symptoms", kMaxSymptoms).value_or(std::vector<std::string>{});
    const std::string level = r.OptString("min_level").value_or("high");
    rule.within_days = static_cast<int>(r.OptInt("within_days").value_or(14));
    rule.note = r.OptString("note").value_or("");
    if (auto st = r.Finish(); !st.ok()) {
      in.Fail(st.error());
      break;
    }
    auto c = health::ParseCondition(when);
    auto col = health::ParseColour(colour);
    auto lvl = health::ParseRiskLevel(level);
    if (!c) {
      in.Fail(MakeError("rule.when", field + ".when"));
    } else if (!col) {
      in.Fail(MakeError("rule.colour", field + ".colour"));
    } else if (!lvl) {
      in.Fail(MakeError("rule.level", field + ".min_level"));
    } else {
      rule.when = *c;
      rule.colour = *col;
      rule.min_level = *lvl;
    }
    set.rules.push_back(std::move(rule));
  }
  return set;
}

health::RiskArea ReadRiskArea(JsonReader& in) {
  health::RiskArea a;
  a.region_code = in.String("region_code");
  a.name = in.OptString("name").value_or("");
  const std::string level = in.String("level");
  const std::string from = in.String("from");
  auto until = in.Value("until", false);
  if (in.failed()) {
    return a;
  }
  if (auto l = health::ParseRiskLevel(level)) {
    a.level = *l;
  } else {
    in.Fail(MakeError("risk_area.level", "level"));
  }
  if (auto f = ParseDate(from)) {
    a.from = *f;
  } else {
    in.Fail(MakeError("risk_area.dates", "from"));
  }
  if (until != nullptr && !until->is_null()) {
    auto u = until->is_string() ? ParseDate(std::string(until->as_string())) : std::nullopt;
    if (!u) {
      in.Fail(MakeError("risk_area.dates", "until"));
    }
    a.until = u;
  }
  return a;
}

Response QrAnswer(const Request& req, const std::string& text) {
  const auto format = req.Query("format").value_or("png");
  if (format != "png" && format != "svg") {
    return Fail(MakeError("request.invalid_query", "format"), req);
  }
  auto image = format == "png" ? QrPng(text) : QrSvg(text);
  if (!image.ok()) {
    return Fail(image.error(), req);
  }
  Response r;
  r.status = 200;
  r.content_type = format == "png" ? "image/png" : "image/svg+xml";
  r.body = std::move(*image);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

app::SweepQuery ReadSweepQuery(const Request& req, Status& st) {
  app::SweepQuery q;
  auto zone = QueryId(req, "zone_id");
  auto building = QueryId(req, "building_id");
  auto household = QueryId(req, "household_id");
  auto limit = QueryInt(req, "limit", 1, app::kMaxSweepPage);
  for (const Status& s :
       {zone.ok() ? Ok() : Status(zone.error()), building.ok() ? Ok() : Status(building.error()),
        household.ok() ? Ok() : Status(household.error()),
        limit.ok() ? Ok() : Status(limit.error())}) {
    if (!s.ok() && st.ok()) {
      st = s;
    }
  }
  if (!st.ok()) {
    return q;
  }
  q.zone_id = *zone;
  q.building_id = *building;
  q.household_id = *household;
  q.limit = static_cast<int>(limit->value_or(100));
  q.cursor = std::string(req.Query("cursor").value_or(""));
  return q;
}

void RegisterDeclarationRoutes(Router& router, Services& s) {
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/public/communities/{code}",
      .operation_id = "getDeclarationDirectory",
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            auto dir = s.declarations.Directory(std::string(ctx.Param("code")));
            return Answer(req, dir, [](const app::CommunityDirectory& d) {
              boost::json::array buildings;
              for (const auto& b : d.buildings) {
                boost::json::array units;
                for (const auto& u : b.units) {
                  boost::json::array households;
                  for (const auto& h : u.households) {
                    households.push_back({{"id", h.id}, {"room", h.room}});
                  }
                  units.push_back({{"id", u.unit.id},
                                   {"name", u.unit.name},
                                   {"households", std::move(households)}});
                }
                buildings.push_back({{"id", b.building.id},
                                     {"name", b.building.name},
                                     {"units", std::move(units)}});
              }
              boost::json::array symptoms;
              for (auto code : health::SymptomCodes()) {
                symptoms.emplace_back(code);
              }
              return boost::json::object{
                  {"community", {{"code", d.community.code}, {"name", d.community.name}}},
                  {"buildings", std::move(buildings)},
                  {"symptoms", std::move(symptoms)}};
            });
          },
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/declarations",
      .operation_id = "submitDeclaration",
      .permission = std::string(perm::kDeclarationAssist),
      .later =
          [&s](const Request& req, RouteContext& ctx, const Reply& reply) {
            auto read = [](JsonReader& in) -> Result<app::DeclarationInput> {
              return ReadDeclaration(in);
            };
            auto answer = [&req](const Result<app::Submitted>& done) {
              return Answer(
                  req, done,
                  [&](const app::Submitted& sub) {
                    auto d = DeclarationJson(sub.declaration, req.lang);
                    d["masked_name"] = sub.masked_name;
                    return boost::json::object{{"declaration", std::move(d)},
                                               {"pass", PassJson(sub.pass)}};
                  },
                  201);
            };
            WithJsonLater(req, reply, read, [&](app::DeclarationInput input) {
              const app::Principal* staff = ctx.principal ? &*ctx.principal : nullptr;
              ReplyWhenDone(s.declarations.SubmitLater(ctx.request, staff, std::move(input)), reply,
                            answer);
            });
          },
      // A declaration is a few hundred bytes; twenty travel legs stay well under this.
      .body_limit = 64 * 1024,
      .json_body = true,
      .token_optional = true,
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/passes/qr",
      .operation_id = "getPassQr",
      .handler =
          [&s](const Request& req, RouteContext&) {
            const auto token = req.Query("token");
            if (!token || token->empty()) {
              return Fail(MakeError("request.invalid_query", "token"), req);
            }
            // Only a pass this server signed is drawn: the image is never a carrier for text.
            auto check = s.declarations.Check(*token);
            if (!check.ok()) {
              return Fail(check.error(), req);
            }
            return QrAnswer(req, std::string(*token));
          },
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/passes/public-key",
      .operation_id = "getPassPublicKey",
      .handler =
          [&s](const Request&, RouteContext&) {
            Response r = JsonResponse(200, boost::json::object{{"algorithm", "Ed25519"},
                                                               {"key_id", s.signer.KeyId()},
                                                               {"public_key", s.signer.PublicKey()},
                                                               {"encoding", "base64url"},
                                                               {"format", "CP1"}});
            r.headers.emplace_back("Cache-Control", "public, max-age=3600");
            return r;
          },
      .on_io_thread = true,
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/passes/verify",
      .operation_id = "verifyPass",
      .handler =
          [&s](const Request& req, RouteContext&) {
            return WithJson(req, [&](JsonReader& in) {
              const std::string token = in.String("token");
              if (auto bad = Rejected(in, req)) {
                return *bad;
              }
              auto check = s.declarations.Check(token);
              return Answer(req, check, [](const app::PassCheck& c) {
                return boost::json::object{{"state", health::PassStateCode(c.state)},
                                           {"valid", c.state == health::PassState::kValid},
                                           {"colour", health::ColourCode(c.claims.colour)},
                                           {"community_code", c.claims.community_code},
                                           {"issued_at", FormatTime(c.claims.issued_at)},
                                           {"expires_at", FormatTime(c.claims.expires_at)}};
              });
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/declarations",
      .operation_id = "listDeclarations",
      .permission = std::string(perm::kDeclarationRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            app::DeclarationQuery q;
            auto zone = QueryId(req, "zone_id");
            auto limit = QueryInt(req, "limit", 1, app::kMaxDeclarationPage);
            auto assisted = QueryBool(req, "assisted");
            if (!zone.ok()) {
              return Fail(zone.error(), req);
            }
            if (!limit.ok()) {
              return Fail(limit.error(), req);
            }
            if (!assisted.ok()) {
              return Fail(assisted.error(), req);
            }
            q.zone_id = *zone;
            q.limit = static_cast<int>(limit->value_or(50));
            q.assisted = *assisted;
            q.cursor = std::string(req.Query("cursor").value_or(""));
            if (auto v = req.Query("day")) {
              q.day = std::string(*v);
            }
            if (auto v = req.Query("colour")) {
              q.colour = std::string(*v);
            }
            auto page = s.declarations.List(ctx.Who(), std::string(ctx.Param("code")), q);
            return Answer(req, page, [&](const app::DeclarationPage& p) {
              return PageJson(
                  ArrayOf(p.items, [&](const auto& d) { return DeclarationJson(d, req.lang); }),
                  p.next_cursor);
            });
          },
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/declarations/{id}",
      .operation_id = "getDeclaration",
      .permission = std::string(perm::kDeclarationRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "declaration.not_found", [&](std::int64_t id) {
              return Answer(req, s.declarations.Get(ctx.Who(), id),
                            [&](const auto& d) { return DeclarationJson(d, req.lang); });
            });
          },
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/colours",
      .operation_id = "getColours",
      .permission = std::string(perm::kDeclarationRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            auto summary = s.declarations.Colours(ctx.Who(), std::string(ctx.Param("code")));
            return Answer(req, summary, [](const app::ColourSummary& c) {
              auto counts = [](const health::ColourCount& n) {
                return boost::json::object{
                    {"green", n.green}, {"yellow", n.yellow}, {"red", n.red}, {"none", n.none}};
              };
              boost::json::array zones;
              for (const auto& z : c.zones) {
                auto o = counts(z.counts);
                o["zone_id"] = z.zone ? boost::json::value(z.zone->id) : nullptr;
                o["zone_name"] = z.zone ? z.zone->name : "";
                zones.push_back(std::move(o));
              }
              return boost::json::object{{"zones", std::move(zones)}, {"totals", counts(c.total)}};
            });
          },
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/persons/{id}/pass",
      .operation_id = "getPersonPass",
      .permission = std::string(perm::kDeclarationRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "person.not_found", [&](std::int64_t id) {
              return Answer(req, s.declarations.PassFor(ctx.Who(), id), PassJson);
            });
          },
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/declare-qr",
      .operation_id = "getDeclareQr",
      .permission = std::string(perm::kDeclarationRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            const std::string code(ctx.Param("code"));
            auto community = s.places.GetCommunity(ctx.Who(), code);
            if (!community.ok()) {
              return Fail(community.error(), req);
            }
            // The link as the caller reached this server: the address residents will reach too.
            std::string host(req.Header("host"));
            if (host.empty()) {
              host = "localhost";
            }
            const std::string scheme =
                req.Header("x-forwarded-proto") == "https" ? "https" : "http";
            return QrAnswer(req, scheme + "://" + host + "/d/" + code);
          },
  });
}

void RegisterArrivalRoutes(Router& router, Services& s) {
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/arrivals",
      .operation_id = "listArrivals",
      .permission = std::string(perm::kPersonRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            auto pending = QueryBool(req, "pending");
            auto limit = QueryInt(req, "limit", 1, app::kMaxDeclarationPage);
            if (!pending.ok()) {
              return Fail(pending.error(), req);
            }
            if (!limit.ok()) {
              return Fail(limit.error(), req);
            }
            auto page = s.declarations.Arrivals(ctx.Who(), std::string(ctx.Param("code")), *pending,
                                                std::string(req.Query("cursor").value_or("")),
                                                static_cast<int>(limit->value_or(50)));
            return Answer(req, page, [](const app::ArrivalPage& p) {
              return PageJson(ArrayOf(p.items, [&](const auto& a) { return ArrivalJson(a); }),
                              p.next_cursor);
            });
          },
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/persons/{id}/confirm-arrival",
      .operation_id = "confirmArrival",
      .permission = std::string(perm::kPersonWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "arrival.not_found", [&](std::int64_t id) {
              return Answer(req, s.declarations.ConfirmArrival(ctx.request, ctx.Who(), id),
                            ArrivalJson);
            });
          },
  });
}

void RegisterRuleRoutes(Router& router, Services& s) {
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/colour-rules",
      .operation_id = "getColourRules",
      .permission = std::string(perm::kRulesRead),
      .handler = [&s](const Request& req,
                      RouteContext&) { return Answer(req, s.health_rules.Rules(), RuleSetJson); },
  });
  router.Add(Route{
      .method = "PUT",
      .pattern = "/api/v1/colour-rules",
      .operation_id = "updateColourRules",
      .permission = std::string(perm::kRulesWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithJson(req, [&](JsonReader& in) {
              auto set = ReadRuleSet(in);
              if (auto bad = Rejected(in, req)) {
                return *bad;
              }
              auto saved = s.health_rules.SetRules(ctx.request, ctx.Who(), std::move(set));
              return Answer(req, saved, [](const auto& p) {
                auto o = RuleSetJson(p.first);
                o["changed"] = p.second.changed;
                o["changes"] = ChangesJson(p.second)["changes"];
                return o;
              });
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/colour-rules/preview",
      .operation_id = "previewColourRules",
      .permission = std::string(perm::kRulesWrite),
      .handler =
          [&s](const Request& req, RouteContext&) {
            return WithJson(req, [&](JsonReader& in) {
              auto set = ReadRuleSet(in);
              if (auto bad = Rejected(in, req)) {
                return *bad;
              }
              return Answer(req, s.health_rules.Preview(set), ChangesJson);
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/risk-areas",
      .operation_id = "listRiskAreas",
      .permission = std::string(perm::kRulesRead),
      .handler =
          [&s](const Request& req, RouteContext&) {
            return Answer(req, s.health_rules.RiskAreas(), [](const auto& areas) {
              boost::json::array items;
              for (const auto& a : areas) {
                items.push_back(RiskAreaJson(a));
              }
              return boost::json::object{{"items", std::move(items)}};
            });
          },
  });
  auto with_changes = [](const std::pair<health::RiskArea, app::ColourChanges>& p) {
    auto o = RiskAreaJson(p.first);
    o["changed"] = p.second.changed;
    return o;
  };
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/risk-areas",
      .operation_id = "createRiskArea",
      .permission = std::string(perm::kRulesWrite),
      .handler =
          [&s, with_changes](const Request& req, RouteContext& ctx) {
            return WithJson(req, [&](JsonReader& in) {
              auto area = ReadRiskArea(in);
              if (auto bad = Rejected(in, req)) {
                return *bad;
              }
              return Answer(req, s.health_rules.AddRiskArea(ctx.request, ctx.Who(), area),
                            with_changes, 201);
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "PUT",
      .pattern = "/api/v1/risk-areas/{id}",
      .operation_id = "updateRiskArea",
      .permission = std::string(perm::kRulesWrite),
      .handler =
          [&s, with_changes](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "risk_area.not_found", [&](std::int64_t id) {
              return WithJson(req, [&](JsonReader& in) {
                auto area = ReadRiskArea(in);
                if (auto bad = Rejected(in, req)) {
                  return *bad;
                }
                area.id = id;
                return Answer(req, s.health_rules.UpdateRiskArea(ctx.request, ctx.Who(), area),
                              with_changes);
              });
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "DELETE",
      .pattern = "/api/v1/risk-areas/{id}",
      .operation_id = "deleteRiskArea",
      .permission = std::string(perm::kRulesWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "risk_area.not_found", [&](std::int64_t id) {
              auto removed = s.health_rules.RemoveRiskArea(ctx.request, ctx.Who(), id);
              if (!removed.ok()) {
                return Fail(removed.error(), req);
              }
              return NoContent();
            });
          },
  });
}

void RegisterSweepRoutes(Router& router, Services& s) {
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/undeclared",
      .operation_id = "listUndeclared",
      .permission = std::string(perm::kSweepRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            Status st;
            auto q = ReadSweepQuery(req, st);
            if (!st.ok()) {
              return Fail(st.error(), req);
            }
            auto page = s.sweep.Undeclared(ctx.Who(), std::string(ctx.Param("code")), q);
            const CivilDate today = app::ChinaToday(s.clock);
            return Answer(req, page, [&](const app::UndeclaredPage& p) {
              auto o = PageJson(
                  ArrayOf(p.items, [&](const auto& u) { return UndeclaredJson(u, today); }),
                  p.next_cursor);
              o["total"] = p.total;
              return o;
            });
          },
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/undeclared.xlsx",
      .operation_id = "exportUndeclared",
      .permission = std::string(perm::kSweepRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            Status st;
            auto q = ReadSweepQuery(req, st);
            if (!st.ok()) {
              return Fail(st.error(), req);
            }
            const std::string code(ctx.Param("code"));
            auto rows = s.sweep.ExportRows(ctx.Who(), code, q);
            if (!rows.ok()) {
              return Fail(rows.error(), req);
            }
            const bool en = req.lang == Lang::kEn;
            const CivilDate today = app::ChinaToday(s.clock);
            const std::string path = TempFile(s, ".xlsx");
            auto sink = CreateSink(path, false, en ? "Undeclared" : "未申报");
            if (!sink.ok()) {
              return Fail(sink.error(), req);
            }
            Status w =
                (*sink)->Write(en ? std::vector<std::string>{"Name", "Phone", "Building", "Unit",
                                                             "Room", "Needs help", "Last declared"}
                                  : std::vector<std::string>{"姓名", "手机号", "楼栋", "单元",
                                                             "房号", "需帮扶", "最近申报"});
            for (const auto& u : *rows) {
              if (!w.ok()) {
                break;
              }
              std::string flags;
              for (auto f : FlagsOf(u, today)) {
                flags += (flags.empty() ? "" : ",") + std::string(f);
              }
              w = (*sink)->Write(
                  {u.name, u.phone_masked, u.building, u.unit, u.room, flags, u.last_declared_day});
            }
            if (w.ok()) {
              w = (*sink)->Finish();
            }
            if (!w.ok()) {
              std::filesystem::remove(path);
              return Fail(w.error(), req);
            }
            return Download(path, false, "undeclared-" + code, "未申报-" + code);
          },
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/communities/{code}/visit-tasks",
      .operation_id = "createVisitTasks",
      .permission = std::string(perm::kVisitWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithJson(req, [&](JsonReader& in) {
              app::SweepQuery scope;
              scope.zone_id = in.OptInt("zone_id");
              scope.building_id = in.OptInt("building_id");
              auto team = in.OptStringArray("team", 5).value_or(std::vector<std::string>{});
              if (auto bad = Rejected(in, req)) {
                return *bad;
              }
              auto created = s.sweep.CreateTasks(ctx.request, ctx.Who(),
                                                 std::string(ctx.Param("code")), scope, team);
              return Answer(
                  req, created,
                  [](int n) {
                    return boost::json::object{{"created", n}};
                  },
                  201);
            });
          },
      .json_body = true,
  });
  router.Add(Route{
      .method = "GET",
      .pattern = "/api/v1/communities/{code}/visit-tasks",
      .operation_id = "listVisitTasks",
      .permission = std::string(perm::kSweepRead),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            app::TaskQuery q;
            auto zone = QueryId(req, "zone_id");
            auto open = QueryBool(req, "open");
            auto limit = QueryInt(req, "limit", 1, app::kMaxSweepPage);
            if (!zone.ok()) {
              return Fail(zone.error(), req);
            }
            if (!open.ok()) {
              return Fail(open.error(), req);
            }
            if (!limit.ok()) {
              return Fail(limit.error(), req);
            }
            q.zone_id = *zone;
            q.open = *open;
            q.limit = static_cast<int>(limit->value_or(100));
            q.cursor = std::string(req.Query("cursor").value_or(""));
            auto page = s.sweep.Tasks(ctx.Who(), std::string(ctx.Param("code")), q);
            return Answer(req, page, [](const app::TaskPage& p) {
              return PageJson(ArrayOf(p.items, [&](const auto& t) { return TaskJson(t); }),
                              p.next_cursor);
            });
          },
  });
  router.Add(Route{
      .method = "POST",
      .pattern = "/api/v1/visit-tasks/{id}/visits",
      .operation_id = "recordVisit",
      .permission = std::string(perm::kVisitWrite),
      .handler =
          [&s](const Request& req, RouteContext& ctx) {
            return WithId(req, ctx, "visit_task.not_found", [&](std::int64_t id) {
              return WithJson(req, [&](JsonReader& in) {
                const std::string outcome = in.String("outcome");
                const std::string note = in.OptString("note").value_or("");
                if (auto bad = Rejected(in, req)) {
                  return *bad;
                }
                return Answer(req, s.sweep.RecordVisit(ctx.request, ctx.Who(), id, outcome, note),
                              TaskJson);
              });
            });
          },
      .json_body = true,
  });
}

}  // namespace

void RegisterHealthRoutes(Router& router, Services& s) {
  RegisterDeclarationRoutes(router, s);
  RegisterArrivalRoutes(router, s);
  RegisterRuleRoutes(router, s);
  RegisterSweepRoutes(router, s);
}

}  // namespace cordon::http
