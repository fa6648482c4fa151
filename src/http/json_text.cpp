#include "http/json_text.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>

namespace cordon::http {

void JsonText::Separate() {
  if (need_comma_) {
    out_ += ',';
  }
}

void JsonText::Escaped(std::string_view s) {
  // As Boost.JSON writes strings: quotes, backslashes and control characters escaped, every other
  // byte (UTF-8 included) as it is.
  static constexpr char kHex[] = "0123456789abcdef";
  out_ += '"';
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      continue;
    }
    out_.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default:
        out_ += "\\u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 0xf];
    }
  }
  out_.append(s.data() + run, s.size() - run);
  out_ += '"';
}

JsonText& JsonText::BeginObject() {
  Separate();
  out_ += '{';
  need_comma_ = false;
  return *this;
}

JsonText& JsonText::EndObject() {
  out_ += '}';
  need_comma_ = true;
  return *this;
}

JsonText& JsonText::BeginArray() {
  Separate();
  out_ += '[';
  need_comma_ = false;
  return *this;
}

JsonText& JsonText::EndArray() {
  out_ += ']';
  need_comma_ = true;
  return *this;
}

JsonText& JsonText::Key(std::string_view key) {
  // Keys are the program's own names: plain ASCII, nothing to escape.
  Separate();
  out_ += '"';
  out_ += key;
  out_ += "\":";
  need_comma_ = false;
  return *this;
}

JsonText& JsonText::String(std::string_view s) {
  Separate();
  Escaped(s);
  need_comma_ = true;
  return *this;
}

template <typename Number>
JsonText& JsonText::Digits(Number v) {
  Separate();
  char buf[32];  // the longest int64, uint64 or shortest double fits
  auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  out_.append(buf, end);
  need_comma_ = true;
  return *this;
}

JsonText& JsonText::Int(std::int64_t v) { return Digits(v); }

JsonText& JsonText::Bool(bool v) {
  Separate();
  out_ += v ? "true" : "false";
  need_comma_ = true;
  return *this;
}

JsonText& JsonText::Null() {
  Separate();
  out_ += "null";
  need_comma_ = true;
  return *this;
}

JsonText& JsonText::Double(double v) { return std::isfinite(v) ? Digits(v) : Null(); }

JsonText& JsonText::Value(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null:
      return Null();
    case boost::json::kind::bool_:
      return Bool(v.get_bool());
    case boost::json::kind::int64:
      return Int(v.get_int64());
    case boost::json::kind::uint64:
      return Digits(v.get_uint64());
    case boost::json::kind::double_:
      return Double(v.get_double());
    case boost::json::kind::string:
      return String(v.get_string());
    case boost::json::kind::array:
      BeginArray();
      for (const auto& item : v.get_array()) {
        Value(item);
      }
      return EndArray();
    case boost::json::kind::object:
      BeginObject();
      for (const auto& member : v.get_object()) {
        // A document's keys may come from data: escaped, unlike Key's.
        Separate();
        Escaped(member.key());
        out_ += ':';
        need_comma_ = false;
        Value(member.value());
      }
      return EndObject();
  }
  return Null();
}

std::string WriteJson(const boost::json::value& v) {
  JsonText out(256);
  out.Value(v);
  return out.Take();
}

}  // namespace cordon::http
