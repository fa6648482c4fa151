// A statement built from the filters in use, its arguments bound in the order they were added:
// only the conditions a list asks for enter the SQL, so that the database can pick the index that
// fits.
//
// Thread-safety: a value; Prepare as the connection allows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "store/sql/connection.h"

namespace cordon::store::sql {

class Query {
 public:
  explicit Query(std::string sql) : sql_(std::move(sql)) {}
  template <typename... V>
  void Add(std::string_view condition, V... values) {
    sql_ += condition;
    (args_.emplace_back(values), ...);
  }
  void Append(std::string_view text) { sql_ += text; }
  Stmt Prepare(Connection& c) const {
    auto q = c.Prepare(sql_);
    for (size_t i = 0; i < args_.size(); ++i) {
      std::visit([&](const auto& v) { q.Bind(static_cast<int>(i + 1), v); }, args_[i]);
    }
    return q;
  }

 private:
  std::string sql_;
  std::vector<std::variant<std::int64_t, std::string>> args_;
};

}  // namespace cordon::store::sql
