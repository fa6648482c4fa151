#pragma once
// JSON written straight into a string, for the long lists where building a Boost.JSON document
// first and serialising it after cost more than the query behind it. Strings are escaped as
// boost::json::serialize escapes them, so the text is the same (a test compares the two).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace boost::json {
class value;
}

namespace cordon::http {

class JsonText {
 public:
  JsonText() = default;
  // Room for about `bytes` of text before the first reallocation.
  explicit JsonText(size_t bytes) { out_.reserve(bytes); }

  JsonText& BeginObject();
  JsonText& EndObject();
  JsonText& BeginArray();
  JsonText& EndArray();
  // The key of the next member of the object being written: one of the program's own names,
  // plain ASCII, written as it is.
  JsonText& Key(std::string_view key);
  JsonText& String(std::string_view s);
  JsonText& Int(std::int64_t v);
  JsonText& Bool(bool v);
  JsonText& Null();
  // The shortest text that reads back as the same double: 36.5, where Boost.JSON writes 3.65E1.
  // JSON has no infinity or NaN: those are written as null.
  JsonText& Double(double v);
  // A whole Boost.JSON document, its doubles written as Double writes them.
  JsonText& Value(const boost::json::value& v);
  JsonText& OptInt(const std::optional<std::int64_t>& v) { return v ? Int(*v) : Null(); }
  JsonText& OptString(const std::optional<std::string>& v) { return v ? String(*v) : Null(); }

  // Shorthands for one member.
  template <typename T>
  JsonText& Member(std::string_view key, const T& value);

  std::string Take() { return std::move(out_); }
  const std::string& text() const { return out_; }

 private:
  void Separate();
  void Escaped(std::string_view s);
  // A number as std::to_chars writes it: an integer, or the shortest text of a double.
  template <typename Number>
  JsonText& Digits(Number v);

  std::string out_;
  bool need_comma_ = false;
};

template <typename T>
JsonText& JsonText::Member(std::string_view key, const T& value) {
  Key(key);
  if constexpr (std::is_same_v<T, bool>) {
    return Bool(value);
  } else if constexpr (std::is_integral_v<T>) {
    return Int(static_cast<std::int64_t>(value));
  } else if constexpr (std::is_same_v<T, std::optional<std::int64_t>>) {
    return OptInt(value);
  } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
    return OptString(value);
  } else {
    return String(std::string_view(value));
  }
}

// A Boost.JSON document as text: what boost::json::serialize writes, save that a temperature of
// 36.5 reads 36.5, as people and plain tools reading the API expect, not 3.65E1.
std::string WriteJson(const boost::json::value& v);

}  // namespace cordon::http
