#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sheet/sheet.h"
#include "sheet_test_util.h"
#include "support/temp_dir.h"

namespace cordon::sheet {
namespace {

using testing::ReadAll;
using testing::Rows;

// Chinese text, an 18-digit ID that a number cell would round, an empty cell, and a cell
// with a comma, quotes and a line break.
const Rows kRows = {
    {"姓名", "身份证号", "手机号", "备注"},
    {"张三", "11010519491231002X", "13812345678", "a,b \"q\"\n第二行"},
    {"李四", "441900199003070016", "", "0101"},
    {"", "仅第二列"},
};

void WriteRows(sheets::RowSink& sink, const Rows& rows) {
  for (const auto& row : rows) {
    ASSERT_TRUE(sink.Write(row).ok());
  }
  ASSERT_TRUE(sink.Finish().ok());
}

TEST(SheetWritersTest, XlsxRoundTrip) {
  cordon::testing::TempDir dir;
  const std::string path = dir.File("out.xlsx");
  auto sink = CreateXlsx(path, "人员名单");
  ASSERT_TRUE(sink.ok()) << sink.error().code;
  WriteRows(**sink, kRows);

  auto source = OpenSheet(path);
  ASSERT_TRUE(source.ok()) << source.error().code << " " << source.error().detail;
  const testing::ReadResult result = ReadAll(**source);
  EXPECT_TRUE(result.status.ok());
  EXPECT_EQ(result.rows, kRows);
  EXPECT_EQ(result.numbers, (std::vector<std::size_t>{1, 2, 3, 4}));

  // Every cell is a string, never a number; the header is bold; columns are text and sized.
  const std::string sheet = testing::ReadZipEntry(path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<t>441900199003070016</t>"), std::string::npos) << sheet;
  EXPECT_EQ(sheet.find("<v>"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<cols>"), std::string::npos) << sheet;
  const std::string styles = testing::ReadZipEntry(path, "xl/styles.xml");
  EXPECT_NE(styles.find("<b/>"), std::string::npos) << styles;
  EXPECT_NE(styles.find("numFmtId=\"49\""), std::string::npos) << styles;  // "@", text
  EXPECT_NE(testing::ReadZipEntry(path, "xl/workbook.xml").find("name=\"人员名单\""),
            std::string::npos);
}

TEST(SheetWritersTest, CsvRoundTrip) {
  cordon::testing::TempDir dir;
  const std::string path = dir.File("out.csv");
  auto sink = CreateCsv(path);
  ASSERT_TRUE(sink.ok());
  WriteRows(**sink, kRows);

  EXPECT_EQ(testing::ReadFile(path),
            "\xEF\xBB\xBF"
            "姓名,身份证号,手机号,备注\r\n"
            "张三,11010519491231002X,13812345678,\"a,b \"\"q\"\"\n第二行\"\r\n"
            "李四,441900199003070016,,0101\r\n"
            ",仅第二列\r\n");
  auto source = OpenSheet(path);
  ASSERT_TRUE(source.ok());
  const testing::ReadResult result = ReadAll(**source);
  EXPECT_TRUE(result.status.ok());
  EXPECT_EQ(result.rows, kRows);
}

TEST(SheetWritersTest, Errors) {
  cordon::testing::TempDir dir;
  const std::string nowhere = dir.File("missing-dir/out");
  auto csv = CreateCsv(nowhere + ".csv");
  ASSERT_FALSE(csv.ok());
  EXPECT_EQ(csv.error().code, "sheet.write");
  auto xlsx = CreateXlsx(nowhere + ".xlsx", "S");
  ASSERT_FALSE(xlsx.ok());
  EXPECT_EQ(xlsx.error().code, "sheet.write");

  for (const char* name : {"a/b", "[x]", "", "0123456789012345678901234567890123"}) {
    SCOPED_TRACE(name);
    auto bad_name = CreateXlsx(dir.File("name.xlsx"), name);
    ASSERT_FALSE(bad_name.ok());
    EXPECT_EQ(bad_name.error().code, "sheet.write");
  }

  // Past Excel's 32,767 characters in a cell.
  auto sink = CreateXlsx(dir.File("long.xlsx"), "S");
  ASSERT_TRUE(sink.ok());
  const Status too_long = (*sink)->Write({std::string(40'000, 'x')});
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, "sheet.write");

  // Nothing may be written after Finish.
  auto done = CreateCsv(dir.File("done.csv"));
  ASSERT_TRUE(done.ok());
  ASSERT_TRUE((*done)->Finish().ok());
  EXPECT_FALSE((*done)->Write({"a"}).ok());
  EXPECT_FALSE((*done)->Finish().ok());
}

// A writer dropped before Finish frees everything (the sanitizers check) and leaves no workbook.
TEST(SheetWritersTest, AbandonedXlsxWriter) {
  cordon::testing::TempDir dir;
  const std::string path = dir.File("abandoned.xlsx");
  {
    auto sink = CreateXlsx(path, "S");
    ASSERT_TRUE(sink.ok());
    ASSERT_TRUE((*sink)->Write({"a", "b"}).ok());
  }
  EXPECT_EQ(testing::ReadFile(path), "");
}

}  // namespace
}  // namespace cordon::sheet
