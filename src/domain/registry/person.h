// A person in the community's registry (人员信息表, "one table"; design §3), and the rules for
// the values a person is made of.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/date.h"
#include "common/result.h"

namespace cordon::registry {

enum class DocType {
  kResidentId,        // 居民身份证
  kPassport,          // 护照
  kHkMacaoPermit,     // 港澳居民来往内地通行证
  kTaiwanPermit,      // 台湾居民来往大陆通行证
  kForeignPermanent,  // 外国人永久居留身份证
  kOther,
};

enum class Relation { kHead, kSpouse, kChild, kParent, kGrandchild, kSibling, kOther };

enum class PersonKind { kOwner, kTenant, kCollective, kVisitor };

// Help-needed flags as a bit set. Aged 60+ is derived from the birth date, not stored.
enum PersonFlag : std::uint32_t {
  kFlagDisabled = 1U << 0,     // 残疾
  kFlagLivingAlone = 1U << 1,  // 独居
  kFlagChronic = 1U << 2,      // 慢性病
};

// The age at which a resident counts as elderly (老年人) for help and visits.
inline constexpr int kElderlyAge = 60;

std::string_view DocTypeCode(DocType t);
std::optional<DocType> ParseDocType(std::string_view code);
std::string_view RelationCode(Relation r);
std::optional<Relation> ParseRelation(std::string_view code);
std::string_view PersonKindCode(PersonKind k);
std::optional<PersonKind> ParsePersonKind(std::string_view code);
// "disabled", "living_alone", "chronic".
std::vector<std::string_view> FlagCodes(std::uint32_t flags);
std::optional<std::uint32_t> ParseFlag(std::string_view code);

// Whole years between birth and `today`.
int AgeOn(const CivilDate& birth, const CivilDate& today);

// Younger than this is a minor.
inline constexpr int kAdultAge = 18;
// A person another member of their household may declare for: a minor or an elderly person
// (kElderlyAge or older), who may have no phone of their own.
bool MayBeDeclaredForByHousehold(const CivilDate& birth, const CivilDate& today);

// What a person is made of, as given by a form, an import row or an API call. Plain text: the
// use case seals the document and phone numbers before they reach the store.
struct PersonInput {
  std::string name;
  DocType doc_type = DocType::kResidentId;
  std::string doc_number;  // normalised (upper-case X for resident IDs)
  std::string phone;       // 11 digits, or empty
  std::string sex;         // "male", "female" or empty
  std::string birth_date;  // "YYYY-MM-DD" or empty
  std::optional<std::int64_t> household_id;
  Relation relation = Relation::kOther;
  PersonKind kind = PersonKind::kOwner;
  std::uint32_t flags = 0;
  std::string workplace;
  std::vector<std::string> vehicles;  // plate numbers
  bool out_migrant = false;           // 外出务工
  std::string out_migrant_where;
  std::string out_migrant_since;  // "YYYY-MM-DD" or empty
  std::string notes;

  friend bool operator==(const PersonInput&, const PersonInput&) = default;
};

// Checks and normalises a person's values. For a resident ID the sex and birth date are derived
// from the number (whatever was given). Errors name the field: name, doc_number (id_number.* for
// resident IDs, doc_number.format otherwise), phone.*, vehicles, out_migrant_since,
// text.too_long for the free-text fields.
Status NormalisePerson(PersonInput& person, const CivilDate& today);

// Mainland plate numbers: a province character, a letter, then 5 (ordinary) or 6 (new energy)
// letters or digits, e.g. 粤S12345, 粤SD12345. Returns the upper-case plate.
Result<std::string> ParsePlate(std::string_view text, std::string_view field);

}  // namespace cordon::registry
