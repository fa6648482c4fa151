// A streaming reader for the first worksheet of an .xlsx workbook (Office Open XML, as Excel,
// WPS and LibreOffice save it).
//
// The worksheet's XML is decompressed and parsed a chunk at a time, never extracted whole; the
// shared-string table (xl/sharedStrings.xml) is held in memory because cells refer to it by
// index.
//
// Cells come back as the text a user sees in an unformatted cell:
//  - strings (shared, inline, formula results) as stored, rich-text runs joined, phonetic
//    guides (<rPh>) left out, _xHHHH_ escapes decoded;
//  - numbers without ".0" or an exponent when they are whole ("13812345678", "3"), otherwise as
//    stored ("0.5"). A whole number prints as the exact value of the stored double: an 18-digit
//    ID typed as a number has already lost its last digits, and ID validation reports that.
//    Dates are numbers too (date serials); styles are not read;
//  - booleans as "TRUE"/"FALSE", errors as their text ("#N/A").
// Cells are placed by their column letters; missing cells are empty, trailing empty cells are
// dropped, and rows with no cells (absent from the XML, or all empty) are skipped.
// row_number() is the row's number in the workbook.
//
// Errors (status()): sheet.malformed (the worksheet's XML is broken; detail: the row number, or
// empty before the first row), sheet.cell_too_large and sheet.too_many_columns (detail: the row
// number).
//
// Thread-safety: a reader belongs to one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "domain/sheets.h"
#include "sheet/read_options.h"

namespace cordon::sheet {

// Opens the first worksheet of the workbook at `path`. Errors: sheet.open (the file cannot be
// opened or read; detail: the reason), sheet.format (not a zip archive, or a zip that holds no
// worksheet; detail: why), sheet.malformed (broken workbook parts, e.g. the shared strings),
// sheet.too_large (the shared-string table is larger than the reader holds in memory).
Result<std::unique_ptr<sheets::RowSource>> OpenXlsx(const std::string& path,
                                                    const ReadOptions& options = {});

}  // namespace cordon::sheet
