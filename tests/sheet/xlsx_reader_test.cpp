#include "sheet/xlsx_reader.h"

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

const std::string kDataDir = std::string(CORDON_SOURCE_DIR) + "/tests/data/";

// Saved by LibreOffice Calc from a CSV, ID column as text (tests/data/README.md): the row 4 left
// blank is absent from the XML, phones and building numbers are number cells, two notes are
// rich text.
TEST(SheetXlsxReaderTest, LibreOfficeWorkbook) {
  const Rows expected = {
      {"姓名", "身份证号", "手机号", "楼栋", "单元", "房号", "与户主关系", "人员类型", "备注"},
      {"张三", "11010519491231002X", "13812345678", "3", "1", "0101", "户主", "常住"},
      {"李四", "441900199003070016", "13912345678", "3", "1", "0101", "配偶", "常住",
       "有\"引号\"的备注"},
      {"王五", "110101200002290018", "13700000000", "12", "2", "1202", "子女", "租户", "含,逗号"},
      {"赵六", "810000199408230021", "15000000000", "12", "2", "1202", "其他", "流动"},
  };
  for (const bool by_content : {false, true}) {
    const std::string path = kDataDir + "persons_libreoffice.xlsx";
    auto source = by_content ? OpenSheet(path) : OpenXlsx(path);
    ASSERT_TRUE(source.ok()) << source.error().code << " " << source.error().detail;
    const testing::ReadResult result = ReadAll(**source);
    EXPECT_TRUE(result.status.ok());
    EXPECT_EQ(result.rows, expected);
    EXPECT_EQ(result.numbers, (std::vector<std::size_t>{1, 2, 3, 5, 6}));
  }
}

struct Case {
  const char* name;
  std::string sheet_data;
  std::string shared_strings;
  Rows rows;
  std::vector<std::size_t> numbers;
  const char* error = nullptr;
  const char* detail = "";
  ReadOptions options = {};
};

std::string Inline(const std::string& ref, const std::string& text) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

// B2 = "b" and AA2 = "aa": 27 cells, the rest empty.
std::vector<std::string> ColumnsBAndAa() {
  std::vector<std::string> cells(27);
  cells[1] = "b";
  cells[26] = "aa";
  return cells;
}

