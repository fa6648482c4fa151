// Helpers for the spreadsheet adapter tests: files with exact bytes, GBK and UTF-16 text made
// with iconv, .xlsx archives with exactly the XML a case needs, and reading a source to the end.
#pragma once

#include <gtest/gtest.h>
#include <iconv.h>
#include <zip.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "domain/sheets.h"

namespace cordon::sheet::testing {

using Rows = std::vector<std::vector<std::string>>;

inline void WriteFile(const std::string& path, const std::string& bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr) << path;
  ASSERT_EQ(std::fwrite(bytes.data(), 1, bytes.size(), f), bytes.size());
  ASSERT_EQ(std::fclose(f), 0);
}

inline std::string ReadFile(const std::string& path) {
  std::string bytes;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return bytes;
  }
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
    bytes.append(buffer, n);
  }
  std::fclose(f);
  return bytes;
}

// `utf8` converted to `encoding` ("GB18030", "UTF-16LE") with iconv.
inline std::string Encode(const std::string& utf8, const char* encoding) {
  iconv_t cd = iconv_open(encoding, "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  EXPECT_NE(iconv(cd, &in, &in_left, &dst, &dst_left), static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

inline std::string Gbk(const std::string& utf8) { return Encode(utf8, "GB18030"); }

// Everything a source returned, and how it ended.
struct ReadResult {
  Rows rows;
  std::vector<std::size_t> numbers;
  Status status;
};

inline ReadResult ReadAll(sheets::RowSource& source) {
  ReadResult result;
  std::vector<std::string> cells;
  while (source.Next(cells)) {
    result.rows.push_back(cells);
    result.numbers.push_back(source.row_number());
  }
  result.status = source.status();
  return result;
}

// Writes a zip archive holding `entries` (name, content).
inline void WriteZip(const std::string& path,
                     const std::vector<std::pair<std::string, std::string>>& entries) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(zip, nullptr);
  for (const auto& [name, content] : entries) {
    zip_source_t* source = zip_source_buffer(zip, content.data(), content.size(), 0);
    ASSERT_NE(source, nullptr);
    ASSERT_GE(zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8), 0);
  }
  ASSERT_EQ(zip_close(zip), 0);
}

// The content of one entry of a zip archive, or "" when it is missing.
inline std::string ReadZipEntry(const std::string& path, const std::string& name) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (zip == nullptr) {
    return {};
  }
  std::string content;
  if (zip_file_t* file = zip_fopen(zip, name.c_str(), 0); file != nullptr) {
    char buffer[4096];
    zip_int64_t n = 0;
    while ((n = zip_fread(file, buffer, sizeof buffer)) > 0) {
      content.append(buffer, static_cast<std::size_t>(n));
    }
    zip_fclose(file);
  }
  zip_discard(zip);
  return content;
}

constexpr const char* kMainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

// A worksheet part around `sheet_data` (the <row> elements).
inline std::string SheetXml(const std::string& sheet_data) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n") +
         "<worksheet xmlns=\"" + kMainNamespace + "\"><dimension ref=\"A1\"/><sheetData>" +
         sheet_data + "</sheetData></worksheet>";
}

inline std::string SharedStringsXml(const std::string& items) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sst xmlns=\"") + kMainNamespace +
         "\">" + items + "</sst>";
}

// A minimal workbook whose one sheet is xl/worksheets/sheet1.xml.
inline void WriteWorkbook(const std::string& path, const std::string& sheet_data,
                          const std::string& shared_string_items = "") {
  std::vector<std::pair<std::string, std::string>> entries = {
      {"xl/workbook.xml",
       std::string("<workbook xmlns=\"") + kMainNamespace +
           "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
           "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
       "Id=\"rId1\" "
       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
       "Target=\"worksheets/sheet1.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", SheetXml(sheet_data)},
  };
  if (!shared_string_items.empty()) {
    entries.emplace_back("xl/sharedStrings.xml", SharedStringsXml(shared_string_items));
  }
  WriteZip(path, entries);
}

}  // namespace cordon::sheet::testing
