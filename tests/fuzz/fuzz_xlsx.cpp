// Fuzz target: the first worksheet of an .xlsx workbook. The input is the worksheet's XML, then
// optionally a line "@@" and the shared-string table's XML; the target packs them into a workbook
// (a real zip, with the parts the reader looks for) so that mutations reach the XML, not the zip's
// CRCs.
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "sheet/xlsx_reader.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/sheet/sheet_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t split = input.find("\n@@\n");
  std::optional<std::string> shared_strings;
  if (split != std::string_view::npos) {
    shared_strings = std::string(input.substr(split + 4));
  }
  cordon::fuzz::TempFile file(nullptr, 0);
  const auto parts =
      cordon::sheet::testing::WorkbookEntries(std::string(input.substr(0, split)), shared_strings);
  if (!cordon::sheet::testing::WriteZipEntries(file.path(), parts)) {
    std::abort();
  }
  cordon::sheet::ReadOptions options;
  options.max_columns = 64;
  auto source = cordon::sheet::OpenXlsx(file.path(), options);
  if (source.ok()) {
    (void)cordon::sheet::testing::ReadAll(**source);
  }
  return 0;
}
