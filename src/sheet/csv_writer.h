// Writes rows as CSV that Excel on Chinese Windows opens correctly: UTF-8 with a byte-order mark
// (without one Excel reads the file as GBK), CRLF line ends, and RFC 4180 quoting of cells that
// hold a comma, a quote or a line break. Cells are written verbatim otherwise.
//
// Thread-safety: a writer belongs to one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "domain/sheets.h"

namespace cordon::sheet {

// Creates (or truncates) `path`. Errors: sheet.write (the file cannot be created; detail: the
// system's reason). Write and Finish fail with sheet.write when writing fails.
Result<std::unique_ptr<sheets::RowSink>> CreateCsv(const std::string& path);

}  // namespace cordon::sheet
