#include "sheet/sheet.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "sheet_test_util.h"
#include "support/temp_dir.h"

namespace cordon::sheet {
namespace {

using testing::ReadAll;
using testing::Rows;
using testing::WriteFile;

std::string RandomBytes(std::size_t n) {
  std::mt19937 random(20200301);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string bytes(n, '\0');
  for (char& c : bytes) {
    c = static_cast<char>(byte(random));
  }
  return bytes;
}

// The content decides, not the name: an .xlsx renamed .csv still reads as a workbook.
TEST(OpenSheetTest, ChoosesByContent) {
  cordon::testing::TempDir dir;
  const std::string xlsx = dir.File("really_a_workbook.csv");
  testing::WriteWorkbook(xlsx,
                         "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>");
  const std::string csv = dir.File("really_text.xlsx");
  WriteFile(csv, "a,b\n");
  for (const auto& [path, rows] :
       {std::pair{xlsx, Rows{{"x"}}}, std::pair{csv, Rows{{"a", "b"}}}}) {
    SCOPED_TRACE(path);
    auto source = OpenSheet(path);
    ASSERT_TRUE(source.ok()) << source.error().code;
    const testing::ReadResult result = ReadAll(**source);
    EXPECT_TRUE(result.status.ok());
    EXPECT_EQ(result.rows, rows);
  }
}

struct NotASheet {
  const char* name;
  std::string bytes;
  const char* code;
};

TEST(OpenSheetTest, RefusesWhatIsNotASheet) {
  cordon::testing::TempDir dir;
  const std::string zip_without_workbook = dir.File("notes.zip");
  testing::WriteZip(zip_without_workbook, {{"notes.txt", "hello"}, {"docProps/app.xml", "<a/>"}});
  const NotASheet cases[] = {
      {"random bytes", RandomBytes(4096), "sheet.format"},
      {"zip without a workbook", testing::ReadFile(zip_without_workbook), "sheet.format"},
      {"truncated zip", testing::ReadFile(zip_without_workbook).substr(0, 40), "sheet.format"},
      {"old .xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'),
       "sheet.format"},
      {"png", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16), "sheet.format"},
  };
  for (const NotASheet& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = dir.File("upload");
    WriteFile(path, c.bytes);
    auto source = OpenSheet(path);
    ASSERT_FALSE(source.ok());
    EXPECT_EQ(source.error().code, c.code);
  }
}

TEST(OpenSheetTest, MissingFile) {
  auto source = OpenSheet("/nonexistent/cordon/upload.xlsx");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.error().code, "sheet.open");
}

}  // namespace
}  // namespace cordon::sheet
