#include "http/errors.h"

#include <array>
#include <boost/json.hpp>
#include <map>
#include <utility>

#include "http/json_text.h"

namespace cordon::http {

// Generated from locales/server/*.json.
extern const char* const kMessagesZhCn;
extern const char* const kMessagesEn;

namespace {

constexpr std::array<std::pair<std::string_view, int>, 25> kStatuses = {{
    {"request.malformed_json", 400},
    {"request.body_required", 400},
    {"request.not_object", 400},
    {"request.wrong_type", 400},
    {"request.missing_field", 400},
    {"request.unknown_field", 400},
    {"request.invalid_query", 400},
    {"request.bad_request", 400},
    {"request.timeout", 408},
    {"request.too_large", 413},
    {"request.unsupported_media_type", 415},
    {"request.header_too_large", 431},
    {"route.not_found", 404},
    {"route.method_not_allowed", 405},
    {"auth.unauthenticated", 401},
    {"auth.session_expired", 401},
    {"auth.invalid_credentials", 401},
    {"auth.forbidden", 403},
    {"auth.throttled", 429},
    {"auth.locked", 429},
    {"storage.failed", 503},
    {"declaration.throttled", 429},
    {"visit_task.closed", 409},
    {"pass.none", 404},
    {"arrival.confirmed", 409},
}};

using Catalog = std::map<std::string, std::string, std::less<>>;

Catalog LoadCatalog(const char* json) {
  Catalog c;
  const boost::json::value parsed = boost::json::parse(json);
  for (const auto& [k, v] : parsed.as_object()) {
    c.emplace(std::string(k), std::string(v.as_string()));
  }
  return c;
}

const Catalog& CatalogFor(Lang lang) {
  static const Catalog kZh = LoadCatalog(kMessagesZhCn);
  static const Catalog kEn = LoadCatalog(kMessagesEn);
  return lang == Lang::kEn ? kEn : kZh;
}

void ReplaceAll(std::string& s, std::string_view what, std::string_view with) {
  for (size_t pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + with.size())) {
    s.replace(pos, what.size(), with);
  }
}

}  // namespace

int StatusFor(std::string_view code) {
  for (const auto& [c, status] : kStatuses) {
    if (c == code) {
      return status;
    }
  }
  if (code.ends_with(".not_found")) {
    return 404;
  }
  if (code.ends_with(".taken") || code.ends_with(".duplicate") || code.ends_with(".conflict") ||
      code.ends_with(".not_empty") || code.ends_with(".in_use") || code.ends_with(".deleted")) {
    return 409;
  }
  if (code.starts_with("internal")) {
    return 500;
  }
  // Everything else is a value that parsed but breaks a rule: an invalid ID number, a
  // temperature out of range, a password too short.
  return 422;
}

std::string LocalizedMessage(const Error& error, Lang lang) {
  const Catalog& catalog = CatalogFor(lang);
  auto it = catalog.find(error.code);
  std::string msg;
  if (it != catalog.end()) {
    msg = it->second;
  } else {
    // A code with no message of its own still gets a sentence in the right language.
    msg = catalog.at(StatusFor(error.code) >= 500 ? "internal" : "request.invalid");
  }
  ReplaceAll(msg, "{field}", error.field);
  ReplaceAll(msg, "{detail}", error.detail);
  return msg;
}

Response ErrorResponse(const Error& error, Lang lang) {
  boost::json::object inner;
  inner["code"] = error.code;
  inner["message"] = LocalizedMessage(error, lang);
  if (!error.field.empty()) {
    inner["field"] = error.field;
  }
  boost::json::object outer;
  outer["error"] = std::move(inner);
  Response r;
  r.status = StatusFor(error.code);
  r.body = WriteJson(outer);
  if (error.code == "auth.throttled" || error.code == "auth.locked") {
    r.headers.emplace_back("Retry-After", error.detail);
  }
  if (r.status == 401) {
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
  }
  return r;
}

std::vector<std::string> CatalogCodes(Lang lang) {
  std::vector<std::string> out;
  for (const auto& [k, v] : CatalogFor(lang)) {
    out.push_back(k);
  }
  return out;
}

}  // namespace cordon::http
