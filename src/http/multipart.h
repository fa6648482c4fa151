// multipart/form-data uploads, as a browser's file input sends them: the first part that carries
// a file is copied out to its own file, without reading the upload into memory.
//
// Thread-safety: pure functions over files.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace cordon::http {

struct UploadedFile {
  std::string file_name;
  std::string content_type;
};

// Whether a Content-Type header names multipart/form-data.
bool IsMultipart(std::string_view content_type);

// Copies the first file part of the multipart body in `in_path` to `out_path`. Errors:
// request.multipart (no boundary, or a body that does not follow it), import.no_file (no part
// carries a file).
Result<UploadedFile> ExtractMultipartFile(const std::string& in_path, std::string_view content_type,
                                          const std::string& out_path);

}  // namespace cordon::http
