#include "domain/registry/person.h"

#include <algorithm>
#include <array>
#include <utility>

#include "domain/identity/id_number.h"
#include "domain/identity/phone.h"
#include "domain/registry/places.h"

namespace cordon::registry {
namespace {

constexpr std::array<std::pair<DocType, std::string_view>, 6> kDocTypes = {{
    {DocType::kResidentId, "resident_id"},
    {DocType::kPassport, "passport"},
    {DocType::kHkMacaoPermit, "hk_macao_permit"},
    {DocType::kTaiwanPermit, "taiwan_permit"},
    {DocType::kForeignPermanent, "foreign_permanent"},
    {DocType::kOther, "other"},
}};

constexpr std::array<std::pair<Relation, std::string_view>, 7> kRelations = {{
    {Relation::kHead, "head"},
    {Relation::kSpouse, "spouse"},
    {Relation::kChild, "child"},
    {Relation::kParent, "parent"},
    {Relation::kGrandchild, "grandchild"},
    {Relation::kSibling, "sibling"},
    {Relation::kOther, "other"},
}};

constexpr std::array<std::pair<PersonKind, std::string_view>, 4> kKinds = {{
    {PersonKind::kOwner, "owner"},
    {PersonKind::kTenant, "tenant"},
    {PersonKind::kCollective, "collective"},
    {PersonKind::kVisitor, "visitor"},
}};

constexpr std::array<std::pair<std::uint32_t, std::string_view>, 3> kFlags = {{
    {kFlagDisabled, "disabled"},
    {kFlagLivingAlone, "living_alone"},
    {kFlagChronic, "chronic"},
}};

// Province abbreviations that begin a plate, plus 使 and 领 for embassy and consulate cars.
constexpr std::array<std::string_view, 33> kPlateProvinces = {
    "京", "津", "沪", "渝", "冀", "豫", "云", "辽", "黑", "湘", "皖",
    "鲁", "新", "苏", "浙", "赣", "鄂", "桂", "甘", "晋", "蒙", "陕",
    "吉", "闽", "贵", "粤", "青", "藏", "川", "宁", "琼", "使", "领"};

// Free-text bounds: what a registry row needs, and no more than a form should carry.
constexpr size_t kMaxNameBytes = 60;  // 20 Chinese characters
constexpr size_t kMaxTextBytes = 200;
constexpr size_t kMaxNotesBytes = 1000;
constexpr size_t kMaxVehicles = 10;

template <class E, size_t N>
std::string_view CodeOf(const std::array<std::pair<E, std::string_view>, N>& table, E v) {
  for (const auto& [e, code] : table) {
    if (e == v) {
      return code;
    }
  }
  return table[0].second;
}

template <class E, size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& table,
                       std::string_view code) {
  for (const auto& [e, c] : table) {
    if (c == code) {
      return e;
    }
  }
  return std::nullopt;
}

Status BoundText(std::string& text, std::string_view field, size_t max) {
  if (text.size() > max) {
    return MakeError("text.too_long", std::string(field), std::to_string(max));
  }
  return Ok();
}

}  // namespace

std::string_view DocTypeCode(DocType t) { return CodeOf(kDocTypes, t); }
std::optional<DocType> ParseDocType(std::string_view code) { return Parse(kDocTypes, code); }
std::string_view RelationCode(Relation r) { return CodeOf(kRelations, r); }
std::optional<Relation> ParseRelation(std::string_view code) { return Parse(kRelations, code); }
std::string_view PersonKindCode(PersonKind k) { return CodeOf(kKinds, k); }
std::optional<PersonKind> ParsePersonKind(std::string_view code) { return Parse(kKinds, code); }

std::vector<std::string_view> FlagCodes(std::uint32_t flags) {
  std::vector<std::string_view> out;
  for (const auto& [bit, code] : kFlags) {
    if ((flags & bit) != 0) {
      out.push_back(code);
    }
  }
  return out;
}

std::optional<std::uint32_t> ParseFlag(std::string_view code) { return Parse(kFlags, code); }

