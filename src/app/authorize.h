// The one place where a permission code is checked against a principal.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "app/context.h"
#include "common/result.h"

namespace cordon::app {

// Error auth.forbidden (403) when the principal's role lacks the permission.
Status Require(const Principal& principal, std::string_view permission);

}  // namespace cordon::app
