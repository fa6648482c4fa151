// Helpers for the spreadsheet adapter tests: files with exact bytes, GBK and UTF-16 text made
// with iconv, and, over sheet_files.h, .xlsx archives with exactly the XML a case needs and reading
// a source to the end.
#pragma once

#include <gtest/gtest.h>
#include <iconv.h>
#include <zip.h>

#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "domain/sheets.h"
#include "sheet_files.h"

namespace cordon::sheet::testing {

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

// Writes a zip archive holding `entries` (name, content).
inline void WriteZip(const std::string& path, const ZipEntries& entries) {
  ASSERT_TRUE(WriteZipEntries(path, entries)) << path;
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

// A minimal workbook whose one sheet is xl/worksheets/sheet1.xml.
inline void WriteWorkbook(const std::string& path, const std::string& sheet_data,
                          const std::string& shared_string_items = "") {
  WriteZip(path, WorkbookEntries(SheetXml(sheet_data),
                                 shared_string_items.empty()
                                     ? std::nullopt
                                     : std::optional(SharedStringsXml(shared_string_items))));
}

}  // namespace cordon::sheet::testing