std::vector<Case> Cases() {
  return {
      {"cell types",
       "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c>" + Inline("B1", "inline") +
           "<c r=\"C1\" t=\"str\"><f>A1&amp;\"\"</f><v>formula</v></c>"
           "<c r=\"D1\" t=\"b\"><v>1</v></c><c r=\"E1\" t=\"b\"><v>0</v></c>"
           "<c r=\"F1\" t=\"e\"><v>#N/A</v></c><c r=\"G1\" t=\"d\"><v>2020-03-01</v></c></row>",
       "<si><t>zero</t></si><si><t>one</t></si>",
       {{"one", "inline", "formula", "TRUE", "FALSE", "#N/A", "2020-03-01"}},
       {1}},
      {"numbers",
       "<row r=\"1\"><c><v>13812345678</v></c><c t=\"n\"><v>3</v></c><c><v>3.0</v></c>"
       "<c><v>0.5</v></c><c><v>4.4190019900307002E+17</v></c><c><v>1E+3</v></c>"
       "<c><v>-2</v></c><c><v>45000.25</v></c><c><v>1.2345678901234567E-5</v></c>"
       "<c><v>-0</v></c><c><f>1/0</f></c><c><v>abc</v></c></row>",
       "",
       {{"13812345678", "3", "3", "0.5", "441900199003070016", "1000", "-2", "45000.25",
         "1.2345678901234567E-5", "0", "", "abc"}},
       {1}},
      {"cells placed by column, trailing empties dropped",
       "<row r=\"2\">" + Inline("B2", "b") + Inline("AA2", "aa") +
           "<c r=\"AB2\" s=\"1\"/><c r=\"AC2\" t=\"s\"/></row>",
       "",
       {ColumnsBAndAa()},
       {2}},
      {"cells without references follow each other",
       "<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c>" + Inline("C1", "c") +
           "<c t=\"inlineStr\"><is><t>d</t></is></c></row>",
       "",
       {{"a", "", "c", "d"}},
       {1}},
      {"blank and empty rows skipped, numbers kept",
       "<row r=\"2\">" + Inline("A2", "x") + "</row><row r=\"5\"><c r=\"A5\" s=\"3\"/></row>" +
           "<row r=\"7\">" + Inline("A7", "y") + "</row><row>" + Inline("A8", "z") + "</row>",
       "",
       {{"x"}, {"y"}, {"z"}},
       {2, 7, 8}},
      {"rich text, phonetic runs, escapes, entities, cdata",
       "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
       "<c r=\"C1\" t=\"inlineStr\"><is><t><![CDATA[<x>&]]></t></is></c>"
       "<c r=\"D1\" t=\"inlineStr\"><is><r><t>富</t></r><r><t>文本</t></r>"
       "<rPh sb=\"0\" eb=\"1\"><t>fu</t></rPh></is></c></row>",
       "<si><r><t>张</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">三 </t></r>"
       "<rPh sb=\"0\" eb=\"1\"><t>zhang</t></rPh><phoneticPr fontId=\"1\"/></si>"
       "<si><t>a_x000D_&#10;b &amp;&lt; _x005F_x0041_ _xD83D__xDE00_</t></si>",
       {{"张三 ", "a\r\nb &< _x0041_ \xF0\x9F\x98\x80", "<x>&", "富文本"}},
       {1}},
      {"broken xml after good rows",
       "<row r=\"1\">" + Inline("A1", "ok") + "</row><row r=\"2\"><c r=\"A2\"><v>1</v></row>",
       "",
       {{"ok"}},
       {1},
       "sheet.malformed",
       "2"},
      {"shared string index out of range",
       "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c></row>",
       "<si><t>a</t></si>",
       {},
       {},
       "sheet.malformed",
       "3"},
      {"cell too large",
       "<row r=\"1\">" + Inline("A1", "abcd") + "</row><row r=\"2\">" + Inline("A2", "abcde") +
           "</row>",
       "",
       {{"abcd"}},
       {1},
       "sheet.cell_too_large",
       "2",
       {.max_cell_bytes = 4}},
      {"escapes count after decoding",
       "<row r=\"1\">" + Inline("A1", "_x0041__x0042__x0043__x0044_") + "</row>",
       "",
       {{"ABCD"}},
       {1},
       nullptr,
       "",
       {.max_cell_bytes = 4}},
      {"too many columns",
       "<row r=\"1\">" + Inline("B1", "b") + "<c r=\"XFD1\" s=\"1\"/></row><row r=\"2\">" +
           Inline("C2", "c") + "</row>",
       "",
       {{"", "b"}},
       {1},
       "sheet.too_many_columns",
       "2",
       {.max_columns = 2}},
  };
}

TEST(SheetXlsxReaderTest, Table) {
  cordon::testing::TempDir dir;
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    const std::string path = dir.File("in.xlsx");
    testing::WriteWorkbook(path, c.sheet_data, c.shared_strings);
    auto source = OpenXlsx(path, c.options);
    ASSERT_TRUE(source.ok()) << source.error().code;
    const testing::ReadResult result = ReadAll(**source);
    EXPECT_EQ(result.rows, c.rows);
    EXPECT_EQ(result.numbers, c.numbers);
    if (c.error == nullptr) {
      EXPECT_TRUE(result.status.ok()) << result.status.error().code;
    } else {
      ASSERT_FALSE(result.status.ok());
      EXPECT_EQ(result.status.error().code, c.error);
      EXPECT_EQ(result.status.error().detail, c.detail);
    }
  }
}

const char* kRelationshipsNamespace =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string Rels(const std::string& relationships) {
  return "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
         relationships + "</Relationships>";
}

std::string Relationship(const std::string& id, const std::string& type,
                         const std::string& target) {
  return "<Relationship Id=\"" + id + "\" Type=\"" + kRelationshipsNamespace + "/" + type +
         "\" Target=\"" + target + "\"/>";
}

