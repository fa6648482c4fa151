#include "http/routes/downloads.h"

#include <fmt/format.h>

#include <cctype>
#include <filesystem>

#include "app/crypto.h"
#include "sheet/sheet.h"

namespace cordon::http {

std::string TempFile(const Services& s, std::string_view suffix) {
  return (std::filesystem::path(s.temp_dir) /
          ("cordon-" + app::NewRequestId() + app::NewRequestId() + std::string(suffix)))
      .string();
}

// A file name for Content-Disposition: ASCII for old clients, UTF-8 for the rest (RFC 6266).
std::string Disposition(std::string_view ascii_name, std::string_view utf8_name) {
  std::string encoded;
  for (unsigned char c : utf8_name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += fmt::format("%{:02X}", c);
    }
  }
  return fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii_name, encoded);
}

// The format asked for with ?format=: xlsx (the default) or csv.
Result<bool> WantsCsv(const Request& req) {
  auto f = req.Query("format").value_or("xlsx");
  if (f != "xlsx" && f != "csv") {
    return MakeError("request.invalid_query", "format");
  }
  return f == "csv";
}

Result<std::unique_ptr<sheets::RowSink>> CreateSink(const std::string& path, bool csv,
                                                    const std::string& sheet_name) {
  if (csv) {
    return sheet::CreateCsv(path);
  }
  return sheet::CreateXlsx(path, sheet_name);
}

Response Download(const std::string& path, bool csv, std::string_view ascii_name,
                  std::string_view utf8_name) {
  Response r;
  r.status = 200;
  r.content_type = csv ? "text/csv; charset=utf-8" : std::string(kXlsxType);
  r.body_file = path;
  r.headers.emplace_back("Content-Disposition",
                         Disposition(fmt::format("{}.{}", ascii_name, csv ? "csv" : "xlsx"),
                                     fmt::format("{}.{}", utf8_name, csv ? "csv" : "xlsx")));
  return r;
}

}  // namespace cordon::http
