// Errors as values across layers.
//
// An Error carries a stable code ("id_number.check_digit"), the field it concerns (may be empty)
// and optional parameters for the message. Codes map to localised messages in locales/ and to
// HTTP statuses in src/http/error_status.cpp; nothing else interprets them.
//
// Thread-safety: plain values; safe to copy between threads.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace cordon {

struct Error {
  std::string code;
  std::string field;
  // Free text for logs and for messages that quote a value the caller sent (never an ID or phone
  // number). Not shown in place of the localised message.
  std::string detail;

  friend bool operator==(const Error&, const Error&) = default;
};

inline Error MakeError(std::string code, std::string field = {}, std::string detail = {}) {
  return Error{std::move(code), std::move(field), std::move(detail)};
}

// A value or an error. REQUIRES: value() only when ok(), error() only when !ok().
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

// Success or an error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(!ok());
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

inline Status Ok() { return {}; }

}  // namespace cordon

// Returns the error of a Status or Result expression from the enclosing function. Nests: each
// expansion names its own variable.
#define CORDON_RETURN_IF_ERROR(expr) \
  CORDON_RETURN_IF_ERROR_IMPL_(CORDON_CONCAT_(cordon_status_, __COUNTER__), expr)
#define CORDON_RETURN_IF_ERROR_IMPL_(var, expr) \
  do {                                          \
    auto var = (expr);                          \
    if (!var.ok()) {                            \
      return var.error();                       \
    }                                           \
  } while (false)
#define CORDON_CONCAT_(a, b) CORDON_CONCAT_INNER_(a, b)
#define CORDON_CONCAT_INNER_(a, b) a##b
