// Resident identity card numbers (居民身份证号码, GB 11643-1999).
//
// 18 characters: a 6-digit region code, an 8-digit birth date, a 3-digit sequence whose last
// digit is odd for men and even for women, and a MOD 11-2 check character (0-9 or X).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/date.h"
#include "common/result.h"

namespace cordon::identity {

enum class Sex { kMale, kFemale };

struct IdNumber {
  std::string value;  // normalised: 18 characters, upper-case X
  CivilDate birth_date;
  Sex sex = Sex::kMale;
  // False when the first two digits name no province that ever existed in GB/T 2260. Old cards
  // keep retired region codes, so only the province is checked.
  bool known_region = true;
};

// The check character for the first 17 digits. REQUIRES: first17 holds 17 ASCII digits.
char IdCheckCharacter(std::string_view first17);

// Parses and validates an ID number. `today` bounds the birth date from above.
// Errors (field "id_number"): id_number.required, id_number.length, id_number.format,
// id_number.region, id_number.birth_date, id_number.check_digit.
Result<IdNumber> ParseIdNumber(std::string_view text, const CivilDate& today,
                               std::string_view field = "id_number");

// "110105********002X": the region and the last four kept, the rest starred. Shorter or
// malformed input is starred whole but for its last two characters.
std::string MaskIdNumber(std::string_view id);

std::string_view SexCode(Sex sex);  // "male" / "female"

}  // namespace cordon::identity
