#include "http/router.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/json.hpp>
#include <memory>

#include "app/authorize.h"
#include "http/errors.h"
#include "http/json_text.h"

namespace cordon::http {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) {
      end = path.size();
    }
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool IsParam(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// A pattern's segments were split once, when its route was added; the path's once per request.
bool MatchPattern(const std::vector<std::string>& ps, const std::vector<std::string_view>& xs,
                  std::vector<std::pair<std::string, std::string>>& params) {
  if (ps.size() != xs.size()) {
    return false;
  }
  for (size_t i = 0; i < ps.size(); ++i) {
    if (IsParam(ps[i]) ? xs[i].empty() : ps[i] != xs[i]) {
      return false;
    }
  }
  params.clear();
  for (size_t i = 0; i < ps.size(); ++i) {
    if (IsParam(ps[i])) {
      params.emplace_back(ps[i].substr(1, ps[i].size() - 2), std::string(xs[i]));
    }
  }
  return true;
}

bool IsJsonContentType(std::string_view ct) {
  auto semi = ct.find(';');
  std::string_view media = ct.substr(0, semi);
  while (!media.empty() && media.back() == ' ') {
    media.remove_suffix(1);
  }
  if (media.size() != 16) {
    return false;
  }
  for (size_t i = 0; i < media.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(media[i])) != "application/json"[i]) {
      return false;
    }
  }
  return true;
}

std::string BearerToken(std::string_view header) {
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size()) {
    return {};
  }
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) !=
        std::tolower(static_cast<unsigned char>(kScheme[i]))) {
      return {};
    }
  }
  return std::string(header.substr(kScheme.size()));
}

}  // namespace

std::string_view RouteContext::Param(std::string_view name) const {
  for (const auto& [k, v] : params) {
    if (k == name) {
      return v;
    }
  }
  return {};
}

void Router::Add(Route route) {
  std::vector<std::string> segments;
  for (auto segment : Segments(route.pattern)) {
    segments.emplace_back(segment);
  }
  patterns_.push_back(std::move(segments));
  routes_.push_back(std::move(route));
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  // HEAD is GET without the body; the server drops the body.
  if (method == "HEAD") {
    method = "GET";
  }
  Match m;
  std::vector<std::pair<std::string, std::string>> params;
  const auto segments = Segments(path);
  for (size_t i = 0; i < routes_.size(); ++i) {
    const Route& r = routes_[i];
    if (!MatchPattern(patterns_[i], segments, params)) {
      continue;
    }
    if (r.method == method) {
      m.route = &r;
      m.params = std::move(params);
      m.allowed.clear();
      return m;
    }
    if (!m.allowed.empty()) {
      m.allowed += ", ";
    }
    m.allowed += r.method;
  }
  return m;
}

Response Router::Handle(const Match& match, const Request& request) const {
  try {
    return Dispatch(match, request);
  } catch (const std::exception& e) {
    spdlog::error("request {}: unhandled: {}", request.request_id, e.what());
    return ErrorResponse(MakeError("internal"), request.lang);
  }
}

Response Router::Dispatch(const Match& match, const Request& request) const {
  if (match.route == nullptr) {
    if (fallback_ && match.allowed.empty() &&
        (request.method == "GET" || request.method == "HEAD") &&
        !request.path.starts_with("/api/")) {
      RouteContext ctx;
      return fallback_(request, ctx);
    }
    if (match.allowed.empty()) {
      return ErrorResponse(MakeError("route.not_found"), request.lang);
    }
    Response r = ErrorResponse(MakeError("route.method_not_allowed"), request.lang);
    r.headers.emplace_back("Allow", match.allowed);
    return r;
  }
  const Route& route = *match.route;
  RouteContext ctx;
  ctx.params = match.params;
  if (auto refused = Admit(route, request, ctx)) {
    return std::move(*refused);
  }
  Response r = route.handler(request, ctx);
  if (ctx.principal) {
    r.user_id = ctx.principal->user.id;
  }
  return r;
}

std::optional<Response> Router::Admit(const Route& route, const Request& request,
                                      RouteContext& ctx) const {
  if (route.json_body && !IsJsonContentType(request.Header("content-type"))) {
    return ErrorResponse(
        MakeError("request.unsupported_media_type", "", "application/json; charset=utf-8"),
        request.lang);
  }
  ctx.request = app::RequestContext{request.request_id, request.client_address};
  if (!route.permission.empty() &&
      (!route.token_optional || !request.Header("authorization").empty())) {
    auto principal =
        accounts_.Authenticate(ctx.request, BearerToken(request.Header("authorization")));
    if (!principal.ok()) {
      return ErrorResponse(principal.error(), request.lang);
    }
    if (auto allowed = app::Require(*principal, route.permission); !allowed.ok()) {
      Response r = ErrorResponse(allowed.error(), request.lang);
      r.user_id = principal->user.id;
      return r;
    }
    ctx.principal = std::move(*principal);
  }
  return std::nullopt;
}

void Router::HandleLater(const Match& match, const Request& request, Reply reply) const {
  // `reply` once, whatever happens: the handler's own call, or this function's on its behalf.
  auto replied = std::make_shared<std::atomic<bool>>(false);
  auto once = [replied, reply = std::move(reply)](MakeResponse make) {
    if (!replied->exchange(true)) {
      reply(std::move(make));
    }
  };
  auto failed = [&request] { return ErrorResponse(MakeError("internal"), request.lang); };
  try {
    const Route& route = *match.route;
    RouteContext ctx;
    ctx.params = match.params;
    if (auto refused = Admit(route, request, ctx)) {
      once([r = std::move(*refused)]() mutable { return std::move(r); });
      return;
    }
    std::optional<std::int64_t> user_id;
    if (ctx.principal) {
      user_id = ctx.principal->user.id;
    }
    route.later(request, ctx, [once, user_id, &request, failed](MakeResponse make) {
      once([make = std::move(make), user_id, &request, failed]() {
        Response r;
        try {
          r = make();
        } catch (const std::exception& e) {
          spdlog::error("request {}: unhandled: {}", request.request_id, e.what());
          r = failed();
        }
        if (user_id) {
          r.user_id = *user_id;
        }
        return r;
      });
    });
  } catch (const std::exception& e) {
    spdlog::error("request {}: unhandled: {}", request.request_id, e.what());
    once(failed);
  }
}

Response JsonResponse(int status, const boost::json::value& body) {
  Response r;
  r.status = status;
  r.body = WriteJson(body);
  return r;
}

Response JsonTextResponse(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Fail(const Error& error, const Request& request) {
  return ErrorResponse(error, request.lang);
}

}  // namespace cordon::http
