// The spreadsheet adapter: opens an uploaded CSV or .xlsx file by its content, whatever its
// name, and creates CSV and .xlsx exports. Implements the RowSource and RowSink interfaces of
// domain/sheets.h; see the per-format headers for what each reader returns.
//
// Error codes (Error::code; Error::detail as noted):
//   sheet.open            the file cannot be opened or read (detail: the system's reason)
//   sheet.format          not a CSV or .xlsx file: binary content, an old .xls, a zip without a
//                         worksheet (detail: why)
//   sheet.encoding        CSV bytes that are not text in the file's encoding, or UTF-8 mixed
//                         with GBK (detail: the row number)
//   sheet.malformed       a CSV quoted cell never closed, or broken .xlsx XML (detail: the row
//                         number, empty when no row applies)
//   sheet.cell_too_large  a cell longer than ReadOptions::max_cell_bytes (detail: row number)
//   sheet.too_many_columns a non-empty cell past ReadOptions::max_columns (detail: row number)
//   sheet.too_large       an .xlsx shared-string table beyond what the reader holds in memory
//   sheet.write           writing an export failed (detail: why)
//
// Thread-safety: each reader and writer belongs to one thread at a time; the functions may be
// called from any thread.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "domain/sheets.h"
#include "sheet/csv_reader.h"
#include "sheet/csv_writer.h"
#include "sheet/read_options.h"
#include "sheet/xlsx_reader.h"
#include "sheet/xlsx_writer.h"

namespace cordon::sheet {

// Opens `path` as .xlsx when it is a zip archive ("PK\3\4"), else as CSV. An old binary .xls
// (or an encrypted workbook, which is stored the same way) fails with sheet.format, detail
// "ole2".
Result<std::unique_ptr<sheets::RowSource>> OpenSheet(const std::string& path,
                                                     const ReadOptions& options = {});

}  // namespace cordon::sheet
