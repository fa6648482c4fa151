#include "domain/identity/phone.h"

namespace cordon::identity {

Result<std::string> ParseMobile(std::string_view text, std::string_view field) {
  const std::string f(field);
  std::string digits;
  digits.reserve(text.size());
  bool plus_seen = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '-' || c == '\t') {
      continue;
    }
    if (c == '+' && digits.empty() && !plus_seen) {
      plus_seen = true;  // one leading + before the country code
      continue;
    }
    if (c < '0' || c > '9') {
      return MakeError("phone.format", f);
    }
    digits.push_back(c);
  }
  if (digits.empty()) {
    return MakeError("phone.required", f);
  }
  if (digits.size() == 15 && digits.starts_with("0086")) {
    digits.erase(0, 4);
  } else if (digits.size() == 13 && digits.starts_with("86")) {
    digits.erase(0, 2);
  }
  if (digits.size() != 11 || digits[0] != '1' || digits[1] < '3') {
    return MakeError("phone.format", f);
  }
  return digits;
}

std::string MaskPhone(std::string_view phone) {
  if (phone.size() == 11) {
    return std::string(phone.substr(0, 3)) + "****" + std::string(phone.substr(7));
  }
  if (phone.size() <= 2) {
    return std::string(phone.size(), '*');
  }
  return std::string(phone.size() - 2, '*') + std::string(phone.substr(phone.size() - 2));
}

}  // namespace cordon::identity
