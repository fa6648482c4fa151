// Fuzz target: the first worksheet of an .xlsx workbook. The input is the worksheet's XML, then
// optionally a line "@@" and the shared-string table's XML; the target packs them into a workbook
// (a real zip, with the parts Excel writes) so that mutations reach the XML, not the zip's CRCs.
#include <zip.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sheet/xlsx_reader.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

constexpr std::string_view kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>)";
constexpr std::string_view kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>)";
constexpr std::string_view kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>)";

void Add(zip_t* z, const char* name, std::string_view text) {
  zip_source_t* src = zip_source_buffer(z, text.data(), text.size(), 0);
  if (src == nullptr || zip_file_add(z, name, src, ZIP_FL_OVERWRITE) < 0) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t split = input.find("\n@@\n");
  const std::string_view sheet = input.substr(0, split);
  const std::string_view strings =
      split == std::string_view::npos ? std::string_view() : input.substr(split + 4);
  cordon::fuzz::TempFile file(nullptr, 0);
  {
    int error = 0;
    zip_t* z = zip_open(file.path().c_str(), ZIP_TRUNCATE, &error);
    if (z == nullptr) {
      std::abort();
    }
    Add(z, "[Content_Types].xml", kContentTypes);
    Add(z, "xl/workbook.xml", kWorkbook);
    Add(z, "xl/_rels/workbook.xml.rels", kWorkbookRels);
    Add(z, "xl/worksheets/sheet1.xml", sheet);
    if (split != std::string_view::npos) {
      Add(z, "xl/sharedStrings.xml", strings);
    }
    if (zip_close(z) < 0) {
      std::abort();
    }
  }
  cordon::sheet::ReadOptions options;
  options.max_columns = 64;
  auto source = cordon::sheet::OpenXlsx(file.path(), options);
  cordon::fuzz::ReadAll(source);
  return 0;
}
