// Who is asking, from where, in which request. Passed to every use case.
//
// Thread-safety: plain values.
#pragma once

#include <string>

#include "domain/accounts/user.h"

namespace cordon::app {

struct RequestContext {
  std::string request_id;
  std::string client_address;
};

// A signed-in user, as established from a bearer token.
struct Principal {
  accounts::User user;
  std::string token_hash;
};

}  // namespace cordon::app
