// Fuzz target: a CSV upload read through to its end, as `cordon import` reads it. The first byte
// chooses the encoding (auto, UTF-8, GB18030) and the bounds; the rest is the file.
#include <cstdint>
#include <string>

#include "sheet/csv_reader.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/sheet/sheet_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) {
    return 0;
  }
  cordon::sheet::ReadOptions options;
  options.encoding = static_cast<cordon::sheet::Encoding>(data[0] % 3);
  options.max_cell_bytes = (data[0] & 0x4) != 0 ? 16 : 4096;
  options.max_columns = (data[0] & 0x8) != 0 ? 3 : 256;
  cordon::fuzz::TempFile file(data + 1, size - 1);
  auto source = cordon::sheet::OpenCsv(file.path(), options);
  if (source.ok()) {
    (void)cordon::sheet::testing::ReadAll(**source);
  }
  return 0;
}
