// JSON views of records shared by several route files.
//
// Thread-safety: pure functions.
#pragma once

#include <boost/json/value.hpp>

#include "domain/accounts/user.h"

namespace cordon::http {

// A staff account as the API shows it, with the permissions its role holds.
boost::json::object UserJson(const accounts::User& user);

}  // namespace cordon::http
