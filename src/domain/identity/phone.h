// Mainland China mobile numbers (11 digits, 1[3-9]xxxxxxxxx).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace cordon::identity {

// Returns the 11-digit number. Spaces and dashes are dropped, and a +86 / 0086 / 86 country
// prefix is accepted. Errors (field as given): phone.required, phone.format.
Result<std::string> ParseMobile(std::string_view text, std::string_view field = "phone");

// "138****5678". Other lengths are starred whole but for their last two characters.
std::string MaskPhone(std::string_view phone);

}  // namespace cordon::identity
