#include "sheet/csv_reader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "sheet_test_util.h"
#include "support/temp_dir.h"

namespace cordon::sheet {
namespace {

using testing::Gbk;
using testing::ReadAll;
using testing::Rows;
using testing::WriteFile;

struct Case {
  const char* name;
  std::string input;
  Rows rows;
  std::vector<std::size_t> numbers;
  // The error that ends reading after `rows`, or nullptr.
  const char* error = nullptr;
  const char* detail = "";
  ReadOptions options = {};
};

std::vector<Case> Cases() {
  return {
      {"lf", "a,b\nc,d\n", {{"a", "b"}, {"c", "d"}}, {1, 2}},
      {"crlf, last line without end", "a,b\r\nc,d", {{"a", "b"}, {"c", "d"}}, {1, 2}},
      {"lone cr", "a\rb\r", {{"a"}, {"b"}}, {1, 2}},
      {"utf-8",
       "姓名,手机号\n张三,13812345678\n",
       {{"姓名", "手机号"}, {"张三", "13812345678"}},
       {1, 2}},
      {"utf-8 bom", "\xEF\xBB\xBF姓名\r\n张三\r\n", {{"姓名"}, {"张三"}}, {1, 2}},
      {"quoted cells", "\"a,b\",\"say \"\"hi\"\"\",\"\"\n", {{"a,b", "say \"hi\"", ""}}, {1}},
      {"quoted line breaks stay in one row",
       "a,\"x\ny\"\nb,\"1\r\n2\"\n\"3\r4\"\nc\n",
       {{"a", "x\ny"}, {"b", "1\r\n2"}, {"3\r4"}, {"c"}},
       {1, 2, 3, 4}},
      {"blank lines skipped but counted", "a\n\r\n\nb\n\n\n", {{"a"}, {"b"}}, {1, 4}},
      {"leading blank lines", "\n\nh\n", {{"h"}}, {3}},
      {"ragged rows", "a,b,c\nd\ne,\n", {{"a", "b", "c"}, {"d"}, {"e", ""}}, {1, 2, 3}},
      {"spaces kept", " a , b \n", {{" a ", " b "}}, {1}},
      {"quote inside an unquoted cell", "5'3\",x\"y\n", {{"5'3\"", "x\"y"}}, {1}},
      {"text after a closing quote", "\"ab\"cd,e\n", {{"abcd", "e"}}, {1}},
      {"empty file", "", {}, {}},
      {"only a bom", "\xEF\xBB\xBF", {}, {}},
      {"an empty quoted cell is a row", "\"\"\n", {{""}}, {1}},
      {"only a delimiter", ",\n", {{"", ""}}, {1}},
      {"tab-separated header", "a\tb\nc\td\n", {{"a", "b"}, {"c", "d"}}, {1, 2}},
      {"tab inside comma-separated", "a\tb,c\n", {{"a\tb", "c"}}, {1}},
      {"unterminated quote", "a\nb,\"open\nc\n", {{"a"}}, {1}, "sheet.malformed", "2"},
      {"mixed utf-8 and gbk",
       "张三\n\"李\n四\"\n" + Gbk("王五") + "\n",
       {{"张三"}, {"李\n四"}},
       {1, 2},
       "sheet.encoding",
       "3"},
      {"bom utf-8 is never gbk",
       "\xEF\xBB\xBF"
       "a\n" +
           Gbk("张三") + "\n",
       {{"a"}},
       {1},
       "sheet.encoding",
       "2"},
      {"gbk cut at the end", "a\n" + Gbk("张三") + "\xD5", {{"a"}}, {1}, "sheet.encoding", "2"},
      {"not gbk either", "a\n\x80\x80\n", {{"a"}}, {1}, "sheet.encoding", "2"},
      {"forced utf-8 on gbk",
       Gbk("张三\n"),
       {},
       {},
       "sheet.encoding",
       "1",
       {.encoding = Encoding::kUtf8}},
      {"forced gbk",
       Gbk("张三,李四\n"),
       {{"张三", "李四"}},
       {1},
       nullptr,
       "",
       {.encoding = Encoding::kGb18030}},
      {"cell too large",
       "abcd\n\"ab\ncde\"\n",
       {{"abcd"}},
       {1},
       "sheet.cell_too_large",
       "2",
       {.max_cell_bytes = 4}},
      {"empty cells past the column bound are dropped",
       "a,b,c,,,\n",
       {{"a", "b", "c"}},
       {1},
       nullptr,
       "",
       {.max_columns = 3}},
      {"too many columns",
       "a,b,c\na,b,c,,d\n",
       {{"a", "b", "c"}},
       {1},
       "sheet.too_many_columns",
       "2",
       {.max_columns = 3}},
  };
}

TEST(SheetCsvReaderTest, Table) {
  cordon::testing::TempDir dir;
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    const std::string path = dir.File("in.csv");
    WriteFile(path, c.input);
    auto source = OpenCsv(path, c.options);
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
      // Reading stays stopped.
      std::vector<std::string> cells;
      EXPECT_FALSE((*source)->Next(cells));
    }
  }
}

