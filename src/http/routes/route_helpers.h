// Small pieces every route file uses: path ids, JSON bodies, and turning results into answers.
//
// Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>
#include <charconv>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "app/pending.h"
#include "http/json_body.h"
#include "http/query.h"
#include "http/router.h"

namespace cordon::http {

// A positive integer path parameter. A malformed id names nothing: the `not_found` code.
inline Result<std::int64_t> PathId(const RouteContext& ctx, std::string_view name,
                                   const char* not_found) {
  std::string_view raw = ctx.Param(name);
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (raw.empty() || ec != std::errc() || ptr != raw.data() + raw.size() || v <= 0) {
    return MakeError(not_found);
  }
  return v;
}

// Parses the body as a JSON object and hands a reader to `fill`, which reads every field and
// returns the answer; malformed JSON and the reader's first error are answered for it.
template <class F>
Response WithJson(const Request& req, F fill) {
  auto obj = ParseJsonObject(req.body);
  if (!obj.ok()) {
    return Fail(obj.error(), req);
  }
  JsonReader in(*obj);
  return fill(in);
}

// Runs `act` with the positive integer path parameter "id", or answers `not_found`.
template <class F>
Response WithId(const Request& req, const RouteContext& ctx, const char* not_found, F act) {
  auto id = PathId(ctx, "id", not_found);
  if (!id.ok()) {
    return Fail(id.error(), req);
  }
  return act(*id);
}

// The answer for a body whose fields were not all right (JsonReader::Finish), or nothing.
inline std::optional<Response> Rejected(const JsonReader& in, const Request& req) {
  if (auto st = in.Finish(); !st.ok()) {
    return Fail(st.error(), req);
  }
  return std::nullopt;
}

// For a route's `later` handler: the answer now.
inline void ReplyNow(const Reply& reply, Response response) {
  reply([r = std::move(response)]() mutable { return std::move(r); });
}

// For a route's `later` handler, as WithJson: `read` reads every field into the use case's
// input (a Result, for checks beyond the reader's); malformed JSON, the reader's first error and
// then the input's error are answered for it, else `start` is given the input.
template <class Read, class Start>
void WithJsonLater(const Request& req, const Reply& reply, Read read, Start start) {
  auto obj = ParseJsonObject(req.body);
  if (!obj.ok()) {
    return ReplyNow(reply, Fail(obj.error(), req));
  }
  JsonReader in(*obj);
  auto input = read(in);
  if (auto bad = Rejected(in, req)) {
    return ReplyNow(reply, std::move(*bad));
  }
  if (!input.ok()) {
    return ReplyNow(reply, Fail(input.error(), req));
  }
  start(std::move(*input));
}

// For a route's `later` handler: the answer once `pending` is done, made by `respond` from the
// use case's result on the connection's thread.
template <class T, class F>
void ReplyWhenDone(app::Pending<T> pending, Reply reply, F respond) {
  std::move(pending).Then(
      [reply = std::move(reply), respond = std::move(respond)](std::function<Result<T>()> make) {
        reply([make = std::move(make), respond] { return respond(make()); });
      });
}

inline Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

// The answer for a result: its JSON view with `status`, or the error.
template <class T, class F>
Response Answer(const Request& req, const Result<T>& result, F view, int status = 200) {
  if (!result.ok()) {
    return Fail(result.error(), req);
  }
  return JsonResponse(status, view(*result));
}

inline Response Answer(const Request& req, const Status& status) {
  if (!status.ok()) {
    return Fail(status.error(), req);
  }
  return NoContent();
}

// An optional boolean query parameter: "true" or "false". Error: request.invalid_query.
inline Result<std::optional<bool>> QueryBool(const Request& req, std::string_view name) {
  auto v = req.Query(name);
  if (!v) {
    return std::optional<bool>();
  }
  if (*v != "true" && *v != "false") {
    return MakeError("request.invalid_query", std::string(name));
  }
  return std::optional<bool>(*v == "true");
}

// An optional id query parameter.
inline Result<std::optional<std::int64_t>> QueryId(const Request& req, std::string_view name) {
  return QueryInt(req, name, 1, INT64_MAX);
}

}  // namespace cordon::http
