#include "domain/registry/person.h"

#include <gtest/gtest.h>

#include "domain/registry/places.h"

namespace cordon::registry {
namespace {

const CivilDate kToday{2020, 3, 1};

PersonInput Base() {
  PersonInput p;
  p.name = " 张三 ";
  p.doc_number = "11010519491231002x";
  p.phone = "138 1234 5678";
  return p;
}

TEST(PersonTest, NormaliseDerivesFromTheIdNumber) {
  PersonInput p = Base();
  p.sex = "male";               // ignored: the number says otherwise
  p.birth_date = "2000-01-01";  // likewise
  ASSERT_TRUE(NormalisePerson(p, kToday).ok());
  EXPECT_EQ(p.name, "张三");
  EXPECT_EQ(p.doc_number, "11010519491231002X");
  EXPECT_EQ(p.phone, "13812345678");
  EXPECT_EQ(p.sex, "female");
  EXPECT_EQ(p.birth_date, "1949-12-31");
}

struct Case {
  const char* what;
  void (*change)(PersonInput&);
  const char* code;
  const char* field;
};

const Case kCases[] = {
    {"no name", [](PersonInput& p) { p.name = "  "; }, "text.required", "name"},
    {"long name", [](PersonInput& p) { p.name = std::string(61, 'a'); }, "text.too_long", "name"},
    {"control char",
     [](PersonInput& p) {
       p.name =
           "a\x01"
           "b";
     },
     "text.format", "name"},
    {"bad id", [](PersonInput& p) { p.doc_number = "110105194912310021"; }, "id_number.check_digit",
     "id_number"},
    {"bad phone", [](PersonInput& p) { p.phone = "12345"; }, "phone.format", "phone"},
    {"bad plate", [](PersonInput& p) { p.vehicles = {"ABC123"}; }, "plate.format", "vehicles[0]"},
    {"future leave", [](PersonInput& p) { p.out_migrant_since = "2021-01-01"; },
     "out_migrant_since.format", "out_migrant_since"},
    {"passport junk",
     [](PersonInput& p) {
       p.doc_type = DocType::kPassport;
       p.doc_number = "E1$";
     },
     "doc_number.format", "id_number"},
    {"passport bad sex",
     [](PersonInput& p) {
       p.doc_type = DocType::kPassport;
       p.doc_number = "E12345678";
       p.sex = "x";
     },
     "sex.unknown", "sex"},
    {"long notes", [](PersonInput& p) { p.notes = std::string(1001, 'n'); }, "text.too_long",
     "notes"},
    {"many vehicles", [](PersonInput& p) { p.vehicles = std::vector<std::string>(11, "粤S12345"); },
     "vehicles.too_many", "vehicles"},
};

TEST(PersonTest, NormaliseRefuses) {
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.what);
    PersonInput p = Base();
    c.change(p);
    auto st = NormalisePerson(p, kToday);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, c.code);
    EXPECT_EQ(st.error().field, c.field);
  }
}

TEST(PersonTest, OtherDocumentsKeepGivenSexAndBirth) {
  PersonInput p = Base();
  p.doc_type = DocType::kPassport;
  p.doc_number = "e 1234 5678";
  p.sex = "male";
  p.birth_date = "1980-05-06";
  p.phone.clear();
  ASSERT_TRUE(NormalisePerson(p, kToday).ok());
  EXPECT_EQ(p.doc_number, "E12345678");
  EXPECT_EQ(p.sex, "male");
  EXPECT_EQ(p.phone, "");
}

TEST(PersonTest, APlaceOrDateOfLeavingMeansOutMigrant) {
  PersonInput p = Base();
  p.out_migrant_where = "深圳市";
  ASSERT_TRUE(NormalisePerson(p, kToday).ok());
  EXPECT_TRUE(p.out_migrant);
}

TEST(PersonTest, Plates) {
  EXPECT_EQ(*ParsePlate("粤s 12345", "v"), "粤S12345");
  EXPECT_EQ(*ParsePlate("粤SD12345", "v"), "粤SD12345");  // new energy
  EXPECT_EQ(ParsePlate("粤S1234", "v").error().code, "plate.format");
  EXPECT_EQ(ParsePlate("XX12345", "v").error().code, "plate.format");
  EXPECT_EQ(ParsePlate("粤112345", "v").error().code, "plate.format");
}