int AgeOn(const CivilDate& birth, const CivilDate& today) {
  int age = today.year - birth.year;
  if (today.month < birth.month || (today.month == birth.month && today.day < birth.day)) {
    --age;
  }
  return age;
}

bool MayBeDeclaredForByHousehold(const CivilDate& birth, const CivilDate& today) {
  const int age = AgeOn(birth, today);
  return age < kAdultAge || age >= kElderlyAge;
}

Result<std::string> ParsePlate(std::string_view text, std::string_view field) {
  const std::string f(field);
  std::string t;
  for (char c : text) {
    if (c == ' ' || c == '-' || c == '.' || c == '\t') {
      continue;
    }
    t.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
  }
  auto province = std::find_if(kPlateProvinces.begin(), kPlateProvinces.end(),
                               [&](std::string_view p) { return t.starts_with(p); });
  if (province == kPlateProvinces.end()) {
    return MakeError("plate.format", f);
  }
  std::string_view rest = std::string_view(t).substr(province->size());
  if (rest.size() != 6 && rest.size() != 7) {
    return MakeError("plate.format", f);
  }
  if (rest[0] < 'A' || rest[0] > 'Z') {
    return MakeError("plate.format", f);
  }
  for (char c : rest.substr(1)) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      return MakeError("plate.format", f);
    }
  }
  return t;
}

Status NormalisePerson(PersonInput& p, const CivilDate& today) {
  auto name = CleanName(p.name, "name", kMaxNameBytes);
  if (!name.ok()) {
    return name.error();
  }
  p.name = std::move(*name);

  if (p.doc_type == DocType::kResidentId) {
    auto id = identity::ParseIdNumber(p.doc_number, today, "id_number");
    if (!id.ok()) {
      return id.error();
    }
    p.doc_number = id->value;
    p.sex = std::string(identity::SexCode(id->sex));
    p.birth_date = FormatDate(id->birth_date);
  } else {
    std::string doc;
    for (char c : p.doc_number) {
      if (c == ' ') {
        continue;
      }
      const bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      if (!alnum && c != '-' && c != '(' && c != ')') {
        return MakeError("doc_number.format", "id_number");
      }
      doc.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
    }
    if (doc.size() < 5 || doc.size() > 20) {
      return MakeError("doc_number.format", "id_number");
    }
    p.doc_number = std::move(doc);
    if (!p.sex.empty() && p.sex != "male" && p.sex != "female") {
      return MakeError("sex.unknown", "sex");
    }
    if (!p.birth_date.empty()) {
      auto d = ParseDate(p.birth_date);
      if (!d || *d > today) {
        return MakeError("birth_date.format", "birth_date");
      }
    }
  }

  if (!p.phone.empty()) {
    auto phone = identity::ParseMobile(p.phone, "phone");
    if (!phone.ok()) {
      return phone.error();
    }
    p.phone = std::move(*phone);
  }
  if (p.vehicles.size() > kMaxVehicles) {
    return MakeError("vehicles.too_many", "vehicles");
  }
  for (size_t i = 0; i < p.vehicles.size(); ++i) {
    auto plate = ParsePlate(p.vehicles[i], "vehicles[" + std::to_string(i) + "]");
    if (!plate.ok()) {
      return plate.error();
    }
    p.vehicles[i] = std::move(*plate);
  }
  if (!p.out_migrant_since.empty()) {
    auto d = ParseDate(p.out_migrant_since);
    if (!d || *d > today) {
      return MakeError("out_migrant_since.format", "out_migrant_since");
    }
  }
  if (!p.out_migrant && (!p.out_migrant_where.empty() || !p.out_migrant_since.empty())) {
    p.out_migrant = true;  // a place or date of leaving says they have left
  }
  CORDON_RETURN_IF_ERROR(BoundText(p.workplace, "workplace", kMaxTextBytes));
  CORDON_RETURN_IF_ERROR(BoundText(p.out_migrant_where, "out_migrant_where", kMaxTextBytes));
  CORDON_RETURN_IF_ERROR(BoundText(p.notes, "notes", kMaxNotesBytes));
  return Ok();
}

}  // namespace cordon::registry
