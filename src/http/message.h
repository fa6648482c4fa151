// cordon's own request and response types: what routes see, free of Beast so that route files
// compile fast and test without a socket.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cordon::http {

enum class Lang { kZhCn, kEn };

std::string_view LangCode(Lang lang);  // "zh-CN" / "en"
// The best supported language in an Accept-Language header; zh-CN when none is named.
Lang NegotiateLang(std::string_view accept_language);

// The address a request came from. `peer` is the TCP peer; when it is one of `trusted_proxies`
// (a load balancer in front of cordon), the address is the right-most one in X-Forwarded-For
// that is not itself a trusted proxy, for each proxy appends the address it received the request
// from. An address a client wrote there itself is left of that, and ignored; a value that is not
// an IP address gives the peer.
std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies);

struct Request {
  std::string method;                                        // "GET"
  std::string path;                                          // decoded, without the query
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  // For routes that take their body as a file (imports): where the body was written. The server
  // removes the file once the answer is sent.
  std::string body_file;
  std::string client_address;
  std::string request_id;
  Lang lang = Lang::kZhCn;

  // The first value of a header (name lower-case), or empty.
  std::string_view Header(std::string_view name) const;
  // The first value of a query parameter.
  std::optional<std::string_view> Query(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, the answer's body is this file (downloads), streamed from disk and then removed.
  std::string body_file;
  // For the access log: the signed-in user, when there was one.
  std::optional<std::int64_t> user_id;
};

}  // namespace cordon::http
