#include "domain/identity/id_number.h"

#include <array>

namespace cordon::identity {
namespace {

constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckChars = "10X98765432";
// The oldest birth year a living resident's card can carry.
constexpr int kMinBirthYear = 1890;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// First two digits of GB/T 2260 province codes, and 81-83 for the residence permits of Hong
// Kong, Macao and Taiwan residents.
bool IsProvinceCode(int p) {
  return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) ||
         (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65) || p == 71 ||
         (p >= 81 && p <= 83);
}

int Num(std::string_view s) {
  int v = 0;
  for (char c : s) {
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

char IdCheckCharacter(std::string_view first17) {
  int sum = 0;
  for (size_t i = 0; i < kWeights.size(); ++i) {
    sum += (first17[i] - '0') * kWeights[i];
  }
  return kCheckChars[static_cast<size_t>(sum % 11)];
}

Result<IdNumber> ParseIdNumber(std::string_view text, const CivilDate& today,
                               std::string_view field) {
  const std::string f(field);
  // Spreadsheets and phone keyboards add spaces around a pasted number.
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  if (text.empty()) {
    return MakeError("id_number.required", f);
  }
  if (text.size() != 18) {
    return MakeError("id_number.length", f);
  }
  std::string v(text);
  if (v[17] == 'x') {
    v[17] = 'X';
  }
  for (size_t i = 0; i < 17; ++i) {
    if (!IsDigit(v[i])) {
      return MakeError("id_number.format", f);
    }
  }
  if (!IsDigit(v[17]) && v[17] != 'X') {
    return MakeError("id_number.format", f);
  }
  if (!IsProvinceCode(Num(std::string_view(v).substr(0, 2)))) {
    return MakeError("id_number.region", f);
  }
  const CivilDate birth{Num(std::string_view(v).substr(6, 4)),
                        Num(std::string_view(v).substr(10, 2)),
                        Num(std::string_view(v).substr(12, 2))};
  if (birth.year < kMinBirthYear || !IsValidDate(birth.year, birth.month, birth.day) ||
      birth > today) {
    return MakeError("id_number.birth_date", f);
  }
  if (IdCheckCharacter(std::string_view(v).substr(0, 17)) != v[17]) {
    return MakeError("id_number.check_digit", f);
  }
  IdNumber id;
  id.birth_date = birth;
  id.sex = ((v[16] - '0') % 2 == 1) ? Sex::kMale : Sex::kFemale;
  id.value = std::move(v);
  return id;
}

std::string MaskIdNumber(std::string_view id) {
  if (id.size() == 18) {
    return std::string(id.substr(0, 6)) + "********" + std::string(id.substr(14));
  }
  if (id.size() <= 2) {
    return std::string(id.size(), '*');
  }
  return std::string(id.size() - 2, '*') + std::string(id.substr(id.size() - 2));
}

std::string_view SexCode(Sex sex) { return sex == Sex::kMale ? "male" : "female"; }

}  // namespace cordon::identity