TEST(PersonTest, Age) {
  EXPECT_EQ(AgeOn({1960, 3, 1}, {2020, 3, 1}), 60);
  EXPECT_EQ(AgeOn({1960, 3, 2}, {2020, 3, 1}), 59);
  EXPECT_EQ(AgeOn({2000, 2, 29}, {2020, 2, 28}), 19);
}

TEST(PersonTest, AHouseholdDeclaresForItsMinorsAndElderlyOnly) {
  const CivilDate today{2020, 3, 1};
  EXPECT_TRUE(MayBeDeclaredForByHousehold({2015, 6, 1}, today));   // 4
  EXPECT_TRUE(MayBeDeclaredForByHousehold({2002, 3, 2}, today));   // 17, a day short of 18
  EXPECT_FALSE(MayBeDeclaredForByHousehold({2002, 3, 1}, today));  // 18 today
  EXPECT_FALSE(MayBeDeclaredForByHousehold({1980, 1, 1}, today));  // 40
  EXPECT_FALSE(MayBeDeclaredForByHousehold({1960, 3, 2}, today));  // 59
  EXPECT_TRUE(MayBeDeclaredForByHousehold({1960, 3, 1}, today));   // 60 today
  EXPECT_TRUE(MayBeDeclaredForByHousehold({1935, 1, 1}, today));   // 85
}

TEST(PersonTest, EnumCodesRoundTrip) {
  for (auto t : {DocType::kResidentId, DocType::kPassport, DocType::kHkMacaoPermit,
                 DocType::kTaiwanPermit, DocType::kForeignPermanent, DocType::kOther}) {
    EXPECT_EQ(ParseDocType(DocTypeCode(t)), t);
  }
  for (auto r : {Relation::kHead, Relation::kSpouse, Relation::kChild, Relation::kParent,
                 Relation::kGrandchild, Relation::kSibling, Relation::kOther}) {
    EXPECT_EQ(ParseRelation(RelationCode(r)), r);
  }
  for (auto k :
       {PersonKind::kOwner, PersonKind::kTenant, PersonKind::kCollective, PersonKind::kVisitor}) {
    EXPECT_EQ(ParsePersonKind(PersonKindCode(k)), k);
  }
  EXPECT_EQ(FlagCodes(kFlagDisabled | kFlagChronic),
            (std::vector<std::string_view>{"disabled", "chronic"}));
}

struct NormCase {
  const char* in;
  const char* room;
  const char* building;
  const char* unit;
};

TEST(PlacesTest, Normalisation) {
  const NormCase cases[] = {
      {"301", "301", "301栋", "301单元"},   {"3-01", "301", "3-01", "3-01"},
      {" 301室 ", "301", "301室", "301室"}, {"12号楼", "12号楼", "12栋", "12号楼"},
      {"12栋", "12栋", "12栋", "12栋"},     {"A座", "A座", "A座", "A座"},
      {"1单元", "1单元", "1单元", "1单元"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(NormaliseRoom(c.in), c.room);
    EXPECT_EQ(NormaliseBuilding(c.in), c.building);
    EXPECT_EQ(NormaliseUnit(c.in), c.unit);
  }
}

TEST(PlacesTest, RegionCodes) {
  EXPECT_EQ(LevelOfRegionCode("44"), RegionLevel::kProvince);
  EXPECT_EQ(LevelOfRegionCode("4419"), RegionLevel::kCity);
  EXPECT_EQ(LevelOfRegionCode("441900"), RegionLevel::kDistrict);
  EXPECT_EQ(LevelOfRegionCode("441900003"), RegionLevel::kStreet);
  EXPECT_FALSE(LevelOfRegionCode("44190").has_value());
  EXPECT_FALSE(LevelOfRegionCode("44a9").has_value());
  EXPECT_EQ(ParentRegionCode("441900003"), "441900");
  EXPECT_EQ(ParentRegionCode("44"), "");
}

}  // namespace
}  // namespace cordon::registry
