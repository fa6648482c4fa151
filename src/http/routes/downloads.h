// Files the API hands out (exports, error lists): staged in the temp directory and sent as
// attachments.
//
// Thread-safety: pure functions.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/sheets.h"
#include "http/router.h"
#include "http/services.h"

namespace cordon::http {

inline constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A fresh path in the temp directory, ending in `suffix`.
std::string TempFile(const Services& s, std::string_view suffix);
// A file name for Content-Disposition: ASCII for old clients, UTF-8 for the rest (RFC 6266).
std::string Disposition(std::string_view ascii_name, std::string_view utf8_name);
// The format asked for with ?format=: xlsx (the default) or csv. True for csv.
Result<bool> WantsCsv(const Request& req);
Result<std::unique_ptr<sheets::RowSink>> CreateSink(const std::string& path, bool csv,
                                                    const std::string& sheet_name);
// The staged file as an attachment named `ascii_name` / `utf8_name` plus the extension.
Response Download(const std::string& path, bool csv, std::string_view ascii_name,
                  std::string_view utf8_name);

}  // namespace cordon::http
