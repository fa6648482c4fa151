// How the spreadsheet readers decode and bound what they read.
//
// Thread-safety: plain values; safe to copy between threads.
#pragma once

#include <cstddef>

namespace cordon::sheet {

enum class Encoding {
  // A byte-order mark decides; without one, UTF-8 unless the file is not valid UTF-8 before any
  // multi-byte character, in which case GB18030 (what Excel on Chinese Windows saves as CSV).
  kAuto,
  kUtf8,
  kGb18030,
};

struct ReadOptions {
  Encoding encoding = Encoding::kAuto;
  // The longest cell, in UTF-8 bytes, before reading fails with sheet.cell_too_large. Person
  // imports hold names, IDs, phone numbers and short notes; 4 KiB is far above any of them and
  // keeps one row of a hostile file from taking more than max_columns * max_cell_bytes of memory.
  std::size_t max_cell_bytes = 4096;
  // The most columns a row may hold before reading fails with sheet.too_many_columns. Empty
  // cells past the bound (Excel often saves a row of trailing commas) are dropped, not counted
  // as an error. The import templates have about ten columns.
  std::size_t max_columns = 256;
};

}  // namespace cordon::sheet
