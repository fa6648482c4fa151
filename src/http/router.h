// Routes and the one function that turns a request into a response: match, check the content
// type, authenticate, check the route's permission, call the handler, and map any error to the
// error shape.
//
// Thread-safety: routes are added before serving; Find and Handle are then safe from any thread.
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/accounts_service.h"
#include "app/context.h"
#include "http/message.h"

namespace cordon::http {

// The largest JSON body a route accepts unless it names its own limit: a declaration with two
// weeks of travel is a few kilobytes; a megabyte leaves room and still bounds memory per request.
inline constexpr size_t kDefaultBodyLimit = 1 << 20;

struct RouteContext {
  std::vector<std::pair<std::string, std::string>> params;  // from {name} segments
  std::optional<app::Principal> principal;                  // set on signed-in routes
  app::RequestContext request;

  std::string_view Param(std::string_view name) const;
  // REQUIRES: the route has a permission (so a principal was established).
  const app::Principal& Who() const { return *principal; }
};

using Handler = std::function<Response(const Request&, RouteContext&)>;

// For a route whose answer waits for a durable write without a thread waiting with it: the
// handler starts the work and hands on, now or later from another thread, a function that makes
// the response. The server runs that function on the connection's own thread. Exactly once.
using MakeResponse = std::function<Response()>;
using Reply = std::function<void(MakeResponse)>;
using LaterHandler = std::function<void(const Request&, RouteContext&, Reply)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/persons/{id}"
  std::string operation_id;
  // The `area:noun:action` code a caller must hold; empty only for public routes.
  std::string permission;
  Handler handler;
  // Set instead of `handler` for a write many clients send at once (see LaterHandler): no thread
  // waits for its group commit. It starts on a worker, or on the I/O thread where the server's
  // options say so (ServerOptions::later_on_io_thread).
  LaterHandler later;
  size_t body_limit = kDefaultBodyLimit;
  // Requires Content-Type: application/json.
  bool json_body = false;
  // The body is streamed to a temporary file (Request::body_file) instead of memory: for uploads
  // larger than a JSON body. Content types are then the handler's to check.
  bool body_to_file = false;
  // Public, but a caller who sends a bearer token is signed in and must hold `permission`
  // (a resident declares without one; staff declaring for someone with theirs).
  bool token_optional = false;
  // A durable write that blocks its thread (a station's offline queue): run on the server's
  // write pool, where requests waiting for a group commit do not hold the few workers that reads
  // need. Routes with a `later` handler need no such thread.
  bool commit_bound = false;
  // Cheap and public: answered on the I/O thread without a hop to the worker pool.
  bool on_io_thread = false;
};

class Router {
 public:
  explicit Router(app::AccountsService& accounts) : accounts_(accounts) {}

  void Add(Route route);
  // Answers GET and HEAD requests outside /api/ that match no route (the web console).
  void SetFallback(Handler fallback) { fallback_ = std::move(fallback); }
  const std::vector<Route>& routes() const { return routes_; }

  struct Match {
    const Route* route = nullptr;
    std::vector<std::pair<std::string, std::string>> params;
    std::string allowed;  // when no route matched the method but some matched the path
  };
  Match Find(std::string_view method, std::string_view path) const;

  // Never throws: a handler's exception becomes a 500 with the error shape.
  Response Handle(const Match& match, const Request& request) const;
  // The same for a route with a `later` handler: `reply` is called once, maybe from another
  // thread; the function it is given never throws. `request` must outlive that function.
  void HandleLater(const Match& match, const Request& request, Reply reply) const;

 private:
  Response Dispatch(const Match& match, const Request& request) const;
  // Checks the route's content type, signs the caller in and checks the permission: the answer
  // if the request goes no further.
  std::optional<Response> Admit(const Route& route, const Request& request,
                                RouteContext& ctx) const;

  app::AccountsService& accounts_;
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> patterns_;  // each route's pattern, split at '/'
  Handler fallback_;
};

// Helpers for handlers.
Response JsonResponse(int status, const boost::json::value& body);
// The same for a body already written as JSON text (see JsonText).
Response JsonTextResponse(int status, std::string body);
Response Fail(const Error& error, const Request& request);

}  // namespace cordon::http
