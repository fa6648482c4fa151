#include "http/message.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

namespace cordon::http {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) {
    return false;
  }
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view LangCode(Lang lang) { return lang == Lang::kEn ? "en" : "zh-CN"; }

Lang NegotiateLang(std::string_view header) {
  Lang best = Lang::kZhCn;
  double best_q = -1;
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    double q = 1.0;
    auto semi = item.find(';');
    std::string_view tag = Trim(item.substr(0, semi));
    if (semi != std::string_view::npos) {
      std::string_view param = Trim(item.substr(semi + 1));
      if (param.starts_with("q=")) {
        param.remove_prefix(2);
        std::from_chars(param.data(), param.data() + param.size(), q);
      }
    }
    std::optional<Lang> lang;
    if (StartsWithIgnoreCase(tag, "en")) {
      lang = Lang::kEn;
    } else if (StartsWithIgnoreCase(tag, "zh")) {
      lang = Lang::kZhCn;
    }
    // Earlier tags win ties, as browsers list them in order of preference.
    if (lang && q > best_q && q > 0) {
      best = *lang;
      best_q = q;
    }
  }
  return best;
}

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) {
      return v;
    }
  }
  return {};
}

std::optional<std::string_view> Request::Query(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) {
      return std::string_view(v);
    }
  }
  return std::nullopt;
}

namespace {

bool IsIpAddress(std::string_view s) {
  const std::string text(s);
  unsigned char buf[sizeof(in6_addr)];
  return inet_pton(AF_INET, text.c_str(), buf) == 1 || inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

}  // namespace

std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](std::string_view a) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end();
  };
  if (!trusted(peer)) {
    return std::string(peer);
  }
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const std::string_view hop =
        Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (hop.empty() || trusted(hop)) {
      continue;
    }
    return IsIpAddress(hop) ? std::string(hop) : std::string(peer);
  }
  return std::string(peer);
}

}  // namespace cordon::http
