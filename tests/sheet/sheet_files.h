// Spreadsheet files for tests and fuzz targets, without a test framework: a zip archive written
// from named parts, the parts of a minimal .xlsx workbook, and a source read to its end.
#pragma once

#include <zip.h>

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "domain/sheets.h"

namespace cordon::sheet::testing {

using Rows = std::vector<std::vector<std::string>>;

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

using ZipEntries = std::vector<std::pair<std::string, std::string>>;

// Writes a zip archive holding `entries` (name, content); false when libzip refused.
inline bool WriteZipEntries(const std::string& path, const ZipEntries& entries) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (zip == nullptr) {
    return false;
  }
  for (const auto& [name, content] : entries) {
    zip_source_t* source = zip_source_buffer(zip, content.data(), content.size(), 0);
    if (source == nullptr || zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(source);
      zip_discard(zip);
      return false;
    }
  }
  return zip_close(zip) == 0;
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

// The parts of a minimal workbook whose one sheet is xl/worksheets/sheet1.xml, holding
// `sheet_xml`, with xl/sharedStrings.xml when `shared_strings_xml` is given.
inline ZipEntries WorkbookEntries(const std::string& sheet_xml,
                                  const std::optional<std::string>& shared_strings_xml) {
  ZipEntries entries = {
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
      {"xl/worksheets/sheet1.xml", sheet_xml},
  };
  if (shared_strings_xml) {
    entries.emplace_back("xl/sharedStrings.xml", *shared_strings_xml);
  }
  return entries;
}

}  // namespace cordon::sheet::testing
