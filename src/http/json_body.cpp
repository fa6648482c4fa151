#include "http/json_body.h"

#include <boost/json.hpp>
#include <cmath>

namespace cordon::http {

Result<boost::json::object> ParseJsonObject(std::string_view body) {
  bool blank = true;
  for (char c : body) {
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      blank = false;
      break;
    }
  }
  if (blank) {
    return MakeError("request.body_required");
  }
  boost::json::parse_options opts;
  opts.max_depth = 32;  // deeper nesting is an attack, not a declaration
  boost::json::stream_parser p({}, opts);
  boost::system::error_code ec;
  const size_t used = p.write(body.data(), body.size(), ec);
  if (!ec) {
    p.finish(ec);
  }
  if (ec) {
    return MakeError("request.malformed_json", "", std::to_string(used));
  }
  boost::json::value v = p.release();
  if (!v.is_object()) {
    return MakeError("request.not_object");
  }
  return std::move(v.as_object());
}

void JsonReader::Fail(Error e) {
  if (!error_) {
    error_ = std::move(e);
  }
}

const boost::json::value* JsonReader::Find(std::string_view key, bool required) {
  seen_.emplace(key);
  auto it = obj_.find(key);
  if (it == obj_.end() || (it->value().is_null() && required)) {
    if (required) {
      Fail(MakeError("request.missing_field", FieldName(key)));
    }
    return nullptr;
  }
  if (it->value().is_null()) {
    return nullptr;  // an optional field sent as null is absent
  }
  return &it->value();
}

void JsonReader::WrongType(std::string_view key, std::string_view expected) {
  Fail(MakeError("request.wrong_type", FieldName(key), std::string(expected)));
}

std::string JsonReader::String(std::string_view key) {
  const auto* v = Find(key, true);
  if (v == nullptr) {
    return {};
  }
  if (!v->is_string()) {
    WrongType(key, "string");
    return {};
  }
  return std::string(v->as_string());
}

std::optional<std::string> JsonReader::OptString(std::string_view key) {
  const auto* v = Find(key, false);
  if (v == nullptr) {
    return std::nullopt;
  }
  if (!v->is_string()) {
    WrongType(key, "string");
    return std::nullopt;
  }
  return std::string(v->as_string());
}

std::optional<double> JsonReader::OptNumber(std::string_view key) {
  const auto* v = Find(key, false);
  if (v == nullptr) {
    return std::nullopt;
  }
  if (!v->is_number()) {
    WrongType(key, "number");
    return std::nullopt;
  }
  return v->to_number<double>();
}

double JsonReader::Number(std::string_view key) {
  const auto* v = Find(key, true);
  if (v == nullptr) {
    return 0;
  }
  if (!v->is_number()) {
    WrongType(key, "number");
    return 0;
  }
  return v->to_number<double>();
}

std::optional<std::int64_t> JsonReader::OptInt(std::string_view key) {
  const auto* v = Find(key, false);
  if (v == nullptr) {
    return std::nullopt;
  }
  if (v->is_int64()) {
    return v->as_int64();
  }
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->as_uint64());
  }
  if (v->is_double() && std::trunc(v->as_double()) == v->as_double() &&
      std::fabs(v->as_double()) < 9.0e15) {
    return static_cast<std::int64_t>(v->as_double());
  }
  WrongType(key, "integer");
  return std::nullopt;
}

std::optional<bool> JsonReader::OptBool(std::string_view key) {
  const auto* v = Find(key, false);
  if (v == nullptr) {
    return std::nullopt;
  }
  if (!v->is_bool()) {
    WrongType(key, "boolean");
    return std::nullopt;
  }
  return v->as_bool();
}

bool JsonReader::Bool(std::string_view key) {
  const auto* v = Find(key, true);
  if (v == nullptr) {
    return false;
  }
  if (!v->is_bool()) {
    WrongType(key, "boolean");
    return false;
  }
  return v->as_bool();
}

std::optional<std::vector<std::string>> JsonReader::OptStringArray(std::string_view key,
                                                                   size_t max_items) {
  const auto* v = Find(key, false);
  if (v == nullptr) {
    return std::nullopt;
  }
  if (!v->is_array()) {
    WrongType(key, "array");
    return std::nullopt;
  }
  if (v->as_array().size() > max_items) {
    Fail(MakeError("request.too_many", FieldName(key), std::to_string(max_items)));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) {
      WrongType(key, "array of strings");
      return std::nullopt;
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

std::optional<std::optional<std::int64_t>> JsonReader::OptNullableInt(std::string_view key) {
  auto it = obj_.find(key);
  if (it != obj_.end() && it->value().is_null()) {
    seen_.emplace(key);
    return std::optional<std::int64_t>{};
  }
  auto v = OptInt(key);
  if (!v) {
    return std::nullopt;
  }
  return std::optional<std::int64_t>{*v};
}

const boost::json::value* JsonReader::Value(std::string_view key, bool required) {
  return Find(key, required);
}

Status JsonReader::Finish() const {
  if (error_) {
    return *error_;
  }
  for (const auto& [k, v] : obj_) {
    if (!seen_.contains(std::string_view(k))) {
      return MakeError("request.unknown_field", FieldName(std::string_view(k)));
    }
  }
  return Ok();
}

}  // namespace cordon::http
