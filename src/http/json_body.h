// Strict reading of JSON request bodies: every field is read with its expected type, and what
// was not read is an unknown field. The first problem found is the one reported, with its field.
//
// Thread-safety: one reader per request.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace cordon::http {

// Parses a body that must be one JSON object. Errors: request.body_required,
// request.malformed_json (detail: where), request.not_object.
Result<boost::json::object> ParseJsonObject(std::string_view body);

class JsonReader {
 public:
  explicit JsonReader(const boost::json::object& obj, std::string prefix = {})
      : obj_(obj), prefix_(std::move(prefix)) {}

  // Each returns the value, or a default after recording the first error.
  std::string String(std::string_view key);  // required
  std::optional<std::string> OptString(std::string_view key);
  double Number(std::string_view key);
  std::optional<double> OptNumber(std::string_view key);
  std::optional<std::int64_t> OptInt(std::string_view key);
  bool Bool(std::string_view key);
  std::optional<bool> OptBool(std::string_view key);
  // An array of strings, at most max_items long. Errors: request.wrong_type, request.too_many.
  std::optional<std::vector<std::string>> OptStringArray(std::string_view key, size_t max_items);
  // Present-and-null is told apart from absent: nullopt absent, optional(nullopt) null.
  std::optional<std::optional<std::int64_t>> OptNullableInt(std::string_view key);
  // The raw value of a nested array or object, validated by the caller.
  const boost::json::value* Value(std::string_view key, bool required);

  // The first error, or an unknown field if every field read was fine.
  Status Finish() const;
  void Fail(Error e);
  bool failed() const { return error_.has_value(); }

 private:
  const boost::json::value* Find(std::string_view key, bool required);
  std::string FieldName(std::string_view key) const { return prefix_ + std::string(key); }
  void WrongType(std::string_view key, std::string_view expected);

  const boost::json::object& obj_;
  std::string prefix_;
  std::set<std::string, std::less<>> seen_;
  std::optional<Error> error_;
};

}  // namespace cordon::http