// What Excel on Chinese Windows saves as "CSV (逗号分隔)".
TEST(SheetCsvReaderTest, GbkFromExcel) {
  const std::string utf8 = "姓名,身份证号,手机号\n张三,11010519491231002X,13812345678\n";
  const Rows expected = {{"姓名", "身份证号", "手机号"},
                         {"张三", "11010519491231002X", "13812345678"}};
  cordon::testing::TempDir dir;
  const std::string path = dir.File("gbk.csv");
  WriteFile(path, Gbk(utf8));
  for (const Encoding encoding : {Encoding::kAuto, Encoding::kGb18030}) {
    auto source = OpenCsv(path, {.encoding = encoding});
    ASSERT_TRUE(source.ok());
    const testing::ReadResult result = ReadAll(**source);
    EXPECT_TRUE(result.status.ok());
    EXPECT_EQ(result.rows, expected);
  }
}

// Excel's "Unicode text": UTF-16LE with a byte-order mark, tab-separated.
TEST(SheetCsvReaderTest, Utf16LeUnicodeText) {
  cordon::testing::TempDir dir;
  const std::string path = dir.File("unicode.txt");
  WriteFile(path, "\xFF\xFE" + testing::Encode("姓名\t手机号\r\n张三\t\"a\tb\"\r\n", "UTF-16LE"));
  auto source = OpenCsv(path);
  ASSERT_TRUE(source.ok());
  const testing::ReadResult result = ReadAll(**source);
  EXPECT_TRUE(result.status.ok());
  EXPECT_EQ(result.rows, (Rows{{"姓名", "手机号"}, {"张三", "a\tb"}}));
}

// A character cut by the end of a 64 KiB read is put back together, in UTF-8 and in GBK.
TEST(SheetCsvReaderTest, CharacterAcrossReads) {
  std::string prefix;
  for (int i = 0; i < 655; ++i) {
    prefix += std::string(99, 'x') + "\n";
  }
  prefix += std::string(34, 'y') + "\n";
  ASSERT_EQ(prefix.size(), 65535u);
  cordon::testing::TempDir dir;
  for (const std::string& tail : {std::string("张三,李四\n"), Gbk("张三,李四\n")}) {
    const std::string path = dir.File("long.csv");
    WriteFile(path, prefix + tail);
    auto source = OpenCsv(path);
    ASSERT_TRUE(source.ok());
    const testing::ReadResult result = ReadAll(**source);
    EXPECT_TRUE(result.status.ok()) << result.status.error().code;
    ASSERT_EQ(result.rows.size(), 657u);
    EXPECT_EQ(result.rows.back(), (std::vector<std::string>{"张三", "李四"}));
    EXPECT_EQ(result.numbers.back(), 657u);
  }
}

TEST(SheetCsvReaderTest, MissingFile) {
  auto source = OpenCsv("/nonexistent/cordon/none.csv");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.error().code, "sheet.open");
}

TEST(SheetCsvReaderTest, BinaryIsNotCsv) {
  cordon::testing::TempDir dir;
  const std::string path = dir.File("binary.csv");
  WriteFile(path, std::string("a,b\n\0\x01\x02", 7));
  auto source = OpenCsv(path);
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.error().code, "sheet.format");
}

// 100,000 rows read through a pipe: the first row must come back while most of the file is
// still unwritten, which a reader that loads the whole file first cannot do.
TEST(SheetCsvReaderTest, StreamsAHundredThousandRows) {
  constexpr int kRows = 100'000;
  // Past 64 KiB of the pipe buffer and 64 KiB of the reader's first read.
  constexpr int kRowsBeforeWaiting = 4'000;
  cordon::testing::TempDir dir;
  const std::string path = dir.File("pipe.csv");
  ASSERT_EQ(mkfifo(path.c_str(), 0600), 0);

  std::promise<void> first_row_read;
  std::future<void> first_row_future = first_row_read.get_future();
  bool writer_saw_first_row = false;
  std::thread writer([&] {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) {
      return;
    }
    std::fputs("姓名,身份证号,手机号,序号\n", f);
    for (int i = 1; i <= kRows; ++i) {
      if (i == kRowsBeforeWaiting) {
        std::fflush(f);
        writer_saw_first_row =
            first_row_future.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
      }
      std::fprintf(f, "张三,11010519491231002X,\"138%08d\",%d\n", i, i);
    }
    std::fclose(f);
  });

  auto source = OpenCsv(path);
  ASSERT_TRUE(source.ok());
  std::vector<std::string> cells;
  ASSERT_TRUE((*source)->Next(cells));
  first_row_read.set_value();
  EXPECT_EQ(cells, (std::vector<std::string>{"姓名", "身份证号", "手机号", "序号"}));
  int rows = 0;
  bool all_match = true;
  while ((*source)->Next(cells)) {
    ++rows;
    char phone[16];
    std::snprintf(phone, sizeof phone, "138%08d", rows);
    all_match = all_match && cells.size() == 4 && cells[2] == phone &&
                cells[3] == std::to_string(rows) &&
                (*source)->row_number() == static_cast<std::size_t>(rows) + 1;
  }
  writer.join();
  EXPECT_TRUE((*source)->status().ok());
  EXPECT_EQ(rows, kRows);
  EXPECT_TRUE(all_match);
  EXPECT_TRUE(writer_saw_first_row);
}

}  // namespace
}  // namespace cordon::sheet
