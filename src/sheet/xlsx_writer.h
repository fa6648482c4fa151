// Writes rows as an .xlsx workbook with one worksheet, through libxlsxwriter in constant-memory
// mode (each row goes to a temporary file as it is written, so memory does not grow with the
// row count).
//
// Every cell is written as a string, never a number, so that 18-digit ID numbers and phone
// numbers keep all their digits; every used column is also formatted as text ("@") so that a
// user who types into a downloaded template keeps them too. The first row is the header, in
// bold. Column widths follow the widest cell (CJK characters counted double), within bounds.
//
// Thread-safety: a writer belongs to one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "domain/sheets.h"

namespace cordon::sheet {

// Creates (or replaces) `path` with a worksheet named `sheet_name`. Errors: sheet.write (the
// file cannot be created, or Excel does not allow the sheet name — at most 31 characters, none
// of []:*?/\ ; detail: why). Write fails with sheet.write past Excel's limits (1,048,576 rows,
// 16,384 columns, 32,767 characters in a cell); the file is complete only when Finish returns
// ok, and Finish fails with sheet.write when writing it fails.
Result<std::unique_ptr<sheets::RowSink>> CreateXlsx(const std::string& path,
                                                    const std::string& sheet_name);

}  // namespace cordon::sheet
