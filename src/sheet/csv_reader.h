// A streaming CSV reader: RFC 4180 as Excel and WPS write it, in UTF-8, GB18030/GBK (Excel's
// "CSV (逗号分隔)" on Chinese Windows) or UTF-16LE (Excel's "Unicode text", tab-separated).
//
// The file is read in fixed-size chunks; memory stays bounded by the chunk size and by
// ReadOptions::max_cell_bytes * max_columns, whatever the length of the file.
//
// Rows:
//  - Commas separate cells; a tab does instead when the first line holds tabs and no comma.
//  - "..." quotes a cell, "" inside it is one quote, and a quoted cell may span lines. A quote
//    inside an unquoted cell, or text after a closing quote, is kept literally (as Excel does).
//  - CRLF, LF and a lone CR end a row; a last row without a line end is read.
//  - Cells are returned verbatim (spaces kept) and rows as long as they are (no padding).
//  - Blank lines are not returned, but are counted in row_number(), as a spreadsheet program
//    shows them as empty rows.
//  - row_number() is the row as Excel numbers it: a quoted line break does not start a new row.
//
// Errors (status()): sheet.encoding (bytes that are not text in the file's encoding, or UTF-8
// mixed with GBK), sheet.malformed (a quoted cell not closed at the end of the file),
// sheet.cell_too_large, sheet.too_many_columns — each with the row number as detail — and
// sheet.open when reading the file fails.
//
// Thread-safety: a reader belongs to one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "domain/sheets.h"
#include "sheet/read_options.h"

namespace cordon::sheet {

// Opens `path` as CSV. Errors: sheet.open (the file cannot be opened or read; detail: the
// system's reason), sheet.format (the file is binary, not text; detail: why).
Result<std::unique_ptr<sheets::RowSource>> OpenCsv(const std::string& path,
                                                   const ReadOptions& options = {});

}  // namespace cordon::sheet
