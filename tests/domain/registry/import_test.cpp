#include "domain/registry/import.h"

#include <gtest/gtest.h>

#include <set>

#include "domain/identity/id_number.h"
#include "domain/registry/demo.h"

namespace cordon::registry {
namespace {

const CivilDate kToday{2020, 3, 1};

TEST(ImportTest, HeadersInAnyOrderAndEitherLanguage) {
  auto zh = MapHeader({"序号", "房号", "姓名 ", "身份证号码*", "楼栋", "手机号码", "备注"});
  ASSERT_TRUE(zh.ok()) << zh.error().code;
  EXPECT_EQ(zh->at(Column::kRoom), 1);
  EXPECT_EQ(zh->at(Column::kName), 2);
  EXPECT_EQ(zh->at(Column::kIdNumber), 3);
  EXPECT_EQ(zh->at(Column::kPhone), 5);
  EXPECT_EQ(zh->at(Column::kUnit), -1);

  auto en = MapHeader({"\xef\xbb\xbfName", "ID Number", "Building", "Room", "Relation"});
  ASSERT_TRUE(en.ok()) << en.error().code;
  EXPECT_EQ(en->at(Column::kName), 0);
  EXPECT_EQ(en->at(Column::kRelation), 4);
}

TEST(ImportTest, HeaderErrors) {
  auto missing = MapHeader({"姓名", "身份证号", "楼栋"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "import.missing_column");
  EXPECT_EQ(missing.error().field, "room");
  EXPECT_EQ(missing.error().detail, "房号");
  auto twice = MapHeader({"姓名", "身份证号", "证件号码", "楼栋", "房号"});
  EXPECT_EQ(twice.error().code, "import.duplicate_column");
  EXPECT_EQ(MapHeader({"", " "}).error().code, "import.empty");
}

struct RowCase {
  std::vector<std::string>
      cells;  // 姓名 身份证号 楼栋 单元 房号 与户主关系 人员类型 需关注情况 车牌号 外出务工
  const char* code;  // nullptr when valid
  const char* field;
};

TEST(ImportTest, Rows) {
  auto header = MapHeader({"姓名", "身份证号", "楼栋", "单元", "房号", "与户主关系", "人员类型",
                           "需关注情况", "车牌号", "外出务工"});
  ASSERT_TRUE(header.ok());
  const RowCase cases[] = {
      {{"张三", "11010519491231002X", "3", "1", "301", "户主", "业主", "独居、慢性病", "粤S12345",
        "否"},
       nullptr,
       ""},
      {{"张三", "11010519491231002X", "3号楼", "", "301室", "", "", "", "", ""}, nullptr, ""},
      {{"张三", "11010519491231002X", "3", "1", "301", "表哥", "", "", "", ""},
       "import.value",
       "relation"},
      {{"张三", "11010519491231002X", "3", "1", "301", "", "房东", "", "", ""},
       "import.value",
       "kind"},
      {{"张三", "11010519491231002X", "3", "1", "301", "", "", "很穷", "", ""},
       "import.value",
       "flags"},
      {{"张三", "11010519491231002X", "3", "1", "301", "", "", "", "", "也许"},
       "import.value",
       "out_migrant"},
      {{"张三", "110105194912310021", "3", "1", "301", "", "", "", "", ""},
       "id_number.check_digit",
       "id_number"},
      {{"张三", "11010519491231002X", "3", "1", "301", "", "", "", "XYZ", ""},
       "plate.format",
       "vehicles"},
      {{"", "11010519491231002X", "3", "1", "301", "", "", "", "", ""}, "text.required", "name"},
      {{"张三", "11010519491231002X", "", "1", "301", "", "", "", "", ""},
       "text.required",
       "building"},
      {{"张三", "11010519491231002X", "3", "1", "", "", "", "", "", ""}, "text.required", "room"},
      {{"张三", "11010519491231002X"}, "text.required", "building"},  // a short row
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.cells.size() > 5 ? c.cells[5] + c.cells[6] + c.cells[7] : "short");
    auto row = ParseImportRow(c.cells, *header, kToday);
    if (c.code == nullptr) {
      ASSERT_TRUE(row.ok()) << row.error().code;
      EXPECT_EQ(row->building, "3栋");
      EXPECT_EQ(row->room, "301");
    } else {
      ASSERT_FALSE(row.ok());
      EXPECT_EQ(row.error().code, c.code);
      EXPECT_EQ(row.error().field, c.field);
    }
  }
  auto full = ParseImportRow(cases[0].cells, *header, kToday);
  EXPECT_EQ(full->person.relation, Relation::kHead);
  EXPECT_EQ(full->person.flags, kFlagLivingAlone | kFlagChronic);
  EXPECT_EQ(full->unit, "1单元");
  EXPECT_EQ(full->person.vehicles, std::vector<std::string>{"粤S12345"});
}

TEST(ImportTest, ExportReadsBackTheSame) {
  PersonInput p;
  p.name = "李四";
  p.doc_number = "441900199003070016";
  p.phone = "13812345678";
  p.relation = Relation::kSpouse;
  p.kind = PersonKind::kTenant;
  p.flags = kFlagDisabled | kFlagChronic;
  p.vehicles = {"粤S12345", "粤SD12345"};
  p.out_migrant = true;
  p.out_migrant_where = "深圳市";
  p.out_migrant_since = "2020-01-20";
  p.workplace = "岗贝小学";
  ASSERT_TRUE(NormalisePerson(p, kToday).ok());
  auto header = MapHeader(ExportHeader());
  ASSERT_TRUE(header.ok());
  auto row = ParseImportRow(ExportCells(p, "2", "3栋", "1单元", "301"), *header, kToday);
  ASSERT_TRUE(row.ok()) << row.error().code << " " << row.error().field;
  EXPECT_EQ(row->person, p);
  EXPECT_EQ(row->zone, "2");
}

TEST(DemoTest, ShapeAndValidity) {
  DemoShape shape;
  shape.zones = 2;
  shape.buildings_per_zone = 2;
  shape.units_per_building = 2;
  shape.households_per_unit = 5;
  shape.persons = 100;
  auto rows = DemoRegistryRows(shape, kToday);
  ASSERT_EQ(rows.size(), 101u);
  auto header = MapHeader(rows[0]);
  ASSERT_TRUE(header.ok());
  std::set<std::string> ids;
  std::set<std::string> households;
  for (size_t i = 1; i < rows.size(); ++i) {
    auto row = ParseImportRow(rows[i], *header, kToday);
    ASSERT_TRUE(row.ok()) << i << ": " << row.error().code << " " << row.error().field;
    EXPECT_TRUE(ids.insert(row->person.doc_number).second) << "repeated ID";
    households.insert(row->building + row->unit + row->room);
  }
  EXPECT_EQ(households.size(), 40u);
  // The same seed gives the same people.
  EXPECT_EQ(DemoRegistryRows(shape, kToday), rows);
}

}  // namespace
}  // namespace cordon::registry