// The first <sheet> of the workbook is read, wherever its relationship points.
TEST(SheetXlsxReaderTest, FirstSheetThroughRelationships) {
  cordon::testing::TempDir dir;
  const std::string path = dir.File("two.xlsx");
  testing::WriteZip(
      path, {{"xl/workbook.xml",
              std::string("<workbook xmlns=\"") + testing::kMainNamespace + "\" xmlns:rel=\"" +
                  kRelationshipsNamespace +
                  "\"><sheets><sheet name=\"名单\" sheetId=\"2\" rel:id=\"rId7\"/>"
                  "<sheet name=\"Other\" sheetId=\"1\" rel:id=\"rId1\"/></sheets></workbook>"},
             {"xl/_rels/workbook.xml.rels",
              Rels(Relationship("rId1", "worksheet", "worksheets/sheet1.xml") +
                   Relationship("rId7", "worksheet", "/xl/worksheets/../worksheets/data.xml") +
                   Relationship("rId9", "sharedStrings", "strings/table.xml"))},
             {"xl/worksheets/sheet1.xml",
              testing::SheetXml("<row r=\"1\">" + Inline("A1", "other") + "</row>")},
             {"xl/worksheets/data.xml",
              testing::SheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>")},
             {"xl/strings/table.xml", testing::SharedStringsXml("<si><t>名单</t></si>")}});
  auto source = OpenXlsx(path);
  ASSERT_TRUE(source.ok()) << source.error().code;
  const testing::ReadResult result = ReadAll(**source);
  EXPECT_TRUE(result.status.ok());
  EXPECT_EQ(result.rows, (Rows{{"名单"}}));
}

// Some generators write every element with a prefix; a workbook without workbook.xml still has
// its conventional first sheet.
TEST(SheetXlsxReaderTest, PrefixedElementsAndNoWorkbookPart) {
  cordon::testing::TempDir dir;
  const std::string path = dir.File("prefixed.xlsx");
  testing::WriteZip(path, {{"xl/worksheets/sheet1.xml",
                            std::string("<x:worksheet xmlns:x=\"") + testing::kMainNamespace +
                                "\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" "
                                "t=\"inlineStr\"><x:is><x:t>p</x:t></x:is></x:c></x:row>"
                                "</x:sheetData></x:worksheet>"}});
  auto source = OpenXlsx(path);
  ASSERT_TRUE(source.ok()) << source.error().code;
  const testing::ReadResult result = ReadAll(**source);
  EXPECT_TRUE(result.status.ok());
  EXPECT_EQ(result.rows, (Rows{{"p"}}));
}

// A document type declaration is refused: no OOXML part has one, and entity expansion is the
// classic XML bomb.
TEST(SheetXlsxReaderTest, DoctypeIsMalformed) {
  cordon::testing::TempDir dir;
  const std::string path = dir.File("dtd.xlsx");
  testing::WriteZip(path, {{"xl/worksheets/sheet1.xml",
                            "<!DOCTYPE w [<!ENTITY a \"aaaa\">]><worksheet><sheetData><row "
                            "r=\"1\"><c t=\"inlineStr\"><is><t>&a;</t></is></c></row>"
                            "</sheetData></worksheet>"}});
  auto source = OpenXlsx(path);
  ASSERT_TRUE(source.ok());
  const testing::ReadResult result = ReadAll(**source);
  EXPECT_TRUE(result.rows.empty());
  ASSERT_FALSE(result.status.ok());
  EXPECT_EQ(result.status.error().code, "sheet.malformed");
}

TEST(SheetXlsxReaderTest, MissingFile) {
  auto source = OpenXlsx("/nonexistent/cordon/upload.xlsx");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.error().code, "sheet.open");
}

TEST(SheetXlsxReaderTest, BrokenSharedStringsFailOnOpen) {
  cordon::testing::TempDir dir;
  const std::string path = dir.File("broken.xlsx");
  testing::WriteWorkbook(path, "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>",
                         "<si><t>a</si>");
  auto source = OpenXlsx(path);
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.error().code, "sheet.malformed");
}

}  // namespace
}  // namespace cordon::sheet
